import pytest

from khabar.arabic.tokenize import tokenize


def test_punctuation_is_not_swallowed() -> None:
    toks = tokenize("الحسكة، القامشلي؛ دير الزور؟")
    assert [t.text for t in toks] == ["الحسكة", "،", "القامشلي", "؛", "دير", "الزور", "؟"]
    assert [t.kind for t in toks][:2] == ["word", "punct"]


def test_offsets_index_original_text() -> None:
    text = "نقلت القوات نحو ٦٠ مقاتلاً إلى حقل العمر."
    for t in tokenize(text):
        assert text[t.start : t.end] == t.text


@pytest.mark.parametrize(
    ("text", "kind", "norm"),
    [("٦٠", "number", "60"), ("12,000", "number", "12,000"), ("3.5", "number", "3.5"), ("ISIS", "latin", "isis")],
)
def test_number_and_latin_tokens(text: str, kind: str, norm: str) -> None:
    (tok,) = tokenize(text)
    assert (tok.kind, tok.norm) == (kind, norm)


@pytest.mark.parametrize(
    ("word", "prefix", "stem"),
    [("والقامشلي", "وال", "قامشلي"), ("بالحسكة", "بال", "حسكه"), ("لـتحالف", "ل", "تحالف")],
)
def test_default_reading_strips_proclitics(word: str, prefix: str, stem: str) -> None:
    (tok,) = tokenize(word)
    assert (tok.prefix, tok.stem) == (prefix, stem)


def test_tatweel_stays_inside_word() -> None:
    assert [t.text for t in tokenize("لـتحالف")] == ["لـتحالف"]
