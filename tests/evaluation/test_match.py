"""The gold-1 matching rules: normalization, clitic stripping, aliases, containment by half the words."""

from __future__ import annotations

import pytest

from khabar.evaluation.match import assign, form_score, match_score, norm_words


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("الحسكة", ("حسكه",)),  # article and ة → ه
        ("بالحسكة", ("حسكه",)),  # preposition + article
        ("وبالحسكة", ("حسكه",)),  # conjunction + preposition + article
        ("للحسكة", ("حسكه",)),  # ل + ال with the alef dropped
        ("فالقامشلي", ("قامشلي",)),
        ("إدلب", ("ادلب",)),  # إ → ا
        ("آمرلي", ("امرلي",)),  # آ → ا
        ("مُصْطَفَى", ("مصطفي",)),  # diacritics removed, ى → ي
        ("الـحوثيين", ("حوثيين",)),  # tatweel
        ("«داعش»،", ("داعش",)),  # punctuation and quotes drop out
        ("نحو ١٢", ("نحو", "12")),  # Arabic-Indic digits
        ("وزارة الدفاع", ("زاره", "دفاع")),  # و of وزارة is cut, on both sides alike
        ("في", ("في",)),  # a strip never leaves fewer than two letters
    ],
)
def test_norm_words(text: str, words: tuple[str, ...]) -> None:
    assert norm_words(text) == words


@pytest.mark.parametrize(
    ("system", "gold", "matched"),
    [
        ("بصعدة", "صعدة", True),  # clitics
        ("الرئيس هادي", "هادي", True),  # 1 shared word of 2: half
        ("مواقع الحوثيين", "الحوثيين", True),
        ("هادي", "عبد ربه منصور هادي", False),  # 1 of 4: less than half
        ("المجلس", "المجلس الانتقالي الجنوبي", False),  # 1 of 3
        ("المرصد السوري", "المرصد السوري لحقوق الإنسان", True),  # 2 of 4
        ("وزارة الدفاع", "وزارة الدفاع اليمنية", True),  # 2 of 3
        ("السوري المرصد", "المرصد السوري لحقوق الإنسان", False),  # containment is of a contiguous run
        ("أبو سجّاد", "ابو سجاد", True),  # shadda and hamza
        ("صنعاء", "صعدة", False),
        ("", "صعدة", False),
    ],
)
def test_form_match(system: str, gold: str, matched: bool) -> None:
    assert (form_score(system, gold) > 0) is matched
    assert (form_score(gold, system) > 0) is matched  # the rule is symmetric


def test_equality_ranks_above_containment_and_alias() -> None:
    exact = match_score(["التحالف"], ["التحالف"])
    alias = match_score(["التحالف"], ["التحالف العربي", "التحالف"])
    contained = match_score(["التحالف"], ["قوات التحالف"])
    assert exact > alias > contained > 0


def test_assign_is_one_to_one_best_first() -> None:
    gold = ["قوات التحالف", "التحالف"]
    system = ["التحالف"]
    pairing = assign(gold, system, lambda g, s: form_score(s, g))
    # The system item goes to the gold item it equals, not the one that merely contains it.
    assert pairing.pairs == ((1, 0),)
    assert pairing.gold_left == (0,) and pairing.system_left == ()
    twice = assign(["صعدة"], ["صعدة", "بصعدة"], lambda g, s: form_score(s, g))
    assert twice.pairs == ((0, 0),) and twice.system_left == (1,)  # a duplicate is a false alarm
