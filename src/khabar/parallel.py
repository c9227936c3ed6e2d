"""All cores of one machine: a pool of worker processes, each building the pipeline once, results in input order.

The parent reads the input and is the only writer (of the output file, of the store); workers only run the
pipeline. A worker ignores Ctrl-C (the parent decides when to stop and drains what is in flight) and exits by
itself when its parent dies (``kill -9``), so no orphan keeps running.

    with WorkerPool(2) as pool:
        runner = InOrder(pool)
        for article in articles:
            runner.put(key, job, article)      # job: a module-level function (picklable), run in a worker
            for key, result in runner.ready():  # finished results, in the order they were put
                ...
        for key, result in runner.drain():
            ...

``pool=None`` runs every job in this process at once (``--workers 1``), through the same code.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from khabar.errors import KhabarError
from khabar.pipeline import DEFAULT_STAGES, Pipeline, Stage

K = TypeVar("K")

_state: dict[str, Any] = {}


def default_workers() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


class WorkerDiedError(KhabarError):
    """A worker process ended abnormally (killed, out of memory); what the parent stored before is kept."""


@dataclass(frozen=True, slots=True)
class JobFailed:
    """An unexpected exception inside a job (a bug), as ``Type: message``: the job's input fails alone."""

    message: str


def _watch_parent(parent: int) -> None:
    def watch() -> None:
        while True:
            if os.getppid() != parent:  # the parent died (kill -9): nothing will read our results
                os._exit(0)
            time.sleep(0.5)

    threading.Thread(target=watch, name="khabar-parent-watch", daemon=True).start()


def _init_worker(stages: Sequence[str | Stage], params: Mapping[str, Mapping[str, Any]] | None, parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and drains the jobs in flight
    _watch_parent(parent)
    set_pipeline(stages, params)


def set_pipeline(stages: Sequence[str | Stage], params: Mapping[str, Mapping[str, Any]] | None = None) -> None:
    """Build this process's pipeline (once per worker); an error is kept and raised by ``pipeline()``."""
    try:
        _state["pipeline"] = Pipeline(stages, params)
        _state.pop("error", None)
    except KhabarError as exc:
        _state["error"] = exc


def pipeline() -> Pipeline:
    """The pipeline of this process, built by the pool's initializer (or ``set_pipeline``)."""
    if "error" in _state:
        raise _state["error"]
    if "pipeline" not in _state:
        set_pipeline(DEFAULT_STAGES)
    built: Pipeline = _state["pipeline"]
    return built


def _guarded(job: Callable[[Any], Any], arg: Any) -> Any:
    try:
        return job(arg)
    except Exception as exc:  # a bug in a job must fail its input only, and must cross the process boundary
        return JobFailed(f"{type(exc).__name__}: {exc}")


class WorkerPool:
    """``workers`` processes (spawned, so the same on every OS), each with its own pipeline of ``stages``."""

    def __init__(
        self,
        workers: int,
        stages: Sequence[str | Stage] = DEFAULT_STAGES,
        params: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> None:
        self.workers = workers
        ctx = multiprocessing.get_context("spawn")
        self._executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=ctx,
            initializer=_init_worker,
            initargs=(tuple(stages), dict(params or {}), os.getpid()),
        )

    def submit(self, job: Callable[[Any], Any], arg: Any) -> Future[Any]:
        return self._executor.submit(_guarded, job, arg)

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class InOrder(Generic[K]):
    """Jobs put in order, results taken in the same order; at most ``window`` jobs in flight.

    A key put without a job is passed through in its place (``result`` None): work the parent does itself
    at its turn.
    """

    def __init__(self, pool: WorkerPool | None, window: int | None = None) -> None:
        self.pool = pool
        self.window = window or (4 * pool.workers if pool is not None else 1)
        self._queue: deque[tuple[K, Future[Any] | None, Any]] = deque()

    def __len__(self) -> int:
        return len(self._queue)

    def put(self, key: K, job: Callable[[Any], Any] | None = None, arg: Any = None) -> None:
        if job is None:
            self._queue.append((key, None, None))
        elif self.pool is None:
            self._queue.append((key, None, _guarded(job, arg)))
        else:
            self._queue.append((key, self.pool.submit(job, arg), None))

    def _pop(self) -> tuple[K, Any]:
        key, future, value = self._queue.popleft()
        if future is None:
            return key, value
        try:
            return key, future.result()
        except BrokenProcessPool as exc:
            self._queue.clear()
            raise WorkerDiedError(f"a worker process died ({exc}); finished work was kept, rerun to resume") from None

    def ready(self) -> Iterator[tuple[K, Any]]:
        """The finished results at the head of the queue, and more (waiting) while the window is full."""
        while self._queue:
            _, future, _ = self._queue[0]
            if len(self._queue) < self.window and future is not None and not future.done():
                return
            yield self._pop()

    def drain(self) -> Iterator[tuple[K, Any]]:
        """Every remaining result, in order (waiting for each)."""
        while self._queue:
            yield self._pop()
