"""What runs inside one worker process: load the pipeline once, then code chunk after chunk.

Kept apart from the engine so that a worker imports only what coding needs (no rich, no typer).
"""

from __future__ import annotations

import datetime as dt
import os
import signal
from collections.abc import Sequence
from multiprocessing.queues import Queue
from typing import Any

from gestae.config import PipelineConfig
from gestae.parallel.errors import WorkerFailure
from gestae.records import Article, ArticleResult

# A sentence written for this purpose: coding it loads every lazily built part of the pipeline
# (model, entity ruler, gazetteer, actor KB, lexicons, time tagger) before the first real chunk.
WARM_UP = Article(id="gestae-warm-up", date=dt.date(2024, 3, 4),
                  text="Police in Nairobi arrested 12 protesters on Monday, the interior ministry said.")

Message = tuple[Any, ...]


def load_pipeline(config: PipelineConfig):
    """A pipeline with every component loaded: the first real article pays no loading time."""
    from gestae.pipeline import Pipeline

    pipeline = Pipeline(config)
    pipeline.process(WARM_UP)
    return pipeline


def code_chunk(pipeline, articles: Sequence[Article], batch_size: int) -> list[ArticleResult] | WorkerFailure:
    """The chunk's results in order, or which article failed and why."""
    try:
        return list(pipeline.pipe(articles, batch_size))
    except Exception as error:  # noqa: BLE001 - carried back to the reader, which raises it
        batch_failure = WorkerFailure.of(error)
    for article in articles:  # find the article that fails, so the report can name it
        try:
            pipeline.process(article)
        except Exception as error:  # noqa: BLE001
            return WorkerFailure.of(error, article.id)
    return batch_failure


def serve(config: PipelineConfig, tasks: Queue, results: Queue) -> None:
    """Worker main loop. Messages out: ("ready", pid), ("failed", failure), (seq, results or failure)."""
    # Ctrl-C reaches the whole process group; only the reading process decides how to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        pipeline = load_pipeline(config)
    except BaseException as error:  # noqa: BLE001 - a missing model must reach the user as such
        results.put(("failed", WorkerFailure.of(error)))
        return
    results.put(("ready", os.getpid()))
    while (task := tasks.get()) is not None:
        seq, articles = task
        results.put((seq, code_chunk(pipeline, articles, config.batch_size)))
