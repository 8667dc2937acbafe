"""`TimexTagger`: finds time expressions in raw text and normalises them against the publication date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from gestae.records import DatePrecision, Timex
from gestae.ground.time import values
from gestae.ground.time.calendrics import shift_months
from gestae.ground.time.grammar import grammar
from gestae.ground.time.reading import Anaphor, Context, Reading, Rule

# A sentence ends at terminal punctuation followed by a capitalised word or a quote, or at a blank line.
_SENTENCE_BREAK = re.compile(r"[.!?]['\"”’]*\s+(?=[A-Z`\"“])|\n\s*\n")

_UNKNOWN_FOR_UNIT = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX"}
_PRECISION_RANK = {DatePrecision.day: 0, DatePrecision.week: 1, DatePrecision.month: 2, DatePrecision.year: 3}
_NEEDED_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


class TimexTagger:
    """Finds TimeML time expressions (TIMEX3) in English text and gives each its value.

    Rule-based and regex-driven, so it needs no parse and is fast. Values of relative expressions
    ("Friday", "last week") are computed from `dct`, the document creation (publication) date; with
    no `dct` they are written with X for what is unknown (`XXXX-WXX-5`) and get no day range.
    """

    def __init__(self) -> None:
        self._rules: tuple[Rule, ...] = grammar()

    def tag(self, text: str, dct: dt.date | None = None) -> list[Timex]:
        """The time expressions in `text`, in order, with offsets into `text` (end exclusive)."""
        if isinstance(dct, dt.datetime):
            dct = dct.date()
        context = Context(text, dct)
        candidates: list[tuple[int, Reading]] = []
        for priority, rule in enumerate(self._rules):
            for match in rule.pattern.finditer(text):
                found = rule.handler(match, context)
                if found is None:
                    continue
                for item in found if isinstance(found, list) else [found]:
                    if item.end > item.start:
                        candidates.append((priority, replace(item, rule=rule.name)))
        chosen = _longest_first(candidates)
        return [_to_timex(text, item) for item in _resolve_anaphors(chosen, text, dct)]


def _longest_first(candidates: list[tuple[int, Reading]]) -> list[Reading]:
    """Non-overlapping readings: longer spans first, then higher-priority rules, then earlier ones."""
    ordered = sorted(candidates, key=lambda c: (-(c[1].end - c[1].start), c[0], c[1].start))
    taken: list[Reading] = []
    for _, item in ordered:
        if all(item.end <= other.start or item.start >= other.end for other in taken):
            taken.append(item)
    return sorted(taken, key=lambda item: item.start)


def _resolve_anaphors(readings: list[Reading], text: str, dct: dt.date | None) -> list[Reading]:
    """Fill in values that count from an earlier date in the text ("the next day", "at 10 p.m.")."""
    resolved: list[Reading] = []
    anchors: list[tuple[Reading, dt.date, DatePrecision]] = []
    for item in readings:
        if item.anaphor is not None:
            item = replace(item, value=_anaphor_value(item, anchors, text, dct))
        if item.type in ("DATE", "TIME"):
            start, _, precision = values.resolve_value(item.value)
            if start is not None:
                anchors.append((item, start, precision))
        resolved.append(item)
    return resolved


def _anaphor_value(
    item: Reading, anchors: list[tuple[Reading, dt.date, DatePrecision]], text: str, dct: dt.date | None
) -> str:
    anaphor = item.anaphor
    assert anaphor is not None
    anchor_day: dt.date | None = None
    for previous, day, precision in reversed(anchors):
        if anaphor.sentence_only and _SENTENCE_BREAK.search(text, previous.end, item.start):
            break
        if _PRECISION_RANK.get(precision, 9) <= _NEEDED_RANK[anaphor.unit]:
            anchor_day = day
            break
    if anchor_day is None and anaphor.sentence_only:
        anchor_day = dct
    if anchor_day is None:
        return _UNKNOWN_FOR_UNIT[anaphor.unit] + anaphor.suffix
    return _shift(anchor_day, anaphor) + anaphor.suffix


def _shift(day: dt.date, anaphor: Anaphor) -> str:
    if anaphor.unit == "day":
        return (day + dt.timedelta(days=anaphor.offset)).isoformat()
    if anaphor.unit == "week":
        return values.week_value(day + dt.timedelta(weeks=anaphor.offset))
    if anaphor.unit == "month":
        return values.month_value(*shift_months(day.year, day.month, anaphor.offset))
    return values.year_value(day.year + anaphor.offset)


def _to_timex(text: str, item: Reading) -> Timex:
    if item.type in ("DATE", "TIME"):
        start, end, precision = values.resolve_value(item.value)
    else:
        start, end, precision = None, None, DatePrecision.unknown
    return Timex(
        text=text[item.start : item.end],
        start=item.start,
        end=item.end,
        type=item.type,
        value=item.value,
        range_start=start,
        range_end=end,
        precision=precision,
    )
