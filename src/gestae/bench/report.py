"""The figures of one `gestae bench` run, the goals they are held to, and how they are shown."""

from __future__ import annotations

import json
import statistics
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from gestae.bench.measure import Throughput

MB = 1024 * 1024


@dataclass(frozen=True)
class Goal:
    """A target for one figure: at least (`higher_is_better`) or at most `limit`."""

    figure: str
    limit: float
    higher_is_better: bool
    unit: str

    def met(self, value: float | None) -> bool | None:
        if value is None:
            return None
        return value >= self.limit if self.higher_is_better else value <= self.limit

    def describe(self) -> str:
        return f"{'>=' if self.higher_is_better else '<='} {self.limit:g} {self.unit}".strip()


# The goals for a 2-core laptop-sized machine (project issue 7).
GOALS = (
    Goal("throughput_ratio", 0.7, True, "x raw spaCy"),
    Goal("articles_per_second", 25, True, "articles/s"),
    Goal("peak_memory_mb", 1536, False, "MB"),
    Goal("cold_start_seconds", 3, False, "s"),
)


@dataclass
class BenchReport:
    corpus: list[str]
    articles: int
    characters: int
    workers: int
    model: str
    gestae: Throughput
    spacy: Throughput
    events: int
    failed: int
    peak_rss_bytes: int
    cold_start_runs: list[float] = field(default_factory=list)
    machine: dict[str, Any] = field(default_factory=dict)

    @property
    def figures(self) -> dict[str, float | None]:
        return {
            "articles_per_second": self.gestae.per_second,
            "throughput_ratio": self.gestae.per_second / self.spacy.per_second if self.spacy.per_second else None,
            "peak_memory_mb": self.peak_rss_bytes / MB,
            "cold_start_seconds": statistics.median(self.cold_start_runs) if self.cold_start_runs else None,
        }

    @property
    def all_met(self) -> bool:
        return all(goal.met(self.figures[goal.figure]) is not False for goal in GOALS)

    def as_json(self) -> dict[str, Any]:
        figures = self.figures
        return {
            **{k: v for k, v in asdict(self).items() if k not in ("gestae", "spacy")},
            "gestae": {**asdict(self.gestae), "per_second": self.gestae.per_second,
                       "cpu_ms_per_article": self.gestae.cpu_ms_per_article},
            "spacy": {**asdict(self.spacy), "per_second": self.spacy.per_second,
                      "cpu_ms_per_article": self.spacy.cpu_ms_per_article},
            "figures": figures,
            "goals": {goal.figure: {"goal": goal.describe(), "met": goal.met(figures[goal.figure])} for goal in GOALS},
        }

    def write_json(self, path: Path) -> None:
        path.write_text(json.dumps(self.as_json(), indent=2) + "\n", encoding="utf-8")

    def table(self):
        from rich.table import Table

        figures = self.figures
        table = Table(title=(f"gestae bench: {self.articles} articles ({self.characters / 1000:.0f}k characters), "
                             f"{self.workers} worker{'s' if self.workers > 1 else ''}, {self.model}"),
                      title_justify="left")
        for column in ("figure", "measured", "goal", "met"):
            table.add_column(column, justify="right" if column != "figure" else "left")
        shown = {
            "articles_per_second": f"{figures['articles_per_second']:.1f} articles/s",
            "throughput_ratio": (f"{figures['throughput_ratio']:.2f} (spaCy {self.spacy.per_second:.1f}/s)"
                                 if figures["throughput_ratio"] is not None else "-"),
            "peak_memory_mb": f"{figures['peak_memory_mb']:.0f} MB",
            "cold_start_seconds": (f"{figures['cold_start_seconds']:.2f} s" if figures["cold_start_seconds"] is not None
                                   else "not measured"),
        }
        names = {"articles_per_second": "gestae throughput", "throughput_ratio": "ratio to raw spaCy",
                 "peak_memory_mb": "peak memory (RSS, all processes)", "cold_start_seconds": "cold start (median)"}
        for goal in GOALS:
            met = goal.met(figures[goal.figure])
            table.add_row(names[goal.figure], shown[goal.figure], goal.describe(),
                          "-" if met is None else ("[green]yes[/]" if met else "[red]no[/]"))
        table.add_row("CPU per article", f"gestae {self.gestae.cpu_ms_per_article:.0f} ms, "
                      f"spaCy {self.spacy.cpu_ms_per_article:.0f} ms", "", "")
        table.add_row("worker start (load + warm-up)", f"{self.gestae.startup_seconds:.2f} s", "", "")
        table.add_row("events coded", str(self.events), "", "")
        if self.failed:
            table.add_row("[yellow]articles whose coding raised[/]", str(self.failed), "0", "[red]no[/]")
        return table
