"""Cross-article dedup benchmark: hand-written event mentions with gold real-event labels.

Each line of `benchmarks/dedup/mentions.jsonl` is one event mention as the pipeline would code it
(type, actors, place with coordinates, date, trigger, sentence), the article it came from (id, outlet,
publication date) and `real_event`, the gold label: mentions with the same label report the same
happening. `run` stores the articles, in publication order, into a fresh database through the real
write path (`Store.add` -> `gestae.dedup.across`) and scores the clusters it built pairwise.

    python -c "from gestae.dedup import benchmark; print(benchmark.run('benchmarks/dedup'))"
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import tempfile
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from gestae.dedup.across import LinkConfig
from gestae.records import (
    Actor,
    Article,
    ArticleResult,
    DatePrecision,
    Event,
    EventDate,
    Location,
    LocationPrecision,
    Modality,
    SentenceRef,
    Trigger,
)

MENTIONS_FILE = "mentions.jsonl"

# Filler for the record's required coding fields, which dedup does not look at: a typical CAMEO code,
# quad class and Goldstein value per PLOVER type (after the CAMEO codebook's root categories).
_TYPE_CODING: dict[str, tuple[str, int, float]] = {
    "AGREE": ("057", 1, 8.0),
    "CONSULT": ("040", 1, 1.0),
    "SUPPORT": ("051", 1, 3.4),
    "CONCEDE": ("080", 2, 5.0),
    "COOPERATE": ("060", 2, 6.0),
    "AID": ("070", 2, 7.0),
    "RETREAT": ("087", 2, 9.0),
    "REQUEST": ("020", 1, 3.0),
    "ACCUSE": ("112", 3, -2.0),
    "REJECT": ("120", 3, -4.0),
    "THREATEN": ("130", 3, -4.4),
    "PROTEST": ("141", 3, -6.5),
    "SANCTION": ("160", 3, -4.0),
    "MOBILIZE": ("150", 4, -7.2),
    "COERCE": ("170", 4, -7.0),
    "ASSAULT": ("190", 4, -10.0),
}


def load(path: str | Path) -> list[dict[str, Any]]:
    """The benchmark's mention records (a folder holding mentions.jsonl, or the file itself)."""
    path = Path(path)
    if path.is_dir():
        path = path / MENTIONS_FILE
    records = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as error:
                    raise ValueError(f"{path}:{number}: {error}") from None
    return records


def build_results(records: list[dict[str, Any]]) -> list[ArticleResult]:
    """Articles (text = their mentions' sentences) with one coded Event per mention, by publication date."""
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        by_article[record["article"]["id"]].append(record)
    results = []
    for article_id, mentions in by_article.items():
        meta = mentions[0]["article"]
        text, events, offset = "", [], 0
        for index, mention in enumerate(mentions):
            sentence = mention["sentence"]
            text += ("" if not text else " ") + sentence
            offset = len(text) - len(sentence)
            events.append(event_from_spec(mention, article_id=article_id, sentence_index=index, offset=offset))
        article = Article(
            id=article_id,
            text=text,
            date=dt.date.fromisoformat(meta["date"]) if meta.get("date") else None,
            title=meta.get("title"),
            source=meta.get("source"),
            url=meta.get("url"),
        )
        results.append(ArticleResult(article=article, events=events))
    results.sort(key=lambda r: (r.article.date or dt.date.min, r.article.id))
    return results


def event_from_spec(spec: Mapping[str, Any], *, article_id: str, sentence_index: int = 0, offset: int = 0) -> Event:
    """An `Event` from a compact mention spec (the benchmark's line format; also handy in tests).

    `spec` keys: id, type, trigger, sentence, and optionally actor/recipient ({name, country, sector,
    wikidata} or {text}), place ({name, lat, lon, admin1, country, precision}), date ("YYYY-MM-DD" or
    {start, end, precision, value}), modality, fatalities, confidence, cameo, acled_event_type.
    """
    sentence: str = spec["sentence"]
    trigger_text: str = spec["trigger"]
    at = sentence.find(trigger_text)
    if at < 0:
        raise ValueError(f"{spec.get('id')}: trigger {trigger_text!r} is not in its sentence")
    cameo, quad, goldstein = _TYPE_CODING[spec["type"]]
    return Event(
        event_id=str(spec.get("id") or f"{article_id}-e{sentence_index}"),
        article_id=article_id,
        sentence=SentenceRef(index=sentence_index, start=offset, end=offset + len(sentence)),
        trigger=Trigger(text=trigger_text, start=offset + at, end=offset + at + len(trigger_text),
                        lemma=spec.get("lemma", trigger_text.lower())),
        event_type=spec["type"],
        cameo=spec.get("cameo", cameo),
        quad_class=spec.get("quad_class", quad),
        goldstein=spec.get("goldstein", goldstein),
        acled_event_type=spec.get("acled_event_type"),
        acled_sub_event_type=spec.get("acled_sub_event_type"),
        actor=_actor(spec.get("actor"), sentence, offset),
        recipient=_actor(spec.get("recipient"), sentence, offset),
        location=_place(spec.get("place"), sentence, offset),
        date=_date(spec.get("date")),
        modality=Modality(spec.get("modality", "asserted")),
        fatalities=spec.get("fatalities"),
        confidence=spec.get("confidence", 0.8),
    )


