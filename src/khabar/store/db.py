"""Opening a database by URL (migrated to the latest schema on open) and reading and writing articles."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from khabar.arabic.normalize import normalize
from khabar.errors import StoreError
from khabar.model import Document
from khabar.store import schema
from khabar.store.mapping import article_row, document_from_rows, document_rows
from khabar.store.url import DEFAULT_URL, engine_url, is_read_only, redact, sqlite_parts
from khabar.store.version import content_hash, pipeline_version


class RecordConflictError(StoreError):
    """One Document cannot be stored as it is (two records with the same id): a bad article, not a bad database."""


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    # WAL + synchronous=NORMAL: a committed article survives a killed process; busy_timeout lets a
    # reader (query/export) run beside an ingest.
    cur.execute("PRAGMA busy_timeout=30000")  # first: switching to WAL waits for a writer too
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _sqlite_pragmas_ro(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=30000")  # a read-only connection changes no journal mode
    cur.execute("PRAGMA query_only=ON")  # and writes nothing, whatever a caller asks
    cur.close()


def _pg_nodelay(dbapi_conn: Any, _record: Any) -> None:
    # pg8000 leaves Nagle's algorithm on: a statement whose message spans TCP segments then waits for
    # the server's delayed ACK (40 ms on Linux). Measured: 44 ms instead of 0.8 ms for a 9 KB insert.
    sock = getattr(dbapi_conn, "_usock", None)
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


_MIGRATION_LOCK = 0x6B6861626172  # "khabar": the advisory lock key of schema migrations


def _migrate(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    with as_file(files("khabar.store").joinpath("migrations")) as location, engine.begin() as conn:
        # Two processes opening a new database at once must not both create its tables: the first takes
        # the write lock (SQLite) or an advisory lock (PostgreSQL) for the migration, the second waits,
        # then finds the schema at head and does nothing.
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        elif engine.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        cfg = Config()
        cfg.set_main_option("script_location", str(location))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def _check_schema(engine: Engine, url: str) -> None:
    """A database opened read only is not migrated: it must already be at the latest schema."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    with as_file(files("khabar.store").joinpath("migrations")) as location, engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        head = ScriptDirectory(str(location)).get_current_head()
    if current != head:
        raise StoreError(
            f"{url}: opened read only, but its schema is {'empty' if current is None else 'older'} "
            f"(revision {current}, khabar needs {head}); open it once without mode=ro to upgrade it"
        )


