"""Numbered schema migrations, applied in order inside one transaction each.

A database records every migration it has run in `schema_version`; opening it runs the ones it lacks.
To change the schema, append a `Migration` with the next number: never edit one that has shipped.
(Migration 1 builds the tables from `schema.metadata`; the first migration that alters a table must
also freeze migration 1 into the DDL it had, so old and new databases end up the same.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa

from gestae.store import schema


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[sa.Connection], None]


def _create_core_tables(conn: sa.Connection) -> None:
    tables = [t for t in schema.metadata.sorted_tables if t.name != "schema_version"]
    schema.metadata.create_all(conn, tables=tables)


def _create_full_text_index(conn: sa.Connection) -> None:
    # FTS5 is SQLite's; PostgreSQL searches `events.evidence` with to_tsvector at query time.
    if conn.dialect.name != "sqlite":
        return
    fts = schema.EVENTS_FTS
    conn.exec_driver_sql(
        f"CREATE VIRTUAL TABLE {fts} USING fts5("
        "evidence, trigger_text, content='events', content_rowid='pk', tokenize='unicode61 remove_diacritics 2')"
    )
    conn.exec_driver_sql(
        f"CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN "
        f"INSERT INTO {fts}(rowid, evidence, trigger_text) VALUES (new.pk, new.evidence, new.trigger_text); END"
    )
    conn.exec_driver_sql(
        f"CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, evidence, trigger_text) "
        f"VALUES ('delete', old.pk, old.evidence, old.trigger_text); END"
    )
    conn.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, sentences, events, mentions and clusters", _create_core_tables),
    Migration(2, "full-text index over event evidence (SQLite FTS5)", _create_full_text_index),
)

LATEST_VERSION = MIGRATIONS[-1].version


def applied_version(conn: sa.Connection) -> int:
    """The highest migration recorded in the database (0 for a new one)."""
    if not sa.inspect(conn).has_table("schema_version"):
        return 0
    found = conn.execute(sa.select(sa.func.max(schema.schema_version.c.version))).scalar()
    return int(found or 0)


def migrate(engine: sa.Engine) -> list[int]:
    """Bring the database up to `LATEST_VERSION`; returns the versions applied now.

    Each migration and its `schema_version` row commit together, so an interrupted upgrade resumes
    at the first migration that did not finish.
    """
    with engine.begin() as conn:
        schema.schema_version.create(conn, checkfirst=True)
    done: list[int] = []
    for migration in MIGRATIONS:
        with engine.begin() as conn:
            # Re-read under the write lock: another process may have migrated while we waited.
            if applied_version(conn) >= migration.version:
                continue
            migration.apply(conn)
            conn.execute(
                schema.schema_version.insert().values(
                    version=migration.version,
                    description=migration.description,
                    applied_at=dt.datetime.now(dt.timezone.utc),
                )
            )
            done.append(migration.version)
    return done
