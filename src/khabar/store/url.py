"""Database URLs: the default, the driver khabar uses for PostgreSQL, SQLite options, redaction for messages."""

from __future__ import annotations

from urllib.parse import parse_qsl, quote

from khabar.errors import StoreError

DEFAULT_URL = "sqlite:///khabar.db"
_SQLITE_MODES = ("ro", "rw", "rwc")


def sqlite_parts(url: str) -> tuple[str, str | None] | None:
    """``(path, mode)`` of a SQLite URL (``sqlite:///FILE``, ``sqlite:///FILE?mode=ro``, or a bare path), else None.

    The only option is ``mode``: ``ro`` (read only: khabar never writes), ``rw`` (the file must exist) or
    ``rwc`` (the default: created when missing). An empty path (``--db ''``, ``sqlite://``) is refused: it
    would be a temporary database that keeps nothing."""
    if url.startswith(("postgresql://", "postgres://", "postgresql+")):
        return None
    if "://" in url and not url.startswith("sqlite://"):
        return None  # another database, or a SQLite URL naming its driver (sqlite+pysqlite://): taken as it is
    rest = url[len("sqlite:///"):] if url.startswith("sqlite:///") else url.removeprefix("sqlite://")
    path, _, query = rest.partition("?")
    mode = None
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key != "mode":
            raise StoreError(f"{url}: unknown SQLite URL option {key!r} (khabar accepts ?mode=ro, rw or rwc)")
        if value not in _SQLITE_MODES:
            raise StoreError(f"{url}: mode={value!r} is not one of ro, rw, rwc")
        mode = value
    if not path.strip():
        raise StoreError(
            "no database file: the database URL is empty; give --db sqlite:///FILE (or postgresql://…)"
        )
    return path, mode


def is_read_only(url: str) -> bool:
    parts = sqlite_parts(url)
    return parts is not None and parts[1] == "ro"


def check_writable_url(url: str) -> None:
    """Raise ``StoreError`` for a URL that cannot keep what is written: empty, in memory, or read only."""
    parts = sqlite_parts(url)
    if parts is None:
        return
    path, mode = parts
    if path == ":memory:":
        raise StoreError(f"{url}: an in-memory database keeps nothing after the run; give a file")
    if mode == "ro":
        raise StoreError(f"{url}: the database is opened read only (mode=ro); ingest needs to write it")


def engine_url(url: str) -> str:
    """Normalize a user's URL: ``postgresql://`` uses the pg8000 driver; a bare path means SQLite; a SQLite
    ``mode`` becomes a SQLite URI filename (which the sqlite3 driver honours)."""
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+pg8000://" + url.split("://", 1)[1]
    parts = sqlite_parts(url)
    if parts is None:
        return url
    path, mode = parts
    if mode is None or path == ":memory:":
        return f"sqlite:///{path}"
    return f"sqlite:///file:{quote(path)}?mode={mode}&uri=true"


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    if "://" in url and "@" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        user = creds.split(":", 1)[0]
        return f"{scheme}://{user}:***@{host}"
    return url
