"""Pairwise and B³ scores of cluster partitions, and the gold-to-system event match."""

from __future__ import annotations

import pytest

import khabar
from khabar.evaluation.clusters import GoldEvent, b_cubed, match_event, pairwise


def test_pairwise_counts_pairs() -> None:
    gold = {"a": "1", "b": "1", "c": "1", "d": "2"}
    system = {"a": "x", "b": "x", "c": "y", "d": "y"}
    prf, tp, fp, fn = pairwise(gold, system)
    assert (tp, fp, fn) == (1, 1, 2)
    assert prf.precision == pytest.approx(0.5) and prf.recall == pytest.approx(1 / 3)


def test_b_cubed_on_the_textbook_example() -> None:
    # Bagga & Baldwin: gold {a,b,c} {d,e}; system {a,b} {c,d,e}
    gold = {"a": "1", "b": "1", "c": "1", "d": "2", "e": "2"}
    system = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}
    prf = b_cubed(gold, system)
    assert prf.precision == pytest.approx((1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5)
    assert prf.recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5)
    assert b_cubed(gold, gold).f1 == 1.0
    singletons = {k: k for k in gold}
    assert b_cubed(gold, singletons).precision == 1.0 and b_cubed(gold, singletons).recall < 1.0


def test_gold_event_matches_the_overlapping_then_the_nearest_trigger_of_its_sentence() -> None:
    doc = khabar.extract("قتل 12 شخصا في انفجار سيارة مفخخة في بغداد أمس.", published="2015-07-22", id="line-1")
    assert doc.events
    ev = doc.events[0]
    assert match_event(doc, GoldEvent(1, ev.trigger.start, ev.trigger.end, None, ev.trigger.text)) == ev.id
    sent = doc.sentences[0]
    other = next(i for i in range(sent.start, sent.end) if not (ev.trigger.start <= i < ev.trigger.end))
    assert match_event(doc, GoldEvent(1, other, other + 1, None, "")) is not None
    assert match_event(doc, GoldEvent(1, len(doc.text) + 5, len(doc.text) + 6, None, "")) is None
