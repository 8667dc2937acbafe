"""`Store`: the one object the CLI, the API and notebooks use to write and read a gestae database."""

from __future__ import annotations

import random
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType

import sqlalchemy as sa

from gestae.dedup.across import LinkConfig
from gestae.records import ArticleResult
from gestae.store import migrations, schema
from gestae.store.database import READ_ONLY, StoreError, default_url, open_engine
from gestae.store.query import EventFilter, RealEvent, select_events
from gestae.store.write import WriteOutcome, stored_hashes, write_article

# Beyond SQLite's own busy timeout: how often to retry an article whose transaction lost a lock race.
WRITE_ATTEMPTS = 5


class Store:
    """A gestae event database.

    >>> with Store.open("events.db") as store:          # doctest: +SKIP
    ...     outcome = store.add(result)                  # one article, one transaction
    ...     for real_event in store.events(EventFilter(country=("SYR",))):
    ...         print(real_event.event.event_type, real_event.num_sources)
    """

    def __init__(self, engine: sa.Engine, *, link_config: LinkConfig = LinkConfig()) -> None:
        self.engine = engine
        self.link_config = link_config

    @classmethod
    def open(
        cls, target: str | Path | None = None, *, create: bool = True, link_config: LinkConfig = LinkConfig()
    ) -> Store:
        """Open (creating and migrating if needed) a SQLite file path or a `postgresql://` URL.

        Raises `StoreError` with a user-facing message for a file that is not a gestae database,
        and, with `create=False`, for a SQLite file that does not exist.
        """
        engine = open_engine(target if target is not None else default_url(), create=create)
        return cls(engine, link_config=link_config)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        with self._reader() as conn:
            return migrations.applied_version(conn)

    def add(self, result: ArticleResult) -> WriteOutcome:
        """Store one article's results in one transaction; an already stored article changes nothing."""
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                with self.engine.begin() as conn:
                    return write_article(conn, result, config=self.link_config)
            except sa.exc.OperationalError as error:
                if attempt == WRITE_ATTEMPTS or not _is_lock_contention(error):
                    raise
                # Another writer held the database past the busy timeout: back off and try again.
                time.sleep(random.uniform(0.05, 0.25) * attempt)
        raise AssertionError("unreachable")

    def add_all(self, results: Iterable[ArticleResult]) -> Iterator[WriteOutcome]:
        for result in results:
            yield self.add(result)

    def stored_hashes(self, hashes: Iterable[str]) -> set[str]:
        with self._reader() as conn:
            return stored_hashes(conn, hashes)

    def events(
        self, flt: EventFilter = EventFilter(), *, per_record: bool = False, limit: int | None = None
    ) -> list[RealEvent]:
        """Real events matching `flt` (one per cluster), or every matching record with `per_record`."""
        with self._reader() as conn:
            return list(select_events(conn, flt, per_record=per_record, limit=limit))

    def counts(self) -> dict[str, int]:
        """Rows per table: articles, sentences, events, mentions, real_events."""
        tables = {"articles": schema.articles, "sentences": schema.sentences, "events": schema.events,
                  "mentions": schema.mentions, "real_events": schema.clusters}
        with self._reader() as conn:
            return {name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
                    for name, t in tables.items()}

    def _reader(self) -> sa.Connection:
        conn = self.engine.connect()
        conn.execution_options(**{READ_ONLY: True})
        return conn


def _is_lock_contention(error: sa.exc.OperationalError) -> bool:
    message = str(error.orig).lower()
    return "locked" in message or "busy" in message or "deadlock" in message


__all__ = ["Store", "StoreError"]
