"""Corroboration of a khabar store: copy groups and clusters kept in the database, updated incrementally.

``update(store)`` indexes the articles the copy table lacks (earlier ones are read back from their stored MinHash
signatures, never re-shingled), then places every event not yet in ``event_clusters`` (or whose article was
re-extracted since) into the existing clusters — restoring only the clusters within reach of the new reports'
days, so an update costs in proportion to the new articles and their neighbourhood, not to the corpus — and
rewrites the records of the clusters that changed. Each step commits in batches: an interrupted run keeps what it
stored and the next run goes on from there.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
import sqlalchemy as sa

from khabar.corroborate.copies import CopyIndex, shingles, signature
from khabar.corroborate.engine import MAX_SPAN, Clusterer, report_order
from khabar.corroborate.reports import Report, reports_of
from khabar.corroborate.summary import summarize
from khabar.errors import StoreError
from khabar.model import Document
from khabar.store import schema
from khabar.store.db import Store

Progress = Callable[[str, int, int], None]  # (phase, done, total)
BATCH = 200


@dataclass
class UpdateResult:
    articles: int = 0
    new_copies: int = 0
    copy_groups_changed: int = 0
    events_placed: int = 0
    clusters_written: int = 0


def _copy_index(store: Store, progress: Progress | None) -> tuple[CopyIndex, dict[str, str], set[str]]:
    a, c = schema.articles, schema.article_copies
    index = CopyIndex()
    with store.connect() as conn:
        stored = list(conn.execute(sa.select(c.c.article_id, c.c.signature, c.c.shingles, c.c.copy_group)
                                   .order_by(c.c.rank)))
        new_ids = [r[0] for r in conn.execute(
            sa.select(a.c.id).where(~a.c.id.in_(sa.select(c.c.article_id)))
            .order_by(sa.func.coalesce(a.c.published, ""), a.c.id))]
    before = {}
    for aid, sig, size, group in stored:
        index.add(aid, sig=np.frombuffer(sig, dtype="<u8").astype(np.uint64), size=int(size))
        before[aid] = group
    rank = len(stored)
    for start in range(0, len(new_ids), BATCH):
        chunk = new_ids[start:start + BATCH]
        with store.connect() as conn:
            texts = dict(conn.execute(sa.select(a.c.id, a.c.text).where(a.c.id.in_(chunk))).all())
        rows = []
        for aid in chunk:
            sh = shingles(texts[aid])
            sig = signature(sh)
            index.add(aid, sig=sig, size=len(sh))
            rows.append({"article_id": aid, "rank": rank, "copy_group": "", "shingles": len(sh),
                         "signature": sig.astype("<u8").tobytes()})
            rank += 1
        groups = index.groups()
        for row in rows:
            row["copy_group"] = groups[row["article_id"]]
        with store.engine.begin() as conn:
            conn.execute(c.insert(), rows)
        if progress:
            progress("copies", min(start + BATCH, len(new_ids)), len(new_ids))
    groups = index.groups()
    changed = {aid: g for aid, g in groups.items() if aid in before and before[aid] != g}
    if changed:
        with store.engine.begin() as conn:
            for aid, g in sorted(changed.items()):
                conn.execute(c.update().where(c.c.article_id == aid).values(copy_group=g))
    # earlier articles whose group changed or gained a member: their clusters' voices may differ now
    grown = {groups[aid] for aid in new_ids}
    affected = {aid for aid in before if aid in changed or groups[aid] in grown}
    return index, groups, affected


def _ids(store: Store, column: Any) -> list[str]:
    with store.connect() as conn:
        return [r[0] for r in conn.execute(sa.select(column))]


def _day(value: str | None) -> int | None:
    try:
        return date.fromisoformat(value).toordinal() if value else None
    except ValueError:
        return None


def update(store: Store, *, progress: Progress | None = None) -> UpdateResult:
    """Bring the store's copy groups and clusters up to date with its articles (see the module docstring)."""
    try:
        return _update(store, progress)
    except sa.exc.SQLAlchemyError as exc:
        raise StoreError(f"corroboration failed: {str(exc).splitlines()[0]}") from None


