"""Database commands: `gestae ingest`, `gestae query`, `gestae export`, `gestae stats`.

Exit status: 0 all went well, 1 some input was skipped (ingest), 2 usage or database error.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any, NoReturn, Optional

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from gestae.records import Article, InputProblem
from gestae.store import EventFilter, QueryError, RealEvent, Store, StoreError, article_hash
from gestae.store.database import DB_ENV_VAR, DEFAULT_DB
from gestae.store.export import FORMATS, SUMMARY_COLUMNS, export_events, summary_row
from gestae.store.export.rows import text_value

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE = 0, 1, 2
TABLE_COLUMNS = ("real_event_id", "date", "event_type", "actor", "recipient", "location", "country",
                 "num_sources", "num_mentions", "evidence")
NARROW_TABLE_COLUMNS = ("real_event_id", "date", "event_type", "actor", "recipient", "location", "num_sources")
_WIDE_COLUMNS = frozenset({"evidence"})
_EVIDENCE_CHARS = 90
_NAME_COLUMNS = frozenset({"actor", "recipient", "location", "admin1"})
_SHORT_HEADERS = {"real_event_id": "id", "event_type": "type", "num_sources": "srcs", "num_mentions": "ment",
                  "country": "cty", "goldstein_sum": "goldstein"}

DbOption = Annotated[str, typer.Option(
    "--db", envvar=DB_ENV_VAR, show_envvar=True,
    help=f"SQLite file (created if missing) or postgresql://user@host/dbname URL. Default: ./{DEFAULT_DB}.",
)]
SinceOption = Annotated[Optional[dt.datetime], typer.Option(
    "--since", formats=["%Y-%m-%d"], help="Only events on or after this day (YYYY-MM-DD).")]
UntilOption = Annotated[Optional[dt.datetime], typer.Option(
    "--until", formats=["%Y-%m-%d"], help="Only events on or before this day (YYYY-MM-DD).")]
TypeOption = Annotated[Optional[list[str]], typer.Option(
    "--type", help="PLOVER event type, e.g. ASSAULT or PROTEST. Repeat for several.")]
CameoOption = Annotated[Optional[list[str]], typer.Option(
    "--cameo", help="CAMEO code or prefix: --cameo 19 selects 190-196. Repeatable.")]
AcledOption = Annotated[Optional[list[str]], typer.Option(
    "--acled", help="ACLED event or sub-event type, e.g. 'Battles' or 'Peaceful protest'. Repeatable.")]
ActorOption = Annotated[Optional[str], typer.Option(
    "--actor", help="Substring of the actor's or recipient's name, case-insensitive.")]
ActorCountryOption = Annotated[Optional[list[str]], typer.Option(
    "--actor-country", help="ISO alpha-3 code of the actor or recipient, e.g. SDN. Repeatable.")]
SectorOption = Annotated[Optional[list[str]], typer.Option(
    "--sector", help="PLOVER sector of the actor or recipient: GOV, MIL, REB, COP, CVL... Repeatable.")]
CountryOption = Annotated[Optional[list[str]], typer.Option(
    "--country", help="ISO alpha-3 code of where the event happened. Repeatable.")]
Admin1Option = Annotated[Optional[str], typer.Option(
    "--admin1", help="First-level division where it happened: name ('Borno') or ISO 3166-2 code ('NG-BO').")]
BboxOption = Annotated[Optional[str], typer.Option(
    "--bbox", metavar="MINLON,MINLAT,MAXLON,MAXLAT", help="Only events placed inside this box.")]
ModalityOption = Annotated[str, typer.Option(
    "--modality", help="asserted (default), negated, hypothetical, planned, or 'any'.")]
MinSourcesOption = Annotated[int, typer.Option(
    "--min-sources", min=0, help="Only real events reported by at least this many outlets.")]
TextOption = Annotated[Optional[str], typer.Option(
    "--text", help="Full-text search in the reporting sentences (SQLite FTS5 syntax: 'hotel AND siege').")]
RecordsOption = Annotated[bool, typer.Option(
    "--records", help="One row per stored event record instead of one per deduplicated real event.")]


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""
    app.command("ingest", no_args_is_help=True)(ingest)
    app.command("query")(query)
    app.command("export", no_args_is_help=True)(export)
    app.command("stats")(stats)


def ingest(
    paths: Annotated[list[Path], typer.Argument(exists=True, metavar="PATH...", help="Files or folders of articles: .txt, .jsonl, .json, .csv, .html.")],
    db: DbOption = DEFAULT_DB,
    progress: Annotated[bool, typer.Option(help="Show a progress bar (on a terminal only).")] = True,
    workers: Annotated[Optional[int], typer.Option(
        "--workers", "-w", min=1, help="Worker processes coding articles (default: all cores); 1 codes in this process.")] = None,
    engine: Annotated[str, typer.Option(
        "--engine", help="local (processes on this machine) or dask (a Dask cluster; see docs/scale.md).")] = "local",
    scheduler: Annotated[Optional[str], typer.Option(
        "--scheduler", metavar="ADDRESS", help="Dask scheduler address (tcp://host:8786) or scheduler file, with --engine dask; without it a local cluster is started.")] = None,
) -> None:
    """Code articles into events and store them, deduplicated, in the event database.

    Each article is stored in its own transaction: interrupt at any time, rerun to resume.

    Articles already stored (same content hash) are skipped without being coded again.

    Inputs that cannot be read are reported on stderr, one line each; the exit status is then 1.

    Examples:

        gestae ingest examples/articles/

        gestae ingest news-2024-*.jsonl --db postgresql://me@localhost/events
    """
    from gestae.config import PipelineConfig
    from gestae.parallel import count_articles, open_engine, track

    try:
        coder = open_engine(PipelineConfig(), workers=workers, engine=engine, scheduler=scheduler)
    except ValueError as error:  # an unknown --engine, or --scheduler without --engine dask
        _usage_error(str(error))
    err = Console(stderr=True)
    store = _open_store(db, err)
    counts = {"articles read": 0, "new": 0, "skipped (already stored)": 0, "events": 0,
              "real events created": 0, "events linked to known real events": 0, "problems": 0}
    try:
        from gestae.ingest import read_inputs

        # Workers code; this process alone writes to the database, in input order.
        fresh = _new_articles(read_inputs([str(path) for path in paths]), store, counts, err)
        with coder:
            results = coder.map(fresh)
            if progress:
                results = track(
                    results, "coding articles", total=lambda: count_articles([str(path) for path in paths]),
                    completed=lambda: counts["new"] + counts["skipped (already stored)"] + counts["problems"],
                    describe=lambda: (f"{counts['new']} new articles, {counts['events']} events, "
                                      f"{counts['skipped (already stored)']} already stored"))
            for result in results:
                outcome = store.add(result)
                if outcome.stored:
                    counts["new"] += 1
                    counts["events"] += outcome.events
                    counts["real events created"] += outcome.new_real_events
                    counts["events linked to known real events"] += outcome.linked_events
                else:  # another ingest stored it meanwhile
                    counts["skipped (already stored)"] += 1
    except KeyboardInterrupt:
        err.print(f"[yellow]interrupted[/]: {counts['new']} new articles were stored; rerun to resume",
                  soft_wrap=True)
        store.close()
        raise typer.Exit(130) from None
    except (ImportError, NotImplementedError) as error:
        err.print(f"[red]error[/]: the coding pipeline is not available ({error or type(error).__name__})",
                  highlight=False, soft_wrap=True)
        store.close()
        raise typer.Exit(EXIT_USAGE) from None
    store.close()
    _print_counts(counts)
    raise typer.Exit(EXIT_SKIPPED if counts["problems"] else EXIT_OK)


def query(
    db: DbOption = DEFAULT_DB,
    since: SinceOption = None,
    until: UntilOption = None,
    type_: TypeOption = None,
    cameo: CameoOption = None,
    acled: AcledOption = None,
    actor: ActorOption = None,
    actor_country: ActorCountryOption = None,
    sector: SectorOption = None,
    country: CountryOption = None,
    admin1: Admin1Option = None,
    bbox: BboxOption = None,
    modality: ModalityOption = "asserted",
    min_sources: MinSourcesOption = 0,
    text: TextOption = None,
    records: RecordsOption = False,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many rows.")] = 50,
    fmt: Annotated[str, typer.Option("--format", help="table (default), jsonl or csv.")] = "table",
) -> None:
    """List real events (deduplicated across articles), oldest first, with how many reports back each.

    A real event matches when any of its reports matches every filter. --records lists reports instead.

    Examples:

        gestae query --country SDN --type ASSAULT --since 2024-06-01

        gestae query --actor "boko haram" --min-sources 2 --format csv > boko.csv

        gestae query --text "hotel AND siege" --format jsonl
    """
    if fmt not in ("table", "jsonl", "csv"):
        _usage_error(f"--format must be table, jsonl or csv, not {fmt!r}")
    flt = _filter(since, until, type_, cameo, acled, actor, actor_country, sector, country, admin1, bbox,
                  modality, min_sources, text)
    found = _select(db, flt, per_record=records, limit=limit)
    rows = [summary_row(real) for real in found]
    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps({k: text_value(v) if isinstance(v, dt.date) else v for k, v in row.items()},
                                        ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=SUMMARY_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: text_value(v) for k, v in row.items()} for row in rows)
    else:
        narrow = Console().width < 120
        _print_table(rows, NARROW_TABLE_COLUMNS if narrow else TABLE_COLUMNS,
                     title=f"{len(rows)} {'records' if records else 'real events'}"
                     + (" (widen the terminal, or use --format csv, for all columns)" if narrow else ""))


def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)}.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write (overwritten).")],
    db: DbOption = DEFAULT_DB,
    since: SinceOption = None,
    until: UntilOption = None,
    type_: TypeOption = None,
    country: CountryOption = None,
    actor: ActorOption = None,
    modality: ModalityOption = "asserted",
    min_sources: MinSourcesOption = 0,
    records: RecordsOption = False,
) -> None:
    """Write real events (one row per deduplicated event, with mention/source counts) to a file.

    Layouts (docs/exports.md lists every column):
    plover-json  JSON Lines: PLOVER fields, counts, and the full gestae record
    acled-csv    ACLED-like columns (events with an ACLED type only)
    gdelt-tsv    GDELT 2.0 Events-like columns, with a header row
    geojson      a FeatureCollection of points
    parquet      the query summary columns, typed

    Examples:

        gestae export --format acled-csv -o events.csv --country NGA

        gestae export -f geojson -o map.geojson --since 2024-01-01
    """
    if fmt not in FORMATS:
        _usage_error(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    if not output.parent.exists():
        _usage_error(f"folder {output.parent} does not exist")
    flt = _filter(since, until, type_, None, None, actor, None, None, country, None, None, modality,
                  min_sources, None)
    found = _select(db, flt, per_record=records, limit=None)
    outcome = export_events(found, fmt, output)
    note = f" ({outcome.skipped} skipped: {outcome.skipped_reason})" if outcome.skipped else ""
    Console(stderr=True).print(f"wrote {outcome.written} {'records' if records else 'real events'} to {output}{note}")


def stats(
    db: DbOption = DEFAULT_DB,
    since: SinceOption = None,
    until: UntilOption = None,
    type_: TypeOption = None,
    country: CountryOption = None,
    modality: ModalityOption = "asserted",
    min_sources: MinSourcesOption = 0,
    top: Annotated[int, typer.Option("--top", min=1, help="Rows per table on screen; actors ranked.")] = 15,
    csv_dir: Annotated[Optional[Path], typer.Option("--csv", help="Also write each table as CSV here.")] = None,
    plot: Annotated[Optional[Path], typer.Option("--plot", help="Draw weekly series to this PNG file.")] = None,
) -> None:
    """Weekly series of real events: per actor pair, per first-level division, and top actors.

    Actor-pair series give the number of real events and the sum of their Goldstein scores per week.

    Examples:

        gestae stats --country SDN --plot sudan.png

        gestae stats --since 2024-01-01 --csv tables/
    """
    from gestae.store.stats import compute_stats, plot_stats, write_csv_tables

    flt = _filter(since, until, type_, None, None, None, None, None, country, None, None, modality,
                  min_sources, None)
    result = compute_stats(_select(db, flt, per_record=False, limit=None), top=top)
    _print_table(_busiest(result.dyad_weekly, top), ("week", "actor", "recipient", "events", "goldstein_sum"),
                 title="Busiest actor pairs by week")
    _print_table(_busiest(result.admin1_weekly, top), ("week", "country", "admin1", "events"),
                 title="Busiest first-level divisions by week")
    _print_table(result.top_actors, ("actor", "events", "as_actor", "as_recipient"), title="Top actors")
    err = Console(stderr=True)
    if csv_dir is not None:
        for path in write_csv_tables(result, csv_dir):
            err.print(f"wrote {path}")
    if plot is not None:
        plot_stats(result, plot)
        err.print(f"wrote {plot}")


def _open_store(db: str, err: Console, *, create: bool = True) -> Store:
    try:
        return Store.open(db, create=create)
    except StoreError as error:
        err.print(f"[red]error[/]: {error}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE) from None


def _select(db: str, flt: EventFilter, *, per_record: bool, limit: int | None) -> list[RealEvent]:
    err = Console(stderr=True)
    store = _open_store(db, err, create=False)
    try:
        return store.events(flt, per_record=per_record, limit=limit)
    except QueryError as error:
        err.print(f"[red]error[/]: {error}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE) from None
    finally:
        store.close()


def _new_articles(items: Iterable[Article | InputProblem], store: Store, counts: dict[str, int],
                  err: Console) -> Iterator[Article]:
    """Articles not stored yet; problems go to stderr as they come."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, InputProblem):
            if item.skipped:
                counts["problems"] += 1
                err.print(f"[red]error[/]: {item}", highlight=False, soft_wrap=True)
            else:
                err.print(f"[yellow]note[/]: {item}", highlight=False, soft_wrap=True)
            continue
        counts["articles read"] += 1
        digest = article_hash(item)
        if digest in seen or store.stored_hashes([digest]):
            counts["skipped (already stored)"] += 1
            continue
        seen.add(digest)
        yield item


