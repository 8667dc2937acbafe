"""Rules for expressions whose value depends on the publication date or on an earlier date in the
text: "Friday", "yesterday", "last week", "this month", "two days ago", "the next day", "later that year".
"""

from __future__ import annotations

import datetime as dt
import re

from gestae.ground.time import values
from gestae.ground.time.anchoring import Relation, relation_of, weekday_date
from gestae.ground.time.calendrics import quarter_of, shift_months
from gestae.ground.time.lexicon import PARTS_OF_DAY, UNITS, WEEKDAY_NUMBERS
from gestae.ground.time.counts import parse_count
from gestae.ground.time.patterns import APPROXIMATOR, BOUND, COUNT, UNIT, VAGUE_COUNT, WEEKDAY
from gestae.ground.time.reading import Anaphor, Context, Reading, Rule, reading, rule
from gestae.ground.time.tense import Direction

_PART = "morning|afternoon|evening|night"


def _part_suffix(part: str | None) -> str:
    return "T" + PARTS_OF_DAY[part.lower()] if part else ""


def _day_reading(match: re.Match[str], day: dt.date | None, part: str | None, unknown: str) -> Reading:
    """A DATE for a whole day, or a TIME when a part of the day is named ("Friday night")."""
    suffix = _part_suffix(part)
    value = (day.isoformat() if day else unknown) + suffix
    return reading(match, "TIME" if suffix else "DATE", value)


# --- weekdays and neighbouring days ----------------------------------------------------------------

def _weekday(match: re.Match[str], ctx: Context) -> Reading:
    weekday = WEEKDAY_NUMBERS[match["wd"].lower()]
    if ctx.dct is None:
        return _day_reading(match, None, match["part"], f"XXXX-WXX-{weekday + 1}")
    start, end = match.span()
    day = weekday_date(ctx.dct, weekday, relation_of(match["rel"]), ctx.direction(start, end))
    return _day_reading(match, day, match["part"], "")


_DAY_SHIFTS = {
    "today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
    "the day before yesterday": -2, "the day after tomorrow": 2,
}


def _relative_day(match: re.Match[str], ctx: Context) -> Reading:
    shift = _DAY_SHIFTS[re.sub(r"\s+", " ", match["word"].lower())]
    day = ctx.dct + dt.timedelta(days=shift) if ctx.dct else None
    return _day_reading(match, day, match["part"], "XXXX-XX-XX")


def _this_part_of_day(match: re.Match[str], ctx: Context) -> Reading:
    """'this morning' is the DCT's morning; 'last night' the night before it."""
    shift = -1 if match["rel"].lower() == "last" else 0
    day = ctx.dct + dt.timedelta(days=shift) if ctx.dct else None
    return _day_reading(match, day, match["part"], "XXXX-XX-XX")


# --- last week, this month, next year ---------------------------------------------------------------

