"""Choosing a reader for each path, walking directories, and keeping article ids unique."""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from gestae.ingest.chunks import file_chunks, looks_binary, peek, text_chunks
from gestae.ingest.html import read_html_file
from gestae.ingest.jsonl import read_json_document, read_json_lines
from gestae.ingest.source import Source
from gestae.ingest.tabular import read_csv
from gestae.ingest.textfile import read_text_file
from gestae.records import Article, InputProblem

DEFAULT_MAX_RECORD_BYTES = 5_000_000
STDIN_PATH = "-"

Reader = Callable[[Iterable[bytes], Source, int], Iterator[Article | InputProblem]]

READERS: dict[str, Reader] = {
    ".txt": read_text_file,
    ".jsonl": read_json_lines,
    ".json": read_json_document,
    ".csv": read_csv,
    ".html": read_html_file,
    ".htm": read_html_file,
}


def read_inputs(
    paths: Sequence[str],
    *,
    stdin: TextIO | None = None,
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
) -> Iterator[Article | InputProblem]:
    """Articles from files, directories and standard input, in order, with a problem for each skip.

    See the package docstring (`gestae.ingest`) for the formats and the rules.
    """
    if max_record_bytes < 1:
        raise ValueError(f"max_record_bytes must be positive, got {max_record_bytes}")
    ids = _UniqueIds()
    for path in paths:
        for item in _read_path(path, stdin, max_record_bytes):
            if isinstance(item, Article):
                item, note = ids.settle(item)
                yield item
                if note is not None:
                    yield note
            else:
                yield item


def _read_path(path: str, stdin: TextIO | None, limit: int) -> Iterator[Article | InputProblem]:
    if path == STDIN_PATH:
        yield from _read_stdin(stdin if stdin is not None else sys.stdin, limit)
        return
    target = Path(path)
    try:
        is_directory = target.is_dir()
        if not is_directory:
            target.stat()
    except OSError as error:
        yield InputProblem(origin=path, message=_describe_os_error(error))
        return
    if is_directory:
        yield from _read_directory(path, limit)
    else:
        # A file named explicitly is read even without a known extension, as plain text.
        yield from _read_file(path, READERS.get(target.suffix.lower(), read_text_file), limit)


def _read_directory(root: str, limit: int) -> Iterator[Article | InputProblem]:
    found = False
    for item in _walk(root):
        if isinstance(item, InputProblem):
            yield item
            continue
        found = True
        yield from _read_file(item, READERS[Path(item).suffix.lower()], limit)
    if not found:
        kinds = ", ".join(READERS)
        yield InputProblem(origin=root, message=f"no input files ({kinds}) in this directory")


def _walk(directory: str) -> Iterator[str | InputProblem]:
    """Input files under `directory`, depth first, each folder's entries in name order.

    Hidden files and folders (".git", ".DS_Store") are passed over, and so are files of other
    kinds; links to folders are not followed, so a link cycle cannot make the walk endless.
    """
    try:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as error:
        yield InputProblem(origin=directory, message=_describe_os_error(error))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(entry.path)
            elif Path(entry.name).suffix.lower() in READERS and (entry.is_file() or entry.is_symlink()):
                # A dangling link is yielded too, so that opening it reports the problem.
                yield entry.path
        except OSError as error:
            yield InputProblem(origin=entry.path, message=_describe_os_error(error))


def _read_file(path: str, reader: Reader, limit: int) -> Iterator[Article | InputProblem]:
    source = Source(origin=path, stem=Path(path).stem)
    try:
        with open(path, "rb") as stream:
            yield from _read_stream(file_chunks(stream), source, reader, limit)
    except OSError as error:
        yield source.problem(_describe_os_error(error))


def _read_stdin(stream: TextIO, limit: int) -> Iterator[Article | InputProblem]:
    """Standard input: JSON if it starts with "{", else one text article."""
    source = Source(origin="<stdin>", stem="stdin")
    # Read the bytes under a text stream when there are some: the locale's encoding may not be UTF-8.
    raw = getattr(stream, "buffer", None)
    chunks = file_chunks(raw) if raw is not None else text_chunks(stream)
    try:
        first, chunks = peek(chunks)
        reader = read_json_document if first == b"{" else read_text_file
        yield from _read_stream(chunks, source, reader, limit)
    except (OSError, UnicodeDecodeError) as error:
        yield source.problem(f"cannot read standard input: {error}")


def _read_stream(
    chunks: Iterable[bytes], source: Source, reader: Reader, limit: int
) -> Iterator[Article | InputProblem]:
    """Checks shared by every format (empty, binary), then the format's own reader."""
    iterator = iter(chunks)
    head = next(iterator, b"")
    if looks_binary(head):
        yield source.problem("binary file (contains NUL bytes), not UTF-8 text")
        return
    first, rest = peek(itertools.chain([head], iterator))
    if not first:
        yield source.problem("empty file: no article text")
        return
    yield from reader(rest, source, limit)


class _UniqueIds:
    """Keeps article ids unique across one `read_inputs` call.

    A repeated id usually means a duplicated row or two files with the same name in different
    folders. Dropping either article could lose data, and keeping both under one id would make
    their events indistinguishable downstream, so the later one is renamed "<id>~2" ("~3", ...)
    and a note says so.
    """

    def __init__(self) -> None:
        self._first_origin: dict[str, str | None] = {}

    def settle(self, article: Article) -> tuple[Article, InputProblem | None]:
        if article.id not in self._first_origin:
            self._first_origin[article.id] = article.origin
            return article, None
        number = 2
        while f"{article.id}~{number}" in self._first_origin:
            number += 1
        new_id = f"{article.id}~{number}"
        self._first_origin[new_id] = article.origin
        origin, line = _split_origin(article.origin or "")
        note = InputProblem(
            origin=origin,
            line=line,
            message=(
                f"duplicate article id {article.id!r} (first read from {self._first_origin[article.id]}); "
                f"kept as {new_id!r}"
            ),
            skipped=False,
        )
        return article.model_copy(update={"id": new_id}), note


def _split_origin(origin: str) -> tuple[str, int | None]:
    """"news.jsonl:12" -> ("news.jsonl", 12); an origin without a line number is returned whole."""
    path, _, line = origin.rpartition(":")
    return (path, int(line)) if path and line.isdigit() else (origin, None)


def _describe_os_error(error: OSError) -> str:
    reason = error.strerror or str(error)
    return reason[:1].lower() + reason[1:]
