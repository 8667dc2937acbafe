"""Export real events to the layouts researchers already use: PLOVER JSON, ACLED CSV, GDELT TSV,
GeoJSON and Parquet. Every layout is documented in docs/exports.md."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from gestae.store.export.acled import ACLED_COLUMNS, write_acled_csv
from gestae.store.export.gdelt import GDELT_COLUMNS, write_gdelt_tsv
from gestae.store.export.geojson import write_geojson
from gestae.store.export.parquet import write_parquet
from gestae.store.export.plover import write_plover_jsonl
from gestae.store.export.rows import SUMMARY_COLUMNS, summary_row
from gestae.store.query import RealEvent

FORMATS = ("plover-json", "acled-csv", "gdelt-tsv", "geojson", "parquet")


@dataclass(frozen=True)
class ExportOutcome:
    written: int
    skipped: int = 0
    skipped_reason: str = ""


def export_events(events: Iterable[RealEvent], fmt: str, path: Path) -> ExportOutcome:
    """Write `events` to `path` in layout `fmt` (one of `FORMATS`)."""
    if fmt == "parquet":
        return ExportOutcome(write_parquet(events, path))
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    with path.open("w", encoding="utf-8", newline="") as out:
        if fmt == "plover-json":
            return ExportOutcome(write_plover_jsonl(events, out))
        if fmt == "acled-csv":
            written, skipped = write_acled_csv(events, out)
            return ExportOutcome(written, skipped, "no ACLED event type")
        if fmt == "gdelt-tsv":
            return ExportOutcome(write_gdelt_tsv(events, out))
        written, skipped = write_geojson(events, out)
        return ExportOutcome(written, skipped, "no coordinates")


__all__ = ["ACLED_COLUMNS", "FORMATS", "GDELT_COLUMNS", "SUMMARY_COLUMNS", "ExportOutcome", "export_events",
           "summary_row"]
