"""Feeds, pages and archives made to hurt the reader: entity expansion (billion laughs, quadratic blowup),
external entities, deep nesting and huge documents. Each must give a bounded result or a one-line error."""

from __future__ import annotations

import io
import resource
import time
from pathlib import Path

import pytest

from khabar.errors import InputError, KhabarError
from khabar.ingest.feed import iter_feed
from khabar.ingest.html import article_from_html, html_to_text
from khabar.ingest.records import ArticleInput
from khabar.ingest.sources import iter_path
from khabar.input_checks import MAX_TEXT_BYTES

from .test_sources import BODY


def _laughs(root: str, levels: int = 10) -> str:
    """The billion-laughs DTD: ``&lol9;`` expands to 10**9 "lol"s (3 GB) if entities are expanded."""
    ents = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol;" if i == 1 else f"&lol{i - 1};") * 10}">' for i in range(1, levels)
    ]
    return f'<?xml version="1.0"?>\n<!DOCTYPE {root} [\n' + "\n".join(ents) + "\n]>\n"


BILLION_LAUGHS_RSS = _laughs("rss") + (
    '<rss version="2.0"><channel><title>&lol9;</title>'
    f"<item><title>اشتباكات &lol9;</title><description>{BODY} &lol9;</description></item></channel></rss>"
)
# Quadratic blowup: one 50 kB entity referenced 5,000 times (250 MB if expanded), no nesting to detect.
QUADRATIC_RSS = (
    f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "{"x" * 50_000}">]>\n'
    f'<rss version="2.0"><channel><title>t</title><item><title>خبر</title><description>{BODY}'
    + "&a;" * 5_000
    + "</description></item></channel></rss>"
)
XXE_RSS = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    f'<rss version="2.0"><channel><title>t</title><item><title>خبر</title><description>{BODY} &xxe;'
    "</description></item></channel></rss>"
)


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _bounded(func, *args):  # type: ignore[no-untyped-def]
    """Run ``func``: it must take under 10 s and grow the process by under 200 MB (3 GB if it expanded)."""
    before, t0 = _max_rss_mb(), time.monotonic()
    try:
        result = func(*args)
    except KhabarError as exc:
        result = exc
    assert time.monotonic() - t0 < 10
    assert _max_rss_mb() - before < 200
    return result


@pytest.mark.parametrize(
    "feed", [BILLION_LAUGHS_RSS, QUADRATIC_RSS, XXE_RSS], ids=["billion-laughs", "quadratic", "xxe"]
)
def test_feed_entities_are_not_expanded(feed: str) -> None:
    items = _bounded(lambda: list(iter_feed(feed.encode("utf-8"), name="feed")))
    if isinstance(items, KhabarError):
        return
    for _, item in items:
        if isinstance(item, ArticleInput):
            assert len(item.text) < 100_000 and "lollol" not in item.text and "root:" not in item.text
            assert "x" * 1000 not in item.text


@pytest.mark.parametrize(
    "doc",
    [BILLION_LAUGHS_RSS.replace("rss", "html"), QUADRATIC_RSS.replace("rss", "html"), XXE_RSS.replace("rss", "html")],
    ids=["billion-laughs", "quadratic", "xxe"],
)
def test_html_entities_are_not_expanded(doc: str) -> None:
    page = _bounded(article_from_html, doc.encode("utf-8"))
    if isinstance(page, ArticleInput):
        assert len(page.text) < 100_000 and "lollol" not in page.text and "root:" not in page.text
        assert "x" * 1000 not in page.text
    fragment = _bounded(html_to_text, doc)
    assert len(fragment) < 300_000 and "lollol" not in fragment


def test_deeply_nested_html_gives_text_or_an_error() -> None:
    doc = "<html><body>" + "<div>" * 100_000 + f"<p>{BODY}</p>" + "</div>" * 100_000 + "</body></html>"
    page = _bounded(article_from_html, doc.encode("utf-8"))
    assert isinstance(page, ArticleInput | InputError)
    assert isinstance(_bounded(html_to_text, doc), str)


def _warc(path: Path, body: bytes) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://example.org/a", "response", payload=io.BytesIO(body), http_headers=headers
            )
        )


def test_warc_with_a_billion_laughs_page(tmp_path: Path) -> None:
    path = tmp_path / "laughs.warc.gz"
    _warc(path, BILLION_LAUGHS_RSS.replace("rss", "html").encode("utf-8"))
    items = _bounded(lambda: list(iter_path(path)))
    for _, item in items:
        assert isinstance(item, ArticleInput | KhabarError)
        if isinstance(item, ArticleInput):
            assert "lollol" not in item.text


def test_warc_record_over_the_cap_is_an_error_not_a_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.warc.gz"
    _warc(path, b"<html><body><p>" + b"x" * (5 * MAX_TEXT_BYTES + 10) + b"</p></body></html>")
    [(_, item)] = list(iter_path(path))
    assert isinstance(item, InputError) and "page over" in str(item)


@pytest.mark.parametrize("name", ["huge.xml", "huge.html", "huge.txt"])
def test_huge_files_are_refused_at_their_cap(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    head = b'<?xml version="1.0"?><rss><channel>' if name.endswith(".xml") else b"<html><body>"
    path.write_bytes(head + b"x" * (5 * MAX_TEXT_BYTES + 10))
    [(_, item)] = list(iter_path(path))
    assert isinstance(item, InputError) and "over the limit" in str(item)
