"""Fetching a URL for ``khabar ingest`` (the command line only), safe against what an untrusted URL can do.

- only ``http`` and ``https``, on the first URL and on every redirect (never ``file://``, ``ftp://`` …);
- the host is resolved once and every address it resolves to is checked: loopback, private, link-local
  (cloud metadata at 169.254.169.254), multicast, reserved and unspecified addresses are refused unless
  ``allow_private``; the connection goes to the checked address (no second lookup a DNS server could
  answer differently), with the host name kept for the ``Host`` header and TLS;
- at most ``max_redirects`` redirects, each checked like the first URL;
- at most ``max_bytes`` of body whatever ``Content-Length`` says, and ``timeout`` seconds for the whole
  fetch (a server sending a byte now and then cannot hold it open).
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from typing import Any
from urllib.parse import urljoin, urlsplit

from khabar.about import __version__
from khabar.errors import InputError

FETCH_TIMEOUT = 20.0  # seconds, for the whole fetch (connections, redirects and body)
FETCH_MAX_BYTES = 5 * 1024 * 1024
FETCH_MAX_REDIRECTS = 5
_CHUNK = 64 * 1024
_REDIRECTS = (301, 302, 303, 307, 308)


def refused_reason(ip: str) -> str | None:
    """Why khabar does not fetch from address ``ip`` by default, or None when it is a public address."""
    addr = ipaddress.ip_address(ip.split("%")[0])
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    for attr, what in (
        ("is_loopback", "loopback"),
        ("is_link_local", "link-local"),
        ("is_private", "private"),
        ("is_multicast", "multicast"),
        ("is_unspecified", "unspecified"),
        ("is_reserved", "reserved"),
    ):
        if getattr(addr, attr):
            return what
    if not addr.is_global:
        return "non-public"
    return None


def _resolve(url: str, host: str, port: int, allow_private: bool) -> str:
    """The address to connect to: the first one ``host`` resolves to, after checking all of them."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise InputError(f"{url}: cannot fetch (cannot resolve {host}: {exc})") from None
    addresses = [str(info[4][0]) for info in infos]
    if not addresses:
        raise InputError(f"{url}: cannot fetch (no address for {host})")
    if not allow_private:
        for ip in addresses:
            reason = refused_reason(ip)
            if reason is not None:
                raise InputError(
                    f"{url}: refused: {host} is a {reason} address ({ip}); give --allow-private to fetch it"
                )
    return addresses[0]


def _connection(scheme: str, host: str, port: int, ip: str, timeout: float) -> http.client.HTTPConnection:
    conn: http.client.HTTPConnection
    if scheme == "https":
        conn = http.client.HTTPSConnection(host, port, timeout=timeout, context=ssl.create_default_context())
    else:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)

    def connect_checked(_address: Any, timeout: Any = None, source_address: Any = None) -> socket.socket:
        return socket.create_connection((ip, port), timeout, source_address)

    conn._create_connection = connect_checked  # type: ignore[attr-defined]  # the address checked, not a new lookup
    return conn


def _split(url: str) -> tuple[str, str, int, str]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise InputError(f"{url}: only http and https URLs can be fetched")
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        raise InputError(f"{url}: not a valid URL (bad port)") from None
    if not host:
        raise InputError(f"{url}: not a valid URL (no host)")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return scheme, host, port or (443 if scheme == "https" else 80), path


def fetch(
    url: str,
    *,
    timeout: float = FETCH_TIMEOUT,
    max_bytes: int = FETCH_MAX_BYTES,
    max_redirects: int = FETCH_MAX_REDIRECTS,
    allow_private: bool = False,
) -> tuple[bytes, str]:
    """``(body, content type)`` of an http(s) URL; a refused address, a scheme other than http(s), too many
    redirects, an HTTP error, a timeout or an oversize body raise ``InputError``."""
    deadline = time.monotonic() + timeout
    current = url
    for _hop in range(max_redirects + 1):
        scheme, host, port, path = _split(current)
        ip = _resolve(current, host, port, allow_private)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise InputError(f"{url}: cannot fetch (timed out after {timeout:g} s)")
        conn = _connection(scheme, host, port, ip, remaining)
        try:
            conn.request("GET", path, headers={"User-Agent": f"khabar/{__version__}", "Accept-Encoding": "identity"})
            sock = conn.sock  # kept: the response may take the socket over from the connection
            resp = conn.getresponse()
            if resp.status in _REDIRECTS:
                location = resp.getheader("Location")
                if not location:
                    raise InputError(f"{url}: HTTP {resp.status} redirect without a Location")
                current = urljoin(current, location.strip())
                continue
            if resp.status >= 400:
                raise InputError(f"{url}: HTTP {resp.status} {resp.reason}")
            length = resp.getheader("Content-Length")
            if length and length.strip().isdigit() and int(length) > max_bytes:
                raise InputError(f"{url}: {int(length):,} bytes, over the limit of {max_bytes:,}")
            body = _read(resp, sock, url, deadline, timeout, max_bytes)
            return body, resp.getheader("Content-Type") or ""
        except InputError:
            raise
        except (http.client.HTTPException, OSError, ssl.SSLError, ValueError) as exc:
            if isinstance(exc, TimeoutError | socket.timeout):
                raise InputError(f"{url}: cannot fetch (timed out after {timeout:g} s)") from None
            raise InputError(f"{url}: cannot fetch ({type(exc).__name__}: {exc})") from None
        finally:
            conn.close()
    raise InputError(f"{url}: too many redirects (more than {max_redirects})")


def _read(
    resp: http.client.HTTPResponse,
    sock: socket.socket | None,
    url: str,
    deadline: float,
    timeout: float,
    max_bytes: int,
) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise InputError(f"{url}: cannot fetch (timed out after {timeout:g} s)")
        if sock is not None:
            sock.settimeout(remaining)
        chunk = resp.read1(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise InputError(f"{url}: over the limit of {max_bytes:,} bytes")
        chunks.append(chunk)
