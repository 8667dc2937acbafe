"""The event database on real temporary SQLite files (and PostgreSQL when a server can be started)."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import shutil
import sqlite3
import subprocess
import tempfile
import typing
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from pydantic import BaseModel

from gestae.dedup.benchmark import event_from_spec
from gestae.records import Article, ArticleResult, Event, SentenceReport
from gestae.store import EventFilter, Store, StoreError, article_hash, migrations, schema


def make_result(article_id: str, source: str, day: str, specs: list[dict], title: str | None = None) -> ArticleResult:
    """An article whose text is its events' sentences, with one coded event per spec."""
    text, events = "", []
    for index, spec in enumerate(specs):
        offset = len(text) + (1 if text else 0)
        text = f"{text} {spec['sentence']}" if text else spec["sentence"]
        events.append(event_from_spec(spec, article_id=article_id, sentence_index=index, offset=offset))
    article = Article(id=article_id, text=text, date=dt.date.fromisoformat(day), source=source, title=title,
                      url=f"https://news.example/{source.lower().replace(' ', '-')}/{article_id}")
    sentences = [
        SentenceReport(index=e.sentence.index, start=e.sentence.start, end=e.sentence.end,
                       text=text[e.sentence.start:e.sentence.end])
        for e in events
    ]
    return ArticleResult(article=article, events=events, sentences=sentences)


HOTEL = {
    "type": "ASSAULT", "trigger": "stormed",
    "sentence": "Gunmen from the Coastal Front stormed a hotel in Port Alder on Friday, killing five guests.",
    "actor": {"name": "Coastal Front", "country": "SOM", "sector": "REB"},
    "place": {"name": "Port Alder", "lat": 2.05, "lon": 45.31, "admin1": "Banaadir", "country": "SOM"},
    "date": "2024-03-01", "fatalities": 5,
}
HOTEL_AGAIN = {
    "type": "ASSAULT", "trigger": "siege",
    "sentence": "Security forces ended the Coastal Front siege of a Port Alder hotel where five guests died.",
    "actor": {"name": "Coastal Front", "country": "SOM", "sector": "REB"},
    "place": {"name": "Port Alder", "lat": 2.06, "lon": 45.32, "admin1": "Banaadir", "country": "SOM"},
    "date": "2024-03-01", "fatalities": 5,
}
MARCH = {
    "type": "PROTEST", "trigger": "marched", "acled_event_type": "Protests",
    "sentence": "Nurses marched through Lakeview on Monday to demand overdue pay from the health ministry.",
    "actor": {"name": "nurses", "country": "KEN", "sector": "MED"},
    "recipient": {"name": "Kenyan government", "country": "KEN", "sector": "GOV"},
    "place": {"name": "Lakeview", "lat": -0.1, "lon": 34.75, "admin1": "Kisumu", "admin1_iso": "KE-17",
              "country": "KEN"},
    "date": "2024-05-06",
}
PLANNED = {
    "type": "PROTEST", "trigger": "plan", "modality": "planned",
    "sentence": "Teachers plan to strike in Lakeview next week if salaries are not paid.",
    "actor": {"name": "teachers", "country": "KEN", "sector": "EDU"},
    "place": {"name": "Lakeview", "lat": -0.1, "lon": 34.75, "admin1": "Kisumu", "country": "KEN"},
    "date": {"start": "2024-05-13", "end": "2024-05-19", "precision": "week"},
}


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "events.db"


def test_new_database_has_current_schema_wal_and_foreign_keys(db_path: Path) -> None:
    with Store.open(db_path) as store:
        assert store.schema_version == migrations.LATEST_VERSION
        with store.engine.connect() as conn:
            tables = set(sa.inspect(conn).get_table_names())
            assert {"schema_version", "articles", "sentences", "events", "mentions", "clusters",
                    schema.EVENTS_FTS} <= tables
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
    # Reopening applies nothing new.
    engine = sa.create_engine(f"sqlite:///{db_path}")
    with engine.connect() as conn:
        versions = conn.execute(sa.select(schema.schema_version.c.version)).scalars().all()
    assert versions == [m.version for m in migrations.MIGRATIONS]
    Store.open(db_path).close()
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.schema_version)).scalar() == len(versions)


