"""CoNLL reading and writing, Wojood flattening, and the conlleval-style scorer."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from khabar.errors import InputError
from khabar.training.conll import clean_tag, read_conll, read_conll_lines, read_wojood, write_conll
from khabar.training.scoring import chunks, score

SNIPPET = "فرانكفورت B-LOC\nأعلن O\nاتحاد B-ORG\nصناعة I-ORG\n\nقال O\nأوباما B-PERS\n"


def test_read_and_write_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(SNIPPET, encoding="utf-8")
    sents = read_conll(path)
    assert [s.tokens for s in sents] == [("فرانكفورت", "أعلن", "اتحاد", "صناعة"), ("قال", "أوباما")]
    assert sents[0].tags == ("B-LOC", "O", "B-ORG", "I-ORG")
    buf = io.StringIO()
    write_conll([(s.tokens, s.tags) for s in sents], buf)
    again = read_conll_lines(io.StringIO(buf.getvalue()))
    assert again == sents
    assert buf.getvalue().splitlines()[0] == "فرانكفورت\tB-LOC"


def test_untagged_tokens_get_o() -> None:
    assert read_conll_lines(["بغداد\n", "\n", "دمشق\n"])[1].tags == ("O",)


@pytest.mark.parametrize(
    ("tag", "clean"),
    [("B-PER", "B-PERS"), ("I-PERS", "I-PERS"), ("B-GPE", "B-LOC"), ("B-DATE", "O"), ("O", "O"), ("X", "O")],
)
def test_clean_tag(tag: str, clean: str) -> None:
    assert clean_tag(tag) == clean


def test_missing_and_binary_files(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        read_conll(tmp_path / "nope.txt")
    (tmp_path / "b.bin").write_bytes(b"\x00\x01\x02")
    with pytest.raises(InputError):
        read_conll(tmp_path / "b.bin")


def test_wojood_outermost_mapped_layer(tmp_path: Path) -> None:
    # Nested layers as Wojood writes them (outer first); OCC is not ours, so its inner ORG and GPE count.
    text = (
        "مجلس B-ORG\nالأمن I-ORG\nضد I-ORG\nالأسد I-ORG B-PERS\n$#$ O\n\n"
        "سكرتير B-OCC\nاللجنة I-OCC B-ORG\nالقومية I-OCC I-ORG\nفي I-OCC\nنابلس I-OCC B-GPE\n"
        "5 B-MONEY\nدولار I-MONEY B-CURR\nالمساهمين B-NORP\n\n"
        "حرصت O\nروسيا B-ORG\nعلى O\n"
    )
    path = tmp_path / "w.txt"
    path.write_text(text, encoding="utf-8")
    a, b, c = read_wojood(path)
    assert a.tokens == ("مجلس", "الأمن", "ضد", "الأسد")  # the $#$ separator is dropped
    assert a.tags == ("B-ORG", "I-ORG", "I-ORG", "I-ORG")
    assert b.tags == ("O", "B-ORG", "I-ORG", "O", "B-LOC", "O", "B-MISC", "O")
    assert c.tags == ("O", "B-LOC", "O")  # a country acting as an agent: ORG in Wojood, LOC in ANERcorp


def test_chunks_like_conlleval() -> None:
    assert chunks(["B-PERS", "I-PERS", "O", "I-LOC", "I-LOC", "B-LOC"]) == {
        (0, 2, "PERS"),
        (3, 5, "LOC"),
        (5, 6, "LOC"),
    }
    assert chunks(["B-ORG", "I-LOC"]) == {(0, 1, "ORG"), (1, 2, "LOC")}


def test_score_exact_phrases() -> None:
    s = score([["B-PERS", "I-PERS", "O", "B-LOC"]], [["B-PERS", "O", "O", "B-LOC"]])
    assert s.prf("LOC") == (1.0, 1.0, 1.0)
    assert s.prf("PERS") == (0.0, 0.0, 0.0)  # a boundary error is a miss and a false alarm
    assert s.prf()[2] == pytest.approx(0.5)
    assert s.macro_f1() == pytest.approx(0.5)


def test_real_corpora_parse() -> None:
    from conftest import shared_path

    anercorp = read_conll(shared_path("ner", "anercorp", "train.txt"))
    assert len(anercorp) > 3900 and sum(len(s.tokens) for s in anercorp) > 120_000
    wojood = read_wojood(shared_path("ner", "wojood_sample", "train.txt"))
    kinds = {t[2:] for s in wojood for t in s.tags if t != "O"}
    assert kinds == {"PERS", "ORG", "LOC", "MISC"}
