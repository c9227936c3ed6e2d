"""Ingest into both backends: new, skipped duplicates, updates, reprocessing, bad items, the real pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa

from khabar.ingest.run import Ingestor
from khabar.store import Store, schema

ARTICLES = [
    {"id": "n1", "title": "اشتباكات في الحسكة", "content": "قال مصدر محلي إن اشتباكات عنيفة اندلعت أمس في الحسكة.",
     "source": "aawsat", "date_extracted": "2015-07-01 10:00:00", "url": "https://example.org/1"},
    {"id": "n2", "title": "خلية في الرياض", "content": "أعلنت وزارة الداخلية القبض على خلية إرهابية في الرياض.",
     "source": "spa", "date_extracted": "2015-07-02"},
    {"id": "n3", "content": "this line is not Arabic at all, so it fails"},
]


def write_jsonl(path: Path, rows: list[dict], extra: str = "") -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n" + extra, encoding="utf-8")
    return path


def test_ingest_counts_and_stores_metadata(store: Store, tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", ARTICLES, "{broken\n")
    stats = Ingestor(store).ingest([str(src)])
    assert (stats.new, stats.updated, stats.skipped, stats.failed) == (2, 0, 0, 2)
    assert any("n3" in e for e in stats.errors) and any("invalid JSON" in e for e in stats.errors)
    doc = store.load_document("n1")
    assert (doc.outlet, doc.published.isoformat(), doc.url, doc.title) == (  # type: ignore[union-attr]
        "aawsat", "2015-07-01", "https://example.org/1", "اشتباكات في الحسكة")
    assert doc.text.startswith("اشتباكات في الحسكة\n\n")
    assert "sentences" in doc.layers and doc.sentences  # the real pipeline ran
    with store.connect() as conn:
        origin = conn.execute(sa.select(schema.articles.c.origin).where(schema.articles.c.id == "n1")).scalar()
    assert origin == f"{src}:1"


def test_reingest_changes_nothing(store: Store, tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", ARTICLES[:2])
    Ingestor(store).ingest([str(src)])
    before = store.dump()
    stats = Ingestor(store).ingest([str(src)])
    assert (stats.new, stats.updated, stats.skipped) == (0, 0, 2)
    assert store.dump() == before


def test_same_text_under_another_id_is_a_duplicate(store: Store, tmp_path: Path) -> None:
    copy = dict(ARTICLES[0], id="copy-of-n1", source="another outlet")
    # Diacritics and a different alef do not make a new article.
    copy["content"] = copy["content"].replace("قال", "قالَ").replace("إن", "ان")
    src = write_jsonl(tmp_path / "in.jsonl", [ARTICLES[0], copy])
    stats = Ingestor(store).ingest([str(src)])
    assert (stats.new, stats.skipped) == (1, 1)
    assert store.article_ids() == ["n1"]


def test_changed_text_under_the_same_id_is_an_update(store: Store, tmp_path: Path) -> None:
    Ingestor(store).ingest([str(write_jsonl(tmp_path / "a.jsonl", ARTICLES[:1]))])
    changed = dict(ARTICLES[0], content="قال مصدر محلي إن اشتباكات عنيفة اندلعت اليوم في القامشلي.")
    stats = Ingestor(store).ingest([str(write_jsonl(tmp_path / "b.jsonl", [changed]))])
    assert (stats.new, stats.updated) == (0, 1)
    assert "القامشلي" in store.load_document("n1").text
    assert store.count() == 1


def _age(store: Store, version: str = "0.0.1+old") -> None:
    with store.engine.begin() as conn:
        conn.execute(schema.articles.update().values(pipeline_version=version))


def test_reprocess_reextracts_only_older_versions(store: Store, tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", ARTICLES[:2])
    Ingestor(store).ingest([str(src)])
    current = store.dump()
    _age(store)
    assert Ingestor(store).ingest([str(src)]).skipped == 2  # without --reprocess: left alone
    stats = Ingestor(store, reprocess=True).ingest([str(src)])
    assert (stats.updated, stats.skipped) == (2, 0)
    assert store.dump() == current
    assert Ingestor(store, reprocess=True).ingest([str(src)]).skipped == 2  # now up to date


def test_reprocess_from_the_stored_text(store: Store, tmp_path: Path) -> None:
    Ingestor(store).ingest([str(write_jsonl(tmp_path / "in.jsonl", ARTICLES[:2]))])
    current = store.dump()
    _age(store)
    stats = Ingestor(store, reprocess=True).reprocess_stored()
    assert stats.updated == 2
    assert store.dump() == current  # origin kept, records rebuilt, version current
    assert Ingestor(store, reprocess=True).reprocess_stored().updated == 0


def test_a_failing_stage_fails_one_article_only(store: Store, tmp_path: Path) -> None:
    from khabar.pipeline import Stage

    def explode(doc):  # type: ignore[no-untyped-def]
        if "الرياض" in doc.text:
            raise RuntimeError("boom")
        return doc

    ing = Ingestor(store, stages=("tokens", "sentences", Stage("explode", explode)))
    stats = ing.ingest([str(write_jsonl(tmp_path / "in.jsonl", ARTICLES[:2]))])
    assert (stats.new, stats.failed) == (1, 1)
    assert "RuntimeError: boom" in stats.errors[0]


def test_stop_flag_stops_between_articles(store: Store, tmp_path: Path) -> None:
    seen: list[str] = []
    ing = Ingestor(store, report=lambda origin, outcome, err: seen.append(outcome),
                   should_stop=lambda: len(seen) >= 1)
    stats = ing.ingest([str(write_jsonl(tmp_path / "in.jsonl", ARTICLES[:2]))])
    assert stats.interrupted and stats.new == 1 and store.count() == 1


def test_a_document_the_store_refuses_fails_alone(store: Store, tmp_path: Path) -> None:
    from khabar.model import Argument, Event, Span
    from khabar.pipeline import Stage

    def twins(doc):  # type: ignore[no-untyped-def]
        if "الرياض" not in doc.text:
            return doc.with_layers(events=())
        ev = Event(id="e1", type="PROTEST", trigger=Argument("x", 0, 1), evidence=Span(0, 1))
        return doc.with_layers(events=(ev, ev))  # two events with one id

    twins_stage = Stage("twins", twins, provides=("events",))
    ing = Ingestor(store, stages=("tokens", "sentences", twins_stage))
    stats = ing.ingest([str(write_jsonl(tmp_path / "in.jsonl", ARTICLES[:2]))])
    assert (stats.new, stats.failed) == (1, 1)
    assert store.article_ids() == ["n1"]


def test_workers_store_what_one_process_stores(store: Store, tmp_path: Path) -> None:
    copy = dict(ARTICLES[0], id="copy-of-n1", source="another outlet")  # the same text, while n1 is in flight
    src = write_jsonl(tmp_path / "in.jsonl", [ARTICLES[0], copy, *ARTICLES[1:]], "{broken\n")
    with Ingestor(store, workers=2) as ing:
        stats = ing.ingest([str(src)])
    assert (stats.new, stats.updated, stats.skipped, stats.failed) == (2, 0, 1, 2)
    assert store.article_ids() == ["n1", "n2"]
    parallel = store.dump()
    _age(store)
    assert Ingestor(store, reprocess=True).reprocess_stored().updated == 2  # in this process
    assert store.dump() == parallel
    _age(store)
    with Ingestor(store, reprocess=True, workers=2) as ing:
        assert ing.reprocess_stored().updated == 2
    assert store.dump() == parallel


def test_workers_stop_and_store_what_is_in_flight(store: Store, tmp_path: Path) -> None:
    rows = [dict(ARTICLES[i % 2], id=f"a{i}", content=f"{ARTICLES[i % 2]['content']} رقم {i}") for i in range(12)]
    seen: list[str] = []
    with Ingestor(store, workers=2, report=lambda origin, outcome, err: seen.append(outcome),
                  should_stop=lambda: len(seen) >= 1) as ing:
        stats = ing.ingest([str(write_jsonl(tmp_path / "in.jsonl", rows))])
    assert stats.interrupted and 1 <= stats.new < 12
    assert store.count() == stats.new == len(seen)  # every reported article stored, nothing stored unreported
