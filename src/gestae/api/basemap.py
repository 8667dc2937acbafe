"""The dashboard's base map: country outlines from the `countryinfo` package, simplified once per process.

countryinfo ships one GeoJSON outline per country (small-scale, world-atlas detail). The map needs no
more than about a kilometre of precision, so rings are thinned with Douglas-Peucker and coordinates
rounded, which keeps the whole world under a few hundred kilobytes and fast to draw as SVG.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from typing import Any

Ring = list[list[float]]

DEFAULT_TOLERANCE = 0.05  # degrees: points closer than this to the simplified line are dropped
DECIMALS = 2


@lru_cache(maxsize=4)
def world_geojson(tolerance: float = DEFAULT_TOLERANCE) -> bytes:
    """A FeatureCollection of country (multi)polygons with `iso3` and `name` properties, as UTF-8 JSON."""
    from importlib.metadata import version

    from countryinfo import CountryInfo

    features = []
    for key, data in sorted(CountryInfo.all().items()):
        outline = CountryInfo(key).geo_json() or {}
        iso3 = (data.get("ISO") or {}).get("alpha3")
        for feature in outline.get("features", []):
            geometry = _simplify_geometry(feature.get("geometry") or {}, tolerance)
            if geometry is None:
                continue
            features.append({
                "type": "Feature",
                "id": iso3 or feature.get("id"),
                "properties": {"iso3": iso3 or feature.get("id"), "name": data.get("name", key)},
                "geometry": geometry,
            })
    collection = {
        "type": "FeatureCollection",
        "source": f"countryinfo {version('countryinfo')}, simplified with tolerance {tolerance} degrees",
        "features": features,
    }
    return json.dumps(collection, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _simplify_geometry(geometry: dict[str, Any], tolerance: float) -> dict[str, Any] | None:
    kind = geometry.get("type")
    if kind == "Polygon":
        polygons = [geometry.get("coordinates") or []]
    elif kind == "MultiPolygon":
        polygons = geometry.get("coordinates") or []
    else:
        return None
    kept = []
    for polygon in polygons:
        rings = [ring for ring in (_simplify_ring(r, tolerance) for r in polygon) if ring]
        if rings:
            kept.append(rings)
    if not kept:
        return None
    return {"type": "MultiPolygon", "coordinates": kept}


def _simplify_ring(ring: Ring, tolerance: float) -> Ring | None:
    if len(ring) < 4:
        return None
    points = _douglas_peucker(ring, tolerance)
    rounded: Ring = []
    for lon, lat in points:
        point = [round(lon, DECIMALS), round(lat, DECIMALS)]
        if not rounded or rounded[-1] != point:
            rounded.append(point)
    if rounded[0] != rounded[-1]:
        rounded.append(rounded[0])
    # Islands smaller than the tolerance collapse to a line: not worth drawing.
    return rounded if len(rounded) >= 4 else None


def _douglas_peucker(points: Ring, tolerance: float) -> Ring:
    """Iterative Douglas-Peucker (no recursion limit on long coastlines)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, distance = -1, tolerance
        for index in range(first + 1, last):
            d = _segment_distance(points[index], points[first], points[last])
            if d > distance:
                farthest, distance = index, d
        if farthest >= 0:
            keep[farthest] = True
            stack.append((first, farthest))
            stack.append((farthest, last))
    return [point for point, kept in zip(points, keep) if kept]


def _segment_distance(point: list[float], start: list[float], end: list[float]) -> float:
    (x, y), (x1, y1), (x2, y2) = point[:2], start[:2], end[:2]
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return math.hypot(x - x1, y - y1)
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - (x1 + t * dx), y - (y1 + t * dy))
