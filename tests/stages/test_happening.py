"""The happening classifier's features (khabar.events.happening) on real Arabic phrases."""

from __future__ import annotations

import pytest

from khabar.events.assemble import candidates
from khabar.extract import extract


def features_at(text: str, trigger: str, published: str = "2015-05-01") -> dict[str, float]:
    doc = extract(text, published=published)
    found = [f for ev, f in candidates(doc) if ev.trigger.text == trigger]
    assert found, f"{trigger} is no candidate in {text!r}: {[ev.trigger.text for ev, _ in candidates(doc)]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "trigger", "present", "absent"),
    [
        # a background clause: بعد أن right before the trigger, a month before publication
        (
            "وجاء ذلك بعد أن خطف متشددون الطيار الأردني في ديسمبر الماضي.",
            "خطف",
            {"after_clause@-1", "date_old", "type=ASSAULT"},
            {"question_mark", "in_quote"},
        ),
        # an anniversary: ذكرى before a nominal in construct state with a named genitive
        (
            "وأحيا اللبنانيون ذكرى اغتيال رفيق الحريري في بيروت.",
            "اغتيال",
            {"reference@-1", "construct", "construct_def", "n_indefinite"},
            {"n_definite", "after_clause@-1"},
        ),
        # an investigation about the act: التحقيق في + a definite masdar
        (
            "ويتواصل التحقيق في الهجوم على المسجد في القطيف.",
            "الهجوم",
            {"investigation@-3", "n_definite", "prep@-1"},
            {"construct", "reference@-1"},
        ),
        # a question: هل and the question mark, a future present verb
        (
            "هل ستهاجم تركيا مواقع التنظيم في سوريا؟",
            "ستهاجم",
            {"question@-1", "question_mark", "future_prefix", "pos=vp", "status=planned"},
            {"after_that@-1"},
        ),
        # a plain report: no background, reference, investigation or question word, a recent date
        (
            "قتل خمسة جنود في هجوم على حاجز للجيش شمال سيناء أمس.",
            "هجوم",
            {"has_target", "has_place", "date_recent", "same_type_before"},
            {"after_clause@-1", "reference@-3", "investigation@-3", "question_mark", "date_old", "since@-3"},
        ),
        # a quotation: the trigger inside quotation marks after a colon
        (
            'وقال المتحدث: "إن القصف على المدينة مستمر منذ أيام".',
            "القصف",
            {"in_quote", "colon_before", "cue=verb", "since@+4"},
            {"question_mark"},
        ),
        # a pluperfect with a date years before publication
        (
            "وكان مسلحون قد اختطفوا الصحفي في مارس 2012 في حلب.",
            "اختطفوا",
            {"qad@-1", "pluperfect@-8", "date_old", "date_year_old", "pos=v", "has_actor"},
            {"date_recent"},
        ),
        # a periphrastic passive: تم + masdar
        (
            "وتم اعتقال ثلاثة مطلوبين في الدمام أمس.",
            "اعتقال",
            {"passive_aux@-1", "type=COERCE", "has_target"},
            {"question_mark"},
        ),
    ],
)
def test_features(text: str, trigger: str, present: set[str], absent: set[str]) -> None:
    f = features_at(text, trigger)
    assert present <= set(f), sorted(present - set(f))
    assert not absent & set(f), sorted(absent & set(f))


def test_features_are_deterministic() -> None:
    text = "وشن طيران التحالف غارات على مواقع الحوثيين في صعدة أمس بعد أن قصف الحوثيون مدينة نجران."
    assert features_at(text, "قصف") == features_at(text, "قصف")


def test_no_publication_date_no_age() -> None:
    doc = extract("وكان مسلحون قد اختطفوا الصحفي في مارس 2012 في حلب.")
    (f,) = [f for ev, f in candidates(doc) if ev.trigger.text == "اختطفوا"]
    assert not {k for k in f if k.startswith(("date_old", "date_recent", "sent_time_"))}


@pytest.mark.parametrize(
    ("text", "trigger", "happening"),
    [
        # background clause, anniversary, investigation, question: mentions, not reported happenings
        ("وجاء ذلك بعد أن خطف متشددون الطيار الأردني في ديسمبر الماضي.", "خطف", False),
        ("وأحيا اللبنانيون ذكرى اغتيال رفيق الحريري في بيروت.", "اغتيال", False),
        ("ويتواصل التحقيق في الهجوم على المسجد في القطيف.", "الهجوم", False),
        ("هل ستهاجم تركيا مواقع التنظيم في سوريا؟", "ستهاجم", False),
        # plain reports: happenings
        ("قتل خمسة جنود في هجوم على حاجز للجيش شمال سيناء أمس.", "هجوم", True),
        ("وشن طيران التحالف غارات على مواقع الحوثيين في صعدة أمس.", "غارات", True),
        ("واعتقلت قوات الأمن خمسة أشخاص في الموصل اليوم.", "واعتقلت", True),
        ("وارتفع عدد الأسرى المضربين عن الطعام في سجن عوفر إلى 120 أسيراً.", "المضربين عن الطعام", True),
    ],
)
def test_shipped_model_decides(text: str, trigger: str, happening: bool) -> None:
    from khabar.events.happening import THRESHOLD, score

    p = score(features_at(text, trigger))
    assert (p >= THRESHOLD) is happening, p
    # and the event layer follows the decision: an event of the candidate's type in its sentence (merged
    # events keep the first trigger) whose confidence is at least that probability
    doc = extract(text, published="2015-05-01")
    cand = next(ev for ev, _ in candidates(doc) if ev.trigger.text == trigger)
    events = [
        ev for ev in doc.events if ev.type == cand.type and ev.evidence.start <= cand.trigger.start < ev.evidence.end
    ]
    assert bool(events) is happening
    assert all(ev.confidence >= round(p, 3) for ev in events)
