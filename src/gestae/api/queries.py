"""Reads the API needs beyond `Store.events`: paging and sorting in SQL, one real event with all its
reports, articles, map points and per-day counts.

Everything here only reads, through the store's tables (`gestae.store.schema`) and its filter
clauses (`gestae.store.query.filter_clauses`), so a real event matches exactly when `gestae query`
would select it: when at least one of its reports satisfies every filter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from gestae.api.models import ArticleSummary
from gestae.records import Event
from gestae.store import EventFilter, QueryError, RealEvent, Store, schema
from gestae.store.database import READ_ONLY
from gestae.store.query import as_date, as_datetime, cluster_details, effective_date, filter_clauses

# Sort keys clients may ask for, mapped to the column of the representative record or real event.
SORT_KEYS: tuple[str, ...] = ("date", "id", "type", "sources", "mentions", "articles", "goldstein",
                              "fatalities", "confidence", "actor", "recipient", "location", "country")


@dataclass(frozen=True)
class StoredReport:
    """One stored event record of a real event, with the article it came from."""

    event: Event
    real_event_id: int
    article_id: str
    article_title: str | None
    article_date: dt.date | None
    source: str | None
    url: str | None
    representative: bool


@dataclass(frozen=True)
class StoredArticle:
    """One article as stored: its summary (the API model) with its text and notes."""

    summary: ArticleSummary
    text: str
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class MapPoint:
    id: int
    lat: float
    lon: float
    event_type: str | None
    date: dt.date | None


@contextmanager
def reading(store: Store) -> Iterator[sa.Connection]:
    """A read-only connection (plain deferred BEGIN on SQLite, so it never waits for writers)."""
    with store.engine.connect() as conn:
        conn.execution_options(**{READ_ONLY: True})
        yield conn


def _joined() -> sa.Join:
    e, a, c = schema.events.c, schema.articles.c, schema.clusters.c
    return schema.events.join(schema.articles, e.article_id == a.id).join(schema.clusters, e.cluster_id == c.id)


def _matching_clusters(conn: sa.Connection, flt: EventFilter) -> sa.Select:
    e = schema.events.c
    return sa.select(e.cluster_id).select_from(_joined()).where(*filter_clauses(conn, flt))


def _representatives(conn: sa.Connection, flt: EventFilter) -> sa.Select:
    """Representative rows of the matching real events, unordered; callers choose the columns."""
    e, c = schema.events.c, schema.clusters.c
    return (sa.select().select_from(_joined())
            .where(e.pk == c.representative_pk, c.id.in_(_matching_clusters(conn, flt))))


def _run(conn: sa.Connection, query: sa.Executable, flt: EventFilter) -> sa.CursorResult:
    """Execute, turning a malformed full-text query into `QueryError` (a 400, not a 500)."""
    try:
        return conn.execute(query)
    except (sa.exc.OperationalError, sa.exc.ProgrammingError) as error:
        if flt.text:
            raise QueryError(f"bad full-text query {flt.text!r}: {error.orig}") from None
        raise


def _sort_column(key: str) -> sa.ColumnElement[Any]:
    e, c = schema.events.c, schema.clusters.c
    top_fatalities = (sa.select(sa.func.max(schema.events.c.fatalities))
                      .where(schema.events.c.cluster_id == c.id).scalar_subquery())
    columns: dict[str, sa.ColumnElement[Any]] = {
        "date": effective_date(), "id": c.id, "type": e.event_type, "sources": c.num_sources,
        "mentions": c.num_mentions, "articles": c.num_articles, "goldstein": e.goldstein,
        "fatalities": top_fatalities, "confidence": e.confidence,
        "actor": sa.func.lower(sa.func.coalesce(e.actor_name, e.actor_text)),
        "recipient": sa.func.lower(sa.func.coalesce(e.recipient_name, e.recipient_text)),
        "location": sa.func.lower(e.location_name), "country": e.location_country,
    }
    if key not in columns:
        raise ValueError(f"unknown sort key {key!r}; choose one of {', '.join(SORT_KEYS)}")
    return columns[key]


def count_events(conn: sa.Connection, flt: EventFilter) -> int:
    """How many real events match."""
    e = schema.events.c
    query = (sa.select(sa.func.count(sa.distinct(e.cluster_id)))
             .select_from(_joined()).where(*filter_clauses(conn, flt)))
    return int(_run(conn, query, flt).scalar_one())


def page_events(conn: sa.Connection, flt: EventFilter, *, sort: str = "date", descending: bool = False,
                limit: int | None = 50, offset: int = 0) -> list[RealEvent]:
    """One page of matching real events in the given order (unknown values last, ties by id);
    `limit=None` for all of them."""
    e, c = schema.events.c, schema.clusters.c
    key = _sort_column(sort)
    order = key.desc().nulls_last() if descending else key.asc().nulls_last()
    query = (_representatives(conn, flt)
             .add_columns(e.cluster_id, e.record, e.evidence, effective_date().label("event_day"),
                          c.num_mentions, c.num_articles, c.num_sources, c.first_seen, c.last_seen)
             .order_by(order, c.id.desc() if descending else c.id.asc())
             .limit(limit).offset(offset or None))
    rows = _run(conn, query, flt).all()
    details = cluster_details(conn, [row.cluster_id for row in rows])
    return [_real_event(row, details.get(row.cluster_id, {})) for row in rows]


def real_event(conn: sa.Connection, real_event_id: int) -> RealEvent | None:
    """One real event by id, described by its representative record, or None."""
    e, c = schema.events.c, schema.clusters.c
    query = (sa.select(e.cluster_id, e.record, e.evidence, effective_date().label("event_day"),
                       c.num_mentions, c.num_articles, c.num_sources, c.first_seen, c.last_seen)
             .select_from(_joined()).where(c.id == real_event_id, e.pk == c.representative_pk))
    row = conn.execute(query).first()
    if row is None:
        return None
    return _real_event(row, cluster_details(conn, [real_event_id]).get(real_event_id, {}))


def reports(conn: sa.Connection, real_event_id: int) -> list[StoredReport]:
    """Every stored record of a real event, the representative first, then by publication date."""
    e, a, c = schema.events.c, schema.articles.c, schema.clusters.c
    query = (sa.select(e.record, e.cluster_id, e.article_id, a.title, a.date, a.source, a.url,
                       (e.pk == c.representative_pk).label("representative"))
             .select_from(_joined()).where(e.cluster_id == real_event_id)
             .order_by((e.pk == c.representative_pk).desc(), a.date.asc().nulls_last(), e.pk))
    return [StoredReport(event=Event.model_validate(row.record), real_event_id=row.cluster_id,
                         article_id=row.article_id, article_title=row.title, article_date=as_date(row.date),
                         source=row.source, url=row.url, representative=bool(row.representative))
            for row in conn.execute(query)]


def map_points(conn: sa.Connection, flt: EventFilter, *, limit: int) -> list[MapPoint]:
    """Matching real events that have coordinates, newest first, at most `limit`."""
    e = schema.events.c
    query = (_representatives(conn, flt)
             .add_columns(e.cluster_id, e.location_lat, e.location_lon, e.event_type,
                          effective_date().label("event_day"))
             .where(e.location_lat.is_not(None), e.location_lon.is_not(None))
             .order_by(sa.literal_column("event_day").desc().nulls_last(), e.cluster_id)
             .limit(limit))
    return [MapPoint(row.cluster_id, row.location_lat, row.location_lon, row.event_type, as_date(row.event_day))
            for row in _run(conn, query, flt)]


def daily_counts(conn: sa.Connection, flt: EventFilter) -> list[tuple[dt.date, str, int]]:
    """(day, type, real events) for every dated day; crisis reports count under their crisis type."""
    e = schema.events.c
    day = effective_date().label("event_day")
    kind = sa.func.coalesce(e.event_type, sa.func.upper(e.crisis_type), "OTHER").label("kind")
    query = (_representatives(conn, flt).add_columns(day, kind, sa.func.count().label("n"))
             .where(effective_date().is_not(None)).group_by(day, kind).order_by(day, kind))
    return [(as_date(row.event_day), row.kind, row.n) for row in _run(conn, query, flt)]  # type: ignore[misc]


def count_articles(conn: sa.Connection, *, since: dt.date | None = None, until: dt.date | None = None,
                   source: str | None = None) -> int:
    query = sa.select(sa.func.count()).select_from(schema.articles).where(*_article_clauses(since, until, source))
    return int(conn.execute(query).scalar_one())


def page_articles(conn: sa.Connection, *, since: dt.date | None = None, until: dt.date | None = None,
                  source: str | None = None, limit: int = 50, offset: int = 0) -> list[ArticleSummary]:
    """Stored articles, newest publication first, without their text."""
    a = schema.articles.c
    query = (sa.select(*_article_columns())
             .where(*_article_clauses(since, until, source))
             .order_by(a.date.desc().nulls_last(), a.ingested_at.desc(), a.id)
             .limit(limit).offset(offset))
    return [_article_summary(row) for row in conn.execute(query)]


def article(conn: sa.Connection, article_id: str) -> StoredArticle | None:
    """One stored article with its text and notes, or None."""
    a = schema.articles.c
    row = conn.execute(sa.select(*_article_columns(), a.text, a.notes).where(a.id == article_id)).first()
    return StoredArticle(_article_summary(row), row.text or "", list(row.notes or [])) if row else None


def article_events(conn: sa.Connection, article_id: str) -> list[StoredReport]:
    """The records coded from one article, in text order, each with its real event id."""
    e, a, c = schema.events.c, schema.articles.c, schema.clusters.c
    query = (sa.select(e.record, e.cluster_id, e.article_id, a.title, a.date, a.source, a.url,
                       (e.pk == c.representative_pk).label("representative"))
             .select_from(_joined()).where(e.article_id == article_id)
             .order_by(e.trigger_start, e.pk))
    return [StoredReport(event=Event.model_validate(row.record), real_event_id=row.cluster_id,
                         article_id=row.article_id, article_title=row.title, article_date=as_date(row.date),
                         source=row.source, url=row.url, representative=bool(row.representative))
            for row in conn.execute(query)]


def _article_columns() -> tuple[sa.ColumnElement[Any], ...]:
    a, e = schema.articles.c, schema.events.c
    num_events = (sa.select(sa.func.count()).select_from(schema.events)
                  .where(e.article_id == a.id).scalar_subquery())
    return (a.id, a.date, a.title, a.source, a.url, a.origin, a.ingested_at,
            num_events.label("num_events"), sa.func.length(a.text).label("num_chars"))


def _article_clauses(since: dt.date | None, until: dt.date | None,
                     source: str | None) -> list[sa.ColumnElement[bool]]:
    a = schema.articles.c
    clauses: list[sa.ColumnElement[bool]] = []
    if since:
        clauses.append(a.date >= since)
    if until:
        clauses.append(a.date <= until)
    if source:
        clauses.append(sa.func.lower(a.source) == source.lower())
    return clauses


def _article_summary(row: sa.Row) -> ArticleSummary:
    return ArticleSummary(
        id=row.id, date=as_date(row.date), title=row.title, source=row.source, url=row.url, origin=row.origin,
        ingested_at=as_datetime(row.ingested_at), num_events=row.num_events, num_chars=row.num_chars or 0,
    )


def _real_event(row: sa.Row, info: dict[str, Any]) -> RealEvent:
    return RealEvent(
        cluster_id=row.cluster_id, event=Event.model_validate(row.record), evidence=row.evidence,
        date=as_date(row.event_day), num_mentions=row.num_mentions, num_articles=row.num_articles,
        num_sources=row.num_sources, first_seen=as_date(row.first_seen), last_seen=as_date(row.last_seen),
        added=info.get("added"), fatalities=info.get("fatalities"), article_ids=info.get("article_ids", []),
        sources=info.get("sources", []), urls=info.get("urls", []),
    )


