"""Publication dates as given in input: ISO calendar dates, or ISO datetimes of which the date is kept."""

from __future__ import annotations

import datetime as dt
import re

# A calendar date, optionally followed by a time ("T10:00:00Z", " 10:00"). Week dates and basic
# forms (20190313) are valid ISO 8601 but unusual in news metadata and easy to confuse with ids,
# so they are refused rather than guessed at.
_ISO_DATE = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?P<time>[T ].*)?", re.ASCII)


EARLIEST_NEWS = dt.date(1000, 1, 1)
LATEST_NEWS = dt.date(8999, 12, 31)


class DateError(ValueError):
    """The value is not a possible ISO date; the message says why, for an InputProblem."""


def parse_article_date(value: str) -> dt.date:
    """The date of an ISO date or datetime string; raises DateError when there is none.

    A datetime keeps the date as written, in its own offset: "2019-03-13T23:30:00-05:00" is
    2019-03-13, the day the publisher printed, not the UTC day. Dates in the future are accepted:
    only impossible or malformed values are refused, so reading input never depends on the clock.
    """
    text = value.strip()
    match = _ISO_DATE.fullmatch(text)
    if match is None:
        raise DateError(f"not an ISO date (YYYY-MM-DD): {value!r}")
    try:
        date = dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError as error:
        raise DateError(f"impossible date {value!r}: {error}") from None
    if not EARLIEST_NEWS.year <= date.year <= LATEST_NEWS.year:
        # Year 0001 or 9999 is a placeholder, not a publication date, and would break calendar arithmetic.
        raise DateError(f"implausible publication date {value!r}: expected a year from {EARLIEST_NEWS.year} to {LATEST_NEWS.year}")
    if match["time"]:
        try:
            dt.datetime.fromisoformat(text)
        except ValueError as error:
            raise DateError(f"invalid ISO datetime {value!r}: {error}") from None
    return date
