"""The store's listing layer over both backends: new event filters, keyset pages, counts per day and per source,
article listings."""

from __future__ import annotations

import pytest

from khabar.errors import InputError
from khabar.store import Store
from khabar.store.browse import ArticleFilter, article_page, count_articles, event_counts, source_counts
from khabar.store.query import EventFilter, count_events, decode_cursor, event_keys, event_page, parse_bbox

OTHER = (
    "اعتقلت وحدات حماية الشعب أمس عناصر من داعش في الحسكة بعد اشتباكات قتل فيها نحو 60 مسلحا، "
    "بحسب مصدر محلي، وتظاهر الطلاب في الرياض قرب الجامعة."
)


@pytest.fixture
def filled(store: Store, make_doc) -> Store:  # type: ignore[no-untyped-def]
    store.save(make_doc("a1"))
    store.save(make_doc("a2", OTHER, published="2015-07-02", outlet="Saudi Press Agency", event_type="COERCE",
                        mode="arrest", source_kind="named"))
    return store


@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        ({"modes": ("ARREST",)}, [("a2", "ev1")]),
        ({"statuses": ("denied",)}, [("a1", "ev2"), ("a2", "ev2")]),
        ({"countries": ("sy",)}, [("a1", "ev1"), ("a2", "ev1")]),
        ({"admin1": "AL-HASAKAH"}, [("a1", "ev1"), ("a2", "ev1")]),
        ({"bbox": (40.7, 36.5, 40.8, 36.6)}, [("a1", "ev1"), ("a2", "ev1")]),
        ({"bbox": (40.8, 36.5, 41.0, 36.6)}, []),
        ({"min_confidence": 0.9}, [("a1", "ev2"), ("a2", "ev2")]),
        ({"target": "داعش"}, [("a1", "ev1"), ("a2", "ev1")]),
        ({"target": "Islamic State"}, [("a1", "ev1"), ("a2", "ev1")]),  # canonical name
        ({"source": "مصدر"}, [("a1", "ev1"), ("a2", "ev1")]),
        ({"source": "100%_"}, []),  # LIKE wildcards are literal
    ],
)
def test_new_filters(filled: Store, kw: dict, expected: list) -> None:
    flt = EventFilter(**kw)
    assert event_keys(filled, flt) == expected
    assert count_events(filled, flt) == len(expected)


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"statuses": ("rumoured",)}, "status must be one of"),
        ({"countries": ("SYR",)}, "two-letter"),
        ({"min_confidence": 1.5}, "between 0 and 1"),
        ({"bbox": (10.0, 0.0, 5.0, 1.0)}, "minimum must not be larger"),
        ({"bbox": (0.0, 0.0, 200.0, 1.0)}, "longitudes"),
    ],
)
def test_bad_new_filters(filled: Store, kw: dict, message: str) -> None:
    with pytest.raises(InputError, match=message):
        event_keys(filled, EventFilter(**kw))


@pytest.mark.parametrize(("text", "ok"), [("35,32,42,37.5", True), ("1,2,3", False), ("a,b,c,d", False),
                                          ("inf,0,1,1", False), ("0,0,0,0", True)])
def test_parse_bbox(text: str, ok: bool) -> None:
    if ok:
        assert len(parse_bbox(text)) == 4
    else:
        with pytest.raises(InputError):
            parse_bbox(text)


def test_keyset_pages_cover_everything_once(filled: Store) -> None:
    every = event_page(filled, EventFilter())
    seen, after = [], None
    while True:
        page = event_page(filled, EventFilter(), limit=1, after=after)
        if not page:
            break
        seen += page
        after = decode_cursor(page[-1].cursor())
    assert seen == every and len(every) == 4
    with pytest.raises(InputError, match="not a cursor"):
        decode_cursor("eyJhIjogMX0")  # base64 of {"a": 1}


def test_event_counts_per_day_and_type(filled: Store) -> None:
    rows = [(r.day, r.type, r.count) for r in event_counts(filled, EventFilter())]
    assert rows == [("2015-04-18", "ASSAULT", 1), ("2015-04-19", "PROTEST", 1), ("2015-07-01", "COERCE", 1),
                    ("2015-07-02", "PROTEST", 1)]


def test_source_counts(filled: Store) -> None:
    rows = {(r.text, r.kind): (r.events, r.articles) for r in source_counts(filled, EventFilter())}
    assert rows == {("مصدر محلي", "anonymous"): (1, 1), ("مصدر محلي", "named"): (1, 1),
                    ("الشرق الأوسط", "outlet"): (1, 1), ("Saudi Press Agency", "outlet"): (1, 1)}
    assert [r.kind for r in source_counts(filled, EventFilter(), kind="named")] == ["named"]


def test_article_page(filled: Store) -> None:
    assert [a.id for a in article_page(filled, ArticleFilter(), limit=10)] == ["a1", "a2"]
    assert [a.id for a in article_page(filled, ArticleFilter(), limit=10, after="a1")] == ["a2"]
    first = article_page(filled, ArticleFilter(), limit=1)[0]
    assert (first.events, first.outlet) == (2, "الشرق الأوسط")
    assert count_articles(filled, ArticleFilter(text="الرياض")) == 1
    assert count_articles(filled, ArticleFilter(since="2015-05")) == 1
