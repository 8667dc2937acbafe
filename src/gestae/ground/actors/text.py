"""Tokens for alias matching: one tokenizer for knowledge-base aliases and for text, so both meet.

Normalisation folds case, accents and punctuation variants ("Erdoğan" = "Erdogan", "U.S." = "US",
"al-Qaida" = "al Qaida"), while each token keeps its character offsets and original spelling so
that case rules ("IS" must be written in capitals) can be checked against the text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Dotted acronyms (U.S., U.N.), words with inner apostrophes (Ma'an, Sa'ar), single symbols.
_TOKEN = re.compile(r"(?:[^\W_]\.){2,}|[^\W_]+(?:['’][^\W_]+)*|[^\w\s]")
# Letters that Unicode does not decompose into a base letter plus accent.
_FOLD = str.maketrans({
    "ı": "i", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe",
    "ß": "ss", "’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'", "–": "-", "—": "-",
})
_POSSESSIVE = re.compile(r"(.{2,})['’]s$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Token:
    """A word or symbol of the text, with its normalised form and offsets."""

    norm: str
    text: str
    start: int
    end: int
    hyphen_before: bool = False  # joined to the previous token by a hyphen ("Iranian-backed")

    @property
    def is_word(self) -> bool:
        return self.norm[:1].isalnum()


def fold(text: str) -> str:
    """Lower-case, strip accents and unify apostrophes and dashes."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split `text` into tokens; hyphens are dropped but remembered on the following token."""
    tokens: list[Token] = []
    for m in _TOKEN.finditer(text):
        raw = m.group()
        if raw in "-–—":
            continue
        at = m.start()
        joined = at > 1 and text[at - 1] in "-–—" and not text[at - 2].isspace()
        start = at + offset
        possessive = _POSSESSIVE.match(raw)
        if possessive:
            base = possessive.group(1)
            tokens.append(Token(_norm(base), base, start, start + len(base), joined))
            tokens.append(Token("'s", raw[len(base):], start + len(base), start + len(raw)))
            continue
        tokens.append(Token(_norm(raw), raw, start, start + len(raw), joined))
    return tokens


def _norm(raw: str) -> str:
    folded = fold(raw)
    if "." in folded and len(folded) > 1:
        folded = folded.replace(".", "")
    return folded


def key(text: str) -> tuple[str, ...]:
    """The normalised word sequence used to index an alias."""
    return tuple(t.norm for t in tokenize(text))


def case_rule(alias: str) -> str | None:
    """How the text must be written to match this alias.

    "upper": acronyms in capitals (IS, AP, U.S.) match only capitalised text, so the pronoun "us"
    or the verb "is" never become actors. "exact": mixed-case acronyms (LeT, JeM) match only as
    written. "title": proper names that start with a capital (Turkey, Amnesty, Fox) need a
    capital in the text too. None: any case ("al-Qaeda").
    """
    letters = [c for c in alias if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return "upper"
    words = [w for w in re.split(r"[\s\-]+", alias) if w]
    if len(words) == 1 and any(c.isupper() for c in letters[1:]) and any(c.islower() for c in letters):
        return "exact"
    if letters and alias.lstrip()[:1].isupper():
        return "title"
    return None


def satisfies(rule: str | None, tokens: list[Token], alias: str = "") -> bool:
    """Whether the matched text tokens are written the way `rule` asks."""
    if rule is None:
        return True
    if rule == "upper":
        letters = [c for t in tokens for c in t.text if c.isalpha()]
        return bool(letters) and all(c.isupper() for c in letters)
    if rule == "exact":
        return "".join(t.text for t in tokens) == re.sub(r"[\s\-]", "", alias)
    return tokens[0].text[:1].isupper()
