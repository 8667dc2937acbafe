"""Weekly series over real events: per dyad (actor pair), per first-level division, and top actors.

Weeks are ISO weeks, labelled by their Monday. Events with no date (neither their own nor their
article's) are left out of weekly series but still count for top actors.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gestae.store.export.rows import coded_label
from gestae.store.query import RealEvent

UNKNOWN = "(unknown)"


@dataclass(frozen=True)
class EventStats:
    dyad_weekly: list[dict[str, Any]]
    admin1_weekly: list[dict[str, Any]]
    top_actors: list[dict[str, Any]]

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        return {"dyad_weekly": self.dyad_weekly, "admin1_weekly": self.admin1_weekly, "top_actors": self.top_actors}


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def compute_stats(events: Iterable[RealEvent], *, top: int = 20) -> EventStats:
    dyads: dict[tuple[dt.date, str, str], list[float | None]] = defaultdict(list)
    places: Counter[tuple[dt.date, str, str]] = Counter()
    as_actor: Counter[str] = Counter()
    as_recipient: Counter[str] = Counter()
    for real in events:
        event = real.event
        # Dyads and top actors count resolved actors; words the knowledge base does not know stay out.
        actor = coded_label(event.actor) or UNKNOWN
        recipient = coded_label(event.recipient) or UNKNOWN
        if event.actor:
            as_actor[actor] += 1
        if event.recipient:
            as_recipient[recipient] += 1
        if real.date is None:
            continue
        week = week_start(real.date)
        dyads[(week, actor, recipient)].append(event.goldstein)
        place = event.location
        admin1 = (place.admin1 or place.admin1_iso) if place else None
        places[(week, (place.country or "") if place else "", admin1 or UNKNOWN)] += 1
    dyad_rows = [
        {"week": week, "actor": actor, "recipient": recipient, "events": len(scores),
         "goldstein_sum": round(sum(s for s in scores if s is not None), 3)}
        for (week, actor, recipient), scores in sorted(dyads.items())
    ]
    admin1_rows = [
        {"week": week, "country": country, "admin1": admin1, "events": count}
        for (week, country, admin1), count in sorted(places.items())
    ]
    totals = as_actor + as_recipient
    actor_rows = [
        {"actor": name, "events": count, "as_actor": as_actor[name], "as_recipient": as_recipient[name]}
        for name, count in sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:top]
    ]
    return EventStats(dyad_rows, admin1_rows, actor_rows)


def write_csv_tables(stats: EventStats, folder: Path) -> list[Path]:
    """One CSV per table in `folder` (created if needed); returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in stats.tables().items():
        path = folder / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            columns = list(rows[0]) if rows else _COLUMNS[name]
            writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        written.append(path)
    return written


_COLUMNS = {
    "dyad_weekly": ["week", "actor", "recipient", "events", "goldstein_sum"],
    "admin1_weekly": ["week", "country", "admin1", "events"],
    "top_actors": ["actor", "events", "as_actor", "as_recipient"],
}


def plot_stats(stats: EventStats, path: Path, *, series: int = 5) -> None:
    """Two panels: weekly events of the busiest dyads, and of the busiest first-level divisions."""
    import matplotlib

    matplotlib.use("Agg")  # files only: never open a window
    import matplotlib.pyplot as plt

    figure, (top_panel, bottom_panel) = plt.subplots(2, 1, figsize=(10, 8), sharex=True)
    _plot_series(top_panel, stats.dyad_weekly, lambda r: f"{r['actor']} → {r['recipient']}", series)
    top_panel.set_title("Real events per week, busiest actor pairs")
    _plot_series(bottom_panel, stats.admin1_weekly,
                 lambda r: f"{r['admin1']} ({r['country']})" if r["country"] else r["admin1"], series)
    bottom_panel.set_title("Real events per week, busiest first-level divisions")
    bottom_panel.set_xlabel("week (Monday)")
    figure.autofmt_xdate()
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def _plot_series(axis: Any, rows: Sequence[dict[str, Any]], label: Any, limit: int) -> None:
    totals: Counter[str] = Counter()
    by_series: dict[str, dict[dt.date, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        name = label(row)
        totals[name] += row["events"]
        by_series[name][row["week"]] += row["events"]
    # Every week of the span, so that quiet weeks show as zeros instead of lines drawn across them.
    present = [row["week"] for row in rows]
    weeks = _weeks_between(min(present), max(present)) if present else []
    for name, _ in totals.most_common(limit):
        axis.plot(weeks, [by_series[name].get(week, 0) for week in weeks], marker="o", markersize=3,
                  linewidth=1.2, label=name)
    axis.set_ylabel("events")
    axis.yaxis.get_major_locator().set_params(integer=True)
    if totals:
        axis.legend(fontsize="small", loc="upper left")
    else:
        axis.text(0.5, 0.5, "no dated events", ha="center", va="center", transform=axis.transAxes)


def _weeks_between(first: dt.date, last: dt.date) -> list[dt.date]:
    count = (last - first).days // 7 + 1
    return [first + dt.timedelta(weeks=i) for i in range(count)]
