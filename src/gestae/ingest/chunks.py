"""Reading bytes in bounded pieces, so that one huge line or file never has to fit in memory."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO, TextIO

CHUNK_BYTES = 1 << 20
UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Oversized:
    """Stands in for a line or file that was longer than the limit and was skipped unread.

    `size` is None when reading stopped as soon as the limit was passed.
    """

    size: int | None
    limit: int

    def describe(self, what: str) -> str:
        size = f"is {self.size:,} bytes, " if self.size is not None else "is "
        return f"{what} {size}over the {self.limit:,}-byte limit; skipped"


def file_chunks(stream: BinaryIO, size: int = CHUNK_BYTES) -> Iterator[bytes]:
    """The bytes of a binary stream, at most `size` at a time.

    `read1` hands over what a pipe has already delivered instead of waiting for a full chunk,
    so articles piped in one by one are read as they arrive.
    """
    read = getattr(stream, "read1", stream.read)
    while chunk := read(size):
        yield chunk


def text_chunks(stream: TextIO, size: int = CHUNK_BYTES) -> Iterator[bytes]:
    """A text stream (standard input) re-encoded as UTF-8, so every reader works on bytes.

    `surrogateescape` turns bytes that the stream could not decode back into the same bytes,
    so they are reported as invalid UTF-8 by the reader instead of failing here.
    """
    while chunk := stream.read(size):
        yield chunk.encode("utf-8", "surrogateescape")


def peek(chunks: Iterable[bytes]) -> tuple[bytes, Iterator[bytes]]:
    """The first non-blank byte (b"" at end of input) and the chunks, with nothing consumed."""
    iterator = iter(chunks)
    seen: list[bytes] = []
    for chunk in iterator:
        seen.append(chunk)
        stripped = chunk.lstrip()
        if len(seen) == 1:
            stripped = stripped.removeprefix(UTF8_BOM).lstrip()
        if stripped:
            return stripped[:1], itertools.chain(seen, iterator)
    return b"", iter(seen)


def looks_binary(head: bytes) -> bool:
    """NUL bytes do not occur in real text; they mark images, archives, UTF-16 and the like."""
    return b"\x00" in head


def read_bounded(chunks: Iterable[bytes], limit: int) -> bytes | Oversized:
    """All the bytes, or Oversized as soon as they pass `limit` (the rest is not read)."""
    kept: list[bytes] = []
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > limit:
            return Oversized(None, limit)
        kept.append(chunk)
    return b"".join(kept)


def split_lines(chunks: Iterable[bytes], limit: int) -> Iterator[tuple[int, bytes | Oversized]]:
    """(line number, line without its "\\n") for each line; a line over `limit` bytes is Oversized.

    Memory stays below `limit` plus one chunk however long a line is: once a line passes the
    limit its bytes are counted and dropped until the next newline.
    """
    line_no = 1
    parts: list[bytes] = []
    held = 0
    skipped = 0  # bytes of the current line when it is over the limit, else 0
    for chunk in chunks:
        start = 0
        while True:
            newline = chunk.find(b"\n", start)
            end = len(chunk) if newline == -1 else newline
            length = end - start
            if skipped:
                skipped += length
            elif held + length > limit:
                skipped = held + length
                parts.clear()
                held = 0
            elif length:
                parts.append(chunk[start:end])
                held += length
            if newline == -1:
                break
            yield line_no, Oversized(skipped, limit) if skipped else b"".join(parts)
            line_no += 1
            parts.clear()
            held = 0
            skipped = 0
            start = newline + 1
    if skipped or held:
        yield line_no, Oversized(skipped, limit) if skipped else b"".join(parts)


def decode_line(raw: bytes, line_no: int) -> str:
    """A line as text; the first line may carry a byte-order mark. Raises UnicodeDecodeError."""
    if line_no == 1:
        raw = raw.removeprefix(UTF8_BOM)
    return raw.decode("utf-8")


def describe_decode_error(error: UnicodeDecodeError, data: bytes, first_line: int = 1) -> tuple[int, str]:
    """(line, message) for bytes that are not UTF-8, pointing at the line of the first bad byte."""
    line = first_line + data.count(b"\n", 0, error.start)
    bad = data[error.start : error.start + 1].hex()
    return line, f"not UTF-8 text (byte 0x{bad} cannot be decoded); convert the file to UTF-8"
