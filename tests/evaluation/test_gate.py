"""The accuracy gate: the pipeline on the development gold set must not fall below eval/floors.toml.

Skips (with the reason) when eval/gold/dev holds no gold files yet, or when the shared data the
gold files refer to is absent. Raising a floor is a normal commit; lowering one needs a reason in
the commit message.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.evaluation import check_floors, evaluate, find_data_dir, load_floors, load_gold, run_pipeline
from khabar.evaluation.gold import gold_files
from khabar.evaluation.score import Report

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = ROOT / "eval" / "gold" / "dev"
FLOORS = ROOT / "eval" / "floors.toml"


def test_floors_file_names_known_scores() -> None:
    floors = load_floors(FLOORS)
    assert floors, "eval/floors.toml has no floors"
    checks = check_floors(evaluate([], {}), floors)  # raises on an unknown score name
    assert {c.name for c in checks} == set(floors)


def test_floors_are_pinned_to_the_dev_gold_set() -> None:
    from khabar.evaluation.floors import gold_digest, load_gold_digest

    if not GOLD_DIR.is_dir() or not gold_files(GOLD_DIR):
        pytest.skip(f"no gold files in {GOLD_DIR.relative_to(ROOT)}")
    assert load_gold_digest(FLOORS) == gold_digest(GOLD_DIR), (
        "eval/gold/dev changed: re-measure the floors and update [gold] digest in eval/floors.toml"
    )


def test_repository_gold_holds_no_article_text() -> None:
    """Gold files in the repository point at the article (text_ref); its text stays in ../shared/data."""
    files = gold_files(GOLD_DIR) if GOLD_DIR.is_dir() else []
    if not files:
        pytest.skip(f"no gold files in {GOLD_DIR.relative_to(ROOT)}")
    with_text = [d.origin for d in load_gold(GOLD_DIR) if d.text is not None or d.text_ref is None]
    assert not with_text, f"gold files with inline article text: {with_text}"


@pytest.fixture(scope="module")
def dev_report() -> Report:
    if not GOLD_DIR.is_dir() or not gold_files(GOLD_DIR):
        pytest.skip(f"no gold files in {GOLD_DIR.relative_to(ROOT)}: the accuracy gate is skipped")
    docs = load_gold(GOLD_DIR)
    data = find_data_dir(near=ROOT)
    if data is None and any(d.text_ref is not None for d in docs):
        pytest.skip("shared data not found (../shared/data or $KHABAR_SHARED_DATA): the accuracy gate is skipped")
    records, notes = run_pipeline(docs, data)
    return evaluate(docs, records, notes=notes)


def test_scores_at_or_above_floors(dev_report: Report) -> None:
    checks = check_floors(dev_report, load_floors(FLOORS))
    below = [f"{c.name} = {c.score if c.score is not None else 'n/a'} < floor {c.floor}" for c in checks if not c.ok]
    assert not below, f"scores below their floor on {dev_report.documents} dev documents: " + "; ".join(below)
