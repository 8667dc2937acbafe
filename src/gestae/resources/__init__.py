"""Versioned data files shipped with gestae. `resource_path` finds them inside the installed package."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def resource_path(*parts: str) -> Path:
    return Path(str(files("gestae.resources").joinpath(*parts)))


def read_tsv(*parts: str) -> list[list[str]]:
    """Rows of a tab-separated resource, skipping blank lines and `#` comments."""
    rows = []
    for line in resource_path(*parts).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows
