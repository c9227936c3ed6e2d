"""Every packaged data file is listed in lexicon/data/MANIFEST.md with its source (project rule)."""

from __future__ import annotations

import re
from pathlib import Path

import khabar.lexicon

DATA = Path(khabar.lexicon.__file__).parent / "data"


def _listed() -> set[str]:
    text = (DATA / "MANIFEST.md").read_text(encoding="utf-8")
    return set(re.findall(r"`([\w./-]+\.(?:tsv|yaml|gz|toml|json))`", text))


def test_every_data_file_is_in_the_manifest() -> None:
    files = {p.relative_to(DATA).as_posix() for p in DATA.rglob("*") if p.is_file() and p.name != "MANIFEST.md"}
    assert files, "no data files found"
    assert sorted(files - _listed()) == []


def test_the_manifest_lists_no_missing_file() -> None:
    """The first column of each table names files of the folder (a renamed file leaves no stale row)."""
    text = (DATA / "MANIFEST.md").read_text(encoding="utf-8")
    first_cells = re.findall(r"^\| ([^|]*`[^|]*) \|", text, flags=re.M)
    named = {n for cell in first_cells for n in re.findall(r"`([\w/-]+\.[\w.]+)`", cell)}
    assert named
    assert sorted(n for n in named if not (DATA / n).exists()) == []
