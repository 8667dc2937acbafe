"""Worker processes on this machine, each with its own pipeline, fed chunks through bounded queues."""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import signal
import sys
import threading
from collections.abc import Iterable, Iterator
from multiprocessing.process import BaseProcess
from types import TracebackType

from gestae.config import PipelineConfig
from gestae.parallel.batching import chunked
from gestae.parallel.errors import WorkerError, WorkerFailure
from gestae.records import Article, ArticleResult

WORKER_MODULE = "gestae.parallel.worker"
# Imported once by the fork server, so that forked workers start with them loaded.
PRELOAD = (WORKER_MODULE, "gestae.pipeline", "gestae.coder")
# How long to wait for a worker's message before checking that the workers are still alive.
POLL_SECONDS = 0.5
STOP_SECONDS = 5.0


def default_start_method() -> str:
    """'forkserver' where the platform has it (Linux, macOS), else 'spawn'.

    Plain 'fork' is avoided: forking a process that has loaded spaCy (and whose threads may hold
    locks) is not safe. The fork server imports the coding modules once, before any thread
    exists, and forks each worker from that clean state, which saves every worker the imports.
    """
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


class ProcessPoolEngine:
    """Codes articles in `workers` processes and yields the results in input order.

    An article whose coding raises stops the run with a WorkerError naming it; with `keep_going`
    it becomes a result with no events and a note instead. At most `max_pending` chunks of `chunk_size` articles are out at once (queued, being coded, or
    waiting to be yielded in order), so memory does not grow with the input.
    """

    name = "processes"

    def __init__(self, config: PipelineConfig, workers: int, *, chunk_size: int = 16,
                 max_pending: int | None = None, start_method: str | None = None,
                 keep_going: bool = False) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, got {workers}")
        self.config = config
        self.workers = workers
        self.chunk_size = chunk_size
        self.max_pending = max_pending or 2 * workers
        self.start_method = start_method or default_start_method()
        self.keep_going = keep_going
        self._processes: list[BaseProcess] = []
        self._tasks: multiprocessing.Queue | None = None
        self._results: multiprocessing.Queue | None = None
        self._next_seq = 0

    @property
    def worker_pids(self) -> list[int]:
        return [process.pid for process in self._processes if process.pid is not None]

    # -- life cycle ---------------------------------------------------------------------------
    def start(self) -> None:
        """Start the workers and wait until each has loaded its pipeline (raises if one cannot)."""
        if self._processes:
            return
        self._prepare_shared_resources()
        context = multiprocessing.get_context(self.start_method)
        if self.start_method == "forkserver":
            context.set_forkserver_preload(list(PRELOAD))
        from gestae.parallel.worker import serve

        self._tasks = context.Queue()
        self._results = context.Queue()
        with _sigint_ignored():  # children inherit the ignored Ctrl-C from their first instruction
            for number in range(self.workers):
                process = context.Process(target=serve, args=(self.config, self._tasks, self._results, self.keep_going),
                                          name=f"gestae-worker-{number}", daemon=True)
                process.start()
                self._processes.append(process)
        try:
            for _ in range(self.workers):
                message = self._receive()
                if message[0] == "failed":
                    message[1].raise_here()
        except BaseException:
            self.close(abort=True)
            raise

    def _prepare_shared_resources(self) -> None:
        # Build the gazetteer index here, once, rather than in every worker at the same time.
        from gestae.ground.places import Gazetteer

        Gazetteer(self.config.cache_dir).close()

    def close(self, *, abort: bool = False) -> None:
        """Stop the workers: let them finish their last chunk, or (abort) terminate them now."""
        if not self._processes:
            return
        if not abort:
            for _ in self._processes:
                self._tasks.put(None)
            deadline = STOP_SECONDS
            for process in self._processes:
                process.join(deadline)
        for process in self._processes:
            if process.is_alive():
                process.terminate()
        for process in self._processes:
            process.join(STOP_SECONDS)
            if process.is_alive():
                process.kill()
                process.join()
        for channel in (self._tasks, self._results):
            channel.cancel_join_thread()  # never block exit on chunks nobody will read
            channel.close()
        self._processes, self._tasks, self._results = [], None, None

    def __enter__(self) -> ProcessPoolEngine:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close(abort=error is not None)

    # -- coding -------------------------------------------------------------------------------
    def map(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        """Results in input order; reads the input only as fast as the workers code it."""
        self.start()
        first = self._next_seq  # results of an earlier, abandoned map carry smaller numbers
        ready: dict[int, list[ArticleResult]] = {}
        done = first
        for chunk in chunked(articles, self.chunk_size):
            self._tasks.put((self._next_seq, chunk))
            self._next_seq += 1
            while self._next_seq - done >= self.max_pending:
                yield from self._take(done, first, ready)
                done += 1
        while done < self._next_seq:
            yield from self._take(done, first, ready)
            done += 1

    def _take(self, seq: int, first: int, ready: dict[int, list[ArticleResult]]) -> list[ArticleResult]:
        while seq not in ready:
            message = self._receive()
            if isinstance(message[0], int) and message[0] >= first:
                ready[message[0]] = message[1]
        outcome = ready.pop(seq)
        if isinstance(outcome, WorkerFailure):
            outcome.raise_here()
        return outcome

    def _receive(self) -> tuple:
        while True:
            try:
                return self._results.get(timeout=POLL_SECONDS)
            except queue.Empty:
                self._check_alive()

    def _check_alive(self) -> None:
        for process in self._processes:
            if process.exitcode is not None:
                hint = " (killed: out of memory?)" if process.exitcode == -signal.SIGKILL else ""
                raise WorkerError(f"{process.name} (pid {process.pid}) stopped with exit code "
                                  f"{process.exitcode}{hint}")


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread() or sys.platform == "win32":
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
