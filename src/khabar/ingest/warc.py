"""WARC and WARC.gz archives to article inputs (warcio): HTML response records through trafilatura."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from khabar.errors import InputError, KhabarError
from khabar.ingest.html import article_from_html
from khabar.ingest.records import ArticleInput
from khabar.input_checks import MAX_TEXT_BYTES

MAX_RECORD_BYTES = 5 * MAX_TEXT_BYTES  # a page over 10 MB of HTML is not an article


def iter_warc(path: Path, *, outlet: str | None = None) -> Iterator[tuple[str, ArticleInput | KhabarError]]:
    """Yield ``(origin, article or error)`` for each HTML response record of the archive."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    with path.open("rb") as fh:
        try:
            for n, record in enumerate(ArchiveIterator(fh), start=1):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                if "html" not in ctype:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                origin = f"{path}#record{n}"
                status = record.http_headers.get_statuscode()
                if status and not status.startswith("2"):
                    continue
                body = record.content_stream().read(MAX_RECORD_BYTES + 1)
                if len(body) > MAX_RECORD_BYTES:
                    yield origin, InputError(f"{origin}: page over {MAX_RECORD_BYTES:,} bytes")
                    continue
                try:
                    yield origin, article_from_html(body, url=url, outlet=outlet)
                except KhabarError as exc:
                    yield origin, exc
        except ArchiveLoadFailed as exc:
            raise InputError(f"{path}: not a readable WARC archive ({exc})") from None
