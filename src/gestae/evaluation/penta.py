"""CAMEO "penta" classes (ConfliBERT's cameo_class data): five classes for the most confident event.

Class 0 is a public statement (CAMEO root 01), 1-4 are the QuadClasses (verbal cooperation,
material cooperation, verbal conflict, material conflict). A sentence's predicted class is its
most confident event's (any modality): 0 when that event's CAMEO code starts with "01", else its
QuadClass. Only events with a PLOVER type (and so a CAMEO code) are considered; no event counts
as wrong.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from gestae.evaluation.scoreboard import (
    NO_PREDICTION, DatasetResult, ErrorLog, Row, accuracy, best_event, code_records, confusion, crash_rows, describe, read_jsonl,
)
from gestae.records import Event

if TYPE_CHECKING:
    from gestae.pipeline import Pipeline

NAME = "penta"
TITLE = "CAMEO classes (ConfliBERT)"
CLASS_NAMES = ("0 statement", "1 verbal coop", "2 material coop", "3 verbal conflict", "4 material conflict")


def penta_class(event: Event | None) -> int | None:
    if event is None or event.cameo is None:
        return None
    return 0 if event.cameo.startswith("01") else event.quad_class


def evaluate(pipeline: Pipeline, path: Path, limit: int | None = None) -> DatasetResult:
    records = read_jsonl(path, limit)
    started = time.perf_counter()
    pairs: list[tuple[str, str | None]] = []
    errors = ErrorLog()
    for record, result in code_records(pipeline, records, errors):
        event = best_event(result.events, political=True)
        predicted = penta_class(event)
        gold = CLASS_NAMES[record["penta_class"]]
        named = CLASS_NAMES[predicted] if predicted is not None else None
        pairs.append((gold, named))
        if named != gold:
            errors.add(f"{gold} -> {named or NO_PREDICTION}", {
                "id": record["id"], "text": record["text"], "gold": gold, "predicted": describe(event),
                "events": len(result.events),
            })
    rows = [Row(NAME, "class accuracy", accuracy(pairs), len(pairs), goal=0.80)]
    rows += crash_rows(NAME, errors, len(records))
    method = ["Class of the most confident event with a CAMEO code (any modality): 0 when its CAMEO code starts with 01 "
              "(public statement), else its QuadClass; no event is wrong."]
    extra = {"null_predictions": sum(p is None for _, p in pairs)}
    return DatasetResult(NAME, TITLE, rows, method, confusion(pairs), errors, extra,
                         seconds=time.perf_counter() - started)
