"""Database URLs: the default, the driver khabar uses for PostgreSQL, and redaction for messages (no imports)."""

from __future__ import annotations

DEFAULT_URL = "sqlite:///khabar.db"


def engine_url(url: str) -> str:
    """Normalize a user's URL: ``postgresql://`` uses the pg8000 driver; a bare path means SQLite."""
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+pg8000://" + url.split("://", 1)[1]
    if "://" not in url:
        return f"sqlite:///{url}"
    return url


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    if "://" in url and "@" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        user = creds.split(":", 1)[0]
        return f"{scheme}://{user}:***@{host}"
    return url
