"""``khabar tag`` and ``khabar train-ner`` as a user runs them, with their documented exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khabar.cli import app
from khabar.training.conll import TAGS

runner = CliRunner()

CONLL = "قال O\nالرئيس O\nالأمريكي O\nباراك B-PERS\nأوباما I-PERS\nفي O\nواشنطن B-LOC\n\nوصل\nالوفد\nإلى\nالقاهرة\n"


def _rows(out: str) -> list[list[str]]:
    return [line.split("\t") for line in out.splitlines()]


def test_tag_conll_file_keeps_tokens_and_order(tmp_path: Path) -> None:
    path = tmp_path / "test.txt"
    path.write_text(CONLL, encoding="utf-8")
    res = runner.invoke(app, ["tag", "--conll", str(path)])
    assert res.exit_code == 0, res.output
    rows = _rows(res.stdout.rstrip("\n"))  # a blank line closes the last sentence too
    assert [r[0] if r != [""] else "" for r in rows] == [ln.split(" ")[0] for ln in CONLL.splitlines()]
    tags = [r[1] for r in rows if len(r) == 2]
    assert all(t in TAGS for t in tags)
    assert tags[3:5] == ["B-PERS", "I-PERS"] and tags[6] == "B-LOC"
    assert tags[-1] == "B-LOC"  # القاهرة; the untagged second sentence is tagged too


def test_tag_conll_stdin_to_output_file(tmp_path: Path) -> None:
    out = tmp_path / "out.tsv"
    res = runner.invoke(app, ["tag", "--conll", "-", "-o", str(out)], input=CONLL)
    assert res.exit_code == 0, res.output
    text = out.read_text(encoding="utf-8")
    assert text.count("\n\n") == 2 and text.startswith("قال\t")


def test_tag_raw_article() -> None:
    res = runner.invoke(app, ["tag", "-"], input="قال الرئيس الأمريكي باراك أوباما في واشنطن.")
    assert res.exit_code == 0, res.output
    rows = [r for r in _rows(res.stdout) if len(r) == 2]
    assert ["واشنطن", "B-LOC"] in rows and rows[-1] == [".", "O"]


@pytest.mark.parametrize(
    ("setup", "args"),
    [
        (None, ["tag", "--conll", "/nonexistent/file.txt"]),
        ("binary", ["tag", "--conll", "{path}"]),
        ("latin1", ["tag", "--conll", "{path}"]),
        (None, ["tag", "--conll", "-", "--ner-model", "/nonexistent/model"]),
        (None, ["train-ner", "--anercorp", "/nonexistent/train.txt"]),
    ],
)
def test_bad_input_is_one_line_exit_3(tmp_path: Path, setup: str | None, args: list[str]) -> None:
    path = tmp_path / "in.txt"
    if setup == "binary":
        path.write_bytes(b"\x00\x01PK\x03\x04")
    elif setup == "latin1":
        path.write_bytes("caf\u00e9 O\n".encode("latin-1"))
    res = runner.invoke(app, [a.replace("{path}", str(path)) for a in args], input="بغداد\n")
    assert res.exit_code == 3, res.output
    assert res.stderr.startswith("khabar: error:") and res.stderr.count("\n") == 1


def test_broken_model_file_exit_6(tmp_path: Path) -> None:
    bad = tmp_path / "bad.crfsuite"
    bad.write_bytes(b"garbage")
    res = runner.invoke(app, ["tag", "--conll", "-", "--ner-model", str(bad)], input="بغداد\n")
    assert res.exit_code == 6, res.output


SYNTHETIC = [
    ("زار {p} مدينة {l} أمس", "O B-PERS O B-LOC O"),
    ("قال {p} إن {o} تعمل في {l}", "O B-PERS O B-ORG O O B-LOC"),
    ("وصل {p} إلى {l}", "O B-PERS O B-LOC"),
]
PEOPLE = ["أحمد", "سمير", "خالد", "نبيل", "هشام", "عادل"]
PLACES = ["حلب", "حمص", "الموصل", "البصرة", "عدن", "صنعاء"]
ORGS = ["أرامكو", "سابك", "اليونسكو", "فيفا", "نيسان", "سوني"]


def _synthetic_corpus(path: Path) -> None:
    lines = []
    for i in range(60):
        template, tags = SYNTHETIC[i % len(SYNTHETIC)]
        words = template.format(p=PEOPLE[i % 6], l=PLACES[(i * 5) % 6], o=ORGS[(i * 7) % 6]).split()
        lines.extend(f"{w} {t}" for w, t in zip(words, tags.split(), strict=True))
        lines.append("")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_train_ner_on_a_tiny_corpus_makes_a_working_model(tmp_path: Path) -> None:
    corpus = tmp_path / "train.txt"
    _synthetic_corpus(corpus)
    model = tmp_path / "tiny.crfsuite"
    res = runner.invoke(app, ["train-ner", "--anercorp", str(corpus), "-o", str(model), "--max-iterations", "30"])
    assert res.exit_code == 0, res.output
    assert model.is_file()
    info = json.loads(model.with_suffix(".json").read_text(encoding="utf-8"))
    assert info["training_data"]["anercorp"]["sentences"] == 60 and info["params"]["max_iterations"] == 30
    res = runner.invoke(app, ["tag", "--conll", "-", "--ner-model", str(model)], input="زار\nكريم\nمدينة\nحماة\nأمس\n")
    assert res.exit_code == 0, res.output
    assert [r[1] for r in _rows(res.stdout) if len(r) == 2] == ["O", "B-PERS", "O", "B-LOC", "O"]


def test_train_ner_cross_validation_report(tmp_path: Path) -> None:
    corpus = tmp_path / "train.txt"
    report = tmp_path / "cv.json"
    args = ["--anercorp", str(corpus), "--cv", "3", "--max-iterations", "20", "--report", str(report)]
    _synthetic_corpus(corpus)
    res = runner.invoke(app, ["train-ner", *args])
    assert res.exit_code == 0, res.output
    summary = json.loads(report.read_text(encoding="utf-8"))
    assert summary["folds"] == 3 and set(summary["per_type"]) == {"PERS", "LOC", "ORG"}
    assert summary["per_type"]["LOC"]["f1"] > 0.5
    assert "macro F1" in res.stdout


@pytest.mark.parametrize("article", ["", "This is an English sentence, not an Arabic article."])
def test_tag_raw_article_must_be_arabic(article: str) -> None:
    res = runner.invoke(app, ["tag", "-"], input=article)
    assert res.exit_code == 3, res.output
    assert res.stderr.startswith("khabar: error:")
