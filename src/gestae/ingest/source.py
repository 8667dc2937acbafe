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
