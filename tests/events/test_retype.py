"""The type of a happening where the lexicon is ambiguous (khabar.events.retype): the decision rule on a
small model, and the shipped model on real phrases."""

from __future__ import annotations

from typing import Any

import pytest

from khabar.events.retype import decide, probabilities
from khabar.extract import extract

TOY: dict[str, Any] = {
    "format": "khabar-type-1",
    "groups": {
        "COERCE": {
            "classes": ["ASSAULT", "COERCE"],
            "bias": [-1.0, 1.0],
            "weights": {"with=ASSAULT": [2.0, -2.0]},
            "modes": {"ASSAULT": {"occupy": "seize"}},
        }
    },
}


def test_a_type_the_model_does_not_cover_keeps_the_lexicon_type() -> None:
    assert probabilities("PROTEST", {"with=ASSAULT": 1.0}, TOY) is None
    assert decide("PROTEST", "demo", {"with=ASSAULT": 1.0}, TOY) == ("PROTEST", "demo")


def test_the_lexicon_type_stays_unless_another_is_more_probable() -> None:
    assert decide("COERCE", "occupy", {}, TOY) == ("COERCE", "occupy")
    probs = probabilities("COERCE", {"with=ASSAULT": 1.0}, TOY)
    assert probs is not None and probs["ASSAULT"] > 0.5 > probs["COERCE"]
    assert abs(sum(probs.values()) - 1.0) < 1e-9


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("occupy", "seize"),  # the mode annotators gave such a change
        ("arrest", None),  # not an ASSAULT mode and no mapping: dropped
        (None, None),
    ],
)
def test_the_mode_of_a_changed_type(mode: str | None, expected: str | None) -> None:
    assert decide("COERCE", mode, {"with=ASSAULT": 1.0}, TOY) == ("ASSAULT", expected)


@pytest.mark.parametrize(
    ("text", "trigger", "kind", "mode"),
    [
        # a capture told with the fighting: ASSAULT/seize
        ("وسيطر مسلحو المقاومة الشعبية على مدينة الضالع بعد معارك عنيفة مع الحوثيين.", "وسيطر", "ASSAULT", "seize"),
        (
            "واستعادت القوات العراقية السيطرة على بلدة البغدادي بعد اشتباكات مع تنظيم داعش.",
            "واستعادت",
            "ASSAULT",
            "seize",
        ),
        # a capture told without a fight, arrests and seizures by the police: COERCE as the lexicon says
        ("سيطر تنظيم داعش على مدينة تدمر الأثرية وسط سوريا.", "سيطر", "COERCE", "occupy"),
        ("سيطر الحوثيون على مبنى وزارة الدفاع في صنعاء دون مقاومة.", "سيطر", "COERCE", "occupy"),
        ("اعتقلت الشرطة خمسة أشخاص في الدمام أمس.", "اعتقلت", "COERCE", "arrest"),
        # an attack stays an attack (ASSAULT is not a group of the model: its lexicon type is right 99 % of the time)
        ("ونفذ انتحاري هجوماً على مسجد في القديح.", "انتحاري", "ASSAULT", "suicide-attack"),
        ("وضبطت قوات الأمن كميات من الأسلحة والذخائر في منزل بالقطيف.", "وضبطت", "COERCE", "arrest"),
    ],
)
def test_shipped_model_on_real_phrases(text: str, trigger: str, kind: str, mode: str) -> None:
    doc = extract(text, published="2015-07-20")
    found = [(ev.type, ev.mode) for ev in doc.events if ev.trigger.text == trigger]
    assert found == [(kind, mode)], [(ev.trigger.text, ev.type, ev.mode) for ev in doc.events]
