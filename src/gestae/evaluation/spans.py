"""CAMEO source and target spans (ConfliBERT's cameo_ner data): exact-span F1 of actors and recipients.

Gold sentences are tokens joined by single spaces, with `source`, `target` and `reciprocal` spans
(reciprocal: both sides of "A met B" at once). A predicted actor span is right when it has exactly
the offsets of an unmatched gold source or reciprocal span; a recipient span likewise against
target or reciprocal spans. Each gold span matches at most one prediction.

Two readings of "predicted", both reported:
- best event (the headline figure): the actor and recipient of the most confident event only.
  The gold marks one event per sentence, so this is the fair comparison with ConfliBERT's 0.74.
- all events: every distinct actor and recipient span of every event in the sentence; extra events
  that gold does not annotate cost precision.
An overlap-matched F1 (any shared character) is kept in the JSON details to tell boundary errors
from missed actors.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from gestae.evaluation.scoreboard import (
    DatasetResult, ErrorLog, Row, best_event, code_records, crash_rows, describe, list_events, prf, read_jsonl,
)
from gestae.records import Event

if TYPE_CHECKING:
    from gestae.pipeline import Pipeline

NAME = "spans"
TITLE = "CAMEO source/target spans (ConfliBERT)"
ANCHOR = 0.74

Role = Literal["source", "target", "reciprocal"]


@dataclass(frozen=True)
class RoleSpan:
    role: Role
    start: int
    end: int

    def fits(self, gold: RoleSpan, *, exact: bool) -> bool:
        if gold.role not in (self.role, "reciprocal"):
            return False
        if exact:
            return (self.start, self.end) == (gold.start, gold.end)
        return self.start < gold.end and gold.start < self.end


def count_matches(predicted: Iterable[RoleSpan], gold: Sequence[RoleSpan], *, exact: bool = True) -> int:
    """One-to-one matches; a gold span of the same role is preferred to a reciprocal one."""
    unmatched = sorted(gold, key=lambda g: g.role == "reciprocal")
    matches = 0
    for span in predicted:
        hit = next((g for g in unmatched if span.fits(g, exact=exact)), None)
        if hit is not None:
            unmatched.remove(hit)
            matches += 1
    return matches


def gold_spans(record: dict) -> list[RoleSpan]:
    return [RoleSpan(role, s["start"], s["end"]) for role in ("source", "target", "reciprocal") for s in record[role]]


def event_spans(events: Iterable[Event]) -> list[RoleSpan]:
    """Distinct actor (source) and recipient (target) spans of `events`, in text order."""
    spans = {
        RoleSpan(role, who.start, who.end)
        for event in events
        for role, who in (("source", event.actor), ("target", event.recipient))
        if who is not None
    }
    return sorted(spans, key=lambda s: (s.start, s.end, s.role))


@dataclass
class _Tally:
    exact: int = 0
    overlap: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, predicted: list[RoleSpan], gold: list[RoleSpan]) -> None:
        self.exact += count_matches(predicted, gold, exact=True)
        self.overlap += count_matches(predicted, gold, exact=False)
        self.predicted += len(predicted)
        self.gold += len(gold)

    def scores(self) -> dict[str, dict[str, float]]:
        return {"exact": prf(self.exact, self.predicted, self.gold), "overlap": prf(self.overlap, self.predicted, self.gold)}


def _error_kind(gold: RoleSpan, predicted: list[RoleSpan], event: Event | None) -> str | None:
    """Why a gold span has no exact prediction of a fitting role (None when it has one)."""
    if any(p.fits(gold, exact=True) for p in predicted):
        return None
    if event is None:
        return f"{gold.role}: no event"
    if any(p.fits(gold, exact=False) for p in predicted):
        return f"{gold.role}: boundary differs"
    if any((p.start, p.end) == (gold.start, gold.end) for p in predicted):
        return f"{gold.role}: found in the other role"
    wanted = {"source": "actor", "target": "recipient", "reciprocal": "actor or recipient"}[gold.role]
    fitting_roles = {"source": {"source"}, "target": {"target"}, "reciprocal": {"source", "target"}}[gold.role]
    if not any(p.role in fitting_roles for p in predicted):
        return f"{gold.role}: best event has no {wanted}"
    return f"{gold.role}: {wanted} is another span"


def evaluate(pipeline: Pipeline, path: Path, limit: int | None = None) -> DatasetResult:
    records = read_jsonl(path, limit)
    started = time.perf_counter()
    best, every = _Tally(), _Tally()
    errors = ErrorLog()
    for record, result in code_records(pipeline, records, errors):
        gold = gold_spans(record)
        event = best_event(result.events)
        predicted_best = event_spans([event] if event else [])
        best.add(predicted_best, gold)
        every.add(event_spans(result.events), gold)
        text = record["text"]
        sample = {
            "id": record["id"], "text": text,
            "gold": "; ".join(f"{g.role} {text[g.start:g.end]!r}" for g in gold) or "-",
            "predicted": describe(event), "all events": list_events(result.events),
        }
        for span in gold:
            kind = _error_kind(span, predicted_best, event)
            if kind:
                errors.add(kind, sample)
        for span in predicted_best:
            if not any(span.fits(g, exact=False) for g in gold):
                errors.add(f"{span.role}: predicted span overlaps no gold span", sample)
    best_scores, every_scores = best.scores(), every.scores()
    rows = [
        Row(NAME, "exact span F1, best event", best_scores["exact"]["f1"], best.gold, goal=0.75,
            anchor=ANCHOR, anchor_name="ConfliBERT"),
        Row(NAME, "exact span F1, all events", every_scores["exact"]["f1"], every.gold, goal=0.75,
            anchor=ANCHOR, anchor_name="ConfliBERT"),
        Row(NAME, "overlap span F1, best event", best_scores["overlap"]["f1"], best.gold),
    ]
    rows += crash_rows(NAME, errors, len(records))
    method = [
        "Predicted spans: actor (source) and recipient (target) of the most confident event; also, second row, "
        "every distinct actor/recipient span of all events in the sentence.",
        "Exact offsets needed; a gold reciprocal span accepts either role; matches are one-to-one.",
    ]
    extra = {"best_event": best_scores, "all_events": every_scores, "records": len(records)}
    return DatasetResult(NAME, TITLE, rows, method, None, errors, extra, seconds=time.perf_counter() - started)
