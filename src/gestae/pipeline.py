"""The whole path on one article: text -> spaCy Doc -> candidate events -> grounded, deduplicated events."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from gestae.records import Article, ArticleResult


class Pipeline:
    """Codes articles into events. Load once (spaCy model, gazetteer, actor KB), then call many times."""

    def process(self, article: Article) -> ArticleResult:
        raise NotImplementedError

    def pipe(self, articles: Iterable[Article], batch_size: int = 32) -> Iterator[ArticleResult]:
        raise NotImplementedError
