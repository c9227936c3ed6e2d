"""``khabar.dask`` on a real ``distributed.LocalCluster`` (2 worker processes) against the real PostgreSQL
(``.ci/postgres.sh``): records as ``khabar.extract`` makes them, idempotent stores and Parquet files, and a
worker killed mid-run losing and doubling nothing."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("distributed")

import khabar
from khabar.ingest.run import Ingestor
from khabar.store import open_store

PG_URL = os.environ.get("KHABAR_TEST_PG_URL", "postgresql://khabar:khabar@localhost:5432/khabar_test")
PLACES = ("الحسكة", "القامشلي", "دير الزور", "الرقة", "حلب", "إدلب", "درعا", "حمص")


def synthetic(path: Path, n: int, start: int = 0) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(start, start + n):
            place = PLACES[i % len(PLACES)]
            fh.write(json.dumps({
                "id": f"d{i:04d}", "title": f"اشتباكات في {place} رقم {i}",
                "content": f"قال مصدر محلي إن اشتباكات عنيفة اندلعت في {place} وأسفرت عن مقتل {i % 40 + 2} مسلحين.",
                "source": "khabar-test", "date_extracted": f"2015-07-{i % 28 + 1:02d}",
            }, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                           silence_logs=40)
    c = Client(cluster)
    try:
        yield c
    finally:
        c.close()
        cluster.close()


_N = iter(range(1000))


@pytest.fixture
def pg_db() -> Iterator[str]:
    """A fresh PostgreSQL database of its own (skipped when no server is reachable)."""
    import sqlalchemy as sa

    from khabar.store.url import engine_url

    base = PG_URL.rpartition("/")[0]
    name = f"khabar_dask_{os.getpid()}_{next(_N)}_test"  # a new name: workers keep their stores open
    try:
        engine = sa.create_engine(engine_url(PG_URL), isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # no server, or no CREATEDB privilege
        pytest.skip(f"PostgreSQL not usable for the Dask tests ({type(exc).__name__}); run .ci/postgres.sh")
    try:
        yield f"{base}/{name}"
    finally:
        with engine.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


def _serial_dump(src: Path, tmp_path: Path) -> dict:
    with open_store(f"sqlite:///{tmp_path / 'serial.db'}") as store:
        Ingestor(store).ingest([str(src)])
        return store.dump()


def test_records_are_what_extract_makes_in_the_same_order(client: object, tmp_path: Path) -> None:
    import khabar.dask as kd

    src = synthetic(tmp_path / "in.jsonl", 7)
    (tmp_path / "bad.jsonl").write_text('{"text": "no Arabic here"}\n', encoding="utf-8")
    bag = kd.article_bag([str(src), str(tmp_path / "bad.jsonl")], partition_size=3)
    assert bag.npartitions == 3
    got = bag.map(lambda item: item[0]).compute(), kd.records(bag).compute()
    rows = [json.loads(line) for line in src.read_text(encoding="utf-8").splitlines()]
    want = [khabar.extract(r["content"], title=r["title"], id=r["id"], outlet=r["source"],
                           published=r["date_extracted"]).to_dict() for r in rows]
    assert got[1][:7] == want
    assert "not Arabic" in got[1][7]["error"] and got[0][7] == f"{tmp_path / 'bad.jsonl'}:1"


def test_ingest_into_postgres_is_idempotent_and_equals_one_process(
    client: object, pg_db: str, tmp_path: Path
) -> None:
    import khabar.dask as kd

    src = synthetic(tmp_path / "in.jsonl", 30)
    stats = kd.ingest(client, [str(src)], pg_db, partition_size=4)
    assert (stats.new, stats.skipped, stats.failed) == (30, 0, 0)
    again = kd.ingest(client, [str(src)], pg_db, partition_size=7)  # a rerun, other partitions: nothing new
    assert (again.new, again.skipped) == (0, 30)
    with open_store(pg_db) as store:
        assert store.dump() == _serial_dump(src, tmp_path)


def test_a_worker_killed_mid_run_loses_and_doubles_nothing(client: object, pg_db: str, tmp_path: Path) -> None:
    import khabar.dask as kd

    n = 60
    src = synthetic(tmp_path / "in.jsonl", n)
    killed: list[int] = []

    def kill_one(total: object) -> None:
        if not killed:  # after the first finished partition: the others are queued or running
            pids = client.run(os.getpid)  # type: ignore[attr-defined]
            killed.append(next(iter(pids.values())))
            os.kill(killed[0], signal.SIGKILL)

    stats = kd.ingest(client, [str(src)], pg_db, partition_size=3, on_partition=kill_one)
    assert killed
    assert stats.failed == 0 and stats.new + stats.skipped >= n  # a retried partition skips what it stored
    with open_store(pg_db) as store:
        assert store.count() == n
        assert store.dump() == _serial_dump(src, tmp_path)  # nothing lost, nothing doubled, nothing changed


def test_parquet_dataset_one_file_per_partition_rewritten_whole(client: object, tmp_path: Path) -> None:
    import pyarrow.dataset as ds

    import khabar.dask as kd

    src = synthetic(tmp_path / "in.jsonl", 10)
    bag = kd.article_bag([str(src)], partition_size=4)
    out = tmp_path / "events"
    paths = kd.write_parquet(bag, out)
    assert [Path(p).name for p in paths] == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]
    first = ds.dataset(out, format="parquet").to_table().to_pylist()
    n_events = sum(len(khabar.extract(json.loads(x)["content"], title=json.loads(x)["title"]).events)
                   for x in src.read_text(encoding="utf-8").splitlines())
    assert len(first) == n_events > 0
    kd.write_parquet(bag, out)  # a rerun (as a retried task does) replaces each file: nothing doubled
    assert sorted(os.listdir(out)) == [Path(p).name for p in paths]
    assert ds.dataset(out, format="parquet").to_table().to_pylist() == first


def test_khabar_ingest_dask_from_the_command_line(client: object, pg_db: str, tmp_path: Path) -> None:
    import subprocess
    import sys

    src = synthetic(tmp_path / "in.jsonl", 8, start=100)
    (tmp_path / "bad.jsonl").write_text('{"text": "no Arabic here"}\n', encoding="utf-8")
    address = client.scheduler.address  # type: ignore[attr-defined]
    cmd = [sys.executable, "-m", "khabar", "ingest", str(src), str(tmp_path / "bad.jsonl"), "--db", pg_db,
           "--dask", address]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    res = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    assert res.returncode == 9, res.stderr  # some inputs failed: the bad line, reported, the rest stored
    assert "8 stored (8 new, 0 updated)" in res.stderr and "1 failed" in res.stderr and "Traceback" not in res.stderr
    assert "khabar: failed:" in res.stderr and "bad.jsonl:1" in res.stderr
    res = subprocess.run([*cmd[:-1], "tcp://127.0.0.1:1"], capture_output=True, text=True, env=env, timeout=600)
    assert res.returncode == 1 and "cannot reach the Dask scheduler" in res.stderr and "Traceback" not in res.stderr
