"""GET /articles, /articles/{id} and POST /extract on both backends: offsets, search, size limits, storing, keys."""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from khabar.input_checks import MAX_TEXT_BYTES

EXAMPLE = (Path(__file__).resolve().parents[2] / "examples" / "hasakah.txt").read_text(encoding="utf-8")
XSS = 'قال مصدر محلي إن <script>alert(1)</script> اشتباكات اندلعت في حلب "><img src=x onerror=alert(2)> أمس.'


def test_article_text_and_offsets(client: TestClient) -> None:
    r = client.get("/articles/a1")
    assert r.status_code == 200
    rec = r.json()
    assert rec["schema"] == "khabar/doc-1" and rec["id"] == "a1"
    text = rec["text"]
    for ent in rec["entities"]:
        assert text[ent["start"] : ent["end"]] == ent["text"]
        for start, end in ent["mentions"]:
            assert text[start:end] in (ent["text"], *ent["aliases"])
    for src in rec["sources"]:
        if src["end"] > src["start"]:
            assert text[src["start"] : src["end"]] == src["text"]
    for ev in rec["events"]:
        assert text[ev["trigger"]["start"] : ev["trigger"]["end"]] == ev["trigger"]["text"]
    assert rec["links"] == {"self": "/articles/a1", "events": ["/events/a1:ev1", "/events/a1:ev2"]}


def test_unknown_article_is_404(client: TestClient) -> None:
    r = client.get("/articles/nope")
    assert r.status_code == 404 and r.json()["error"] == "no article 'nope'"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["a1", "a2"]),
        ("q=الرياض", ["a2"]),
        ("q=الحسكة", ["a1", "a2"]),
        ("outlet=saudi press agency", ["a2"]),
        ("published_from=2015-05", ["a2"]),
        ("published_to=2015-04-19", ["a1"]),
        ("q=' OR ''='", []),
    ],
)
def test_article_listing(client: TestClient, query: str, expected: list[str]) -> None:
    body = client.get(f"/articles?{query}").json()
    assert [a["id"] for a in body["articles"]] == expected
    assert body["count"] == len(expected)


def test_article_listing_shape_and_cursor(client: TestClient) -> None:
    first = client.get("/articles?limit=1").json()
    a = first["articles"][0]
    assert a["id"] == "a1" and a["events"] == 2 and a["outlet"] == "الشرق الأوسط" and a["length"] > 50
    assert "text" not in a
    second = client.get(first["next"]).json()
    assert [x["id"] for x in second["articles"]] == ["a2"] and second["next"] is None
    assert client.get("/articles?cursor=%%%").status_code == 422
    assert client.get("/articles?limit=1001").status_code == 422