def _update(store: Store, progress: Progress | None) -> UpdateResult:
    res = UpdateResult(articles=store.count())
    n_before = len(_ids(store, schema.article_copies.c.article_id))
    _index, groups, affected = _copy_index(store, progress)
    res.new_copies = len(groups) - n_before
    a, ec, cl = schema.articles, schema.event_clusters, schema.clusters
    with store.connect() as conn:
        versions = dict(conn.execute(sa.select(a.c.id, a.c.pipeline_version)).all())
        published = dict(conn.execute(sa.select(a.c.id, a.c.published)).all())
        placed = list(conn.execute(sa.select(ec.c.article_id, ec.c.event_id, ec.c.cluster_id, ec.c.rank,
                                             ec.c.pipeline_version).order_by(ec.c.rank)))
    stale = sorted({r[0] for r in placed if versions.get(r[0]) != r[4]})
    if stale:
        with store.engine.begin() as conn:
            conn.execute(ec.delete().where(ec.c.article_id.in_(stale)))
        placed = [r for r in placed if r[0] not in set(stale)]
    done_articles = {r[0] for r in placed}
    todo = sorted((aid for aid in versions if aid not in done_articles), key=lambda i: (published[i] or "", i))
    new_docs: list[Document] = list(store.iter_documents(todo))
    new_reports = sorted((r for d in new_docs for r in reports_of(d)), key=report_order)

    # restore the clusters within reach of the new reports' days (their whole membership)
    clusterer = Clusterer(same_copy=lambda x, y: groups.get(x, x) == groups.get(y, y))
    if new_reports and placed:
        reach = MAX_SPAN + clusterer.params.window + 3
        lo = min(r.lo for r in new_reports) - reach
        hi = max(r.hi for r in new_reports) + reach
        near = {r[2] for r in placed
                if (d := _day(published.get(r[0]))) is None or lo <= d <= hi}
        members = [r for r in placed if r[2] in near]
        need = sorted({r[0] for r in members})
        by_key: dict[str, Report] = {}
        for doc in store.iter_documents(need):
            for rep in reports_of(doc):
                by_key[rep.key] = rep
        for art, ev, cid, _rank, _v in members:
            old = by_key.get(f"{art}/{ev}")
            if old is not None:
                clusterer.restore(cid, old)
    rank = (max(r[3] for r in placed) + 1) if placed else 0
    touched: set[str] = set()
    rows: list[dict[str, Any]] = []
    for i, rep in enumerate(new_reports, start=1):
        cid = clusterer.add(rep)
        touched.add(cid)
        rows.append({"article_id": rep.article, "event_id": rep.event, "rank": rank, "cluster_id": cid,
                     "pipeline_version": versions[rep.article]})
        rank += 1
        if len(rows) >= BATCH or i == len(new_reports):
            with store.engine.begin() as conn:
                conn.execute(ec.insert(), rows)
            rows = []
            if progress:
                progress("clusters", i, len(new_reports))
    res.events_placed = len(new_reports)
    # clusters whose members' copy groups changed say something else now, as do those that lost stale members
    res.copy_groups_changed = len(affected)
    with store.connect() as conn:
        if affected or stale:
            hit = affected | set(stale)
            for cid, art in conn.execute(sa.select(ec.c.cluster_id, ec.c.article_id)):
                if art in hit:
                    touched.add(cid)
        existing = {r[0] for r in conn.execute(sa.select(cl.c.id))}
        live = {r[0] for r in conn.execute(sa.select(ec.c.cluster_id).distinct())}
    gone = sorted(existing - live)
    res.clusters_written = _write_clusters(store, sorted(touched & live), groups)
    if gone:
        with store.engine.begin() as conn:
            conn.execute(cl.delete().where(cl.c.id.in_(gone)))
    return res


