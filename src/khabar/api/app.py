"""The FastAPI application of ``khabar serve``: endpoints, error shapes, limits, docs and the web UI."""

from __future__ import annotations

import asyncio
import json
import logging
import os
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from khabar.about import __version__
from khabar.api.articles import MAX_BODY_BYTES
from khabar.api.cache import DEFAULT_MAX_DOCUMENTS, DEFAULT_MAX_EVENTS, DocumentCache, EventCache
from khabar.api.state import Settings
from khabar.errors import InputError, InputTooLargeError, KhabarError, StoreError
from khabar.input_checks import MAX_TEXT_BYTES
from khabar.store.db import Store, open_store

log = logging.getLogger("khabar.api")

_DOCS_ASSETS = "/docs-assets"
CONFIG_ENV = "KHABAR_SERVE_CONFIG"  # the settings of app_from_env: JSON of create_app's arguments, with "db"


def _error(status: int, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": message, "status": status, **extra}, status_code=status)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "body", "path"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _invalid(_req: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(422, _validation_message(exc), detail=jsonable_encoder(exc.errors(), exclude={"input", "ctx"}))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_req: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 413:
            message = f"request body over the limit of {MAX_BODY_BYTES:,} bytes (texts: {MAX_TEXT_BYTES:,} bytes)"
        response = _error(exc.status_code, message)
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    @app.exception_handler(InputTooLargeError)
    async def _too_large(_req: Request, exc: InputTooLargeError) -> JSONResponse:
        return _error(413, str(exc))

    @app.exception_handler(InputError)
    async def _bad_input(_req: Request, exc: InputError) -> JSONResponse:
        return _error(422, str(exc))

    @app.exception_handler(StoreError)
    async def _store(_req: Request, exc: StoreError) -> JSONResponse:
        log.error("database error: %s", exc)
        return _error(503, f"database error: {exc}")

    @app.exception_handler(KhabarError)
    async def _khabar(_req: Request, exc: KhabarError) -> JSONResponse:
        log.error("%s", exc)
        return _error(500, str(exc))

    @app.exception_handler(DBAPIError)
    async def _driver(_req: Request, exc: DBAPIError) -> JSONResponse:
        # The server went away or refused a statement: the client learns that, not the SQL.
        log.error("database error: %s", exc)
        return _error(503, "database error (see the server log)")

    @app.exception_handler(Exception)
    async def _bug(_req: Request, exc: Exception) -> JSONResponse:
        log.exception("internal error")
        return _error(500, f"internal error ({type(exc).__name__}); see the server log")


class TimeoutMiddleware:
    """A request whose response has not started within ``timeout`` seconds gets 504 (a streamed body that has
    started is not cut). The worker thread of a sync endpoint finishes its query; its result is dropped."""

    def __init__(self, app: ASGIApp, timeout: float) -> None:
        self.app = app
        self.timeout = timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.timeout <= 0:
            await self.app(scope, receive, send)
            return
        started = asyncio.Event()

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                started.set()
            await send(message)

        task = asyncio.ensure_future(self.app(scope, receive, send_wrapper))
        waiter = asyncio.ensure_future(started.wait())
        try:
            done, _ = await asyncio.wait({task, waiter}, timeout=self.timeout, return_when=asyncio.FIRST_COMPLETED)
        finally:
            waiter.cancel()
        if not done:
            task.cancel()
            response = _error(504, f"the request took longer than {self.timeout:g} s; narrow the filters or "
                                   "lower the limit")
            await response(scope, receive, send)
            return
        await task


class SecurityHeadersMiddleware:
    """``nosniff``, no framing and no referrer on every response."""

    HEADERS = ((b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
               (b"referrer-policy", b"no-referrer"))

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.HEADERS]
            await send(message)

        await self.app(scope, receive, send_wrapper)


class ContentLengthMiddleware:
    """A request that announces a body over the limit gets the JSON 413 at once (FastAPI's own body limit, which
    also counts chunked bodies as they arrive, answers in plain text)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            for name, value in scope.get("headers", ()):
                if name == b"content-length" and value.isdigit() and int(value) > self.limit:
                    response = _error(413, f"request body over the limit of {self.limit:,} bytes "
                                           f"(texts: {MAX_TEXT_BYTES:,} bytes)")
                    await response(scope, receive, send)
                    return
        await self.app(scope, receive, send)


def web_static_dir() -> Path | None:
    """The web UI's static folder inside the package (``khabar/web/static``), if it is there."""
    path = files("khabar").joinpath("web", "static")
    return Path(str(path)) if path.is_dir() else None


def _docs_assets_dir() -> Path:
    # Swagger UI and ReDoc bundles shipped in the fastapi-offline wheel (no CDN).
    return Path(str(files("fastapi_offline").joinpath("static")))


def create_app(
    db: str | Store,
    *,
    api_key: str | None = None,
    cors_origins: Sequence[str] = (),
    timeout: float = 30.0,
    create: bool = False,
    threads: int | None = None,
    cache_documents: int = DEFAULT_MAX_DOCUMENTS,
    cache_events: int = DEFAULT_MAX_EVENTS,
) -> FastAPI:
    """The khabar HTTP API over the database ``db`` (a URL, opened now so errors show at once, or an open Store).

    ``api_key``: required in ``X-API-Key`` for POST requests. ``cors_origins``: origins allowed by CORS
    (none by default: CORS off). ``timeout``: seconds a request may take until its response starts.
    ``threads``: endpoints (database queries, extraction) answered at once, in worker threads (anyio's 40 if None).
    ``cache_documents``: stored Documents kept in memory between requests (``khabar.api.cache``; 0: none).
    ``cache_events``: encoded events of ``GET /events`` kept in memory between requests (0: none).
    """
    store = db if isinstance(db, Store) else open_store(db, create=create)
    owned = not isinstance(db, Store)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if threads is not None:
            import anyio.to_thread

            anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        yield
        if owned:
            store.close()

    app = FastAPI(
        title="khabar",
        version=__version__,
        summary="Arabic news reports as structured, source-attributed event data.",
        description="Filters follow `khabar query` and ACLED's API; see the README section `khabar serve`.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.documents = DocumentCache(cache_documents)
    app.state.events = EventCache(cache_events)
    app.state.settings = Settings(api_key=api_key or None, timeout=timeout, max_body_bytes=MAX_BODY_BYTES)
    _install_errors(app)

    from khabar.api import articles, clusters, events, health

    app.include_router(clusters.router)  # before events: /events/{id}/cluster would match /events/{id:path}
    app.include_router(events.router)
    app.include_router(articles.router)
    app.include_router(health.router)
    _install_docs(app)

    app.add_middleware(TimeoutMiddleware, timeout=timeout)
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["Content-Type", "X-API-Key"])
    app.add_middleware(ContentLengthMiddleware, limit=MAX_BODY_BYTES)
    app.add_middleware(SecurityHeadersMiddleware)

    web = web_static_dir()
    if web is not None:
        app.mount("/", StaticFiles(directory=web, html=True), name="web")
    return app


def app_from_env() -> FastAPI:
    """The app of ``khabar serve --workers N``, built in each worker process: uvicorn imports this factory
    (``uvicorn khabar.api.app:app_from_env --factory --workers 2``), which reads ``create_app``'s arguments from
    the environment variable ``KHABAR_SERVE_CONFIG`` (JSON: ``{"db": URL, "api_key": …, "threads": 8, …}``;
    ``db`` alone is enough)."""
    raw = os.environ.get(CONFIG_ENV)
    if not raw:
        raise StoreError(f"{CONFIG_ENV} is not set: it holds the settings of the app, e.g. "
                         '{"db": "sqlite:///khabar.db"}')
    try:
        settings = json.loads(raw)
        db = settings.pop("db")
    except (ValueError, KeyError, TypeError, AttributeError):
        raise StoreError(f"{CONFIG_ENV} is not a JSON object with the database URL in \"db\"") from None
    settings["cors_origins"] = tuple(settings.get("cors_origins") or ())
    return create_app(str(db), **settings)


def _install_docs(app: FastAPI) -> None:
    app.mount(_DOCS_ASSETS, StaticFiles(directory=_docs_assets_dir()), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    async def swagger() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="khabar API",
            swagger_js_url=f"{_DOCS_ASSETS}/swagger-ui-bundle.js", swagger_css_url=f"{_DOCS_ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{_DOCS_ASSETS}/favicon.png",
            swagger_ui_parameters={"validatorUrl": None},
        )

    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> HTMLResponse:
        return get_redoc_html(openapi_url="/openapi.json", title="khabar API",
                              redoc_js_url=f"{_DOCS_ASSETS}/redoc.standalone.js",
                              redoc_favicon_url=f"{_DOCS_ASSETS}/favicon.png", with_google_fonts=False)
