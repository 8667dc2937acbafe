"""Flat rows describing real events: the columns of `gestae query`, CSV, Parquet and GeoJSON properties."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from gestae.records import Actor
from gestae.store.query import RealEvent

SUMMARY_COLUMNS: tuple[str, ...] = (
    "real_event_id", "date", "date_precision", "event_type", "mode", "cameo", "quad_class", "goldstein",
    "acled_event_type", "actor", "actor_country", "actor_sector", "recipient", "recipient_country",
    "recipient_sector", "location", "admin1", "country", "latitude", "longitude", "location_precision",
    "modality", "fatalities", "num_mentions", "num_articles", "num_sources", "first_seen", "last_seen",
    "sources", "url", "evidence", "event_id",
)


def coded_label(actor: Actor | None) -> str | None:
    """An actor's name only when it was resolved (a name, or a country or sector): what dyads count."""
    if actor is None or not (actor.name or actor.country or actor.sector):
        return None
    return actor_label(actor)


def actor_label(actor: Actor | None) -> str | None:
    """How an actor is named in tables: canonical name, else country+sector, else the words used."""
    if actor is None:
        return None
    if actor.name:
        return actor.name
    if actor.country or actor.sector:
        return " ".join(part for part in (actor.country, actor.sector) if part)
    return actor.text or None


def summary_row(real: RealEvent) -> dict[str, Any]:
    event, place = real.event, real.event.location
    return {
        "real_event_id": real.cluster_id,
        "date": real.date,
        "date_precision": event.date.precision.value,
        "event_type": event.event_type,
        "mode": event.mode,
        "cameo": event.cameo,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "acled_event_type": event.acled_event_type,
        "actor": actor_label(event.actor),
        "actor_country": event.actor.country if event.actor else None,
        "actor_sector": event.actor.sector if event.actor else None,
        "recipient": actor_label(event.recipient),
        "recipient_country": event.recipient.country if event.recipient else None,
        "recipient_sector": event.recipient.sector if event.recipient else None,
        "location": place.name if place else None,
        "admin1": place.admin1 if place else None,
        "country": place.country if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "location_precision": place.precision.value if place else None,
        "modality": event.modality.value,
        "fatalities": real.fatalities,
        "num_mentions": real.num_mentions,
        "num_articles": real.num_articles,
        "num_sources": real.num_sources,
        "first_seen": real.first_seen,
        "last_seen": real.last_seen,
        "sources": "; ".join(real.sources),
        "url": real.urls[0] if real.urls else None,
        "evidence": real.evidence,
        "event_id": event.event_id,
    }


def text_value(value: Any) -> str:
    """A cell for CSV/TSV/table output: ISO dates, empty string for None."""
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


@lru_cache(maxsize=512)
def country_name(alpha3: str | None) -> str:
    """English short name of an ISO alpha-3 code (the code itself when unknown)."""
    if not alpha3:
        return ""
    import pycountry

    found = pycountry.countries.get(alpha_3=alpha3.upper())
    return found.name if found else alpha3