def test_old_database_is_migrated_and_full_text_index_covers_existing_rows(db_path: Path) -> None:
    # Build a version-1 database by hand (no FTS) holding one stored article.
    engine = sa.create_engine(f"sqlite:///{db_path}")
    with engine.begin() as conn:
        schema.schema_version.create(conn)
        migrations.MIGRATIONS[0].apply(conn)
        conn.execute(schema.schema_version.insert().values(version=1, description="v1",
                                                           applied_at=dt.datetime.now(dt.timezone.utc)))
        from gestae.store.write import write_article

        write_article(conn, make_result("a1", "Lake Times", "2024-05-06", [MARCH]))
    engine.dispose()
    with Store.open(db_path) as store:
        assert store.schema_version == 2
        found = store.events(EventFilter(text="overdue"))
    assert [real.event.event_id for real in found] == ["a1-e0"]


def test_every_event_field_has_a_column_and_the_record_round_trips(db_path: Path) -> None:
    def leaves(model: type[BaseModel], prefix: str = "") -> set[str]:
        names = set()
        for name, info in model.model_fields.items():
            kinds = [a for a in typing.get_args(info.annotation) if isinstance(a, type)] or [info.annotation]
            nested = [k for k in kinds if isinstance(k, type) and issubclass(k, BaseModel)]
            if name == "mentions":
                continue  # stored as rows of their own
            if nested:
                names |= leaves(nested[0], f"{prefix}{name}_")
            else:
                names.add(f"{prefix}{name}")
        return names

    # Nested records flatten to prefix_field: location.admin1 -> location_admin1.
    expected = leaves(Event)
    columns = set(schema.events.c.keys())
    assert expected <= columns, sorted(expected - columns)

    result = make_result("a1", "Lake Times", "2024-05-06", [MARCH])
    with Store.open(db_path) as store:
        store.add(result)
        with store.engine.connect() as conn:
            row = conn.execute(sa.select(schema.events)).one()._mapping
    event = result.events[0]
    assert Event.model_validate(row["record"]) == event
    assert row["actor_name"] == "nurses" and row["recipient_sector"] == "GOV"
    assert row["location_admin1_iso"] == "KE-17" and row["date_start"] == dt.date(2024, 5, 6)
    assert row["trigger_text"] == "marched" and row["evidence"] == MARCH["sentence"]


def test_same_article_twice_changes_nothing(db_path: Path) -> None:
    result = make_result("a1", "Lake Times", "2024-03-02", [HOTEL, MARCH])
    with Store.open(db_path) as store:
        first = store.add(result)
        before = store.counts()
        second = store.add(result)
        assert first.stored and first.events == 2
        assert not second.stored
        assert store.counts() == before == {"articles": 1, "sentences": 2, "events": 2, "mentions": 2,
                                             "real_events": 2}
        assert store.stored_hashes([article_hash(result.article), "0" * 64]) == {article_hash(result.article)}


def test_hash_ignores_layout_but_not_outlet() -> None:
    article = Article(id="x", text="Troops  entered\nthe town.", date=dt.date(2024, 1, 2), source="A")
    same = article.model_copy(update={"id": "y", "text": "Troops entered the town.  "})
    other_outlet = article.model_copy(update={"source": "B"})
    assert article_hash(article) == article_hash(same)
    assert article_hash(article) != article_hash(other_outlet)


