"""One `gestae bench` run: load the corpus, then measure cold start, gestae and raw spaCy."""

from __future__ import annotations

import os
import platform
from collections.abc import Callable, Sequence
from pathlib import Path

from gestae.bench.corpus import load_corpus
from gestae.bench.measure import cold_start, gestae_throughput, spacy_throughput
from gestae.bench.report import BenchReport
from gestae.config import PipelineConfig


def run_bench(paths: Sequence[Path], *, workers: int, model: str, limit: int | None = None,
              cold_start_runs: int = 3, say: Callable[[str], None] = lambda message: None) -> BenchReport:
    """Measure on the articles of `paths`. Cold start runs first, while this process is still small."""
    articles = load_corpus(paths, limit)
    if not articles:
        raise ValueError(f"no articles in {', '.join(map(str, paths))}")
    say(f"cold start: `gestae code` on one article, {cold_start_runs} fresh processes")
    starts = cold_start(model, cold_start_runs) if cold_start_runs else []
    say(f"gestae: {len(articles)} articles, {workers} worker(s)")
    run = gestae_throughput(articles, PipelineConfig(spacy_model=model), workers)
    say(f"raw spaCy: the same texts, nlp.pipe with n_process={workers}")
    raw = spacy_throughput([article.text for article in articles], model, workers)
    return BenchReport(
        corpus=[str(path) for path in paths], articles=len(articles),
        characters=sum(len(article.text) for article in articles), workers=workers, model=model,
        gestae=run.throughput, spacy=raw, events=run.events, failed=run.failed, peak_rss_bytes=run.peak_rss_bytes,
        cold_start_runs=starts,
        machine={"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                 "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None},
    )
