"""Request and response bodies of the HTTP API. The OpenAPI document at /openapi.json is built from these."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from gestae.api.spans import Span
from gestae.records import Article, Event

# Coding a long text takes seconds; anything longer than a long feature story is not a news report.
MAX_ARTICLE_CHARS = 200_000
MAX_ARTICLES_PER_INGEST = 1_000
EARLIEST_DATE = dt.date(1800, 1, 1)
LATEST_DATE = dt.date(2199, 12, 31)


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EventSummary(BaseModel):
    """One real event as a flat row: the columns of `gestae query --format csv`."""

    real_event_id: int = Field(description="Id of the real event (a cluster of reports); /events/{id} takes it.")
    date: dt.date | None = Field(description="The event's own start date, else its article's publication date.")
    date_precision: str
    event_type: str | None = Field(description="PLOVER type; null for non-political crisis reports.")
    mode: str | None
    cameo: str | None
    quad_class: int | None
    goldstein: float | None
    acled_event_type: str | None
    actor: str | None
    actor_country: str | None
    actor_sector: str | None
    recipient: str | None
    recipient_country: str | None
    recipient_sector: str | None
    location: str | None
    admin1: str | None
    country: str | None
    latitude: float | None
    longitude: float | None
    location_precision: str | None
    modality: str
    fatalities: int | None = Field(description="Highest death toll any report gives.")
    num_mentions: int
    num_articles: int
    num_sources: int
    first_seen: dt.date | None
    last_seen: dt.date | None
    sources: str = Field(description="Outlets that report it, '; '-separated, earliest first.")
    url: str | None
    evidence: str = Field(description="The sentence of the representative report.")
    event_id: str = Field(description="Stable id of the representative record.")


class EventPage(BaseModel):
    total: int = Field(description="Real events matching the filters.")
    limit: int
    offset: int
    next_offset: int | None = Field(description="Offset of the next page; null on the last page.")
    sort: str
    items: list[EventSummary]


class Report(BaseModel):
    """One stored record of a real event: an article's telling, with its evidence spans."""

    article_id: str
    article_title: str | None
    article_date: dt.date | None
    source: str | None
    url: str | None
    representative: bool = Field(description="True for the record that describes the real event.")
    event: Event = Field(description="The full gestae record, with its mentions and their sentences.")
    spans: list[Span] = Field(description="Where trigger, actor, recipient, place and date are in the article text.")


class EventDetail(BaseModel):
    summary: EventSummary
    article_ids: list[str]
    sources: list[str]
    urls: list[str]
    reports: list[Report] = Field(description="Every stored record of this real event, representative first.")


class MapPointOut(BaseModel):
    id: int = Field(description="Real event id.")
    lat: float
    lon: float
    type: str | None
    date: dt.date | None


class MapPoints(BaseModel):
    truncated: bool = Field(description="True when more events matched than the server returns for a map.")
    points: list[MapPointOut]


class TimelineRow(BaseModel):
    day: dt.date
    event_type: str = Field(description="PLOVER type, or the crisis type in capitals for crisis reports.")
    events: int


class DyadRow(BaseModel):
    actor: str
    recipient: str
    events: int
    goldstein_mean: float | None = Field(description="Mean Goldstein score: below 0 conflict, above 0 cooperation.")
    goldstein_sum: float
    cooperation: int = Field(description="Events of quad class 1 or 2.")
    conflict: int = Field(description="Events of quad class 3 or 4.")


class DyadWeekRow(BaseModel):
    week: dt.date = Field(description="Monday of the ISO week.")
    actor: str
    recipient: str
    events: int
    goldstein_sum: float


class Dyads(BaseModel):
    total: list[DyadRow] = Field(description="Actor pairs over the whole selection, busiest first.")
    weekly: list[DyadWeekRow] = Field(description="The same per ISO week (the table of `gestae stats`).")


class RegionRow(BaseModel):
    country: str
    admin1: str
    events: int


class RegionWeekRow(RegionRow):
    week: dt.date


class Regions(BaseModel):
    total: list[RegionRow]
    weekly: list[RegionWeekRow]


class ArticleSummary(BaseModel):
    id: str
    date: dt.date | None
    title: str | None
    source: str | None
    url: str | None
    origin: str | None
    ingested_at: dt.datetime | None
    num_events: int
    num_chars: int


class ArticlePage(BaseModel):
    total: int
    limit: int
    offset: int
    next_offset: int | None
    items: list[ArticleSummary]


class ArticleEvent(BaseModel):
    real_event_id: int
    representative: bool
    event: Event
    spans: list[Span]


class ArticleDetail(ArticleSummary):
    text: str
    notes: list[str]
    events: list[ArticleEvent]


class ArticleIn(Body):
    """An article to code. Without an id, one is made from the content hash."""

    id: str | None = Field(None, min_length=1, max_length=300)
    text: str = Field(min_length=1, max_length=MAX_ARTICLE_CHARS)
    # Bounded so that date arithmetic on relative expressions ("last year") cannot leave Python's date range.
    date: dt.date | None = Field(None, ge=EARLIEST_DATE, le=LATEST_DATE,
                                 description="Publication date; relative dates ('on Friday') resolve against it.")
    title: str | None = Field(None, max_length=2_000)
    url: str | None = Field(None, max_length=4_000)
    source: str | None = Field(None, max_length=300, description="Outlet; distinct outlets count as sources.")


class IngestRequest(Body):
    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_ARTICLES_PER_INGEST)


JobState = Literal["queued", "running", "done", "failed"]


class JobStatus(BaseModel):
    id: str
    state: JobState
    submitted: dt.datetime
    started: dt.datetime | None = None
    finished: dt.datetime | None = None
    articles: int = Field(description="Articles in the request.")
    processed: int = Field(0, description="Articles handled so far (stored or skipped).")
    stored: int = 0
    skipped: int = Field(0, description="Already stored (same content hash): not coded again.")
    events: int = 0
    new_real_events: int = 0
    linked_events: int = Field(0, description="Events that joined a real event already stored.")
    failed: int = Field(0, description="Articles that could not be coded or stored (see errors).")
    article_ids: list[str] = Field(default_factory=list, description="Ids of the articles stored.")
    errors: list[str] = Field(default_factory=list, description="One line per failed article.")
    error: str | None = Field(None, description="Why the whole job failed, when it did.")


class JobAccepted(BaseModel):
    job_id: str
    status_url: str
    articles: int


class CodeRequest(ArticleIn):
    """An article to code now; nothing is stored."""


class CodedEvent(BaseModel):
    event: Event
    spans: list[Span]


class CodeResponse(BaseModel):
    article: Article
    events: list[CodedEvent]
    notes: list[str]


class ErrorBody(BaseModel):
    """Every 4xx and 5xx answer has this shape."""

    detail: str = Field(description="What went wrong, in one line.")
    errors: list[dict] | None = Field(None, description="Per-field problems of a request that failed validation.")


class ServerInfo(BaseModel):
    version: str
    database: str
    schema_version: int
    counts: dict[str, int]
    protected_reads: bool
    event_types: list[str]
