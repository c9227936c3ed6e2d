"""Finding stored events by type, place, date range, source kind, outlet, actor and full text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from khabar.arabic.normalize import normalize
from khabar.errors import InputError
from khabar.model import Document, Event
from khabar.store import schema
from khabar.store.db import Store

SOURCE_KINDS = ("named", "anonymous", "outlet")
_WORD = re.compile(r"\w+")
_DAY = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What ``khabar query`` and ``khabar export`` select; every field left empty matches everything."""

    types: tuple[str, ...] = ()
    place: str | None = None  # place text (normalized, substring), GeoNames name, or ISO country code
    since: str | None = None  # YYYY[-MM[-DD]], inclusive, on the event date (else publication date)
    until: str | None = None
    source_kind: str | None = None  # named | anonymous | outlet (no cited source)
    outlet: str | None = None
    actor: str | None = None  # actor text (normalized, substring) or the entity's canonical name
    text: str | None = None  # words that must all occur in the article (normalized)

    def check(self) -> None:
        for name in ("place", "outlet", "actor", "text", "since", "until", "source_kind"):
            value = getattr(self, name)
            if value is not None and any(ord(c) < 32 and c not in "\t\n" for c in value):
                # SQLite ends a LIKE pattern at NUL (so "%\0" matched everything) and PostgreSQL refuses it.
                raise InputError(f"--{name.replace('_', '-')}: control characters are not allowed in a filter")
        if self.source_kind is not None and self.source_kind not in SOURCE_KINDS:
            raise InputError(f"source kind must be one of {', '.join(SOURCE_KINDS)}, not {self.source_kind!r}")
        for name, value in (("since", self.since), ("until", self.until)):
            if value is not None and not _DAY.match(value):
                raise InputError(f"--{name}: {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        if self.text is not None and not _WORD.findall(normalize(self.text)):
            raise InputError("--text: no words to search for")


def _pad(value: str, *, end: bool) -> str:
    # A partial bound covers its whole month or year: since 2015-04 → 2015-04-01, until 2015-04 → 2015-04-31.
    year, *rest = value.split("-")
    month = rest[0] if rest else ("12" if end else "01")
    day = rest[1] if len(rest) > 1 else ("31" if end else "01")
    return f"{year}-{month}-{day}"


def _arg_match(role: str, norm_value: str, raw: str) -> ColumnElement[bool]:
    arg = schema.event_arguments
    ent = schema.entities
    e = schema.events
    conds: list[ColumnElement[bool]] = [arg.c.norm.like(f"%{_escape(norm_value)}%", escape="\\")]
    low = raw.strip().lower()
    conds.append(sa.func.lower(arg.c.geo_name) == low)
    ent_conds = [sa.func.lower(ent.c.canonical) == low, sa.func.lower(ent.c.geo_name) == low]
    if role == "place" and len(low) == 2 and low.isascii():
        # A two-letter ISO country code: the place's own country, or its entity's.
        conds.append(sa.func.upper(arg.c.country_code) == low.upper())
        ent_conds.append(sa.func.upper(ent.c.country_code) == low.upper())
    canon = sa.select(ent.c.id).where(
        ent.c.article_id == arg.c.article_id, ent.c.id == arg.c.entity_id, sa.or_(*ent_conds)
    )
    conds.append(sa.exists(canon))
    return sa.exists(
        sa.select(arg.c.event_id).where(
            arg.c.article_id == e.c.article_id, arg.c.event_id == e.c.id, arg.c.role == role, sa.or_(*conds)
        )
    )


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _fulltext(store: Store, text: str) -> ColumnElement[bool]:
    words = _WORD.findall(normalize(text))
    e = schema.events
    if store.dialect == "postgresql":
        sub = sa.text(
            "SELECT article_id FROM article_fts WHERE tsv @@ plainto_tsquery('simple', :q)"
        ).bindparams(q=" ".join(words))
    else:
        # Each word quoted, so FTS5 syntax characters in the user's text are taken literally.
        sub = sa.text("SELECT article_id FROM article_fts WHERE article_fts MATCH :q").bindparams(
            q=" ".join(f'"{w}"' for w in words)
        )
    return e.c.article_id.in_(sub.columns(sa.column("article_id", sa.Text)))


def event_keys(store: Store, flt: EventFilter, *, limit: int | None = None) -> list[tuple[str, str]]:
    """``(article id, event id)`` of matching events, by date, article and position in the article."""
    flt.check()
    e, a, s = schema.events, schema.articles, schema.sources
    q = sa.select(e.c.article_id, e.c.id).select_from(e.join(a, a.c.id == e.c.article_id))
    if flt.types:
        q = q.where(e.c.type.in_([t.upper() for t in flt.types]))
    if flt.since:
        q = q.where(e.c.day >= _pad(flt.since, end=False))
    if flt.until:
        q = q.where(e.c.day <= _pad(flt.until, end=True))
    if flt.outlet:
        q = q.where(sa.func.lower(a.c.outlet) == flt.outlet.strip().lower())
    if flt.source_kind == "outlet":
        q = q.where(e.c.source_id.is_(None))
    elif flt.source_kind:
        q = q.where(sa.exists(sa.select(s.c.id).where(
            s.c.article_id == e.c.article_id, s.c.id == e.c.source_id, s.c.kind == flt.source_kind)))
    if flt.place:
        q = q.where(_arg_match("place", normalize(flt.place.strip()), flt.place))
    if flt.actor:
        q = q.where(_arg_match("actor", normalize(flt.actor.strip()), flt.actor))
    if flt.text:
        q = q.where(_fulltext(store, flt.text))
    q = q.order_by(e.c.day, e.c.article_id, e.c.seq)
    if limit is not None:
        q = q.limit(limit)
    with store.connect() as conn:
        return [(r[0], r[1]) for r in conn.execute(q)]


def iter_events(store: Store, flt: EventFilter, *, limit: int | None = None,
                batch: int = 200) -> Iterator[tuple[Document, Event]]:
    """Matching events with their Documents, in ``event_keys`` order, loading articles in batches."""
    keys = event_keys(store, flt, limit=limit)
    for i in range(0, len(keys), batch):
        chunk = keys[i : i + batch]
        docs = {d.id: d for d in store.load_documents(sorted({k[0] for k in chunk}))}
        for article_id, event_id in chunk:
            doc = docs[article_id]
            for ev in doc.events:
                if ev.id == event_id:
                    yield doc, ev
                    break


def article_keys(store: Store, flt: EventFilter) -> list[str]:
    """Ids of articles with at least one matching event (or every article when the filter is empty)."""
    if flt == EventFilter():
        return store.article_ids()
    return sorted({k[0] for k in event_keys(store, flt)})
