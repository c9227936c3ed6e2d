"""Fetching URLs (command line only) against a local HTTP server the test starts: feed, page, and what an
untrusted URL can do (stream forever, lie in Content-Length, redirect in a loop or to a private address)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from khabar.errors import InputError
from khabar.ingest import fetch as fetch_module
from khabar.ingest.fetch import fetch, refused_reason
from khabar.ingest.records import ArticleInput
from khabar.ingest.sources import iter_inputs, iter_url

from .test_sources import BODY, PAGE, RSS

ROUTES = {
    "/page": ("text/html; charset=utf-8", PAGE.encode("utf-8")),
    "/feed": ("application/rss+xml", RSS.encode("utf-8")),
    "/big": ("text/html", b"<p>" + "خبر ".encode() * 200_000 + b"</p>"),
}
REDIRECTS = {
    "/loop": "/loop",  # to itself, for ever
    "/to-page": "/page",
    "/to-file": "file:///etc/passwd",
    "/to-ftp": "ftp://127.0.0.1/pub",
    "/to-metadata": "http://169.254.169.254/latest/meta-data/",
    "/to-loopback6": "http://[::1]/page",
    "/to-private": "http://10.1.2.3/page",
}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        path = self.path
        if path == "/slow":
            threading.Event().wait(2)
            path = "/page"
        if path in REDIRECTS or path.startswith("/hop/"):
            if path.startswith("/hop/"):
                n = int(path.rsplit("/", 1)[1])
                target = f"/hop/{n - 1}" if n > 0 else "/page"
            else:
                target = REDIRECTS[path]
            self.send_response(302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if path == "/forever":  # no Content-Length, a body that never ends
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = "<p>خبر عاجل</p>".encode() * 1000
            try:
                while True:
                    self.wfile.write(chunk)
            except OSError:
                return
        if path == "/drip":  # a byte every 0.1 s: each read is quick, the whole fetch is not
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                for _ in range(600):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                return
            return
        if path == "/lie-small":  # says 100 bytes, sends 6 MB
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100")
            self.end_headers()
            try:
                self.wfile.write(b"x" * 6_000_000)
            except OSError:
                return
            return
        if path == "/lie-large":  # says 10 GB: refused before reading
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(10 * 1024**3))
            self.end_headers()
            return
        if path not in ROUTES:
            self.send_error(404)
            return
        ctype, body = ROUTES[path]
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Connection", "close")
        self.end_headers()  # no Content-Length: the reader must stop at the limit by itself
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture
def loopback_is_public(monkeypatch: pytest.MonkeyPatch) -> None:
    """127.0.0.1 counts as a public address (the test server stands for a news site); every other
    address is judged as usual, so a redirect to a private one is refused."""
    real = fetch_module.refused_reason
    monkeypatch.setattr(fetch_module, "refused_reason", lambda ip: None if ip == "127.0.0.1" else real(ip))


def test_page_url(server: str) -> None:
    [(origin, page)] = list(iter_url(f"{server}/page", allow_private=True))
    assert origin == f"{server}/page"
    assert isinstance(page, ArticleInput) and BODY in page.text and page.outlet == "عنب بلدي"


def test_feed_url(server: str) -> None:
    items = [item for _, item in iter_url(f"{server}/feed", outlet="SANA", allow_private=True)]
    arts = [i for i in items if isinstance(i, ArticleInput)]
    assert len(arts) == 2 and {a.outlet for a in arts} == {"SANA"}


def test_size_limit(server: str) -> None:
    with pytest.raises(InputError, match="over the limit"):
        fetch(f"{server}/big", max_bytes=100_000, allow_private=True)


def test_timeout(server: str) -> None:
    with pytest.raises(InputError, match="timed out"):
        fetch(f"{server}/slow", timeout=0.3, allow_private=True)


@pytest.mark.parametrize(("path", "message"), [("/missing", "HTTP 404")])
def test_http_errors(server: str, path: str, message: str) -> None:
    [(_, item)] = list(iter_url(server + path, allow_private=True))
    assert isinstance(item, InputError) and message in str(item)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/a", "gopher://example.org/", "data:,x"])
def test_only_http_urls(url: str) -> None:
    with pytest.raises(InputError, match="only http"):
        fetch(url)


def test_other_schemes_are_refused_as_ingest_targets() -> None:
    [(_, item)] = list(iter_inputs(["file:///etc/passwd"]))
    assert isinstance(item, InputError) and "only http and https" in str(item)


# --- what an untrusted server can do ---


def test_a_body_that_never_ends_stops_at_the_size_cap(server: str) -> None:
    t0 = time.monotonic()
    with pytest.raises(InputError, match="over the limit of 1,000,000 bytes"):
        fetch(f"{server}/forever", max_bytes=1_000_000, allow_private=True)
    assert time.monotonic() - t0 < 10


def test_a_byte_now_and_then_stops_at_the_time_cap(server: str) -> None:
    t0 = time.monotonic()
    with pytest.raises(InputError, match="timed out after 1 s"):
        fetch(f"{server}/drip", timeout=1.0, allow_private=True)
    assert time.monotonic() - t0 < 3  # the cap is on the whole fetch, not on each read


def test_content_length_smaller_than_the_body(server: str) -> None:
    # http.client reads what Content-Length announces and stops: the lie cannot make khabar read 6 MB.
    body, _ = fetch(f"{server}/lie-small", allow_private=True)
    assert len(body) == 100


def test_content_length_over_the_cap_is_refused_before_reading(server: str) -> None:
    with pytest.raises(InputError, match="10,737,418,240 bytes, over the limit"):
        fetch(f"{server}/lie-large", allow_private=True)


def test_redirect_loop_is_capped(server: str) -> None:
    with pytest.raises(InputError, match="too many redirects"):
        fetch(f"{server}/loop", allow_private=True)


def test_redirects_under_the_cap_are_followed(server: str) -> None:
    body, _ = fetch(f"{server}/hop/3", max_redirects=5, allow_private=True)
    assert BODY.encode() in body
    with pytest.raises(InputError, match="more than 2"):
        fetch(f"{server}/hop/3", max_redirects=2, allow_private=True)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/to-file", "file:///etc/passwd: only http and https"),
        ("/to-ftp", "only http and https"),
        ("/to-metadata", "169.254.169.254 is a link-local address"),
        ("/to-loopback6", "::1 is a loopback address"),
        ("/to-private", "10.1.2.3 is a private address"),
    ],
)
def test_every_redirect_is_checked(server: str, loopback_is_public: None, path: str, message: str) -> None:
    with pytest.raises(InputError, match=r"refused|only http") as err:
        fetch(server + path)
    assert message in str(err.value)


def test_a_redirect_to_a_public_page_is_followed(server: str, loopback_is_public: None) -> None:
    body, _ = fetch(f"{server}/to-page")
    assert BODY.encode() in body


# --- private addresses, after DNS ---


def test_loopback_is_refused_by_default(server: str) -> None:
    with pytest.raises(InputError, match=r"loopback address.*--allow-private"):
        fetch(f"{server}/page")


@pytest.mark.parametrize(
    "host",
    [
        "localhost",  # a name: refused after resolution
        "127.0.0.1",
        "0x7f000001",  # 127.0.0.1 written in hex, resolved by the system resolver
        "[::1]",
        "[::ffff:127.0.0.1]",  # IPv4-mapped IPv6
        "10.0.0.8",
        "192.168.1.1",
        "172.16.5.4",
        "169.254.169.254",  # cloud metadata
        "[fe80::1]",
        "0.0.0.0",
        "[fc00::1]",
    ],
)
def test_private_hosts_are_refused(host: str) -> None:
    with pytest.raises(InputError, match=r"refused: .* address"):
        fetch(f"http://{host}:9/")  # refused before any connection is made


@pytest.mark.parametrize(
    ("ip", "reason"),
    [("8.8.8.8", None), ("2a00:1450:4001:80b::200e", None), ("127.0.0.5", "loopback"), ("100.64.0.1", "private")],
)
def test_refused_reason(ip: str, reason: str | None) -> None:
    got = refused_reason(ip)
    assert got == reason or (reason == "private" and got is not None)


def test_ingest_command_refuses_loopback_unless_allowed(server: str, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    db = f"sqlite:///{tmp_path / 'k.db'}"
    cmd = [sys.executable, "-m", "khabar", "ingest", f"{server}/page", "--db", db]
    refused = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    assert "refused: 127.0.0.1 is a loopback address" in refused.stderr
    assert "Traceback" not in refused.stderr
    allowed = subprocess.run([*cmd, "--allow-private"], capture_output=True, text=True, env=env, timeout=120)
    assert allowed.returncode == 0, allowed.stderr
    assert "1 new" in allowed.stderr
    bad = subprocess.run([*cmd[:4], "file:///etc/passwd", "--db", db], capture_output=True, text=True, env=env)
    assert bad.returncode == 3 and "only http and https URLs can be fetched" in bad.stderr
