"""The pipeline version stamped on every stored record, and the content hash that deduplicates articles."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from importlib.resources import files

from khabar.about import __version__
from khabar.arabic.normalize import normalize

_SPACE = re.compile(r"\s+")


# Data files read only by corroboration (khabar.corroborate), after extraction: refitting the cluster weights must
# not make every stored article stale.
NOT_EXTRACTION = frozenset({"cluster_weights.json", "cluster_stopwords.tsv", "plover_compatible.tsv"})


@lru_cache(maxsize=1)
def data_fingerprint() -> str:
    """sha256 (12 hex digits) over the names and bytes of the packaged data files in ``lexicon/data`` that
    extraction reads (all but ``NOT_EXTRACTION``)."""
    h = hashlib.sha256()
    root = files("khabar.lexicon").joinpath("data")
    stack = [root]
    entries = []
    while stack:
        node = stack.pop()
        for child in node.iterdir():
            if child.is_dir():
                stack.append(child)
            elif child.is_file() and child.name not in NOT_EXTRACTION:
                entries.append(child)
    for entry in sorted(entries, key=lambda e: str(e)):
        rel = str(entry).split("lexicon", 1)[-1]
        h.update(rel.encode("utf-8") + b"\0" + entry.read_bytes() + b"\0")
    return h.hexdigest()[:12]


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """``khabar.__version__`` plus the data fingerprint, e.g. ``0.1.0+3f9c2a1b7e40``."""
    return f"{__version__}+{data_fingerprint()}"


def content_hash(text: str) -> str:
    """sha256 of the article text normalized for matching with whitespace collapsed (the dedup key)."""
    norm = _SPACE.sub(" ", normalize(text)).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()