def _filter(since: dt.datetime | None, until: dt.datetime | None, types: list[str] | None,
            cameo: list[str] | None, acled: list[str] | None, actor: str | None, actor_country: list[str] | None,
            sector: list[str] | None, country: list[str] | None, admin1: str | None, bbox: str | None,
            modality: str, min_sources: int, text: str | None) -> EventFilter:
    if modality not in ("asserted", "negated", "hypothetical", "planned", "any"):
        _usage_error(f"--modality must be asserted, negated, hypothetical, planned or any, not {modality!r}")
    return EventFilter(
        since=since.date() if since else None,
        until=until.date() if until else None,
        types=tuple(types or ()),
        cameo=tuple(cameo or ()),
        acled=tuple(acled or ()),
        actor=actor,
        actor_country=tuple(actor_country or ()),
        sector=tuple(sector or ()),
        country=tuple(country or ()),
        admin1=admin1,
        bbox=_parse_bbox(bbox) if bbox else None,
        modality=None if modality == "any" else modality,
        min_sources=min_sources,
        text=text,
    )


def _parse_bbox(text: str) -> tuple[float, float, float, float]:
    try:
        min_lon, min_lat, max_lon, max_lat = (float(part) for part in text.split(","))
    except ValueError:
        _usage_error(f"--bbox wants four numbers minlon,minlat,maxlon,maxlat, got {text!r}")
    if min_lon > max_lon or min_lat > max_lat:
        _usage_error(f"--bbox {text!r}: minimum larger than maximum")
    return min_lon, min_lat, max_lon, max_lat


