"""The fixed benchmark corpus: the news articles of the geoparsing gold sets (about 1,000)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from gestae.records import Article


def default_corpus_paths() -> list[Path]:
    """The `geo/*.jsonl` files of the shared data folder (`$GESTAE_SHARED_DATA`), or [] when absent."""
    from gestae.evaluation.data import shared_data_dir

    folder = shared_data_dir() / "geo"
    return sorted(folder.glob("*.jsonl")) if folder.is_dir() else []


def load_corpus(paths: Sequence[Path], limit: int | None = None) -> list[Article]:
    """The articles of `paths` (their `text` field), in order; unreadable records are left out."""
    from gestae.ingest import read_inputs

    articles = [item for item in read_inputs([str(path) for path in paths]) if isinstance(item, Article)]
    return articles[:limit] if limit is not None else articles
