"""Endpoints that read: events, articles, statistics, map points, exports, server info."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections import defaultdict
import pathlib
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, status
from fastapi.responses import FileResponse, Response
from starlette.background import BackgroundTask

from gestae import __version__
from gestae.api import queries
from gestae.api.deps import INVALID, Filter, Server, ServerState, require_read
from gestae.api.models import (
    ArticleDetail,
    ArticleEvent,
    ArticlePage,
    DyadRow,
    Dyads,
    DyadWeekRow,
    ErrorBody,
    EventDetail,
    EventPage,
    EventSummary,
    MapPointOut,
    MapPoints,
    RegionRow,
    Regions,
    RegionWeekRow,
    Report,
    ServerInfo,
    TimelineRow,
)
from gestae.api.spans import event_spans
from gestae.records import PLOVER_TYPES
from gestae.store import EventFilter, RealEvent
from gestae.store.export import FORMATS, export_events, summary_row
from gestae.store.export.rows import actor_label
from gestae.store.stats import UNKNOWN, compute_stats

SORT_HELP = ("Sort key, '-' in front for descending: " + ", ".join(queries.SORT_KEYS)
             + ". Unknown values sort last; ties by real event id.")
EXPORT_MEDIA = {"plover-json": ("application/x-ndjson", "jsonl"), "acled-csv": ("text/csv", "csv"),
                "gdelt-tsv": ("text/tab-separated-values", "tsv"), "geojson": ("application/geo+json", "geojson"),
                "parquet": ("application/vnd.apache.parquet", "parquet")}
MAX_ID = 2**63 - 1  # database integers are 64-bit: larger ids would overflow, not just miss
NOT_FOUND = {404: {"model": ErrorBody, "description": "No such item."}}

router = APIRouter(dependencies=[Depends(require_read)],
                   responses={400: {"model": ErrorBody}, 401: {"model": ErrorBody}, 403: {"model": ErrorBody},
                              422: {"model": ErrorBody}})


def _summary(real: RealEvent) -> EventSummary:
    return EventSummary.model_validate(summary_row(real))


def _all_events(state: ServerState, flt: EventFilter) -> list[RealEvent]:
    """Every matching real event, oldest first, as `gestae query` lists them (a bad text query is a 400)."""
    with queries.reading(state.store) as conn:
        return queries.page_events(conn, flt, sort="date", limit=None)


def _next_offset(offset: int, limit: int, total: int) -> int | None:
    return offset + limit if offset + limit < total else None


@router.get("/info", response_model=ServerInfo, tags=["server"])
def info(state: Server) -> ServerInfo:
    """What this server serves: database, schema version, row counts."""
    return ServerInfo(version=__version__, database=_describe(state.settings.database),
                      schema_version=state.store.schema_version, counts=state.store.counts(),
                      protected_reads=state.settings.protected_reads, event_types=list(PLOVER_TYPES))


@router.get("/events", response_model=EventPage, tags=["events"])
def list_events(
    state: Server,
    flt: Filter,
    limit: Annotated[int, Query(ge=1, description="Rows per page; at most the server's page size (1000).")] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    sort: Annotated[str, Query(max_length=20, description=SORT_HELP)] = "date",
) -> EventPage:
    """Real events (deduplicated across articles) matching every filter, one page at a time.

    A real event matches when at least one of its reports matches: the same rule as `gestae query`.
    """
    if limit > state.settings.max_page:
        raise HTTPException(INVALID, f"limit is at most {state.settings.max_page}")
    descending = sort.startswith("-")
    key = sort[1:] if descending else sort
    if key not in queries.SORT_KEYS:
        raise HTTPException(INVALID, f"unknown sort key {key!r}; choose one of {', '.join(queries.SORT_KEYS)}")
    with queries.reading(state.store) as conn:
        total = queries.count_events(conn, flt)
        page = queries.page_events(conn, flt, sort=key, descending=descending, limit=limit, offset=offset)
    return EventPage(total=total, limit=limit, offset=offset, next_offset=_next_offset(offset, limit, total),
                     sort=sort, items=[_summary(real) for real in page])


@router.get("/events/points", response_model=MapPoints, tags=["events"])
def event_points(state: Server, flt: Filter) -> MapPoints:
    """Matching real events that have coordinates, newest first, for the map."""
    cap = state.settings.max_map_points
    with queries.reading(state.store) as conn:
        points = queries.map_points(conn, flt, limit=cap + 1)
    return MapPoints(truncated=len(points) > cap,
                     points=[MapPointOut(id=p.id, lat=p.lat, lon=p.lon, type=p.event_type, date=p.date)
                             for p in points[:cap]])


@router.get("/events/{real_event_id}", response_model=EventDetail, responses=NOT_FOUND, tags=["events"])
def get_event(state: Server, real_event_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> EventDetail:
    """One real event: its summary, and every report of it with the mentions, sentences and evidence spans."""
    with queries.reading(state.store) as conn:
        real = queries.real_event(conn, real_event_id)
        if real is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"no real event {real_event_id}")
        stored = queries.reports(conn, real_event_id)
        texts = {report.article_id: queries.article(conn, report.article_id) for report in stored}
    reports = []
    for report in stored:
        found = texts.get(report.article_id)
        spans = event_spans(report.event, found.text or "") if found else []
        reports.append(Report(article_id=report.article_id, article_title=report.article_title,
                              article_date=report.article_date, source=report.source, url=report.url,
                              representative=report.representative, event=report.event, spans=spans))
    return EventDetail(summary=_summary(real), article_ids=real.article_ids, sources=real.sources, urls=real.urls,
                       reports=reports)


@router.get("/articles", response_model=ArticlePage, tags=["articles"])
def list_articles(
    state: Server,
    since: Annotated[dt.date | None, Query(description="Published on or after this day.")] = None,
    until: Annotated[dt.date | None, Query(description="Published on or before this day.")] = None,
    source: Annotated[str | None, Query(max_length=300, description="Outlet name, case-insensitive.")] = None,
    limit: Annotated[int, Query(ge=1)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> ArticlePage:
    """Stored articles, newest first, without their text."""
    if limit > state.settings.max_page:
        raise HTTPException(INVALID, f"limit is at most {state.settings.max_page}")
    with queries.reading(state.store) as conn:
        total = queries.count_articles(conn, since=since, until=until, source=source)
        rows = queries.page_articles(conn, since=since, until=until, source=source, limit=limit, offset=offset)
    items = rows
    return ArticlePage(total=total, limit=limit, offset=offset, next_offset=_next_offset(offset, limit, total),
                       items=items)


@router.get("/articles/{article_id:path}", response_model=ArticleDetail, responses=NOT_FOUND, tags=["articles"])
def get_article(state: Server, article_id: str) -> ArticleDetail:
    """One stored article: its text, notes, and the events coded from it with their evidence spans."""
    with queries.reading(state.store) as conn:
        found = queries.article(conn, article_id)
        if found is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"no article {article_id!r}")
        stored = queries.article_events(conn, article_id)
    events = [ArticleEvent(real_event_id=r.real_event_id, representative=r.representative, event=r.event,
                           spans=event_spans(r.event, found.text)) for r in stored]
    return ArticleDetail(**found.summary.model_dump(), text=found.text, notes=found.notes, events=events)


@router.get("/stats/dyads", response_model=Dyads, tags=["stats"])
def dyads(state: Server, flt: Filter,
          top: Annotated[int, Query(ge=1, le=10_000, description="Busiest pairs to list.")] = 100) -> Dyads:
    """Who acts on whom: real events per actor pair, with mean Goldstein (conflict < 0 < cooperation)."""
    events = _all_events(state, flt)
    scores: dict[tuple[str, str], list[float]] = defaultdict(list)
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])  # events, cooperation, conflict
    for real in events:
        event = real.event
        pair = (actor_label(event.actor) or UNKNOWN, actor_label(event.recipient) or UNKNOWN)
        tally = counts[pair]
        tally[0] += 1
        if event.quad_class in (1, 2):
            tally[1] += 1
        elif event.quad_class in (3, 4):
            tally[2] += 1
        if event.goldstein is not None:
            scores[pair].append(event.goldstein)
    ranked = sorted(counts.items(), key=lambda item: (-item[1][0], item[0]))[:top]
    total = [DyadRow(actor=actor, recipient=recipient, events=n, cooperation=coop, conflict=conflict,
                     goldstein_sum=round(sum(scores[(actor, recipient)]), 3),
                     goldstein_mean=(round(sum(scores[(actor, recipient)]) / len(scores[(actor, recipient)]), 3)
                                     if scores[(actor, recipient)] else None))
             for (actor, recipient), (n, coop, conflict) in ranked]
    kept = {(row.actor, row.recipient) for row in total}
    weekly = [DyadWeekRow(**row) for row in compute_stats(events).dyad_weekly
              if (row["actor"], row["recipient"]) in kept]
    return Dyads(total=total, weekly=weekly)


@router.get("/stats/regions", response_model=Regions, tags=["stats"])
def regions(state: Server, flt: Filter) -> Regions:
    """Real events per first-level division (province, state, governorate), in all and per ISO week."""
    weekly = compute_stats(_all_events(state, flt)).admin1_weekly
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for row in weekly:
        totals[(row["country"], row["admin1"])] += row["events"]
    total = [RegionRow(country=country, admin1=admin1, events=n)
             for (country, admin1), n in sorted(totals.items(), key=lambda item: (-item[1], item[0]))]
    return Regions(total=total, weekly=[RegionWeekRow(**row) for row in weekly])


@router.get("/stats/timeline", response_model=list[TimelineRow], tags=["stats"])
def timeline(state: Server, flt: Filter) -> list[TimelineRow]:
    """Real events per day and type (undated events are left out)."""
    with queries.reading(state.store) as conn:
        return [TimelineRow(day=day, event_type=kind, events=n) for day, kind, n in queries.daily_counts(conn, flt)]


@router.get("/export", tags=["events"], response_class=Response,
            responses={200: {"description": "The file, in the chosen layout (see docs/exports.md).",
                             "content": {media: {} for media, _ in EXPORT_MEDIA.values()}}})
def export(state: Server, flt: Filter,
           format: Annotated[str, Query(description=f"One of: {', '.join(FORMATS)}.")] = "plover-json",  # noqa: A002
           ) -> FileResponse:
    """All matching real events as a file: PLOVER JSON Lines, ACLED CSV, GDELT TSV, GeoJSON or Parquet."""
    if format not in FORMATS:
        raise HTTPException(INVALID, f"unknown export format {format!r}; choose one of {', '.join(FORMATS)}")
    media, suffix = EXPORT_MEDIA[format]
    handle = tempfile.NamedTemporaryFile(prefix="gestae-export-", suffix="." + suffix, delete=False)
    handle.close()
    path = pathlib.Path(handle.name)
    try:
        export_events(_all_events(state, flt), format, path)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return FileResponse(path, media_type=media, filename=f"gestae-events.{suffix}",
                        background=BackgroundTask(path.unlink, missing_ok=True))


def _describe(database: str) -> str:
    from gestae.store.database import normalise_url

    url = normalise_url(database)
    return str(url.database) if url.get_backend_name() == "sqlite" else url.render_as_string(hide_password=True)
