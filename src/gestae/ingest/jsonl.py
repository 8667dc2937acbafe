"""JSON input: JSON Lines (one article object a line), a JSON array of articles, or one object."""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterable, Iterator

from gestae.ingest.chunks import CHUNK_BYTES, Oversized, decode_line, describe_decode_error, peek, split_lines
from gestae.ingest.fields import RecordError, article_from_fields, json_type_name
from gestae.ingest.source import Source
from gestae.records import Article, InputProblem

_NON_BLANK = re.compile(r"\S")


def read_json_lines(chunks: Iterable[bytes], source: Source, limit: int) -> Iterator[Article | InputProblem]:
    """One article per non-blank line; each bad line is reported and reading goes on."""
    for line_no, raw in split_lines(chunks, limit):
        if isinstance(raw, Oversized):
            yield source.problem(raw.describe("line"), line_no)
            continue
        try:
            line = decode_line(raw, line_no)
        except UnicodeDecodeError as error:
            yield source.problem(describe_decode_error(error, raw, line_no)[1], line_no)
            continue
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            yield source.problem(f"invalid JSON: {error.msg} (column {error.colno})", line_no)
            continue
        yield article_from_json(value, source, line=line_no, default_id=f"{source.stem}-{line_no}")


def read_json_document(chunks: Iterable[bytes], source: Source, limit: int) -> Iterator[Article | InputProblem]:
    """A `.json` file (or JSON on standard input): an array of articles, JSON Lines, or one object.

    An array is read element by element, so it may be much larger than `limit`; each element
    must fit. Anything else is tried as a single object first (so pretty-printed JSON works),
    then as JSON Lines.
    """
    first, chunks = peek(chunks)
    if first == b"[":
        yield from _read_array(chunks, source, limit)
        return
    kept: list[bytes] = []
    size = 0
    for chunk in chunks:
        kept.append(chunk)
        size += len(chunk)
        if size > limit:
            # Too big to be one article: only JSON Lines can hold it.
            yield from read_json_lines(_chain(kept, chunks), source, limit)
            return
    yield from _read_small_document(b"".join(kept), source, limit)


def article_from_json(value: object, source: Source, *, line: int, default_id: str) -> Article | InputProblem:
    if not isinstance(value, dict):
        return source.problem(f"expected a JSON object with a 'text' field, found {json_type_name(value)}", line)
    try:
        return article_from_fields(value, default_id=default_id, origin=source.at(line))
    except RecordError as error:
        return source.problem(str(error), line)


def _read_small_document(data: bytes, source: Source, limit: int) -> Iterator[Article | InputProblem]:
    text = source.decode(data)
    if isinstance(text, InputProblem):
        yield text
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        # JSON Lines fail as a whole document ("Extra data") but have lines that are objects on
        # their own; a broken pretty-printed object has none, and is reported once, not per line.
        if any(_is_object_line(line) for line in text.splitlines()):
            yield from read_json_lines([data], source, limit)
        else:
            yield source.problem(f"invalid JSON: {error.msg} (column {error.colno})", error.lineno)
        return
    yield article_from_json(value, source, line=1, default_id=source.stem)


def _is_object_line(line: str) -> bool:
    if not line.lstrip().startswith("{"):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except json.JSONDecodeError:
        return False


class _ArrayError(Exception):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class _ArrayScanner:
    """Walks a JSON array one element at a time, holding one element (and a chunk) in memory.

    The standard library has no streaming JSON parser, but `raw_decode` parses one value from
    a position in a string; the scanner feeds it a buffer that grows until the value is whole.
    """

    def __init__(self, chunks: Iterable[bytes], limit: int) -> None:
        self._chunks = iter(chunks)
        self._text = codecs.getincrementaldecoder("utf-8-sig")()
        self._json = json.JSONDecoder()
        self._limit = limit
        self._buffer = ""
        self._pos = 0
        self.line = 1  # line number at the scanner's position
        self._at_end = False

    def next_char(self) -> str:
        """The next non-blank character, consuming the blanks before it; "" at end of input."""
        while True:
            match = _NON_BLANK.search(self._buffer, self._pos)
            if match is not None:
                self._advance(match.start())
                return self._buffer[self._pos]
            self._advance(len(self._buffer))
            if not self._fill():
                return ""

    def step(self) -> None:
        """Consume the character returned by next_char."""
        self._advance(self._pos + 1)

    def value(self) -> tuple[object, int]:
        """The JSON value at the scanner's position and its size in bytes. Raises _ArrayError."""
        while True:
            try:
                value, end = self._json.raw_decode(self._buffer, self._pos)
            except json.JSONDecodeError as error:
                pending = len(self._buffer) - self._pos
                if self._at_end:
                    line = self.line + self._buffer.count("\n", self._pos, error.pos)
                    raise _ArrayError(f"invalid JSON: {error.msg}", line) from None
                if pending > self._limit:
                    raise _ArrayError(
                        f"array element is over the {self._limit:,}-byte limit", self.line
                    ) from None
                # Read until the pending text doubles, so re-parsing from the start of the
                # element costs at most a constant factor over reading it once, but hold no
                # more than the limit (and a chunk) in memory.
                target = min(max(2 * pending, CHUNK_BYTES), self._limit + 1)
                while len(self._buffer) - self._pos < target and self._fill():
                    pass
            else:
                size = len(self._buffer[self._pos : end].encode("utf-8", "surrogatepass"))
                self._advance(end)
                return value, size

    def _advance(self, to: int) -> None:
        self.line += self._buffer.count("\n", self._pos, to)
        self._pos = to

    def _fill(self) -> bool:
        """Append the next chunk to the buffer, dropping what was consumed; False at end of input."""
        if self._at_end:
            return False
        self._buffer = self._buffer[self._pos :]
        self._pos = 0
        chunk = next(self._chunks, None)
        if chunk is None:
            self._at_end = True
            self._buffer += self._text.decode(b"", final=True)
        else:
            self._buffer += self._text.decode(chunk)
        return True


def _read_array(chunks: Iterable[bytes], source: Source, limit: int) -> Iterator[Article | InputProblem]:
    scanner = _ArrayScanner(chunks, limit)
    try:
        scanner.next_char()
        scanner.step()  # the "[" seen by peek
        if scanner.next_char() == "]":
            yield source.problem("empty JSON array: no articles", scanner.line)
            return
        index = 0
        while True:
            scanner.next_char()
            line = scanner.line
            value, size = scanner.value()
            index += 1
            if size > limit:
                yield source.problem(Oversized(size, limit).describe("array element"), line)
            else:
                yield article_from_json(value, source, line=line, default_id=f"{source.stem}-{index}")
            separator = scanner.next_char()
            scanner.step()
            if separator == "]":
                break
            if separator != ",":
                raise _ArrayError("expected ',' or ']' after an array element", scanner.line)
        if scanner.next_char():
            raise _ArrayError("unexpected data after the JSON array", scanner.line)
    except _ArrayError as error:
        yield source.problem(f"{error.message}; rest of file skipped", error.line)
    except UnicodeDecodeError:
        yield source.problem("not UTF-8 text; rest of file skipped (convert the file to UTF-8)", scanner.line)


def _chain(head: list[bytes], rest: Iterator[bytes]) -> Iterator[bytes]:
    yield from head
    yield from rest

