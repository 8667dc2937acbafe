"""Calendar arithmetic the normaliser needs: ISO weeks, month steps, seasons, quarters and holidays."""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType
from typing import Callable, Mapping

# Meteorological seasons (northern hemisphere), as month ranges. Winter starts in December and is
# named by the year of that December, so January 2019 falls in winter 2018 (2018-WI).
SEASON_MONTHS: Mapping[str, tuple[int, int]] = MappingProxyType(
    {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
)


def week_start(year: int, week: int) -> dt.date:
    """Monday of ISO week `week` of ISO year `year`."""
    return dt.date.fromisocalendar(year, week, 1)


def shift_months(year: int, month: int, months: int) -> tuple[int, int]:
    """The (year, month) that is `months` months after (year, month); negative goes back."""
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def last_day_of_month(year: int, month: int) -> dt.date:
    next_year, next_month = shift_months(year, month, 1)
    return dt.date(next_year, next_month, 1) - dt.timedelta(days=1)


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when the day does not exist in that month (Feb. 30)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def season_range(year: int, code: str) -> tuple[dt.date, dt.date]:
    first, last = SEASON_MONTHS[code]
    if code == "WI":
        return dt.date(year, 12, 1), last_day_of_month(year + 1, last)
    return dt.date(year, first, 1), last_day_of_month(year, last)


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th given weekday (Monday=0) of a month; n=-1 is the last one."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = last_day_of_month(year, month)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def easter_sunday(year: int) -> dt.date:
    """Western Easter Sunday by the anonymous Gregorian computus (Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


# Holidays whose date follows from the year alone. Keys are lower-case names as written in text.
HOLIDAYS: Mapping[str, Callable[[int], dt.date]] = MappingProxyType(
    {
        "new year's day": lambda y: dt.date(y, 1, 1),
        "new year's eve": lambda y: dt.date(y, 12, 31),
        "valentine's day": lambda y: dt.date(y, 2, 14),
        "st. patrick's day": lambda y: dt.date(y, 3, 17),
        "good friday": lambda y: easter_sunday(y) - dt.timedelta(days=2),
        "easter": easter_sunday,
        "easter sunday": easter_sunday,
        "easter monday": lambda y: easter_sunday(y) + dt.timedelta(days=1),
        "memorial day": lambda y: nth_weekday(y, 5, 0, -1),
        "fourth of july": lambda y: dt.date(y, 7, 4),
        "labor day": lambda y: nth_weekday(y, 9, 0, 1),
        "halloween": lambda y: dt.date(y, 10, 31),
        "veterans day": lambda y: dt.date(y, 11, 11),
        "thanksgiving": lambda y: nth_weekday(y, 11, 3, 4),
        "thanksgiving day": lambda y: nth_weekday(y, 11, 3, 4),
        "christmas eve": lambda y: dt.date(y, 12, 24),
        "christmas": lambda y: dt.date(y, 12, 25),
        "christmas day": lambda y: dt.date(y, 12, 25),
        "boxing day": lambda y: dt.date(y, 12, 26),
    }
)
# Holiday weeks named after a holiday: the ISO week that holds the holiday.
HOLIDAY_WEEKS: Mapping[str, str] = MappingProxyType({"easter week": "easter", "holy week": "easter"})
