"""Choose one gazetteer place per toponym, using what the rest of the article says.

Each candidate gets a score from independent, explainable signals: its own-name match, its
size, feature hints in the phrase ("Idlib province", "the city of Idlib"), a qualifier
next to it ("Paris, Texas", "Idlib in Syria", "Syria's Idlib"), and the countries and
first-level divisions the article names elsewhere. The weights are small integers on
purpose: a qualifier beats article context, which beats size.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from gestae.ground.places.entry import ADMIN2_FEATURES, Candidate, GazetteerPlace

ADMIN1_HINTS = frozenset({"province", "governorate", "region", "state", "oblast", "prefecture", "emirate", "wilaya"})
ADMIN2_HINTS = frozenset({"county", "parish", "district", "borough", "municipality"})
CITY_HINTS = frozenset({"city", "town", "village", "capital"})
FEATURE_HINTS = ADMIN1_HINTS | ADMIN2_HINTS | CITY_HINTS


@dataclass(slots=True)
class Toponym:
    """A place name found in text, with its candidates and what the phrase around it says."""

    text: str
    start: int
    end: int
    candidates: list[Candidate]
    hint: str | None = None
    key: str = ""
    # Indexes of other toponyms in the same article that locate this one ("Paris, Texas").
    qualifiers: list[int] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Resolution:
    place: GazetteerPlace
    confidence: float


@dataclass(frozen=True, slots=True)
class _Article:
    toponyms: list[Toponym]
    # qualified[i]: the toponyms that toponym i qualifies ("Texas" qualifies "Paris").
    qualified: list[list[int]]


@dataclass(frozen=True, slots=True)
class _Context:
    countries: Counter[str]
    admin1s: Counter[str]


def contains(outer: GazetteerPlace, inner: GazetteerPlace) -> bool:
    """True when `inner` lies in `outer` (a country or first-level division), by codes."""
    if inner is outer or inner.country is None:
        return False
    if outer.is_country:
        return inner.country == outer.country and not inner.is_country
    if outer.is_admin1:
        return inner.admin1_iso is not None and inner.admin1_iso == outer.admin1_iso and not inner.is_admin1
    if outer.feature in ADMIN2_FEATURES:
        return inner.is_populated_place and inner.admin1_iso == outer.admin1_iso
    return False


class Resolver:
    """Picks the best candidate for every toponym of one article."""

    def resolve(self, toponyms: list[Toponym]) -> list[Resolution | None]:
        qualified: list[list[int]] = [[] for _ in toponyms]
        for index, toponym in enumerate(toponyms):
            for qualifier in toponym.qualifiers:
                qualified[qualifier].append(index)
        article = _Article(toponyms, qualified)
        empty = _Context(Counter(), Counter())
        first = [self._best(i, article, empty) for i in range(len(toponyms))]
        totals, by_name = self._context(toponyms, first)
        resolved: list[Resolution | None] = []
        for index, toponym in enumerate(toponyms):
            own = by_name.get(toponym.key, empty)
            context = _Context(totals.countries - own.countries, totals.admin1s - own.admin1s)
            resolved.append(self._best(index, article, context))
        return resolved

    def _context(
        self, toponyms: list[Toponym], picks: list[Resolution | None]
    ) -> tuple[_Context, dict[str, _Context]]:
        """Countries and divisions the article talks about, from the first-pass picks, per toponym.

        Each toponym's own name is left out of its context, so that a name repeated five
        times cannot vote for its own first guess.
        """
        totals = _Context(Counter(), Counter())
        by_name: dict[str, _Context] = {}
        for toponym, pick in zip(toponyms, picks):
            if pick is None:
                continue
            place = pick.place
            ambiguous = len({c.place.country for c in toponym.candidates if c.primary}) > 1
            weight = 1.0 if (place.is_country or not ambiguous) else 0.5
            own = by_name.setdefault(toponym.key, _Context(Counter(), Counter()))
            for context in (totals, own):
                if place.country:
                    context.countries[place.country] += weight
                if place.admin1_iso and (place.is_admin1 or not ambiguous):
                    context.admin1s[place.admin1_iso] += weight
        return totals, by_name

    def _best(self, index: int, article: _Article, context: _Context) -> Resolution | None:
        toponym = article.toponyms[index]
        if not toponym.candidates:
            return None
        scored = sorted(
            ((self._score(c, index, article, context), i) for i, c in enumerate(toponym.candidates)), reverse=True
        )
        best_score, best_index = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else best_score - 3.0
        confidence = 1.0 / (1.0 + math.exp(-(best_score - runner_up)))
        return Resolution(toponym.candidates[best_index].place, round(confidence, 3))

    def _score(self, candidate: Candidate, index: int, article: _Article, context: _Context) -> float:
        place = candidate.place
        toponym = article.toponyms[index]
        score = math.log10(place.population + 10) / 4.0  # 0.25 for a hamlet, 2.1 for China
        if candidate.primary:
            score += 1.0
        # A country or state named outright rarely means a village that shares its name.
        if place.is_country:
            score += 1.5
        elif place.is_admin1:
            score += 1.0
        elif place.feature == "PPLC":
            score += 0.5
        if place.geonames_id is None:
            score += 2.5  # gestae's own alias table: curated names of places gazetteers lack
        score += self._hint_score(place, toponym.hint)
        score += self._namesake_score(place, toponym)
        for qualifier in toponym.qualifiers:
            if any(contains(q.place, place) for q in article.toponyms[qualifier].candidates):
                score += 3.0
        # Qualifying works both ways: the "Texas" of "Paris, Texas" is the Texas that holds a Paris.
        for qualified in article.qualified[index]:
            if any(contains(place, c.place) for c in article.toponyms[qualified].candidates):
                score += 3.0
        if place.country and context.countries:
            share = context.countries[place.country] / sum(context.countries.values())
            score += 1.5 * share + (0.5 if context.countries[place.country] else 0.0)
        if place.admin1_iso and context.admin1s[place.admin1_iso]:
            score += 1.0
        return score

    @staticmethod
    def _hint_score(place: GazetteerPlace, hint: str | None) -> float:
        if hint is None:
            return 0.0
        if hint in ADMIN1_HINTS:
            return 2.0 if place.is_admin1 else 0.0
        if hint in ADMIN2_HINTS:
            return 2.0 if place.feature in ADMIN2_FEATURES else 0.0
        return 2.0 if place.is_populated_place else 0.0

    @staticmethod
    def _namesake_score(place: GazetteerPlace, toponym: Toponym) -> float:
        """A bare name shared by a town and the division around it means the town ("Aleppo", "New York")."""
        # "a district of Kharkiv" still means the city: only a first-level hint ("Kharkiv oblast") asks for the division.
        if toponym.hint in ADMIN1_HINTS or place.is_country or place.is_populated_place:
            return 0.0
        for c in toponym.candidates:
            town = c.place
            if town.is_populated_place and (c.primary or town.population >= 100_000) and contains(place, town):
                return -2.5 if place.is_admin1 else -1.5
        return 0.0
