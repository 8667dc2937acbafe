"""The shapes the grammar rules share: what a rule reads from a match, and what it may look at."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Callable, Literal

from gestae.ground.time.tense import Direction, tense_direction

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
AnaphorUnit = Literal["day", "week", "month", "year"]


@dataclass(frozen=True)
class Anaphor:
    """A value that is relative to an earlier date in the text ("the next day", "later that year").

    `offset` counts `unit`s from that date; `suffix` is appended to a day value (a part of the day
    "TNI" or a clock time "T10:00"). Clock times look for their day only in their own sentence and
    otherwise fall back to the publication date (`sentence_only`).
    """

    unit: AnaphorUnit
    offset: int = 0
    suffix: str = ""
    sentence_only: bool = False


@dataclass(frozen=True)
class Reading:
    """One time expression a rule found: its span, TimeML type and value (or how to find the value)."""

    start: int
    end: int
    type: TimexType
    value: str
    anaphor: Anaphor | None = None
    rule: str = ""


@dataclass(frozen=True)
class Context:
    """What a rule may consult besides its match: the whole text and the publication date."""

    text: str
    dct: dt.date | None
    _directions: dict[tuple[int, int], Direction | None] = field(default_factory=dict, compare=False)

    def direction(self, start: int, end: int) -> Direction | None:
        """The tense direction of the clause around text[start:end] (memoised per span)."""
        key = (start, end)
        if key not in self._directions:
            self._directions[key] = tense_direction(self.text, start, end)
        return self._directions[key]

    def word_before(self, start: int) -> str:
        """The word just before `start` in lower case ('' at the start of the text or a clause)."""
        match = _LAST_WORD.search(self.text, max(0, start - 40), start)
        return match.group(1).lower() if match else ""

    def word_after(self, end: int) -> str:
        match = _FIRST_WORD.match(self.text, end, min(len(self.text), end + 40))
        return match.group(1) if match else ""


_LAST_WORD = re.compile(r"([A-Za-z']+)[ \t-]*\n?[ \t]*$")
_FIRST_WORD = re.compile(r"[ \t]*\n?[ \t]*([A-Za-z']+)")

Handler = Callable[[re.Match[str], Context], "Reading | list[Reading] | None"]


@dataclass(frozen=True)
class Rule:
    """A named pattern and the function that turns its matches into readings."""

    name: str
    pattern: re.Pattern[str]
    handler: Handler


def rule(name: str, pattern: str, handler: Handler) -> Rule:
    return Rule(name, re.compile(pattern, re.IGNORECASE), handler)


def span_of(match: re.Match[str]) -> tuple[int, int]:
    """The span of the expression: the group named `t` when the pattern has one, else the match."""
    if "t" in match.re.groupindex and match.group("t") is not None:
        return match.span("t")
    return match.span()


def reading(match: re.Match[str], type_: TimexType, value: str, anaphor: Anaphor | None = None) -> Reading:
    start, end = span_of(match)
    return Reading(start, end, type_, value, anaphor)
