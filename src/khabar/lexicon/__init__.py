"""Loading of packaged language data (TSV / YAML files in ``lexicon/data``, provenance in its MANIFEST.md)."""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib.resources import files
from typing import Any

import yaml

from khabar.errors import ResourceError


def data_text(name: str) -> str:
    """The text of ``lexicon/data/<name>``; a missing file raises ``ResourceError``."""
    try:
        return files("khabar.lexicon").joinpath("data", name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise ResourceError(f"packaged data file {name!r} is missing: {exc}") from None


@lru_cache(maxsize=64)
def load_tsv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a TSV file with a header line; lines starting with ``#`` are comments."""
    lines = [ln for ln in data_text(name).splitlines() if ln.strip() and not ln.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = []
    for i, row in enumerate(reader, start=2):
        if None in row or any(v is None for v in row.values()):
            raise ResourceError(f"{name}: line {i} has the wrong number of columns")
        rows.append({k: v.strip() for k, v in row.items()})
    return tuple(rows)


@lru_cache(maxsize=64)
def load_yaml(name: str) -> Any:
    """A parsed YAML data file."""
    try:
        return yaml.safe_load(data_text(name))
    except yaml.YAMLError as exc:
        raise ResourceError(f"{name}: invalid YAML: {exc}") from None
