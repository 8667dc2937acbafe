"""Checking coded events against a hand-written expectation file (the shape of `seed/expected.json`).

`must` events have to appear asserted, once; `must_not` events may appear only with an allowed
non-asserted modality; `should` events are reported but not required.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gestae.geodesy import distance_km
from gestae.records import Actor, Event


@dataclass(frozen=True)
class Check:
    kind: str  # must, must_not, should
    what: str
    passed: bool
    detail: str


def _names_match(actor: Actor | None, name: str) -> bool:
    if actor is None:
        return False
    wanted = name.lower()
    return any(wanted in (v or "").lower() or (v or "").lower() in wanted and v for v in (actor.name, actor.text))


def _actor_ok(actor: Actor | None, spec: dict[str, Any]) -> bool:
    if actor is None:
        return False
    if "country" in spec and actor.country != spec["country"]:
        return False
    if "sector" in spec and actor.sector != spec["sector"]:
        return False
    return "name" not in spec or _names_match(actor, spec["name"])


def _types(spec: dict[str, Any]) -> set[str]:
    value = spec.get("event_type")
    return set(value) if isinstance(value, list) else {value} if value else set()


def matches(event: Event, spec: dict[str, Any]) -> bool:
    """Does `event` satisfy everything `spec` says (type, codes, actors, place, date)?"""
    if _types(spec) and event.event_type not in _types(spec):
        return False
    if "cameo_root" in spec and not event.cameo.startswith(spec["cameo_root"]):
        return False
    if "acled_sub_event_type" in spec and event.acled_sub_event_type != spec["acled_sub_event_type"]:
        return False
    if "actor" in spec and not _actor_ok(event.actor, spec["actor"]):
        return False
    if "recipient" in spec and not _actor_ok(event.recipient, spec["recipient"]):
        return False
    if "actor_countries" in spec:
        have = {a.country for a in (event.actor, event.recipient) if a is not None}
        if not set(spec["actor_countries"]) <= have:
            return False
    if "location" in spec:
        want, loc = spec["location"], event.location
        if loc is None or loc.lat is None or distance_km(loc.lat, loc.lon, want["lat"], want["lon"]) > want.get("max_km", 60):
            return False
        if "admin1_iso" in want and loc.admin1_iso != want["admin1_iso"]:
            return False
    if "date" in spec:
        want = spec["date"]
        if event.date.value != want["value"]:
            return False
        if "precision" in want and event.date.precision.value != want["precision"]:
            return False
    return True


def _forbidden_hit(event: Event, spec: dict[str, Any]) -> bool:
    if _types(spec) and event.event_type not in _types(spec):
        return False
    if "actor_name" in spec and not _names_match(event.actor, spec["actor_name"]):
        return False
    if "actor_country" in spec and (event.actor is None or event.actor.country != spec["actor_country"]):
        return False
    if "actor_sectors" in spec and (event.actor is None or event.actor.sector not in spec["actor_sectors"]):
        return False
    return True


def check(events: list[Event], expected: dict[str, Any]) -> list[Check]:
    checks = []
    asserted = [e for e in events if e.modality.value == "asserted"]
    for kind in ("must", "should"):
        for spec in expected.get(kind, []):
            hits = [e for e in asserted if matches(e, spec)]
            ok = len(hits) == 1 if kind == "must" and spec.get("count_after_dedup") == 1 else bool(hits)
            detail = f"{len(hits)} matching asserted event(s)" + (f": {hits[0].trigger.text!r} in sentence {hits[0].sentence.index}" if hits else "")
            checks.append(Check(kind, spec["what"], ok, detail))
    for spec in expected.get("must_not", []):
        allowed = set(spec.get("allowed_modality", []))
        bad = [e for e in events if _forbidden_hit(e, spec) and e.modality.value not in allowed]
        detail = "none asserted" if not bad else f"coded as {bad[0].modality.value}: {bad[0].trigger.text!r} in sentence {bad[0].sentence.index}"
        checks.append(Check("must_not", spec["what"], not bad, detail))
    return checks
