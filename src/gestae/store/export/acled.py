"""`acled-csv`: ACLED-like rows, one per real event that carries an ACLED event type.

Actor interaction codes (inter1/inter2) follow ACLED's scheme from the PLOVER sector, approximately:
1 state forces, 2 rebel groups, 6 protesters, 7 civilians, 8 external/other forces. docs/exports.md.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO

from gestae.records import Actor, LocationPrecision
from gestae.store.export.rows import actor_label, country_name, text_value
from gestae.store.query import RealEvent

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
    "actor2", "assoc_actor_2", "inter2", "country", "admin1", "location", "latitude", "longitude",
    "geo_precision", "source", "notes", "fatalities",
)
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "SPY"})
_REBEL_SECTORS = frozenset({"REB", "INS"})
_CIVILIAN_SECTORS = frozenset({"CVL", "MED", "NGO", "EDU", "HLH", "REL", "LAB", "BUS", "OPP", "PTY", "ACT", "REF"})
# ACLED geo_precision: 1 the named town, 2 near a town or part of a region, 3 only a region is known.
_GEO_PRECISION = {
    LocationPrecision.point: 1,
    LocationPrecision.city: 1,
    LocationPrecision.admin1: 3,
    LocationPrecision.country: 3,
}


def interaction_code(actor: Actor | None, *, event_country: str | None, protest_side: bool, riot: bool) -> str:
    if actor is None:
        return "0" if not protest_side else ("5" if riot else "6")
    if protest_side:
        return "5" if riot else "6"
    sector = (actor.sector or "").upper()
    foreign = bool(actor.country and event_country and actor.country != event_country)
    if sector in _STATE_SECTORS:
        return "8" if foreign else "1"
    if sector == "IGO" or actor.country == "IGO":
        return "8"
    if sector in _REBEL_SECTORS:
        return "2"
    if sector in _CIVILIAN_SECTORS:
        return "7"
    return ""


def acled_row(real: RealEvent) -> dict[str, str]:
    event, place = real.event, real.event.location
    country = place.country if place else None
    acled_type = event.acled_event_type or ""
    is_protest = acled_type.lower() in ("protests", "riots") or event.event_type == "PROTEST"
    riot = acled_type.lower() == "riots"
    return {
        "event_id_cnty": f"{country or 'XXX'}{real.cluster_id}",
        "event_date": text_value(real.date),
        "year": str(real.date.year) if real.date else "",
        "event_type": acled_type,
        "sub_event_type": event.acled_sub_event_type or "",
        "actor1": actor_label(event.actor) or "",
        "assoc_actor_1": "",
        "inter1": interaction_code(event.actor, event_country=country, protest_side=is_protest, riot=riot),
        "actor2": actor_label(event.recipient) or "",
        "assoc_actor_2": "",
        "inter2": interaction_code(event.recipient, event_country=country, protest_side=False, riot=False)
        if event.recipient else "0",
        "country": country_name(country),
        "admin1": (place.admin1 or "") if place else "",
        "location": place.name if place else "",
        "latitude": text_value(place.lat) if place else "",
        "longitude": text_value(place.lon) if place else "",
        "geo_precision": str(_GEO_PRECISION[place.precision]) if place else "",
        "source": "; ".join(real.sources),
        "notes": real.evidence,
        "fatalities": str(real.fatalities or 0),
    }


def write_acled_csv(events: Iterable[RealEvent], out: IO[str]) -> tuple[int, int]:
    """Write rows for events with an ACLED type; returns (written, skipped for having none)."""
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    written = skipped = 0
    for real in events:
        if not real.event.acled_event_type:
            skipped += 1
            continue
        writer.writerow(acled_row(real))
        written += 1
    return written, skipped
