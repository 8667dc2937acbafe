"""What goes wrong in a worker, carried back to the process that reads the results."""

from __future__ import annotations

import traceback
from dataclasses import dataclass


class WorkerError(RuntimeError):
    """Coding failed inside a worker (an exception on one article, or a worker that died)."""


@dataclass(frozen=True)
class WorkerFailure:
    """A picklable account of an exception in a worker: which article, what, and the traceback."""

    kind: str
    message: str
    article_id: str | None = None
    details: str = ""

    @classmethod
    def of(cls, error: BaseException, article_id: str | None = None) -> WorkerFailure:
        return cls(type(error).__name__, str(error), article_id, traceback.format_exc())

    def raise_here(self) -> None:
        """Raise this failure in the reading process, as ModelNotInstalled where that is what it was."""
        if self.kind == "ModelNotInstalled":
            from gestae.nlp.model import ModelNotInstalled

            raise ModelNotInstalled(self.message)
        where = f" on article {self.article_id!r}" if self.article_id else ""
        raise WorkerError(f"{self.kind}{where}: {self.message}\n--- in the worker:\n{self.details}")
