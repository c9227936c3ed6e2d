"""scripts/train_type_model.py reproduces the shipped type model byte for byte (needs the shared data)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from conftest import ROOT, shared_path


@pytest.mark.shared
def test_retraining_reproduces_the_shipped_type_model() -> None:
    if importlib.util.find_spec("sklearn") is None:
        pytest.skip("scikit-learn is not installed (pip install -e '.[train]')")
    data = shared_path("news", "saudinewsnet", "conflict_subset.jsonl").parents[2]
    res = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "train_type_model.py"), "--data", str(data), "--check"],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    assert res.returncode == 0, res.stdout + res.stderr
    assert "byte for byte" in res.stdout


def test_groups_need_enough_changes() -> None:
    from khabar.training.happening import Row
    from khabar.training.retype import MIN_CHANGES, group_rows

    def row(i: int, kind: str) -> Row:
        return Row(f"snn{i}-1", i, False, True, kind, "COERCE", None, {"with=ASSAULT": 1.0})

    few = [row(i, "ASSAULT") for i in range(MIN_CHANGES - 1)] + [row(100 + i, "COERCE") for i in range(20)]
    assert group_rows(few) == {}
    enough = [*few, row(200, "ASSAULT")]
    classes, rows = group_rows(enough)["COERCE"]
    assert classes == ["ASSAULT", "COERCE"] and len(rows) == len(enough)
