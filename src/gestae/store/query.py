"""Reading events back: filters, and one row per real event (cluster) or per stored record.

A real event matches the filters when at least one of its records does; it is then described by its
representative record (the most precisely placed and dated one) and its mention/article/source counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from gestae.records import Event
from gestae.store import schema

_CHUNK = 500


@dataclass(frozen=True)
class EventFilter:
    """What to select. Empty tuples and None mean "no constraint"; every given constraint must hold."""

    since: dt.date | None = None
    until: dt.date | None = None
    types: tuple[str, ...] = ()
    cameo: tuple[str, ...] = ()  # code prefixes: "19" selects 190-196
    acled: tuple[str, ...] = ()  # ACLED event or sub-event types, case-insensitive
    actor: str | None = None  # substring of the actor's or recipient's name or text
    actor_country: tuple[str, ...] = ()
    sector: tuple[str, ...] = ()
    country: tuple[str, ...] = ()  # where it happened (ISO alpha-3)
    admin1: str | None = None  # first-level division name or ISO 3166-2 code
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    modality: str | None = "asserted"  # None: any
    min_sources: int = 0
    text: str | None = None  # full-text query over the reporting sentences


@dataclass
class RealEvent:
    """One real event (or one stored record, with its real event's counts) as queries return it."""

    cluster_id: int
    event: Event
    evidence: str
    date: dt.date | None
    num_mentions: int
    num_articles: int
    num_sources: int
    first_seen: dt.date | None
    last_seen: dt.date | None
    added: dt.datetime | None = None
    fatalities: int | None = None
    article_ids: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)


class QueryError(ValueError):
    """A filter the database cannot run (for example a malformed full-text query)."""


def effective_date() -> sa.ColumnElement[Any]:
    """The event's own start date, else its article's publication date."""
    return sa.func.coalesce(schema.events.c.date_start, schema.articles.c.date)


def filter_clauses(conn: sa.Connection, flt: EventFilter) -> list[sa.ColumnElement[bool]]:
    e, c = schema.events.c, schema.clusters.c
    clauses: list[sa.ColumnElement[bool]] = []
    if flt.since:
        clauses.append(effective_date() >= flt.since)
    if flt.until:
        clauses.append(effective_date() <= flt.until)
    if flt.types:
        clauses.append(e.event_type.in_([t.upper() for t in flt.types]))
    if flt.cameo:
        clauses.append(sa.or_(*(e.cameo.startswith(code) for code in flt.cameo)))
    if flt.acled:
        wanted = [name.lower() for name in flt.acled]
        clauses.append(sa.or_(sa.func.lower(e.acled_event_type).in_(wanted),
                              sa.func.lower(e.acled_sub_event_type).in_(wanted)))
    if flt.actor:
        needle = f"%{flt.actor.lower()}%"
        clauses.append(sa.or_(*(sa.func.lower(col).like(needle) for col in
                                (e.actor_name, e.actor_text, e.recipient_name, e.recipient_text))))
    if flt.actor_country:
        codes = [code.upper() for code in flt.actor_country]
        clauses.append(sa.or_(e.actor_country.in_(codes), e.recipient_country.in_(codes)))
    if flt.sector:
        codes = [code.upper() for code in flt.sector]
        clauses.append(sa.or_(e.actor_sector.in_(codes), e.recipient_sector.in_(codes)))
    if flt.country:
        clauses.append(e.location_country.in_([code.upper() for code in flt.country]))
    if flt.admin1:
        clauses.append(sa.or_(sa.func.lower(e.location_admin1) == flt.admin1.lower(),
                              sa.func.upper(e.location_admin1_iso) == flt.admin1.upper()))
    if flt.bbox:
        min_lon, min_lat, max_lon, max_lat = flt.bbox
        clauses.append(sa.and_(e.location_lon.between(min_lon, max_lon), e.location_lat.between(min_lat, max_lat)))
    if flt.modality:
        clauses.append(e.modality == flt.modality)
    if flt.min_sources:
        clauses.append(c.num_sources >= flt.min_sources)
    if flt.text:
        clauses.append(_text_clause(conn, flt.text))
    return clauses


