"""Rules for durations ("for three weeks", "a 16-hour flight"), sets ("daily", "every Friday"), vague
references ("now", "recently", "the future") and clock times ("at 10 a.m.", "noon Friday").
"""

from __future__ import annotations

import datetime as dt
import re

from gestae.ground.time import values
from gestae.ground.time.anchoring import weekday_date
from gestae.ground.time.lexicon import FREQUENCY_WORDS, NUMBER_WORDS, PARTS_OF_DAY, UNITS, WEEKDAY_NUMBERS
from gestae.ground.time.counts import parse_count
from gestae.ground.time.patterns import APPROXIMATOR, BOUND, COUNT, NUMBER_WORD, TIME_ZONE, UNIT, VAGUE_COUNT, WEEKDAY, one_of
from gestae.ground.time.reading import Anaphor, Context, Reading, Rule, reading, rule

_PLURAL_UNITS = "seconds|minutes|hours|days|weeks|months|years|decades|centuries"


def _duration(count: float | None, unit: str) -> str:
    letter, time_unit = UNITS[unit.lower()]
    if count is not None and not float(count).is_integer():
        # ISO 8601 durations prefer whole numbers of a smaller unit: 5 1/2 hours is PT5H30M.
        whole = int(count)
        if letter == "H" and time_unit:
            return f"PT{whole}H{round((count - whole) * 60)}M" if whole else f"PT{round(count * 60)}M"
        if letter == "Y":
            return f"P{round(count * 12)}M"
        if letter == "D":
            return f"PT{round(count * 24)}H"
    return values.duration_value(count, letter, time_unit)


# --- durations -------------------------------------------------------------------------------------

def _counted_duration(match: re.Match[str], ctx: Context) -> Reading | None:
    unit = match["unit"]
    if unit[0].isupper() and not unit.isupper() and not match["n"][0].isupper():
        return None  # a title such as "60 Minutes"
    count = parse_count(match["n"])
    if count is None or count == 0:
        return None
    return reading(match, "DURATION", _duration(count, match["unit"]))


def _vague_duration(match: re.Match[str], ctx: Context) -> Reading:
    return reading(match, "DURATION", _duration(None, match["unit"]))


# Words before "a day", "a year" that make it a stretch of time ("for a year", "nearly a month").
_DURATION_LEADS = frozenset(
    {
        "for", "about", "almost", "nearly", "over", "within", "in", "than", "only", "just", "least", "around",
        "some", "lasted", "lasting", "last", "lasts", "took", "take", "takes", "taking", "spent", "spend",
        "spending", "whole", "entire", "full", "roughly", "barely", "under", "up", "after",
    }
)
# Words before "a day", "a year" that make it a rate ("twice a day", "$1 billion a year").
_RATE_LEADS = frozenset({"once", "twice", "thrice", "times", "million", "billion", "thousand", "hundred", "dollars", "percent"})
_HALF_UNITS = {
    "minute": "PT30S", "hour": "PT30M", "day": "PT12H", "week": "P3.5D", "month": "P2W", "year": "P6M",
    "decade": "P5Y", "century": "P50Y",
}


def _a_unit(match: re.Match[str], ctx: Context) -> Reading | None:
    unit = match["unit"].lower()
    article = re.sub(r"\s+", " ", match["a"].lower())
    if "half" in article:
        return reading(match, "DURATION", _HALF_UNITS[unit])
    if article == "per":
        return reading(match, "SET", _duration(1, unit))
    before = ctx.word_before(match.start())
    if before in _RATE_LEADS or (not match["q"] and before.endswith("s") and before not in _DURATION_LEADS
                                 and before not in ("was", "is", "has", "this", "its", "his", "as", "us")):
        return reading(match, "SET", _duration(1, unit))
    follows = re.match(r"\s+(after|before|later|earlier|or|and)\b", ctx.text[match.end() :], re.IGNORECASE)
    if match["q"] or match["approx"] or match["long"] or before in _DURATION_LEADS or follows:
        return reading(match, "DURATION", _duration(1, unit))
    return None


# --- sets ------------------------------------------------------------------------------------------

