"""The gestae HTTP server: `create_app(settings)` builds the FastAPI application.

Reads are open unless `protected_reads`; writes need the token. Every error, including a malformed
request, is answered with JSON `{"detail": ...}` and a 4xx status; the dashboard is served at `/`,
its files under `/static/`, and the OpenAPI docs at `/docs` and `/redoc` from local files only.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException

from gestae import __version__
from gestae.api import read_routes, write_routes
from gestae.api.basemap import world_geojson
from gestae.api.deps import INVALID, ApiSettings, ServerState
from gestae.api.jobs import CodingService, IngestJobs
from gestae.api.limits import BodySizeLimit
from gestae.api.security import TokenCheck
from gestae.store import QueryError, Store, StoreError

log = logging.getLogger("gestae.api")

DESCRIPTION = """Events coded from news reports: who did what to whom, when and where, deduplicated into
real events with the sentences that tell them.

Reads are open unless the server runs with `--protected-reads`; `POST /ingest` always needs the
token printed by `gestae serve` (send `Authorization: Bearer <token>`). Errors are JSON
`{"detail": "..."}`. Filters are those of `gestae query`; see docs/api.md."""


def static_dir() -> Path:
    """The dashboard's files (HTML, CSS, JavaScript), shipped inside the package."""
    return Path(str(files("gestae.web") / "static"))


def create_app(settings: ApiSettings, *, store: Store | None = None, coder: CodingService | None = None) -> FastAPI:
    """The application for one database. Pass `store` or `coder` to share ones you already have."""
    store = store or Store.open(settings.database)
    coder = coder or CodingService()
    jobs = IngestJobs(store, coder)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if settings.warm_up:
            threading.Thread(target=coder.warm_up, name="gestae-warm-up", daemon=True).start()
        yield
        jobs.close()
        store.close()

    app = FastAPIOffline(
        title="gestae", version=__version__, description=DESCRIPTION, lifespan=lifespan,
        static_url="/docs-assets", docs_url="/docs", redoc_url="/redoc",
        # No validator badge: Swagger UI would fetch it from the internet.
        swagger_ui_parameters={"defaultModelsExpandDepth": 0, "validatorUrl": None},
    )
    app.state.gestae = ServerState(
        settings=settings, store=store, coder=coder, jobs=jobs,
        read_check=TokenCheck(settings.token, required=settings.protected_reads),
        write_check=TokenCheck(settings.token, required=True),
    )
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    _add_error_handlers(app)
    app.include_router(read_routes.router)
    app.include_router(write_routes.router)
    _add_dashboard(app)
    return app


def _add_dashboard(app: FastAPI) -> None:
    folder = static_dir()

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(folder / "index.html", media_type="text/html")

    @app.get("/basemap/world.geojson", tags=["server"], response_class=Response,
             responses={200: {"content": {"application/geo+json": {}}}})
    def basemap() -> Response:
        """Country outlines for the dashboard map (from the `countryinfo` package, simplified). Always open."""
        return Response(world_geojson(), media_type="application/geo+json",
                        headers={"Cache-Control": "public, max-age=86400"})

    app.mount("/static", StaticFiles(directory=folder), name="static")


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(_: Request, error: HTTPException) -> JSONResponse:
        return JSONResponse({"detail": str(error.detail)}, status_code=error.status_code,
                            headers=getattr(error, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, error: RequestValidationError) -> JSONResponse:
        problems = [{"loc": [str(part) for part in item.get("loc", ())], "msg": str(item.get("msg", "")),
                     "type": str(item.get("type", ""))} for item in error.errors()]
        first = problems[0] if problems else {"loc": [], "msg": "invalid request"}
        where = ".".join(first["loc"])
        return JSONResponse({"detail": f"{where}: {first['msg']}" if where else first["msg"], "errors": problems},
                            status_code=INVALID)

    @app.exception_handler(QueryError)
    async def bad_query(_: Request, error: QueryError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=400)

    @app.exception_handler(StoreError)
    async def database_unusable(_: Request, error: StoreError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=503)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> JSONResponse:
        # A bug, not a bad request: log it whole, answer in JSON without internals.
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse({"detail": f"internal error ({type(error).__name__}); see the server log"},
                            status_code=500)
