"""``khabar eval`` and ``khabar eval-ner`` as a user runs them: output, JSON, floors and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khabar.cli import app

runner = CliRunner()
DATA = Path(__file__).resolve().parents[1] / "evaluation" / "data"
GOLD = str(DATA / "gold_synthetic.jsonl")
SYSTEM = str(DATA / "system_synthetic.jsonl")


def test_eval_table_and_errors() -> None:
    res = runner.invoke(app, ["eval", GOLD, "--system", SYSTEM, "--errors"])
    assert res.exit_code == 0, res.output
    assert "entities" in res.stdout and "62.5" in res.stdout
    assert "event place" in res.stdout and "synthetic-b" in res.stdout and "اليمن" in res.stdout


def test_eval_json() -> None:
    res = runner.invoke(app, ["eval", GOLD, "--system", SYSTEM, "--json", "--errors"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["documents"] == 2
    assert out["scores"]["entities.f1"] == 0.625
    assert out["prf"]["events.typed"] == {"tp": 2, "fp": 2, "fn": 1, "precision": 0.5, "recall": 0.6667, "f1": 0.5714}
    assert out["accuracy"]["times.value"] == {"correct": 1, "total": 2, "accuracy": 0.5}
    missed = {"doc": "synthetic-a", "layer": "entity", "kind": "missed", "text": "اليمن", "detail": "LOC"}
    assert missed in out["errors"]


def test_eval_runs_the_pipeline_on_inline_text_and_saves_its_records(tmp_path: Path) -> None:
    saved = tmp_path / "system.jsonl"
    res = runner.invoke(app, ["eval", GOLD, "--json", "--save-system", str(saved)])
    assert res.exit_code == 0, res.output
    first = json.loads(res.stdout)
    assert first["documents"] == 2
    lines = saved.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["synthetic-a", "synthetic-b"]
    again = runner.invoke(app, ["eval", GOLD, "--json", "--system", str(saved)])
    assert json.loads(again.stdout)["scores"] == first["scores"]


def test_floors(tmp_path: Path) -> None:
    ok = tmp_path / "ok.toml"
    ok.write_text('[floors]\n"entities.f1" = 0.6\n"events.place.accuracy" = 1.0\n', encoding="utf-8")
    res = runner.invoke(app, ["eval", GOLD, "--system", SYSTEM, "--floors", str(ok)])
    assert res.exit_code == 0, res.output
    high = tmp_path / "high.toml"
    high.write_text('[floors]\n"entities.f1" = 0.7\n', encoding="utf-8")
    res = runner.invoke(app, ["eval", GOLD, "--system", SYSTEM, "--floors", str(high)])
    assert res.exit_code == 8 and "entities.f1 62.5 < 70.0" in res.stderr
    bad = tmp_path / "bad.toml"
    bad.write_text('[floors]\n"entity.f1" = 0.7\n', encoding="utf-8")
    res = runner.invoke(app, ["eval", GOLD, "--system", SYSTEM, "--floors", str(bad)])
    assert res.exit_code == 3 and "unknown score name" in res.stderr


@pytest.mark.parametrize(
    ("setup", "code", "message"),
    [
        ("missing", 3, "no such file"),
        ("malformed", 4, "invalid JSON"),
        ("empty_dir", 3, "no gold documents"),
        ("no_data", 77, "shared data folder"),
    ],
)
def test_eval_exit_codes(tmp_path: Path, setup: str, code: int, message: str) -> None:
    target = tmp_path / "gold.jsonl"
    args: list[str] = []
    if setup == "malformed":
        target.write_text("{not json\n", encoding="utf-8")
    elif setup == "empty_dir":
        target = tmp_path / "empty"
        target.mkdir()
    elif setup == "no_data":
        ref = {"id": "x", "text_ref": {"path": "news/none.jsonl", "line": 1, "url": "u"}}
        target.write_text(json.dumps(ref) + "\n", encoding="utf-8")
        args = ["--data", str(tmp_path / "absent")]
    res = runner.invoke(app, ["eval", str(target), *args])
    assert res.exit_code == code, res.output
    assert message in res.stderr and "Traceback" not in res.output


def test_eval_data_absent_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ref = {"id": "x", "text_ref": {"path": "news/none.jsonl", "line": 1, "url": "u"}}
    target = tmp_path / "gold.json"
    target.write_text(json.dumps(ref), encoding="utf-8")
    monkeypatch.setenv("KHABAR_SHARED_DATA", str(tmp_path / "absent"))
    res = runner.invoke(app, ["eval", str(target)])
    assert res.exit_code == 77 and "KHABAR_SHARED_DATA" in res.stderr


def test_eval_ner_three_columns_and_json() -> None:
    conll = str(DATA / "conll_three_columns.txt")
    res = runner.invoke(app, ["eval-ner", conll])
    assert res.exit_code == 0, res.output
    assert "processed 13 tokens with 5 phrases; found: 5 phrases; correct: 3." in res.stdout
    assert "micro" in res.stdout and "macro" in res.stdout
    res = runner.invoke(app, ["eval-ner", conll, "--json"])
    out = json.loads(res.stdout)
    assert out["micro"]["f1"] == 0.6 and out["by_type"]["LOC"]["f1"] == 0.8 and out["accuracy"] == 0.7692


def test_eval_ner_pred_and_errors(tmp_path: Path) -> None:
    gold = tmp_path / "gold.txt"
    pred = tmp_path / "pred.txt"
    gold.write_text("قصف O\nحلب B-LOC\n", encoding="utf-8")
    pred.write_text("قصف\tO\nحلب\tB-LOC\n", encoding="utf-8")
    res = runner.invoke(app, ["eval-ner", str(gold), "--pred", str(pred), "--json"])
    assert res.exit_code == 0 and json.loads(res.stdout)["micro"]["f1"] == 1.0
    res = runner.invoke(app, ["eval-ner", str(gold)])
    assert res.exit_code == 4 and "gold.txt:1" in res.stderr and "--pred" in res.stderr
    pred.write_text("قصف\tO\nدمشق\tB-LOC\n", encoding="utf-8")
    res = runner.invoke(app, ["eval-ner", str(gold), "--pred", str(pred)])
    assert res.exit_code == 4 and "gold.txt:2" in res.stderr and "pred.txt:2" in res.stderr
    res = runner.invoke(app, ["eval-ner", str(tmp_path / "nope.txt")])
    assert res.exit_code == 3 and "no such file" in res.stderr
