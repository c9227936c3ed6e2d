"""Closed word classes of Arabic grammar (particles, pronouns, clitic combinations), read once at import
from ``lexicon/data/word_classes.yaml``: every rule that names such words uses these constants, and no
module spells a word list itself (``tests/arabic/test_words.py`` scans the sources for Arabic literals).

Tuples keep the order of the data file where the rules try the words in order; the others are
frozensets. Diacritic sets are Unicode ranges, not words: they are built here from code points.
"""

from __future__ import annotations

from typing import Final

from khabar.errors import ResourceError
from khabar.lexicon import load_yaml

_FILE = "word_classes.yaml"


def _classes() -> dict[str, object]:
    data = load_yaml(_FILE)
    if not isinstance(data, dict):
        raise ResourceError(f"{_FILE}: expected a mapping of class name → words")
    return data


_DATA: Final = _classes()
_USED: set[str] = set()


def _words(name: str) -> tuple[str, ...]:
    value = _DATA.get(name)
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise ResourceError(f"{_FILE}: class {name!r} is missing or not a list of words")
    _USED.add(name)
    return tuple(value)


def _set(name: str) -> frozenset[str]:
    return frozenset(_words(name))


def _one(name: str) -> str:
    words = _words(name)
    if len(words) != 1:
        raise ResourceError(f"{_FILE}: class {name!r} must hold exactly one word")
    return words[0]


def _pairs(name: str) -> tuple[tuple[str, str], ...]:
    value = _DATA.get(name)
    if not isinstance(value, list) or not all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(w, str) for w in p) for p in value
    ):
        raise ResourceError(f"{_FILE}: class {name!r} must be a list of two-word phrases")
    _USED.add(name)
    return tuple((p[0], p[1]) for p in value)


def _ranks(name: str) -> dict[str, int]:
    value = _DATA.get(name)
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, int) for k, v in value.items()):
        raise ResourceError(f"{_FILE}: class {name!r} must map words to integers")
    _USED.add(name)
    return dict(value)


# --- clitics and affixes
CONJUNCTION_CLITICS: Final = _words("conjunction_clitics")
PREPOSITION_CLITICS: Final = _words("preposition_clitics")
CONJUNCTION_LETTERS: Final = "".join(CONJUNCTION_CLITICS)  # for str.lstrip and one-letter tests
PREPOSITION_LETTERS: Final = "".join(PREPOSITION_CLITICS)
CLITIC_LETTERS: Final = frozenset(CONJUNCTION_CLITICS + PREPOSITION_CLITICS)
NAME_PROCLITICS: Final = _set("name_proclitics")
NUMBER_PROCLITICS: Final = _set("number_proclitics")
COUNTED_NOUN_PROCLITICS: Final = _set("counted_noun_proclitics")
NUMBER_GLUE_CLITICS: Final = _set("number_glue_clitics")
LAM_ARTICLE_PREFIXES: Final = _words("lam_article_prefixes")
LAM_PREFIXES: Final = _words("lam_prefixes")
ADDRESSEE_LAM: Final = _words("addressee_lam")
DEFINITE_PREFIXES: Final = _words("definite_prefixes")
PREPOSITION_ARTICLE_PREFIXES: Final = _words("preposition_article_prefixes")
CONJUNCTION_ARTICLE_PREFIXES: Final = _words("conjunction_article_prefixes")
SINGLE_CLITIC_ARTICLE_PREFIXES: Final = _words("single_clitic_article_prefixes")
DOUBLE_CLITIC_ARTICLE_PREFIXES: Final = _words("double_clitic_article_prefixes")
NAME_CLITIC_ARTICLE_PREFIXES: Final = _words("name_clitic_article_prefixes")
BI_ARTICLE_PREFIXES: Final = _words("bi_article_prefixes")
CONTENT_WORD_PROCLITICS: Final = _words("content_word_proclitics")
PRONOUN_SUFFIXES: Final = _words("pronoun_suffixes")
POSSESSIVE_SUFFIXES: Final = _words("possessive_suffixes")
PRESENT_PREFIXES: Final = "".join(_words("present_prefixes"))
IMPERFECT_PREFIXES: Final = _words("imperfect_prefixes")
VERB_PREFIXES: Final = _words("verb_prefixes")
DUAL_ENDINGS: Final = _words("dual_endings")

