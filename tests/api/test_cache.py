"""The Documents the API keeps between requests (khabar.api.cache): never stale, bounded, same answers as none."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from api.conftest import OTHER
from khabar.api.cache import DocumentCache
from khabar.store import Store
from store.conftest import rich_document


def test_answers_are_the_same_with_and_without_the_cache(make_client: Callable[..., TestClient]) -> None:
    cached, uncached = make_client(), make_client(cache_documents=0)
    for path in ("/events?limit=1000", "/events?format=ndjson&limit=0", "/events?format=geojson",
                 "/events/a2:ev1", "/articles/a1", "/events?event_type=COERCE&limit=1"):
        first = cached.get(path)
        assert first.status_code == 200, path
        assert cached.get(path).text == first.text == uncached.get(path).text, path
    assert len(uncached.app.state.documents) == 0  # type: ignore[attr-defined]
    cache = cached.app.state.documents  # type: ignore[attr-defined]
    assert len(cache) == 1 and cache.hits > 0  # /articles/a1: events and GeoJSON come from rows (EventCache)


def test_an_article_changed_by_another_writer_is_read_again(client: TestClient, filled: Store) -> None:
    before = client.get("/events/a1:ev1").json()
    assert before["article"]["outlet"] == "الشرق الأوسط" and client.get("/articles/a1").status_code == 200
    # Another process re-ingests a1 with another text and outlet (same id): the next request must show it.
    text = OTHER + " وأضاف المصدر أن الاشتباكات توقفت."
    filled.save(rich_document("a1", text, outlet="عكاظ", event_type="COERCE", mode="arrest"))
    after = client.get("/events/a1:ev1").json()
    assert after["article"]["outlet"] == "عكاظ" and after["type"] == "COERCE"
    assert after["evidence"]["text"] != before["evidence"]["text"]
    assert client.get("/articles/a1").json()["text"] == filled.load_document("a1").text
    page = client.get("/events?event_type=COERCE").json()["events"]
    assert [e["article"]["outlet"] for e in page if e["article_id"] == "a1"] == ["عكاظ"]


def test_the_same_text_saved_again_is_read_again(client: TestClient, filled: Store) -> None:
    assert client.get("/articles/a2").json()["events"][0]["type"] == "COERCE"
    filled.save(rich_document("a2", OTHER, published="2015-07-02", outlet="Saudi Press Agency", event_type="ASSAULT",
                              mode="firearms", source_kind="named"))  # same text, other events
    assert client.get("/articles/a2").json()["events"][0]["type"] == "ASSAULT"


def test_the_cache_is_bounded(filled: Store) -> None:
    cache = DocumentCache(max_documents=1)
    assert set(cache.documents(filled, ["a1", "a2", "nope"])) == {"a1", "a2"}  # unknown ids are left out
    assert len(cache) == 1
    cache.documents(filled, ["a1"])
    cache.documents(filled, ["a1"])
    assert len(cache) == 1 and cache.hits >= 1
    events = list(cache.load_events(filled, [("a2", "ev2"), ("a1", "ev1"), ("a1", "ev9"), ("zz", "ev1")]))
    assert [(d.id, e.id) for d, e in events] == [("a2", "ev2"), ("a1", "ev1")]  # in the order asked
