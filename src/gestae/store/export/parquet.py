"""`parquet`: the summary columns of `gestae query`, typed (dates as date32, counts as int64)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from gestae.store.export.rows import SUMMARY_COLUMNS, summary_row
from gestae.store.query import RealEvent

_INTEGERS = {"real_event_id", "quad_class", "fatalities", "num_mentions", "num_articles", "num_sources"}
_FLOATS = {"goldstein", "latitude", "longitude"}
_DATES = {"date", "first_seen", "last_seen"}


def parquet_schema():  # -> pyarrow.Schema; pyarrow is imported only when Parquet is asked for
    import pyarrow as pa

    def kind(column: str) -> pa.DataType:
        if column in _INTEGERS:
            return pa.int64()
        if column in _FLOATS:
            return pa.float64()
        if column in _DATES:
            return pa.date32()
        return pa.string()

    return pa.schema([pa.field(column, kind(column)) for column in SUMMARY_COLUMNS])


def write_parquet(events: Iterable[RealEvent], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [summary_row(real) for real in events]
    table = pa.Table.from_pylist(rows, schema=parquet_schema())
    pq.write_table(table, path)
    return table.num_rows
