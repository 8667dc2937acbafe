"""The benchmark scoreboard: result types, the metrics every dataset shares, and the run over all datasets.

Each dataset module (`plover`, `case2021`, `penta`, `spans`, `event_location`) exposes
`evaluate(pipeline, path, limit) -> DatasetResult`; the seed article, the geoparsing corpora and
TempEval-3 are wrapped here around their own evaluators. `run()` codes every dataset with one
`Pipeline`, in batches, and turns a missing file or a failing dataset into a row that says so.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import json
import os
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gestae.evaluation.data import SHARED_DATA_ENV, missing_reason
from gestae.records import Article, ArticleResult, Event

if TYPE_CHECKING:
    from gestae.pipeline import Pipeline

SAMPLES_PER_PATTERN = 6


# --------------------------------------------------------------------------- results


@dataclass
class Row:
    """One line of the scoreboard. `figure` is None when the dataset was skipped or failed (see `status`)."""

    dataset: str
    metric: str
    figure: float | int | None  # int for counts (seed checks), float for ratios
    n: int = 0
    goal: float | int | None = None
    anchor: float | None = None
    anchor_name: str | None = None
    status: str | None = None  # "skipped: <reason>" or "failed: <error>"


@dataclass
class ErrorLog:
    """Errors grouped by pattern ("gold ASSAULT -> predicted ACCUSE"): a count and a few samples each."""

    samples_per_pattern: int = SAMPLES_PER_PATTERN
    counts: Counter[str] = field(default_factory=Counter)
    samples: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, pattern: str, sample: dict[str, Any]) -> None:
        self.counts[pattern] += 1
        kept = self.samples.setdefault(pattern, [])
        if len(kept) < self.samples_per_pattern:
            kept.append(sample)

    def most_common(self, n: int | None = None) -> list[tuple[str, int]]:
        return self.counts.most_common(n)


@dataclass
class DatasetResult:
    """What one dataset's evaluation found: scoreboard rows, plus what the Markdown report shows."""

    name: str
    title: str
    rows: list[Row]
    method: list[str] = field(default_factory=list)  # how it was scored, one sentence a line
    confusion: Counter[tuple[str, str]] | None = None  # (gold, predicted) -> count
    errors: ErrorLog = field(default_factory=ErrorLog)
    extra: dict[str, Any] = field(default_factory=dict)  # further figures, kept in the JSON
    seconds: float = 0.0


# --------------------------------------------------------------------------- metrics

NO_PREDICTION = "(none)"


def ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def prf(true_positives: int, predicted: int, gold: int) -> dict[str, float]:
    """Precision, recall and F1 from counts (one true-positive count: matches are one-to-one)."""
    precision, recall = ratio(true_positives, predicted), ratio(true_positives, gold)
    return {"precision": precision, "recall": recall, "f1": f1(precision, recall)}


def accuracy(pairs: Sequence[tuple[str, str | None]]) -> float:
    """Share of (gold, predicted) pairs that agree; a None prediction is wrong."""
    return ratio(sum(gold == predicted for gold, predicted in pairs), len(pairs))


def per_label_f1(pairs: Sequence[tuple[str, str | None]], labels: Iterable[str]) -> dict[str, float]:
    """F1 of each label, one prediction per item; a None prediction is a miss for the gold label."""
    result = {}
    for label in labels:
        tp = sum(g == label and p == label for g, p in pairs)
        predicted = sum(p == label for _, p in pairs)
        gold = sum(g == label for g, _ in pairs)
        result[label] = prf(tp, predicted, gold)["f1"]
    return result


def weighted_f1(pairs: Sequence[tuple[str, str | None]], labels: Iterable[str]) -> float:
    """Mean of per-label F1 weighted by each label's gold count (scikit-learn's `average="weighted"`).

    Labels without gold items carry no weight; predictions outside `labels` (or None) only cost recall.
    """
    labels = list(labels)
    support = Counter(g for g, _ in pairs if g in labels)
    total = sum(support.values())
    if not total:
        return 0.0
    scores = per_label_f1(pairs, [label for label in labels if support[label]])
    return sum(scores[label] * support[label] for label in scores) / total


def confusion(pairs: Iterable[tuple[str, str | None]]) -> Counter[tuple[str, str]]:
    return Counter((gold, predicted or NO_PREDICTION) for gold, predicted in pairs)


# --------------------------------------------------------------------------- coding gold records


