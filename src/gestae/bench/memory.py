"""Peak resident memory of a process and its children, sampled in a background thread."""

from __future__ import annotations

import os
import threading
from types import TracebackType


class PeakMemory:
    """Samples the summed RSS of this process (or `pid`) and all its descendants every `interval` s.

    RSS counts pages shared between processes once per process, so the sum is an upper bound:
    the figure a cluster scheduler or the OOM killer is most likely to hold against you.
    """

    def __init__(self, pid: int | None = None, interval: float = 0.05) -> None:
        import psutil

        self._root = psutil.Process(pid or os.getpid())
        self.interval = interval
        self.peak_bytes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="gestae-peak-memory", daemon=True)

    def sample(self) -> int:
        import psutil

        total = 0
        for process in (self._root, *self._root.children(recursive=True)):
            try:
                total += process.memory_info().rss
            except psutil.Error:  # it ended between listing and reading
                continue
        self.peak_bytes = max(self.peak_bytes, total)
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()
