"""Exports (PLOVER JSON, ACLED CSV, GDELT TSV, GeoJSON, Parquet) and the database commands of the CLI."""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from gestae.cli import db_cmds
from gestae.records import Event
from gestae.store import Store
from gestae.store.export import ACLED_COLUMNS, GDELT_COLUMNS, SUMMARY_COLUMNS, export_events
from gestae.store.stats import compute_stats, week_start
from test_store import HOTEL, HOTEL_AGAIN, MARCH, PLANNED, make_result

RAID = {
    "type": "COERCE", "trigger": "arrested", "cameo": "173",
    "sentence": "Police arrested nine nurses at the Lakeview rally on Tuesday.",
    "actor": {"name": "Kenyan police", "country": "KEN", "sector": "COP"},
    "recipient": {"name": "nurses", "country": "KEN", "sector": "MED"},
    "place": {"name": "Lakeview", "lat": -0.1, "lon": 34.75, "admin1": "Kisumu", "country": "KEN"},
    "date": "2024-05-07",
}
UNPLACED = {
    "type": "ACCUSE", "trigger": "accused",
    "sentence": "The opposition accused the health ministry of hiding the strike's causes.",
    "actor": {"name": "Kenyan opposition", "country": "KEN", "sector": "OPP"},
    "date": "2024-05-08",
}


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "events.db"
    with Store.open(path) as store:
        store.add(make_result("p1", "Port Daily", "2024-03-01", [HOTEL]))
        store.add(make_result("p2", "Harbour Wire", "2024-03-02", [HOTEL_AGAIN]))
        store.add(make_result("l1", "Lake Times", "2024-05-06", [MARCH, PLANNED]))
        store.add(make_result("l2", "Lake Times", "2024-05-08", [RAID, UNPLACED]))
    return str(path)


@pytest.fixture
def runner_app() -> typer.Typer:
    app = typer.Typer()
    db_cmds.register(app)
    return app


def _events(db: str):
    with Store.open(db) as store:
        return store.events()


def test_acled_csv_has_acled_columns_and_only_acled_typed_events(db: str, tmp_path: Path) -> None:
    out = tmp_path / "acled.csv"
    outcome = export_events(_events(db), "acled-csv", out)
    rows = list(csv.DictReader(out.open()))
    assert tuple(rows[0].keys()) == ACLED_COLUMNS
    assert outcome.written == len(rows) == 1 and outcome.skipped == 3
    row = rows[0]
    assert row["event_id_cnty"].startswith("KEN") and row["event_type"] == "Protests"
    assert (row["event_date"], row["year"]) == ("2024-05-06", "2024")
    assert row["actor1"] == "nurses" and row["inter1"] == "6"  # protesters
    assert row["actor2"] == "Kenyan government" and row["inter2"] == "1"  # state forces
    assert (row["country"], row["admin1"], row["location"]) == ("Kenya", "Kisumu", "Lakeview")
    assert row["geo_precision"] == "1" and row["fatalities"] == "0"
    assert row["source"] == "Lake Times" and "overdue pay" in row["notes"]


