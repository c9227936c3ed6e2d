"""The training scripts of the happening classifier and the type model reproduce the shipped models byte for
byte (needs the shared data and scikit-learn)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from conftest import ROOT, shared_path


@pytest.mark.shared
@pytest.mark.parametrize("script", ["train_happening.py", "train_type_model.py"])
def test_retraining_reproduces_the_shipped_model(script: str) -> None:
    if importlib.util.find_spec("sklearn") is None:
        pytest.skip("scikit-learn is not installed (pip install -e '.[train]')")
    data = shared_path("news", "saudinewsnet", "conflict_subset.jsonl").parents[2]
    res = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / script), "--data", str(data), "--check"],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    assert res.returncode == 0, res.stdout + res.stderr
    assert "byte for byte" in res.stdout
