"""Time-expression evaluation on TempEval-3 (AQUAINT part) in `shared/data/time`.

Figures, all computed over the documents read (`limit` keeps the first n):
- `date_value_accuracy`: a gold DATE is correct when a predicted timex overlaps its span and has the
  same value; divided by the number of gold DATEs. This is what event dating relies on.
- `date_range_accuracy`: as above, but a prediction is also correct when its value covers the same
  days as the gold value (`resolve_value`), so 1998-10-23TNI matches 1998-10-23 and 1989 matches
  1989-XX. Values that cover no days (PRESENT_REF, P1W) must still be identical.
- `strict` / `relaxed`: span precision, recall and F1 over all types; strict needs identical
  offsets, relaxed any overlap.
- `value`: TempEval-3's value F1 (a relaxed match whose value is identical), over all types.
- `type_accuracy`: share of relaxed matches with the gold type.
- Values are compared after `canonical_value` (TimeBank writes week 7 as W7, ISO 8601 as W07).
- `errors`: samples of gold DATEs that were missed or got a wrong value, with context.

Run: `python -c "from gestae.evaluation.timex import evaluate; print(evaluate())"`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from gestae.evaluation.data import shared_data_dir
from gestae.ground.time import TimexTagger, resolve_value
from gestae.records import Timex

CORPUS = Path("time") / "tempeval3_aquaint.jsonl"
MAX_ERROR_SAMPLES = 60
CONTEXT_CHARS = 60


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class GoldDocument:
    id: str
    dct: dt.date | None
    text: str
    timexes: tuple[GoldTimex, ...]


def read_documents(path: Path, limit: int | None = None) -> Iterator[GoldDocument]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if limit is not None and number >= limit:
                return
            record = json.loads(line)
            dct = dt.date.fromisoformat(record["dct"][:10]) if record.get("dct") else None
            timexes = tuple(
                GoldTimex(t["start"], t["end"], t["text"], t["type"], canonical_value(t["value"]))
                for t in record["timexes"]
            )
            yield GoldDocument(record["id"], dct, record["text"], timexes)


_UNPADDED_WEEK = re.compile(r"-W(\d)(?!\d)")


def canonical_value(value: str) -> str:
    """The value with equivalent spellings made equal: TimeBank sometimes writes week 7 as W7, ISO as W07."""
    return _UNPADDED_WEEK.sub(r"-W0\1", value.strip())


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _prf(true_positives_p: int, predicted: int, true_positives_r: int, gold: int) -> dict[str, float]:
    precision = true_positives_p / predicted if predicted else 0.0
    recall = true_positives_r / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _context(text: str, start: int, end: int) -> str:
    left = text[max(0, start - CONTEXT_CHARS) : start]
    right = text[end : end + CONTEXT_CHARS]
    return " ".join(f"{left}[[{text[start:end]}]]{right}".split())


def evaluate(path: Path | None = None, limit: int | None = None) -> dict[str, Any]:
    """Run the tagger on the TempEval-3 AQUAINT documents and return the figures described above."""
    path = path or shared_data_dir() / CORPUS
    tagger = TimexTagger()
    gold_total = predicted_total = 0
    strict_hits = relaxed_gold_hits = relaxed_pred_hits = 0
    value_gold_hits = value_pred_hits = 0
    typed_matches = type_agreements = 0
    gold_dates = correct_dates = correct_date_ranges = 0
    errors: list[dict[str, Any]] = []
    documents = 0
    began = time.perf_counter()
    for document in read_documents(path, limit):
        documents += 1
        predicted = tagger.tag(document.text, document.dct)
        gold_total += len(document.timexes)
        predicted_total += len(predicted)
        predicted_spans = {(p.start, p.end) for p in predicted}
        strict_hits += sum((g.start, g.end) in predicted_spans for g in document.timexes)
        for gold in document.timexes:
            overlapping = [p for p in predicted if _overlaps(gold.start, gold.end, p.start, p.end)]
            if overlapping:
                relaxed_gold_hits += 1
                typed_matches += 1
                type_agreements += any(p.type == gold.type for p in overlapping)
            if any(p.value == gold.value for p in overlapping):
                value_gold_hits += 1
            if gold.type != "DATE":
                continue
            gold_dates += 1
            same_days = _same_days(gold, overlapping)
            correct_date_ranges += same_days
            if any(p.value == gold.value for p in overlapping):
                correct_dates += 1
            elif len(errors) < MAX_ERROR_SAMPLES:
                errors.append(_error_sample(document, gold, overlapping))
        for prediction in predicted:
            overlapping_gold = [g for g in document.timexes if _overlaps(g.start, g.end, prediction.start, prediction.end)]
            if overlapping_gold:
                relaxed_pred_hits += 1
            if any(g.value == prediction.value for g in overlapping_gold):
                value_pred_hits += 1
    seconds = time.perf_counter() - began
    return {
        "corpus": str(path),
        "documents": documents,
        "gold_timexes": gold_total,
        "predicted_timexes": predicted_total,
        "gold_dates": gold_dates,
        "date_value_accuracy": round(correct_dates / gold_dates, 4) if gold_dates else 0.0,
        "date_range_accuracy": round(correct_date_ranges / gold_dates, 4) if gold_dates else 0.0,
        "strict": _prf(strict_hits, predicted_total, strict_hits, gold_total),
        "relaxed": _prf(relaxed_pred_hits, predicted_total, relaxed_gold_hits, gold_total),
        "value": _prf(value_pred_hits, predicted_total, value_gold_hits, gold_total),
        "type_accuracy": round(type_agreements / typed_matches, 4) if typed_matches else 0.0,
        "seconds": round(seconds, 3),
        "errors": errors,
    }


def _same_days(gold: GoldTimex, overlapping: list[Timex]) -> bool:
    start, end, _ = resolve_value(gold.value)
    if start is None:
        return any(p.value == gold.value for p in overlapping)
    return any((p.range_start, p.range_end) == (start, end) for p in overlapping)


def _error_sample(document: GoldDocument, gold: GoldTimex, overlapping: list[Timex]) -> dict[str, Any]:
    best = overlapping[0] if overlapping else None
    return {
        "document": document.id,
        "dct": document.dct.isoformat() if document.dct else None,
        "gold_text": gold.text,
        "gold_value": gold.value,
        "predicted_text": best.text if best else None,
        "predicted_value": best.value if best else None,
        "context": _context(document.text, gold.start, gold.end),
    }
