"""Incremental, deterministic same-event clustering of reports across articles.

Blocking: a report is only compared with clusters that have a member of the same type family (compatible PLOVER
types, ``plover_compatible.tsv``) and the same country (the article's main country when the event names no place)
on a day within the report's possible days widened by ``window`` days. No chaining: a report joins a cluster only
when it is in hard conflict with none of its members (``pairs.conflict``), its score against the cluster — the
mean of its best ``top`` pair probabilities — reaches ``threshold``, and it agrees with the cluster as a whole: at
least a ``share`` of the cluster's articles have a member it matches with probability ``support`` or more (a big
cluster cannot take in a neighbouring happening that resembles only a few of its reports, such as a recap
paragraph); otherwise it starts a cluster of its own. Of
several clusters it can join, it joins the best (ties: the oldest). Reports are added in the order given (callers
sort by publication day, article id and event order), clusters are never re-formed: a new article joins the
existing ones, and the same input in the same order always gives the same clusters.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from khabar.corroborate.pairs import conflict, family, features, model, score
from khabar.corroborate.reports import Report


@dataclass(frozen=True, slots=True)
class ClusterParams:
    threshold: float = 0.5
    top: int = 3
    window: int = 2  # days of slack around a report's possible days when looking for clusters
    max_members: int = 60  # a cluster compared member by member up to this size; beyond, its newest members
    share: float = 0.0  # of the cluster's articles (among the compared members) the report must match ...
    support: float = 0.1  # ... each with a pair probability of at least this
    min_shared: int = 2  # pre-filter: a cluster is scored only when its reports share this many content words with
    # the report (fewer when the report has fewer); 0 scores every cluster of the report's blocks


# A report whose possible days span more than this (a month long past, a year) is too vague to corroborate:
# it stays a cluster of its own and is never a candidate for others.
MAX_SPAN = 7


def cluster_id(first_key: str) -> str:
    """A cluster's id: a stable hash of the key of its first report."""
    return "cl-" + hashlib.sha1(first_key.encode("utf-8")).hexdigest()[:12]


@dataclass(slots=True)
class Cluster:
    id: str
    members: list[Report] = field(default_factory=list)


def default_params() -> ClusterParams:
    m = model()
    thr = m.get("threshold", 0.5)
    top = m.get("top", 3)
    share = m.get("share", 0.0)
    support = m.get("support", 0.1)
    return ClusterParams(threshold=float(thr) if isinstance(thr, (int, float)) else 0.5,
                         top=int(top) if isinstance(top, int) else 3,
                         share=float(share) if isinstance(share, (int, float)) else 0.0,
                         support=float(support) if isinstance(support, (int, float)) else 0.1)


class Clusterer:
    """Holds the clusters; ``add`` places one report and returns its cluster id."""

    def __init__(self, params: ClusterParams | None = None, *,
                 same_copy: Callable[[str, str], bool] | None = None,
                 weights: list[float] | None = None) -> None:
        self.params = params or default_params()
        raw: Any = weights if weights is not None else model()["weights"]
        self.weights = [float(w) for w in raw]
        self.same_copy = same_copy or (lambda a, b: False)
        self.clusters: dict[str, Cluster] = {}
        self.of: dict[str, str] = {}  # report key -> cluster id
        self._cells: dict[tuple[str, str, int], set[str]] = defaultdict(set)
        # inverted index of each block: content word -> the clusters with a report using it that day
        self._words: dict[tuple[str, str, int], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self._orders: dict[str, int] = {}  # cluster id -> creation rank (ties go to the oldest)
        self.compared = 0

    def _cell_keys(self, r: Report) -> tuple[str, str]:
        return family(r.type), r.country or "?"

    def _register(self, cid: str, r: Report) -> None:
        fam, country = self._cell_keys(r)
        for day in range(r.lo, r.hi + 1):
            self._cells[(fam, country, day)].add(cid)
            if self.params.min_shared:
                index = self._words[(fam, country, day)]
                for word in r.words:
                    index[word].add(cid)

    def candidates(self, r: Report) -> list[str]:
        """The clusters of the report's blocks (type family, country, days ± window), in creation order; with
        ``min_shared``, only those whose reports share that many content words with it (an inverted index per
        block: the cost follows the clusters that share words, not all the clusters of a crowded day)."""
        fam, country = self._cell_keys(r)
        w = self.params.window
        need = min(self.params.min_shared, len(r.words))
        found: set[str] = set()
        if need == 0:
            for day in range(r.lo - w, r.hi + w + 1):
                found |= self._cells.get((fam, country, day), set())
            return sorted(found, key=self._orders.__getitem__)
        shared: dict[str, set[str]] = defaultdict(set)
        for day in range(r.lo - w, r.hi + w + 1):
            index = self._words.get((fam, country, day))
            if index is None:
                continue
            for word in r.words:
                for cid in index.get(word, ()):
                    shared[cid].add(word)
        found = {cid for cid, words in shared.items() if len(words) >= need}
        return sorted(found, key=self._orders.__getitem__)

    def pair_probability(self, a: Report, b: Report) -> float:
        if conflict(a, b) is not None:
            return 0.0
        return score(features(a, b, self.same_copy(a.article, b.article)), self.weights)

    def _cluster_score(self, r: Report, cl: Cluster) -> float | None:
        members = cl.members[-self.params.max_members:]
        probs = []
        by_article: dict[str, float] = {}
        for m in members:
            self.compared += 1
            if conflict(r, m) is not None:
                return None
            p = score(features(r, m, self.same_copy(r.article, m.article)), self.weights)
            probs.append(p)
            if m.article != r.article:
                by_article[m.article] = max(p, by_article.get(m.article, 0.0))
        if by_article and self.params.share > 0:
            agreeing = sum(1 for p in by_article.values() if p >= self.params.support)
            if agreeing < self.params.share * len(by_article):
                return None
        probs.sort(reverse=True)
        best = probs[: self.params.top]
        return sum(best) / len(best)

    def add(self, r: Report) -> str:
        if r.key in self.of:
            return self.of[r.key]
        best_id, best = None, self.params.threshold
        vague = r.hi - r.lo > MAX_SPAN
        for cid in ([] if vague else self.candidates(r)):
            s = self._cluster_score(r, self.clusters[cid])
            if s is not None and s >= best and (best_id is None or s > best):
                best_id, best = cid, s
        if best_id is None:
            best_id = cluster_id(r.key)
            self.clusters[best_id] = Cluster(best_id)
            self._orders[best_id] = len(self._orders)
        self.clusters[best_id].members.append(r)
        self.of[r.key] = best_id
        if not vague:
            self._register(best_id, r)
        return best_id

    def restore(self, cid: str, r: Report) -> None:
        """Put a report back into a stored cluster (no scoring): the state an earlier run left."""
        if cid not in self.clusters:
            self.clusters[cid] = Cluster(cid)
            self._orders[cid] = len(self._orders)
        self.clusters[cid].members.append(r)
        self.of[r.key] = cid
        if r.hi - r.lo <= MAX_SPAN:
            self._register(cid, r)

    def add_all(self, reports: Iterable[Report]) -> None:
        for r in reports:
            self.add(r)


def report_order(r: Report) -> tuple[str, str, int]:
    """The order reports are clustered in: publication day, article id, position in the article."""
    return (r.published or "", r.article, r.seq)