def _every(match: re.Match[str], ctx: Context) -> Reading | None:
    what = match["unit"]
    if what.lower() in PARTS_OF_DAY:
        return reading(match, "SET", "XXXX-XX-XXT" + PARTS_OF_DAY[what.lower()])
    if what.lower() in WEEKDAY_NUMBERS:
        return reading(match, "SET", f"XXXX-WXX-{WEEKDAY_NUMBERS[what.lower()] + 1}")
    if what.lower() == "weekend":
        return reading(match, "SET", "XXXX-WXX-WE")
    count = 2.0 if match["other"] else (parse_count(match["n"]) if match["n"] else 1.0)
    return reading(match, "SET", _duration(count, what))


def _frequency(match: re.Match[str], ctx: Context) -> Reading | None:
    following = ctx.word_after(match.end())
    if following[:1].isupper() and ctx.word_before(match.start()) not in ("", "and", "or"):
        return None  # a newspaper: "the party daily Granma"
    return reading(match, "SET", FREQUENCY_WORDS[match.group(0).lower()])


def _weekday_plural(match: re.Match[str], ctx: Context) -> Reading:
    return reading(match, "SET", f"XXXX-WXX-{WEEKDAY_NUMBERS[match['wd'].lower()] + 1}")


# --- now, recently, the future ---------------------------------------------------------------------

def _vague_ref(value: str):
    def handler(match: re.Match[str], ctx: Context) -> Reading:
        return reading(match, "DATE", value)

    return handler


# --- clock times -----------------------------------------------------------------------------------

