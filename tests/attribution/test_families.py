"""Cue families are data: cue_families.tsv read by khabar.attribution.families, dispatched by attribution.cues."""

from __future__ import annotations

from typing import get_args

import pytest

from khabar.attribution import cues
from khabar.attribution.families import CueFamily, FamilyRule, PhrasePlace, _rule, cue_family, family_rules
from khabar.errors import ResourceError
from khabar.lexicon import load_tsv


def test_every_family_has_one_rule_and_every_cue_a_family() -> None:
    rules = family_rules()
    assert set(rules) == set(CueFamily)
    used = {cue_family(row["family"]) for row in load_tsv("attribution_cues.tsv")}
    assert used <= set(CueFamily)
    assert CueFamily.VERB in used and CueFamily.RELAY in used


def test_every_phrase_place_has_a_handler() -> None:
    assert set(cues._HANDLERS) == set(get_args(PhrasePlace))


@pytest.mark.parametrize(
    ("family", "flag", "value"),
    [
        (CueFamily.ANNOUNCE, "records_as", CueFamily.VERB),  # أعلن is recorded as a reporting verb
        (CueFamily.ANNOUNCE, "act_check", True),
        (CueFamily.VERB, "speech", True),
        (CueFamily.VERB, "subject_word", "في"),
        (CueFamily.VERB_WEAK, "subject_word", "عن"),
        (CueFamily.DENY, "subject_word", ""),
        (CueFamily.PREP, "lam", True),
        (CueFamily.PREP_VERB, "phrase", "after_word"),
        (CueFamily.RELAY, "before_an", CueFamily.RELAY_PREP),  # ونقل عن …
        (CueFamily.RELAY_PREP, "parent_sentence", True),
        (CueFamily.LEARN, "phrase", "after_min"),
        (CueFamily.CONT, "phrase", "current"),
        (CueFamily.ASIDE, "phrase", "none"),
    ],
)
def test_family_flags(family: CueFamily, flag: str, value: object) -> None:
    rule: FamilyRule = family_rules()[family]
    assert getattr(rule, flag) == value


def _row(**changes: str) -> dict[str, str]:
    row = {k: v for k, v in next(r for r in load_tsv("cue_families.tsv") if r["family"] == "verb").items()}
    return row | changes


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"family": "shout"}, "unknown cue family 'shout'"),
        ({"phrase": "before"}, "unknown phrase place 'before'"),
        ({"speech": "maybe"}, "speech must be yes or no"),
        ({"before_an": "nope"}, "unknown cue family 'nope'"),
    ],
)
def test_bad_rows_are_refused_with_a_clear_message(changes: dict[str, str], message: str) -> None:
    with pytest.raises(ResourceError, match=message):
        _rule(_row(**changes))
