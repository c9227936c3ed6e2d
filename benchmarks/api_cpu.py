"""CPU time per request of the HTTP API, per kind of request, in one process: a figure the machine's load hardly moves.

    python benchmarks/api_cpu.py [--db URL] [--requests 600] [--seed 7]

Builds the app (``khabar.api.create_app``) over ``--db`` (default ``build/bench/api_load.db``, as
``benchmarks/api_load.py`` fills it) and sends it the requests of ``api_load.py``'s read phase (the same mix for
the same database and seed: ``GET /events?limit=100`` with no filter, with one or two filters, next pages,
GeoJSON, ``GET /stats``), one at a time through httpx's ASGI transport, with the endpoints' worker threads run
inline, so that ``time.process_time`` around each request counts all of its CPU: the endpoint, FastAPI, the
database driver and the client's own share (a few tenths of a millisecond). No HTTP server and no socket: uvicorn's
own cost is not in it (``api_load.py`` measures the server process whole). Caches start empty, as in a new server.

Prints the exact command, then per kind the count, mean, median and maximum CPU milliseconds, and the mean over
all requests.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shlex
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))


async def _inline(func: Any, *args: Any, **_kw: Any) -> Any:
    return func(*args)


async def run(db: str, n: int, seed: int) -> int:
    import anyio.to_thread

    anyio.to_thread.run_sync = _inline  # type: ignore[assignment]  # the endpoint's thread, inline: all CPU counted

    import httpx2 as httpx
    from api_load import Mix

    from khabar.api import create_app

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(db, create=False)),
                                 base_url="http://bench") as client:
        sample: dict[str, Any] = (await client.get("/events?limit=1000&count=false")).json()
        first: dict[str, Any] = (await client.get("/events?limit=100&count=false")).json()
    # A second app for the measurement: empty caches, as a new server has.
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(db, create=False)),
                                 base_url="http://bench") as client:

        class _Server:
            def get_json(self, path: str) -> dict[str, Any]:
                return sample if "limit=1000" in path else first

        mix = Mix(_Server(), [], seed)  # type: ignore[arg-type]
        warm = [mix.read() for _ in range(20)]
        requests = [mix.read() for _ in range(n)]
        for _kind, _method, path, _body in warm:
            await client.get(path)
        cpu: dict[str, list[float]] = defaultdict(list)
        for kind, _method, path, _body in requests:
            t0 = time.process_time()
            r = await client.get(path)
            cpu[kind].append((time.process_time() - t0) * 1000)
            if r.status_code != 200:
                print(f"error: {path} gave {r.status_code}: {r.text[:200]}")
                return 1
    print(f"  {'request':34} {'count':>6} {'mean ms':>8} {'p50 ms':>8} {'max ms':>8}")
    for kind, ms in sorted(cpu.items()):
        print(f"  {kind:34} {len(ms):6,} {statistics.fmean(ms):8.1f} {statistics.median(ms):8.1f} {max(ms):8.1f}")
    every = [x for ms in cpu.values() for x in ms]
    print(f"  {'all':34} {len(every):6,} {statistics.fmean(every):8.1f} {statistics.median(every):8.1f} "
          f"{max(every):8.1f}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", default=f"sqlite:///{ROOT / 'build' / 'bench' / 'api_load.db'}")
    ap.add_argument("--requests", type=int, default=600)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    print("command: " + " ".join(shlex.quote(a) for a in [sys.executable, *sys.argv]))
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} ({os.cpu_count()} CPUs); CPU time per request:")
    return asyncio.run(run(args.db, args.requests, args.seed))


if __name__ == "__main__":
    sys.exit(main())
