"""The same pipeline on a Dask cluster: one pipeline per worker process, partitions of articles.

Needs `pip install "dask[distributed]"` here and on every worker, with gestae and its spaCy model
installed there too. Results come back to this process in input order (see docs/scale.md).
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import Any

from gestae.config import PipelineConfig
from gestae.parallel.batching import chunked
from gestae.parallel.errors import WorkerFailure
from gestae.records import Article, ArticleResult


@lru_cache(maxsize=2)
def worker_pipeline(config_json: str):
    """The pipeline of this worker process, loaded on its first partition and kept for the rest."""
    from gestae.parallel.worker import load_pipeline

    return load_pipeline(PipelineConfig.model_validate_json(config_json))


def code_partition(config_json: str, articles: list[Article], keep_going: bool = False) -> list[ArticleResult] | WorkerFailure:
    """A Dask task: one partition of articles through this worker's pipeline."""
    from gestae.parallel.worker import code_chunk

    config = PipelineConfig.model_validate_json(config_json)
    try:
        pipeline = worker_pipeline(config_json)
    except Exception as error:  # noqa: BLE001 - a missing model must reach the user as such
        return WorkerFailure.of(error)
    return code_chunk(pipeline, articles, config.batch_size, keep_going=keep_going)


def _warm(config_json: str) -> int:
    import os

    worker_pipeline(config_json)
    return os.getpid()


class DaskEngine:
    """Partitions of `partition_size` articles, `max_pending` partitions in flight, results in order.

    `scheduler` is an address (tcp://host:8786) or a scheduler file; without it a LocalCluster of
    `workers` single-threaded worker processes is started (and stopped on close).
    """

    name = "dask"

    def __init__(self, config: PipelineConfig, *, scheduler: str | None = None, workers: int = 2,
                 partition_size: int = 32, max_pending: int | None = None, keep_going: bool = False) -> None:
        self.config = config
        self.scheduler = scheduler
        self.workers = workers
        self.partition_size = partition_size
        self.max_pending = max_pending
        self.keep_going = keep_going
        self._config_json = config.model_dump_json()
        self._cluster: Any = None
        self._client: Any = None

    @property
    def worker_pids(self) -> list[int]:
        if self._client is None:
            return []
        return list(self._client.run(_pid).values())

    def start(self) -> None:
        """Connect (or start a LocalCluster) and load the pipeline on every worker."""
        if self._client is not None:
            return
        try:
            from distributed import Client, LocalCluster
        except ImportError as error:
            raise ImportError('the dask engine needs `pip install "dask[distributed]"`') from error
        if self.scheduler is None:
            self._cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                         dashboard_address=None, silence_logs=logging.ERROR)
            self._client = Client(self._cluster)
        elif Path(self.scheduler).is_file():  # a scheduler file, as `dask scheduler --scheduler-file` writes
            self._client = Client(scheduler_file=self.scheduler)
        else:
            self._client = Client(self.scheduler)
        try:
            self._warm_workers()
        except BaseException:
            self.close()
            raise

    def _warm_workers(self) -> None:
        """Load the pipeline on each worker now, and report a missing model before any work."""
        workers = list(self._client.scheduler_info()["workers"])
        if not workers:
            return
        futures = [self._client.submit(_warm, self._config_json, workers=[address], pure=False,
                                       allow_other_workers=False) for address in workers]
        for future in futures:
            try:
                future.result()
            except Exception as error:  # noqa: BLE001
                WorkerFailure(type(error).__name__, str(error)).raise_here()

    def _window(self) -> int:
        if self.max_pending is not None:
            return self.max_pending
        threads = sum(w["nthreads"] for w in self._client.scheduler_info()["workers"].values())
        return 2 * max(threads, 1)

    def map(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        self.start()
        window = self._window()
        pending: deque = deque()
        for partition in chunked(articles, self.partition_size):
            pending.append(self._client.submit(code_partition, self._config_json, partition, self.keep_going, pure=False))
            while len(pending) >= window:
                yield from _outcome(pending.popleft())
        while pending:
            yield from _outcome(pending.popleft())

    def close(self, *, abort: bool = False) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()
        self._client = self._cluster = None

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close(abort=error is not None)


def _pid() -> int:
    import os

    return os.getpid()


def _outcome(future: Any) -> list[ArticleResult]:
    outcome = future.result()
    if isinstance(outcome, WorkerFailure):
        outcome.raise_here()
    return outcome
