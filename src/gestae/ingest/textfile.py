"""Plain-text articles: one file, one article, with an optional `date YYYY-MM-DD` header."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from gestae.ingest.chunks import Oversized, looks_binary, read_bounded
from gestae.ingest.dates import DateError, parse_article_date
from gestae.ingest.fields import clean_text
from gestae.ingest.source import Source
from gestae.records import Article, InputProblem

# "date 2019-03-13 Russian warplanes ..." — the word `date` (any case, optionally with a colon)
# then something shaped like an ISO date. A file that opens with prose such as "Date palms ..."
# does not match and is read as text with an unknown date.
_HEADER = re.compile(r"\s*date:?[ \t]+(?P<value>\d{4}-\S*)", re.IGNORECASE)


def read_text_file(chunks: Iterable[bytes], source: Source, limit: int) -> Iterator[Article | InputProblem]:
    """The one article in a text file or stream, or the problem that kept it out."""
    data = read_bounded(chunks, limit)
    if isinstance(data, Oversized):
        yield source.problem(data.describe("file"))
        return
    if looks_binary(data):
        yield source.problem("binary file (contains NUL bytes), not UTF-8 text")
        return
    text = source.decode(data)
    yield text if isinstance(text, InputProblem) else text_article(text, source)


def text_article(text: str, source: Source) -> Article | InputProblem:
    """An Article from the full text of a file, reading and removing the date header if there is one."""
    text = text.replace("\r\n", "\n")
    if not text.strip():
        return source.problem("empty file: no article text")
    header = _HEADER.match(text)
    date = None
    if header is not None:
        line = text.count("\n", 0, header.start("value")) + 1
        try:
            date = parse_article_date(header["value"])
        except DateError as error:
            return source.problem(f"date header: {error}", line)
        text = text[header.end() :]
    body = clean_text(text)
    if not body:
        return source.problem("date header but no article text after it")
    return Article(id=source.stem, text=body, date=date, origin=source.origin)
