"""User strings in query filters reach SQL only as bound parameters: LIKE wildcards, quotes, SQL and FTS
syntax are taken literally (or are a clear InputError), on both backends."""

from __future__ import annotations

import pytest

from khabar.errors import InputError
from khabar.store import Store
from khabar.store.query import EventFilter, event_keys

from .test_query import filled  # noqa: F401  (the fixture: two stored articles with events)

ALL = [("a1", "ev1"), ("a1", "ev2"), ("a2", "ev1"), ("a2", "ev2")]
HOSTILE = [
    "%",
    "_",
    "%%",
    "_____",
    "\\",
    "\\%",
    "'",
    "''",
    '"',
    "' OR '1'='1",
    "'; DROP TABLE articles; --",
    '") OR 1=1 --',
    "NEAR(",
    "NEAR(الحسكة داعش, 2)",
    '"الحسكة',  # unbalanced quote
    "الحس*",
    "*",
    "الحسكة OR داعش",
    "-الحسكة",
    "^الحسكة",
    "{article_id}: الحسكة",
    "article_id:a1",
    "الحسكة AND NOT داعش",
    "\x00",
]


@pytest.mark.parametrize("field", ["place", "actor", "outlet"])
def test_hostile_text_filters_match_literally(filled: Store, field: str) -> None:  # noqa: F811
    # One test per field over every hostile value (a fresh PostgreSQL database per test is slow).
    for value in HOSTILE:
        try:
            got = event_keys(filled, EventFilter(**{field: value}))
        except InputError:
            assert value == "\x00", f"{field}={value!r} refused"
            continue  # a clear error is allowed; a database error or a traceback is not
        # No stored place, actor or outlet contains these characters: a wildcard or an injected condition
        # would match (some of) the events.
        assert got == [], f"{field}={value!r} matched {got}"
    assert event_keys(filled, EventFilter()) == ALL  # and nothing was dropped


def test_hostile_full_text_is_literal_words_or_an_error(filled: Store) -> None:  # noqa: F811
    for value in HOSTILE:
        try:
            got = {k[0] for k in event_keys(filled, EventFilter(text=value))}
        except InputError as exc:
            assert "no words" in str(exc) or "control characters" in str(exc), value
            continue
        # Only the words count, every one of them required: operators and wildcards do nothing.
        assert got <= {"a1", "a2"}, value
        if value in ("الحس*", "الحسكة OR داعش", "الحسكة AND NOT داعش", "article_id:a1"):
            # no prefix search (الحس is no word of the articles); OR, AND, NOT, article_id are words they lack
            assert got == set(), value
        if value in ('"الحسكة', "-الحسكة", "^الحسكة", "NEAR(الحسكة داعش, 2)"):
            # the words alone: الحسكة (and داعش) are in both articles; NEAR is not a word of either
            assert got == ({"a1", "a2"} if "NEAR" not in value else set()), value
    assert event_keys(filled, EventFilter()) == ALL


def test_like_wildcards_in_a_real_name_are_literal(filled: Store) -> None:  # noqa: F811
    assert event_keys(filled, EventFilter(place="الحس%")) == []
    assert event_keys(filled, EventFilter(place="الحس_ة")) == []
    assert event_keys(filled, EventFilter(place="الحسكة")) != []
