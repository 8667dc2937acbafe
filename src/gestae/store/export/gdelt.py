"""`gdelt-tsv`: GDELT 2.0 Events-like rows (the columns that apply), tab-separated with a header line.

Deviations from GDELT, by design: country codes are ISO 3166 alpha-3 (GDELT's ActionGeo uses FIPS
10-4), ADM1 codes are ISO 3166-2, FeatureID is the GeoNames id. See docs/exports.md.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO

from gestae.records import Actor, LocationPrecision
from gestae.store.export.rows import country_name, text_value
from gestae.store.query import RealEvent

GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "SQLDATE", "MonthYear", "Year",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL",
)


def cameo_actor_code(actor: Actor | None) -> str:
    """CAMEO-style actor code: country then role, e.g. SYRGOV; empty when neither is known."""
    if actor is None:
        return ""
    return f"{actor.country or ''}{actor.sector or ''}"


def geo_type(precision: LocationPrecision, country: str | None) -> str:
    """GDELT ActionGeo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state."""
    us = country == "USA"
    if precision is LocationPrecision.country:
        return "1"
    if precision is LocationPrecision.admin1:
        return "2" if us else "5"
    return "3" if us else "4"


def gdelt_row(real: RealEvent) -> dict[str, str]:
    event, place = real.event, real.event.location
    day = real.date
    row = {
        "GlobalEventID": str(real.cluster_id),
        "SQLDATE": day.strftime("%Y%m%d") if day else "",
        "MonthYear": day.strftime("%Y%m") if day else "",
        "Year": str(day.year) if day else "",
        "IsRootEvent": "1" if event.sentence.index == 0 else "0",
        "EventCode": event.cameo,
        "EventBaseCode": event.cameo[:3],
        "EventRootCode": event.cameo[:2],
        "QuadClass": str(event.quad_class),
        "GoldsteinScale": text_value(event.goldstein),
        "NumMentions": str(real.num_mentions),
        "NumSources": str(real.num_sources),
        "NumArticles": str(real.num_articles),
        "DATEADDED": real.added.strftime("%Y%m%d%H%M%S") if real.added else "",
        "SOURCEURL": real.urls[0] if real.urls else "",
    }
    for number, actor in (("1", event.actor), ("2", event.recipient)):
        row[f"Actor{number}Code"] = cameo_actor_code(actor)
        row[f"Actor{number}Name"] = ((actor.name or actor.text) or "").upper() if actor else ""
        row[f"Actor{number}CountryCode"] = (actor.country or "") if actor else ""
        row[f"Actor{number}Type1Code"] = (actor.sector or "") if actor else ""
    if place:
        parts = [place.name, place.admin1 if place.precision is not LocationPrecision.country else None,
                 country_name(place.country) or None]
        row.update({
            "ActionGeo_Type": geo_type(place.precision, place.country),
            "ActionGeo_FullName": ", ".join(dict.fromkeys(p for p in parts if p)),
            "ActionGeo_CountryCode": place.country or "",
            "ActionGeo_ADM1Code": place.admin1_iso or "",
            "ActionGeo_Lat": text_value(place.lat),
            "ActionGeo_Long": text_value(place.lon),
            "ActionGeo_FeatureID": text_value(place.geonames_id),
        })
    else:
        row.update({column: "" for column in GDELT_COLUMNS if column.startswith("ActionGeo_")})
        row["ActionGeo_Type"] = "0"
    return row


def write_gdelt_tsv(events: Iterable[RealEvent], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=GDELT_COLUMNS, delimiter="\t", lineterminator="\n",
                            quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    count = 0
    for real in events:
        writer.writerow({key: value.replace("\t", " ").replace("\n", " ") for key, value in gdelt_row(real).items()})
        count += 1
    return count
