"""``khabar serve``: the HTTP API (and the web UI, when packaged) over a database, served by uvicorn."""

from __future__ import annotations

import json
import os
from typing import Annotated, Any

import typer

from khabar.cli.app import app, fail
from khabar.cli.filters import DEFAULT_URL, DbOpt
from khabar.errors import KhabarError, ResourceError

_LOOPBACK = ("127.0.0.1", "localhost", "::1")


@app.command()
def serve(
    db: DbOpt = DEFAULT_URL,
    host: Annotated[str, typer.Option(help="Address to listen on (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    api_key: Annotated[
        str | None,
        typer.Option("--api-key", envvar="KHABAR_API_KEY", help="Require this key in X-API-Key for POST requests."),
    ] = None,
    cors_origin: Annotated[
        list[str] | None, typer.Option("--cors-origin", help="Allow this origin by CORS (repeatable; default: none).")
    ] = None,
    timeout: Annotated[
        float, typer.Option(min=0, help="Seconds a request may take until its response starts (0: no limit).")
    ] = 30.0,
    create: Annotated[bool, typer.Option("--create", help="Create the SQLite database if it does not exist.")] = False,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Server processes (uvicorn workers) answering at once; one per core "
                                              "lets every core serve.")
    ] = 1,
    threads: Annotated[
        int, typer.Option(min=1, max=64, help="Threads of each process answering requests at once.")
    ] = 8,
    cache_documents: Annotated[
        int, typer.Option("--cache-documents", min=0,
                          help="Stored articles kept in memory between requests, checked against the database on "
                               "every use (0: none).")
    ] = 2000,
) -> None:
    """Serve the HTTP API (OpenAPI at /openapi.json, docs at /docs) and the web UI at /.

    Example: khabar serve --db sqlite:///khabar.db --port 8000 --workers 2
    """
    try:
        import uvicorn

        from khabar.api.app import CONFIG_ENV, create_app
    except ImportError as exc:
        raise fail(ResourceError(f"khabar serve needs the serve extra: pip install 'khabar[serve]' ({exc.name} "
                                 "is missing)")) from None
    settings: dict[str, Any] = {"api_key": api_key, "cors_origins": list(cors_origin or ()), "timeout": timeout,
                                "threads": threads, "cache_documents": cache_documents}
    try:
        api = create_app(db, create=create, **settings)  # opened here, so a bad database fails before any worker
    except KhabarError as exc:
        raise fail(exc) from None
    if host not in _LOOPBACK and not api_key:
        typer.echo(f"khabar: warning: listening on {host} without --api-key: anyone who reaches it can POST", err=True)
    procs = f", {workers} processes" if workers > 1 else ""
    typer.echo(f"khabar: serving {db} on http://{host}:{port} (docs at /docs{procs}); Ctrl-C stops", err=True)
    options: dict[str, Any] = {"host": host, "port": port, "log_level": "warning", "timeout_keep_alive": 5,
                               "server_header": False, "limit_concurrency": 256}
    if workers == 1:
        uvicorn.run(api, **options)
        return
    # Several processes: uvicorn starts each worker from an import string, and the factory reads the settings
    # from the environment the workers inherit (the database now exists: no worker creates it).
    api.state.store.close()
    os.environ[CONFIG_ENV] = json.dumps({"db": db, **settings})
    uvicorn.run("khabar.api.app:app_from_env", factory=True, workers=workers, timeout_worker_healthcheck=30,
                **options)
