"""Regular-expression pieces of the English time grammar, built from the lexicon.

Patterns are compiled case-insensitively; month and weekday names are matched case-sensitively
(`(?-i:...)`) because "may", "march" and "august" are also ordinary words. Title case and all
capitals are both accepted, as headlines and datelines use both.
"""

from __future__ import annotations

from gestae.ground.time.lexicon import (
    DECADE_WORDS,
    FULL_MONTHS,
    FULL_WEEKDAYS,
    MONTH_ABBREVIATIONS,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    SEASONS,
    TIME_ZONES,
    UNITS,
)


def one_of(words: list[str] | tuple[str, ...]) -> str:
    """An alternation that tries longer words first, so "Sept" is not read as "Sep" + "t"."""
    return "|".join(sorted((w.replace(".", r"\.").replace(" ", r"\s+") for w in words), key=len, reverse=True))


def _cased(words: tuple[str, ...]) -> str:
    return "(?-i:" + one_of([*words, *(w.upper() for w in words)]) + ")"


MONTH_FULL = _cased(FULL_MONTHS)
# An abbreviation may end with a full stop ("Aug. 7"); "Sept" and "Sep" both occur.
MONTH_SHORT = "(?:" + _cased(MONTH_ABBREVIATIONS) + r")\.?"
MONTH = f"(?:{MONTH_FULL}|{MONTH_SHORT})"
WEEKDAY = _cased(FULL_WEEKDAYS)

DAY_NUMBER = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
YEAR_NUMBER = r"(?:1[0-9]\d\d|20\d\d)(?![\d])"
SHORT_YEAR = r"['’]\d\d(?![\d])"

_NUMBER_WORD_PARTS = [w for w in NUMBER_WORDS if " " not in w and w not in ("a", "an")]
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
NUMBER_WORD = (
    rf"(?:(?:{one_of(_TENS)})[\s-](?:{one_of(_ONES)})|{one_of(_NUMBER_WORD_PARTS)}"
    rf"|a\s+couple\s+of|a\s+couple|a\s+dozen|a\s+hundred|one\s+hundred)"
)
# A count of units: digits (with a fraction: "5 1/2", "2.5") or number words. "a"/"an" are kept apart
# because "a day" is only a duration in some places.
DIGITS = r"\d+(?:\.\d+)?(?:\s+1/2|\s*½)?"
COUNT = rf"(?:{DIGITS}|{NUMBER_WORD}(?:\s+and\s+a\s+half)?)"
VAGUE_COUNT = r"(?:a\s+few|few|several|some|many|numerous)"

UNIT = one_of(list(UNITS))
UNIT_SINGULAR = "second|minute|hour|day|week|month|year|decade|century"
ORDINAL = rf"(?:\d{{1,2}}(?:st|nd|rd|th)|{one_of(list(ORDINAL_WORDS))})"
SEASON = one_of(list(SEASONS))
DECADE_WORD = one_of(list(DECADE_WORDS))
TIME_ZONE = "(?-i:" + one_of(TIME_ZONES) + ")"

# Hedges before a count ("about three days", "only five hours"): read but left out of the span.
APPROXIMATOR = r"(?:almost|nearly|about|around|roughly|approximately|some|just|only|barely)"
# Bounds before a count ("at least 72 hours", "more than a decade"): kept in the span, as TimeML does.
BOUND = (
    r"(?:more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|up\s+to|well\s+over|little\s+more\s+than"
    r"|over(?!\s+the\b)|under(?!\s+the\b))"
)
QUANTIFIER = rf"(?:{BOUND}|{APPROXIMATOR})"

# Where in a month, year or decade: "early", "mid-", "late", "the end of".
PART_OF_PERIOD = r"(?:early|mid|late|the\s+(?:end|beginning|start|middle)\s+of)"
