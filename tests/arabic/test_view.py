"""Text as users paste it: invisible characters, Unicode spaces and PDF presentation forms inserted into
real names, places, dates, numbers and cues give the same record as the clean text."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest

import khabar
from khabar.arabic.normalize import fold_for_matching, normalize

# (text, published, words to disturb): an organization and its cue, an armed group, a place, a relative
# date and a count; a ministry, a full date with a Levantine/Gregorian month pair, a coalition, a town and
# an approximate number; a cue, a named person, a weekday, a number word.
ARTICLES = [
    (
        "قال المرصد السوري لحقوق الإنسان إن تنظيم داعش هاجم مدينة الحسكة أمس وقتل 12 مدنياً.",
        "2020-05-05",
        ["قال", "المرصد", "لحقوق", "داعش", "الحسكة", "أمس", "12"],
    ),
    (
        "وأعلنت وزارة الدفاع التركية يوم 13 نيسان/أبريل 2019 أن طائرات التحالف قصفت مواقع في مدينة عفرين، "
        "ما أدى إلى مقتل نحو 30 مسلحاً.",
        "2019-04-14",
        ["وزارة", "نيسان", "2019", "التحالف", "عفرين", "مسلحاً"],
    ),
    (
        "وقال الناطق باسم الجيش العراقي يحيى رسول إن قوات الأمن اعتقلت أكثر من عشرين مشتبهاً به في الموصل "
        "يوم الثلاثاء الماضي.",
        "2019-04-14",
        ["وقال", "العراقي", "يحيى", "رسول", "عشرين", "الموصل", "الثلاثاء"],
    ),
]

INVISIBLE = {
    "ZWNJ": "\u200c",
    "ZWJ": "\u200d",
    "ZWSP": "\u200b",
    "LRM": "\u200e",
    "RLM": "\u200f",
    "BOM": "\ufeff",
    "RLO": "\u202e",
    "LRE": "\u202a",
    "LRI": "\u2066",
    "RLI": "\u2067",
    "FSI": "\u2068",
    "PDI": "\u2069",
    "SHY": "\u00ad",
    "ALM": "\u061c",
    "WJ": "\u2060",
    "TATWEEL": "\u0640",
}
SPACES = {
    "NBSP": "\u00a0",
    "EN SPACE": "\u2002",
    "THIN SPACE": "\u2009",
    "HAIR SPACE": "\u200a",
    "NARROW NBSP": "\u202f",
    "MEDIUM MATH SPACE": "\u205f",
    "IDEOGRAPHIC SPACE": "\u3000",
}


def _inside(word: str, ch: str) -> str:
    """``ch`` after the first letter of ``word`` (for the tatweel: after a letter that joins forward)."""
    if ch == "\u0640":
        for i in range(1, len(word)):
            if _forms(word[i - 1]).get("INITIAL"):
                return word[:i] + ch + word[i:]
        return word
    return word[:1] + ch + word[1:]


def _forms(letter: str) -> dict[str, str]:
    """The presentation forms of an Arabic letter by position (ISOLATED, FINAL, INITIAL, MEDIAL)."""
    forms: dict[str, str] = {}
    for o in range(0xFE70, 0xFEFD):
        ch = chr(o)
        if unicodedata.normalize("NFKC", ch) == letter:
            name = unicodedata.name(ch, "")
            for pos in ("ISOLATED", "FINAL", "INITIAL", "MEDIAL"):
                if name.endswith(f"{pos} FORM"):
                    forms[pos] = ch
    return forms


def as_pdf(word: str) -> str:
    """``word`` as a PDF copy gives it: each letter in its contextual presentation form, لا as the ligature."""
    out: list[str] = []
    i = 0
    while i < len(word):
        ch = word[i]
        joins_back = bool(out) and bool(_forms(word[i - 1]).get("INITIAL")) and bool(_forms(ch))
        if ch == "ل" and word[i + 1 : i + 2] == "ا":
            out.append("\ufefc" if joins_back else "\ufefb")
            i += 2
            continue
        forms = _forms(ch)
        if not forms:
            out.append(ch)
            i += 1
            continue
        joins_next = i + 1 < len(word) and "INITIAL" in forms and bool(_forms(word[i + 1]))
        pos = {(True, True): "MEDIAL", (True, False): "FINAL", (False, True): "INITIAL"}.get(
            (joins_back, joins_next), "ISOLATED"
        )
        out.append(forms.get(pos) or forms["ISOLATED"])
        i += 1
    return "".join(out)


def _n(text: str | None) -> str | None:
    if text is None:
        return None
    folded = fold_for_matching(text)
    return normalize(folded[0] if folded else text)


def record(doc: khabar.Document) -> dict[str, Any]:
    """What must not change: entities, sources, events, times and quantities by normalized text."""
    return {
        "entities": sorted((e.type, _n(e.text)) for e in doc.entities),
        "sources": sorted((s.kind, _n(s.text)) for s in doc.sources),
        "events": sorted(
            (
                e.type,
                e.status,
                tuple(_n(a.text) for a in e.actors),
                tuple(_n(a.text) for a in e.targets),
                _n(e.place.text) if e.place else None,
                e.date.value if e.date else None,
            )
            for e in doc.events
        ),
        "times": [(_n(t.text), t.value) for t in doc.times],
        "quantities": [(_n(q.text), q.value, q.approx) for q in doc.quantities],
    }


def _cases() -> list[Any]:
    cases = []
    for n, (text, published, words) in enumerate(ARTICLES, start=1):
        for word in words:
            for name, ch in INVISIBLE.items():
                changed = text.replace(word, _inside(word, ch), 1)
                if changed != text:
                    cases.append(pytest.param(text, changed, published, id=f"a{n}-{word}-{name}"))
            if not word.isdigit():
                cases.append(pytest.param(text, text.replace(word, as_pdf(word), 1), published, id=f"a{n}-{word}-PDF"))
        for name, ch in SPACES.items():
            cases.append(pytest.param(text, text.replace(" ", ch), published, id=f"a{n}-every space-{name}"))
        cases.append(pytest.param(text, as_pdf(text), published, id=f"a{n}-whole-PDF"))
    return cases


@pytest.mark.parametrize(("clean", "pasted", "published"), _cases())
def test_pasted_text_gives_the_clean_record(clean: str, pasted: str, published: str) -> None:
    assert pasted != clean
    want = record(khabar.extract(clean, published=published))
    doc = khabar.extract(pasted, published=published)
    assert doc.text == pasted  # the user's text is stored as given
    assert record(doc) == want
    # Every offset is into the user's text: the record's text is the slice it points at.
    for rec in (*doc.entities, *doc.times, *doc.quantities, *(s for s in doc.sources if s.end)):
        assert doc.text[rec.start : rec.end] == rec.text
    for ev in doc.events:
        for arg in (*ev.actors, *ev.targets, *((ev.place,) if ev.place else ())):
            assert doc.text[arg.start : arg.end] == arg.text


def test_pdf_forms_are_presentation_forms() -> None:
    word = as_pdf("الحسكة")
    assert all(0xFB50 <= ord(c) <= 0xFEFC for c in word)
    assert unicodedata.normalize("NFKC", word) == "الحسكة"


@pytest.mark.parametrize(
    ("text", "folded", "offsets"),
    [
        ("الحس\u200cكة", "الحسكة", [0, 1, 2, 3, 5, 6, 7]),
        ("قال\u00a0المرصد", "قال المرصد", [*range(10), 10]),
        ("\ufefb", "لا", [0, 0, 1]),
        ("\ufeffأمس", "أمس", [1, 2, 3, 4]),
        ("١٢\u200f مدنياً", "١٢ مدنياً", [0, 1, *range(3, 10), 10]),
    ],
)
def test_fold_for_matching_keeps_an_offset_map(text: str, folded: str, offsets: list[int]) -> None:
    got = fold_for_matching(text)
    assert got is not None
    assert got == (folded, offsets)


def test_fold_for_matching_leaves_clean_text_alone() -> None:
    assert fold_for_matching("قال المرصد السوري لحقوق الإنسان.\nوأضاف") is None


def test_headline_offsets_survive_folding() -> None:
    doc = khabar.extract("مقتل 12 مدنياً في الحسكة", title="هجوم\u200c على الحسكة", published="2020-05-05")
    assert doc.headline is not None
    assert doc.text[doc.headline.start : doc.headline.end] == "هجوم\u200c على الحسكة"
    assert doc.sentences[0].headline and doc.sentences[0].end == doc.headline.end
