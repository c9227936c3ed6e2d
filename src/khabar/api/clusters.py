"""``GET /clusters``, ``/clusters/{id}``, ``/events/{id}/cluster``: same-event clusters of ``khabar corroborate``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query

from khabar.api.params import DEFAULT_LIMIT, MAX_LIMIT
from khabar.api.serialize import split_event_key
from khabar.api.state import get_store
from khabar.store.db import Store

router = APIRouter(tags=["clusters"])
_DAY = r"^\d{4}(-\d{2}(-\d{2})?)?$"


@router.get("/clusters", summary="Same-event clusters of at least two articles, most independent sources first")
def list_clusters(
    store: Annotated[Store, Depends(get_store)],
    min_sources: Annotated[int, Query(ge=0, le=10_000, description="At least this many independent sources.")] = 0,
    only_anonymous: Annotated[bool, Query(description="Only clusters whose sources are all anonymous.")] = False,
    type: Annotated[list[str] | None, Query(max_length=40, description="PLOVER type (repeatable).")] = None,
    since: Annotated[str | None, Query(pattern=_DAY, description="Clusters whose days reach this date.")] = None,
    until: Annotated[str | None, Query(pattern=_DAY, description="Clusters whose days start by this date.")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    from khabar.corroborate.stored import load_clusters

    recs = load_clusters(store, min_sources=min_sources, only_anonymous=only_anonymous, min_articles=2,
                         types=tuple(type or ()), since=since, until=until, limit=limit + 1, offset=offset)
    more = len(recs) > limit
    return {"limit": limit, "offset": offset, "clusters": recs[:limit],
            "next_offset": offset + limit if more else None}


@router.get("/clusters/{cluster_id}", summary="One cluster: its reports, independent sources and conflicting claims")
def get_cluster(cluster_id: str, store: Annotated[Store, Depends(get_store)]) -> dict[str, Any]:
    from khabar.corroborate.stored import cluster_record

    rec = cluster_record(store, cluster_id)
    if rec is None:
        raise HTTPException(404, f"no cluster {cluster_id!r} (run khabar corroborate to build clusters)")
    return rec


@router.get("/events/{key:path}/cluster", summary="The cluster of one event")
def event_cluster(key: str, store: Annotated[Store, Depends(get_store)]) -> dict[str, Any]:
    from khabar.corroborate.stored import cluster_of_events, cluster_record

    parts = split_event_key(key)
    found = cluster_of_events(store, [parts]) if parts is not None else {}
    if parts is None or parts not in found:
        raise HTTPException(404, f"event {key!r} is in no cluster (unknown event, or khabar corroborate not run "
                                 "since it was stored)")
    rec = cluster_record(store, found[parts][0])
    if rec is None:
        raise HTTPException(404, f"the cluster of event {key!r} has no record yet: run khabar corroborate")
    return rec
