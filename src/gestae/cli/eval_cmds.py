"""`gestae eval`: score the coder against the public gold standards and print one scoreboard."""

from __future__ import annotations

import json
import time
from pathlib import Path

import typer
from rich.console import Console

from gestae.cli.common import ModelOpt, err


def evaluate(
    data: Path = typer.Option(None, "--data", help="Folder with the gold data (default: $GESTAE_SHARED_DATA or ../shared/data beside the repository)."),
    quick: bool = typer.Option(False, "--quick", help="A fixed small sample of every dataset: a smoke test that checks everything runs, in seconds."),
    only: str = typer.Option(None, "--only", help="Comma-separated datasets to run: plover, case2021, penta, spans, event_location, seed, lgl, geowebnews, geovirus, timex."),
    report: Path = typer.Option(None, "--report", help="Write per-dataset Markdown reports (confusion tables, error samples) to this folder."),
    json_file: Path = typer.Option(None, "--json", help="Write the scoreboard and further figures as JSON to this file."),
    model: str = ModelOpt,
) -> None:
    """Measure the coder on the gold standards: event types, CASE 2021 labels, CAMEO classes, actor spans,
    event locations, the seed article, places and dates.

    Examples:

      gestae eval

      gestae eval --quick --only plover,case2021

      gestae eval --report eval-report/ --json scores.json

    A dataset whose file is missing shows as "skipped: <reason>". Exit status 1 when a dataset failed.
    """
    from gestae.config import PipelineConfig
    from gestae.evaluation.data import shared_data_dir
    from gestae.evaluation.scoreboard import dataset_names, render_table, run, to_json
    from gestae.pipeline import Pipeline

    names = None
    if only:
        names = [n.strip() for n in only.split(",") if n.strip()]
        unknown = sorted(set(names) - set(dataset_names()))
        if unknown:
            err.print(f"[red]gestae: unknown dataset(s) {', '.join(unknown)}; choose from {', '.join(dataset_names())}[/]",
                      highlight=False)
            raise typer.Exit(2)
    data_dir = data or shared_data_dir()
    # One pipeline for every dataset; its parts load lazily, on the first dataset that needs them.
    pipeline = Pipeline(PipelineConfig(spacy_model=model))
    started = time.perf_counter()

    def done(result) -> None:
        status = next((r.status for r in result.rows if r.status), None)
        err.print(f"gestae eval: {result.name} {status or 'done'} in {result.seconds:.0f}s", highlight=False)

    results = run(pipeline, data_dir, names, quick=quick, on_done=done)
    seconds = time.perf_counter() - started
    Console(width=140).print(render_table(results))
    err.print(f"gestae eval: {seconds:.0f}s in all", highlight=False)
    if report is not None:
        from gestae.evaluation.report import write_reports

        written = write_reports(results, report)
        err.print(f"gestae eval: reports in {written[0]}", highlight=False)
    if json_file is not None:
        json_file.parent.mkdir(parents=True, exist_ok=True)
        json_file.write_text(json.dumps(to_json(results, quick=quick, data_dir=data_dir, seconds=seconds), indent=2),
                             encoding="utf-8")
    failed = any(row.status and row.status.startswith("failed") for r in results for row in r.rows)
    raise typer.Exit(1 if failed else 0)


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""
    app.command("eval")(evaluate)
