"""Copies: syndicated and near-duplicate articles, found with MinHash LSH over normalized word shingles.

A copy is one voice, not corroboration: the same agency wire printed by five outlets is one report. Each article
gets a *copy group*, named after the first article of the group the index saw (insertion order), so adding
articles never renames a group except when it merges two older groups (the older name wins).

Two articles are copies when their word-5-gram sets have a MinHash-estimated Jaccard similarity of at least
``jaccard`` or when the shorter one is mostly contained in the longer one (containment ≥ ``containment``,
derived from the Jaccard estimate and the two set sizes): a short wire embedded verbatim in a longer round-up is
a copy (eval/gold/clusters/GUIDELINES.md). The LSH index is queried at a lower Jaccard so that such containment
pairs are found as candidates. Everything is deterministic (fixed MinHash seed, ordered insertion).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from khabar.arabic.normalize import normalize

SHINGLE = 5
NUM_PERM = 128
SEED = 1
_WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3A-Za-z0-9]+")


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    """The set of normalized word k-grams of ``text`` (one shingle for a text shorter than k words)."""
    words = _WORD.findall(normalize(text).lower())
    if not words:
        return set()
    return {" ".join(words[i : i + k]) for i in range(max(1, len(words) - k + 1))}


def signature(shingle_set: Iterable[str], num_perm: int = NUM_PERM) -> np.ndarray:
    """The MinHash signature (``num_perm`` uint64 values) of a shingle set, deterministic across runs."""
    from datasketch import MinHash

    m = MinHash(num_perm=num_perm, seed=SEED)
    m.update_batch([s.encode("utf-8") for s in sorted(shingle_set)])
    return np.asarray(m.hashvalues, dtype=np.uint64)


@lru_cache(maxsize=1)
def _scheme() -> str:
    from datasketch import MinHash

    return str(MinHash(num_perm=NUM_PERM, seed=SEED).scheme)


def estimate_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / float(len(a))


def containment(jaccard: float, size_a: int, size_b: int) -> float:
    """Share of the smaller set inside the larger one, from their Jaccard similarity and sizes."""
    if jaccard <= 0.0 or min(size_a, size_b) == 0:
        return 0.0
    inter = jaccard * (size_a + size_b) / (1.0 + jaccard)
    return min(1.0, inter / min(size_a, size_b))


@dataclass(frozen=True, slots=True)
class CopyParams:
    jaccard: float = 0.5  # estimated Jaccard at or above which two articles are copies
    containment: float = 0.5  # … or the shorter one's share inside the longer one
    min_shingles: int = 20  # shorter articles are only copies by Jaccard (containment of a few words is chance)
    lsh_threshold: float = 0.15  # the LSH candidate threshold (below ``jaccard`` to reach containment pairs)


class CopyIndex:
    """An incremental index of articles: ``add`` returns the article's copy group, earlier groups stay named."""

    def __init__(self, params: CopyParams | None = None) -> None:
        from datasketch import MinHashLSH

        self.params = params or CopyParams()
        self._lsh = MinHashLSH(threshold=self.params.lsh_threshold, num_perm=NUM_PERM)
        self._sig: dict[str, np.ndarray] = {}
        self._size: dict[str, int] = {}
        self._order: dict[str, int] = {}
        self._parent: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._sig)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._sig

    def _find(self, a: str) -> str:
        root = a
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[a] != root:  # path compression
            self._parent[a], a = root, self._parent[a]
        return root

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra == rb:
            return
        if self._order[rb] < self._order[ra]:
            ra, rb = rb, ra
        self._parent[rb] = ra

    def is_copy(self, a: str, b: str) -> bool:
        """Whether two indexed articles are copies of each other (the pairwise decision, not the group)."""
        jac = estimate_jaccard(self._sig[a], self._sig[b])
        return self._decide(jac, self._size[a], self._size[b])

    def _decide(self, jac: float, size_a: int, size_b: int) -> bool:
        p = self.params
        if jac >= p.jaccard:
            return True
        if min(size_a, size_b) < p.min_shingles:
            return False
        return containment(jac, size_a, size_b) >= p.containment

    def add(self, article_id: str, text: str | None = None, *, sig: np.ndarray | None = None,
            size: int | None = None) -> str:
        """Index one article (by text, or by a stored signature and shingle count); return its copy group."""
        if article_id in self._sig:
            return self._find(article_id)
        if sig is None or size is None:
            sh = shingles(text or "")
            sig, size = signature(sh), len(sh)
        self._order[article_id] = len(self._order)
        self._parent[article_id] = article_id
        self._sig[article_id] = sig
        self._size[article_id] = size
        if size:
            from datasketch import LeanMinHash

            lean = LeanMinHash(seed=SEED, hashvalues=sig, scheme=_scheme())
            for other in sorted(self._lsh.query(lean), key=self._order.__getitem__):
                jac = estimate_jaccard(sig, self._sig[other])
                if self._decide(jac, size, self._size[other]):
                    self._union(article_id, other)
            self._lsh.insert(article_id, lean)
        return self._find(article_id)

    def group(self, article_id: str) -> str:
        return self._find(article_id)

    def groups(self) -> dict[str, str]:
        """Every indexed article's copy group."""
        return {a: self._find(a) for a in self._sig}

    def signature_of(self, article_id: str) -> tuple[np.ndarray, int]:
        return self._sig[article_id], self._size[article_id]
