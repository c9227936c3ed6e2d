"""``khabar.parallel``: worker processes keep the input order, fail one job alone, and report a dead worker."""

from __future__ import annotations

import os
import time

import pytest

from khabar.errors import KhabarError
from khabar.model import Document
from khabar.parallel import InOrder, JobFailed, WorkerDiedError, WorkerPool, default_workers, pipeline, set_pipeline


def _slow_echo(x: int) -> tuple[int, int]:
    time.sleep(0.05 if x % 3 == 0 else 0.0)  # early jobs finish late: the order must still be kept
    return x, os.getpid()


def _fails_on_odd(x: int) -> int:
    if x % 2:
        raise ValueError(f"odd {x}")
    return x


def _dies_on_three(x: int) -> int:
    if x == 3:
        os._exit(1)  # as the kernel's OOM killer would end a worker
    time.sleep(0.2)
    return x


def _stages_of_worker(_: object) -> list[str]:
    return [s.name for s in pipeline().stages]


def _run(pool: WorkerPool | None, job, items, keys=None) -> list:
    runner: InOrder = InOrder(pool)
    out = []
    for i, x in enumerate(items):
        runner.put(keys[i] if keys else x, job, x)
        out.extend(runner.ready())
    out.extend(runner.drain())
    return out


def test_default_workers_is_the_cores_we_may_use() -> None:
    assert 1 <= default_workers() <= (os.cpu_count() or 1)


def test_results_come_in_input_order_from_several_processes() -> None:
    with WorkerPool(2) as pool:
        out = _run(pool, _slow_echo, list(range(30)))
    assert [k for k, _ in out] == list(range(30))
    assert [r[0] for _, r in out] == list(range(30))
    pids = {r[1] for _, r in out}
    assert os.getpid() not in pids and 1 <= len(pids) <= 2


def test_in_process_runs_the_same_jobs_here() -> None:
    out = _run(None, _slow_echo, list(range(5)))
    assert [r for _, r in out] == [(i, os.getpid()) for i in range(5)]


@pytest.mark.parametrize("workers", [None, 2])
def test_a_failing_job_fails_alone(workers: int | None) -> None:
    pool = WorkerPool(workers) if workers else None
    try:
        out = _run(pool, _fails_on_odd, list(range(6)))
    finally:
        if pool is not None:
            pool.close()
    assert [r for _, r in out] == [0, JobFailed("ValueError: odd 1"), 2, JobFailed("ValueError: odd 3"), 4,
                                   JobFailed("ValueError: odd 5")]


def test_a_key_without_a_job_keeps_its_place() -> None:
    with WorkerPool(2) as pool:
        runner: InOrder = InOrder(pool)
        runner.put("a", _slow_echo, 0)
        runner.put("here")
        runner.put("b", _slow_echo, 1)
        out = list(runner.ready()) + list(runner.drain())
    assert [k for k, _ in out] == ["a", "here", "b"] and out[1][1] is None


def test_a_dead_worker_is_a_clear_error_after_the_finished_results() -> None:
    got = []
    with WorkerPool(2) as pool, pytest.raises(WorkerDiedError, match=r"a worker process died.*rerun to resume"):
        runner: InOrder = InOrder(pool, window=8)
        for x in range(8):
            runner.put(x, _dies_on_three, x)
        for _, r in runner.drain():
            got.append(r)
    assert got[:2] == [0, 1] and got == sorted(got) and 3 not in got and isinstance(WorkerDiedError("x"), KhabarError)


def test_each_worker_builds_the_pipeline_it_was_given() -> None:
    with WorkerPool(2, stages=("tokens", "sentences")) as pool:
        out = _run(pool, _stages_of_worker, [0, 1, 2])
    assert [r for _, r in out] == [["tokens", "sentences"]] * 3


def test_a_bad_pipeline_is_raised_by_the_job_not_lost() -> None:
    set_pipeline(("tokens", "no-such-stage"))
    try:
        with pytest.raises(KhabarError, match="no-such-stage"):
            pipeline()
    finally:
        set_pipeline(("tokens", "sentences", "entities", "geocode", "times", "quantities", "sources", "events"))
    assert isinstance(pipeline()(Document(text="قال مصدر إن هجوما وقع في الحسكة.")), Document)
