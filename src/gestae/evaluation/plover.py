"""PLOVER gold-standard records: event type and source-actor country of the most confident event.

Each record is one sentence with one gold PLOVER type and its source actors' codes.
- Event type accuracy: the type of the most confident political event (one with a PLOVER type;
  crisis-only reports do not count) in the sentence, whatever its modality; no event counts as wrong.
- Actor country accuracy: that event's actor country against the gold source codes (first three
  letters of `actors[].code`, e.g. "USA" from "USAGOV", "IGO" for international bodies); right when
  it equals any of them. Only records with a gold source code count; no event or no actor country
  counts as wrong.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from gestae.evaluation.scoreboard import (
    NO_PREDICTION, DatasetResult, ErrorLog, Row, accuracy, best_event, code_records, confusion, crash_rows, describe,
    list_events, ratio, read_jsonl,
)

if TYPE_CHECKING:
    from gestae.pipeline import Pipeline

NAME = "plover"
TITLE = "PLOVER gold records"


def source_countries(record: dict) -> set[str]:
    """Country part of the gold source actor codes ("USAGOV" -> "USA"); empty when none is coded."""
    return {actor["code"][:3].upper() for actor in record.get("actors", []) if actor.get("code")}


def evaluate(pipeline: Pipeline, path: Path, limit: int | None = None) -> DatasetResult:
    records = read_jsonl(path, limit)
    started = time.perf_counter()
    types: list[tuple[str, str | None]] = []
    countries: list[tuple[str, str | None]] = []
    coded_anywhere = 0
    errors = ErrorLog()
    for record, result in code_records(pipeline, records, errors):
        event = best_event(result.events, political=True)
        predicted_type = event.event_type if event else None
        types.append((record["plover"], predicted_type))
        coded_anywhere += any(e.event_type == record["plover"] for e in result.events)
        gold_countries = source_countries(record)
        predicted_country = event.actor.country if event and event.actor else None
        if gold_countries:
            countries.append(("ok" if predicted_country in gold_countries else "wrong", "ok"))
        sample = {"id": record["id"], "text": record["text"], "gold": f"{record['plover']}; source "
                  f"{', '.join(sorted(gold_countries)) or '-'}; event words {record.get('event_text')!r}",
                  "predicted": describe(event), "all events": list_events(result.events)}
        if predicted_type != record["plover"]:
            errors.add(f"type {record['plover']} -> {predicted_type or NO_PREDICTION}", sample)
        if gold_countries and predicted_country not in gold_countries:
            why = "no event" if event is None else "no actor" if event.actor is None else \
                "actor without country" if predicted_country is None else "other country"
            errors.add(f"actor country: {why}", sample)
    rows = [
        Row(NAME, "event type accuracy", accuracy(types), len(types), goal=0.85),
        Row(NAME, "actor country accuracy", accuracy(countries), len(countries), goal=0.85),
    ]
    rows += crash_rows(NAME, errors, len(records))
    method = [
        "Event type: PLOVER type of the most confident event with a PLOVER type per sentence (any modality); "
        "no event is wrong.",
        "Actor country: that event's actor country equals any gold source code's first three letters; "
        "records without a gold source code are left out; no event or no actor country is wrong.",
    ]
    extra = {
        "sentences_without_event": sum(p is None for _, p in types),
        # Were the most confident event not the one scored but any event: how far better choice would go.
        "type_accuracy_any_event": ratio(coded_anywhere, len(types)),
    }
    return DatasetResult(NAME, TITLE, rows, method, confusion(types), errors, extra,
                         seconds=time.perf_counter() - started)
