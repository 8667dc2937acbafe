"""`geojson`: a FeatureCollection with one Point per real event that has coordinates."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from gestae.store.export.rows import summary_row, text_value
from gestae.store.query import RealEvent


def feature(real: RealEvent) -> dict[str, Any] | None:
    place = real.event.location
    if place is None or place.lat is None or place.lon is None:
        return None
    properties = {
        key: (text_value(value) if key in ("date", "first_seen", "last_seen") and value is not None else value)
        for key, value in summary_row(real).items()
        if key not in ("latitude", "longitude")
    }
    return {
        "type": "Feature",
        "id": real.cluster_id,
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": properties,
    }


def write_geojson(events: Iterable[RealEvent], out: IO[str]) -> tuple[int, int]:
    """Write the collection; returns (features written, events skipped for lacking coordinates)."""
    features, skipped = [], 0
    for real in events:
        found = feature(real)
        if found is None:
            skipped += 1
        else:
            features.append(found)
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features), skipped
