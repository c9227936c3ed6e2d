"""The storage suite: round trip of every field, replace semantics, schema and migrations, errors."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import sqlalchemy as sa

from khabar.errors import PipelineError, StoreError
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


def test_corroboration_data_is_not_part_of_the_pipeline_version() -> None:
    from importlib.resources import files

    from khabar.store.version import NOT_EXTRACTION

    data = files("khabar.lexicon").joinpath("data")
    assert all(data.joinpath(name).is_file() for name in NOT_EXTRACTION)  # names of real files
    # extraction never reads them: only khabar.corroborate names them
    src = Path(__file__).resolve().parents[2] / "src" / "khabar"
    for path in src.rglob("*.py"):
        if "corroborate" in path.parts or path.name == "version.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert not any(name in text for name in NOT_EXTRACTION), path


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
              "quantities", "source", "confidence", "counts"},
    "Argument": {"text", "start", "end", "entity", "geo"},
    "TimeValue": {"text", "start", "end", "value", "precision", "relative", "calendar"},
    "Quantity": {"text", "start", "end", "value", "low", "high", "approx", "of", "unit", "period"},
    "Count": {"kind", "text", "start", "end", "value", "low", "high", "approx", "of", "unit", "source", "part"},
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


def test_an_article_stored_before_the_cues_layer_still_loads(tmp_path) -> None:
    """A database made at migration 0001, whose sources stage packed cue positions into meta, is upgraded
    on open; the article loads without a cues layer, the old meta key is gone, user meta is kept."""
    import json
    from importlib.resources import as_file, files

    import sqlalchemy as sa
    from alembic import command
    from alembic.config import Config

    from khabar.pipeline import Pipeline

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = sa.create_engine(url)
    with as_file(files("khabar.store").joinpath("migrations")) as location, engine.begin() as conn:
        cfg = Config()
        cfg.set_main_option("script_location", str(location))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        old_meta = [["khabar.attribution", json.dumps({"m": [], "b": [], "c": [], "s": [], "a": []})], ["mine", "1"]]
        conn.execute(sa.text(
            "INSERT INTO articles (id, content_hash, text, sentences, layers, meta, pipeline_version, ingested_at,"
            " updated_at) VALUES ('old', 'h', :text, '[[0, 24, false]]', :layers, :meta, '0.0.9+x',"
            " '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        ), {"text": "قالت مصادر محلية إن القصف", "meta": json.dumps(old_meta),
            "layers": json.dumps(["entities", "sentences", "sources", "text"])})
    engine.dispose()
    with open_store(url) as store:
        doc = store.load_document("old")
    assert "cues" not in doc.layers and doc.cues == ()
    assert doc.meta == (("mine", "1"),)
    with pytest.raises(PipelineError, match=r"'events' requires \['cues'"):  # the sources stage must run again
        Pipeline(["tokens", "sentences", "entities", "geocode", "times", "quantities", "events"])
    redone = Pipeline()(doc)
    assert "cues" in redone.layers and [s.text for s in redone.sources] == ["مصادر محلية"]


def test_an_article_stored_before_event_counts_still_loads(tmp_path) -> None:
    """A database made at migration 0002 (no event_counts table, no period column) is upgraded on open: its
    events load with no counts, its quantities with no period; a new article stores and loads its counts."""
    import json
    from importlib.resources import as_file, files

    import sqlalchemy as sa
    from alembic import command
    from alembic.config import Config

    from khabar import extract

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = sa.create_engine(url)
    text = "قتل 12 شخصا في قصف على حلب."
    with as_file(files("khabar.store").joinpath("migrations")) as location, engine.begin() as conn:
        cfg = Config()
        cfg.set_main_option("script_location", str(location))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
        conn.execute(sa.text(
            "INSERT INTO articles (id, content_hash, text, sentences, layers, meta, pipeline_version, ingested_at,"
            " updated_at) VALUES ('old', 'h', :text, '[[0, 28, false]]', :layers, '[]', '0.0.9+x',"
            " '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        ), {"text": text, "layers": json.dumps(["events", "quantities", "sentences", "text"])})
        conn.execute(sa.text(
            "INSERT INTO events (article_id, id, seq, type, status, evidence_start, evidence_end, confidence,"
            " pipeline_version) VALUES ('old', 'ev1', 0, 'ASSAULT', 'asserted', 0, 28, 0.9, '0.0.9+x')"))
        conn.execute(sa.text(
            "INSERT INTO event_arguments (article_id, event_id, role, ordinal, text, norm, start, \"end\")"
            " VALUES ('old', 'ev1', 'trigger', 0, 'قتل', 'قتل', 0, 3)"))
        conn.execute(sa.text(
            "INSERT INTO quantities (article_id, ordinal, text, start, \"end\", value, approx, pipeline_version)"
            " VALUES ('old', 0, '12', 4, 6, 12, 0, '0.0.9+x')"))
    engine.dispose()
    with open_store(url) as store:
        doc = store.load_document("old")
        assert doc.events[0].counts == () and doc.quantities[0].period is None
        fresh = extract(text, id="new")
        store.save(fresh)
        again = store.load_document("new")
    assert again.events[0].counts == fresh.events[0].counts
    assert [(c.kind, c.value) for c in again.events[0].counts] == [("killed", 12)]