def test_extract_returns_the_record(client: TestClient) -> None:
    r = client.post("/extract", json={"text": EXAMPLE, "published": "2015-04-19", "outlet": "الشرق الأوسط"})
    assert r.status_code == 200, r.text
    rec = r.json()
    assert rec["schema"] == "khabar/doc-1" and rec["doc"]["published"] == "2015-04-19"
    assert rec["events"] and rec["entities"]
    assert "location" not in r.headers  # not stored
    plover = client.post("/extract?format=plover", json={"text": EXAMPLE}).json()
    assert isinstance(plover, list) and len(plover) == len(rec["events"])


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"text": ""}, 422, "empty text"),
        ({"text": "   \n"}, 422, "empty text"),
        ({"text": "This is an English sentence, not an Arabic report."}, 422, "not Arabic text"),
        ({"text": "قال مصدر\x00\x01\x02\x03 إن"}, 422, "binary data"),
        ({"text": "قال مصدر محلي إن اشتباكات اندلعت", "published": "yesterday"}, 422, "not a date"),
        ({"published": "2015-04-19"}, 422, "text: Field required"),
        ({"text": 12}, 422, "text: Input should be a valid string"),
        ({"text": "ا" * (MAX_TEXT_BYTES // 2 + 1)}, 413, "over the limit of 2,000,000 bytes"),
    ],
)
def test_extract_bad_input(client: TestClient, body: dict, status: int, message: str) -> None:
    r = client.post("/extract", json=body)
    assert r.status_code == status, r.text
    assert message in r.json()["error"]


def test_extract_body_over_the_limit_is_413(client: TestClient) -> None:
    from khabar.api.app import MAX_BODY_BYTES

    raw = json.dumps({"text": "ا" * 10}).encode()[:-2] + b"x" * MAX_BODY_BYTES + b'"}'
    r = client.post("/extract", content=raw, headers={"content-type": "application/json"})
    assert r.status_code == 413 and "over the limit" in r.json()["error"]

    def chunks():  # no Content-Length: the limit still holds
        yield b'{"text": "'
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b"x" * 65536
        yield b'"}'

    r = client.post("/extract", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_extract_not_json_is_422(client: TestClient) -> None:
    r = client.post("/extract", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422 and r.json()["error"]


def test_extract_and_store(client: TestClient) -> None:
    r = client.post("/extract?store=true", json={"text": EXAMPLE, "id": "new-1", "published": "2015-04-19"})
    assert r.status_code == 201, r.text
    assert r.headers["location"] == "/articles/new-1" and r.headers["x-khabar-stored"] == "new"
    stored = client.get("/articles/new-1").json()
    assert stored["events"] == r.json()["events"]
    assert client.get("/health").json()["articles"] == 3
    again = client.post("/extract?store=true", json={"text": EXAMPLE, "id": "other-id"})
    assert again.status_code == 200 and again.headers["x-khabar-stored"] == "skipped"
    assert again.headers["location"] == "/articles/new-1"  # same text: the stored article
    assert client.get("/health").json()["articles"] == 3
    ids = [e["id"] for e in client.get("/events?limit=1000").json()["events"]]
    assert any(i.startswith("new-1:") for i in ids)


def test_stored_markup_comes_back_as_json_text(client: TestClient) -> None:
    r = client.post("/extract?store=true", json={"text": XSS, "id": "xss", "title": "<b>عنوان</b>"})
    assert r.status_code == 201, r.text
    got = client.get("/articles/xss")
    assert got.headers["content-type"] == "application/json"
    assert got.headers["x-content-type-options"] == "nosniff"
    rec = got.json()
    assert "<script>alert(1)</script>" in rec["text"] and '"><img src=x onerror=alert(2)>' in rec["text"]
    assert rec["doc"]["title"] == "<b>عنوان</b>"


def test_api_key_guards_post_only(make_client: Callable[..., TestClient]) -> None:
    client = make_client(api_key="s3cret")
    r = client.post("/extract", json={"text": EXAMPLE})
    assert r.status_code == 401 and "X-API-Key" in r.json()["error"]
    assert client.post("/extract", json={"text": EXAMPLE}, headers={"X-API-Key": "wrong"}).status_code == 401
    assert client.post("/extract", json={"text": EXAMPLE}, headers={"X-API-Key": "s3cret"}).status_code == 200
    assert client.get("/events").status_code == 200  # reading needs no key


def test_extract_requests_at_once_give_the_records_of_one_at_a_time(client: TestClient) -> None:
    # The server answers requests in worker threads, extracting in several at once: each thread has its own CRF
    # taggers (one shared pycrfsuite Tagger raised ValueError within seconds in 8 threads over real articles).
    paragraphs = [p for p in EXAMPLE.split("\n\n") if p.strip()]
    texts = [EXAMPLE, "\n\n".join(reversed(paragraphs)), *paragraphs[1:4]]
    want = [client.post("/extract", json={"text": t, "published": "2015-04-19"}).json() for t in texts]

    def post(i: int) -> tuple[int, int, dict]:
        r = client.post("/extract", json={"text": texts[i % len(texts)], "published": "2015-04-19"})
        return i, r.status_code, r.json()

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(post, range(6 * len(texts))))
    assert [status for _, status, _ in results] == [200] * len(results), [b for _, s, b in results if s != 200][:1]
    for i, _, body in results:
        assert body == want[i % len(texts)]


def test_extract_and_store_requests_at_once(client: TestClient) -> None:
    # Extraction runs in several threads at once (no lock): the same article posted by four clients at once is
    # stored once (one "new", the rest "skipped"), and different articles at once are each stored.
    paragraphs = [p for p in EXAMPLE.split("\n\n") if p.strip()]
    texts = [EXAMPLE, *paragraphs[1:4]]

    def post(i: int) -> tuple[int, str]:
        r = client.post("/extract?store=true", json={"text": texts[i % len(texts)], "id": f"c{i % len(texts)}"})
        return r.status_code, r.headers.get("x-khabar-stored", r.text)

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(post, range(4 * len(texts))))
    for k in range(len(texts)):
        mine = sorted(results[i] for i in range(len(results)) if i % len(texts) == k)
        assert mine == [(200, "skipped")] * 3 + [(201, "new")], mine
    assert client.get("/health").json()["articles"] == 2 + len(texts)
