"""Scoring of two synthetic gold/system documents whose figures were computed by hand.

tests/evaluation/data/gold_synthetic.jsonl and system_synthetic.jsonl are invented examples
(not real articles) built to exercise each rule: alias, clitic stripping, containment with half
the words (and without), type mismatch, GPE → LOC, NORP not scored, optional items on every
layer, an event type list, typed vs untyped events, event field scoring, time and quantity values.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.evaluation import evaluate, load_gold, read_system
from khabar.evaluation.gold import GoldDoc, gold_from_json
from khabar.evaluation.score import PRF, Report, score_document

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def report() -> Report:
    return evaluate(load_gold(DATA / "gold_synthetic.jsonl"), read_system(DATA / "system_synthetic.jsonl"))


# (tp, fp, fn) summed over both documents, worked out by hand (see the module docstring).
EXPECTED_COUNTS = {
    # A: هادي via alias, بصعدة via clitics, وزارة الدفاع ⊂ وزارة الدفاع اليمنية (2 of 3);
    #    الحوثيين typed LOC (gold ORG): one false alarm and one miss; عدن false alarm; اليمن missed;
    #    التحالف pairs with an optional gold item; NORP ignored on both sides.
    # B: أبو سجاد (shadda/hamza), للموصل typed GPE = LOC; المجلس is 1 word of 3: a false alarm + a miss.
    "entities": (5, 3, 3),
    "entities.PER": (2, 0, 0),
    "entities.ORG": (1, 1, 2),
    "entities.LOC": (2, 2, 1),
    # A: مصدر محلي, واس (alias), ناشطون false alarm; B: المرصد السوري (2 of 4 words), optional شهود عيان absent.
    "sources": (3, 1, 0),
    # A: ASSAULT found, REJECT found through the type list [ACCUSE, REJECT], optional PROTEST paired,
    #    COERCE false alarm; B: the system typed the ASSAULT as COERCE (a miss and a false alarm when typed).
    "events.typed": (2, 2, 1),
    "events.untyped": (3, 1, 0),
    # A: أمس الاثنين, الثلاثاء found, يوليو false alarm, optional العام الماضي absent; B: missed.
    "times": (2, 1, 1),
    # A: نحو ١٢ (digits normalized) found, العشرات missed; B: 300 مدني ⊂ أكثر من 300 مدني (2 of 4).
    "quantities": (2, 0, 1),
}

EXPECTED_ACCURACY = {
    "sources.kind": (2, 3),  # مصدر محلي given as named
    "events.actor": (2, 2),  # التحالف ⊂ طائرات التحالف; الرئيس هادي ⊃ هادي
    "events.target": (1, 2),  # the REJECT event has no target
    "events.place": (1, 1),  # only the ASSAULT has a gold place
    "events.date": (1, 2),  # 2015-07-19 for 2015-07-20
    "events.source": (2, 2),  # the outlet itself for the REJECT event
    "events.status": (2, 2),
    "times.value": (1, 2),  # الثلاثاء resolved to the wrong week
    "quantities.value": (1, 2),  # 30 for 300
    "quantities.approx": (1, 2),
}


@pytest.mark.parametrize(("key", "counts"), EXPECTED_COUNTS.items())
def test_counts(report: Report, key: str, counts: tuple[int, int, int]) -> None:
    prf = report.prf[key]
    assert (prf.tp, prf.fp, prf.fn) == counts


@pytest.mark.parametrize(("key", "counts"), EXPECTED_ACCURACY.items())
def test_accuracies(report: Report, key: str, counts: tuple[int, int]) -> None:
    acc = report.acc[key]
    assert (acc.correct, acc.total) == counts


def test_headline_scores(report: Report) -> None:
    scores = report.scores()
    assert report.documents == 2
    assert scores["entities.f1"] == pytest.approx(0.625)
    assert scores["sources.f1"] == pytest.approx(6 / 7)
    assert scores["events.typed.f1"] == pytest.approx(4 / 7)
    assert scores["events.untyped.f1"] == pytest.approx(6 / 7)
    assert scores["events.place.accuracy"] == pytest.approx(1.0)
    assert scores["times.value.accuracy"] == pytest.approx(0.5)
    assert scores["quantities.value.accuracy"] == pytest.approx(0.5)
    assert scores["quantities.f1"] == pytest.approx(0.8)


def test_errors_name_document_and_item(report: Report) -> None:
    errors = {(e.doc, e.layer, e.kind, e.text) for e in report.errors}
    assert ("synthetic-a", "entity", "missed", "اليمن") in errors
    assert ("synthetic-a", "entity", "spurious", "عدن") in errors
    assert ("synthetic-b", "quantity", "wrong value", "أكثر من 300 مدني") in errors
    assert ("synthetic-a", "source", "wrong kind", "مصدر محلي") in errors
    assert not any(e.text == "التحالف" for e in report.errors)  # paired with an optional item


def _gold(**layers: object) -> GoldDoc:
    return gold_from_json({"id": "g", "text": "نص", **layers}, "test")


def test_optional_item_absent_is_not_missed_and_present_is_not_a_false_alarm() -> None:
    gold = _gold(entities=[{"text": "عدن", "type": "LOC", "optional": True}])
    absent = evaluate([gold], {"g": {"entities": []}})
    present = evaluate([gold], {"g": {"entities": [{"text": "عدن", "type": "LOC"}]}})
    for report in (absent, present):
        assert report.prf["entities"] == PRF(0, 0, 0)
        assert report.errors == ()


def test_system_entity_alias_counts() -> None:
    gold = _gold(entities=[{"text": "الدولة الإسلامية", "type": "ORG"}])
    doc = score_document(gold, {"entities": [{"text": "داعش", "type": "ORG", "aliases": ["الدولة الإسلامية"]}]})
    assert doc.prf["entities"].tp == 1


def test_missing_record_counts_as_empty_and_is_noted() -> None:
    gold = [_gold(entities=[{"text": "عدن", "type": "LOC"}])]
    report = evaluate(gold, {})
    assert report.prf["entities"].fn == 1
    assert report.notes and "no system record" in report.notes[0]


def test_event_needs_an_argument_match_not_just_the_type() -> None:
    gold = _gold(events=[{"type": "ASSAULT", "actor": ["داعش"], "place": ["الموصل"]}])
    wrong = {"events": [{"type": "ASSAULT", "actors": [{"text": "الجيش"}], "place": {"text": "حلب"}}]}
    doc = score_document(gold, wrong)
    prf = doc.prf["events.typed"]
    assert (prf.tp, prf.fp, prf.fn) == (0, 1, 1)
