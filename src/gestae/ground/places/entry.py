"""The gazetteer's record of one place, and what a look-up returns."""

from __future__ import annotations

from dataclasses import dataclass

from gestae.records import LocationPrecision

COUNTRY_FEATURES = frozenset({"PCLI", "PCLD", "PCLS", "PCLF", "PCLIX", "PCL", "TERR", "CONT"})
ADMIN1_FEATURES = frozenset({"ADM1", "ADMD"})
ADMIN2_FEATURES = frozenset({"ADM2", "ADM3"})
# Regions and water bodies are larger than a town but not administrative units.
REGION_FEATURES = frozenset({"RGN", "PEN", "SEA", "GULF", "STRT", "VAL", "MTS", "ISL"})


@dataclass(frozen=True, slots=True)
class GazetteerPlace:
    """One place in the gazetteer. `geonames_id` is None for entries from gestae's own alias table."""

    name: str
    geonames_id: int | None
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    admin1_iso: str | None
    feature: str
    population: int = 0

    @property
    def precision(self) -> LocationPrecision:
        if self.feature in COUNTRY_FEATURES:
            return LocationPrecision.country
        if self.feature in ADMIN1_FEATURES or self.feature in ADMIN2_FEATURES or self.feature in REGION_FEATURES:
            return LocationPrecision.admin1
        if self.feature.startswith("PPL"):
            return LocationPrecision.city
        return LocationPrecision.point

    @property
    def is_country(self) -> bool:
        return self.feature in COUNTRY_FEATURES and self.feature != "CONT"

    @property
    def is_admin1(self) -> bool:
        return self.feature in ADMIN1_FEATURES

    @property
    def is_populated_place(self) -> bool:
        return self.feature.startswith("PPL")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place that a name may refer to; `primary` is True when the name is the place's own name."""

    place: GazetteerPlace
    primary: bool
