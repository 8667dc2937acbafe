"""Shared fixtures: one loaded pipeline per test session, and the gold data folder (skipping when absent)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gestae.evaluation.data import missing_reason, shared_data_dir
from gestae.records import Article

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


@pytest.fixture(scope="session")
def pipeline():
    from gestae.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    root = shared_data_dir()
    reason = missing_reason(root / "README.md")
    if reason:
        pytest.skip(reason)
    return root


@pytest.fixture(scope="session")
def code_text(pipeline):
    """Code a text written in a test: code_text(text, date) -> ArticleResult."""

    def run(text: str, date: str | None = "2024-03-01", article_id: str = "test"):
        return pipeline.process(Article(id=article_id, text=text, date=dt.date.fromisoformat(date) if date else None))

    return run


@pytest.fixture(scope="session")
def code_example(pipeline):
    """Code one of the bundled example articles by file stem."""
    from gestae.ingest import read_inputs

    def run(stem: str):
        (article,) = list(read_inputs([str(EXAMPLES / f"{stem}.txt")]))
        return pipeline.process(article)

    return run
