"""Storage of processed articles: SQLite by default, PostgreSQL by URL, one schema migrated by Alembic."""

from khabar.store.db import Store, open_store
from khabar.store.version import content_hash, pipeline_version

__all__ = ["Store", "content_hash", "open_store", "pipeline_version"]
