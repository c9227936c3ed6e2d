"""The encoded events ``GET /events`` keeps between requests (``khabar.api.cache.EventCache``): same bytes as none,
bounded, never stale."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from khabar.api.cache import EventCache
from khabar.api.rows import event_records
from khabar.api.serialize import dumps
from khabar.store import Store
from store.conftest import rich_document


def test_pages_are_the_same_bytes_with_and_without_the_event_cache(make_client: Callable[..., TestClient]) -> None:
    cached, uncached = make_client(), make_client(cache_events=0)
    for path in ("/events?limit=1000", "/events?format=ndjson&limit=0", "/events/a2:ev1", "/events?limit=1",
                 "/events?event_type=COERCE&limit=1", "/events?event_type=NOPE"):
        first = cached.get(path)
        assert first.status_code == 200, path
        assert cached.get(path).content == first.content == uncached.get(path).content, path
    assert len(uncached.app.state.events) == 0  # type: ignore[attr-defined]
    cache = cached.app.state.events  # type: ignore[attr-defined]
    assert len(cache) == 4 and cache.hits > 0


def test_a_page_is_the_orjson_of_its_fields(client: TestClient, filled: Store) -> None:
    r = client.get("/events?limit=2")
    body = r.json()
    assert r.content == dumps(body)  # the events' cached bytes joined into the page are the page's own encoding
    assert body["events"] == list(event_records(filled, [("a1", "ev1"), ("a1", "ev2")]))


def test_the_event_cache_is_bounded_and_checked(filled: Store) -> None:
    cache = EventCache(max_events=2)
    keys = [("a2", "ev2"), ("a1", "ev1"), ("a1", "ev9"), ("zz", "ev1"), ("a1", "ev2"), ("a1", "ev1\x00")]
    want = [dumps(r) for r in event_records(filled, keys)]
    assert len(want) == 3 and list(cache.encoded(filled, keys)) == want  # in the order asked, unknown left out
    assert len(cache) == 2
    assert list(cache.encoded(filled, [("a1", "ev2")])) == want[2:] and cache.hits == 1  # the last two are kept
    assert list(cache.encoded(filled, keys, batch=1)) == want
    filled.save(rich_document("a1", "خبر عاجل من سوريا.\n" + rich_document().text, event_type="COERCE"))
    after = [r.decode() for r in cache.encoded(filled, [("a1", "ev1")])]
    assert '"type":"COERCE"' in after[0]  # the article changed: read again, not the bytes held
