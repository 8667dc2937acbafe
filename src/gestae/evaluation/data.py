"""Where the public gold standards live: `$GESTAE_SHARED_DATA`, else `../shared/data` beside the repository."""

from __future__ import annotations

import os
from pathlib import Path

SHARED_DATA_ENV = "GESTAE_SHARED_DATA"


def shared_data_dir() -> Path:
    configured = os.environ.get(SHARED_DATA_ENV)
    if configured:
        return Path(configured)
    repo = Path(__file__).resolve().parents[3]
    for candidate in (repo.parent / "shared" / "data", Path.cwd().parent / "shared" / "data"):
        if candidate.is_dir():
            return candidate
    return repo.parent / "shared" / "data"


def missing_reason(path: Path) -> str | None:
    """Why a gold file cannot be used, or None when it is there."""
    if path.is_file():
        return None
    return f"gold data not found at {path} (set {SHARED_DATA_ENV} or put the shared/ folder beside the repository)"