def test_clashing_article_id_gets_a_suffix_and_events_follow(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.add(make_result("feed-1", "Lake Times", "2024-05-06", [MARCH]))
        outcome = store.add(make_result("feed-1", "Port Daily", "2024-03-02", [HOTEL]))
        assert outcome.stored and outcome.article_id.startswith("feed-1~")
        with store.engine.connect() as conn:
            article_ids = conn.execute(sa.select(schema.events.c.article_id)).scalars().all()
            event_ids = conn.execute(sa.select(schema.events.c.event_id)).scalars().all()
        assert sorted(article_ids) == sorted(["feed-1", outcome.article_id])
        assert len(set(event_ids)) == 2


def test_interrupted_write_leaves_no_half_article_and_rerun_stores_it(db_path: Path) -> None:
    first = make_result("a1", "Lake Times", "2024-05-06", [MARCH])
    second = make_result("a2", "Port Daily", "2024-03-02", [HOTEL, HOTEL_AGAIN])
    with Store.open(db_path) as store:
        store.add(first)

        # Ctrl-C arrives while the second article's mentions are being written.
        def interrupt(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
            if statement.lstrip().upper().startswith("INSERT INTO MENTIONS"):
                raise KeyboardInterrupt

        sa.event.listen(store.engine, "before_cursor_execute", interrupt)
        with pytest.raises(KeyboardInterrupt):
            store.add(second)
        sa.event.remove(store.engine, "before_cursor_execute", interrupt)
        assert store.counts() == {"articles": 1, "sentences": 1, "events": 1, "mentions": 1, "real_events": 1}

        assert store.add(second).stored
        assert store.counts()["articles"] == 2
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_not_a_database_file_is_a_clear_error(tmp_path: Path) -> None:
    text_file = tmp_path / "notes.db"
    text_file.write_text("shopping list\n")
    with pytest.raises(StoreError, match="not a gestae database"):
        Store.open(text_file)

    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + os.urandom(4000))
    with pytest.raises(StoreError, match="damaged.db"):
        Store.open(damaged)

    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(StoreError, match="invoices"):
        Store.open(foreign)

    with pytest.raises(StoreError, match="does not exist"):
        Store.open(tmp_path / "missing-folder" / "x.db")


def test_database_from_a_newer_gestae_is_refused(db_path: Path) -> None:
    Store.open(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("INSERT INTO schema_version VALUES (99, 'future', '2030-01-01 00:00:00')")
    with pytest.raises(StoreError, match="newer"):
        Store.open(db_path)


def _write_outlet(db: str, outlet: str, count: int) -> None:
    with Store.open(db) as store:
        for day in range(count):
            spec = dict(HOTEL, id=f"{outlet}-{day}", date=f"2024-03-{day + 1:02d}",
                        sentence=f"{outlet} reports that the Coastal Front stormed a hotel in Port Alder, day {day + 1}.")
            store.add(make_result(f"{outlet}-{day}", outlet, f"2024-03-{day + 1:02d}", [spec]))


def test_two_concurrent_ingests_serialise_and_link_across_processes(db_path: Path) -> None:
    Store.open(db_path).close()
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_write_outlet, args=(str(db_path), outlet, 12))
               for outlet in ("Lake Times", "Port Daily")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert [worker.exitcode for worker in workers] == [0, 0]
    with Store.open(db_path) as store:
        counts = store.counts()
        real_events = store.events()
    assert counts["articles"] == 24 and counts["events"] == 24
    # Each day's attack was reported once by each outlet: twelve real events with two sources each.
    assert counts["real_events"] == 12
    assert sorted(real.num_sources for real in real_events) == [2] * 12
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.fixture
def filled(db_path: Path) -> typing.Iterator[Store]:
    store = Store.open(db_path)
    store.add(make_result("p1", "Port Daily", "2024-03-01", [HOTEL]))
    store.add(make_result("p2", "Harbour Wire", "2024-03-02", [HOTEL_AGAIN]))
    store.add(make_result("l1", "Lake Times", "2024-05-06", [MARCH, PLANNED]))
    yield store
    store.close()


def _ids(store: Store, **filters: object) -> list[str]:
    return sorted(real.event.event_id for real in store.events(EventFilter(**filters)))


def test_query_returns_one_row_per_real_event_with_counts(filled: Store) -> None:
    real_events = filled.events()
    assert len(real_events) == 2  # the planned protest is not asserted
    hotel = next(real for real in real_events if real.event.event_type == "ASSAULT")
    assert (hotel.num_mentions, hotel.num_articles, hotel.num_sources) == (2, 2, 2)
    assert hotel.first_seen == dt.date(2024, 3, 1) and hotel.last_seen == dt.date(2024, 3, 2)
    assert hotel.sources == ["Port Daily", "Harbour Wire"] and hotel.fatalities == 5
    assert len(filled.events(per_record=True)) == 3


def test_query_filters(filled: Store) -> None:
    assert _ids(filled, types=("PROTEST",)) == ["l1-e0"]
    assert _ids(filled, types=("PROTEST",), modality=None) == ["l1-e0", "l1-e1"]
    assert _ids(filled, modality="planned") == ["l1-e1"]
    assert _ids(filled, country=("SOM",)) in (["p1-e0"], ["p2-e0"])
    assert _ids(filled, cameo=("19",)) == _ids(filled, country=("SOM",))
    assert _ids(filled, cameo=("14",)) == ["l1-e0"]
    assert _ids(filled, acled=("protests",)) == ["l1-e0"]
    assert _ids(filled, actor="coastal") == _ids(filled, country=("SOM",))
    assert _ids(filled, actor="ministry") == []
    assert _ids(filled, actor_country=("KEN",), sector=("GOV",)) == ["l1-e0"]
    assert _ids(filled, admin1="kisumu") == _ids(filled, admin1="KE-17") == ["l1-e0"]
    assert _ids(filled, bbox=(34.0, -1.0, 35.0, 0.0)) == ["l1-e0"]
    assert _ids(filled, since=dt.date(2024, 4, 1)) == ["l1-e0"]
    assert _ids(filled, until=dt.date(2024, 4, 1)) == _ids(filled, country=("SOM",))
    assert _ids(filled, min_sources=2) == _ids(filled, country=("SOM",))
    assert _ids(filled, text="siege") == _ids(filled, country=("SOM",))  # any report of the event matches
    assert _ids(filled, text="overdue AND pay") == ["l1-e0"]
    assert _ids(filled, text="zeppelin") == []


# --- PostgreSQL -------------------------------------------------------------------------------------


def _start_postgres() -> tuple[str, typing.Callable[[], None]] | str:
    """Start a throwaway server on a Unix socket; returns (admin URL, stop) or the reason it cannot."""
    initdb = shutil.which("initdb") or next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))), None)
    if initdb is None:
        return "no PostgreSQL server binaries (initdb) on this machine; set GESTAE_TEST_POSTGRES_URL to test one"
    bindir = Path(initdb).parent
    run_as: list[str] = []
    folder = Path(tempfile.mkdtemp(prefix="gestae-pg-", dir="/tmp"))
    if os.geteuid() == 0:  # the server refuses to run as root
        if shutil.which("runuser") is None:
            return "running as root and no runuser to start PostgreSQL as another user"
        try:
            shutil.chown(folder, user="postgres")
        except (LookupError, PermissionError):
            return "running as root and there is no 'postgres' user to start the server as"
        run_as = ["runuser", "-u", "postgres", "--"]
    data, port = folder / "data", "54329"
    try:
        subprocess.run([*run_as, str(bindir / "initdb"), "-D", str(data), "-U", "gestae", "--auth=trust"],
                       check=True, capture_output=True, timeout=120)
        subprocess.run([*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-w", "-l", str(folder / "log"),
                        "-o", f"-c listen_addresses='' -k {folder} -p {port}", "start"],
                       check=True, capture_output=True, timeout=120)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
        shutil.rmtree(folder, ignore_errors=True)
        return f"could not start a temporary PostgreSQL server: {error}"

    def stop() -> None:
        subprocess.run([*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)

    return f"postgresql://gestae@/postgres?host={folder}&port={port}", stop


@pytest.fixture(scope="module")
def postgres_admin_url() -> typing.Iterator[str]:
    pytest.importorskip("psycopg", reason="psycopg (the PostgreSQL driver) is not installed")
    given = os.environ.get("GESTAE_TEST_POSTGRES_URL")
    if given:
        yield given
        return
    started = _start_postgres()
    if isinstance(started, str):
        pytest.skip(started)
    url, stop = started
    try:
        yield url
    finally:
        stop()


@pytest.fixture
def postgres_url(postgres_admin_url: str) -> str:
    """A fresh, empty database on the test server."""
    name = f"gestae_test_{uuid.uuid4().hex[:8]}"
    admin = sa.make_url(postgres_admin_url).set(drivername="postgresql+psycopg")
    engine = sa.create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    engine.dispose()
    return admin.set(database=name, drivername="postgresql").render_as_string(hide_password=False)


def test_postgresql_store_round_trip(postgres_url: str) -> None:
    with Store.open(postgres_url) as store:
        assert store.schema_version == migrations.LATEST_VERSION
        for result in (make_result("p1", "Port Daily", "2024-03-01", [HOTEL]),
                       make_result("p2", "Harbour Wire", "2024-03-02", [HOTEL_AGAIN]),
                       make_result("l1", "Lake Times", "2024-05-06", [MARCH, PLANNED])):
            assert store.add(result).stored
        assert not store.add(make_result("p1", "Port Daily", "2024-03-01", [HOTEL])).stored
        assert store.counts()["real_events"] == 3
        hotel = store.events(EventFilter(types=("ASSAULT",)))
        assert len(hotel) == 1 and hotel[0].num_sources == 2
        assert _ids(store, text="siege") == _ids(store, country=("SOM",))
        assert _ids(store, actor="nurses", since=dt.date(2024, 5, 1)) == ["l1-e0"]
    # Reopening an existing PostgreSQL database migrates nothing and keeps the rows.
    with Store.open(postgres_url) as store:
        assert store.counts()["articles"] == 3
