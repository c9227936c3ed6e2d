"""The storage suite: round trip of every field, replace semantics, schema and migrations, errors."""

from __future__ import annotations

import dataclasses

import pytest
import sqlalchemy as sa

from khabar.errors import StoreError
from khabar.store import Store, content_hash, open_store, pipeline_version, schema


def test_every_field_round_trips(store: Store, make_doc, without_tokens) -> None:
    doc = make_doc()
    assert store.save(doc, origin="test:1") == "new"
    loaded = store.load_document(doc.id)
    assert loaded == without_tokens(doc)
    # The fields the hand-made layers exercise, spelled out so a regression names the field.
    ev = loaded.events[0]
    assert ev.place is not None and ev.place.geo is not None and ev.place.geo.admin1 == "Al-Hasakah"
    assert [a.entity for a in ev.actors] == ["E2", "E10"]
    assert ev.quantities[0].value == 60 and isinstance(ev.quantities[0].value, int)
    assert ev.quantities[0].high == 65.5
    assert ev.date is not None and ev.date.relative and ev.date.value == "2015-04-18"
    assert loaded.sources[1].parent == "S1"
    assert loaded.entities[0].mentions[1] == doc.entities[0].mentions[1]
    assert [e.id for e in loaded.entities] == ["E1", "E2", "E10"]  # layer order, not key order
    assert loaded.times[1].calendar == "hijri" and loaded.times[1].value is None
    assert loaded.meta == (("author", "مراسل"),)
    assert loaded.to_dict() == without_tokens(doc).to_dict()


def test_document_without_layers_round_trips(store: Store, make_doc, without_tokens) -> None:
    bare = dataclasses.replace(make_doc("b1"), entities=(), sources=(), events=(), times=(), quantities=(),
                               headline=None, title=None, published=None, outlet=None, url=None, meta=())
    store.save(bare)
    assert store.load_document("b1") == without_tokens(bare)


def test_saving_again_replaces_the_records(store: Store, make_doc) -> None:
    doc = make_doc()
    store.save(doc)
    before = store.dump()
    assert store.save(doc) == "updated"
    assert store.dump() == before
    fewer = dataclasses.replace(doc, events=doc.events[:1], times=())
    store.save(fewer)
    assert store.count("events") == 1
    assert store.count("times") == 0
    assert store.count("event_arguments") == 5  # trigger, two actors, a target, the place
    assert store.count("articles") == 1


def test_pipeline_version_is_stamped_on_every_record(store: Store, make_doc) -> None:
    store.save(make_doc(), version="0.0.1+old")
    with store.connect() as conn:
        for table in (schema.articles, schema.entities, schema.sources, schema.events, schema.times,
                      schema.quantities):
            versions = {r[0] for r in conn.execute(sa.select(table.c.pipeline_version))}
            assert versions == {"0.0.1+old"}, table.name
    assert store.article_ids(stale_only=True) == ["a1"]
    store.save(make_doc())
    assert store.article_ids(stale_only=True) == []


def test_lookup_by_content_hash(store: Store, make_doc) -> None:
    doc = make_doc()
    store.save(doc)
    assert store.lookup(content_hash(doc.text)) == ("a1", pipeline_version())
    assert store.lookup(content_hash("نص آخر")) is None


def test_migrated_schema_matches_the_tables(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), schema.metadata)
        version = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    # The full-text table is dialect-specific and made by raw SQL in the migration, not in schema.py.
    def fts(item: tuple) -> bool:
        obj = item[1]
        table = getattr(obj, "table", obj)
        return item[0] in ("remove_table", "remove_index") and table.name.startswith("article_fts")

    diff = [d for d in diff if not fts(d)]
    assert diff == []
    from importlib.resources import files

    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(files("khabar.store").joinpath("migrations")))
    assert version == ScriptDirectory.from_config(cfg).get_current_head()


def test_reopening_a_database_keeps_its_data(db_url: str, make_doc) -> None:
    with open_store(db_url) as first:
        first.save(make_doc())
    with open_store(db_url) as second:
        assert second.count() == 1
        assert second.load_document("a1").events[0].type == "ASSAULT"


def test_missing_article_is_a_store_error(store: Store) -> None:
    with pytest.raises(StoreError, match="no article"):
        store.load_document("nope")


