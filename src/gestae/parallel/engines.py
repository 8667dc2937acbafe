"""Choosing an engine: in this process, worker processes here, or a Dask cluster."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Protocol

from gestae.config import PipelineConfig
from gestae.parallel.batching import peek
from gestae.parallel.inprocess import InProcessEngine
from gestae.parallel.pool import ProcessPoolEngine
from gestae.records import Article, ArticleResult

ENGINES = ("local", "dask")


class Engine(Protocol):
    """Codes a stream of articles; results come back in input order. Use as a context manager."""

    name: str

    def start(self) -> None: ...

    def map(self, articles: Iterable[Article]) -> Iterator[ArticleResult]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Engine: ...

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None: ...


def default_workers() -> int:
    """The cores this process may run on (its CPU affinity where the platform tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def check_model(model: str) -> None:
    """Raise ModelNotInstalled unless `model` is an importable package, a known re-upload, or a folder.

    Cheap (neither spaCy nor the model is loaded), so a typo is reported at once even when only
    workers load the model.
    """
    import importlib.util

    if Path(model).is_dir() or (model.isidentifier() and importlib.util.find_spec(model) is not None):
        return
    from gestae.nlp.model import MODEL_HINT, REUPLOADS, ModelNotInstalled  # imports spaCy: only when needed

    if model in REUPLOADS and importlib.util.find_spec(REUPLOADS[model][0]) is not None:
        return
    raise ModelNotInstalled(f"spaCy model {model!r} is not installed: {MODEL_HINT}")


class LocalEngine:
    """Worker processes on this machine, or this process alone when that is faster.

    With one worker, or an input shorter than `2 * chunk_size` articles, coding happens in the
    calling process: starting workers (each loads spaCy, about a second) would cost more than
    it saves, and a single article keeps its cold start low.
    """

    name = "local"

    def __init__(self, config: PipelineConfig, workers: int, *, chunk_size: int = 16,
                 start_method: str | None = None, keep_going: bool = False) -> None:
        self.config = config
        self.keep_going = keep_going
        self.workers = workers
        self.chunk_size = chunk_size
        self.start_method = start_method
        self.active: InProcessEngine | ProcessPoolEngine | None = None

    @property
    def worker_pids(self) -> list[int]:
        return self.active.worker_pids if self.active is not None else []

    def start(self) -> None:
        """Start the engine now, without looking at the input: the pool when workers > 1."""
        self._use(self.workers > 1).start()

    def map(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        if self.active is None:
            _, articles, ended = peek(articles, 2 * self.chunk_size)
            self._use(self.workers > 1 and not ended)
        return self.active.map(articles)

    def _use(self, pool: bool) -> InProcessEngine | ProcessPoolEngine:
        if self.active is None:
            self.active = (ProcessPoolEngine(self.config, self.workers, chunk_size=self.chunk_size,
                                             start_method=self.start_method, keep_going=self.keep_going)
                           if pool else InProcessEngine(self.config, keep_going=self.keep_going))
        return self.active

    def close(self, *, abort: bool = False) -> None:
        if isinstance(self.active, ProcessPoolEngine):
            self.active.close(abort=abort)
        elif self.active is not None:
            self.active.close()

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close(abort=error is not None)


def open_engine(config: PipelineConfig, *, workers: int | None = None, engine: str = "local",
                scheduler: str | None = None, keep_going: bool = False) -> Engine:
    """The engine for the `--workers`, `--engine` and `--scheduler` options.

    `engine="dask"` with no `scheduler` starts a LocalCluster of `workers` processes. An article
    whose coding raises stops the run (WorkerError, or the exception itself in-process) unless
    `keep_going`: it then comes back with no events and a "coding failed" note.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    count = workers or default_workers()
    if engine == "dask":
        from gestae.parallel.cluster import DaskEngine

        return DaskEngine(config, scheduler=scheduler, workers=count, keep_going=keep_going)
    if scheduler is not None:
        raise ValueError("--scheduler needs --engine dask")
    return LocalEngine(config, count, keep_going=keep_going)
