"""``GET /health``: the server is up and its database answers."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from khabar.about import __version__
from khabar.api.state import get_store
from khabar.errors import StoreError
from khabar.store.db import Store

router = APIRouter(tags=["health"])


@router.get("/health", summary="Up, with the database backend and its article and event counts")
def health(store: Annotated[Store, Depends(get_store)]) -> Any:
    from khabar.store.version import pipeline_version

    try:
        articles, events = store.count("articles"), store.count("events")
    except StoreError as exc:
        return JSONResponse({"status": "error", "error": str(exc)}, status_code=503)
    except Exception as exc:  # a driver's own error (server gone): still an answer, not a 500
        return JSONResponse({"status": "error", "error": f"database error: {type(exc).__name__}"}, status_code=503)
    return {"status": "ok", "database": store.dialect, "articles": articles, "events": events,
            "khabar_version": __version__, "pipeline_version": pipeline_version()}