# --- particles and pronouns
COMPLEMENTIZERS: Final = _set("complementizers")
COMPLEMENTIZERS_FA: Final = _set("complementizers_fa")
COMPLEMENTIZERS_WA_LI: Final = _set("complementizers_wa_li")
COMPLEMENTIZERS_WITH_PRONOUN: Final = _set("complementizers_with_pronoun")
CLAUSE_COMPLEMENTIZERS: Final = COMPLEMENTIZERS | COMPLEMENTIZERS_FA
ANY_COMPLEMENTIZER: Final = CLAUSE_COMPLEMENTIZERS | COMPLEMENTIZERS_WA_LI
THAT_CLAUSE: Final = COMPLEMENTIZERS | COMPLEMENTIZERS_WITH_PRONOUN
RELATIVE_PRONOUNS: Final = _set("relative_pronouns")
DEMONSTRATIVES: Final = _set("demonstratives")
CLAUSE_OPENERS: Final = _set("clause_openers")
SUBJECT_FIRST_OPENERS: Final = _set("subject_first_openers")
NOT_SPEAKER_PREPOSITIONS: Final = _set("not_speaker_prepositions")
AFFILIATION_PREPOSITIONS: Final = _set("affiliation_prepositions")
ROLE_PREPOSITIONS: Final = _set("role_prepositions")
PLACE_PREPOSITIONS: Final = _ranks("place_prepositions")
TO_PREPOSITIONS: Final = _set("to_prepositions")
TOWARD_PREPOSITIONS: Final = _set("toward_prepositions")
PARTNER_PREPOSITIONS: Final = _set("partner_prepositions")
AGAINST_WORDS: Final = _set("against_words")
BY_AGENT_PHRASES: Final = _pairs("by_agent_phrases")
ALL_QUANTIFIERS: Final = _set("all_quantifiers")
RANGE_WORDS: Final = _set("range_words")
ISSUER_PREPOSITIONS: Final = _set("issuer_prepositions")
KUNYA_HEADS: Final = _set("kunya_heads")
COMPOUND_NAME_HEADS: Final = _set("compound_name_heads")
COMPOUND_NAME_TAILS: Final = _set("compound_name_tails")
SURNAME_PARTICLES: Final = _words("surname_particles")
ALIAS_CONNECTORS: Final = _set("alias_connectors")
NOT_ALIAS_WORDS: Final = _set("not_alias_words")
PHRASE_CONNECTORS: Final = _set("phrase_connectors")
OTHER_WORDS: Final = _set("other_words")
AIM_WORDS: Final = _set("aim_words")
TRIGGER_ADJECTIVES: Final = _set("trigger_adjectives")
VAGUE_NEEDING_NOUN: Final = _set("vague_needing_noun")
LONE_NUMBER_REJECTS: Final = _set("lone_number_rejects")
COUNT_HEADS: Final = _set("count_heads")

# --- words of reporting
REPORT_OPENERS: Final = _set("report_openers")
ANNOUNCE_REPORT_WORDS: Final = _set("announce_report_words")
CLAIM_STEMS: Final = _words("claim_stems")
ISSUED_WORDS: Final = _set("issued_words")
RELAY_STEMS: Final = _words("relay_stems")
RANK_QUALIFIERS: Final = _set("rank_qualifiers")
OUTLET_HEADS: Final = _words("outlet_heads")
AGENCY_HEAD: Final = _one("agency_heads")
CAMP_HEAD: Final = _one("camp_heads")
ACCUSATIVE_ENDINGS: Final = _words("accusative_endings")
DERIVED_MASDAR_INITIALS: Final = _words("derived_masdar_initials")
NISBA_ENDINGS: Final = _words("nisba_endings")
SOUND_PLURAL_ENDINGS: Final = _words("sound_plural_endings")
DUAL_FEMININE_PLURAL_ENDINGS: Final = _words("dual_feminine_plural_endings")
ROLE_CLAUSE_BREAKS: Final = _set("role_clause_breaks")
ROLE_FEATURE_PREPOSITIONS: Final = _set("role_feature_prepositions")
DISTRICT_HEAD: Final = _one("district_heads")

# --- diacritics (Unicode ranges, not words)
TATWEEL: Final = "\u0640"
# fathatan … sukun (U+064B-U+0652) and tatweel: stripped from a word's end before comparing its letters
MARKS: Final = "".join(chr(c) for c in range(0x064B, 0x0653)) + TATWEEL
# fathatan, dammatan, kasratan: an indefinite (nunated) ending
TANWEEN: Final = frozenset(chr(c) for c in range(0x064B, 0x064E))

UNUSED_CLASSES: Final = frozenset(_DATA) - _USED
"""Classes of the data file that no constant reads (a test keeps this empty)."""