def test_dump_ignores_timestamps_only(store: Store, make_doc) -> None:
    store.save(make_doc())
    dump = store.dump()
    assert "ingested_at" not in str(dump) and len(dump["articles"]) == 1
    assert dump["article_fts"][0][0] == "a1"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("قال مصدر إن الاشتباكات اندلعت", "قالَ مصدرٌ إنّ الاشتباكات اندلعت"),  # diacritics
        ("أعلنت وزارة الداخلية", "اعلنت وزارة الداخلية"),  # alef forms
        ("في مدينة الحسكة", "في  مدينة\nالحسكه"),  # ta marbuta, whitespace
        ("قتل ٦٠ مسلحا", "قتل 60 مسلحا"),  # Arabic-Indic digits
    ],
)
def test_content_hash_ignores_spelling_variants(a: str, b: str) -> None:
    assert content_hash(a) == content_hash(b)


def test_content_hash_tells_different_texts_apart() -> None:
    assert content_hash("قتل 60 مسلحا") != content_hash("قتل 61 مسلحا")


def test_pipeline_version_names_the_release_and_the_data() -> None:
    import khabar

    release, _, data = pipeline_version().partition("+")
    assert release == khabar.__version__
    assert len(data) == 12 and int(data, 16) >= 0


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://nobody:secret@127.0.0.1:1/none",
        "sqlite:////no/such/folder/khabar.db",
        "mysql://x@localhost/db",
    ],
)
def test_unopenable_database_is_a_store_error(url: str) -> None:
    with pytest.raises(StoreError) as info:
        open_store(url)
    assert "secret" not in str(info.value)
    assert info.value.exit_code == 7


def test_same_text_stored_meanwhile_by_another_writer_is_skipped(store: Store, make_doc) -> None:
    doc = make_doc()
    store.save(doc)
    assert store.save(dataclasses.replace(doc, id="other")) == "skipped"
    assert store.article_ids() == ["a1"]


def test_a_document_with_duplicate_record_ids_is_refused_alone(store: Store, make_doc) -> None:
    from khabar.store.db import RecordConflictError

    doc = make_doc()
    bad = dataclasses.replace(doc, events=(doc.events[0], doc.events[0]))
    with pytest.raises(RecordConflictError):
        store.save(bad)
    assert store.count() == 0 and store.count("entities") == 0  # nothing half-written
    assert store.save(make_doc("a2")) == "new"


# Every field of the model records, and where the store keeps it. A new field in khabar.model must get
# a column (in a new Alembic migration) and a line here, or the store would silently drop it.
STORED_FIELDS = {
    "Document": {"text", "id", "published", "outlet", "title", "url", "headline", "layers", "tokens", "sentences",
                 "entities", "sources", "cues", "events", "times", "quantities", "meta"},
    "Cue": {"family", "start", "end", "source", "anchor", "phrases", "announcer"},
    "Entity": {"id", "text", "type", "start", "end", "subtype", "aliases", "mentions", "origin", "geo", "canonical"},
    "Geo": {"geonameid", "lat", "lon", "country_code", "admin1", "precision", "name", "feature", "inherited_from"},
    "Source": {"id", "text", "kind", "category", "start", "end", "cue", "entity", "parent"},
    "Event": {"id", "type", "trigger", "evidence", "mode", "status", "actors", "targets", "place", "date",
              "quantities", "source", "confidence"},
    "Argument": {"text", "start", "end", "entity", "geo"},
    "TimeValue": {"text", "start", "end", "value", "precision", "relative", "calendar"},
    "Quantity": {"text", "start", "end", "value", "low", "high", "approx", "of", "unit"},
    "Sentence": {"start", "end", "headline"},
}


@pytest.mark.parametrize("name", sorted(STORED_FIELDS))
def test_the_store_knows_every_model_field(name: str) -> None:
    import khabar.model as model

    fields = {f.name for f in dataclasses.fields(getattr(model, name))}
    assert fields == STORED_FIELDS[name], (
        f"khabar.model.{name} fields changed: new {sorted(fields - STORED_FIELDS[name])}, "
        f"gone {sorted(STORED_FIELDS[name] - fields)}; store them (store/rows.py + a migration)"
    )


def test_postgres_connections_send_without_delay(store: Store) -> None:
    import socket

    if store.dialect != "postgresql":
        pytest.skip("a PostgreSQL driver setting")
    with store.engine.connect() as conn:
        sock = conn.connection.dbapi_connection._usock  # type: ignore[union-attr]
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
