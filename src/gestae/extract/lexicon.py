"""The trigger lexicon and the CAMEO / ACLED tables it points into.

Loaded once (`Lexicon.load()` is cached) and then only read: look-ups are dict hits by lemma.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from gestae.resources import read_tsv


@dataclass(frozen=True)
class TriggerEntry:
    """One lexicon row: a word or phrase (as lemmas) and the event category it signals."""

    words: tuple[str, ...]
    verb: bool
    noun: bool
    plover: str
    mode: str | None
    cameo: str
    acled_sub: str | None
    context: str | None
    crisis: str | None = None


def _index(entries: list[TriggerEntry]) -> tuple[dict[str, tuple[TriggerEntry, ...]], dict[str, tuple[TriggerEntry, ...]]]:
    """Single-word entries by word; phrases by first word, longest first."""
    single: dict[str, list[TriggerEntry]] = {}
    multi: dict[str, list[TriggerEntry]] = {}
    for entry in entries:
        (multi if len(entry.words) > 1 else single).setdefault(entry.words[0], []).append(entry)
    return ({k: tuple(v) for k, v in single.items()},
            {k: tuple(sorted(v, key=lambda e: -len(e.words))) for k, v in multi.items()})


@dataclass(frozen=True)
class CrisisLexicon:
    """Words of non-political crises: disasters and organised crime."""

    single: dict[str, tuple[TriggerEntry, ...]]
    multi: dict[str, tuple[TriggerEntry, ...]]

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> CrisisLexicon:
        entries = [
            TriggerEntry(tuple(lemma.lower().split()), "V" in pos, "N" in pos, "", None, "", None, None, crisis)
            for lemma, pos, crisis in read_tsv("coding", "crises.tsv")
        ]
        return cls(*_index(entries))


@dataclass(frozen=True)
class Lexicon:
    single: dict[str, tuple[TriggerEntry, ...]]
    multi: dict[str, tuple[TriggerEntry, ...]]  # keyed by first word, longest phrases first
    goldstein: dict[str, float]
    cameo_names: dict[str, str]
    acled_event_type: dict[str, str]

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> Lexicon:
        entries = [
            TriggerEntry(
                words=tuple(lemma.lower().split()),
                verb="V" in pos,
                noun="N" in pos,
                plover=plover,
                mode=None if mode == "-" else mode,
                cameo=cameo,
                acled_sub=None if acled_sub == "-" else acled_sub,
                context=None if context == "-" else context,
            )
            for lemma, pos, plover, mode, cameo, acled_sub, context in read_tsv("coding", "triggers.tsv")
        ]
        single, multi = _index(entries)
        goldstein, names = {}, {}
        for code, weight, name in read_tsv("coding", "cameo.tsv"):
            goldstein[code] = float(weight)
            names[code] = name
        acled = {sub: event for sub, event in read_tsv("coding", "acled.tsv")}
        return cls(single=single, multi=multi, goldstein=goldstein, cameo_names=names, acled_event_type=acled)

    def goldstein_of(self, cameo: str) -> float:
        """Goldstein weight of a code, falling back to its parent codes (0871 -> 087 -> 08)."""
        for cut in range(len(cameo), 1, -1):
            weight = self.goldstein.get(cameo[:cut]) or self.goldstein.get(cameo[:cut].ljust(3, "0"))
            if weight is not None:
                return weight
        return 0.0


def quad_class(cameo: str) -> int:
    """CAMEO root to QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."""
    root = int(cameo[:2])
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13:
        return 3
    return 4
