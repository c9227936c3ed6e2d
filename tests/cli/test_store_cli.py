"""``khabar ingest``, ``query`` and ``export`` from the command line, including kill-and-resume."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLACES = ("الحسكة", "القامشلي", "دير الزور", "الرقة", "حلب", "إدلب", "درعا", "حمص")


def synthetic_jsonl(path: Path, n: int) -> Path:
    """``n`` short, distinct Arabic articles (made up here; no shared data needed)."""
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            place = PLACES[i % len(PLACES)]
            fh.write(
                json.dumps(
                    {
                        "id": f"s{i:05d}",
                        "title": f"اشتباكات في {place} رقم {i}",
                        "content": f"قال مصدر محلي إن اشتباكات عنيفة اندلعت في {place} وأسفرت عن مقتل {i % 50 + 2} "
                        f"مسلحين في اليوم {i}.",
                        "source": "khabar-test",
                        "date_extracted": f"2015-07-{i % 28 + 1:02d}",
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    return path


def khabar(*args: str, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "khabar", *args], capture_output=True, text=True, env=env, timeout=600, **kw
    )


def start(*args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen(
        [sys.executable, "-m", "khabar", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        start_new_session=True,  # its own process group, as a shell job: Ctrl-C reaches it and its workers
    )


def children(pid: int) -> set[int]:
    """Pids of the live child processes of ``pid`` (from /proc)."""
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            out.add(int(stat.parent.name))
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # not migrated yet
        return 0


def wait_for(db: Path, n: int, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 300
    while stored(db) < n:
        assert proc.poll() is None, f"ingest ended before {n} articles were stored: {proc.communicate()[1]}"
        assert time.monotonic() < deadline, "ingest too slow to test"
        time.sleep(0.02)


def dump(db: Path) -> dict:
    from khabar.store import open_store

    with open_store(f"sqlite:///{db}") as store:
        return store.dump()


WORKERS = pytest.mark.parametrize("workers", ["1", "2"])


@WORKERS
def test_killed_ingest_resumes_to_the_same_database(tmp_path: Path, workers: str) -> None:
    n = 400
    src = synthetic_jsonl(tmp_path / "in.jsonl", n)
    whole, killed = tmp_path / "whole.db", tmp_path / "killed.db"
    assert khabar("ingest", str(src), "--db", f"sqlite:///{whole}", "--workers", "1").returncode == 0

    proc = start("ingest", str(src), "--db", f"sqlite:///{killed}", "--workers", workers)
    wait_for(killed, 40, proc)
    pool = children(proc.pid)
    assert len(pool) >= int(workers) or workers == "1"  # the worker processes (and multiprocessing's tracker)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    partial = stored(killed)
    assert 40 <= partial < n, "the kill came too late to test resuming"
    deadline = time.monotonic() + 30
    while any(alive(pid) for pid in pool):  # the orphaned workers notice and end themselves
        assert time.monotonic() < deadline, f"worker processes outlived their killed parent: {pool}"
        time.sleep(0.1)

    resumed = khabar("ingest", str(src), "--db", f"sqlite:///{killed}", "--workers", workers)
    assert resumed.returncode == 0, resumed.stderr
    assert f"({n - partial} new, 0 updated), {partial} skipped (already stored), 0 failed" in resumed.stderr
    assert dump(killed) == dump(whole)


@WORKERS
def test_ctrl_c_stops_after_the_current_article(tmp_path: Path, workers: str) -> None:
    n = 400
    src = synthetic_jsonl(tmp_path / "in.jsonl", n)
    db = tmp_path / "k.db"
    proc = start("ingest", str(src), "--db", f"sqlite:///{db}", "--workers", workers)
    wait_for(db, 30, proc)
    os.killpg(proc.pid, signal.SIGINT)  # as Ctrl-C on a terminal: the whole process group, workers too
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    partial = stored(db)
    assert partial < n
    summary = next(line for line in err.splitlines() if line.startswith("khabar: ingest:"))
    assert f"{partial} stored ({partial} new," in summary  # every reported article was committed
    assert khabar("ingest", str(src), "--db", f"sqlite:///{db}").returncode == 0
    assert stored(db) == n


@pytest.fixture(scope="module")
def filled_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("cli")
    src = synthetic_jsonl(tmp / "in.jsonl", 20)
    (tmp / "bad.jsonl").write_text('{"text": "no arabic here"}\n', encoding="utf-8")
    db = tmp / "k.db"
    res = khabar("ingest", str(src), str(tmp / "bad.jsonl"), "--db", str(db), "--outlet", "OUT")
    assert res.returncode == 9, res.stderr  # some inputs failed
    assert "21 read, 20 stored (20 new, 0 updated), 0 skipped (already stored), 1 failed" in res.stderr
    assert "khabar: failed:" in res.stderr and "Traceback" not in res.stderr
    return db


def test_query_and_export_run_on_an_ingested_database(filled_db: Path, tmp_path: Path) -> None:
    # The placeholder stages find no events yet; the commands still answer with valid, empty output.
    res = khabar("query", "--db", str(filled_db), "--json", "--outlet", "OUT")
    assert res.returncode == 0 and all(json.loads(line) for line in res.stdout.splitlines())
    assert "events" in khabar("query", "--db", str(filled_db), "--text", "الحسكة").stdout
    rows = [json.loads(x) for x in khabar("query", "--db", str(filled_db), "--json").stdout.splitlines()]
    confident = khabar("query", "--db", str(filled_db), "--json", "--min-confidence", "0.8").stdout.splitlines()
    assert len(confident) == sum(r["confidence"] >= 0.8 for r in rows)
    for fmt, name in (
        ("plover", "e.jsonl"),
        ("acled-csv", "e.csv"),
        ("geojson", "e.geojson"),
        ("parquet", "e.parquet"),
    ):
        res = khabar("export", "--db", str(filled_db), "--format", fmt, "-o", str(tmp_path / name))
        assert res.returncode == 0, res.stderr
        assert (tmp_path / name).exists()
    assert json.loads((tmp_path / "e.geojson").read_text())["type"] == "FeatureCollection"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["ingest", "/no/such/file.jsonl", "--db", "{tmp}/k.db"], 3, "no such file"),
        (["ingest", "--db", "{tmp}/k.db"], 3, "no input"),
        (["ingest", "{src}", "--db", "sqlite:////no/such/dir/k.db"], 7, "does not exist"),
        (["ingest", "{src}", "--db", "postgresql://u:pw@127.0.0.1:1/x"], 7, "cannot open database"),
        (["query", "--db", "{tmp}/none.db"], 7, "no database at"),
        (["export", "--db", "{tmp}/none.db", "-f", "plover", "-o", "{tmp}/x"], 7, "no database at"),
        (["query", "--db", "{tmp}/k.db", "--since", "yesterday"], 3, "not a date"),
        (["query", "--db", "{tmp}/k.db", "--source-kind", "rumour"], 3, "source kind"),
        (["export", "--db", "{tmp}/k.db", "-f", "geojson", "-o", "/no/such/dir/x.geojson"], 3, "no such directory"),
        (["export", "--db", "{tmp}/k.db", "-f", "shapefile", "-o", "{tmp}/x"], 2, ""),
    ],
)
def test_errors_are_one_line_with_their_exit_code(tmp_path: Path, args: list[str], code: int, message: str) -> None:
    src = synthetic_jsonl(tmp_path / "in.jsonl", 1)
    res = khabar(*(a.format(tmp=tmp_path, src=src) for a in args))
    assert res.returncode == code, res.stderr
    assert message in res.stderr and "Traceback" not in res.stderr
    assert "pw@" not in res.stderr


def test_reprocess_from_the_command_line(tmp_path: Path) -> None:
    src = synthetic_jsonl(tmp_path / "in.jsonl", 5)
    db = tmp_path / "k.db"
    assert khabar("ingest", str(src), "--db", str(db)).returncode == 0
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE articles SET pipeline_version = '0.0.1+old' WHERE id IN ('s00000', 's00001')")
    again = khabar("ingest", str(src), "--db", str(db), "--reprocess")
    assert "(0 new, 2 updated), 3 skipped" in again.stderr
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE articles SET pipeline_version = '0.0.1+old' WHERE id = 's00004'")
    stored_only = khabar("ingest", "--db", str(db), "--reprocess")
    assert stored_only.returncode == 0 and "(0 new, 1 updated), 0 skipped" in stored_only.stderr
