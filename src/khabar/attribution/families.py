"""Families of reporting cues and what each one does, as data (``lexicon/data/cue_families.tsv``).

``attribution_cues.tsv`` gives every cue a family; the row of that family in ``cue_families.tsv`` says where
its source phrase is and which checks the phrase must pass. ``khabar.attribution.cues`` dispatches on
``FamilyRule.phrase`` and reads the flags; no rule names a family.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Literal

from khabar.errors import ResourceError
from khabar.lexicon import load_tsv

_FILE = "cue_families.tsv"


class CueFamily(StrEnum):
    """The families of ``attribution_cues.tsv`` (the value recorded on ``Cue.family``)."""

    VERB = "verb"
    ANNOUNCE = "announce"
    DENY = "deny"
    VERB_WEAK = "verb_weak"
    PREP = "prep"
    PREP_VERB = "prep_verb"
    PREP_DOC = "prep_doc"
    RELAY = "relay"
    RELAY_PREP = "relay_prep"
    LEARN = "learn"
    CONT = "cont"
    ASIDE = "aside"


PhrasePlace = Literal["after", "after_word", "after_min", "current", "none"]
_PLACES: dict[str, PhrasePlace] = {
    "after": "after",
    "after_word": "after_word",
    "after_min": "after_min",
    "current": "current",
    "none": "none",
}


@dataclass(frozen=True, slots=True)
class FamilyRule:
    """One row of ``cue_families.tsv`` (the columns are explained in the file's header)."""

    family: CueFamily
    records_as: CueFamily
    phrase: PhrasePlace
    article_ok: bool
    speech: bool
    opening: bool
    known_only: bool
    document_only: bool
    weak: bool
    subject_first: bool
    lam: bool
    parent_sentence: bool
    relay: bool
    relay_if_verb_relays: bool
    act_check: bool
    subject_word: str  # "" for none
    before_an: CueFamily | None


def cue_family(value: str, where: str = _FILE) -> CueFamily:
    """The family named ``value``; an unknown name raises ``ResourceError`` naming ``where``."""
    try:
        return CueFamily(value)
    except ValueError:
        known = ", ".join(f.value for f in CueFamily)
        raise ResourceError(f"{where}: unknown cue family {value!r} (known: {known})") from None


def _flag(row: dict[str, str], name: str) -> bool:
    value = row[name]
    if value not in ("yes", "no"):
        raise ResourceError(f"{_FILE}: family {row['family']!r}: {name} must be yes or no, not {value!r}")
    return value == "yes"


def _rule(row: dict[str, str]) -> FamilyRule:
    place = _PLACES.get(row["phrase"])
    if place is None:
        raise ResourceError(f"{_FILE}: family {row['family']!r}: unknown phrase place {row['phrase']!r}")
    return FamilyRule(
        family=cue_family(row["family"]),
        records_as=cue_family(row["records_as"]),
        phrase=place,
        article_ok=_flag(row, "article_ok"),
        speech=_flag(row, "speech"),
        opening=_flag(row, "opening"),
        known_only=_flag(row, "known_only"),
        document_only=_flag(row, "document_only"),
        weak=_flag(row, "weak"),
        subject_first=_flag(row, "subject_first"),
        lam=_flag(row, "lam"),
        parent_sentence=_flag(row, "parent_sentence"),
        relay=_flag(row, "relay"),
        relay_if_verb_relays=_flag(row, "relay_if_verb_relays"),
        act_check=_flag(row, "act_check"),
        subject_word="" if row["subject_word"] == "-" else row["subject_word"],
        before_an=None if row["before_an"] == "-" else cue_family(row["before_an"]),
    )


@lru_cache(maxsize=1)
def family_rules() -> dict[CueFamily, FamilyRule]:
    """Every family's rule; a family missing from the table, or named twice, raises ``ResourceError``."""
    rules: dict[CueFamily, FamilyRule] = {}
    for row in load_tsv(_FILE):
        rule = _rule(row)
        if rule.family in rules:
            raise ResourceError(f"{_FILE}: family {rule.family.value!r} is listed twice")
        rules[rule.family] = rule
    missing = [f.value for f in CueFamily if f not in rules]
    if missing:
        raise ResourceError(f"{_FILE}: no row for the families {missing}")
    return rules