_CLOCK_DAY_SHIFT = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def _hour(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    value = NUMBER_WORDS.get(text.lower())
    return value if value is not None and value <= 12 else None


def _clock(match: re.Match[str], ctx: Context) -> Reading | None:
    groups = match.groupdict()
    if groups.get("named"):
        clock = "T12:00" if groups["named"].lower() in ("noon", "midday") else "T24:00"
    else:
        hour = _hour(groups["h"])
        minute = int(groups["mi"]) if groups.get("mi") else 0
        if hour is None or hour > 24 or minute > 59:
            return None
        marker = (groups.get("ap") or "").lower().replace(".", "").replace(" ", "")
        part = (groups.get("part") or "").lower()
        # "8 in the evening" is 20:00, but "2 at night" stays 02:00.
        late_part = part in ("afternoon", "evening") or (part == "night" and hour >= 5)
        if hour <= 12 and (marker == "pm" or (late_part and hour < 12)):
            hour = hour % 12 + 12
        elif hour == 12 and (marker == "am" or part == "night"):
            hour = 0
        clock = f"T{hour:02d}:{minute:02d}"
    weekday, relative = groups.get("wd"), groups.get("rd")
    if weekday or relative:
        if ctx.dct is None:
            day_value = f"XXXX-WXX-{WEEKDAY_NUMBERS[weekday.lower()] + 1}" if weekday else "XXXX-XX-XX"
            return reading(match, "TIME", day_value + clock)
        if weekday:
            start, end = match.span()
            day = weekday_date(ctx.dct, WEEKDAY_NUMBERS[weekday.lower()], None, ctx.direction(start, end))
        else:
            day = ctx.dct + dt.timedelta(days=_CLOCK_DAY_SHIFT[relative.lower()])
        return reading(match, "TIME", day.isoformat() + clock)
    return reading(match, "TIME", "", Anaphor("day", 0, clock, sentence_only=True))


_DAY_AFTER_CLOCK = rf"(?:(?:,?\s+(?:on\s+)?(?P<wd>{WEEKDAY}))|\s+(?P<rd>today|yesterday|tomorrow|tonight))?"
_AM_PM = r"(?P<ap>(?-i:[aApP])\.\s?(?-i:[mM])\.?|(?-i:am|pm|AM|PM)\b)"


def extent_rules() -> list[Rule]:
    """Rules for durations, sets, vague references and clock times."""
    return [
        rule(
            "clock",
            rf"\b(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*{_AM_PM}(?:\s+(?P<tz>{TIME_ZONE}))?{_DAY_AFTER_CLOCK}",
            _clock,
        ),
        rule(
            "clock_24h",
            rf"(?<=\bat\s)(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)\b(?:\s+(?P<tz>{TIME_ZONE}))?{_DAY_AFTER_CLOCK}",
            _clock,
        ),
        rule("clock_zone", rf"\b(?P<h>[01]\d|2[0-3]):?(?P<mi>[0-5]\d)\s+(?P<tz>GMT|UTC)\b", _clock),
        rule(
            "clock_oclock",
            rf"\b(?P<h>\d{{1,2}}|{NUMBER_WORD})(?:\s+o['’]clock|(?=\s+in\s+the\s+(?:morning|afternoon|evening|night)))"
            rf"(?:\s+in\s+the\s+(?P<part>morning|afternoon|evening|night))?{_DAY_AFTER_CLOCK}",
            _clock,
        ),
        rule("clock_named", rf"\b(?P<named>noon|midday|midnight)\b{_DAY_AFTER_CLOCK}", _clock),
        rule(
            "duration",
            rf"\b(?:{APPROXIMATOR}\s+)?(?P<t>(?:(?P<q>{BOUND})\s+)?"
            r"(?:the\s+(?:past|last|next|coming|previous|first|following|final|remaining)\s+)?"
            rf"(?P<n>{COUNT})(?:\s+(?:more|additional|straight|consecutive|full|long|whole))?[\s-]+(?P<unit>{UNIT})\b"
            r"(?:-long\b)?)(?![\s-]+old\b)",
            _counted_duration,
        ),
        rule(
            "vague_duration",
            rf"\b(?:(?:the\s+)?(?:recent|coming|past|last|next|first|previous|following)\s+(?:{VAGUE_COUNT}\s+)?"
            rf"|{VAGUE_COUNT}\s+)(?P<unit>{_PLURAL_UNITS})\b(?![\s-]+old\b)",
            _vague_duration,
        ),
        rule(
            "bare_plural_duration",
            r"(?:(?<=\bfor\s)|(?<=\bin\s)|(?<=\bover\s)|(?<=\bwithin\s))"
            rf"(?P<unit>{_PLURAL_UNITS})\b(?![\s-]+old\b)"
            rf"|\b(?P<unit2>{_PLURAL_UNITS})-(?:long|old)\b",
            lambda m, ctx: reading(m, "DURATION", _duration(None, m["unit"] or m["unit2"])),
        ),
        rule(
            "unit_long",
            r"\b(?P<unit>minute|hour|day|week|month|year)-long\b",
            lambda m, ctx: reading(m, "DURATION", _duration(1, m["unit"])),
        ),
        rule(
            "a_unit",
            rf"\b(?:(?P<approx>{APPROXIMATOR})\s+)?(?P<t>(?:(?P<q>{BOUND})\s+)?(?P<a>half\s+an?|an?|per)\s+"
            r"(?P<unit>minute|hour|day|week|month|year|decade|century)\b(?P<long>-long)?)(?![\s-]+old\b)",
            _a_unit,
        ),
        rule(
            "every",
            rf"\b(?:every|each)\s+(?:(?P<other>other)\s+|(?P<n>{COUNT})\s+)?"
            rf"(?P<unit>{UNIT}|{WEEKDAY}|morning|afternoon|evening|night|weekend)\b",
            _every,
        ),
        rule("frequency", rf"\b(?:{one_of(list(FREQUENCY_WORDS))})\b", _frequency),
        rule("weekday_plural", rf"\b(?P<wd>{WEEKDAY})s\b", _weekday_plural),
        rule(
            "present_ref",
            r"\b(?:right\s+)?now\b|\b(?:currently|nowadays|presently|at\s+present|at\s+the\s+moment|these\s+days|current)\b",
            _vague_ref(values.PRESENT_REF),
        ),
        rule(
            "past_ref",
            r"\b(?:recently|lately|formerly|long\s+ago|(?<=\bin\s)the\s+past)\b",
            _vague_ref(values.PAST_REF),
        ),
        rule(
            "future_ref",
            r"\b(?:the\s+)?(?:(?:near|distant|foreseeable|immediate)\s+)?future\b(?!s)",
            _vague_ref(values.FUTURE_REF),
        ),
    ]

