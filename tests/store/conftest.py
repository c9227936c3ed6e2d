"""Store fixtures: every storage test runs against SQLite and a real PostgreSQL server (skipped when absent)."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest

import khabar
from khabar.model import Argument, Count, Document, Entity, Event, Geo, Quantity, Source, Span, TimeValue
from khabar.store import Store, open_store

PG_URL = os.environ.get("KHABAR_TEST_PG_URL", "postgresql://khabar:khabar@localhost:5432/khabar_test")


def _reset_postgres(url: str) -> None:
    """Drop every table of the test database (or skip the test when no server is reachable)."""
    import sqlalchemy as sa

    from khabar.store.url import engine_url
    from khabar.store.url import redact as _redact

    if not url.rsplit("/", 1)[-1].split("?")[0].endswith("test"):
        pytest.skip(f"refusing to wipe {url.rsplit('@', 1)[-1]}: the test database name must end in 'test'")
    try:
        engine = sa.create_engine(engine_url(url))
        with engine.begin() as conn:
            conn.execute(sa.text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(sa.text("CREATE SCHEMA public"))
        engine.dispose()
    except Exception as exc:  # any driver or socket error means: no server for us
        pytest.skip(
            f"PostgreSQL not reachable at {_redact(url)} ({type(exc).__name__}); "
            "run .ci/postgres.sh or set KHABAR_TEST_PG_URL"
        )


def own_pg_database(tag: str) -> Iterator[str | None]:
    """A PostgreSQL database of one test package, ``khabar_<pid>_<tag>_test``, created beside the configured
    one (so the session fixtures of tests/store, tests/api … never share and wipe one database) and dropped at
    the end; None when there is no server or no CREATEDB privilege (the PostgreSQL half then skips). For
    session fixtures: ``yield from own_pg_database("api")``."""
    import sqlalchemy as sa

    from khabar.store.url import engine_url

    base, _, _ = PG_URL.rpartition("/")
    name = f"khabar_{os.getpid()}_{tag}_test"
    try:
        engine = sa.create_engine(engine_url(PG_URL), isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except Exception:  # no server, or no CREATEDB privilege: the PostgreSQL half is skipped
        yield None
        return
    try:
        yield f"{base}/{name}"
    finally:
        with engine.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


def backend_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, pg_fixture: str) -> str:
    """A fresh, empty database URL for ``request.param`` ("sqlite" or "postgres", the latter from the session
    fixture ``pg_fixture`` made with ``own_pg_database``, emptied first)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'khabar.db'}"
    request.applymarker(pytest.mark.postgres)
    url = request.getfixturevalue(pg_fixture)
    if url is None:
        pytest.skip("PostgreSQL not reachable; run .ci/postgres.sh or set KHABAR_TEST_PG_URL")
    _reset_postgres(url)
    return str(url)


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A PostgreSQL database of this test session: ``khabar_<pid>_test``, created beside the configured one
    (so test runs of several worktrees do not wipe each other's tables) and dropped at the end; the
    configured database itself when the role may not create databases."""
    import sqlalchemy as sa

    from khabar.store.url import engine_url

    base, _, _ = PG_URL.rpartition("/")
    name = f"khabar_{os.getpid()}_test"
    try:
        engine = sa.create_engine(engine_url(PG_URL), isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except Exception:  # unreachable server (the tests skip later) or no CREATEDB privilege
        yield PG_URL
        return
    try:
        yield f"{base}/{name}"
    finally:
        with engine.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A fresh, empty database URL for each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'khabar.db'}"
    request.applymarker(pytest.mark.postgres)
    url = request.getfixturevalue("pg_url")
    _reset_postgres(url)
    return url


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    st = open_store(db_url)
    yield st
    st.close()


HASAKAH = (
    "قال مصدر محلي إن اشتباكات عنيفة اندلعت أمس في مدينة الحسكة بين وحدات حماية الشعب وتنظيم داعش، "
    "ما أسفر عن مقتل نحو 60 مسلحا."
)


def rich_document(doc_id: str = "a1", text: str = HASAKAH, *, published: str = "2015-04-19",
                  outlet: str = "الشرق الأوسط", event_type: str = "ASSAULT", mode: str | None = "firearms",
                  source_kind: str = "anonymous") -> Document:
    """A Document with hand-made layers exercising every stored field."""
    doc = khabar.extract(text, title="اشتباكات في الحسكة", published=published, outlet=outlet, id=doc_id,
                         url=f"https://example.org/{doc_id}")
    t = doc.text

    def span(word: str, nth: int = 0) -> tuple[int, int]:
        start = -1
        for _ in range(nth + 1):
            start = t.index(word, start + 1)
        return start, start + len(word)

    hs, he = span("الحسكة", 1)
    ys, ye = span("وحدات حماية الشعب")
    ds, de = span("داعش")
    cs, ce = span("مصدر محلي")
    qs, qe = span("نحو 60 مسلحا")
    ts, te = span("أمس")
    trs, tre = span("اشتباكات", 1)
    geo = Geo(geonameid=173253, lat=36.50237, lon=40.74772, country_code="SY", admin1="Al-Hasakah",
              precision="city", name="Al-Hasakah", feature="PPLA", inherited_from=None)
    entities = (
        Entity(id="E1", text="الحسكة", type="LOC", start=hs, end=he, subtype="GPE", aliases=("حسكة",),
               mentions=(Span(*span("الحسكة")), Span(hs, he)), origin="gazetteer", geo=geo, canonical="Al-Hasakah"),
        Entity(id="E2", text="وحدات حماية الشعب", type="ORG", start=ys, end=ye, mentions=(Span(ys, ye),),
               origin="lexicon", canonical="YPG"),
        Entity(id="E10", text="داعش", type="ORG", start=ds, end=de, aliases=("تنظيم الدولة",),
               mentions=(Span(ds, de),), canonical="Islamic State"),
    )
    sources = (
        Source(id="S1", text="مصدر محلي", kind=source_kind, category="local", start=cs, end=ce, cue="قال",
               entity=None, parent=None),  # type: ignore[arg-type]
        Source(id="S2", text="الشرق الأوسط", kind="named", category="outlet", parent="S1"),
    )
    yesterday = (date.fromisoformat(published) - timedelta(days=1)).isoformat()
    when = TimeValue(text="أمس", start=ts, end=te, value=yesterday, precision="day", relative=True)
    count = Quantity(text="نحو 60 مسلحا", start=qs, end=qe, value=60, low=55, high=65.5, approx=True,
                     of="killed", unit="مسلحا")
    sent = doc.sentences[-1]
    event = Event(
        id="ev1", type=event_type, trigger=Argument("اشتباكات", trs, tre), evidence=Span(sent.start, sent.end),
        mode=mode, status="asserted",
        actors=(Argument("وحدات حماية الشعب", ys, ye, entity="E2"), Argument("داعش", ds, de, entity="E10")),
        targets=(Argument("داعش", ds, de, entity="E10"),),
        place=Argument("الحسكة", hs, he, entity="E1", geo=geo), date=when, quantities=(count,), source="S1",
        confidence=0.75,
        counts=(Count("killed", "نحو 60 مسلحا", qs, qe, 60, None, None, True, "fighters", "مسلحا", "S2"),
                Count("other", "عشرات", 0, 5, 12, 12, None, True, part=True)),
    )
    second = Event(id="ev2", type="PROTEST", trigger=Argument("اشتباكات", trs, tre),
                   evidence=Span(sent.start, sent.end), status="denied")
    return dataclasses.replace(
        doc,
        entities=entities,
        sources=sources,
        events=(event, second),
        times=(when, TimeValue(text="2015", start=0, end=0, value=None, precision=None, calendar="hijri")),
        quantities=(count, Quantity(text="عشرات", start=0, end=5, value=None, period="منذ بدء النزاع")),
        meta=(("author", "مراسل"),),
        layers=doc.layers | {"entities", "sources", "events", "times", "quantities", "geocode"},
    )


@pytest.fixture
def make_doc() -> Callable[..., Document]:
    return rich_document


def _without_tokens(doc: Document) -> Document:
    return dataclasses.replace(doc, tokens=(), layers=doc.layers - {"tokens"})


@pytest.fixture
def without_tokens() -> Callable[[Document], Document]:
    """The Document as the store gives it back: tokens are recomputable and not stored."""
    return _without_tokens
