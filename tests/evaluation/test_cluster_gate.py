"""The corroboration gate: clusters and copy groups on the held-out part of eval/gold/clusters must not fall below
the ``[clusters]`` floors of eval/floors.toml.

The whole corpus file of the gold (1,387 articles) is extracted and corroborated, which takes minutes; set
``KHABAR_CLUSTER_CACHE_DB`` (a khabar store URL) to keep the extracted articles between runs. Skips when the
shared data is absent.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from khabar.evaluation import find_data_dir
from khabar.evaluation.clusters import ClusterReport, gold_documents, load_cluster_gold, score_clusters

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "eval" / "gold" / "clusters"
FLOORS = ROOT / "eval" / "floors.toml"


def _floors() -> dict[str, float]:
    table = tomllib.loads(FLOORS.read_text(encoding="utf-8")).get("clusters", {})
    return {f"clusters.{k}": float(v) for k, v in table.items()}


def test_cluster_floors_name_known_scores() -> None:
    from khabar.evaluation.clusters import PRF

    fake = ClusterReport("heldout", 0, 0, 0, PRF(1, 1, 1), (0, 0, 0), PRF(1, 1, 1), (0, 0), PRF(1, 1, 1), (0, 0, 0))
    floors = _floors()
    assert floors, "eval/floors.toml has no [clusters] floors"
    assert set(floors) <= set(fake.scores())
    assert all(0 < v <= 1 for v in floors.values())


@pytest.fixture(scope="module")
def heldout() -> ClusterReport:
    from khabar.corroborate import corroborate

    data = find_data_dir(near=ROOT)
    gold = load_cluster_gold(GOLD)
    if data is None or not (data / gold.corpus).is_file():
        pytest.skip("shared data not found (../shared/data or $KHABAR_SHARED_DATA): the cluster gate is skipped")
    store = None
    if os.environ.get("KHABAR_CLUSTER_CACHE_DB"):
        from khabar.store import open_store

        store = open_store(os.environ["KHABAR_CLUSTER_CACHE_DB"])
    try:
        docs = gold_documents(gold, data, store=store)
    finally:
        if store is not None:
            store.close()
    res = corroborate(docs.values())
    return score_clusters(gold.select("heldout"), docs, res.cluster_of, res.copy_groups, "heldout")


@pytest.mark.shared
def test_heldout_scores_at_or_above_floors(heldout: ClusterReport) -> None:
    scores = heldout.scores()
    below = [f"{k} = {scores[k]:.3f} < floor {v}" for k, v in _floors().items() if scores[k] < v]
    assert not below, "; ".join(below)
