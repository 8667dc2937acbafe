"""Cross-article deduplication: does this event record report a real event we already know?

Each stored event either joins an existing *real event* (a cluster of records from other articles) or
starts a new one. Two records can be the same real event only if nothing structured contradicts it:

- the same PLOVER type (or a pair in `COMPATIBLE_TYPES`, at a score penalty) and the same modality;
- date ranges that overlap (each record's range follows its precision: a day, an ISO week, a month...;
  a record with no event date falls back to the days before its article's publication);
- places no more than `max_km` apart and in the same first-level division when both are towns or
  points, the same division when either is coarse, the same country always;
- actors that agree: same Wikidata id, else same canonical name or same country and sector (either
  way round, because "A clashed with B" and "B fought A" tell one fight).

Among clusters that pass, the new record joins the best-scoring one if its score reaches `min_score`.
The score adds the token Jaccard of trigger + sentence to bonuses for agreeing actors, places, exact
dates and death tolls, less penalties for far-apart tolls and merely compatible types, so a match
needs shared wording or shared structure, not just the same type and week.
Pure functions here; `gestae.store.write` fetches candidates and records the decision.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from gestae.geodesy import distance_km
from gestae.records import DatePrecision, Event, LocationPrecision

# Types that coders (and our extractor) confuse for one happening, e.g. a raid reported as an arrest.
COMPATIBLE_TYPES: frozenset[frozenset[str]] = frozenset(
    {
        frozenset({"ASSAULT", "COERCE"}),
        frozenset({"SUPPORT", "COOPERATE"}),
        frozenset({"PROTEST", "MOBILIZE"}),
    }
)

_STOPWORDS = frozenset(
    """a about after against all also an and are as at be been before but by during for from had has have he
    her his in into is it its of on or over said says she that the their them they this to under was were
    which while who will with would since than then there these those up out more""".split()
)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_SUFFIXES = ("ings", "ing", "ers", "ed", "er")
_SIBILANT_PLURALS = ("sses", "xes", "ches", "shes", "zes")
_FINE_PLACES = (LocationPrecision.point, LocationPrecision.city)


@dataclass(frozen=True)
class LinkConfig:
    """Thresholds for linking; the defaults are tuned on benchmarks/dedup (see docs/database.md)."""

    max_km: float = 40.0
    date_slack_days: int = 0
    unknown_date_window_days: int = 7
    min_score: float = 0.3
    compatible_type_penalty: float = 0.15
    actor_bonus: float = 0.15
    place_bonus: float = 0.15
    coarse_place_bonus: float = 0.05
    exact_date_bonus: float = 0.1
    casualty_bonus: float = 0.05
    casualty_penalty: float = 0.15


@dataclass(frozen=True)
class ActorKey:
    name: str | None
    country: str | None
    sector: str | None
    wikidata: str | None = None
    surface: bool = False  # True when `name` is the text as written, not a resolved canonical name


@dataclass(frozen=True)
class EventProfile:
    """What cross-article matching compares about one event record."""

    event_id: str
    article_id: str
    event_type: str
    modality: str
    date_start: dt.date | None
    date_end: dt.date | None
    date_exact: bool
    lat: float | None
    lon: float | None
    place_precision: LocationPrecision | None
    admin1: str | None
    country: str | None
    actor: ActorKey | None
    recipient: ActorKey | None
    fatalities: int | None
    tokens: frozenset[str]

    @classmethod
    def from_event(
        cls,
        event: Event,
        *,
        sentence_text: str,
        article_date: dt.date | None,
        config: LinkConfig = LinkConfig(),
    ) -> EventProfile:
        start, end = event_date_range(event, article_date, config)
        place = event.location
        return cls(
            event_id=event.event_id,
            article_id=event.article_id,
            event_type=event.event_type or kind_without_type(event),
            modality=event.modality.value,
            date_start=start,
            date_end=end,
            date_exact=event.date.precision is DatePrecision.day and event.date.start is not None,
            lat=place.lat if place else None,
            lon=place.lon if place else None,
            place_precision=place.precision if place else None,
            admin1=_norm(place.admin1_iso or place.admin1) if place else None,
            country=_norm(place.country) if place else None,
            actor=_actor_key(event.actor),
            recipient=_actor_key(event.recipient),
            fatalities=event.fatalities,
            tokens=frozenset(tokenize(f"{event.trigger.lemma or event.trigger.text} {sentence_text}")),
        )


@dataclass(frozen=True)
class Candidate:
    """An existing real event and the records it is made of."""

    cluster_id: int
    members: Sequence[EventProfile]


class Agreement(Enum):
    match = "match"
    unknown = "unknown"
    conflict = "conflict"


def tokenize(text: str) -> list[str]:
    """Lower-cased content words with common English suffixes stripped ("attacked" -> "attack")."""
    words = []
    for word in _WORD.findall(text.lower()):
        if word in _STOPWORDS or len(word) < 2:
            continue
        words.append(_stem(word))
    return words


def _stem(word: str) -> str:
    """A crude English stemmer: enough to make "attacked", "attacks" and "attacking" one token."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(_SIBILANT_PLURALS):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        word = word[:-1]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def event_date_range(
    event: Event, article_date: dt.date | None, config: LinkConfig = LinkConfig()
) -> tuple[dt.date | None, dt.date | None]:
    """The days the event may have happened on, from its date or, failing that, its article's date."""
    date = event.date
    if date.start is not None:
        return date.start, date.end or date.start
    parsed = _range_from_value(date.value) if date.value else None
    if parsed:
        return parsed
    if article_date is not None:
        return article_date - dt.timedelta(days=config.unknown_date_window_days), article_date
    return None, None