def best_event(events: Sequence[Event], *, political: bool = False) -> Event | None:
    """The most confident event, whatever its modality; the earliest one in the text breaks ties.

    With `political`, only events with a PLOVER type count (not crisis-only reports of disasters or crime).
    """
    candidates = [e for e in events if e.event_type is not None] if political else list(events)
    if not candidates:
        return None
    return max(candidates, key=lambda e: (e.confidence, -e.trigger.start))


def read_jsonl(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    records = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if limit is not None and len(records) >= limit:
                break
            if line.strip():
                records.append(json.loads(line))
    return records


CRASH = "coder raised"


def code_records(
    pipeline: Pipeline, records: Sequence[dict[str, Any]], errors: ErrorLog
) -> Iterator[tuple[dict[str, Any], ArticleResult]]:
    """Code each gold record's `text` as one article (dated when the record has a date), in batches.

    A record the coder raises on is coded alone, logged in `errors` under "coder raised ..." and
    given no events, so one bad sentence costs one record, not the whole dataset.
    """
    size = pipeline.config.batch_size
    for first in range(0, len(records), size):
        chunk = records[first:first + size]
        articles = [_article(r) for r in chunk]
        try:
            results = list(pipeline.pipe(articles, batch_size=size))
        except Exception:  # noqa: BLE001 - find the record that raised, below
            results = [_code_alone(pipeline, a, r, errors) for a, r in zip(articles, chunk)]
        yield from zip(chunk, results)


def _article(record: dict[str, Any]) -> Article:
    date = dt.date.fromisoformat(record["date"][:10]) if record.get("date") else None
    return Article(id=str(record["id"]), text=record["text"], date=date)


def _code_alone(pipeline: Pipeline, article: Article, record: dict[str, Any], errors: ErrorLog) -> ArticleResult:
    try:
        return pipeline.process(article)
    except Exception as error:  # noqa: BLE001 - reported as an error pattern and a scoreboard row
        where = traceback.extract_tb(error.__traceback__)[-1]
        errors.add(f"{CRASH} {type(error).__name__} ({Path(where.filename).name}:{where.lineno})",
                   {"id": record.get("id"), "text": record["text"], "error": str(error)})
        return ArticleResult(article=article, events=[], notes=[f"coder raised {type(error).__name__}: {error}"])


def crash_rows(dataset: str, errors: ErrorLog, n: int) -> list[Row]:
    """A scoreboard row counting the records the coder raised on, when there were any."""
    crashed = sum(count for pattern, count in errors.counts.items() if pattern.startswith(CRASH))
    return [Row(dataset, "records the coder raised on", crashed, n, goal=0)] if crashed else []


def describe(event: Event | None) -> str:
    """A one-line account of a predicted event for error samples."""
    if event is None:
        return NO_PREDICTION
    actor = f"{event.actor.text!r}[{event.actor.country or '-'}]" if event.actor else "-"
    recipient = f"{event.recipient.text!r}[{event.recipient.country or '-'}]" if event.recipient else "-"
    extras = [f"ACLED {event.acled_sub_event_type}"] if event.acled_sub_event_type else []
    if event.modality.value != "asserted":
        extras.append(event.modality.value)
    tail = f"; {', '.join(extras)}" if extras else ""
    return (f"{event.event_type} (CAMEO {event.cameo}, quad {event.quad_class}) trigger {event.trigger.text!r}: "
            f"{actor} -> {recipient}; conf {event.confidence:.2f}{tail}")


def list_events(events: Sequence[Event]) -> str:
    """Every event of a sentence in short: type, trigger and confidence ("ASSAULT 'shelled' 0.75")."""
    return "; ".join(f"{e.event_type or e.crisis_type} {e.trigger.text!r} {e.confidence:.2f}" for e in events) or "none"


# --------------------------------------------------------------------------- the run


@dataclass(frozen=True)
class Dataset:
    """One benchmark: its name on the command line, the gold file it needs, and how to score it."""

    name: str
    title: str
    gold: str  # path under the data folder
    quick_limit: int
    evaluate: Callable[[Pipeline, Path, int | None], DatasetResult]


def _module_evaluator(module: str) -> Callable[[Pipeline, Path, int | None], DatasetResult]:
    def run(pipeline: Pipeline, path: Path, limit: int | None) -> DatasetResult:
        return importlib.import_module(f"gestae.evaluation.{module}").evaluate(pipeline, path, limit)

    return run


def _geo_evaluator(corpus: str, title: str) -> Callable[[Pipeline, Path, int | None], DatasetResult]:
    def run(pipeline: Pipeline, path: Path, limit: int | None) -> DatasetResult:
        from gestae.evaluation import geo

        # geo.evaluate finds its corpus through the environment; point it at the folder in use.
        with _shared_data_env(path.parents[1]):
            found = geo.evaluate(corpus, limit, nlp=pipeline.nlp, geoparser=pipeline.geoparser)
        n = found["gold_toponyms"]
        rows = [
            Row(corpus, "accuracy@161km", found["accuracy_161km"], n, goal=0.90),
            Row(corpus, "toponym recall", found["recall"], n, goal=0.90),
            Row(corpus, "toponym precision", found["precision"], found["predicted_places"], goal=0.90),
        ]
        errors = ErrorLog()
        for kind, samples in found["errors"].items():
            for sample in samples:
                errors.add(kind.replace("_", " "), sample)
        extra = {k: v for k, v in found.items() if k != "errors"}
        method = ["Scored by gestae.evaluation.geo (see its docstring): a gold toponym is correct when an overlapping "
                  "predicted place lies within 161 km; places parsed with the coding pipeline's spaCy model."]
        return DatasetResult(corpus, title, rows, method, errors=errors, extra=extra)

    return run


def _timex_evaluator(pipeline: Pipeline, path: Path, limit: int | None) -> DatasetResult:
    from gestae.evaluation import timex

    found = timex.evaluate(path, limit)
    rows = [
        Row("timex", "DATE value accuracy", found["date_value_accuracy"], found["gold_dates"], goal=0.90,
            anchor=0.78, anchor_name="HeidelTime"),
        Row("timex", "value F1 (all types)", found["value"]["f1"], found["gold_timexes"]),
    ]
    errors = ErrorLog()
    for sample in found["errors"]:
        pattern = "missed" if sample["predicted_value"] is None else "wrong value"
        errors.add(pattern, sample)
    extra = {k: v for k, v in found.items() if k != "errors"}
    method = ["Scored by gestae.evaluation.timex (see its docstring): a gold DATE is correct when an overlapping "
              "predicted timex has the same TimeML value."]
    return DatasetResult("timex", "TempEval-3 AQUAINT dates", rows, method, errors=errors, extra=extra)


def _seed_evaluator(pipeline: Pipeline, path: Path, limit: int | None) -> DatasetResult:
    from gestae.evaluation.seed import check
    from gestae.ingest import read_inputs

    expected = json.loads(path.read_text(encoding="utf-8"))
    articles = [a for a in read_inputs([str(path.parent / expected["article"])]) if isinstance(a, Article)]
    (result,) = list(pipeline.pipe(articles))
    checks = check(result.events, expected)
    rows = []
    errors = ErrorLog(samples_per_pattern=50)
    for kind in ("must", "must_not", "should"):
        of_kind = [c for c in checks if c.kind == kind]
        passed = sum(c.passed for c in of_kind)
        rows.append(Row("seed", f"{kind} checks passed", passed, len(of_kind), goal=len(of_kind)))
        for c in of_kind:
            if not c.passed:
                errors.add(f"{kind} failed", {"what": c.what, "detail": c.detail})
    method = ["Coded with `Pipeline.pipe`, checked with gestae.evaluation.seed.check: `must` events asserted "
              "(once where the file says so), `must_not` only with an allowed modality, `should` reported."]
    extra = {"events": [describe(e) for e in result.events]}
    return DatasetResult("seed", "Seed article", rows, method, errors=errors, extra=extra)


DATASETS: tuple[Dataset, ...] = (
    Dataset("plover", "PLOVER gold records", "events/plover_gsr.dev.jsonl", 40, _module_evaluator("plover")),
    Dataset("case2021", "CASE 2021 task 2 snippets", "events/case2021.dev.jsonl", 40, _module_evaluator("case2021")),
    Dataset("penta", "CAMEO classes (ConfliBERT)", "events/cameo_penta.train.jsonl", 40, _module_evaluator("penta")),
    Dataset("spans", "CAMEO source/target spans (ConfliBERT)", "actors/cameo_spans.train.jsonl", 40,
            _module_evaluator("spans")),
    Dataset("event_location", "Event location", "events/event_location.dev.jsonl", 60,
            _module_evaluator("event_location")),
    Dataset("seed", "Seed article", "seed/expected.json", 1, _seed_evaluator),
    Dataset("lgl", "LGL (US local news)", "geo/lgl.jsonl", 4, _geo_evaluator("lgl", "LGL (US local news)")),
    Dataset("geowebnews", "GeoWebNews", "geo/geowebnews.jsonl", 4, _geo_evaluator("geowebnews", "GeoWebNews")),
    Dataset("geovirus", "GeoVirus", "geo/geovirus.jsonl", 4, _geo_evaluator("geovirus", "GeoVirus")),
    Dataset("timex", "TempEval-3 AQUAINT dates", "time/tempeval3_aquaint.jsonl", 3, _timex_evaluator),
)


def dataset_names() -> list[str]:
    return [d.name for d in DATASETS]


@contextlib.contextmanager
def _shared_data_env(folder: Path) -> Iterator[None]:
    before = os.environ.get(SHARED_DATA_ENV)
    os.environ[SHARED_DATA_ENV] = str(folder)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(SHARED_DATA_ENV, None)
        else:
            os.environ[SHARED_DATA_ENV] = before


def _status_result(dataset: Dataset, status: str) -> DatasetResult:
    return DatasetResult(dataset.name, dataset.title, [Row(dataset.name, "-", None, status=status)])


def run(
    pipeline: Pipeline,
    data_dir: Path,
    names: Sequence[str] | None = None,
    *,
    quick: bool = False,
    on_done: Callable[[DatasetResult], None] | None = None,
) -> list[DatasetResult]:
    """Evaluate the named datasets (all when None) with `pipeline`; never raises for one dataset's sake."""
    chosen = [d for d in DATASETS if names is None or d.name in names]
    results = []
    for dataset in chosen:
        path = data_dir / dataset.gold
        reason = missing_reason(path)
        started = time.perf_counter()
        if reason:
            result = _status_result(dataset, f"skipped: {reason}")
        else:
            try:
                result = dataset.evaluate(pipeline, path, dataset.quick_limit if quick else None)
            except Exception as error:  # noqa: BLE001 - one broken dataset must not hide the others
                last = traceback.extract_tb(error.__traceback__)[-1]
                where = f" ({Path(last.filename).name}:{last.lineno})"
                message = str(error) if len(str(error)) <= 100 else f"{str(error)[:100]}..."
                result = _status_result(dataset, f"failed: {type(error).__name__}: {message}{where}")
        result.seconds = time.perf_counter() - started
        results.append(result)
        if on_done is not None:
            on_done(result)
    return results


# --------------------------------------------------------------------------- output


def _number(value: float | None) -> str:
    if value is None:
        return ""
    # Counts (seed checks) are ints; every ratio is a float and shows three decimals.
    return str(value) if isinstance(value, int) else f"{value:.3f}"


def render_table(results: Sequence[DatasetResult]):
    """The scoreboard as a rich Table: dataset, metric, figure, goal, anchor, n, seconds."""
    from rich.table import Table

    table = Table(title="gestae benchmark", show_lines=False)
    for column, justify in (("dataset", "left"), ("metric", "left"), ("figure", "right"), ("goal", "right"),
                            ("anchor", "right"), ("n", "right"), ("time", "right")):
        table.add_column(column, justify=justify)
    for result in results:
        for i, row in enumerate(result.rows):
            anchor = f"{_number(row.anchor)} {row.anchor_name or ''}".strip() if row.anchor is not None else ""
            if row.status:
                figure = f"[yellow]{row.status}[/]"
            else:
                reached = row.goal is not None and row.figure is not None and row.figure >= row.goal
                colour = "green" if reached else "red" if row.goal is not None else "default"
                figure = f"[{colour}]{_number(row.figure)}[/]"
            table.add_row(row.dataset if i == 0 else "", row.metric, figure, _number(row.goal), anchor,
                          str(row.n) if row.n else "", f"{result.seconds:.0f}s" if i == 0 else "")
        table.add_section()
    return table


def to_json(results: Sequence[DatasetResult], *, quick: bool, data_dir: Path, seconds: float) -> dict[str, Any]:
    return {
        "data": str(data_dir),
        "quick": quick,
        "seconds": round(seconds, 1),
        "rows": [asdict(row) | {"seconds": round(result.seconds, 1)} for result in results for row in result.rows],
        "details": {result.name: result.extra for result in results if result.extra},
    }
