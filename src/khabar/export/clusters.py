"""The cluster of each exported event (``khabar corroborate``), for the exporters' cluster fields.

The export command loads, from the store, each clustered event's cluster id and independent-source count and
makes them known for the duration of the export (``clusters_known``); the exporters read them with
``cluster_info``. Outside such a block (``khabar extract --format plover``, a store never corroborated) every
event has no cluster.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

from khabar.model import Document, Event

ClusterMap = Mapping[tuple[str, str], tuple[str, int]]
_KNOWN: ContextVar[ClusterMap | None] = ContextVar("khabar_export_clusters", default=None)


def cluster_info(doc: Document, ev: Event) -> tuple[str | None, int | None]:
    """(cluster id, independent-source count) of an exported event, (None, None) when it has no cluster."""
    known = _KNOWN.get()
    if known is None:
        return None, None
    found = known.get((doc.id, ev.id))
    return found if found is not None else (None, None)


@contextmanager
def clusters_known(mapping: ClusterMap) -> Iterator[None]:
    token = _KNOWN.set(mapping)
    try:
        yield
    finally:
        _KNOWN.reset(token)