def _text_clause(conn: sa.Connection, text: str) -> sa.ColumnElement[bool]:
    e = schema.events.c
    if conn.dialect.name == "sqlite":
        matching = sa.text(f"SELECT rowid FROM {schema.EVENTS_FTS} WHERE {schema.EVENTS_FTS} MATCH :fts_query")
        return e.pk.in_(matching.bindparams(fts_query=text))
    return sa.func.to_tsvector("simple", e.evidence).bool_op("@@")(sa.func.websearch_to_tsquery("simple", text))


def _joined() -> sa.Join:
    e, a, c = schema.events.c, schema.articles.c, schema.clusters.c
    return schema.events.join(schema.articles, e.article_id == a.id).join(schema.clusters, e.cluster_id == c.id)


def select_events(
    conn: sa.Connection, flt: EventFilter = EventFilter(), *, per_record: bool = False, limit: int | None = None
) -> Iterator[RealEvent]:
    """Real events (default) or stored records matching `flt`, oldest first."""
    e, c = schema.events.c, schema.clusters.c
    clauses = filter_clauses(conn, flt)
    columns = (e.cluster_id, e.record, e.evidence, effective_date().label("event_day"), c.num_mentions,
               c.num_articles, c.num_sources, c.first_seen, c.last_seen)
    if per_record:
        query = sa.select(*columns).select_from(_joined()).where(*clauses)
    else:
        matching = sa.select(e.cluster_id).select_from(_joined()).where(*clauses)
        query = (
            sa.select(*columns)
            .select_from(_joined())
            .where(e.pk == c.representative_pk, c.id.in_(matching))
        )
    query = query.order_by(sa.literal_column("event_day").asc().nulls_last(), e.cluster_id, e.pk)
    if limit is not None:
        query = query.limit(limit)
    try:
        rows = conn.execute(query).all()
    except sa.exc.OperationalError as error:
        if flt.text:  # any failure of a full-text query is the query's fault ("unterminated string", fts5 syntax)
            raise QueryError(f"bad full-text query {flt.text!r}: {error.orig}") from None
        raise
    except sa.exc.ProgrammingError as error:
        if flt.text:
            raise QueryError(f"bad full-text query {flt.text!r}: {error.orig}") from None
        raise
    details = cluster_details(conn, sorted({row.cluster_id for row in rows}))
    for row in rows:
        info = details.get(row.cluster_id, {})
        yield RealEvent(
            cluster_id=row.cluster_id,
            event=Event.model_validate(row.record),
            evidence=row.evidence,
            date=as_date(row.event_day),
            num_mentions=row.num_mentions,
            num_articles=row.num_articles,
            num_sources=row.num_sources,
            first_seen=row.first_seen,
            last_seen=row.last_seen,
            added=info.get("added"),
            fatalities=info.get("fatalities"),
            article_ids=info.get("article_ids", []),
            sources=info.get("sources", []),
            urls=info.get("urls", []),
        )


def cluster_details(conn: sa.Connection, cluster_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """Per real event: its articles, outlets and URLs (earliest first), first ingest time, top fatality count."""
    e, a = schema.events.c, schema.articles.c
    found: dict[int, dict[str, Any]] = {}
    for i in range(0, len(cluster_ids), _CHUNK):
        rows = conn.execute(
            sa.select(e.cluster_id, e.article_id, e.fatalities, a.source, a.url, a.ingested_at, a.date)
            .join_from(schema.events, schema.articles, e.article_id == a.id)
            .where(e.cluster_id.in_(cluster_ids[i : i + _CHUNK]))
            .order_by(e.cluster_id, a.date, a.ingested_at, e.pk)
        )
        for row in rows:
            info = found.setdefault(
                row.cluster_id, {"article_ids": [], "sources": [], "urls": [], "added": None, "fatalities": None}
            )
            _append_new(info["article_ids"], row.article_id)
            _append_new(info["sources"], row.source)
            _append_new(info["urls"], row.url)
            added = as_datetime(row.ingested_at)
            if added and (info["added"] is None or added < info["added"]):
                info["added"] = added
            if row.fatalities is not None:
                info["fatalities"] = max(info["fatalities"] or 0, row.fatalities)
    return found


def _append_new(values: list[str], value: str | None) -> None:
    if value and value not in values:
        values.append(value)


def as_date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value  # type: ignore[return-value]
    return dt.date.fromisoformat(str(value)[:10])


def as_datetime(value: object) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value  # type: ignore[return-value]
    return dt.datetime.fromisoformat(str(value))
