"""`plover-json`: one JSON object per line, PLOVER fields at the top, the full gestae record under `record`."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO

from gestae.store.query import RealEvent


def plover_object(real: RealEvent) -> dict[str, object]:
    event, place = real.event, real.event.location
    return {
        "id": f"gestae-{real.cluster_id}",
        "date": real.date.isoformat() if real.date else None,
        "date_precision": event.date.precision.value,
        "event_type": event.event_type,
        "mode": event.mode,
        "context": list(event.context),
        "actor": event.actor.name or event.actor.text if event.actor else None,
        "actor_country": event.actor.country if event.actor else None,
        "actor_sector": event.actor.sector if event.actor else None,
        "recipient": event.recipient.name or event.recipient.text if event.recipient else None,
        "recipient_country": event.recipient.country if event.recipient else None,
        "recipient_sector": event.recipient.sector if event.recipient else None,
        "location": None if place is None else {
            "name": place.name, "admin1": place.admin1, "country": place.country, "lat": place.lat,
            "lon": place.lon, "geonames_id": place.geonames_id, "precision": place.precision.value,
        },
        "modality": event.modality.value,
        "cameo": event.cameo,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "fatalities": real.fatalities,
        "num_mentions": real.num_mentions,
        "num_articles": real.num_articles,
        "num_sources": real.num_sources,
        "first_seen": real.first_seen.isoformat() if real.first_seen else None,
        "last_seen": real.last_seen.isoformat() if real.last_seen else None,
        "sources": real.sources,
        "urls": real.urls,
        "article_ids": real.article_ids,
        "evidence": real.evidence,
        "record": event.model_dump(mode="json"),
    }


def write_plover_jsonl(events: Iterable[RealEvent], out: IO[str]) -> int:
    count = 0
    for real in events:
        out.write(json.dumps(plover_object(real), ensure_ascii=False) + "\n")
        count += 1
    return count
