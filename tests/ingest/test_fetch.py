"""Fetching URLs (command line only) against a local HTTP server the test starts: feed, page, limits."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from khabar.errors import InputError
from khabar.ingest.fetch import fetch
from khabar.ingest.records import ArticleInput
from khabar.ingest.sources import iter_url

from .test_sources import BODY, PAGE, RSS

ROUTES = {
    "/page": ("text/html; charset=utf-8", PAGE.encode("utf-8")),
    "/feed": ("application/rss+xml", RSS.encode("utf-8")),
    "/big": ("text/html", b"<p>" + "خبر ".encode() * 200_000 + b"</p>"),
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/slow":
            threading.Event().wait(2)
        if self.path not in ROUTES:
            self.send_error(404)
            return
        ctype, body = ROUTES[self.path]
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.end_headers()  # no Content-Length: the reader must stop at the limit by itself
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_page_url(server: str) -> None:
    [(origin, page)] = list(iter_url(f"{server}/page"))
    assert origin == f"{server}/page"
    assert isinstance(page, ArticleInput) and BODY in page.text and page.outlet == "عنب بلدي"


def test_feed_url(server: str) -> None:
    items = [item for _, item in iter_url(f"{server}/feed", outlet="SANA")]
    arts = [i for i in items if isinstance(i, ArticleInput)]
    assert len(arts) == 2 and {a.outlet for a in arts} == {"SANA"}


def test_size_limit(server: str) -> None:
    with pytest.raises(InputError, match="over the limit"):
        fetch(f"{server}/big", max_bytes=100_000)


def test_timeout(server: str) -> None:
    with pytest.raises(InputError, match="cannot fetch"):
        fetch(f"{server}/slow", timeout=0.3)


@pytest.mark.parametrize(("path", "message"), [("/missing", "HTTP 404")])
def test_http_errors(server: str, path: str, message: str) -> None:
    [(_, item)] = list(iter_url(server + path))
    assert isinstance(item, InputError) and message in str(item)


def test_only_http_urls() -> None:
    with pytest.raises(InputError, match="only http"):
        fetch("file:///etc/passwd")
