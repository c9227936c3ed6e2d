"""GET /events, /events/{id}, /stats, /sources over both backends: shapes, filters, pagination, formats, bad input."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from khabar.store import Store
from store.conftest import rich_document

ALL = ["a1:ev1", "a1:ev2", "a2:ev1", "a2:ev2"]


def ids(client: TestClient, query: str = "") -> list[str]:
    r = client.get(f"/events?{query}")
    assert r.status_code == 200, r.text
    return [e["id"] for e in r.json()["events"]]


def test_events_page_shape(client: TestClient) -> None:
    r = client.get("/events")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json"
    body = r.json()
    assert body["count"] == 4 and body["limit"] == 100 and body["next"] is None and body["cursor"] is None
    assert [e["id"] for e in body["events"]] == ALL  # by day, article, position
    ev = body["events"][0]
    assert (ev["article_id"], ev["event_id"], ev["type"], ev["mode"], ev["status"]) == (
        "a1", "ev1", "ASSAULT", "firearms", "asserted")
    assert ev["cluster"] is None  # reserved for corroboration
    assert ev["day"] == "2015-04-18" and ev["date"]["text"] == "أمس" and ev["date"]["precision"] == "day"
    assert ev["geo"]["country_code"] == "SY" and ev["geo"]["admin1"] == "Al-Hasakah"
    assert ev["fatalities"] == 60
    assert ev["evidence"]["text"].startswith("قال مصدر محلي")
    chain = ev["source"]["chain"]
    assert [link["kind"] for link in chain] == ["outlet", "anonymous"]  # outlet → … → cited source
    assert chain[-1]["text"] == "مصدر محلي" and chain[-1]["cue"] == "قال"
    assert ev["article"] == {"id": "a1", "title": "اشتباكات في الحسكة", "outlet": "الشرق الأوسط",
                             "published": "2015-04-19", "url": "https://example.org/a1"}
    assert ev["links"] == {"self": "/events/a1:ev1", "article": "/articles/a1"}
    assert [a["text"] for a in ev["actors"]] == ["وحدات حماية الشعب", "داعش"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("event_type=ASSAULT", ["a1:ev1"]),
        ("event_type=assault,coerce", ["a1:ev1", "a2:ev1"]),
        ("event_type=ASSAULT&event_type=COERCE", ["a1:ev1", "a2:ev1"]),
        ("mode=arrest", ["a2:ev1"]),
        ("status=denied", ["a1:ev2", "a2:ev2"]),
        ("status=asserted,denied", ALL),
        ("country=SY", ["a1:ev1", "a2:ev1"]),
        ("country=sy", ["a1:ev1", "a2:ev1"]),
        ("country=IQ", []),
        ("admin1=al-hasakah", ["a1:ev1", "a2:ev1"]),
        ("admin1=Baghdad", []),
        ("bbox=40,36,41,37", ["a1:ev1", "a2:ev1"]),
        ("bbox=-10,30,10,40", []),
        ("min_confidence=0.8", ["a1:ev2", "a2:ev2"]),  # ev1 has 0.75, ev2 1.0
        ("min_confidence=0.75", ALL),
        ("place=الحسكه", ["a1:ev1", "a2:ev1"]),  # after normalization
        ("actor=YPG", ["a1:ev1", "a2:ev1"]),
        ("target=داعش", ["a1:ev1", "a2:ev1"]),
        ("target=وحدات", []),
        ("source=مصدر", ["a1:ev1", "a2:ev1"]),
        ("source=وزارة", []),
        ("source_kind=named", ["a2:ev1"]),
        ("source_kind=outlet", ["a1:ev2", "a2:ev2"]),
        ("outlet=saudi press agency", ["a2:ev1", "a2:ev2"]),
        ("event_date_from=2015-04-19", ["a1:ev2", "a2:ev1", "a2:ev2"]),
        ("event_date_to=2015-04", ["a1:ev1", "a1:ev2"]),
        ("event_date_from=2015-07&event_date_to=2015-07", ["a2:ev1", "a2:ev2"]),
        ("q=الرياض", ["a2:ev1", "a2:ev2"]),
        ("q=اعتقلت الطلاب", ["a2:ev1", "a2:ev2"]),
        ("event_type=ASSAULT&country=SY&status=asserted", ["a1:ev1"]),
        ("event_type=COERCE&outlet=الشرق الأوسط", []),
        # SQL and FTS syntax is taken literally (parameterized queries): no match, no error.
        ("q=' OR 1=1 --", []),
        ('q=داعش" OR "*', []),
        ("actor=%25", []),
        ("outlet=x' OR '1'='1", []),
    ],
)
def test_filters(client: TestClient, query: str, expected: list[str]) -> None:
    assert ids(client, query) == expected
    assert client.get(f"/events?{query}").json()["count"] == len(expected)


def test_cursor_walks_every_event_once(client: TestClient) -> None:
    seen: list[str] = []
    url = "/events?limit=1&event_type=ASSAULT,COERCE,PROTEST"
    pages = 0
    while url:
        r = client.get(url)
        assert r.status_code == 200
        body = r.json()
        assert body["count"] == 4
        seen += [e["id"] for e in body["events"]]
        if body["next"]:
            assert r.headers["link"] == f'<{body["next"]}>; rel="next"'
            assert "event_type=ASSAULT%2CCOERCE%2CPROTEST" in body["next"]  # the filters carry over
        url = body["next"]
        pages += 1
    assert seen == ALL and pages == 4


def test_cursor_is_stable_when_an_earlier_event_is_added(client: TestClient, filled: Store) -> None:
    first = client.get("/events?limit=2").json()
    filled.save(rich_document("a0", published="2014-01-02"))  # sorts before every page already read
    rest = client.get(first["next"]).json()
    assert [e["id"] for e in rest["events"]] == ["a2:ev1", "a2:ev2"]


def test_get_one_event(client: TestClient) -> None:
    r = client.get("/events/a2:ev1")
    assert r.status_code == 200
    ev = r.json()
    assert ev["id"] == "a2:ev1" and ev["type"] == "COERCE" and ev["source"]["kind"] == "named"
    assert ev == client.get("/events?event_type=COERCE").json()["events"][0]


@pytest.mark.parametrize("key", ["a1:ev9", "zz:ev1", "a1", "a1:", ":ev1", "a1%3Aev1%00"])
def test_unknown_event_is_404(client: TestClient, key: str) -> None:
    r = client.get(f"/events/{key}")
    assert r.status_code == 404
    assert "no event" in r.json()["error"]


def test_geojson(client: TestClient) -> None:
    r = client.get("/events?format=geojson")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/geo+json")
    fc = json.loads(r.text)
    assert fc["type"] == "FeatureCollection" and fc["count"] == 4
    assert [f["id"] for f in fc["features"]] == ["a1:ev1", "a2:ev1"]  # the PROTESTs have no place
    assert fc["features"][0]["geometry"] == {"type": "Point", "coordinates": [40.74772, 36.50237]}


def test_csv_and_acled(client: TestClient) -> None:
    r = client.get("/events?format=csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [f"{x['article_id']}:{x['event_id']}" for x in rows] == ALL
    assert rows[0]["country_code"] == "SY" and rows[0]["source_kind"] == "anonymous"
    acled = list(csv.DictReader(io.StringIO(client.get("/events?format=acled").text)))
    assert [x["event_id_cnty"] for x in acled] == ALL
    assert [x["event_type"] for x in acled] == ["Battles", "Protests", "Strategic developments", "Protests"]
    assert acled[0]["event_date"] == "2015-04-18"


def test_ndjson_and_plover(client: TestClient) -> None:
    lines = client.get("/events?format=ndjson&status=asserted").text.splitlines()
    assert [json.loads(x)["id"] for x in lines] == ["a1:ev1", "a2:ev1"]
    plover = [json.loads(x) for x in client.get("/events?format=plover&event_type=ASSAULT").text.splitlines()]
    assert [(p["event"], p["mode"], p["khabar_doc_id"]) for p in plover] == [("ASSAULT", "firearms", "a1")]


def test_limit_zero_streams_everything_but_not_as_a_json_page(client: TestClient) -> None:
    lines = client.get("/events?format=ndjson&limit=0").text.splitlines()
    assert len(lines) == 4
    r = client.get("/events?limit=0")
    assert r.status_code == 422 and "streamed formats" in r.json()["error"]


def test_streamed_format_pages_with_link_header(client: TestClient) -> None:
    r = client.get("/events?format=csv&limit=3")
    assert len(list(csv.DictReader(io.StringIO(r.text)))) == 3
    nxt = r.headers["link"].split(">")[0].lstrip("<")
    rows = list(csv.DictReader(io.StringIO(client.get(nxt).text)))
    assert [f"{x['article_id']}:{x['event_id']}" for x in rows] == ["a2:ev2"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("limit=1001", "less than or equal to 1000"),
        ("limit=-1", "greater than or equal to 0"),
        ("limit=ten", "valid integer"),
        ("bbox=1,2,3", "four numbers"),
        ("bbox=a,b,c,d", "four comma-separated numbers"),
        ("bbox=10,0,5,1", "minimum must not be larger"),
        ("bbox=0,-91,1,1", "latitudes"),
        ("bbox=0,0,181,1", "longitudes"),
        ("bbox=nan,0,1,1", "finite"),
        ("min_confidence=2", "less than or equal to 1"),
        ("min_confidence=x", "valid number"),
        ("status=maybe", "status must be one of"),
        ("country=SYR", "two-letter ISO"),
        ("source_kind=friend", "source kind must be one of"),
        ("event_date_from=2015/04/01", "pattern"),
        ("event_date_to=yesterday", "pattern"),
        ("cursor=not-a-cursor", "not a cursor"),
        ("cursor=WzEsMiwzXQ", "not a cursor"),  # valid base64 of [1,2,3]
        ("format=xml", "format"),
        ("q=!!!", "no words"),
        ("place=" + "x" * 201, "at most 200 characters"),
        ("event_type=" + "&event_type=".join(["A"] * 51), "at most 50 items"),
    ],
)
def test_bad_parameters_are_422_with_a_message(client: TestClient, query: str, message: str) -> None:
    r = client.get(f"/events?{query}")
    assert r.status_code == 422, r.text
    assert message in r.json()["error"]


def test_stats_is_a_timeline(client: TestClient) -> None:
    body = client.get("/stats").json()
    assert body["total"] == 4
    assert body["by_type"] == {"ASSAULT": 1, "COERCE": 1, "PROTEST": 2}
    assert body["first_day"] == "2015-04-18" and body["last_day"] == "2015-07-02"
    assert body["series"] == [
        {"day": "2015-04-18", "type": "ASSAULT", "count": 1},
        {"day": "2015-04-19", "type": "PROTEST", "count": 1},
        {"day": "2015-07-01", "type": "COERCE", "count": 1},
        {"day": "2015-07-02", "type": "PROTEST", "count": 1},
    ]
    assert client.get("/stats?country=SY").json()["by_type"] == {"ASSAULT": 1, "COERCE": 1}
    assert client.get("/stats?bbox=9,9,1,1").status_code == 422


def test_sources_counts_by_kind(client: TestClient) -> None:
    body = client.get("/sources").json()
    assert body["by_kind"] == {"anonymous": 1, "named": 1, "outlet": 2}
    texts = {(s["text"], s["kind"]): s["events"] for s in body["sources"]}
    assert texts == {("مصدر محلي", "anonymous"): 1, ("مصدر محلي", "named"): 1, ("الشرق الأوسط", "outlet"): 1,
                     ("Saudi Press Agency", "outlet"): 1}
    named = client.get("/sources?kind=named").json()
    assert [(s["text"], s["events"]) for s in named["sources"]] == [("مصدر محلي", 1)]
    assert client.get("/sources?kind=rumour").status_code == 422
    assert len(client.get("/sources?limit=1").json()["sources"]) == 1
