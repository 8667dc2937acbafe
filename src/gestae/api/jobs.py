"""Coding articles for the API: one shared pipeline, and a background worker for ingest jobs.

The pipeline (spaCy model, gazetteer, actor knowledge base) is loaded once per server and used by one
thread at a time: spaCy pipelines are not meant to be called concurrently, and the machine's cores are
better spent on one article after another than on many half-done ones.
"""

from __future__ import annotations

import datetime as dt
import logging
import queue
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable

from gestae.api.models import ArticleIn, JobStatus
from gestae.records import Article, ArticleResult
from gestae.store import Store, article_hash

log = logging.getLogger("gestae.api")

# Finished jobs are remembered for `GET /jobs/{id}` until this many newer ones have been submitted.
KEPT_JOBS = 200


def to_article(item: ArticleIn, origin: str) -> Article:
    """The record for a posted article; without an id, one derived from its content."""
    article = Article(id=item.id or "pending", text=item.text, date=item.date, title=item.title, url=item.url,
                      source=item.source, origin=origin)
    if item.id:
        return article
    return article.model_copy(update={"id": "api-" + article_hash(article)[:16]})


class CodingService:
    """Codes articles with one lazily loaded pipeline, one article at a time."""

    def __init__(self, pipeline_factory: Callable[[], object] | None = None) -> None:
        self._factory = pipeline_factory or _default_pipeline
        self._pipeline: object | None = None
        self._lock = threading.Lock()

    def code(self, article: Article) -> ArticleResult:
        with self._lock:
            if self._pipeline is None:
                self._pipeline = self._factory()
            return self._pipeline.process(article)  # type: ignore[attr-defined]

    def warm_up(self) -> None:
        """Load the pipeline now (in the caller's thread) so the first request does not wait for it."""
        with self._lock:
            if self._pipeline is None:
                self._pipeline = self._factory()


def _default_pipeline() -> object:
    from gestae.pipeline import Pipeline

    pipeline = Pipeline()
    pipeline.nlp  # noqa: B018 - load the model now, inside the lock, not half-way through the first article
    return pipeline


class IngestJobs:
    """Runs ingest jobs one after another on a daemon thread; keeps the status of recent ones."""

    def __init__(self, store: Store, coder: CodingService) -> None:
        self.store = store
        self.coder = coder
        self._jobs: OrderedDict[str, JobStatus] = OrderedDict()
        self._articles: dict[str, list[ArticleIn]] = {}
        self._lock = threading.Lock()
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._worker: threading.Thread | None = None

    def submit(self, articles: list[ArticleIn]) -> JobStatus:
        job_id = uuid.uuid4().hex[:16]
        status = JobStatus(id=job_id, state="queued", submitted=_now(), articles=len(articles))
        with self._lock:
            self._jobs[job_id] = status
            self._articles[job_id] = articles
            while len(self._jobs) > KEPT_JOBS:
                oldest, old = next(iter(self._jobs.items()))
                if old.state in ("queued", "running"):
                    break
                self._jobs.pop(oldest)
            self._start_worker()
        self._queue.put(job_id)
        return status.model_copy(deep=True)

    def get(self, job_id: str) -> JobStatus | None:
        with self._lock:
            found = self._jobs.get(job_id)
            return found.model_copy(deep=True) if found else None

    def close(self, timeout: float = 5.0) -> None:
        """Stop the worker after the article it is on (queued jobs are dropped)."""
        self._queue.put(None)
        if self._worker is not None:
            self._worker.join(timeout)

    def _start_worker(self) -> None:
        if self._worker is None or not self._worker.is_alive():
            self._worker = threading.Thread(target=self._work, name="gestae-ingest", daemon=True)
            self._worker.start()

    def _work(self) -> None:
        while True:
            job_id = self._queue.get()
            if job_id is None:
                return
            self._run(job_id)

    def _run(self, job_id: str) -> None:
        with self._lock:
            articles = self._articles.pop(job_id, [])
            self._update(job_id, state="running", started=_now())
        origin = f"api:job-{job_id}"
        try:
            for item in articles:
                self._ingest_one(job_id, to_article(item, origin))
        except Exception as error:  # noqa: BLE001 - a job reports its failure instead of killing the worker
            with self._lock:
                self._update(job_id, state="failed", finished=_now(), error=f"{type(error).__name__}: {error}")
            return
        with self._lock:
            self._update(job_id, state="done", finished=_now())

    def _ingest_one(self, job_id: str, article: Article) -> None:
        if self.store.stored_hashes([article_hash(article)]):
            self._bump(job_id, processed=1, skipped=1)
            return
        try:
            result = self.coder.code(article)
        except Exception as error:  # noqa: BLE001 - one bad article must not sink the others
            log.exception("coding article %s failed", article.id)
            self._bump(job_id, processed=1, failed=1)
            with self._lock:
                self._jobs[job_id].errors.append(f"{article.id}: {type(error).__name__}: {error}")
            return
        # A store error (database gone, disk full) is not the article's fault: it fails the job.
        outcome = self.store.add(result)
        if not outcome.stored:  # stored by someone else while it was being coded
            self._bump(job_id, processed=1, skipped=1)
            return
        self._bump(job_id, processed=1, stored=1, events=outcome.events,
                   new_real_events=outcome.new_real_events, linked_events=outcome.linked_events)
        with self._lock:
            self._jobs[job_id].article_ids.append(outcome.article_id)

    def _update(self, job_id: str, **changes: object) -> None:
        current = self._jobs.get(job_id)
        if current is not None:
            self._jobs[job_id] = current.model_copy(update=changes)

    def _bump(self, job_id: str, **increments: int) -> None:
        with self._lock:
            current = self._jobs.get(job_id)
            if current is not None:
                self._update(job_id, **{key: getattr(current, key) + n for key, n in increments.items()})


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)