def _shifted_unit(dct: dt.date, unit: str, shift: int) -> str:
    if unit == "week":
        return values.week_value(dct + dt.timedelta(weeks=shift))
    if unit == "month":
        return values.month_value(*shift_months(dct.year, dct.month, shift))
    if unit == "quarter":
        index = dct.year * 4 + quarter_of(dct) - 1 + shift
        return values.quarter_value(index // 4, index % 4 + 1)
    if unit == "decade":
        return values.decade_value(dct.year // 10 * 10 + 10 * shift)
    return values.year_value(dct.year + shift)


_UNKNOWN_UNIT = {
    "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX", "quarter": "XXXX-QX", "decade": "XXXX",
    "year": "XXXX",
}


def _weekend(dct: dt.date, relation: Relation | None, direction: Direction | None) -> str:
    """The weekend meant by "last weekend", "this weekend" or "over the weekend"."""
    saturday_before = dct - dt.timedelta(days=(dct.weekday() - 5) % 7)  # latest Saturday on or before
    if dct.weekday() >= 5:  # the article is dated on a weekend
        current = saturday_before
        if relation is Relation.last:
            return values.weekend_value(current - dt.timedelta(days=7))
        if relation is Relation.next:
            return values.weekend_value(current + dt.timedelta(days=7))
        return values.weekend_value(current)
    coming = saturday_before + dt.timedelta(days=7)
    if relation is Relation.last:
        return values.weekend_value(saturday_before)
    if relation is Relation.next:
        return values.weekend_value(coming + dt.timedelta(days=7))
    if direction is Direction.future:
        return values.weekend_value(coming)
    if direction is Direction.past or relation is None:
        return values.weekend_value(saturday_before)
    # "this weekend" with no tense: early in the week it is the one just gone, later the one ahead.
    return values.weekend_value(saturday_before if dct.weekday() <= 1 else coming)


def _relative_unit(match: re.Match[str], ctx: Context) -> Reading | None:
    unit = match["unit"].lower()
    rel = match["rel"].lower()
    has_article = bool(match["the"])
    if unit == "fortnight":
        return reading(match, "DURATION", "P2W")
    if rel in ("previous", "following", "preceding"):
        if unit == "weekend":
            return None
        return reading(match, "DATE", "", Anaphor(unit, -1 if rel != "following" else 1))  # type: ignore[arg-type]
    if unit != "weekend" and (rel == "past" or (has_article and rel in ("last", "next", "coming"))):
        # "the past week", "the next year", "over past month": a stretch of time, not a calendar unit.
        if unit == "quarter":
            return reading(match, "DURATION", "P3M")
        return reading(match, "DURATION", values.duration_value(1, UNITS[unit][0], False))
    relation = relation_of("this" if rel == "current" else rel)
    if ctx.dct is None:
        return reading(match, "DATE", _UNKNOWN_UNIT[unit])
    if unit == "weekend":
        start, end = match.span()
        return reading(match, "DATE", _weekend(ctx.dct, relation, ctx.direction(start, end)))
    shift = {Relation.last: -1, Relation.this: 0, Relation.next: 1}[relation]  # type: ignore[index]
    return reading(match, "DATE", _shifted_unit(ctx.dct, unit, shift))


def _bare_weekend(match: re.Match[str], ctx: Context) -> Reading:
    if ctx.dct is None:
        return reading(match, "DATE", "XXXX-WXX-WE")
    start, end = match.span()
    return reading(match, "DATE", _weekend(ctx.dct, None, ctx.direction(start, end)))


# --- two days ago, a week later --------------------------------------------------------------------

def _unit_letter(unit: str) -> str:
    return UNITS[unit.lower()][0]


def _ago(match: re.Match[str], ctx: Context) -> Reading | None:
    letter = _unit_letter(match["unit"])
    count = parse_count(match["n"]) if match["n"] else None
    future = match["dir"].lower() != "ago"
    if count is None:
        return reading(match, "DATE", values.FUTURE_REF if future else values.PAST_REF)
    if ctx.dct is None:
        unknown = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX"}.get(letter, "XXXX")
        return reading(match, "DATE", unknown)
    sign = 1 if future else -1
    time_unit = UNITS[match["unit"].lower()][1]
    if time_unit:  # hours or minutes ago: the day of the article
        return reading(match, "DATE", ctx.dct.isoformat())
    if letter == "D" or (letter == "W" and not count.is_integer()):
        days = round(sign * count * (7 if letter == "W" else 1))
        return reading(match, "DATE", (ctx.dct + dt.timedelta(days=days)).isoformat())
    if letter == "W":
        return reading(match, "DATE", values.week_value(ctx.dct + dt.timedelta(weeks=sign * int(count))))
    if letter == "M" or (letter == "Y" and not count.is_integer()):
        months = round(count * (12 if letter == "Y" else 1))
        return reading(match, "DATE", values.month_value(*shift_months(ctx.dct.year, ctx.dct.month, sign * months)))
    years = count * {"Y": 1, "DE": 10, "CE": 100}[letter]
    return reading(match, "DATE", values.year_value(ctx.dct.year + sign * round(years)))


def _later_earlier(match: re.Match[str], ctx: Context) -> Reading | None:
    count = parse_count(match["n"])
    letter = _unit_letter(match["unit"])
    if count is None or not count.is_integer() or letter not in ("D", "W", "M", "Y"):
        return None
    unit = {"D": "day", "W": "week", "M": "month", "Y": "year"}[letter]
    sign = 1 if match["dir"].lower() == "later" else -1
    return reading(match, "DATE", "", Anaphor(unit, sign * int(count)))  # type: ignore[arg-type]


# --- that day, the next morning, later that year ---------------------------------------------------

def _anaphoric(match: re.Match[str], ctx: Context) -> Reading:
    unit = match["unit"].lower()
    shift = {"next": 1, "following": 1, "previous": -1, "preceding": -1}.get((match["rel"] or "").lower(), 0)
    if unit in PARTS_OF_DAY:
        return reading(match, "TIME", "", Anaphor("day", shift, _part_suffix(unit)))
    return reading(match, "DATE", "", Anaphor(unit, shift))  # type: ignore[arg-type]


def _day_before_after(match: re.Match[str], ctx: Context) -> Reading:
    return reading(match, "DATE", "", Anaphor("day", 1 if match["dir"].lower() == "after" else -1))


def relative_rules() -> list[Rule]:
    """Rules for DCT-relative and text-relative expressions."""
    return [
        rule(
            "relative_day",
            rf"\b(?P<word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|tonight|yesterday|tomorrow)"
            rf"(?:\s+(?P<part>{_PART}))?\b",
            _relative_day,
        ),
        rule("this_part_of_day", rf"\b(?P<rel>this|last)\s+(?P<part>morning|afternoon|evening|night)\b", _this_part_of_day),
        rule(
            "weekday",
            rf"\b(?:(?P<rel>last|this|next|past|coming)\s+)?(?P<wd>{WEEKDAY})\b(?:\s+(?P<part>{_PART})\b)?",
            _weekday,
        ),
        rule(
            "relative_unit",
            r"\b(?:(?:earlier|later)\s+)?(?P<t>(?:(?:early|late|mid|the\s+(?:end|beginning|start|middle)\s+of)[\s-]+)?"
            r"(?P<the>the\s+)?(?P<rel>last|this|next|past|coming|previous|following|preceding|current)\s+"
            r"(?P<unit>week|weekend|month|year|quarter|decade|fortnight)\b)",
            _relative_unit,
        ),
        rule("bare_weekend", r"\bthe\s+weekend\b", _bare_weekend),
        rule(
            "ago",
            rf"\b(?:{APPROXIMATOR}\s+)?(?P<t>(?:{BOUND}\s+)?(?:(?P<n>{COUNT}|an?)\s+|(?:{VAGUE_COUNT})\s+)?(?P<unit>{UNIT})\s+"
            r"(?P<dir>ago|from\s+now|hence)\b)",
            _ago,
        ),
        rule(
            "later_earlier",
            rf"\b(?P<n>{COUNT}|an?)\s+(?P<unit>{UNIT})\s+(?P<dir>later|earlier)\b",
            _later_earlier,
        ),
        rule(
            "anaphoric",
            r"\b(?:(?:earlier|later|early|late)\s+)?"
            r"(?:that\s+same|the\s+same|that|the\s+(?P<rel>next|following|previous|preceding))\s+"
            rf"(?P<unit>day|morning|afternoon|evening|night|week|month|year)\b",
            _anaphoric,
        ),
        rule(
            "day_before_after",
            r"\bthe\s+day\s+(?P<dir>before|after)(?=\s*[,.;:]|\s+(?:that|then)\b)",
            _day_before_after,
        ),
    ]
