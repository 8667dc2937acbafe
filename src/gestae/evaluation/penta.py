"""CAMEO "penta" classes (ConfliBERT's cameo_class data): five classes for the most confident event.

The five classes are 0 neutral statement, 1 verbal cooperation, 2 material cooperation,
3 verbal conflict, 4 material conflict. A sentence's predicted class comes from its most confident
event with a CAMEO code (any modality); no event counts as wrong. Two readings of the class:

- pentaclass (headline): the Phoenix pipeline's five-way grouping of CAMEO roots, which is how these
  labels read: roots 01-02 (statements and appeals) are 0, 03-05 are 1, 06-08 are 2, 09-13 and
  16 (reduce relations: sanctions, expulsions, withdrawals) are 3, 14-15 and 17-20 are 4.
  The labels bear this out: sentences whose best event has root 02 are mostly gold class 0,
  and root 16 mostly class 3.
- statement + QuadClass: 0 when the CAMEO code starts with 01, else the event's own QuadClass.
"""

from __future__ import annotations

import time
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from gestae.evaluation.scoreboard import (
    NO_PREDICTION, DatasetResult, ErrorLog, Row, accuracy, best_event, code_records, confusion, crash_rows, describe,
    list_events, ratio, read_jsonl,
)
from gestae.records import Event

if TYPE_CHECKING:
    from gestae.pipeline import Pipeline

NAME = "penta"
TITLE = "CAMEO classes (ConfliBERT)"
CLASS_NAMES = ("0 statement", "1 verbal coop", "2 material coop", "3 verbal conflict", "4 material conflict")


# Phoenix's grouping of the twenty CAMEO roots into five classes.
PENTACLASS_BY_ROOT = MappingProxyType({
    "01": 0, "02": 0,
    "03": 1, "04": 1, "05": 1,
    "06": 2, "07": 2, "08": 2,
    "09": 3, "10": 3, "11": 3, "12": 3, "13": 3, "16": 3,
    "14": 4, "15": 4, "17": 4, "18": 4, "19": 4, "20": 4,
})


def penta_class(event: Event | None) -> int | None:
    """The pentaclass of the event's CAMEO root; None without an event or a CAMEO code."""
    if event is None or event.cameo is None:
        return None
    return PENTACLASS_BY_ROOT.get(event.cameo[:2])


def statement_or_quad_class(event: Event | None) -> int | None:
    """0 for a public statement (CAMEO 01x), else the event's QuadClass."""
    if event is None or event.cameo is None:
        return None
    return 0 if event.cameo.startswith("01") else event.quad_class


def evaluate(pipeline: Pipeline, path: Path, limit: int | None = None) -> DatasetResult:
    records = read_jsonl(path, limit)
    started = time.perf_counter()
    pairs: list[tuple[str, str | None]] = []
    quad_pairs: list[tuple[str, str | None]] = []
    coded_anywhere = 0
    errors = ErrorLog()
    for record, result in code_records(pipeline, records, errors):
        event = best_event(result.events, political=True)
        predicted = penta_class(event)
        gold = CLASS_NAMES[record["penta_class"]]
        named = CLASS_NAMES[predicted] if predicted is not None else None
        pairs.append((gold, named))
        quad = statement_or_quad_class(event)
        quad_pairs.append((gold, CLASS_NAMES[quad] if quad is not None else None))
        coded_anywhere += any(penta_class(e) == record["penta_class"] for e in result.events)
        if named != gold:
            errors.add(f"{gold} -> {named or NO_PREDICTION}", {
                "id": record["id"], "text": record["text"], "gold": gold, "predicted": describe(event),
                "all events": list_events(result.events),
            })
    rows = [
        Row(NAME, "class accuracy (pentaclass)", accuracy(pairs), len(pairs), goal=0.80),
        Row(NAME, "class accuracy (01x + QuadClass)", accuracy(quad_pairs), len(quad_pairs), goal=0.80),
    ]
    rows += crash_rows(NAME, errors, len(records))
    method = [
        "Class of the most confident event with a CAMEO code (any modality); no event is wrong.",
        "Headline: Phoenix's pentaclass of the CAMEO root (01-02 -> 0, 03-05 -> 1, 06-08 -> 2, 09-13 and 16 -> 3, "
        "14-15 and 17-20 -> 4), the grouping these labels follow. Second row: 0 for CAMEO 01x, else the QuadClass.",
        "Confusions below are for the headline reading.",
    ]
    extra = {"null_predictions": sum(p is None for _, p in pairs), "accuracy_any_event": ratio(coded_anywhere, len(pairs))}
    return DatasetResult(NAME, TITLE, rows, method, confusion(pairs), errors, extra,
                         seconds=time.perf_counter() - started)
