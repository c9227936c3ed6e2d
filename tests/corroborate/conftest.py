"""A compact way to write Reports for the clustering tests; the stores of the stored-corroboration tests."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from khabar.corroborate.reports import Count, Report
from store.conftest import backend_url, own_pg_database

SANAA = {"place_id": 71137, "place_text": "صنعاء", "country": "YE", "admin1": "26", "geo_precision": "city",
         "lat": 15.35, "lon": 44.2}
ADEN = {"place_id": 415189, "place_text": "عدن", "country": "YE", "admin1": "02", "geo_precision": "city",
        "lat": 12.78, "lon": 45.04}


def report(article: str, day: str = "2015-07-20", *, event: str = "ev1", type: str = "ASSAULT",
           dated: bool = True, words: str = "غارات التحالف مخازن اسلحه الحوثيين", place: dict[str, Any] | None = None,
           counts: tuple[tuple[str, float], ...] = (), outlet: str | None = None,
           source: tuple[str, str] = ("", "outlet"),
           published: str | None = None, status: str = "asserted", seq: int = 0, **kw: Any) -> Report:
    d = date.fromisoformat(day).toordinal()
    geo = SANAA if place is None else place
    fields: dict[str, Any] = {
        "key": f"{article}/{event}", "article": article, "event": event, "seq": seq, "outlet": outlet or article,
        "published": published or day, "type": type, "mode": None, "status": status,
        "lo": d if dated else d - 2, "hi": d, "dated": dated, "precision": "day" if dated else "published",
        "place_id": geo.get("place_id"), "place_text": geo.get("place_text", ""), "country": geo.get("country"),
        "admin1": geo.get("admin1"), "geo_precision": geo.get("geo_precision"), "lat": geo.get("lat"),
        "lon": geo.get("lon"), "place_inferred": False, "actors": frozenset(), "targets": frozenset(),
        "counts": tuple(Count(of, v, None, None, False, str(int(v))) for of, v in counts),
        "words": frozenset(words.split()), "source_text": source[0], "source_kind": source[1],
        "source_category": "outlet" if source[1] == "outlet" else "official",
        "source_key": source[0] if source[1] != "outlet" else "",
    }
    fields.update(kw)
    return Report(**fields)


# Stores of the corroboration tests: SQLite and a real PostgreSQL server (skipped when absent), in a database of
# their own (khabar_<pid>_corr_test), apart from those of tests/store and tests/api so no session wipes another's.


@pytest.fixture(scope="session")
def corr_pg_url() -> Iterator[str | None]:
    yield from own_pg_database("corr")


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A fresh, empty database URL for each backend."""
    return backend_url(request, tmp_path_factory, "corr_pg_url")
