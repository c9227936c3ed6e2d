"""Corroboration: one happening across many reports, and how many independent sources say so.

``khabar.corroborate(documents)`` (this package is callable) finds the copies among the articles (MinHash LSH,
``copies``), clusters their events into happenings (``engine``, scored by ``pairs``) and says what each cluster
says (``summary``). The store keeps copy groups and clusters (``khabar corroborate --db URL``).
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from khabar.corroborate.copies import CopyIndex, CopyParams, shingles, signature
from khabar.corroborate.engine import Clusterer, ClusterParams, cluster_id, report_order
from khabar.corroborate.reports import Report, reports_of
from khabar.corroborate.summary import SCHEMA, summarize
from khabar.model import Document


@dataclass
class Corroboration:
    """The result of ``khabar.corroborate``: copy groups, each event's cluster, and the cluster records."""

    copy_groups: dict[str, str] = field(default_factory=dict)  # article id -> copy group (an article id)
    cluster_of: dict[str, str] = field(default_factory=dict)  # "article_id/event_id" -> cluster id
    clusters: list[dict[str, Any]] = field(default_factory=list)  # summaries, largest first

    def cluster(self, cid: str) -> dict[str, Any] | None:
        for c in self.clusters:
            if c["id"] == cid:
                return c
        return None


def corroborate(documents: Iterable[Document], *, copy_params: CopyParams | None = None,
                params: ClusterParams | None = None, min_articles: int = 1) -> Corroboration:
    """Copy groups and same-event clusters of ``documents`` (processed in publication order, deterministic).

    ``min_articles`` keeps only the cluster records reporting from at least that many articles (every event still
    gets its cluster id in ``cluster_of``).
    """
    docs = sorted(documents, key=lambda d: (d.published.isoformat() if d.published else "", d.id))
    index = CopyIndex(copy_params)
    for doc in docs:
        index.add(doc.id, doc.text)
    groups = index.groups()
    clusterer = Clusterer(params, same_copy=lambda a, b: groups.get(a, a) == groups.get(b, b))
    reports = sorted((r for d in docs for r in reports_of(d)), key=report_order)
    clusterer.add_all(reports)
    out = Corroboration(copy_groups=groups, cluster_of=dict(clusterer.of))
    for cid, cl in clusterer.clusters.items():
        if len({r.article for r in cl.members}) >= min_articles:
            out.clusters.append(summarize(cid, cl.members, groups))
    out.clusters.sort(key=lambda c: (-len(c["articles"]), c["id"]))
    return out


class _CallableModule(types.ModuleType):
    def __call__(self, documents: Iterable[Document], **kwargs: Any) -> Corroboration:
        return corroborate(documents, **kwargs)


sys.modules[__name__].__class__ = _CallableModule

__all__ = [
    "SCHEMA",
    "ClusterParams",
    "Clusterer",
    "CopyIndex",
    "CopyParams",
    "Corroboration",
    "Report",
    "cluster_id",
    "corroborate",
    "report_order",
    "reports_of",
    "shingles",
    "signature",
    "summarize",
]
