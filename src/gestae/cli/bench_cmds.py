"""`gestae bench`: how fast gestae codes, next to raw spaCy, and how much memory and start-up it costs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from gestae.cli.common import ModelOpt, err


def bench(
    data: Annotated[Optional[list[Path]], typer.Option(
        "--data", help="JSONL (or other input) files to time on, repeatable. Default: the geoparsing "
                       "gold sets, shared/data/geo/*.jsonl (about 1,000 news articles).")] = None,
    workers: Annotated[Optional[int], typer.Option(
        "--workers", "-w", min=1, help="Processes for gestae and for spaCy alike (default: all cores).")] = None,
    model: str = ModelOpt,
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="Only the first N articles.")] = None,
    cold_starts: Annotated[int, typer.Option(
        "--cold-starts", min=0, help="Fresh `gestae code` runs to time (median is reported); 0 skips it.")] = 3,
    json_file: Annotated[Optional[Path], typer.Option("--json", help="Also write all figures to this JSON file.")] = None,
) -> None:
    """Measure articles/s end to end, the ratio to raw spaCy on the same texts, peak memory and cold start.

    Goals on a 2-core machine: >= 0.7 of raw spaCy's throughput, >= 25 articles/s, peak memory
    <= 1.5 GB (RSS of all processes), cold start <= 3 s.

    Exit status: 0 when every goal is met, 1 when one is missed, 2 when there is nothing to measure.

    Examples:

      gestae bench

      gestae bench --data news.jsonl --workers 4 --json bench.json
    """
    from rich.console import Console

    from gestae.bench import default_corpus_paths, run_bench
    from gestae.nlp.model import ModelNotInstalled
    from gestae.parallel import check_model, default_workers

    paths = data or default_corpus_paths()
    if not paths:
        err.print("gestae bench: no corpus to measure on: shared/data/geo/*.jsonl is not there "
                  "(set GESTAE_SHARED_DATA, or give files with --data)", highlight=False)
        raise typer.Exit(2)
    missing = [path for path in paths if not path.exists()]
    if missing:
        err.print(f"[red]gestae bench: {', '.join(map(str, missing))} not found[/]", highlight=False)
        raise typer.Exit(2)
    try:
        check_model(model)
    except ModelNotInstalled as error:
        err.print(f"[red]gestae: {error}[/]", highlight=False)
        raise typer.Exit(2) from None
    try:
        report = run_bench(paths, workers=workers or default_workers(), model=model, limit=limit,
                           cold_start_runs=cold_starts, say=lambda message: err.print(f"[dim]{message}[/]"))
    except ValueError as error:
        err.print(f"[red]gestae bench: {error}[/]", highlight=False)
        raise typer.Exit(2) from None
    Console().print(report.table())
    if json_file is not None:
        report.write_json(json_file)
        err.print(f"wrote {json_file}")
    raise typer.Exit(0 if report.all_met else 1)


def register(app: typer.Typer) -> None:
    app.command()(bench)
