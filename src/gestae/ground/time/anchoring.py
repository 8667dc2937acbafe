"""Placing a recurring calendar name (a weekday, a month, a season, "Nov. 25") in time relative to the DCT.

Every such name occurs once a week or once a year; the text says which occurrence through a
relation word ("last", "this", "next") or through tense. Without either, news English means the
latest occurrence on or before the publication date, except for day-and-month dates, which also
name the coming weeks ("must leave by Jan. 14") and so take the nearer occurrence when it is soon.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Callable

from gestae.ground.time.tense import Direction

# How far ahead a day-and-month date may point when neither tense nor a relation word decides.
_NEAR_FUTURE = dt.timedelta(days=122)
# Month names: tense always decides; without it a month up to a quarter ahead is meant.
MONTH_REACH = dt.timedelta(days=366)
MONTH_NEAR_FUTURE = dt.timedelta(days=92)
# How far tense may push a day-and-month date from the article before nearness wins instead.
_DIRECTED_REACH = dt.timedelta(days=214)


class Relation(str, Enum):
    last = "last"
    this = "this"
    next = "next"


class Default(str, Enum):
    """What an unmarked name means: the latest occurrence, or the nearest one if it is soon."""

    past = "past"
    nearest = "nearest"


def relation_of(word: str | None) -> Relation | None:
    if word is None:
        return None
    word = word.lower()
    if word in ("last", "past", "previous"):
        return Relation.last
    if word in ("next", "coming"):
        return Relation.next
    if word == "this":
        return Relation.this
    return None


def weekday_date(
    dct: dt.date, weekday: int, relation: Relation | None, direction: Direction | None
) -> dt.date:
    """The date of a weekday (Monday=0) named in an article published on `dct`."""
    back = (dct.weekday() - weekday) % 7
    ahead = (weekday - dct.weekday()) % 7
    if relation is Relation.last:
        return dct - dt.timedelta(days=back or 7)
    if relation is Relation.next:
        return dct + dt.timedelta(days=ahead or 7)
    if relation is Relation.this:
        return dct + dt.timedelta(days=weekday - dct.weekday())
    if direction is Direction.future:
        return dct + dt.timedelta(days=ahead)
    return dct - dt.timedelta(days=back)


Span = Callable[[int], tuple[dt.date, dt.date]]


def yearly_occurrence(
    dct: dt.date,
    span_in_year: Span,
    relation: Relation | None,
    direction: Direction | None,
    default: Default = Default.past,
    reach: dt.timedelta = _DIRECTED_REACH,
    near_future: dt.timedelta = _NEAR_FUTURE,
) -> int:
    """Which year's occurrence of a once-a-year period (given as year -> first and last day) is meant.

    With `Default.nearest`, tense picks the occurrence on its side of the DCT when that one lies
    within `reach`; otherwise, and when the clause has no tense cue, the occurrence ahead is taken
    if it starts within `near_future` and is nearer than the one behind.
    """
    years = range(dct.year - 2, dct.year + 3)
    spans = {year: span_in_year(year) for year in years}
    containing = [year for year in years if spans[year][0] <= dct <= spans[year][1]]
    latest = max(year for year in years if spans[year][0] <= dct)
    soonest = min(year for year in years if spans[year][1] >= dct)
    if relation is Relation.last:
        return max(year for year in years if spans[year][1] < dct)
    if relation is Relation.next:
        return min(year for year in years if spans[year][0] > dct)
    if relation is Relation.this:
        return containing[0] if containing else dct.year
    ahead = max(spans[soonest][0] - dct, dt.timedelta(0))
    behind = max(dct - spans[latest][1], dt.timedelta(0))
    if default is Default.past:
        return soonest if direction is Direction.future else latest
    # A dated day is near the article: tense decides only between occurrences within reach.
    if direction is Direction.future and ahead <= reach:
        return soonest
    if direction is Direction.past and behind <= reach:
        return latest
    return soonest if ahead <= near_future and ahead < behind else latest
