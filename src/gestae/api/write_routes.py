"""Endpoints that code articles: `POST /ingest` (stored, in the background), `POST /code` (now, not stored)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request, status

from gestae.api.deps import Server, require_read, require_write
from gestae.api.jobs import to_article
from gestae.api.models import CodedEvent, CodeRequest, CodeResponse, ErrorBody, IngestRequest, JobAccepted, JobStatus
from gestae.api.spans import event_spans

ERRORS = {401: {"model": ErrorBody}, 403: {"model": ErrorBody}, 413: {"model": ErrorBody},
          422: {"model": ErrorBody}}

router = APIRouter(responses=ERRORS)


@router.post("/ingest", response_model=JobAccepted, status_code=status.HTTP_202_ACCEPTED, tags=["coding"],
             dependencies=[Depends(require_write)])
def ingest(state: Server, body: IngestRequest, request: Request) -> JobAccepted:
    """Code and store articles in the background; poll `GET /jobs/{job_id}` for progress.

    Articles already stored (same outlet, date and text) are skipped without being coded again.
    Needs the API token.
    """
    job = state.jobs.submit(body.articles)
    return JobAccepted(job_id=job.id, status_url=str(request.url_for("job_status", job_id=job.id)),
                       articles=job.articles)


@router.get("/jobs/{job_id}", response_model=JobStatus, tags=["coding"], name="job_status",
            dependencies=[Depends(require_read)],
            responses={404: {"model": ErrorBody, "description": "Unknown job, or one forgotten since."}})
def job_status(state: Server, job_id: str) -> JobStatus:
    """Where an ingest job is: queued, running, done or failed, with counts so far."""
    found = state.jobs.get(job_id)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no job {job_id!r} (unknown, or finished long ago)")
    return found


@router.post("/code", response_model=CodeResponse, tags=["coding"], dependencies=[Depends(require_read)])
def code(state: Server, body: CodeRequest) -> CodeResponse:
    """Code one article now and return its events with their evidence spans. Nothing is stored.

    Open like the read endpoints (it changes nothing), so the dashboard's paste box works without a token.
    """
    article = to_article(body, "api:code")
    result = state.coder.code(article)
    return CodeResponse(article=result.article, notes=result.notes,
                        events=[CodedEvent(event=event, spans=event_spans(event, article.text))
                                for event in result.events])
