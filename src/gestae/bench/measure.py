"""The measurements of `gestae bench`: each returns plain figures, nothing is printed here."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from gestae.bench.memory import PeakMemory
from gestae.config import PipelineConfig
from gestae.records import Article

# The one-article input of the cold-start measurement, written for it.
COLD_START_ARTICLE = ("date 2024-05-06\n"
                      "Soldiers clashed with armed men near the border town of Kasindi on Sunday, "
                      "the army said, and two soldiers were wounded.\n")


@dataclass(frozen=True)
class Throughput:
    """Articles coded (or parsed) in `seconds` of wall time, after `startup_seconds` of loading."""

    articles: int
    seconds: float
    cpu_seconds: float
    startup_seconds: float = 0.0

    @property
    def per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def cpu_ms_per_article(self) -> float:
        return 1000 * self.cpu_seconds / self.articles if self.articles else 0.0


@dataclass(frozen=True)
class GestaeRun:
    throughput: Throughput
    peak_rss_bytes: int
    events: int
    failed: int


def _cpu_now(pids: Sequence[int] = ()) -> float:
    """CPU seconds of this process, its finished children, and the live processes `pids`."""
    import psutil

    own = os.times()
    total = own.user + own.system + own.children_user + own.children_system
    for pid in pids:
        try:
            times = psutil.Process(pid).cpu_times()
            total += times.user + times.system
        except psutil.Error:
            continue
    return total


def gestae_throughput(articles: Sequence[Article], config: PipelineConfig, workers: int) -> GestaeRun:
    """Code `articles` with `workers` processes (1: in this process), timing a warm engine.

    An article whose coding raises is counted in `failed` and the run goes on.
    """
    from gestae.parallel import InProcessEngine, ProcessPoolEngine
    from gestae.parallel.worker import FAILED_NOTE

    engine = (ProcessPoolEngine(config, workers, keep_going=True) if workers > 1
              else InProcessEngine(config, keep_going=True))
    with PeakMemory() as memory, engine:
        started = time.perf_counter()
        engine.start()
        if workers == 1:  # the pool warms its workers up; do the same here
            from gestae.parallel.worker import WARM_UP

            engine.pipeline.process(WARM_UP)
        ready = time.perf_counter()
        cpu_before = _cpu_now(engine.worker_pids)
        events = failed = 0
        for result in engine.map(articles):
            events += len(result.events)
            failed += any(note.startswith(FAILED_NOTE) for note in result.notes)
        finished = time.perf_counter()
        cpu = _cpu_now(engine.worker_pids) - cpu_before
    return GestaeRun(Throughput(len(articles), finished - ready, cpu, ready - started), memory.peak_bytes,
                     events, failed)


def spacy_throughput(texts: Sequence[str], model: str, workers: int, batch_size: int = 32) -> Throughput:
    """The same texts through the bare spaCy model (`nlp.pipe`, all its components: parse, NER...)."""
    from gestae.nlp.model import load_nlp

    started = time.perf_counter()
    nlp = load_nlp(model)  # no entity ruler: the model as spaCy ships it
    nlp(texts[0] if texts else "")
    ready = time.perf_counter()
    cpu_before = _cpu_now()
    entities = 0
    for doc in nlp.pipe(texts, batch_size=batch_size, n_process=workers):
        entities += len(doc.ents)  # touch the result, as a user of the parse would
    finished = time.perf_counter()
    return Throughput(len(texts), finished - ready, _cpu_now() - cpu_before, ready - started)


def gestae_command() -> list[str]:
    """How to run the `gestae` command with this interpreter."""
    script = Path(sys.executable).with_name("gestae")
    if script.exists():
        return [str(script)]
    found = shutil.which("gestae")
    return [found] if found else [sys.executable, "-c", "from gestae.cli.main import main; main()"]


def cold_start(model: str, runs: int = 3, timeout: float = 120.0) -> list[float]:
    """Seconds from starting `gestae code` on one short article in a fresh process to its first event."""
    timings = []
    with tempfile.TemporaryDirectory(prefix="gestae-bench-") as folder:
        article = Path(folder) / "one.txt"
        article.write_text(COLD_START_ARTICLE, encoding="utf-8")
        for _ in range(runs):
            started = time.perf_counter()
            process = subprocess.Popen([*gestae_command(), "code", str(article), "--model", model],
                                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            watchdog = threading.Timer(timeout, process.kill)  # a hung run must not hang the bench
            watchdog.start()
            try:
                first = process.stdout.readline()
                elapsed = time.perf_counter() - started
                process.stdout.read()
                process.wait()
            finally:
                watchdog.cancel()
            if not first:
                raise RuntimeError(f"`gestae code` wrote no event for the cold-start article "
                                   f"(exit {process.returncode}{', killed after %g s' % timeout if elapsed >= timeout else ''})")
            timings.append(elapsed)
    return timings
