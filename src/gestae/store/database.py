"""Opening a gestae database: SQLite file (default) or PostgreSQL URL, checked and migrated.

SQLite runs in WAL mode with foreign keys on and a busy timeout, and every write transaction starts
with `BEGIN IMMEDIATE` so that two ingests into one file queue for the write lock instead of failing
half-way. On PostgreSQL, writers serialise on an advisory lock held for the transaction (see `write.py`).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event as sa_event

from gestae.store import migrations

DEFAULT_DB = "gestae.db"
DB_ENV_VAR = "GESTAE_DB"
BUSY_TIMEOUT_SECONDS = 30.0
SQLITE_MAGIC = b"SQLite format 3\x00"
# Execution option that marks a connection's transactions as read-only (plain deferred BEGIN on SQLite).
READ_ONLY = "gestae_read_only"


class StoreError(Exception):
    """A database that cannot be used: wrong file, newer schema, unreachable server. Message is for users."""


def default_url() -> str:
    return os.environ.get(DB_ENV_VAR) or DEFAULT_DB


def normalise_url(target: str | Path) -> sa.URL:
    """`gestae.db`, `sqlite:///x.db` or `postgresql://user@host/db` -> a SQLAlchemy URL with our drivers."""
    text = str(target)
    if "://" not in text:
        return sa.URL.create("sqlite+pysqlite", database=str(Path(text).expanduser()))
    try:
        url = sa.make_url(text)
    except sa.exc.ArgumentError as error:
        raise StoreError(f"not a database URL: {text!r} ({error})") from None
    backend = url.get_backend_name()
    if backend == "sqlite":
        return url.set(drivername="sqlite+pysqlite")
    if backend in ("postgresql", "postgres"):
        return url.set(drivername="postgresql+psycopg")
    raise StoreError(f"unsupported database {backend!r}: use a SQLite file path or a postgresql:// URL")


def _check_sqlite_file(path: Path) -> None:
    """Fail early, in words, on a file that is not a SQLite database at all."""
    if not path.exists():
        if not path.parent.exists():
            raise StoreError(f"{path}: folder {path.parent} does not exist")
        return
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file")
    if path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if head != SQLITE_MAGIC:
        raise StoreError(f"{path} is not a gestae database (not a SQLite file; corrupt or some other format)")


def _configure_sqlite(engine: sa.Engine) -> None:
    @sa_event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Take transaction control away from pysqlite so that we can issue BEGIN IMMEDIATE ourselves.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @sa_event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        read_only = conn.get_execution_options().get(READ_ONLY, False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def create_engine(target: str | Path, *, create: bool = True) -> sa.Engine:
    url = normalise_url(target)
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            path = Path(url.database)
            _check_sqlite_file(path)
            if not create and not path.exists():
                raise StoreError(f"no database at {path}: create one with `gestae ingest ... --db {path}`")
        engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_SECONDS})
        _configure_sqlite(engine)
        return engine
    return sa.create_engine(url, pool_pre_ping=True)


def open_engine(target: str | Path, *, create: bool = True) -> sa.Engine:
    """Connect, verify that this is a gestae database (or an empty one), and apply pending migrations.

    With `create=False` a SQLite file that does not exist is an error instead of a new database.
    """
    engine = create_engine(target, create=create)
    where = _describe(engine)
    try:
        with engine.connect() as conn:
            conn.execution_options(**{READ_ONLY: True})
            version = migrations.applied_version(conn)
            if version == 0:
                foreign = sorted(set(sa.inspect(conn).get_table_names()) - {"schema_version"})
                if foreign:
                    raise StoreError(
                        f"{where} is not a gestae database: it has tables {', '.join(foreign[:5])} "
                        "but no gestae schema_version"
                    )
            elif version > migrations.LATEST_VERSION:
                raise StoreError(
                    f"{where} has schema version {version}, newer than this gestae understands "
                    f"({migrations.LATEST_VERSION}): upgrade gestae"
                )
        migrations.migrate(engine)
    except StoreError:
        engine.dispose()
        raise
    except sa.exc.DatabaseError as error:
        engine.dispose()
        raise StoreError(f"{where} cannot be used: {_first_line(error)}") from None
    return engine


def _describe(engine: sa.Engine) -> str:
    url = engine.url
    if url.get_backend_name() == "sqlite":
        return str(url.database)
    return url.render_as_string(hide_password=True)


def _first_line(error: sa.exc.DBAPIError) -> str:
    original = getattr(error, "orig", None) or error
    return str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__
