"""conlleval-exact NER scores on hand-made CoNLL snippets (figures checked against conlleval.pl)."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.errors import RecordError
from khabar.evaluation.ner import TaggedToken, conlleval, read_gold_and_pred, read_three_column

DATA = Path(__file__).parent / "data"


def _sentences(text: str) -> list[list[TaggedToken]]:
    out: list[list[TaggedToken]] = [[]]
    for line in text.strip().splitlines():
        if not line.strip():
            out.append([])
            continue
        token, gold, pred = line.split()
        out[-1].append(TaggedToken(token, gold, pred))
    return [s for s in out if s]


def test_iob2_file_with_boundary_type_and_iob1_errors() -> None:
    # Gold phrases: PERS عبد…هادي, LOC عدن, LOC الرياض, ORG قوات التحالف, LOC صعدة.
    # Predicted: PERS cut short (wrong), LOC عدن (right), ORG for الرياض (wrong type),
    # ORG قوات التحالف (right), and I-LOC after O, which conlleval reads as a LOC start (right).
    report = conlleval(read_three_column(DATA / "conll_three_columns.txt"))
    assert (report.tokens, report.correct_tags) == (13, 10)
    assert (report.overall.gold, report.overall.found, report.overall.correct) == (5, 5, 3)
    assert report.overall.f1 == pytest.approx(0.6)
    loc, org, pers = report.by_type["LOC"], report.by_type["ORG"], report.by_type["PERS"]
    assert (loc.gold, loc.found, loc.correct, loc.f1) == (3, 2, 2, pytest.approx(0.8))
    assert (org.gold, org.found, org.correct, org.f1) == (1, 2, 1, pytest.approx(2 / 3))
    assert (pers.gold, pers.found, pers.correct, pers.f1) == (1, 1, 0, 0.0)
    macro = report.macro()
    assert macro["precision"] == pytest.approx(0.5)
    assert macro["recall"] == pytest.approx((2 / 3 + 1 + 0) / 3)
    assert macro["f1"] == pytest.approx((0.8 + 2 / 3 + 0) / 3)
    assert report.accuracy == pytest.approx(10 / 13)


def test_iob1_chunks_type_switch_and_sentence_boundary() -> None:
    text = """
محمد B-PER B-PER
علي I-PER B-PER
في O O
حلب I-LOC I-LOC
الجيش I-ORG I-LOC

دمشق I-LOC I-LOC
وريفها I-LOC I-LOC
"""
    report = conlleval(_sentences(text))
    # I-ORG after I-LOC starts a new gold phrase; the blank line ends a phrase even when the
    # next sentence starts with the same I- type. Only دمشق وريفها is right.
    assert (report.tokens, report.correct_tags) == (7, 5)
    assert (report.overall.gold, report.overall.found, report.overall.correct) == (4, 4, 1)
    assert {t: (s.gold, s.found, s.correct) for t, s in report.by_type.items()} == {
        "LOC": (2, 2, 1),
        "ORG": (1, 0, 0),
        "PER": (1, 2, 0),
    }


def test_perfect_and_empty() -> None:
    perfect = conlleval(_sentences("بغداد B-LOC B-LOC\nاليوم O O"))
    assert perfect.overall.f1 == 1.0 and perfect.accuracy == 1.0
    nothing = conlleval(_sentences("اليوم O O"))
    assert nothing.overall.f1 == 0.0 and nothing.by_type == {}


def test_gold_and_pred_files(tmp_path: Path) -> None:
    gold = tmp_path / "gold.txt"
    pred = tmp_path / "pred.txt"
    gold.write_text("قصف O\nحلب B-LOC\n\nأمس O\n", encoding="utf-8")
    pred.write_text("قصف\tO\nحلب\tB-LOC\nأمس\tO\n", encoding="utf-8")  # sentence breaks come from gold
    sentences = read_gold_and_pred(gold, pred)
    assert [[t.token for t in s] for s in sentences] == [["قصف", "حلب"], ["أمس"]]
    assert conlleval(sentences).overall.f1 == 1.0


@pytest.mark.parametrize(
    ("pred_text", "message"),
    [
        ("قصف O\nحلب B-LOC\n", "the prediction ends before"),
        ("قصف O\nحلب B-LOC\nأمس O\nاليوم O\n", "extra tokens from"),
        ("قصف O\nدمشق B-LOC\nأمس O\n", "token mismatch"),
    ],
)
def test_gold_and_pred_mismatch_names_lines(tmp_path: Path, pred_text: str, message: str) -> None:
    gold = tmp_path / "gold.txt"
    pred = tmp_path / "pred.txt"
    gold.write_text("قصف O\nحلب B-LOC\n\nأمس O\n", encoding="utf-8")
    pred.write_text(pred_text, encoding="utf-8")
    with pytest.raises(RecordError, match=message):
        read_gold_and_pred(gold, pred)


def test_two_column_file_without_pred_is_an_error(tmp_path: Path) -> None:
    f = tmp_path / "gold.txt"
    f.write_text("قصف O\nحلب B-LOC\n", encoding="utf-8")
    with pytest.raises(RecordError, match=r"gold.txt:1: .*--pred"):
        read_three_column(f)
