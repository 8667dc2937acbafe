"""Coding in the calling process: `--workers 1`, and small inputs where starting workers costs more than it saves."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cached_property
from types import TracebackType

from gestae.config import PipelineConfig
from gestae.parallel.batching import chunked
from gestae.records import Article, ArticleResult


class InProcessEngine:
    """The pipeline itself, behind the engine interface. No processes, no pickling."""

    name = "in-process"

    def __init__(self, config: PipelineConfig, *, keep_going: bool = False) -> None:
        self.config = config
        self.keep_going = keep_going

    @cached_property
    def pipeline(self):
        from gestae.pipeline import Pipeline

        pipeline = Pipeline(self.config)
        pipeline.nlp  # noqa: B018 - load now so that a missing model is reported before any work
        return pipeline

    @property
    def worker_pids(self) -> list[int]:
        return []

    def start(self) -> None:
        self.pipeline  # noqa: B018 - load the pipeline

    def map(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        if not self.keep_going:  # exceptions propagate as they are
            return self.pipeline.pipe(articles, self.config.batch_size)
        return self._map_keep_going(articles)

    def _map_keep_going(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        from gestae.parallel.worker import code_chunk

        for chunk in chunked(articles, self.config.batch_size):
            yield from code_chunk(self.pipeline, chunk, self.config.batch_size, keep_going=True)

    def close(self) -> None:
        """Nothing to stop; the pipeline is dropped with the engine."""

    def __enter__(self) -> InProcessEngine:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()
