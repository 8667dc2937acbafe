"""One event, however many sentences tell it: folding mentions of the same event inside one article.

"Russian warplanes carried out a strike ..." then "The strike targeted ..." then "the raid was launched ..."
are three mentions of one event. A later mention joins an earlier event when nothing about them
conflicts (type, modality, actors, recipient, date) and something ties them: a definite noun pointing
back ("the raid"), the same trigger word, or the same actor and recipient.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gestae.records import Actor, Event, EventDate

# Trigger words that name the same kind of happening; a definite "the raid" may point back to a "strike".
SYNONYM_GROUPS = [
    {"strike", "airstrike", "raid", "attack", "bombing", "bombardment", "shelling", "assault", "offensive", "operation", "target", "hit", "bomb", "shell"},
    {"clash", "fighting", "fight", "battle", "skirmish", "firefight", "gunbattle"},
    {"ceasefire", "cease-fire", "truce", "agreement", "deal", "accord", "broker", "agree", "sign", "pact"},
    {"patrol", "joint patrol", "joints patrol", "exercise", "joint exercise"},
    {"protest", "demonstration", "rally", "march", "demonstrate"},
    {"talk", "meeting", "meet", "summit", "negotiation", "negotiate"},
    {"arrest", "detain", "detention"},
]


@dataclass
class Telling:
    """An event as first told, with what dedup needs to know about how it was told."""

    event: Event
    lemmas: set[str]
    definite: bool
    merged_from: list[Event] = field(default_factory=list)


def _related_words(a: set[str], b: set[str]) -> bool:
    if a & b:
        return True
    return any(a & group and b & group for group in SYNONYM_GROUPS)


def _actors_agree(a: Actor | None, b: Actor | None) -> bool:
    if a is None or b is None:
        return True
    if a.name and b.name and a.name == b.name:
        return True
    if a.country and b.country and a.country != b.country:
        return False
    if a.sector and b.sector and a.sector != b.sector and a.name != b.name:
        return a.country is not None and a.country == b.country and {a.sector, b.sector} <= {"GOV", "MIL"}
    return True


def _dates_agree(a: EventDate, b: EventDate) -> bool:
    if _borrowed(a) or _borrowed(b):
        return True
    if a.start is None or b.start is None or a.precision.value == "unknown" or b.precision.value == "unknown":
        return True
    return a.start <= (b.end or b.start) and b.start <= (a.end or a.start)


def _borrowed(date: EventDate) -> bool:
    """A date not stated for the event itself (narrative time, publication date) cannot rule a match out."""
    return date.reason is not None and not date.reason.startswith("'")


def _same_actor(a: Actor | None, b: Actor | None) -> bool:
    return a is not None and b is not None and (a.name or a.country) == (b.name or b.country) and (a.name or a.country) is not None


def same_event(earlier: Telling, later: Telling) -> bool:
    e, l = earlier.event, later.event
    if e.modality != l.modality:
        return False
    if not (e.event_type == l.event_type or _related_words(earlier.lemmas, later.lemmas)):
        return False
    if not (_actors_agree(e.actor, l.actor) and _actors_agree(e.recipient, l.recipient) and _dates_agree(e.date, l.date)):
        return False
    if later.definite and _related_words(earlier.lemmas, later.lemmas):
        return True
    if later.definite and e.event_type == l.event_type and l.actor is None:
        return True
    return _same_actor(e.actor, l.actor) and e.event_type == l.event_type and (
        _same_actor(e.recipient, l.recipient) or earlier.lemmas & later.lemmas
    )


def _fill(into: Event, other: Event) -> Event:
    """Keep the first telling's answers; take from the later one only what the first left open."""
    updates = {}
    for name in ("actor", "recipient", "fatalities", "injured"):
        if getattr(into, name) is None and getattr(other, name) is not None:
            updates[name] = getattr(other, name)
    if into.location is None or (into.location.inherited and other.location is not None and not other.location.inherited):
        if other.location is not None:
            updates["location"] = other.location
    if into.date.precision.value == "unknown" and other.date.precision.value != "unknown":
        updates["date"] = other.date
    if other.claim_of_responsibility:  # 'X claimed the ambush' is told after the ambush
        updates["claim_of_responsibility"] = True
    updates["mentions"] = into.mentions + other.mentions
    updates["confidence"] = min(1.0, max(into.confidence, other.confidence) + 0.05)
    return into.model_copy(update=updates)


def fold_mentions(tellings: list[Telling]) -> list[Telling]:
    """Merge later tellings into the latest earlier event they match; order of first telling is kept."""
    kept: list[Telling] = []
    for telling in tellings:
        host = next((k for k in reversed(kept) if same_event(k, telling)), None)
        if host is None:
            kept.append(telling)
            continue
        host.event = _fill(host.event, telling.event)
        host.lemmas |= telling.lemmas
        host.merged_from.append(telling.event)
    return kept
