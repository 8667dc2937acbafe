"""Where and when *this* event happened: the place and time expression attached to its trigger.

Not any place named in the article: a place counts for an event when it sits in the event's own clause
(and not inside its actor's name: "Russia's defense ministry" names no place of the strike). Failing
that, the sentence's places, then the article's focus place, each marked as such.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence

from spacy.tokens import Span, Token

from gestae.extract.syntax import clause_subtree_tokens
from gestae.records import DatePrecision, EventDate, Location, LocationPrecision, Place, Timex

POINT_FEATURES = {"AIRB", "AIRP", "MILB", "CMP", "CMPRF", "PSTB", "BDG", "INSM", "PRT", "DAM", "BCN", "RDJCT", "PS", "PO", "BLDG"}
ADMIN1_FEATURES = {"ADM1", "ADM1H", "RGN", "RGNE", "TERR", "PRSH", "ISL", "ISLS", "PEN", "VAL", "DSRT", "MTS"}
COUNTRY_FEATURES = {"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCLH", "PCL", "CONT", "ZN"}


def place_precision(feature: str | None) -> LocationPrecision:
    if feature in COUNTRY_FEATURES:
        return LocationPrecision.country
    if feature in ADMIN1_FEATURES:
        return LocationPrecision.admin1
    if feature in POINT_FEATURES:
        return LocationPrecision.point
    return LocationPrecision.city


_SPECIFICITY = {LocationPrecision.point: 0, LocationPrecision.city: 1, LocationPrecision.admin1: 2, LocationPrecision.country: 3}


def to_location(place: Place, inherited: bool = False) -> Location:
    return Location(
        text=place.text, start=place.start, end=place.end, name=place.name, geonames_id=place.geonames_id,
        lat=place.lat, lon=place.lon, admin1=place.admin1, admin1_iso=place.admin1_iso, country=place.country,
        feature=place.feature, precision=place_precision(place.feature), inherited=inherited,
    )


def _char_ranges(tokens: Iterable[Token]) -> list[tuple[int, int]]:
    return [(t.idx, t.idx + len(t.text)) for t in tokens]


def _inside(start: int, end: int, ranges: Sequence[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in ranges)


def event_tokens(anchor: Token, head: Token) -> list[Token]:
    """The tokens of the event's own clause: its anchor verb's clause plus the trigger noun's phrase."""
    tokens = list(clause_subtree_tokens(anchor))
    if head.i != anchor.i:
        tokens.extend(clause_subtree_tokens(head))
    return tokens


def clause_ranges(anchor: Token, head: Token) -> list[tuple[int, int]]:
    """Character ranges of the event's own clause."""
    return _char_ranges(event_tokens(anchor, head))


def locate(
    anchor: Token, head: Token, sent: Span, places: Sequence[Place], excluded: Sequence[tuple[int, int]],
    focus: Place | None, others: Sequence[tuple[int, int]] = (),
) -> tuple[Location | None, str]:
    """The event's location and how it was chosen.

    `excluded` are the event's own actor and source phrases ("Russia's defense ministry"); `others` the
    clauses of the sentence's other events, whose places are theirs ("the bombing of the embassy in Belgrade").
    """
    usable = [p for p in places if sent.start_char <= p.start < sent.end_char and not _inside(p.start, p.end, excluded) and p.lat is not None]
    clause = clause_ranges(anchor, head)
    own = [p for p in usable if _inside(p.start, p.end, clause)]
    unclaimed = [p for p in usable if not _inside(p.start, p.end, others)]
    for pool, how in ((own, "in the event's clause"), (unclaimed, "named in the sentence")):
        if pool:
            best = min(pool, key=lambda p: (_SPECIFICITY[place_precision(p.feature)], abs(p.start - head.idx)))
            return to_location(best), how
    if focus is not None and not _inside(focus.start, focus.end, excluded):
        return to_location(focus, inherited=True), "inherited from the article's focus place"
    return None, "no place in the sentence or article"


def focus_place(places: Sequence[Place]) -> Place | None:
    """The article's main place: the most often named sub-national place, else the most named country."""
    resolved = [p for p in places if p.lat is not None]
    if not resolved:
        return None
    local = [p for p in resolved if place_precision(p.feature) is not LocationPrecision.country]
    pool = local or resolved
    counts = Counter(p.geonames_id or p.name for p in pool)
    key, _ = counts.most_common(1)[0]
    return next(p for p in pool if (p.geonames_id or p.name) == key)


def timex_date(timex: Timex, how: str) -> EventDate:
    return EventDate(
        text=timex.text, value=timex.value, start=timex.range_start, end=timex.range_end,
        precision=timex.precision, reason=how,
    )


def _saying_verb(anchor: Token) -> Token | None:
    """The verb of saying whose reported speech holds `anchor`, if any."""
    from gestae.extract.modality import REPORTING

    node = anchor
    for _ in range(4):
        if node.head.i == node.i:
            return None
        if node.dep_ in ("ccomp", "parataxis", "dobj") and node.head.lemma_.lower() in REPORTING:
            return node.head
        node = node.head
    return None


def date(anchor: Token, head: Token, sent: Span, timexes: Sequence[Timex], narrative: EventDate | None,
         published: dt.date | None, verbal: bool = False) -> EventDate:
    """The event's date: its own time expression, else the article's narrative time, else publication."""
    dated = [t for t in timexes if t.type in ("DATE", "TIME") and t.range_start is not None]
    clause = clause_ranges(anchor, head)
    own = [t for t in dated if _inside(t.start, t.end, clause)]
    if own:
        best = min(own, key=lambda t: abs(t.start - head.idx))
        return timex_date(best, f"'{best.text}' attached to the trigger")
    saying = _saying_verb(anchor) if verbal else None
    if saying is not None:
        # A statement happens when it is made: 'we see the patrols as a step,' he said Friday.
        spoken = [t for t in dated if _inside(t.start, t.end, _char_ranges(clause_subtree_tokens(saying)))]
        if spoken:
            best = min(spoken, key=lambda t: abs(t.start - saying.idx))
            return timex_date(best, f"'{best.text}' dates the statement")
    if narrative is not None:
        return narrative.model_copy(update={"reason": f"narrative time of the article ({narrative.reason})"})
    if published is not None:
        return EventDate(
            value=published.isoformat(), start=published, end=published, precision=DatePrecision.unknown,
            reason="no time expression for this event; publication date given as the latest it can be",
        )
    return EventDate(reason="no time expression and no publication date")
