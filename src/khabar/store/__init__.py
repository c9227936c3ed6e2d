"""Storage of processed articles: SQLite by default, PostgreSQL by URL, one schema migrated by Alembic."""

from __future__ import annotations

from typing import Any

__all__ = ["DEFAULT_URL", "Store", "content_hash", "open_store", "pipeline_version"]

from khabar.store.url import DEFAULT_URL


def __getattr__(name: str) -> Any:
    # SQLAlchemy is imported on first use, not when the CLI starts.
    if name in ("Store", "open_store"):
        from khabar.store import db

        return getattr(db, name)
    if name in ("content_hash", "pipeline_version"):
        from khabar.store import version

        return getattr(version, name)
    raise AttributeError(f"module 'khabar.store' has no attribute {name!r}")
