"""Fetching a URL for ``khabar ingest`` (the command line only): a timeout and a size limit."""

from __future__ import annotations

import urllib.error
import urllib.request

from khabar.about import __version__
from khabar.errors import InputError

FETCH_TIMEOUT = 20.0  # seconds, for connecting and for each read
FETCH_MAX_BYTES = 5 * 1024 * 1024


def fetch(url: str, *, timeout: float = FETCH_TIMEOUT, max_bytes: int = FETCH_MAX_BYTES) -> tuple[bytes, str]:
    """``(body, content type)`` of an http(s) URL; errors, timeouts and oversize bodies raise ``InputError``."""
    if not url.startswith(("http://", "https://")):
        raise InputError(f"{url}: only http and https URLs can be fetched")
    req = urllib.request.Request(url, headers={"User-Agent": f"khabar/{__version__}"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # scheme checked above
            length = resp.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise InputError(f"{url}: {int(length):,} bytes, over the limit of {max_bytes:,}")
            body = resp.read(max_bytes + 1)
            ctype = resp.headers.get("Content-Type") or ""
    except urllib.error.HTTPError as exc:
        raise InputError(f"{url}: HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise InputError(f"{url}: cannot fetch ({reason})") from None
    if len(body) > max_bytes:
        raise InputError(f"{url}: over the limit of {max_bytes:,} bytes")
    return body, ctype
