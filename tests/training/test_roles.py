"""The role tagger's training: the shipped model is rebuilt byte for byte by its script (fixed settings)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SHARED, shared_path
from khabar.events import roles

SCRIPT = ROOT / "scripts" / "train_role_tagger.py"


@pytest.mark.shared
def test_retraining_rebuilds_the_shipped_model_byte_for_byte(tmp_path: Path) -> None:
    shared_path("news", "saudinewsnet", "conflict_subset.jsonl")
    out = tmp_path / roles.MODEL_NAME
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--data", str(SHARED), "--out", str(out)],
        capture_output=True, text=True, timeout=1800, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert out.read_bytes() == roles.default_model_path().read_bytes()


def test_script_without_data_exits_77(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--data", str(tmp_path), "--out", str(tmp_path / "m.crfsuite")],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert done.returncode == 77
    assert "not found" in done.stderr
    assert not (tmp_path / "m.crfsuite").exists()