class Store:
    """A khabar database: articles and every record the pipeline derived from them."""

    def __init__(self, url: str = DEFAULT_URL, *, create: bool = True) -> None:
        self.url = engine_url(url)
        self.read_only = is_read_only(url)
        try:
            parts = sqlite_parts(url)
            if parts is not None and parts[0] != ":memory:":
                path = Path(parts[0])
                if not path.parent.is_dir():
                    raise StoreError(f"cannot open {url}: folder {path.parent} does not exist")
                if (not create or parts[1] in ("ro", "rw")) and not path.is_file():
                    raise StoreError(f"no database at {path} (make one with khabar ingest)")
            self.engine = sa.create_engine(self.url, future=True)
            if self.engine.dialect.name == "sqlite":
                sa.event.listen(self.engine, "connect", _sqlite_pragmas_ro if self.read_only else _sqlite_pragmas)
            elif self.engine.dialect.driver == "pg8000":
                sa.event.listen(self.engine, "connect", _pg_nodelay)
            if self.read_only:
                _check_schema(self.engine, url)
            else:
                _migrate(self.engine)
        except StoreError:
            raise
        except (SQLAlchemyError, OSError, ImportError) as exc:
            raise StoreError(f"cannot open database {redact(url)}: {_short(exc)}") from None
        except Exception as exc:  # drivers raise their own errors (pg8000 InterfaceError, socket errors)
            raise StoreError(f"cannot open database {redact(url)}: {_short(exc)}") from None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing -------------------------------------------------------------------------------

    def lookup(self, chash: str) -> tuple[str, str] | None:
        """``(article id, pipeline version)`` of the stored article with this content hash, if any."""
        a = schema.articles
        with self.connect() as conn:
            row = conn.execute(sa.select(a.c.id, a.c.pipeline_version).where(a.c.content_hash == chash)).first()
        return (row[0], row[1]) if row else None

    def stored_version(self, article_id: str) -> str | None:
        a = schema.articles
        with self.connect() as conn:
            return conn.execute(sa.select(a.c.pipeline_version).where(a.c.id == article_id)).scalar()

    def save(self, doc: Document, *, origin: str | None = None, version: str | None = None,
             chash: str | None = None, expect_new: bool = False) -> str:
        """Insert ``doc``, or replace the stored article with the same id, in one transaction.

        Returns ``"new"``, ``"updated"``, or ``"skipped"`` when another writer stored the same text
        (content hash) under another id meanwhile, or, with ``expect_new`` (the caller found no such
        article before extracting it), the same article with the same text and pipeline version.
        """
        if self.read_only:
            raise StoreError(f"cannot store article {doc.id}: the database is opened read only (mode=ro)")
        version = version or pipeline_version()
        chash = chash or content_hash(doc.text)
        now = datetime.now(UTC).replace(tzinfo=None)
        row = article_row(doc, version, content_hash=chash, origin=origin)
        children = document_rows(doc, version)
        a = schema.articles
        try:
            with self.engine.begin() as conn:
                if self.dialect == "sqlite":
                    # Take the write lock first: a read that later turns into a write fails at once with
                    # "database is locked" when another writer committed in between (WAL snapshots).
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
                old = conn.execute(
                    sa.select(a.c.ingested_at, a.c.content_hash, a.c.pipeline_version).where(a.c.id == doc.id)
                ).first()
                if expect_new and old is not None and (old[1], old[2]) == (chash, version):
                    return "skipped"  # another writer stored this very article meanwhile
                if old is not None:
                    self._delete_children(conn, doc.id)
                    if origin is None:  # reprocessing from the stored text keeps where it came from
                        row.pop("origin")
                    conn.execute(a.update().where(a.c.id == doc.id).values(**row, updated_at=now))
                else:
                    conn.execute(a.insert().values(**row, ingested_at=now, updated_at=now))
                for table in reversed(schema.CHILD_TABLES):
                    rows = children.get(table.name)
                    if rows:
                        conn.execute(table.insert(), rows)
                self._index_text(conn, doc)
        except sa.exc.IntegrityError as exc:
            # Another process stored the same text first (two ingests into one database): a duplicate.
            if old is None and self.lookup(chash) is not None:
                return "skipped"
            raise RecordConflictError(f"cannot store article {doc.id}: {_short(exc)}") from None
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot store article {doc.id}: {_short(exc)}") from None
        return "updated" if old is not None else "new"

    def _delete_children(self, conn: Connection, article_id: str) -> None:
        for table in schema.CHILD_TABLES:
            conn.execute(table.delete().where(table.c.article_id == article_id))
        conn.execute(sa.text("DELETE FROM article_fts WHERE article_id = :id"), {"id": article_id})

    def _index_text(self, conn: Connection, doc: Document) -> None:
        conn.execute(
            sa.text("INSERT INTO article_fts (article_id, norm) VALUES (:id, :norm)"),
            {"id": doc.id, "norm": normalize(doc.text)},
        )

    # --- reading -------------------------------------------------------------------------------

    def connect(self) -> Connection:
        try:
            return self.engine.connect()
        except SQLAlchemyError as exc:
            raise StoreError(f"database error: {_short(exc)}") from None

    def count(self, table: str = "articles") -> int:
        t = schema.metadata.tables[table]
        with self.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one())

    def article_ids(self, *, stale_only: bool = False) -> list[str]:
        """Ids of stored articles in id order; ``stale_only``: made by another pipeline version."""
        a = schema.articles
        q = sa.select(a.c.id).order_by(a.c.id)
        if stale_only:
            q = q.where(a.c.pipeline_version != pipeline_version())
        with self.connect() as conn:
            return [r[0] for r in conn.execute(q)]

    def load_document(self, article_id: str) -> Document:
        """Rebuild the stored Document of ``article_id`` (tokens are not stored)."""
        docs = self.load_documents([article_id])
        if not docs:
            raise StoreError(f"no article {article_id!r} in the database")
        return docs[0]

    def load_documents(self, ids: list[str]) -> list[Document]:
        """Rebuild several Documents, in the order of ``ids`` (missing ids are left out)."""
        if not ids:
            return []
        a = schema.articles
        with self.connect() as conn:
            arts: dict[str, Any] = {r["id"]: r for r in conn.execute(sa.select(a).where(a.c.id.in_(ids))).mappings()}
            kids: dict[str, dict[str, list[Any]]] = {i: {} for i in arts}
            for table in schema.CHILD_TABLES:
                order = [table.c.article_id, *(c for c in table.primary_key.columns if c.name != "article_id")]
                if "seq" in table.c:
                    order = [table.c.article_id, table.c.seq]
                q = sa.select(table).where(table.c.article_id.in_(list(arts))).order_by(*order)
                for r in conn.execute(q).mappings():
                    kids[r["article_id"]].setdefault(table.name, []).append(r)
        return [document_from_rows(arts[i], kids[i]) for i in ids if i in arts]

    def iter_documents(self, ids: list[str], batch: int = 200) -> Iterator[Document]:
        for i in range(0, len(ids), batch):
            yield from self.load_documents(ids[i : i + batch])

    def dump(self) -> dict[str, list[list[Any]]]:
        """Every row of every table in key order, without the timestamps: equal dumps mean equal databases."""
        out: dict[str, list[list[Any]]] = {}
        with self.connect() as conn:
            for table in schema.ALL_TABLES:
                cols = [c for c in table.c if c.name not in ("ingested_at", "updated_at")]
                q = sa.select(*cols).order_by(*table.primary_key.columns)
                out[table.name] = [list(r) for r in conn.execute(q)]
            fts = conn.execute(sa.text("SELECT article_id, norm FROM article_fts ORDER BY article_id"))
            out["article_fts"] = [list(r) for r in fts]
        dumped: dict[str, list[list[Any]]] = json.loads(json.dumps(out, default=str))
        return dumped


def open_store(url: str = DEFAULT_URL, *, create: bool = True) -> Store:
    """Open (and create or migrate) the database at ``url``; errors raise ``StoreError``.

    ``create=False``: a missing SQLite file is an error instead of a new empty database."""
    return Store(url, create=create)


def _short(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    args = getattr(orig, "args", ())
    if args and isinstance(args[0], dict) and "M" in args[0]:  # pg8000 reports the server's error fields
        return str(args[0]["M"])[:300]
    msg = str(orig).strip().splitlines()
    return msg[0][:300] if msg else type(exc).__name__
