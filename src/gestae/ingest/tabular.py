"""CSV input: a header row naming the columns (`text` required), then one article a row."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from gestae.ingest.chunks import Oversized, decode_line, describe_decode_error, split_lines
from gestae.ingest.fields import ARTICLE_FIELDS, RecordError, article_from_fields
from gestae.ingest.source import Source
from gestae.records import Article, InputProblem


class _LineFeed:
    """Hands csv.reader one decoded line at a time and remembers what went wrong with a row.

    A line that is over the limit or not UTF-8 is fed as an empty line, so the reader stays in
    step, and the row it belongs to is reported instead of being parsed from damaged input.
    """

    def __init__(self, chunks: Iterable[bytes], limit: int) -> None:
        self._lines = split_lines(chunks, limit)
        self._limit = limit
        self.line_no = 0
        self.trouble: str | None = None
        self.row_bytes = 0

    def start_row(self) -> int:
        """Forget the last row's trouble; the number of the line the next row starts on."""
        self.trouble = None
        self.row_bytes = 0
        return self.line_no + 1

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        self.line_no, raw = next(self._lines)
        if isinstance(raw, Oversized):
            self.trouble = self.trouble or raw.describe(f"line {self.line_no}")
            return ""
        self.row_bytes += len(raw) + 1
        if self.row_bytes > self._limit:
            self.trouble = self.trouble or f"row is over the {self._limit:,}-byte limit; skipped"
        try:
            return decode_line(raw, self.line_no) + "\n"
        except UnicodeDecodeError as error:
            self.trouble = self.trouble or f"line {self.line_no}: " + describe_decode_error(error, raw)[1]
            return ""


@contextmanager
def _field_limit(limit: int) -> Iterator[None]:
    # csv keeps its field size limit (128 KB by default) process-wide; raise it only while this
    # reader is parsing a row and put it back before handing control to anyone else.
    previous = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def read_csv(chunks: Iterable[bytes], source: Source, limit: int) -> Iterator[Article | InputProblem]:
    """Articles from the rows of a CSV file with columns named as in ARTICLE_FIELDS."""
    feed = _LineFeed(chunks, limit)
    rows = csv.reader(feed)
    header: list[str] | None = None
    while True:
        line = feed.start_row()
        try:
            with _field_limit(limit):
                row = next(rows)
        except StopIteration:
            break
        except csv.Error as error:
            yield source.problem(f"malformed CSV row: {error}", line)
            continue
        if feed.trouble is not None:
            yield source.problem(feed.trouble, line)
            continue
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = [name.strip().lower() for name in row]
            if "text" not in header:
                known = ", ".join(ARTICLE_FIELDS)
                yield source.problem(f"CSV header has no 'text' column (columns: {known}); file skipped", line)
                return
            continue
        if len(row) > len(header):
            yield source.problem(f"row has {len(row)} fields but the header has {len(header)}", line)
            continue
        # The first column of a given name wins; short rows leave the missing columns empty.
        fields: dict[str, str] = {}
        for name, cell in zip(header, row):
            fields.setdefault(name, cell)
        try:
            yield article_from_fields(fields, default_id=f"{source.stem}-{line}", origin=source.at(line))
        except RecordError as error:
            yield source.problem(str(error), line)
    if header is None:
        yield source.problem("no CSV header row: the first row must name the columns")
