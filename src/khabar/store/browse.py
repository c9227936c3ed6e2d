"""Summaries over stored events and articles: events per day and type, cited sources, article listings.

Each takes the same ``EventFilter`` as ``khabar query`` (for articles: words, outlet and publication dates),
runs parameterized SQL on SQLite and PostgreSQL alike, and returns plain records.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from khabar.errors import InputError
from khabar.store import schema
from khabar.store.db import Store
from khabar.store.query import EventFilter, _fulltext, _pad, filtered_events


@dataclass(frozen=True, slots=True)
class DayCount:
    """How many matching events of one type fall on one effective day ('' when the day is unknown)."""

    day: str
    type: str
    count: int


@dataclass(frozen=True, slots=True)
class SourceCount:
    """A cited source (its text as written and its kind) and how many matching events and articles cite it.
    Events citing nobody are counted under their outlet, with kind ``outlet``."""

    text: str
    kind: str
    events: int
    articles: int


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One stored article without its text: what a listing shows."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    length: int
    events: int


def event_counts(store: Store, flt: EventFilter) -> list[DayCount]:
    """Matching events per effective day and type, by day then type (what a timeline draws)."""
    sub = filtered_events(store, flt, with_geo=False).subquery()
    n = sa.func.count().label("n")
    q = sa.select(sub.c.sort_day, sub.c.type, n).group_by(sub.c.sort_day, sub.c.type)
    q = q.order_by(sub.c.sort_day, sub.c.type)
    with store.connect() as conn:
        return [DayCount(r[0], r[1], int(r[2])) for r in conn.execute(q)]


def source_counts(store: Store, flt: EventFilter, *, kind: str | None = None,
                  limit: int | None = None) -> list[SourceCount]:
    """Who the matching events are attributed to, most cited first (ties by text)."""
    s, a = schema.sources, schema.articles
    e = schema.events
    sub = filtered_events(store, flt, with_geo=False).subquery()
    joined = sub.join(e, sa.and_(e.c.article_id == sub.c.article_id, e.c.id == sub.c.event_id))
    joined = joined.outerjoin(s, sa.and_(s.c.article_id == e.c.article_id, s.c.id == e.c.source_id))
    joined = joined.join(a, a.c.id == e.c.article_id)
    text = sa.case((s.c.id.is_(None), sa.func.coalesce(a.c.outlet, "")), else_=s.c.text).label("text")
    src_kind = sa.func.coalesce(s.c.kind, "outlet").label("kind")
    cited = sa.select(text, src_kind, e.c.article_id).select_from(joined).subquery()
    events = sa.func.count().label("events")
    articles = sa.func.count(sa.distinct(cited.c.article_id)).label("articles")
    q = sa.select(cited.c.text, cited.c.kind, events, articles).group_by(cited.c.text, cited.c.kind)
    if kind is not None:
        if kind not in ("named", "anonymous", "outlet"):
            raise InputError(f"source kind must be one of named, anonymous, outlet, not {kind!r}")
        q = q.where(cited.c.kind == kind)
    q = q.order_by(events.desc(), cited.c.text, cited.c.kind)
    if limit is not None:
        q = q.limit(limit)
    with store.connect() as conn:
        return [SourceCount(r[0], r[1], int(r[2]), int(r[3])) for r in conn.execute(q)]


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """Which articles ``GET /articles`` lists: words in the text, outlet, publication date range."""

    text: str | None = None
    outlet: str | None = None
    since: str | None = None  # YYYY[-MM[-DD]] on the publication date, inclusive
    until: str | None = None

    def check(self) -> None:
        EventFilter(text=self.text, since=self.since, until=self.until).check()


def _article_query(store: Store, flt: ArticleFilter) -> sa.Select[tuple[str]]:
    flt.check()
    a = schema.articles
    q = sa.select(a.c.id)
    if flt.outlet:
        q = q.where(sa.func.lower(a.c.outlet) == flt.outlet.strip().lower())
    if flt.since:
        q = q.where(a.c.published >= _pad(flt.since, end=False))
    if flt.until:
        q = q.where(a.c.published <= _pad(flt.until, end=True))
    if flt.text:
        q = q.where(_fulltext(store, flt.text, a.c.id))
    return q


def article_page(store: Store, flt: ArticleFilter, *, limit: int, after: str | None = None) -> list[ArticleSummary]:
    """Matching articles by id, starting after the id ``after`` (keyset pagination)."""
    a, e = schema.articles, schema.events
    ids = _article_query(store, flt)
    if after is not None:
        ids = ids.where(a.c.id > after)
    ids = ids.order_by(a.c.id).limit(limit)
    id_list = ids.subquery()
    n_events = sa.select(sa.func.count()).where(e.c.article_id == a.c.id).scalar_subquery()
    q = sa.select(a.c.id, a.c.title, a.c.outlet, a.c.published, a.c.url, sa.func.length(a.c.text), n_events)
    q = q.where(a.c.id.in_(sa.select(id_list.c.id))).order_by(a.c.id)
    with store.connect() as conn:
        return [ArticleSummary(r[0], r[1], r[2], r[3], r[4], int(r[5]), int(r[6])) for r in conn.execute(q)]


def count_articles(store: Store, flt: ArticleFilter) -> int:
    sub = _article_query(store, flt).subquery()
    with store.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(sub)).scalar_one())


__all__ = [
    "ArticleFilter", "ArticleSummary", "DayCount", "SourceCount", "article_page", "count_articles", "event_counts",
    "source_counts",
]
