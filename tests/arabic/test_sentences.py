from khabar.arabic.sentences import split_sentences
from khabar.model import Span


def _texts(text: str, headline: Span | None = None) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text, headline)]


def test_full_stop_and_question_mark_end_sentences_comma_does_not() -> None:
    text = "قال المصدر إن الهجوم وقع، وأضاف أن القتلى ثلاثة. هل انتهت المعركة؟ لا."
    assert _texts(text) == [
        "قال المصدر إن الهجوم وقع، وأضاف أن القتلى ثلاثة.",
        "هل انتهت المعركة؟",
        "لا.",
    ]


def test_quotes_keep_inner_full_stop() -> None:
    text = "وقال الوزير «نحن مستعدون. لن نتراجع» ثم غادر. انتهى الاجتماع."
    assert _texts(text) == ["وقال الوزير «نحن مستعدون. لن نتراجع» ثم غادر.", "انتهى الاجتماع."]


def test_lines_bullets_and_headline() -> None:
    text = "عنوان الخبر\n\n- البند الأول\n- البند الثاني\nنص الخبر هنا"
    sents = split_sentences(text, Span(0, 11))
    assert [text[s.start : s.end] for s in sents] == ["عنوان الخبر", "البند الأول", "البند الثاني", "نص الخبر هنا"]
    assert [s.headline for s in sents] == [True, False, False, False]


def test_decimal_and_abbreviation_do_not_split() -> None:
    assert _texts("بلغت النسبة 3.5 بالمئة حسب د. محمد.") == ["بلغت النسبة 3.5 بالمئة حسب د. محمد."]
