"""Event location (Halterman's event_location data): where a given event verb happened, if anywhere.

Each record is a sentence, one gold event verb (`event`) and the place spans where that event
happened (`locations`, often none). Figures:
- verbs found: share of records where some predicted event is told by the gold verb: its trigger
  (or a mention's) overlaps the verb, or the coder's sentence report links the verb, merged into
  another trigger of the same event, to that event.
- location F1 over the found verbs: the location span of the most confident event told by the
  verb is the prediction. A prediction is right when it overlaps one of the gold spans (headline) or has
  exactly its offsets (second row). Precision = right / events with a predicted location;
  recall = right / found verbs whose gold has a location (one right place per event is enough).
  A wrong place costs both. Locations inherited from the article's focus count like any other.
- the same overlap F1 on the records the dataset marks as relabelled (`gold: true`), its most
  carefully checked part.

About one gold location span in six is broken: empty, or a few letters cut out of a word ("w"
in "was" where the sentence names Las Vegas), offsets that no longer point at the place. A record
with such a span (`is_place_span` false) has no usable answer and is left out of the location
figures; it still counts for "verbs found". A record with no location at all is a real answer:
the event has no place in the sentence.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gestae.evaluation.scoreboard import (
    DatasetResult, ErrorLog, Row, code_records, crash_rows, describe, prf, ratio, read_jsonl,
)
from gestae.records import Event, SentenceReport

if TYPE_CHECKING:
    from gestae.pipeline import Pipeline

NAME = "event_location"
TITLE = "Event location"


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def is_place_span(text: str, start: int, end: int) -> bool:
    """True when text[start:end] holds something and starts and ends at word boundaries."""
    span = text[start:end]
    if not span.strip():
        return False
    start += len(span) - len(span.lstrip())
    end -= len(span) - len(span.rstrip())
    return not (start > 0 and text[start - 1].isalnum()) and not (end < len(text) and text[end].isalnum())


def event_for_verb(events: list[Event], verb: dict[str, Any], sentences: Sequence[SentenceReport] = ()) -> Event | None:
    """The most confident event told by the gold verb: its trigger or one of its mentions' overlaps the
    verb, or, failing that, the coder's report says the verb was merged into it (decision with an event id)."""
    def told_by_verb(event: Event) -> bool:
        triggers = [event.trigger, *(m.trigger for m in event.mentions)]
        return any(_overlaps(t.start, t.end, verb["start"], verb["end"]) for t in triggers)

    hits = [e for e in events if told_by_verb(e)]
    if not hits:
        merged_into = {
            d.event_id for s in sentences for d in s.triggers
            if d.event_id and d.outcome != "dropped" and _overlaps(d.start, d.end, verb["start"], verb["end"])
        }
        hits = [e for e in events if e.event_id in merged_into]
    return max(hits, key=lambda e: e.confidence, default=None)


@dataclass
class LocationTally:
    """Counts behind precision and recall of location spans, under one matching rule."""

    scored: int = 0
    right: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, predicted: tuple[int, int] | None, gold: list[tuple[int, int]], *, exact: bool) -> bool:
        """Count one found verb; True when the prediction is right."""
        self.scored += 1
        self.predicted += predicted is not None
        self.gold += bool(gold)
        if predicted is None:
            return False
        right = predicted in gold if exact else any(_overlaps(*predicted, *g) for g in gold)
        self.right += right
        return right

    def f1(self) -> float:
        return prf(self.right, self.predicted, self.gold)["f1"]


def _pattern(predicted: tuple[int, int] | None, gold: list[tuple[int, int]], overlap_right: bool) -> str | None:
    if overlap_right:
        return None if predicted in gold else "boundary differs (overlap only)"
    if predicted is None:
        return "no location predicted, gold has one" if gold else None
    return "wrong place" if gold else "location predicted, gold has none"


def evaluate(pipeline: Pipeline, path: Path, limit: int | None = None) -> DatasetResult:
    records = read_jsonl(path, limit)
    started = time.perf_counter()
    found = unusable = 0
    overlap, exact, relabelled = LocationTally(), LocationTally(), LocationTally()
    errors = ErrorLog()
    for record, result in code_records(pipeline, records, errors):
        verb, text = record["event"], record["text"]
        gold = [(g["start"], g["end"]) for g in record["locations"]]
        event = event_for_verb(result.events, verb, result.sentences)
        sample = {
            "id": record["id"], "text": text, "trigger": verb["text"],
            "gold": ", ".join(repr(text[s:e]) for s, e in gold) or "no place",
        }
        if event is None:
            triggers = ", ".join(repr(e.trigger.text) for e in result.events) or "no event in sentence"
            errors.add("gold verb not coded" + (" (no event in sentence)" if not result.events else ""),
                       sample | {"predicted": f"events at {triggers}"})
            continue
        found += 1
        if not all(is_place_span(text, start, end) for start, end in gold):
            unusable += 1
            continue
        place = event.location
        predicted = (place.start, place.end) if place is not None else None
        overlap_right = overlap.add(predicted, gold, exact=False)
        exact.add(predicted, gold, exact=True)
        if record.get("gold"):
            relabelled.add(predicted, gold, exact=False)
        pattern = _pattern(predicted, gold, overlap_right)
        if pattern:
            where = f"{place.text!r} ({place.name}{', inherited' if place.inherited else ''})" if place else "none"
            errors.add(pattern, sample | {"predicted": f"location {where}; {describe(event)}"})
    rows = [
        Row(NAME, "location F1 (overlap), found verbs", overlap.f1(), overlap.scored, goal=0.85),
        Row(NAME, "location F1 (exact), found verbs", exact.f1(), exact.scored),
        Row(NAME, "location F1 (overlap), relabelled", relabelled.f1(), relabelled.scored),
        Row(NAME, "gold verbs found", ratio(found, len(records)), len(records)),
    ]
    rows += crash_rows(NAME, errors, len(records))
    method = [
        "Only records whose gold verb overlaps a predicted trigger are scored for location; the most "
        "confident such event's location span is the prediction.",
        "Records with a broken gold span (empty, or cutting through a word) are left out of the location figures.",
        "Right: overlaps a gold location (headline) or equals its offsets (exact row). Precision over events "
        "with a location, recall over found verbs with a gold location.",
    ]
    extra = {
        "overlap": prf(overlap.right, overlap.predicted, overlap.gold),
        "exact": prf(exact.right, exact.predicted, exact.gold),
        "relabelled_overlap": prf(relabelled.right, relabelled.predicted, relabelled.gold),
        "verbs_found": found,
        "found_with_broken_gold_span": unusable,
        "records": len(records),
    }
    return DatasetResult(NAME, TITLE, rows, method, None, errors, extra, seconds=time.perf_counter() - started)
