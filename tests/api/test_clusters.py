"""``GET /clusters``, ``/clusters/{id}`` and ``/events/{id}/cluster`` over a corroborated store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from tests.corroborate.articles import documents

from khabar.corroborate.stored import update
from khabar.store import open_store


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    from khabar.api import create_app

    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('db') / 'k.db'}")
    for d in documents():
        store.save(d)
    update(store)
    with TestClient(create_app(store), raise_server_exceptions=False) as c:  # type: ignore[arg-type]
        yield c
    store.close()


def test_list_and_get_clusters(client: TestClient) -> None:
    body = client.get("/clusters").json()
    assert [len(c["articles"]) for c in body["clusters"]] == [3]
    top = body["clusters"][0]
    assert top["independent_source_count"] == 2 and body["next_offset"] is None
    assert client.get(f"/clusters/{top['id']}").json() == top
    assert client.get("/clusters", params={"min_sources": 3}).json()["clusters"] == []
    assert client.get("/clusters", params={"only_anonymous": "true"}).json()["clusters"] == []
    assert client.get("/clusters", params={"type": "PROTEST"}).json()["clusters"] == []
    assert len(client.get("/clusters", params={"since": "2015-07-20", "until": "2015-07"}).json()["clusters"]) == 1
    assert client.get("/clusters", params={"until": "2015-06-30"}).json()["clusters"] == []


def test_cluster_of_an_event(client: TestClient) -> None:
    rec = client.get("/events/c:ev1/cluster")
    assert rec.status_code == 200 and "c" in rec.json()["articles"]
    assert client.get("/events/c:ev1").status_code == 200  # the event itself still answers


@pytest.mark.parametrize(("url", "code"), [("/clusters/cl-nope", 404), ("/events/zz:ev9/cluster", 404),
                                           ("/clusters?min_sources=-1", 422), ("/clusters?since=July", 422)])
def test_errors(client: TestClient, url: str, code: int) -> None:
    assert client.get(url).status_code == code
