"""Writers and readers at once, with real processes: two ``khabar ingest`` into one database (disjoint and
overlapping inputs) and ``khabar query`` while one writes, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from khabar.store import open_store

ROOT = Path(__file__).resolve().parents[2]
PLACES = ("الحسكة", "القامشلي", "دير الزور", "الرقة", "حلب", "إدلب", "درعا", "حمص")


def articles(path: Path, ids: range, *, tag: str = "") -> Path:
    """Short, distinct Arabic articles with ids ``s<i>`` (made up here; no shared data needed)."""
    with path.open("w", encoding="utf-8") as fh:
        for i in ids:
            place = PLACES[i % len(PLACES)]
            obj = {
                "id": f"s{i:05d}",
                "title": f"اشتباكات في {place} رقم {i}",
                "content": f"قال مصدر محلي إن اشتباكات عنيفة اندلعت في {place} وأسفرت عن مقتل {i % 50 + 2} "
                f"مسلحين في اليوم {i}{tag}.",
                "source": "khabar-test",
                "date_extracted": f"2015-07-{i % 28 + 1:02d}",
            }
            fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
    return path


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "khabar", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env()
    )


def finish(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=600)
    return proc.returncode, out, err


def summary(err: str) -> dict[str, int]:
    m = re.search(r"\((\d+) new, (\d+) updated\), (\d+) skipped \(already stored\), (\d+) failed", err)
    assert m, err
    return dict(zip(("new", "updated", "skipped", "failed"), map(int, m.groups()), strict=True))


def check_database(url: str, n_articles: int) -> None:
    """Every article once, its full-text row once, and (SQLite) ``PRAGMA integrity_check`` ok."""
    with open_store(url) as store:
        assert store.count("articles") == n_articles
        with store.connect() as conn:
            import sqlalchemy as sa

            fts = conn.execute(sa.text("SELECT count(*), count(DISTINCT article_id) FROM article_fts")).one()
            events = conn.execute(sa.text("SELECT count(*), count(DISTINCT article_id || '/' || id) FROM events")).one()
    assert fts == (n_articles, n_articles)  # nothing doubled in the index
    assert events[0] == events[1] and events[0] >= n_articles  # one event (at least) per article, none twice
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url[len("sqlite:///") :]) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_two_writers_disjoint_inputs(db_url: str, tmp_path: Path) -> None:
    a = articles(tmp_path / "a.jsonl", range(0, 40))
    b = articles(tmp_path / "b.jsonl", range(1000, 1040))
    procs = [start("ingest", str(p), "--db", db_url) for p in (a, b)]  # both create and migrate the database
    results = [finish(p) for p in procs]
    for rc, _, err in results:
        assert rc == 0, err
        assert "Traceback" not in err
        assert summary(err) == {"new": 40, "updated": 0, "skipped": 0, "failed": 0}
    check_database(db_url, 80)


def test_two_writers_same_input(db_url: str, tmp_path: Path) -> None:
    a = articles(tmp_path / "a.jsonl", range(0, 50))
    procs = [start("ingest", str(a), "--db", db_url) for _ in range(2)]
    results = [finish(p) for p in procs]
    got = [summary(err) for _, _, err in results]
    for rc, _, err in results:
        assert rc == 0, err
        assert "Traceback" not in err
    # Each article is stored by exactly one of them; the other finds it stored (or stored meanwhile).
    assert sum(g["new"] for g in got) == 50
    assert all(g["failed"] == 0 and g["updated"] == 0 for g in got), got
    assert sum(g["skipped"] for g in got) == 50
    check_database(db_url, 50)


def test_overlapping_inputs(db_url: str, tmp_path: Path) -> None:
    a = articles(tmp_path / "a.jsonl", range(0, 40))
    b = articles(tmp_path / "b.jsonl", range(20, 60))  # 20 articles in both
    procs = [start("ingest", str(p), "--db", db_url) for p in (a, b)]
    got = []
    for p in procs:
        rc, _, err = finish(p)
        assert rc == 0, err
        got.append(summary(err))
    assert sum(g["new"] for g in got) == 60 and sum(g["failed"] for g in got) == 0, got
    check_database(db_url, 60)


def test_query_while_writing(db_url: str, tmp_path: Path) -> None:
    first = articles(tmp_path / "first.jsonl", range(0, 5))
    rc, _, err = finish(start("ingest", str(first), "--db", db_url))
    assert rc == 0, err
    more = articles(tmp_path / "more.jsonl", range(100, 260))
    writer = start("ingest", str(more), "--db", db_url)
    queries = 0
    seen: list[int] = []
    deadline = time.monotonic() + 300
    while writer.poll() is None and time.monotonic() < deadline:
        q = subprocess.run(
            [sys.executable, "-m", "khabar", "query", "--db", db_url, "--json", "--limit", "0"],
            capture_output=True,
            text=True,
            env=_env(),
            timeout=120,
        )
        assert q.returncode == 0, q.stderr  # a reader is never refused nor sees a broken database
        assert "Traceback" not in q.stderr
        seen.append(sum(1 for line in q.stdout.splitlines() if line.strip()))
        queries += 1
    rc, _, err = finish(writer)
    assert rc == 0, err
    assert queries >= 1
    assert seen == sorted(seen)  # each query sees committed articles only, never fewer than before
    check_database(db_url, 165)
