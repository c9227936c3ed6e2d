"""API fixtures: a TestClient over a filled database, on SQLite and on a real PostgreSQL server (skipped when absent).

The PostgreSQL database of these tests is ``khabar_<pid>_api_test``, apart from the one of tests/store, so the two
session fixtures never share (and wipe) one database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

pytest.importorskip("fastapi", reason="the API tests need the serve extra (pip install -e '.[dev]')")

from fastapi.testclient import TestClient

from khabar.store import Store, open_store
from store.conftest import backend_url, own_pg_database, rich_document

OTHER = (
    "اعتقلت وحدات حماية الشعب أمس عناصر من داعش في الحسكة بعد اشتباكات قتل فيها نحو 60 مسلحا، "
    "بحسب مصدر محلي، وتظاهر الطلاب في الرياض قرب الجامعة."
)


@pytest.fixture(scope="session")
def api_pg_url() -> Iterator[str | None]:
    yield from own_pg_database("api")


@pytest.fixture(params=["sqlite", "postgres"])
def api_db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    return backend_url(request, tmp_path_factory, "api_pg_url")


@pytest.fixture
def filled(api_db_url: str) -> Iterator[Store]:
    """a1: ASSAULT/firearms in Al-Hasakah (anonymous source, 2015-04-18, confidence 0.75) + PROTEST denied (no
    source, published 2015-04-19); a2: COERCE/arrest (named source, Saudi Press Agency, 2015-07-01) + PROTEST."""
    st = open_store(api_db_url)
    st.save(rich_document("a1"))
    st.save(rich_document("a2", OTHER, published="2015-07-02", outlet="Saudi Press Agency", event_type="COERCE",
                          mode="arrest", source_kind="named"))
    yield st
    st.close()


@pytest.fixture
def make_client(filled: Store) -> Iterator[Callable[..., TestClient]]:
    from khabar.api import create_app

    clients: list[TestClient] = []

    def make(**kw: object) -> TestClient:
        client = TestClient(create_app(filled, **kw), raise_server_exceptions=False)  # type: ignore[arg-type]
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for c in clients:
        c.__exit__(None, None, None)


@pytest.fixture
def client(make_client: Callable[..., TestClient]) -> TestClient:
    return make_client()
