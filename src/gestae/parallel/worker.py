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

FAILED_NOTE = "coding failed"
Message = tuple[Any, ...]


def load_pipeline(config: PipelineConfig):
    """A pipeline with every component loaded: the first real article pays no loading time."""
    from gestae.pipeline import Pipeline

    pipeline = Pipeline(config)
    pipeline.process(WARM_UP)
    return pipeline


def code_chunk(pipeline, articles: Sequence[Article], batch_size: int, *,
               keep_going: bool = False) -> list[ArticleResult] | WorkerFailure:
    """The chunk's results in order, or which article failed and why.

    With `keep_going`, an article whose coding raises becomes a result with no events and a note
    saying what failed, and the rest of the chunk is coded all the same.
    """
    try:
        return list(pipeline.pipe(articles, batch_size))
    except Exception as error:  # noqa: BLE001 - carried back to the reader, which raises it
        batch_failure = WorkerFailure.of(error)
    results = []
    for article in articles:  # code one by one, to name the article that fails
        try:
            results.append(pipeline.process(article))
        except Exception as error:  # noqa: BLE001
            if not keep_going:
                return WorkerFailure.of(error, article.id)
            results.append(failed_result(article, error))
    return results if keep_going else batch_failure


def failed_result(article: Article, error: BaseException) -> ArticleResult:
    return ArticleResult(article=article, events=[], notes=[f"{FAILED_NOTE}: {type(error).__name__}: {error}"])


def serve(config: PipelineConfig, tasks: Queue, results: Queue, keep_going: bool = False) -> None:
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
        results.put((seq, code_chunk(pipeline, articles, config.batch_size, keep_going=keep_going)))
