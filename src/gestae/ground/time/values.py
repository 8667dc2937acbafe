"""TimeML values: writing them from calendar units, and reading them back into day ranges.

A TimeML (TIMEX3) value names a calendar unit in ISO 8601 style: `2019-03-13` (a day), `2019-W10`
(an ISO week), `2019-03` (a month), `2019-Q1`, `2018-FA` (a season), `2019`, `198X` (a decade),
`19` (a century), `2019-03-13T10:00` or `2019-03-13TMO` (a time or part of a day). Durations are
`P3W`, `PT5H`; `PRESENT_REF`, `PAST_REF` and `FUTURE_REF` are the vague "now", "recently", "in the
future". An `X` stands for a digit that the text does not give (`XXXX-09` is "September" of an
unknown year).
"""

from __future__ import annotations

import datetime as dt
import re

from gestae.records import DatePrecision
from gestae.ground.time.calendrics import last_day_of_month, season_range, week_start

DayRange = tuple[dt.date | None, dt.date | None, DatePrecision]
UNRESOLVED: DayRange = (None, None, DatePrecision.unknown)

PRESENT_REF = "PRESENT_REF"
PAST_REF = "PAST_REF"
FUTURE_REF = "FUTURE_REF"


def day_value(day: dt.date) -> str:
    return day.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def week_value(day: dt.date) -> str:
    """The ISO week that holds `day`, e.g. 2019-W10."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def weekend_value(day: dt.date) -> str:
    return week_value(day) + "-WE"


def year_value(year: int) -> str:
    return f"{year:04d}"


def season_value(year: int, code: str) -> str:
    return f"{year:04d}-{code}"


def quarter_value(year: int, quarter: int) -> str:
    return f"{year:04d}-Q{quarter}"


def decade_value(first_year: int) -> str:
    """The decade starting at `first_year` (1980 -> 198X), as TimeBank writes decades."""
    return f"{first_year // 10:03d}X"


def century_value(first_year: int) -> str:
    """The hundred years starting at `first_year` (1900 -> 19)."""
    return f"{first_year // 100:02d}"


def duration_value(amount: float | None, unit: str, time_unit: bool) -> str:
    """An ISO 8601 duration: (3, "W") -> P3W, (5, "H", time) -> PT5H, (None, "Y") -> PXY.

    Decades and centuries are written in years (P10Y, P100Y), as TimeBank does.
    """
    if unit in ("DE", "CE"):
        factor = 10 if unit == "DE" else 100
        amount = None if amount is None else amount * factor
        unit = "Y"
    if amount is None:
        number = "X"
    elif float(amount).is_integer():
        number = str(int(amount))
    else:
        number = f"{amount:g}"
    return f"PT{number}{unit}" if time_unit else f"P{number}{unit}"


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})X?$")
_CENTURY = re.compile(r"^(\d{2})(?:XX)?$")
# Trailing unknown parts carry no information: 1989-XX is the year 1989, 1998-10-XX is October 1998.
_TRAILING_UNKNOWN = re.compile(r"(?:-XX)+$")


def resolve_value(value: str) -> DayRange:
    """The first and last day a TimeML value covers, and how precise it is.

    Durations, vague references (`PRESENT_REF`) and values with an unknown year come back as
    (None, None, unknown). Seasons, quarters, decades and centuries are given their full day range
    with precision `year`, the finest `DatePrecision` that does not overstate them.
    """
    value = _TRAILING_UNKNOWN.sub("", value.strip())
    if match := _DAY.match(value):
        year, month, day = (int(part) for part in match.groups())
        try:
            date = dt.date(year, month, day)
        except ValueError:
            return UNRESOLVED
        return date, date, DatePrecision.day
    if match := _WEEK.match(value):
        try:
            monday = week_start(int(match.group(1)), int(match.group(2)))
        except ValueError:
            return UNRESOLVED
        if match.group(3):
            return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6), DatePrecision.week
        return monday, monday + dt.timedelta(days=6), DatePrecision.week
    if match := _MONTH.match(value):
        year, month = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12:
            return UNRESOLVED
        return dt.date(year, month, 1), last_day_of_month(year, month), DatePrecision.month
    if match := _QUARTER.match(value):
        year, quarter = int(match.group(1)), int(match.group(2))
        first = 3 * quarter - 2
        return dt.date(year, first, 1), last_day_of_month(year, first + 2), DatePrecision.year
    if match := _HALF.match(value):
        year, half = int(match.group(1)), int(match.group(2))
        first = 6 * half - 5
        return dt.date(year, first, 1), last_day_of_month(year, first + 5), DatePrecision.year
    if match := _SEASON.match(value):
        start, end = season_range(int(match.group(1)), match.group(2))
        return start, end, DatePrecision.year
    if match := _YEAR.match(value):
        year = int(match.group(1))
        return dt.date(year, 1, 1), dt.date(year, 12, 31), DatePrecision.year
    if match := _DECADE.match(value):
        first = int(match.group(1)) * 10
        return dt.date(max(first, 1), 1, 1), dt.date(first + 9, 12, 31), DatePrecision.year
    if match := _CENTURY.match(value):
        first = int(match.group(1)) * 100
        return dt.date(max(first, 1), 1, 1), dt.date(first + 99, 12, 31), DatePrecision.year
    return UNRESOLVED