def kind_without_type(event: Event) -> str:
    """What an event without a PLOVER type is, for clustering: a crisis or a public statement."""
    if event.crisis_type:
        return f"CRISIS_{event.crisis_type.upper()}"
    return "STATEMENT"


def types_compatible(a: str, b: str) -> bool:
    return a == b or frozenset({a, b}) in COMPATIBLE_TYPES


def compatible_types(event_type: str) -> set[str]:
    """The types a record of `event_type` may be linked with (itself included)."""
    found = {event_type}
    for pair in COMPATIBLE_TYPES:
        if event_type in pair:
            found |= pair
    return found


def link_score(a: EventProfile, b: EventProfile, config: LinkConfig = LinkConfig()) -> float | None:
    """How well two records fit one real event; None when something structured rules it out."""
    if not types_compatible(a.event_type, b.event_type) or a.modality != b.modality:
        return None
    if not _dates_overlap(a, b, config.date_slack_days):
        return None
    place = place_agreement(a, b, config)
    if place is Agreement.conflict:
        return None
    actors = _actor_matches(a, b)
    if actors is None:
        return None
    score = jaccard(a.tokens, b.tokens) + config.actor_bonus * actors
    if place is Agreement.match:
        fine = a.place_precision in _FINE_PLACES and b.place_precision in _FINE_PLACES
        score += config.place_bonus if fine else config.coarse_place_bonus
    if a.date_exact and b.date_exact and a.date_start == b.date_start:
        score += config.exact_date_bonus
    tolls = casualties_agreement(a.fatalities, b.fatalities)
    if tolls is Agreement.match:
        score += config.casualty_bonus
    elif tolls is Agreement.conflict:
        score -= config.casualty_penalty
    if a.event_type != b.event_type:
        score -= config.compatible_type_penalty
    return score


def best_cluster(
    profile: EventProfile, candidates: Iterable[Candidate], config: LinkConfig = LinkConfig()
) -> tuple[int, float] | None:
    """The cluster the record should join, with its score, or None to start a new real event.

    A record must be compatible with every member (so clusters cannot drift by chaining) and must not
    come from an article already in the cluster (within-article duplicates are merged upstream).
    """
    best: tuple[int, float] | None = None
    for candidate in candidates:
        if any(member.article_id == profile.article_id for member in candidate.members):
            continue
        scores = [link_score(profile, member, config) for member in candidate.members]
        if not scores or any(score is None for score in scores):
            continue
        score = max(s for s in scores if s is not None)
        if score >= config.min_score and (best is None or score > best[1]):
            best = (candidate.cluster_id, score)
    return best


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def place_agreement(a: EventProfile, b: EventProfile, config: LinkConfig = LinkConfig()) -> Agreement:
    if a.place_precision is None or b.place_precision is None:
        return Agreement.unknown
    if a.country and b.country and a.country != b.country:
        return Agreement.conflict
    fine = a.place_precision in _FINE_PLACES and b.place_precision in _FINE_PLACES
    if fine and None not in (a.lat, a.lon, b.lat, b.lon):
        distance = distance_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]
        # Two towns close together but in different divisions (a capital and its suburbs' province)
        # are different places; reports of one event name the same division.
        near = distance <= config.max_km and not (a.admin1 and b.admin1 and a.admin1 != b.admin1)
        return Agreement.match if near else Agreement.conflict
    if LocationPrecision.country in (a.place_precision, b.place_precision):
        return Agreement.match if a.country and a.country == b.country else Agreement.unknown
    if a.admin1 and b.admin1:
        return Agreement.match if a.admin1 == b.admin1 else Agreement.conflict
    return Agreement.unknown


