"""What the actor knowledge base knows: countries, organisations, office holders and agent words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

AliasKind = Literal["person", "organisation", "country", "metonym", "demonym", "office", "agent"]

# Title words that name a top post without saying which ("the Russian leader", "the UN chief").
LEADER_OFFICE = "leader"
# Offices that name the head of an organisation, whatever the organisation calls the post.
ORGANISATION_HEAD_OFFICES = frozenset({LEADER_OFFICE, "president", "secretary-general", "director-general", "chairman"})
# Which term offices an office word can refer to.
OFFICE_FAMILIES: dict[str, frozenset[str]] = {
    "president": frozenset({"president", "head of state"}),
    "monarch": frozenset({"monarch"}),
    "prime minister": frozenset({"prime minister", "chief executive", "chief adviser"}),
}


@dataclass(frozen=True, slots=True)
class Period:
    """A stretch of time, both ends inclusive (an office changes hands on a day both holders
    served); None is open."""

    start: dt.date | None
    end: dt.date | None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    name: str
    wikidata: str | None = None


@dataclass(frozen=True, slots=True)
class Organisation:
    """A named group, institution, intergovernmental organisation or news outlet."""

    name: str
    country: str | None
    sector: str
    kind: str = ""
    wikidata: str | None = None
    # (period, sector) pairs overriding `sector`: the Taliban governing, the RSF before 2023.
    periods: tuple[tuple[Period, str], ...] = ()

    def sector_on(self, day: dt.date | None) -> str:
        if day is not None:
            for period, sector in self.periods:
                if period.covers(day):
                    return sector
        return self.sector


@dataclass(frozen=True, slots=True)
class Term:
    """One person's time in one office."""

    office: str
    period: Period
    country: str | None  # alpha-3, "IGO", or None for a stateless group
    organisation: str | None  # the IGO or group the office belongs to
    leader: bool  # the paramount leader of the country or organisation
    sector: str | None  # None: GOV for state offices, the group's sector for group offices


@dataclass(slots=True)
class Person:
    name: str
    wikidata: str | None = None
    terms: list[Term] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class AgentWord:
    """A common noun naming a kind of actor ("troops" MIL). Weak words yield to a named modifier."""

    sector: str
    weak: bool = False


@dataclass(frozen=True, slots=True)
class Metonym:
    """A place or building standing for a state body ("the Kremlin", "the Pentagon")."""

    country: str
    sector: str


@dataclass(frozen=True, slots=True)
class Alias:
    """One way of writing one entry, as stored in the alias index."""

    kind: AliasKind
    target: Person | Organisation | Country | Metonym | AgentWord | str  # str: an office key
    text: str
    rule: str | None  # case rule, see text.case_rule
    strength: int = 2  # 2 written in the data, 1 derived (a bare surname, a pycountry name)
