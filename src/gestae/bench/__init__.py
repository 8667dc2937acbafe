"""`gestae bench`: throughput against raw spaCy, peak memory and cold start, on a fixed corpus."""

from gestae.bench.corpus import default_corpus_paths, load_corpus
from gestae.bench.report import GOALS, BenchReport, Goal
from gestae.bench.run import run_bench

__all__ = ["GOALS", "BenchReport", "Goal", "default_corpus_paths", "load_corpus", "run_bench"]