def actor_agreement(a: ActorKey | None, b: ActorKey | None) -> Agreement:
    if a is None or b is None:
        return Agreement.unknown
    if a.surface or b.surface:
        # Unresolved surface text ("the gunmen", "Taliban fighters") is weak evidence either way.
        if a.name and b.name and set(a.name.split()) & set(b.name.split()):
            return Agreement.match
        return Agreement.unknown
    if a.wikidata and b.wikidata:
        # Both resolved to knowledge-base entities: that settles it.
        return Agreement.match if a.wikidata == b.wikidata else Agreement.conflict
    same_group = a.country is not None and a.country == b.country and a.sector is not None and a.sector == b.sector
    if a.name and b.name:
        return Agreement.match if a.name == b.name or same_group else Agreement.conflict
    if same_group:
        return Agreement.match
    if a.country and b.country and a.sector and b.sector:
        return Agreement.conflict
    return Agreement.unknown


def _actor_matches(a: EventProfile, b: EventProfile) -> int | None:
    """Matching actor roles (0-2), trying both orientations; None when they conflict.

    The swapped orientation counts only if it matches someone: otherwise two records with different
    actors and no recipients would always "agree" by comparing each actor with a missing recipient.
    """
    best: int | None = None
    for swapped, (first, second) in enumerate(((b.actor, b.recipient), (b.recipient, b.actor))):
        pair = (actor_agreement(a.actor, first), actor_agreement(a.recipient, second))
        if Agreement.conflict in pair:
            continue
        matches = sum(agreement is Agreement.match for agreement in pair)
        if swapped and not matches:
            continue
        best = matches if best is None else max(best, matches)
    return best


def casualties_agreement(a: int | None, b: int | None) -> Agreement:
    """Death tolls agree when equal, conflict when far apart (tolls rise as reports come in: allow 2x)."""
    if a is None or b is None:
        return Agreement.unknown
    if a == b:
        return Agreement.match if a > 0 else Agreement.unknown
    low, high = sorted((a, b))
    return Agreement.conflict if high - low >= 3 and high > 2 * low else Agreement.unknown


def _dates_overlap(a: EventProfile, b: EventProfile, slack_days: int) -> bool:
    if a.date_start is None or b.date_start is None or a.date_end is None or b.date_end is None:
        return True
    slack = dt.timedelta(days=slack_days)
    return a.date_start <= b.date_end + slack and b.date_start <= a.date_end + slack


def _range_from_value(value: str) -> tuple[dt.date, dt.date] | None:
    """Date range of a TimeML-style value: YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            day = dt.date.fromisoformat(value)
            return day, day
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + dt.timedelta(days=6)
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            first = dt.date(int(m[1]), int(m[2]), 1)
            following = dt.date(first.year + (first.month == 12), first.month % 12 + 1, 1)
            return first, following - dt.timedelta(days=1)
        if re.fullmatch(r"\d{4}", value):
            return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
    except ValueError:
        return None
    return None


def _actor_key(actor: object) -> ActorKey | None:
    if actor is None:
        return None
    name = _norm(getattr(actor, "name", None))
    country = _norm(getattr(actor, "country", None))
    sector = _norm(getattr(actor, "sector", None))
    if name or country or sector:
        return ActorKey(name=name, country=country, sector=sector, wikidata=getattr(actor, "wikidata", None))
    # An unresolved mention still has surface text; compare on it rather than ignore the actor.
    text = _norm(getattr(actor, "text", None))
    return ActorKey(name=text, country=None, sector=None, surface=True) if text else None


def _norm(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.lower().split())
    return value or None
