"""What the endpoints share: the open store and the settings of one ``create_app`` call."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import APIKeyHeader

from khabar.api.cache import DocumentCache, EventCache
from khabar.store.db import Store

API_KEY_HEADER = "X-API-Key"
_api_key = APIKeyHeader(name=API_KEY_HEADER, auto_error=False,
                        description="Required for POST requests when the server was started with --api-key.")


@dataclass(frozen=True, slots=True)
class Settings:
    api_key: str | None = None
    timeout: float = 30.0  # seconds until the response starts
    max_body_bytes: int = 0


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_documents(request: Request) -> DocumentCache:
    cache: DocumentCache = request.app.state.documents
    return cache


def get_events(request: Request) -> EventCache:
    cache: EventCache = request.app.state.events
    return cache


def require_api_key(request: Request, key: Annotated[str | None, Depends(_api_key)]) -> None:
    """With an API key configured, a write request must send it in ``X-API-Key`` (401 otherwise)."""
    expected = request.app.state.settings.api_key
    if expected is None:
        return
    if key is None or not hmac.compare_digest(key.encode("utf-8"), expected.encode("utf-8")):
        raise HTTPException(401, f"this server needs an API key for POST requests: send it in {API_KEY_HEADER}",
                            headers={"WWW-Authenticate": API_KEY_HEADER})