def _write_clusters(store: Store, ids: list[str], groups: dict[str, str]) -> int:
    ec, cl = schema.event_clusters, schema.clusters
    written = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        with store.connect() as conn:
            members = list(conn.execute(sa.select(ec.c.cluster_id, ec.c.article_id, ec.c.event_id)
                                        .where(ec.c.cluster_id.in_(chunk)).order_by(ec.c.rank)))
        arts = sorted({m[1] for m in members})
        reps: dict[str, Report] = {}
        for doc in store.iter_documents(arts):
            for rep in reports_of(doc):
                reps[rep.key] = rep
        by_cluster: dict[str, list[Report]] = defaultdict(list)
        for cid, art, ev in members:
            found = reps.get(f"{art}/{ev}")
            if found is not None:
                by_cluster[cid].append(found)
        now = datetime.now(UTC).replace(tzinfo=None)
        rows = []
        for cid in chunk:
            if not by_cluster.get(cid):
                continue
            rec = summarize(cid, by_cluster[cid], groups)
            countries = {p["country"] for p in rec["place"]["places"] if p.get("country")}
            rows.append({"id": cid, "type": rec["type"], "articles": len(rec["articles"]),
                         "independent_sources": rec["independent_source_count"],
                         "named_sources": rec["source_mix"]["named"],
                         "anonymous_sources": rec["source_mix"]["anonymous"],
                         "date_from": rec["date"]["from"] or None, "date_to": rec["date"]["to"] or None,
                         "country_code": min(countries) if len(countries) == 1 else None,
                         "record": json.dumps(rec, ensure_ascii=False, sort_keys=True), "updated_at": now})
        with store.engine.begin() as conn:
            conn.execute(cl.delete().where(cl.c.id.in_(chunk)))
            if rows:
                conn.execute(cl.insert(), rows)
        written += len(rows)
    return written


def load_clusters(store: Store, *, min_sources: int = 0, only_anonymous: bool = False, min_articles: int = 1,
                  types: tuple[str, ...] = (), since: str | None = None, until: str | None = None,
                  limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Stored cluster records, most independent sources first (ties: by id).

    ``only_anonymous``: clusters whose cited sources are all anonymous (no named source, at least one anonymous);
    ``since``/``until`` (ISO dates) keep clusters whose possible days meet that range.
    """
    cl = schema.clusters
    q = sa.select(cl.c.record).where(cl.c.independent_sources >= min_sources, cl.c.articles >= min_articles)
    if only_anonymous:
        q = q.where(cl.c.named_sources == 0, cl.c.anonymous_sources > 0)
    if types:
        q = q.where(cl.c.type.in_([t.upper() for t in types]))
    if since:
        q = q.where(cl.c.date_to >= since)
    if until:
        q = q.where(cl.c.date_from <= until + "\uffff")
    q = q.order_by(cl.c.independent_sources.desc(), cl.c.articles.desc(), cl.c.id)
    if limit:
        q = q.limit(limit)
    if offset:
        q = q.offset(offset)
    try:
        with store.connect() as conn:
            return [json.loads(r[0]) for r in conn.execute(q)]
    except sa.exc.SQLAlchemyError as exc:
        raise StoreError(f"cannot read clusters: {str(exc).splitlines()[0]}") from None


def cluster_record(store: Store, cluster: str) -> dict[str, Any] | None:
    cl = schema.clusters
    with store.connect() as conn:
        raw = conn.execute(sa.select(cl.c.record).where(cl.c.id == cluster)).scalar()
    return json.loads(raw) if raw else None


def cluster_of_events(store: Store, keys: list[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, int]]:
    """(cluster id, independent-source count) of each (article id, event id) that has been clustered."""
    ec, cl = schema.event_clusters, schema.clusters
    out: dict[tuple[str, str], tuple[str, int]] = {}
    arts = sorted({k[0] for k in keys})
    with store.connect() as conn:
        for start in range(0, len(arts), BATCH):
            q = (sa.select(ec.c.article_id, ec.c.event_id, ec.c.cluster_id, cl.c.independent_sources)
                 .join(cl, cl.c.id == ec.c.cluster_id, isouter=True)
                 .where(ec.c.article_id.in_(arts[start:start + BATCH])))
            for art, ev, cid, n in conn.execute(q):
                out[(art, ev)] = (cid, int(n or 0))
    return {k: v for k, v in out.items() if k in set(keys)}


def all_cluster_links(store: Store) -> dict[tuple[str, str], tuple[str, int]]:
    """(cluster id, independent-source count) of every clustered event of the store, keyed (article, event)."""
    ec, cl = schema.event_clusters, schema.clusters
    q = (sa.select(ec.c.article_id, ec.c.event_id, ec.c.cluster_id, cl.c.independent_sources)
         .join(cl, cl.c.id == ec.c.cluster_id, isouter=True))
    try:
        with store.connect() as conn:
            return {(a, e): (c, int(n or 1)) for a, e, c, n in conn.execute(q)}
    except sa.exc.SQLAlchemyError as exc:
        raise StoreError(f"cannot read clusters: {str(exc).splitlines()[0]}") from None
