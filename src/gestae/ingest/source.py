"""Where input came from: the name used in problems, in Article.origin and for generated ids."""

from __future__ import annotations

from dataclasses import dataclass

from gestae.records import InputProblem


@dataclass(frozen=True)
class Source:
    """One file or stream being read.

    `origin` is the path as the user gave it (joined with the path inside a directory they gave),
    or "<stdin>"; `stem` is the file name without its extension, the base of article ids.
    """

    origin: str
    stem: str

    def at(self, line: int) -> str:
        """The origin of an article that starts on `line` of a multi-article file."""
        return f"{self.origin}:{line}"

    def problem(self, message: str, line: int | None = None) -> InputProblem:
        return InputProblem(origin=self.origin, line=line, message=message)

    def decode(self, data: bytes) -> str | InputProblem:
        """A whole document as text (UTF-8, with or without a byte-order mark), or the problem naming the bad line."""
        from gestae.ingest.chunks import describe_decode_error

        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line, message = describe_decode_error(error, data)
            return self.problem(message, line)
