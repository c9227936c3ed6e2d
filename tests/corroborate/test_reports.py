"""A Report: what corroboration compares of an event (days by date precision, counts, source, words)."""

from __future__ import annotations

from datetime import date

import pytest

import khabar
from khabar.corroborate.reports import UNDATED_BACK, content_words, reports_of


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("أعلنت الشرطة مقتل 27 شخصا في انفجار في بلدة سروج التركية أمس.", "killed", 27),
        ("قتل 3 جنود و5 مدنيين في هجوم على حاجز للجيش في العريش أمس.", "killed", 8),  # parts of one toll
        ("أصيب نحو 100 شخص في انفجار استهدف سوقا في بغداد أمس.", "injured", 100),
    ],
)
def test_typed_counts_of_a_report(text: str, kind: str, value: float) -> None:
    doc = khabar.extract(text, published="2015-07-21", id="x")
    counts = [c for r in reports_of(doc) for c in r.counts if c.of == kind]
    assert counts and counts[0].value == value


def test_days_by_precision() -> None:
    dated = khabar.extract("قتل 12 شخصا في انفجار سيارة مفخخة في بغداد يوم 20 يوليو 2015.", published="2015-07-22",
                           id="d")
    (r,) = [r for r in reports_of(dated) if r.type == "ASSAULT"][:1]
    assert r.dated and r.precision == "day" and r.lo == r.hi == date(2015, 7, 20).toordinal()
    undated = khabar.extract("قتل 12 شخصا في انفجار سيارة مفخخة في بغداد.", published="2015-07-22", id="u")
    (u,) = [r for r in reports_of(undated) if r.type == "ASSAULT"][:1]
    assert not u.dated and u.hi == date(2015, 7, 22).toordinal() and u.hi - u.lo == UNDATED_BACK
    assert u.country == "IQ" and u.key == "u/" + u.event


def test_content_words_strip_clitics_and_stopwords() -> None:
    words = content_words("وقال إن الغارات استهدفت للمدينة في صنعاء")
    assert words == frozenset({"غارات", "استهدفت", "مدينه", "صنعاء"})
