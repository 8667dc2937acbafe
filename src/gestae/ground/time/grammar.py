"""The whole rule table, compiled once per process."""

from __future__ import annotations

from functools import lru_cache

from gestae.ground.time.reading import Rule
from gestae.ground.time.rules_dates import date_rules
from gestae.ground.time.rules_extent import extent_rules
from gestae.ground.time.rules_relative import relative_rules


@lru_cache(maxsize=1)
def grammar() -> tuple[Rule, ...]:
    """All rules in priority order: when two readings cover the same span, the earlier rule wins.

    Explicit dates come first, then DCT- and text-relative expressions, then durations, sets and
    vague references. A longer reading always beats a shorter one it overlaps, whatever the order.
    """
    return (*date_rules(), *relative_rules(), *extent_rules())
