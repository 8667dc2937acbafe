"""What endpoints share: the server's state, and event filters read from the query string."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Depends, HTTPException, Query, Request, Security
from fastapi.security import HTTPAuthorizationCredentials

from gestae.api.jobs import CodingService, IngestJobs
from gestae.api.security import BEARER, TokenCheck
from gestae.records import PLOVER_TYPES
from gestae.store import EventFilter, Store

# 422 by number: Starlette renamed the constant (UNPROCESSABLE_ENTITY -> _CONTENT) between versions.
INVALID = 422

ModalityChoice = Literal["asserted", "negated", "hypothetical", "planned", "any"]


@dataclass(frozen=True)
class ApiSettings:
    """How a server runs. `token` guards writes always and reads when `protected_reads` is set."""

    database: str
    token: str
    protected_reads: bool = False
    max_body_bytes: int = 5 * 1024 * 1024
    max_page: int = 1_000
    max_map_points: int = 20_000
    warm_up: bool = False  # load the coding pipeline at start instead of on the first /code or /ingest


@dataclass
class ServerState:
    settings: ApiSettings
    store: Store
    coder: CodingService
    jobs: IngestJobs
    read_check: TokenCheck
    write_check: TokenCheck


def server(request: Request) -> ServerState:
    return request.app.state.gestae


Server = Annotated[ServerState, Depends(server)]


Credentials = Annotated[HTTPAuthorizationCredentials | None, Security(BEARER)]


def require_read(request: Request, credentials: Credentials) -> None:
    """Open unless the server protects reads."""
    request.app.state.gestae.read_check.check(credentials)


def require_write(request: Request, credentials: Credentials) -> None:
    request.app.state.gestae.write_check.check(credentials)


def _codes(values: list[str], name: str, length: int | None = None) -> tuple[str, ...]:
    cleaned = []
    for value in values:
        for part in value.split(","):
            part = part.strip()
            if not part:
                continue
            if length is not None and (len(part) != length or not part.isalpha()):
                raise HTTPException(INVALID,
                                    f"{name} wants ISO alpha-{length} codes like 'SDN', got {part!r}")
            cleaned.append(part.upper() if length else part)
    return tuple(cleaned)


def _bbox(text: str | None) -> tuple[float, float, float, float] | None:
    if not text:
        return None
    try:
        min_lon, min_lat, max_lon, max_lat = (float(part) for part in text.split(","))
    except ValueError:
        raise HTTPException(INVALID,
                            f"bbox wants four numbers minlon,minlat,maxlon,maxlat, got {text!r}") from None
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise HTTPException(INVALID,
                            f"bbox {text!r}: minimum larger than maximum, or outside -180..180 / -90..90")
    return min_lon, min_lat, max_lon, max_lat


Since = Annotated[dt.date | None, Query(description="Only events on or after this day (YYYY-MM-DD).")]
Until = Annotated[dt.date | None, Query(description="Only events on or before this day.")]
Types = Annotated[list[str], Query(alias="type", description="PLOVER event type; repeat or comma-separate.")]
Cameo = Annotated[list[str], Query(description="CAMEO code or prefix: 19 selects 190-196.")]
Acled = Annotated[list[str], Query(description="ACLED event or sub-event type.")]
ActorText = Annotated[str | None, Query(max_length=200, description="Substring of the actor's or recipient's name.")]
ActorCountry = Annotated[list[str], Query(description="ISO alpha-3 of the actor or recipient.")]
Sector = Annotated[list[str], Query(description="PLOVER sector of the actor or recipient (GOV, MIL, REB...).")]
Country = Annotated[list[str], Query(description="ISO alpha-3 of where the event happened.")]
Admin1 = Annotated[str | None, Query(max_length=200, description="First-level division: name or ISO 3166-2 code.")]
Bbox = Annotated[str | None, Query(description="minlon,minlat,maxlon,maxlat")]
ModalityParam = Annotated[ModalityChoice, Query(description="Only events with this modality; 'any' for all.")]
MinSources = Annotated[int, Query(ge=0, le=10_000, description="Only real events told by at least this many outlets.")]
FullText = Annotated[str | None, Query(max_length=500, description="Full-text search in the reporting sentences.")]


def event_filter(
    since: Since = None,
    until: Until = None,
    type_: Types = [],  # noqa: B006 - FastAPI copies list defaults per request
    cameo: Cameo = [],  # noqa: B006
    acled: Acled = [],  # noqa: B006
    actor: ActorText = None,
    actor_country: ActorCountry = [],  # noqa: B006
    sector: Sector = [],  # noqa: B006
    country: Country = [],  # noqa: B006
    admin1: Admin1 = None,
    bbox: Bbox = None,
    modality: ModalityParam = "asserted",
    min_sources: MinSources = 0,
    text: FullText = None,
) -> EventFilter:
    """The filters of `gestae query`, from the query string."""
    types = _codes(type_, "type")
    unknown = [t for t in types if t.upper() not in PLOVER_TYPES]
    if unknown:
        raise HTTPException(INVALID,
                            f"unknown event type {unknown[0]!r}; PLOVER types are {', '.join(PLOVER_TYPES)}")
    if since and until and since > until:
        raise HTTPException(INVALID, f"since {since} is after until {until}")
    return EventFilter(
        since=since, until=until, types=tuple(t.upper() for t in types), cameo=_codes(cameo, "cameo"),
        acled=_codes(acled, "acled"), actor=actor or None, actor_country=_codes(actor_country, "actor_country", 3),
        sector=_codes(sector, "sector"), country=_codes(country, "country", 3), admin1=admin1 or None,
        bbox=_bbox(bbox), modality=None if modality == "any" else modality, min_sources=min_sources,
        text=text or None,
    )


Filter = Annotated[EventFilter, Depends(event_filter)]
