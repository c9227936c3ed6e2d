"""Typed counts on events, from real news phrasing: what the clause says happened to how many, and who says so."""

from __future__ import annotations

import pytest

from khabar import extract
from khabar.events.counts import toll
from khabar.model import Count, Document


def _counts(doc: Document) -> list[tuple[str, float | int | None]]:
    return [(c.kind, c.low if c.low is not None else c.value) for ev in doc.events for c in ev.counts]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أسفر تفجير انتحاري في عدن عن مقتل 12 شخصاً وإصابة 30 آخرين.", [("killed", 12), ("injured", 30)]),
        ("أسفر الانفجار عن سقوط 5 قتلى في بغداد.", [("killed", 5)]),
        ("وقضى 3 مدنيين في قصف على إدلب.", [("killed", 3)]),
        ("شنت قوات الأمن حملة اعتقال العشرات في البحرين.", [("arrested", 12)]),
        ("خرج عشرات الآلاف من المتظاهرين في مظاهرات بصنعاء.", [("participants", 10000)]),
        ("وشارك في التظاهرة نحو 5 آلاف شخص.", [("participants", 5000)]),
        ("قتل 12 شخصا في قصف على حلب.", [("killed", 12)]),
        ("أسفر الهجوم عن مقتل 3 جنود و5 مدنيين في الرمادي.", [("killed", 3), ("killed", 5)]),
        ("قتل 20 شخصا بينهم 4 أطفال في غارة على صعدة.", [("killed", 20), ("other", 4)]),
        ("لقي 7 أشخاص حتفهم في انفجار سيارة مفخخة في كركوك.", [("killed", 7)]),
        ("ألقت الشرطة القبض على 5 مشتبهين في الرياض.", [("arrested", 5)]),
        ("قتل أكثر من 20 مسلحا في اشتباكات بتعز.", [("killed", 20)]),
        ("أدى القصف إلى نزوح 3 آلاف عائلة من داريا.", [("displaced", 3000)]),
        ("شنت طائرات التحالف 15 غارة على صعدة.", [("other", 15)]),
    ],
)
def test_each_count_gets_the_kind_its_clause_states(text: str, expected: list[tuple[str, int]]) -> None:
    assert _counts(extract(text)) == expected


def test_a_war_wide_toll_is_not_put_on_an_event() -> None:
    doc = extract("وقتل أكثر من 230 ألف قتيل منذ بدء النزاع في سوريا في مارس 2011.")
    assert all(ev.counts == () for ev in doc.events)
    assert [(q.value, q.period) for q in doc.quantities] == [(230000, "منذ بدء النزاع")]


def test_a_day_toll_and_the_war_toll_in_one_sentence() -> None:
    doc = extract("قتل 12 شخصا في غارة على دوما، فيما بلغ عدد القتلى منذ بدء النزاع أكثر من 230 ألفا.")
    assert [toll(ev.counts, "killed") for ev in doc.events if ev.type == "ASSAULT"] == [12]


def test_each_count_names_the_source_that_states_it() -> None:
    doc = extract("قتل 12 شخصا في حلب بحسب المرصد السوري، فيما قال ناشطون إن 15 شخصا قتلوا.")
    ev = doc.events[0]
    by = {c.value: doc.source(c.source).text for c in ev.counts if c.source}  # type: ignore[union-attr]
    assert by == {12: "المرصد السوري", 15: "ناشطون"}
    assert toll(ev.counts, "killed") == 12  # reports differ: the lowest figure (ACLED)


@pytest.mark.parametrize(
    ("counts", "figure"),
    [
        ([Count("killed", "12", 0, 2, 12, 12, 12)], 12),
        ([Count("killed", "العشرات", 0, 7, 12, 12, None, True)], 12),  # vague: the lower bound
        ([Count("killed", "نحو 60", 0, 6, 60, None, None, True)], 60),
        ([Count("killed", "أكثر من 20", 0, 9, 20, 20, None, True)], 20),
        ([Count("killed", "بين 10 و15", 0, 9, 10, 10, 15, True)], 10),
        ([Count("killed", "أقل من 10", 0, 9, 10, None, 10, True)], None),  # only an upper bound: no figure
        ([Count("killed", "3", 0, 1, 3, 3, 3), Count("killed", "5", 5, 6, 5, 5, 5, part=True)], 8),
        ([Count("killed", "12", 0, 2, 12, 12, 12), Count("killed", "15", 5, 7, 15, 15, 15)], 12),
        ([Count("injured", "30", 0, 2, 30, 30, 30)], None),
        ([], None),
    ],
)
def test_the_toll_follows_acled_rules(counts: list[Count], figure: int | None) -> None:
    assert toll(counts, "killed") == figure


def test_counts_are_in_the_json_record() -> None:
    from khabar.record import document_to_dict

    rec = document_to_dict(extract("أسفر الانفجار عن سقوط 5 قتلى في بغداد."))
    count = rec["events"][0]["counts"][0]
    assert {k: count[k] for k in ("kind", "text", "value", "low", "high", "approx", "source", "part")} == {
        "kind": "killed", "text": "5", "value": 5, "low": 5, "high": 5, "approx": False, "source": None,
        "part": False}
    assert rec["text"][count["start"] : count["end"]] == "5"


def test_a_toll_beyond_one_event_is_not_put_on_it() -> None:
    doc = extract("يقاتل حزب الله في سورية منذ أربع سنوات، وقد ساعد نظام الأسد في قتل نحو 300 ألف شخص.")
    assert all(toll(ev.counts, "killed") is None for ev in doc.events)
