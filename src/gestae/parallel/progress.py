"""A progress line with articles per second and, when the input can be counted, the time left."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

# One article per file; a .jsonl file holds one per line (blank lines, rare, are counted too). Other forms cannot be counted
# without parsing them (.json arrays, .csv rows with line breaks in quoted text, standard input).
ONE_PER_FILE = frozenset({".txt", ".html", ".htm"})
COUNTED_BY_LINE = frozenset({".jsonl"})
KNOWN = ONE_PER_FILE | COUNTED_BY_LINE | {".json", ".csv"}
READ_BYTES = 1 << 20


def count_articles(paths: Sequence[str]) -> int | None:
    """How many articles `paths` hold, read cheaply (line counts), or None when it cannot tell.

    An estimate for the time left: lines that turn out to be bad input are counted too.
    """
    total = 0
    for path in paths:
        if path == "-":
            return None
        target = Path(path)
        files = _walk(target) if target.is_dir() else [target]
        for file in files:
            counted = _count_file(file, named=not target.is_dir())
            if counted is None:
                return None
            total += counted
    return total


def _walk(directory: Path) -> Iterator[Path]:
    for root, folders, names in os.walk(directory):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in names:
            if not name.startswith(".") and Path(name).suffix.lower() in KNOWN:
                yield Path(root, name)


def _count_file(path: Path, *, named: bool) -> int | None:
    suffix = path.suffix.lower()
    if suffix in COUNTED_BY_LINE:
        return _lines(path)
    if suffix in ONE_PER_FILE or (named and suffix not in KNOWN):
        return 1
    return None


def _lines(path: Path) -> int | None:
    count, last = 0, b"\n"
    try:
        with path.open("rb") as stream:
            while block := stream.read(READ_BYTES):
                count += block.count(b"\n")
                last = block[-1:]
    except OSError:
        return None
    return count + (last != b"\n")  # a last line without a line break


def track(items: Iterable[T], label: str, *, total: int | Callable[[], int | None] | None = None,
          completed: Callable[[], int] | None = None, describe: Callable[[], str] | None = None) -> Iterator[T]:
    """Yield `items` while a progress line (on a terminal only) shows the count, rate and time left.

    `total` may be a function: it then runs in a background thread and the time left appears when
    it returns, so counting a large input never delays the first result. `completed` tells how
    many input articles are done when that is not one per item (ingest skips stored ones), and
    `describe` replaces the label after each item.
    """
    from rich.console import Console

    console = Console(stderr=True)
    if not console.is_terminal:
        yield from items
        return
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                               TimeRemainingColumn)

    columns = (TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(label, total=total if isinstance(total, int) else None, rate="")
        if callable(total):
            def count() -> None:
                bar.update(task, total=total())

            threading.Thread(target=count, name="gestae-count-input", daemon=True).start()
        done = 0
        for item in items:
            yield item
            done = completed() if completed is not None else done + 1
            bar.update(task, completed=done, description=describe() if describe is not None else label)
            speed = bar.tasks[0].speed
            bar.update(task, rate=f"{speed:.1f} articles/s" if speed else "")