def test_gdelt_tsv_rows(db: str, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    assert export_events(_events(db), "gdelt-tsv", out).written == 4
    rows = list(csv.DictReader(out.open(), delimiter="\t"))
    assert tuple(rows[0].keys()) == GDELT_COLUMNS
    hotel = next(r for r in rows if r["EventRootCode"] == "19")
    assert hotel["SQLDATE"] == "20240301" and hotel["Actor1Code"] == "SOMREB"
    assert hotel["Actor1Name"] == "COASTAL FRONT" and hotel["QuadClass"] == "4"
    assert (hotel["NumMentions"], hotel["NumArticles"], hotel["NumSources"]) == ("2", "2", "2")
    assert hotel["ActionGeo_Type"] == "4" and hotel["ActionGeo_FullName"] == "Port Alder, Banaadir, Somalia"
    assert hotel["SOURCEURL"].endswith("/p1") and len(hotel["DATEADDED"]) == 14
    raid = next(r for r in rows if r["EventCode"] == "173")
    assert (raid["EventBaseCode"], raid["EventRootCode"]) == ("173", "17")
    assert raid["Actor2Code"] == "KENMED" and raid["IsRootEvent"] == "1"
    unplaced = next(r for r in rows if r["Actor1Type1Code"] == "OPP")
    assert unplaced["ActionGeo_Type"] == "0" and unplaced["ActionGeo_Lat"] == "" and unplaced["IsRootEvent"] == "0"


def test_geojson_points(db: str, tmp_path: Path) -> None:
    out = tmp_path / "map.geojson"
    outcome = export_events(_events(db), "geojson", out)
    collection = json.loads(out.read_text())
    assert collection["type"] == "FeatureCollection"
    assert outcome.written == len(collection["features"]) == 3 and outcome.skipped == 1
    hotel = next(f for f in collection["features"] if f["properties"]["event_type"] == "ASSAULT")
    lon, lat = hotel["geometry"]["coordinates"]
    assert 45.3 <= lon <= 45.33 and 2.04 <= lat <= 2.07
    assert hotel["properties"]["num_sources"] == 2 and hotel["properties"]["date"] == "2024-03-01"


def test_plover_json_lines_keep_the_full_record(db: str, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    export_events(_events(db), "plover-json", out)
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(lines) == 4
    march = next(line for line in lines if line["event_type"] == "PROTEST")
    assert march["actor"] == "nurses" and march["location"]["admin1"] == "Kisumu"
    assert march["sources"] == ["Lake Times"] and march["num_mentions"] == 1
    assert Event.model_validate(march["record"]).trigger.text == "marched"


def test_parquet_is_typed(db: str, tmp_path: Path) -> None:
    pyarrow_parquet = pytest.importorskip("pyarrow.parquet", reason="pyarrow is needed for Parquet export")
    out = tmp_path / "events.parquet"
    export_events(_events(db), "parquet", out)
    table = pyarrow_parquet.read_table(out)
    assert table.column_names == list(SUMMARY_COLUMNS) and table.num_rows == 4
    assert str(table.schema.field("date").type) == "date32[day]"
    assert str(table.schema.field("num_sources").type) == "int64"
    assert sorted(table.column("num_sources").to_pylist()) == [1, 1, 1, 2]


def test_stats_weekly_dyads_and_divisions(db: str) -> None:
    stats = compute_stats(_events(db))
    lake_week = week_start(dt.date(2024, 5, 6))
    dyads = {(r["week"], r["actor"], r["recipient"]): r for r in stats.dyad_weekly}
    police = dyads[(lake_week, "Kenyan police", "nurses")]
    assert police["events"] == 1 and police["goldstein_sum"] == -7.0
    places = {(r["week"], r["admin1"]): r["events"] for r in stats.admin1_weekly}
    assert places[(lake_week, "Kisumu")] == 2  # the march and the arrests; the planned strike is not asserted
    assert stats.top_actors[0]["actor"] == "nurses" and stats.top_actors[0]["events"] == 2


def test_cli_query_formats_and_filters(db: str, runner_app: typer.Typer) -> None:
    runner = CliRunner()
    result = runner.invoke(runner_app, ["query", "--db", db, "--format", "csv", "--country", "KEN"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(result.stdout.splitlines()))
    assert sorted(row["event_type"] for row in rows) == ["COERCE", "PROTEST"]  # the accusation has no place
    result = runner.invoke(runner_app, ["query", "--db", db, "--format", "jsonl", "--text", "siege",
                                        "--min-sources", "2"])
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 1 and lines[0]["num_sources"] == 2 and lines[0]["date"] == "2024-03-01"
    result = runner.invoke(runner_app, ["query", "--db", db, "--modality", "planned"])
    assert result.exit_code == 0 and "teachers" in result.stdout
    result = runner.invoke(runner_app, ["query", "--db", db, "--bbox", "34,-1,35,0", "--format", "csv",
                                        "--records"])
    assert len(list(csv.DictReader(result.stdout.splitlines()))) == 2


def test_cli_usage_and_database_errors_exit_2(db: str, runner_app: typer.Typer, tmp_path: Path) -> None:
    runner = CliRunner()
    bad = tmp_path / "notes.db"
    bad.write_text("not a database")
    result = runner.invoke(runner_app, ["query", "--db", str(bad)])
    assert result.exit_code == 2 and "not a gestae database" in result.output
    assert "Traceback" not in result.output
    missing = tmp_path / "typo.db"
    result = runner.invoke(runner_app, ["query", "--db", str(missing)])
    assert result.exit_code == 2 and "no database" in result.output and not missing.exists()
    assert runner.invoke(runner_app, ["query", "--db", db, "--bbox", "1,2"]).exit_code == 2
    assert runner.invoke(runner_app, ["query", "--db", db, "--text", "hotel AND ("]).exit_code == 2
    assert runner.invoke(runner_app, ["export", "--db", db, "-f", "xlsx", "-o", str(tmp_path / "x")]).exit_code == 2


def test_cli_export_and_stats_write_files(db: str, runner_app: typer.Typer, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "events.tsv"
    result = runner.invoke(runner_app, ["export", "--db", db, "--format", "gdelt-tsv", "-o", str(out),
                                        "--country", "SOM"])
    assert result.exit_code == 0, result.output
    assert len(out.read_text().splitlines()) == 2  # header + the one hotel attack
    plot, tables = tmp_path / "weekly.png", tmp_path / "tables"
    result = runner.invoke(runner_app, ["stats", "--db", db, "--plot", str(plot), "--csv", str(tables)])
    assert result.exit_code == 0, result.output
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert sorted(p.name for p in tables.iterdir()) == ["admin1_weekly.csv", "dyad_weekly.csv", "top_actors.csv"]
    assert "Kenyan police" in (tables / "dyad_weekly.csv").read_text()


def test_cli_help_teaches_with_examples(runner_app: typer.Typer) -> None:
    runner = CliRunner()
    for command in ("ingest", "query", "export", "stats"):
        result = runner.invoke(runner_app, [command, "--help"])
        assert result.exit_code == 0 and "Examples" in result.output and "gestae " in result.output


def test_cli_ingest_is_idempotent_and_reports_skipped_input(runner_app: typer.Typer, tmp_path: Path) -> None:
    if not hasattr(importlib.import_module("gestae.ingest"), "read_inputs"):
        pytest.skip("gestae.ingest.read_inputs has not landed yet")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Protesters marched through Nairobi on Monday to demand lower fuel prices, witnesses said.\n"
    )
    db = str(tmp_path / "events.db")
    runner = CliRunner()
    first = runner.invoke(runner_app, ["ingest", str(folder), "--db", db])
    if first.exit_code == 2 and "not available" in first.output:
        pytest.skip("the coding pipeline is still a stub")
    assert first.exit_code == 0, first.output
    with Store.open(db) as store:
        before = store.counts()
    assert before["articles"] == 1
    second = runner.invoke(runner_app, ["ingest", str(folder), "--db", db])
    assert second.exit_code == 0 and "skipped (already stored)" in second.output
    with Store.open(db) as store:
        assert store.counts() == before
    (folder / "broken.jsonl").write_text("{not json\n")
    third = runner.invoke(runner_app, ["ingest", str(folder), "--db", db])
    assert third.exit_code == 1
