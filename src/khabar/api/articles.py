"""``GET /articles``, ``/articles/{id}`` and ``POST /extract``: thin over the store, ``khabar.extract`` and ingest."""

from __future__ import annotations

import base64
import binascii
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from khabar.api.cache import DocumentCache
from khabar.api.events import next_url
from khabar.api.params import DEFAULT_LIMIT, MAX_LIMIT
from khabar.api.serialize import article_json, article_summary_json, article_url
from khabar.api.state import get_documents, get_store, require_api_key
from khabar.errors import InputError, KhabarError, StoreError
from khabar.input_checks import MAX_TEXT_BYTES
from khabar.store.browse import ArticleFilter, article_page, count_articles
from khabar.store.db import Store

router = APIRouter()
_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
# JSON escapes (\uXXXX, 6 bytes for a 2-byte Arabic letter) may triple a 2 MB text: the body limit leaves room
# for that, and the text itself is held to MAX_TEXT_BYTES (413 with the CLI's message).
MAX_BODY_BYTES = 3 * MAX_TEXT_BYTES + 64 * 1024
# Extraction runs in the request's worker thread, several at once: the CRF taggers are per thread
# (``khabar.ner.crf.thread_tagger``), and the store takes care of concurrent writers.


def _cursor(article_id: str) -> str:
    return base64.urlsafe_b64encode(article_id.encode("utf-8")).decode("ascii").rstrip("=")


def _after(token: str) -> str:
    try:
        return base64.b64decode(token + "=" * (-len(token) % 4), altchars=b"-_", validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        raise InputError(f"cursor {token[:40]!r} is not a cursor this server gave out") from None


@router.get("/articles", tags=["articles"], summary="Stored articles (without text) by id, optionally searched")
def list_articles(
    request: Request,
    store: Annotated[Store, Depends(get_store)],
    q: Annotated[str | None, Query(max_length=500, description="Words that must all occur in the article.")] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="Outlet (exact, case-insensitive).")] = None,
    published_from: Annotated[str | None, Query(pattern=_DATE, description="YYYY[-MM[-DD]], inclusive.")] = None,
    published_to: Annotated[str | None, Query(pattern=_DATE, description="YYYY[-MM[-DD]], inclusive.")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> JSONResponse:
    flt = ArticleFilter(text=q or None, outlet=outlet or None, since=published_from, until=published_to)
    flt.check()
    rows = article_page(store, flt, limit=limit + 1, after=_after(cursor) if cursor else None)
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = _cursor(rows[-1].id) if more else None
    link = next_url(request, next_cursor) if next_cursor else None
    body = {"count": count_articles(store, flt), "limit": limit,
            "articles": [article_summary_json(r) for r in rows], "cursor": next_cursor, "next": link}
    return JSONResponse(body, headers={"Link": f'<{link}>; rel="next"'} if link else None)


@router.get("/articles/{article_id:path}", tags=["articles"],
            summary="One article: its text and every annotation as character offsets (the JSON record)")
def get_article(article_id: str, store: Annotated[Store, Depends(get_store)],
                docs: Annotated[DocumentCache, Depends(get_documents)]) -> dict[str, Any]:
    doc = docs.documents(store, [article_id]).get(article_id)
    if doc is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return article_json(doc)


class ArticleIn(BaseModel):
    """One article to extract, as ``khabar extract`` takes it."""

    text: str = Field(description="The article text (UTF-8, at most 2,000,000 bytes).")
    published: str | None = Field(None, max_length=40, description="Publication date, YYYY-MM-DD.")
    outlet: str | None = Field(None, max_length=500)
    title: str | None = Field(None, max_length=5000, description="Headline, if not the first line of the text.")
    id: str | None = Field(None, max_length=500, description="Document id (default: a hash of the text).")
    url: str | None = Field(None, max_length=2000)


class ExtractFormat(StrEnum):
    json = "json"  # the JSON record (khabar/doc-1)
    plover = "plover"  # a JSON array of PLOVER records, one per event


@router.post("/extract", tags=["extract"], dependencies=[Depends(require_api_key)], max_body_size=MAX_BODY_BYTES,
             summary="Extract one article: the JSON record; with store=true it is also stored")
def extract_article(
    article: ArticleIn,
    request: Request,
    store_it: Annotated[bool, Query(alias="store", description="Also store it (as `khabar ingest` does).")] = False,
    format: Annotated[ExtractFormat, Query()] = ExtractFormat.json,
) -> JSONResponse:
    """Bad input gets the CLI's message: 413 for a text over 2 MB, 422 for empty, non-Arabic or binary text."""
    from khabar.extract import extract, make_document

    kwargs: dict[str, Any] = {"published": article.published, "outlet": article.outlet, "title": article.title,
              "id": article.id or None, "url": article.url}
    headers: dict[str, str] = {}
    status = 200
    if store_it:
        doc, outcome = _ingest(request.app.state.store, article.text, kwargs)
        headers = {"Location": article_url(doc.id), "X-Khabar-Stored": outcome}
        status = 201 if outcome == "new" else 200
    else:
        make_document(article.text, **kwargs)  # input errors before the pipeline runs
        doc = extract(article.text, **kwargs)
    if format is ExtractFormat.plover:
        from khabar.export.plover import plover_records

        return JSONResponse(plover_records(doc), status_code=status, headers=headers)
    return JSONResponse(doc.to_dict(), status_code=status, headers=headers)


def _ingest(store: Store, text: str, kwargs: dict[str, Any]) -> tuple[Any, str]:
    """Store one article through the ingest path (content-hash dedup, one transaction) and read it back."""
    from khabar.extract import make_document
    from khabar.ingest.records import ArticleInput
    from khabar.ingest.run import Ingestor
    from khabar.store.version import content_hash

    base = make_document(text, **kwargs)  # raises InputError for bad text, before anything is written
    outcomes: list[tuple[str, str | None]] = []
    ingestor = Ingestor(store, report=lambda _origin, outcome, error: outcomes.append((outcome, error)))
    item = ArticleInput(text=text, title=kwargs["title"], id=base.id, published=kwargs["published"],
                        outlet=kwargs["outlet"], url=kwargs["url"])
    ingestor.ingest_item("POST /extract", item)
    outcome, error = outcomes[-1] if outcomes else ("failed", "nothing stored")
    if outcome == "failed":
        raise KhabarError(f"cannot store the article: {error}")
    known = store.lookup(content_hash(base.text))
    if known is None:
        raise StoreError("the article was stored but cannot be read back")
    return store.load_document(known[0]), outcome
