"""``khabar extract`` as a user runs it: files, stdin, JSONL, formats and documented exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khabar.cli import app

runner = CliRunner()
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "hasakah.txt"


def test_extract_file_json() -> None:
    res = runner.invoke(app, ["extract", str(EXAMPLE), "--published", "2015-04-19", "--outlet", "خبر", "--id", "a1"])
    assert res.exit_code == 0, res.output
    rec = json.loads(res.stdout)
    assert rec["id"] == "a1" and rec["doc"]["outlet"] == "خبر"


def test_extract_stdin_text_format() -> None:
    res = runner.invoke(app, ["extract", "-", "--format", "text"], input=EXAMPLE.read_text(encoding="utf-8"))
    assert res.exit_code == 0, res.output
    assert "Entities" in res.stdout


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        (b"", 3, "empty"),
        (b"This is English only text, not Arabic at all.", 3, "not Arabic"),
        (b"\x00\x01binary\x02", 3, "binary"),
        (b"\xc3\x28 bad utf8 \xa0\xa1", 3, "UTF-8"),
    ],
)
def test_bad_input_exit_codes(tmp_path: Path, content: bytes, code: int, message: str) -> None:
    f = tmp_path / "in.txt"
    f.write_bytes(content)
    res = runner.invoke(app, ["extract", str(f)])
    assert res.exit_code == code
    assert message in res.stderr and "Traceback" not in res.output


def test_missing_file_and_bad_date(tmp_path: Path) -> None:
    res = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert res.exit_code == 3 and "no such file" in res.stderr
    res = runner.invoke(app, ["extract", str(EXAMPLE), "--published", "21/07/2015"])
    assert res.exit_code == 3 and "not a date" in res.stderr


def test_too_large(tmp_path: Path) -> None:
    f = tmp_path / "big.txt"
    f.write_bytes("قال ".encode() * 600_000)
    res = runner.invoke(app, ["extract", str(f)])
    assert res.exit_code == 3 and "limit" in res.stderr


def _jsonl(tmp_path: Path, lines: list[str]) -> Path:
    f = tmp_path / "in.jsonl"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return f


GOOD = json.dumps(
    {
        "id": "g1",
        "title": "هجوم في الحسكة",
        "content": "قال مصدر إن هجوماً وقع أمس.",
        "date_extracted": "2015-07-21 02:51:32",
        "source": "aawsat",
    },
    ensure_ascii=False,
)
GOOD2 = json.dumps({"text": "أعلنت وزارة الدفاع مقتل 12 مسلحاً."}, ensure_ascii=False)


def test_jsonl_roundtrip_keeps_ids(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    res = runner.invoke(app, ["extract", "--jsonl", str(_jsonl(tmp_path, [GOOD, GOOD2])), "-o", str(out)])
    assert res.exit_code == 0, res.output
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in recs] == ["g1", "line-2"]
    assert recs[0]["doc"]["published"] == "2015-07-21" and recs[0]["doc"]["outlet"] == "aawsat"
    assert recs[0]["text"].startswith("هجوم في الحسكة\n\n")


@pytest.mark.parametrize(
    "bad", ["{not json", json.dumps({"id": 3}), "[1, 2]", json.dumps({"text": "English only here please"})]
)
def test_jsonl_bad_line_reports_line_number(tmp_path: Path, bad: str) -> None:
    f = _jsonl(tmp_path, [GOOD, bad, GOOD2])
    res = runner.invoke(app, ["extract", "--jsonl", str(f)])
    assert res.exit_code == 4 and "line 2" in res.stderr and "Traceback" not in res.output
    res = runner.invoke(app, ["extract", "--jsonl", str(f), "--skip-bad"])
    assert res.exit_code == 9  # some inputs failed (the others were extracted)
    assert len(res.stdout.strip().splitlines()) == 2 and "skipped" in res.stderr


def test_interrupted_output_leaves_existing_file(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("precious\n", encoding="utf-8")
    f = _jsonl(tmp_path, [GOOD, "{bad"])
    res = runner.invoke(app, ["extract", "--jsonl", str(f), "-o", str(out)])
    assert res.exit_code == 4
    assert out.read_text(encoding="utf-8") == "precious\n"


def test_ner_model_option(tmp_path: Path) -> None:
    res = runner.invoke(app, ["extract", str(EXAMPLE), "--ner-model", str(tmp_path / "missing.crfsuite")])
    assert res.exit_code == 6 and "NER model not found" in res.stderr
    from khabar.ner.crf import default_model_path

    res = runner.invoke(app, ["extract", str(EXAMPLE), "--ner-model", str(default_model_path())])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["entities"]


def test_text_report_shows_status_and_keeps_brackets(tmp_path: Path) -> None:
    # "[denied]" and "[1]" must not be swallowed as Rich markup.
    f = tmp_path / "a.txt"
    f.write_text("ونفى المرصد السوري لحقوق الإنسان وقوع اشتباكات داخل السجن [1].", encoding="utf-8")
    res = runner.invoke(app, ["extract", str(f), "--format", "text"])
    assert res.exit_code == 0, res.output
    assert "[denied]" in res.stdout


def test_jsonl_with_workers_is_the_same_output_in_the_same_order(tmp_path: Path) -> None:
    lines = [GOOD, "{bad", GOOD2, json.dumps({"text": "English only"})] + [
        json.dumps({"id": f"n{i}", "text": f"قال مصدر إن {i} مسلحين قتلوا في حلب."}, ensure_ascii=False)
        for i in range(8)
    ]
    f = _jsonl(tmp_path, lines)
    outs = {}
    for workers in ("1", "2"):
        out = tmp_path / f"out{workers}.jsonl"
        res = runner.invoke(app, ["extract", "--jsonl", str(f), "-o", str(out), "--skip-bad", "--workers", workers])
        assert res.exit_code == 9, res.output  # some inputs failed
        assert "12 read, 10 extracted, 2 failed (skipped)" in res.stderr and "line 2" in res.stderr
        outs[workers] = out.read_text(encoding="utf-8")
    assert outs["1"] == outs["2"]
    assert [json.loads(x)["id"] for x in outs["2"].splitlines()] == ["g1", "line-3"] + [f"n{i}" for i in range(8)]
    res = runner.invoke(app, ["extract", "--jsonl", str(f), "--workers", "2"])
    assert res.exit_code == 4 and "line 2" in res.stderr and "Traceback" not in res.output


def test_min_confidence_keeps_only_confident_events() -> None:
    base = ["extract", str(EXAMPLE), "--published", "2015-04-19"]
    every = json.loads(runner.invoke(app, base).stdout)["events"]
    assert every and all(0.5 <= ev["confidence"] <= 1.0 for ev in every)  # the classifier's probability
    cut = sorted(ev["confidence"] for ev in every)[len(every) // 2]
    res = runner.invoke(app, [*base, "--min-confidence", str(cut)])
    assert res.exit_code == 0, res.output
    kept = json.loads(res.stdout)["events"]
    assert kept and kept == [ev for ev in every if ev["confidence"] >= cut]
    assert runner.invoke(app, [*base, "--min-confidence", "1.5"]).exit_code == 2  # a usage error
