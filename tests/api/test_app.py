"""The app around the endpoints: health, OpenAPI, offline docs, CORS, timeouts, errors, the web UI mount."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from khabar.store import Store


def test_health(client: TestClient, filled: Store) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok" and body["articles"] == 2 and body["events"] == 4
    assert body["database"] == filled.dialect


def test_openapi_lists_every_endpoint(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/events", "/events/{key}", "/articles", "/articles/{article_id}", "/extract", "/stats", "/sources",
            "/health"} <= set(spec["paths"])
    params = {p["name"] for p in spec["paths"]["/events"]["get"]["parameters"]}
    assert {"event_type", "mode", "status", "country", "admin1", "bbox", "min_confidence", "target", "source",
            "event_date_from", "event_date_to", "q", "limit", "cursor", "format"} <= params


def test_docs_are_served_from_the_package(client: TestClient) -> None:
    html = client.get("/docs").text
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls and all(u.startswith("/") for u in urls), urls  # no CDN
    for url in urls:
        assert client.get(url).status_code == 200, url
    assert "validatorUrl" in html  # no call to the online validator
    redoc = client.get("/redoc").text
    assert "fonts.googleapis" not in redoc and client.get("/docs-assets/redoc.standalone.js").status_code == 200


def test_cors_is_off_by_default(make_client: Callable[..., TestClient]) -> None:
    r = make_client().get("/events", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in r.headers
    allowed = make_client(cors_origins=["https://analyst.example"])
    r = allowed.get("/events", headers={"Origin": "https://analyst.example"})
    assert r.headers["access-control-allow-origin"] == "https://analyst.example"
    r = allowed.get("/events", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in r.headers


def test_slow_request_gets_504(make_client: Callable[..., TestClient], monkeypatch: pytest.MonkeyPatch) -> None:
    client = make_client(timeout=1.5)  # generous: a loaded CI machine must still answer /health in time
    assert client.get("/health").status_code == 200
    real = Store.count

    def slow(self: Store, table: str = "articles") -> int:
        time.sleep(4)
        return real(self, table)

    monkeypatch.setattr(Store, "count", slow)
    r = client.get("/health")
    assert r.status_code == 504 and "longer than 1.5 s" in r.json()["error"]


def test_a_bug_is_a_json_500_without_traceback(make_client: Callable[..., TestClient],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import khabar.api.events as events

    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(events, "event_counts", boom)
    r = make_client().get("/stats")
    assert r.status_code == 500
    assert r.json()["error"] == "internal error (RuntimeError); see the server log"


def test_unknown_path_is_404_json_or_ui(client: TestClient) -> None:
    r = client.get("/no/such/path")
    assert r.status_code == 404


def test_web_ui_is_mounted_at_root_when_packaged(client: TestClient) -> None:
    from khabar.api.app import web_static_dir

    web = web_static_dir()
    if web is None or not (web / "index.html").is_file():
        pytest.skip("no web UI in this checkout (src/khabar/web/static/index.html)")
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert client.get("/events").headers["content-type"] == "application/json"  # the API wins over the mount
