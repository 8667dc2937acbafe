"""spaCy EntityRuler patterns for place names the small English model misses or mislabels."""

from __future__ import annotations

from gestae.ground.places.sources import load_alias_table

# GeoNames feature codes of sites (an entity ruler's FAC) and of natural or informal areas (LOC).
_FACILITY_FEATURES = frozenset({"AIRB", "INSM", "PSTB", "CMPRF", "DAM", "PS", "SQR"})
_AREA_FEATURES = frozenset({"RGN", "PEN", "SEA", "GULF", "STRT", "VAL", "MTS", "ISL", "TERR", "PASS"})


def _label(feature: str) -> str:
    if feature in _FACILITY_FEATURES:
        return "FAC"
    if feature in _AREA_FEATURES:
        return "LOC"
    return "GPE"


def entity_patterns() -> list[dict[str, str]]:
    """Phrase patterns (case-sensitive) for the alias table's names and for known NER misses.

    Add them to an entity ruler placed before the NER with `overwrite_ents=True`.
    """
    table = load_alias_table()
    seen: set[str] = set()
    patterns: list[dict[str, str]] = []

    def add(label: str, text: str) -> None:
        # Lower-case variants ("the Gulf") are left to the NER: as patterns they would fire on common words.
        if text and text[0].isupper() and text not in seen:
            seen.add(text)
            patterns.append({"label": label, "pattern": text})

    for entry in table["places"]:
        for name in (entry["name"], *entry.get("aliases", [])):
            add(_label(entry["feature"]), name)
    for label, names in table["ner_names"].items():
        if not label.startswith("_"):
            for name in names:
                add(label, name)
    return patterns


def alias_names() -> list[str]:
    """Every name of the alias table's own places, for matching text the NER left alone."""
    names: list[str] = []
    for entry in load_alias_table()["places"]:
        names.extend(n for n in (entry["name"], *entry.get("aliases", [])) if n and n[0].isupper())
    return names
