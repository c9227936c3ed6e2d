"""Issue 15, every path a clear message: output paths, encodings, non-files, PDF text, --version, usage
errors (exit 2) and help that shows flags as flags with an example per command."""

from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khabar.about import __version__
from khabar.cli import app

runner = CliRunner()
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "hasakah.txt"


def _db(tmp_path: Path) -> str:
    f = tmp_path / "in.txt"
    f.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'k.db'}"
    assert runner.invoke(app, ["ingest", str(f), "--db", db]).exit_code == 0
    return db


@pytest.mark.parametrize("where", ["dir", "missing/out.json", "file.txt/out.json", "/proc/khabar-out.json"])
@pytest.mark.parametrize("command", ["extract", "export"])
def test_unwritable_output_is_exit_3_and_leaves_no_temp_file(tmp_path: Path, where: str, command: str) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "dir").mkdir()
    (work / "file.txt").write_text("x", encoding="utf-8")
    target = where if where.startswith("/") else str(work / where)
    args = ["extract", str(EXAMPLE), "-o", target] if command == "extract" else [
        "export", "--db", _db(tmp_path), "--format", "plover", "-o", target]
    before = set(tmp_path.rglob("*"))
    res = runner.invoke(app, args)
    assert res.exit_code == 3, res.output
    assert res.stderr.startswith("khabar: error:") and "Traceback" not in res.output
    assert not [p for p in set(tmp_path.rglob("*")) - before if p.name.endswith(".part")]
    assert not list((work / "dir").iterdir())


@pytest.mark.parametrize("codec", ["utf-16", "utf-32", "utf-8-sig"])
def test_utf16_and_utf32_with_bom_are_read(tmp_path: Path, codec: str) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    f = tmp_path / "in.txt"
    f.write_bytes(text.encode(codec))
    res = runner.invoke(app, ["extract", str(f), "--id", "x"])
    assert res.exit_code == 0, res.output
    plain = runner.invoke(app, ["extract", str(EXAMPLE), "--id", "x"])
    assert json.loads(res.stdout) == json.loads(plain.stdout)


def test_utf16_without_bom_is_named(tmp_path: Path) -> None:
    f = tmp_path / "in.txt"
    f.write_bytes(EXAMPLE.read_text(encoding="utf-8").encode("utf-16-le"))
    res = runner.invoke(app, ["extract", str(f)])
    assert res.exit_code == 3 and "UTF-16 LE text without a byte order mark" in res.stderr


def test_directory_and_fifo_are_named(tmp_path: Path) -> None:
    res = runner.invoke(app, ["extract", str(tmp_path)])
    assert res.exit_code == 3 and "is a directory" in res.stderr
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for args in (["extract", str(fifo)], ["extract", "--jsonl", str(fifo)],
                 ["ingest", str(fifo), "--db", f"sqlite:///{tmp_path / 'k.db'}"]):
        res = runner.invoke(app, args)  # refused before opening it: no hang waiting for a writer
        assert res.exit_code == 3 and "is a FIFO (named pipe)" in res.stderr, args


def _presentation_forms(text: str) -> str:
    """The text as a PDF copy gives it: every letter as its isolated presentation form."""
    forms: dict[str, str] = {}
    for cp in range(0xFE70, 0xFF00):
        dec = unicodedata.decomposition(chr(cp)).split()
        if len(dec) == 2 and dec[0] == "<isolated>":
            forms.setdefault(chr(int(dec[1], 16)), chr(cp))
    return "".join(forms.get(c, c) for c in text)


def test_presentation_forms_are_arabic_and_found(tmp_path: Path) -> None:
    f = tmp_path / "pdf.txt"
    f.write_text(_presentation_forms("قتل 5 مدنيين في قصف على مدينة الحسكة يوم السبت."), encoding="utf-8")
    res = runner.invoke(app, ["extract", str(f)])
    assert res.exit_code == 0, res.output
    rec = json.loads(res.stdout)
    assert [e["geo"]["name"] for e in rec["entities"] if e["type"] == "LOC"] == ["Al Ḩasakah"]
    assert [e["type"] for e in rec["events"]] == ["ASSAULT"]


def test_version() -> None:
    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0 and res.stdout.strip() == f"khabar {__version__}"


@pytest.mark.parametrize(
    "args",
    [
        ["extract", "a.txt", "--jsonl", "b.jsonl"],
        ["extract", "--jsonl", "b.jsonl", "--format", "text"],
        ["extract", "a.txt", "--skip-bad"],
        ["extract"],
        ["ingest"],
        ["query", "--since", "last week"],
        ["query", "--source-kind", "rumour"],
        ["export", "--format", "plover", "-o", "x.jsonl", "--until", "2015/04"],
        ["export", "--format", "nope", "-o", "x.jsonl"],
        ["extract", "--no-such-option"],
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "a.txt").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.jsonl").write_text("{}\n", encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        res = runner.invoke(app, args)
    finally:
        os.chdir(cwd)
    assert res.exit_code == 2, res.output
    assert "Traceback" not in res.output


COMMANDS = ["extract", "ingest", "query", "export", "eval", "eval-ner", "tag", "train-ner", "serve"]


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_flags_as_flags_and_an_example(command: str) -> None:
    res = runner.invoke(app, [command, "--help"], terminal_width=100)
    assert res.exit_code == 0
    assert "<bool>" not in res.stdout
    assert f"Example: khabar {command} " in res.stdout


def test_root_help_lists_exit_codes_and_version() -> None:
    res = runner.invoke(app, ["--help"], terminal_width=100)
    assert "--version" in res.stdout and "<bool>" not in res.stdout
    assert "9 some inputs failed" in " ".join(res.stdout.split())


def test_query_output_strips_control_and_escape_characters(tmp_path: Path) -> None:
    # An outlet field holding terminal escape sequences (ESC, the one-byte C1 CSI, OSC with BEL) and markup.
    art = {"id": "e1", "outlet": "evil\x1b[2J\x1b]0;pwned\x07\x9b31m[bold]x[/bold]",
           "text": "قتل 5 مدنيين في قصف على مدينة الحسكة يوم السبت."}
    f = tmp_path / "in.jsonl"
    f.write_text(json.dumps(art, ensure_ascii=False) + "\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'k.db'}"
    assert runner.invoke(app, ["ingest", str(f), "--db", db]).exit_code == 0
    res = runner.invoke(app, ["query", "--db", db], terminal_width=200)
    assert res.exit_code == 0, res.output
    assert not any((0 <= ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F for c in res.stdout)
    assert "[bold]x[/bold]" in res.stdout  # brackets shown as written, not read as markup
    res = runner.invoke(app, ["extract", "-", "--format", "text",
                              "--outlet", "o\x1b[31m"], input=art["text"])
    assert res.exit_code == 0 and "\x1b" not in res.stdout
