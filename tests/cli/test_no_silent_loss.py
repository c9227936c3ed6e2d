"""Issue 15, no silent loss: a bad JSONL line is reported with its number, the run goes on to the next line,
the summary counts read/stored/skipped/failed, and the exit code says that some inputs failed (9)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khabar.cli import app
from khabar.errors import EXIT_SOME_INPUTS_FAILED

runner = CliRunner()

ARTICLE = "قال مصدر عسكري إن اشتباكات عنيفة اندلعت في مدينة الحسكة بين القوات الحكومية ومسلحين. رقم {}"

# Each of these ended the reading of the whole file (ingest: "1 new … 1 failed", exit 0) or gave a
# traceback (extract --jsonl --skip-bad) before.
HOSTILE = {
    "lone surrogate": '{"id": "s", "text": "' + ARTICLE.format(0) + ' \\ud800"}',
    "lone low surrogate in a key": '{"\\udc00": 1, "text": "' + ARTICLE.format(0) + '"}',
    "deep nesting": '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}",
    "huge integer": '{"id": "n", "text": "' + ARTICLE.format(0) + '", "n": ' + "9" * 5000 + "}",
    "invalid JSON": '{"id": "x", "text": ',
}


def _file(tmp_path: Path, bad: str, n: int = 10) -> Path:
    lines = [json.dumps({"id": f"a{i}", "text": ARTICLE.format(i)}, ensure_ascii=False) for i in range(n)]
    lines[1] = bad
    f = tmp_path / "in.jsonl"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return f


@pytest.mark.parametrize("bad", HOSTILE.values(), ids=HOSTILE.keys())
def test_ingest_reports_the_bad_line_and_reads_the_rest(tmp_path: Path, bad: str) -> None:
    f = _file(tmp_path, bad)
    res = runner.invoke(app, ["ingest", str(f), "--db", f"sqlite:///{tmp_path / 'k.db'}"])
    assert res.exit_code == EXIT_SOME_INPUTS_FAILED, res.output
    assert f"{f}:2:" in res.stderr and "Traceback" not in res.output
    assert "10 read, 9 stored (9 new, 0 updated), 0 skipped (already stored), 1 failed" in res.stderr


@pytest.mark.parametrize("bad", HOSTILE.values(), ids=HOSTILE.keys())
def test_extract_skip_bad_reports_the_line_and_goes_on(tmp_path: Path, bad: str) -> None:
    f = _file(tmp_path, bad)
    out = tmp_path / "out.jsonl"
    res = runner.invoke(app, ["extract", "--jsonl", str(f), "--skip-bad", "-o", str(out)])
    assert res.exit_code == EXIT_SOME_INPUTS_FAILED, res.output
    assert "line 2:" in res.stderr and "Traceback" not in res.output
    assert "10 read, 9 extracted, 1 failed" in res.stderr
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == [
        f"a{i}" for i in range(10) if i != 1
    ]
    # without --skip-bad the first bad line stops the run with exit 4 and names the line
    res = runner.invoke(app, ["extract", "--jsonl", str(f)])
    assert res.exit_code == 4 and "line 2:" in res.stderr and "Traceback" not in res.output


def test_ingest_where_every_input_failed_is_not_success(tmp_path: Path) -> None:
    f = tmp_path / "bad.jsonl"
    f.write_text("not json\n{\"text\": \"English only\"}\n", encoding="utf-8")
    res = runner.invoke(app, ["ingest", str(f), "--db", f"sqlite:///{tmp_path / 'k.db'}"])
    assert res.exit_code == EXIT_SOME_INPUTS_FAILED
    assert "2 read, 0 stored (0 new, 0 updated), 0 skipped (already stored), 2 failed" in res.stderr


def test_a_clean_ingest_still_exits_0_and_a_rerun_counts_skips(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"a{i}", "text": ARTICLE.format(i)}, ensure_ascii=False) for i in range(3)]
    f = tmp_path / "in.jsonl"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'k.db'}"
    assert runner.invoke(app, ["ingest", str(f), "--db", db]).exit_code == 0
    res = runner.invoke(app, ["ingest", str(f), "--db", db])
    assert res.exit_code == 0 and "3 read, 0 stored (0 new, 0 updated), 3 skipped" in res.stderr


@pytest.mark.parametrize("url", ["", "  ", "sqlite://", "sqlite:///", "sqlite:///:memory:"])
def test_ingest_refuses_a_database_that_keeps_nothing(tmp_path: Path, url: str) -> None:
    f = _file(tmp_path, json.dumps({"text": ARTICLE.format(1)}, ensure_ascii=False), n=2)
    res = runner.invoke(app, ["ingest", str(f), "--db", url])
    assert res.exit_code == 7, res.output
    assert "khabar: error:" in res.stderr and ("empty" in res.stderr or "in-memory" in res.stderr)


def test_read_only_url_is_honoured_never_written(tmp_path: Path) -> None:
    f = _file(tmp_path, json.dumps({"text": ARTICLE.format(1)}, ensure_ascii=False), n=2)
    path = tmp_path / "k.db"
    assert runner.invoke(app, ["ingest", str(f), "--db", f"sqlite:///{path}"]).exit_code == 0
    before = path.read_bytes()
    g = tmp_path / "more.jsonl"
    g.write_text(json.dumps({"text": ARTICLE.format(99)}, ensure_ascii=False) + "\n", encoding="utf-8")
    res = runner.invoke(app, ["ingest", str(g), "--db", f"sqlite:///{path}?mode=ro"])
    assert res.exit_code == 7 and "read only" in res.stderr
    res = runner.invoke(app, ["query", "--db", f"sqlite:///{path}?mode=ro", "--json"])
    assert res.exit_code == 0, res.output
    assert len(res.stdout.splitlines()) == 2
    assert path.read_bytes() == before
    res = runner.invoke(app, ["query", "--db", f"sqlite:///{tmp_path / 'none.db'}?mode=ro"])
    assert res.exit_code == 7 and "no database" in res.stderr
    res = runner.invoke(app, ["query", "--db", f"sqlite:///{path}?cache=shared"])
    assert res.exit_code == 7 and "unknown SQLite URL option" in res.stderr