def run(path: str | Path, *, config: LinkConfig = LinkConfig(), reverse: bool = False) -> dict[str, Any]:
    """Store the benchmark into a temporary database and score its clusters against the gold labels.

    Returns pairwise precision, recall and F1 (a pair = two mentions put in the same real event),
    counts, and the mention-id pairs that were wrongly merged or missed. `reverse=True` stores the
    articles newest first, to check that clustering does not hinge on arrival order.
    """
    from gestae.store import Store, schema  # the store imports this package: import late

    records = load(path)
    gold = {str(r["id"]): str(r["real_event"]) for r in records}
    results = build_results(records)
    if reverse:
        results.reverse()
    with tempfile.TemporaryDirectory(prefix="gestae-dedup-") as folder:
        with Store.open(Path(folder) / "bench.db", link_config=config) as store:
            for result in results:
                store.add(result)
            with store.engine.connect() as conn:
                rows = conn.execute(sa.select(schema.events.c.event_id, schema.events.c.cluster_id)).all()
    predicted = {event_id: cluster for event_id, cluster in rows}
    return score(gold, predicted)


def score(gold: Mapping[str, str], predicted: Mapping[str, object]) -> dict[str, Any]:
    """Pairwise clustering precision/recall of `predicted` (mention -> cluster) against `gold`."""
    ids = sorted(gold)
    gold_pairs, predicted_pairs = set(), set()
    for a, b in itertools.combinations(ids, 2):
        if gold[a] == gold[b]:
            gold_pairs.add((a, b))
        if predicted.get(a) is not None and predicted.get(a) == predicted.get(b):
            predicted_pairs.add((a, b))
    true = gold_pairs & predicted_pairs
    precision = len(true) / len(predicted_pairs) if predicted_pairs else 1.0
    recall = len(true) / len(gold_pairs) if gold_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "mentions": len(ids),
        "gold_events": len(set(gold.values())),
        "predicted_events": len({predicted.get(i) for i in ids}),
        "gold_pairs": len(gold_pairs),
        "predicted_pairs": len(predicted_pairs),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "false_merges": sorted(predicted_pairs - gold_pairs),
        "missed": sorted(gold_pairs - predicted_pairs),
    }


def _actor(spec: Mapping[str, Any] | None, sentence: str, offset: int) -> Actor | None:
    if not spec:
        return None
    text = spec.get("text") or spec.get("name") or ""
    at = max(sentence.find(text), 0) if text else 0
    return Actor(text=text, start=offset + at, end=offset + at + len(text), name=spec.get("name"),
                 country=spec.get("country"), sector=spec.get("sector"), wikidata=spec.get("wikidata"))


def _place(spec: Mapping[str, Any] | None, sentence: str, offset: int) -> Location | None:
    if not spec:
        return None
    name = spec["name"]
    at = max(sentence.find(name), 0)
    return Location(
        text=name, start=offset + at, end=offset + at + len(name), name=name,
        lat=spec.get("lat"), lon=spec.get("lon"), admin1=spec.get("admin1"), admin1_iso=spec.get("admin1_iso"),
        country=spec.get("country"), precision=LocationPrecision(spec.get("precision", "city")),
    )


def _date(spec: str | Mapping[str, Any] | None) -> EventDate:
    if spec is None:
        return EventDate(precision=DatePrecision.unknown)
    if isinstance(spec, str):
        day = dt.date.fromisoformat(spec)
        return EventDate(value=spec, start=day, end=day, precision=DatePrecision.day)
    start = dt.date.fromisoformat(spec["start"]) if spec.get("start") else None
    end = dt.date.fromisoformat(spec["end"]) if spec.get("end") else start
    return EventDate(value=spec.get("value"), start=start, end=end,
                     precision=DatePrecision(spec.get("precision", "day")))