def _busiest(rows: list[dict[str, Any]], top: int) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda row: (-row["events"], str(row["week"])))[:top]


def _print_table(rows: list[dict[str, Any]], columns: Iterable[str], *, title: str) -> None:
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    for column in columns:
        header = _SHORT_HEADERS.get(column, column)
        if column in _WIDE_COLUMNS:
            table.add_column(header, ratio=3, min_width=16)
        elif column in _NAME_COLUMNS:
            table.add_column(header, ratio=1, min_width=8, max_width=24)
        else:
            # Codes, dates and counts never wrap: they are what the eye scans.
            table.add_column(header, no_wrap=True)
    for row in rows:
        table.add_row(*(_cell(column, row.get(column)) for column in columns))
    Console().print(table)


def _cell(column: str, value: Any) -> str:
    text = text_value(value)
    if column in _WIDE_COLUMNS and len(text) > _EVIDENCE_CHARS:
        return text[: _EVIDENCE_CHARS - 1] + "…"
    return text


def _print_counts(counts: dict[str, int]) -> None:
    table = Table(title="Ingest summary", title_justify="left", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    for name, value in counts.items():
        table.add_row(name, str(value))
    Console().print(table)


def _usage_error(message: str) -> NoReturn:
    Console(stderr=True).print(f"[red]usage error[/]: {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(EXIT_USAGE)
