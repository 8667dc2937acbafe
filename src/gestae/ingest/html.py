"""Saved web pages: the article text without menus, footers and comments, via trafilatura."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from gestae.ingest.chunks import Oversized, looks_binary, read_bounded
from gestae.ingest.dates import DateError, parse_article_date
from gestae.ingest.fields import clean_text
from gestae.ingest.source import Source
from gestae.records import Article, InputProblem

# Take the date only from the page's own metadata (meta tags, JSON-LD, the URL). trafilatura's
# default "extensive" search also picks dates out of the body text, which would be guessing:
# an Article's date is the publication date or unknown.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def read_html_file(chunks: Iterable[bytes], source: Source, limit: int) -> Iterator[Article | InputProblem]:
    """The article in one HTML page, or the problem that kept it out."""
    data = read_bounded(chunks, limit)
    if isinstance(data, Oversized):
        yield source.problem(data.describe("file"))
        return
    if looks_binary(data):
        yield source.problem("binary file (contains NUL bytes), not an HTML page")
        return
    yield html_article(data, source)


def html_article(data: bytes, source: Source) -> Article | InputProblem:
    """An Article from the bytes of a page, with title and date when the page declares them.

    Pages saved in another encoding than UTF-8 are common, so the bytes go to trafilatura,
    which honours the page's declared charset, when they are not UTF-8.
    """
    import trafilatura  # imported here: it is slow to load and only HTML input needs it

    try:
        page: str | bytes = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        page = data
    document = trafilatura.bare_extraction(
        page, with_metadata=True, include_comments=False, date_extraction_params=_DATE_PARAMS
    )
    text = clean_text(document.text or "") if document is not None else ""
    if not text:
        return source.problem("no article text could be extracted from the HTML page")
    date = None
    if document.date:
        try:
            date = parse_article_date(document.date)
        except DateError:
            date = None  # a partial date such as "2019-03" in page metadata: unknown, not wrong input
    return Article(
        id=source.stem,
        text=text,
        date=date,
        title=(document.title or "").strip() or None,
        url=(document.url or "").strip() or None,
        source=(document.sitename or "").strip() or None,
        origin=source.origin,
    )
