"""The web UI in a real browser (Debian's Chromium through Playwright) against the real app and a database of
50 real articles plus one whose title, outlet, URL and text carry <script> and "><img onerror> payloads."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from typing import Any

from .conftest import XSS_ID, artifacts_dir

TIMEOUT = 30_000  # ms


def api(base: str, path: str, **params: Any) -> Any:
    url = f"{base}/{path}" + ("?" + urllib.parse.urlencode(params) if params else "")
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.load(r)


def all_events(base: str, **params: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    data = api(base, "events", limit=1000, **params)
    out.extend(data["events"])
    while data.get("next"):
        with urllib.request.urlopen(base + data["next"], timeout=30) as r:
            data = json.load(r)
        out.extend(data["events"])
    return out


def open_map(page: Any, hash_: str = "#/") -> None:
    page.goto(page.base + "/" + hash_)
    page.wait_for_function("document.body.dataset.loaded !== undefined", timeout=TIMEOUT)
    page.wait_for_function("document.querySelector('#map').dataset.basemap === 'ready'", timeout=TIMEOUT)


def shown(page: Any) -> dict[str, Any]:
    """What the map view shows: markers put on the map, table rows and their types, marker icons in view."""
    return page.evaluate("""() => ({
        markers: Number(document.querySelector('#map').dataset.markers),
        rows: [...document.querySelectorAll('#events tbody tr[data-ref]')].map(r => [r.dataset.ref, r.dataset.type]),
        icons: document.querySelectorAll('#map .leaflet-marker-icon').length,
        dots: document.querySelectorAll('#map .ev-icon').length,
        countries: Number(document.querySelector('#map').dataset.countries),
        regions: Number(document.querySelector('#map').dataset.regions),
        canvas: document.querySelectorAll('#map .leaflet-overlay-pane canvas').length,
    })""")


def geocoded(events: list[dict[str, Any]]) -> int:
    return sum(1 for e in events if e.get("geo") and e["geo"].get("lat") is not None)


def test_map_shows_markers_offline_basemap_and_table(page: Any) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    open_map(page)
    events = all_events(page.base)
    s = shown(page)
    assert s["countries"] > 200 and s["canvas"] == 1  # Natural Earth country outlines drawn on a canvas
    assert s["regions"] == 0  # admin-1 regions only from zoom 5
    assert s["markers"] == geocoded(events) > 0
    assert s["icons"] > 0  # clusters and single dots on screen
    assert sorted(r[0] for r in s["rows"]) == sorted(e["id"] for e in events)
    # offline: every request stays on the app's own origin (no tile server, no CDN)
    foreign = [u for u in requests if not u.startswith(page.base)]
    assert requests and not foreign, foreign
    page.screenshot(path=str(artifacts_dir() / "map.png"))
    for _ in range(2):  # zoom 4 → 5: the admin-1 regions appear
        page.click("#map .leaflet-control-zoom-in")
        page.wait_for_timeout(400)
    assert shown(page)["regions"] > 500


def test_filter_by_type_changes_table_and_map(page: Any) -> None:
    open_map(page)
    before = shown(page)
    for etype in ("ASSAULT", "COERCE"):
        page.select_option("#f-type", etype)
        page.wait_for_function(f"(document.body.dataset.loaded || '').includes('{etype}')", timeout=TIMEOUT)
        assert f"event_type={etype}" in page.evaluate("location.hash")
        events = all_events(page.base, event_type=etype)
        after = shown(page)
        assert events and {t for _, t in after["rows"]} == {etype}
        assert sorted(r[0] for r in after["rows"]) == sorted(e["id"] for e in events)
        assert after["markers"] == geocoded(events)
        assert after["markers"] < before["markers"]
        assert page.locator("#map .ev-icon").count() + page.locator("#map .ev-cluster-icon").count() > 0


def test_timeline_brush_selects_a_date_range(page: Any) -> None:
    open_map(page)
    svg = page.locator("#timeline svg")
    assert svg.locator("rect[fill]").count() > 0  # bars of events per day
    box = svg.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.6, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] - 1, y, steps=6)
    page.mouse.up()
    page.wait_for_function("(document.body.dataset.loaded || '').includes('event_date_from')", timeout=TIMEOUT)
    query = urllib.parse.parse_qs(page.evaluate("location.hash").split("?", 1)[1])
    date_from, date_to = query["event_date_from"][0], query["event_date_to"][0]
    assert date_from <= date_to
    assert page.input_value("#f-from") == date_from and page.input_value("#f-to") == date_to
    events = all_events(page.base, event_date_from=date_from, event_date_to=date_to)
    rows = shown(page)["rows"]
    assert sorted(r[0] for r in rows) == sorted(e["id"] for e in events)
    assert all(date_from <= e["day"] <= date_to for e in events)
    assert len(rows) < len(all_events(page.base))


def _inside(ev: dict[str, Any]) -> list[dict[str, Any]]:
    """The actors of ``ev`` that stand in its evidence sentence (an actor may come from an earlier one)."""
    a, b = ev["evidence"]["start"], ev["evidence"]["end"]
    return [x for x in ev["actors"] if a <= x["start"] and x["end"] <= b]


def _sourced_event(base: str) -> dict[str, Any]:
    """A geocoded event of a real article attributed to a cited source, with a cue, via at least outlet → source."""
    for ev in all_events(base, source_kind="named") + all_events(base, source_kind="anonymous"):
        chain = ev["source"]["chain"]
        if ev["article_id"] != XSS_ID and len(chain) >= 2 and chain[-1].get("cue") and ev.get("geo") and _inside(ev):
            return ev
    raise AssertionError("no event with a cited source in the 50 articles")


def test_event_page_shows_evidence_and_chain(page: Any) -> None:
    ev = _sourced_event(page.base)
    open_map(page)
    page.click(f'#events tbody tr[data-ref="{ev["id"]}"] a')  # from the table to the event page
    page.wait_for_function("(document.body.dataset.page || '').startsWith('event:')", timeout=TIMEOUT)
    assert page.evaluate("document.body.dataset.page") == "event:" + ev["id"]
    evidence = page.locator("#evidence")
    assert evidence.inner_text().strip() == ev["evidence"]["text"].strip()
    assert evidence.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert evidence.locator(".hl-trigger").first.inner_text() in ev["trigger"]["text"]
    marked = "".join(evidence.locator(".hl-actor").all_inner_texts())
    assert all(a["text"] in marked for a in _inside(ev))
    chain = ev["source"]["chain"]
    links = page.locator("#chain .link")
    assert links.count() == len(chain)
    assert links.first.get_attribute("data-kind") == "outlet"
    assert chain[0]["text"] in links.first.inner_text()
    last = links.nth(len(chain) - 1)
    assert chain[-1]["text"] in last.inner_text()
    assert last.locator(".cue").inner_text().strip() == chain[-1]["cue"]
    assert page.locator("#event-map .ev-icon").count() == 1  # the place on a map
    page.wait_for_function("document.querySelector('#event-map').dataset.basemap === 'ready'", timeout=TIMEOUT)
    page.screenshot(path=str(artifacts_dir() / "event.png"), full_page=True)
    page.click("#article-link")
    page.wait_for_function(f"document.body.dataset.page === 'article:{ev['article_id']}'", timeout=TIMEOUT)
    focus = page.locator("#article-text .hl-focus")
    assert focus.count() >= 1 and focus.first.inner_text() in ev["trigger"]["text"]


def test_article_page_rtl_with_highlights_and_legend(page: Any) -> None:
    ev = _sourced_event(page.base)
    article = api(page.base, "articles/" + urllib.parse.quote(ev["article_id"], safe=""))
    page.goto(page.base + "/#/article/" + urllib.parse.quote(ev["article_id"], safe="") + "?ev=" + ev["event_id"])
    page.wait_for_function("(document.body.dataset.page || '').startsWith('article:')", timeout=TIMEOUT)
    text = page.locator("#article-text")
    assert text.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert text.evaluate("e => e.textContent") == article["text"]  # every character, none lost or added
    layers = {"PER", "ORG", "LOC"} & {e["type"] for e in article["entities"]}
    for layer in layers:
        assert text.locator(f".hl-{layer}").count() > 0, layer
    if article["times"]:
        assert text.locator(".hl-time").count() > 0
    if article["quantities"]:
        assert text.locator(".hl-quantity").count() > 0
    assert text.locator(".hl-cue").count() > 0 and text.locator(".hl-source").count() > 0
    assert text.locator(".hl-trigger").count() > 0
    legend = page.locator("#view-article .legend button.item")
    assert legend.count() == 8
    # the legend toggles a layer off and on
    loc = page.locator('#view-article .legend button[data-layer="LOC"]')
    loc.click()
    assert "hide-LOC" in (text.get_attribute("class") or "")
    loc.click()
    assert "hide-LOC" not in (text.get_attribute("class") or "")
    page.screenshot(path=str(artifacts_dir() / "article.png"))


def _not_executed(page: Any) -> None:
    assert page.evaluate("window.__khabar_xss") is None
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator('a[href^="javascript:"]').count() == 0
    # only the page's own five scripts exist
    assert page.evaluate("[...document.scripts].map(s => s.getAttribute('src'))") == [
        "vendor/leaflet/leaflet.js", "vendor/leaflet.markercluster/leaflet.markercluster.js",
        "vendor/topojson-client/topojson-client.min.js", "i18n.js", "khabar.js",
    ]


def test_injected_script_does_not_run(page: Any) -> None:
    open_map(page)
    xss = [e for e in all_events(page.base) if e["article_id"] == XSS_ID]
    assert xss, "the hostile article gave no event"
    ref = xss[0]["id"]
    assert page.locator(f'#events tbody tr[data-ref="{ref}"]').count() == 1
    assert page.locator("#f-outlet option", has_text="<script>").count() == 1  # the outlet shown as text
    page.select_option("#f-outlet", xss[0]["article"]["outlet"])  # the hostile outlet as a filter value
    page.wait_for_function("(document.body.dataset.loaded || '').includes('outlet')", timeout=TIMEOUT)
    assert [r[0] for r in shown(page)["rows"]] == [e["id"] for e in xss]
    page.locator("#map .ev-icon").first.click()  # its popup
    page.wait_for_selector(".leaflet-popup-content .popup")
    _not_executed(page)

    page.goto(page.base + "/#/event/" + urllib.parse.quote(ref, safe=""))
    page.wait_for_function("(document.body.dataset.page || '').startsWith('event:')", timeout=TIMEOUT)
    assert "<img src=x onerror=window.__khabar_xss='evidence'>" in page.locator("#evidence").inner_text()
    assert "<script>" in page.locator("#chain").inner_text()
    _not_executed(page)

    page.goto(page.base + "/#/article/" + XSS_ID)
    page.wait_for_function(f"document.body.dataset.page === 'article:{XSS_ID}'", timeout=TIMEOUT)
    title = page.locator("#view-article h1").inner_text()
    assert "<script>window.__khabar_xss='title'</script>" in title
    body = page.locator("#article-text").evaluate("e => e.textContent")
    assert "<script>window.__khabar_xss='script'</script>" in body and "\"><img src=x onerror=" in body
    _not_executed(page)


def test_language_toggle_arabic_rtl(page: Any) -> None:
    open_map(page)
    assert page.evaluate("document.documentElement.dir") == "ltr"
    page.click("#lang")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    assert page.locator('#filters [data-i18n="f_type"]').inner_text() == "النوع"
    assert page.locator('#events th[data-i18n="c_date"]').inner_text() == "التاريخ"
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Noto Naskh Arabic" in font
    page.click("#lang")
    assert page.evaluate("document.documentElement.dir") == "ltr"
    assert page.locator('#filters [data-i18n="f_type"]').inner_text() == "Type"
