"""The English words that name calendar units, written out once for the grammar and the normaliser.

Everything here is read-only (tuples and mapping proxies): the grammar compiles regular expressions
from these tables, the normaliser looks words up in them.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

MONTH_NUMBERS: Mapping[str, int] = MappingProxyType(
    {
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
        "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
        "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
        "december": 12, "dec": 12,
    }
)

FULL_MONTHS: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
# Abbreviations are only read as months next to a day number or a year ("Aug. 7", "Dec 1998"),
# since "Jan", "Mar" and "Sept" alone are names or other words.
MONTH_ABBREVIATIONS: tuple[str, ...] = (
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec",
)

WEEKDAY_NUMBERS: Mapping[str, int] = MappingProxyType(
    {
        "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2,
        "thursday": 3, "thurs": 3, "thu": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
        "sunday": 6, "sun": 6,
    }
)
FULL_WEEKDAYS: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

NUMBER_WORDS: Mapping[str, int] = MappingProxyType(
    {
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
        "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
        "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
        "hundred": 100, "a hundred": 100, "one hundred": 100, "a dozen": 12, "dozen": 12,
        "a couple of": 2, "a couple": 2, "couple of": 2,
    }
)
# Words that count an unknown number of units: TimeML writes the number as X ("for weeks" is PXW).
VAGUE_QUANTITIES: tuple[str, ...] = ("a few", "few", "several", "some", "many", "numerous")

ORDINAL_WORDS: Mapping[str, int] = MappingProxyType(
    {
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
        "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
        "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
        "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
    }
)

# Calendar units, keyed by every spelling, valued by the TimeML duration letter and whether the
# letter belongs after the "T" (time part) of an ISO 8601 duration.
UNITS: Mapping[str, tuple[str, bool]] = MappingProxyType(
    {
        "second": ("S", True), "seconds": ("S", True), "minute": ("M", True), "minutes": ("M", True),
        "hour": ("H", True), "hours": ("H", True), "day": ("D", False), "days": ("D", False),
        "week": ("W", False), "weeks": ("W", False), "month": ("M", False), "months": ("M", False),
        "year": ("Y", False), "years": ("Y", False), "decade": ("DE", False), "decades": ("DE", False),
        "century": ("CE", False), "centuries": ("CE", False),
    }
)

SEASONS: Mapping[str, str] = MappingProxyType(
    {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
)

# TimeML's parts of the day, written after the date as in 1998-08-07TMO.
PARTS_OF_DAY: Mapping[str, str] = MappingProxyType(
    {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
)

DECADE_WORDS: Mapping[str, int] = MappingProxyType(
    {
        "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
        "eighties": 8, "nineties": 9,
    }
)

# Words that say how often something happens (TimeML SET), with the period they repeat on.
FREQUENCY_WORDS: Mapping[str, str] = MappingProxyType(
    {
        "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W",
        "monthly": "P1M", "quarterly": "P3M", "yearly": "P1Y", "annually": "P1Y",
    }
)

# Time zones seen after clock times in English news; they are kept in the span, not in the value.
TIME_ZONES: tuple[str, ...] = (
    "GMT", "UTC", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "BST", "CET", "CEST",
    "local time",
)
