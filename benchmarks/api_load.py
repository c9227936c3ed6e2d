"""Load benchmark of ``khabar serve``: concurrent ``GET /events`` (mixed filters) and ``POST /extract`` requests.

    python benchmarks/api_load.py [--db URL] [--requests 2000] [--concurrency 8] [--extract-share 0.1]
                                  [--workers 1] [--threads 8] [--seed 7] [--data ../shared/data]

Starts ``khabar serve`` as its own process on 127.0.0.1 (a free port) over ``--db`` (default
``build/bench/api_load.db``; when the database holds no article, every article of
``news/saudinewsnet/conflict_subset.jsonl`` under ``--data`` is ingested into it first, 1,387 articles), then
first sends 150 reads one at a time (50 ``GET /events?limit=100``, 100 with a filter: the service time), then
runs two phases of ``--requests`` requests each, ``--concurrency`` at a time (each client thread keeps one
HTTP/1.1 connection alive):

1. reads only: ``GET /events?limit=100`` with no filter, with one or two filters drawn from what the
   database holds (type, mode, status, country, admin1, place, actor, source kind, outlet, date range,
   bounding box, words, minimum confidence), the next page of a listing (``cursor``), ``format=geojson``,
   plus ``GET /stats``;
2. the same reads mixed with ``POST /extract`` (a share of ``--extract-share``) of real articles of the
   corpus (not stored).

It first prints the exact command (to rerun it elsewhere) and its settings. For each phase it prints
requests/s, and per kind of request the count, p50, p95 and maximum latency and the errors (a status other than
200, or no answer); then the server's CPU seconds (every process of ``khabar serve --workers N``, read from
/proc: a figure that does not depend on the machine's load, unlike the latencies) per request, and the load
average. The
target of issue 13: 0 errors, p95 < 200 ms for ``GET /events?limit=100`` on the project's 2-core machine. The
client threads run on the same machine and take CPU from the server: the figures are an upper bound of the
server's latency. The exit status is 1 when a request failed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shlex
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DEFAULT_DB = ROOT / "build" / "bench" / "api_load.db"

# Rough boxes (minlon, minlat, maxlon, maxlat) around the places the corpus reports most.
BOXES = {"Syria": (35.5, 32.3, 42.4, 37.3), "Iraq": (38.8, 29.0, 48.6, 37.4), "Yemen": (42.5, 12.0, 54.0, 19.0),
         "Levant": (34.0, 29.0, 43.0, 38.0), "Gulf": (45.0, 16.0, 60.0, 30.0)}
WORDS = ["داعش", "الحوثيين", "غارات", "التحالف", "قتلى", "حلب", "صنعاء", "الموصل", "اشتباكات", "عدن"]


@dataclass
class Result:
    kind: str
    ms: float
    status: int  # 0: no answer (connection error, timeout)
    error: str = ""


@dataclass
class Phase:
    name: str
    results: list[Result] = field(default_factory=list)
    seconds: float = 0.0
    server_cpu: float | None = None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def ensure_database(url: str, data: Path) -> tuple[int, int]:
    """The database's article and event counts, after ingesting the conflict subset into an empty one."""
    from khabar.ingest.run import Ingestor
    from khabar.store import open_store

    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    with open_store(url, create=True) as store:
        if store.count("articles") == 0:
            corpus = data / "news" / "saudinewsnet" / "conflict_subset.jsonl"
            if not corpus.exists():
                sys.exit(f"api_load: the corpus to ingest is missing: {corpus} (give --data or a filled --db)")
            print(f"ingesting {corpus} into {url} …", flush=True)
            t0 = time.perf_counter()
            stats = Ingestor(store).ingest([str(corpus)])
            print(f"  {stats.summary()} in {time.perf_counter() - t0:,.0f} s", flush=True)
        return store.count("articles"), store.count("events")


def _descendants(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            kids = [int(c) for c in task.read_text().split()]
        except OSError:
            continue
        for child in kids:
            out += [child, *_descendants(child)]
    return out


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of a process and every process below it (uvicorn's workers; Linux /proc), or
    None elsewhere. A worker that ended takes its seconds with it: the server's workers live for the whole run."""
    total = 0.0
    for p in [pid, *_descendants(pid)]:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            if p == pid:
                return None
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


class Server:
    """``khabar serve`` in a child process, stopped with SIGINT (Ctrl-C) at the end."""

    def __init__(self, db: str, workers: int, threads: int, log: Path) -> None:
        self.port = free_port()
        self.log_path = log
        log.parent.mkdir(parents=True, exist_ok=True)
        self.log = log.open("w", encoding="utf-8")
        cmd = [sys.executable, "-m", "khabar", "serve", "--db", db, "--host", "127.0.0.1", "--port", str(self.port),
               "--workers", str(workers), "--threads", str(threads)]
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
        self.proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=self.log)
        deadline = time.monotonic() + 120
        while True:
            if self.proc.poll() is not None:
                sys.exit(f"api_load: khabar serve exited with {self.proc.returncode}: "
                         f"{log.read_text(encoding='utf-8')[-2000:]}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/health")
                if conn.getresponse().status == 200:
                    conn.close()
                    return
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                sys.exit("api_load: khabar serve did not answer /health within 120 s")
            time.sleep(0.2)

    def get_json(self, path: str) -> dict:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        conn.request("GET", path)
        resp = conn.getresponse()
        body = resp.read()
        conn.close()
        if resp.status != 200:
            sys.exit(f"api_load: GET {path} gave {resp.status}: {body[:300]!r}")
        return json.loads(body)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(2)  # SIGINT: uvicorn shuts down cleanly
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


Request = tuple[str, str, str, bytes | None]  # kind, method, path, body


class Mix:
    """Requests drawn from what the database holds (seeded: the same mix for the same database and seed)."""

    def __init__(self, server: Server, articles: list[dict], seed: int) -> None:
        self.rng = random.Random(seed)
        sample = server.get_json("/events?limit=1000&count=false")["events"]
        self.types = sorted({e["type"] for e in sample})
        self.modes = sorted({e["mode"] for e in sample if e.get("mode")})
        geo = [e["geo"] for e in sample if e.get("geo")]
        self.countries = sorted({g["country_code"] for g in geo if g.get("country_code")})
        self.admin1 = sorted({g["admin1"] for g in geo if g.get("admin1")})
        self.places = sorted({e["place"]["text"] for e in sample if e.get("place")})
        self.actors = sorted({a["text"] for e in sample for a in e.get("actors", ())})
        self.outlets = sorted({e["article"]["outlet"] for e in sample if e["article"].get("outlet")})
        self.days = sorted({e["day"] for e in sample if e.get("day")})
        self.cursors = [p for p in (server.get_json("/events?limit=100&count=false").get("cursor"),) if p]
        self.articles = articles

    def _filter(self) -> dict[str, str]:
        r = self.rng
        k = r.randrange(13)
        if k == 0:
            return {"event_type": r.choice(self.types)}
        if k == 1 and self.modes:
            return {"mode": r.choice(self.modes)}
        if k == 2:
            return {"status": r.choice(["asserted", "denied", "planned", "hypothetical"])}
        if k == 3 and self.countries:
            return {"country": r.choice(self.countries)}
        if k == 4 and self.admin1:
            return {"admin1": r.choice(self.admin1)}
        if k == 5 and self.places:
            return {"place": r.choice(self.places)}
        if k == 6 and self.actors:
            return {"actor": r.choice(self.actors)}
        if k == 7:
            return {"source_kind": r.choice(["named", "anonymous", "outlet"])}
        if k == 8 and self.outlets:
            return {"outlet": r.choice(self.outlets)}
        if k == 9 and self.days:
            a, b = sorted(r.sample(self.days, 2)) if len(self.days) > 1 else (self.days[0], self.days[0])
            return {"event_date_from": a, "event_date_to": b}
        if k == 10:
            return {"bbox": ",".join(str(x) for x in r.choice(list(BOXES.values())))}
        if k == 11:
            return {"q": r.choice(WORDS)}
        return {"min_confidence": str(r.choice([0.5, 0.7, 0.8, 0.9]))}

    def read(self) -> Request:
        r = self.rng
        k = r.random()
        if k < 0.25:
            return ("GET /events?limit=100", "GET", "/events?limit=100", None)
        if k < 0.80:
            params = self._filter()
            if r.random() < 0.3:
                params.update(self._filter())
            return ("GET /events?limit=100&filters", "GET", "/events?" + urlencode({**params, "limit": 100}), None)
        if k < 0.87 and self.cursors:
            return ("GET /events?limit=100&cursor", "GET", "/events?" + urlencode({"limit": 100,
                                                                                  "cursor": self.cursors[0]}), None)
        if k < 0.93:
            params = {**self._filter(), "format": "geojson", "limit": 100}
            return ("GET /events?format=geojson", "GET", "/events?" + urlencode(params), None)
        params = self._filter() if r.random() < 0.5 else {}
        return ("GET /stats", "GET", "/stats?" + urlencode(params), None)

    def extract(self) -> Request:
        a = self.rng.choice(self.articles)
        return ("POST /extract", "POST", "/extract", json.dumps(a, ensure_ascii=False).encode("utf-8"))


def corpus_articles(data: Path, n: int = 200) -> list[dict]:
    path = data / "news" / "saudinewsnet" / "conflict_subset.jsonl"
    out: list[dict] = []
    if path.exists():
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                obj = json.loads(line)
                text = str(obj.get("content") or "")
                if text.strip():
                    out.append({"text": text, "title": obj.get("title"), "outlet": obj.get("source"),
                                "published": str(obj.get("date_extracted") or "")[:10] or None})
                if len(out) >= n:
                    break
    if not out:
        out.append({"text": (ROOT / "examples" / "hasakah.txt").read_text(encoding="utf-8"),
                    "published": "2015-04-19"})
    return out


def run_phase(name: str, port: int, requests: list[Request], concurrency: int, server_pid: int) -> Phase:
    phase = Phase(name)
    lock = threading.Lock()
    queue = iter(requests)

    def take() -> Request | None:
        with lock:
            return next(queue, None)

    def worker() -> None:
        conn: http.client.HTTPConnection | None = None
        local: list[Result] = []
        while (req := take()) is not None:
            kind, method, path, body = req
            headers = {"Content-Type": "application/json"} if body is not None else {}
            t0 = time.perf_counter()
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                conn.request(method, path, body=body, headers=headers)
                resp = conn.getresponse()
                payload = resp.read()
                ms = (time.perf_counter() - t0) * 1000
                error = "" if resp.status == 200 else payload[:200].decode("utf-8", "replace")
                local.append(Result(kind, ms, resp.status, error))
                if resp.getheader("connection", "").lower() == "close":
                    conn.close()
                    conn = None
            except (OSError, http.client.HTTPException) as exc:
                local.append(Result(kind, (time.perf_counter() - t0) * 1000, 0, f"{type(exc).__name__}: {exc}"))
                if conn is not None:
                    conn.close()
                conn = None
        if conn is not None:
            conn.close()
        with lock:
            phase.results.extend(local)

    cpu0 = cpu_seconds(server_pid)
    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    phase.seconds = time.perf_counter() - t0
    cpu1 = cpu_seconds(server_pid)
    phase.server_cpu = None if cpu0 is None or cpu1 is None else cpu1 - cpu0
    return phase


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def report(phase: Phase, concurrency: int) -> int:
    n = len(phase.results)
    errors = [r for r in phase.results if r.status != 200]
    cpu = f", server CPU {phase.server_cpu:,.1f} s" if phase.server_cpu is not None else ""
    per = f" ({phase.server_cpu * 1000 / n:,.0f} ms a request)" if phase.server_cpu is not None else ""
    print(f"\n{phase.name}: {n:,} requests, {concurrency} at a time, in {phase.seconds:,.1f} s = "
          f"{n / phase.seconds:,.1f} requests/s, {len(errors)} errors{cpu}{per}")
    print(f"  {'request':34} {'count':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'errors':>6}")
    kinds: dict[str, list[Result]] = {}
    for r in phase.results:
        kinds.setdefault(r.kind, []).append(r)
    groups: list[tuple[str, Callable[[Result], bool]]] = [
        *((k, lambda r, k=k: r.kind == k) for k in sorted(kinds)),
        ("all GET /events (limit=100)", lambda r: r.kind.startswith("GET /events")),
    ]
    for label, pick in groups:
        rs = [r for r in phase.results if pick(r)]
        if not rs:
            continue
        ms = [r.ms for r in rs]
        print(f"  {label:34} {len(rs):6,} {statistics.median(ms):8.1f} {pct(ms, 95):8.1f} {max(ms):8.1f} "
              f"{sum(r.status != 200 for r in rs):6}")
    shown: set[str] = set()
    for r in errors:
        key = f"{r.kind} {r.status} {r.error[:120]}"
        if key not in shown and len(shown) < 5:
            shown.add(key)
            print(f"  error: {key}")
    return len(errors)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", default=f"sqlite:///{DEFAULT_DB}")
    ap.add_argument("--data", type=Path, default=Path(os.environ.get("KHABAR_SHARED_DATA") or ROOT.parent / "shared"
                                                    / "data"))
    ap.add_argument("--requests", type=int, default=2000, help="requests per phase")
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--extract-share", type=float, default=0.1, help="share of POST /extract in phase 2")
    ap.add_argument("--workers", type=int, default=1, help="khabar serve --workers: server processes")
    ap.add_argument("--threads", type=int, default=8, help="khabar serve --threads: threads of each process")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--server-log", type=Path, default=ROOT / "build" / "bench" / "api_load.server.log",
                    help="the server's standard error (its log)")
    args = ap.parse_args()

    before = os.getloadavg()
    print("command: " + " ".join(shlex.quote(a) for a in [sys.executable, *sys.argv]))
    print("settings: " + ", ".join(f"--{k.replace('_', '-')} {v}" for k, v in vars(args).items()))
    print(f"machine: {os.cpu_count()} CPUs, load average {before[0]:.2f} {before[1]:.2f} {before[2]:.2f}")
    n_articles, n_events = ensure_database(args.db, args.data)
    print(f"database {args.db}: {n_articles:,} articles, {n_events:,} events")
    server = Server(args.db, args.workers, args.threads, args.server_log)
    failed = 0
    try:
        mix = Mix(server, corpus_articles(args.data), args.seed)
        print(f"khabar serve on 127.0.0.1:{server.port} (pid {server.proc.pid}, --workers {args.workers} "
              f"--threads {args.threads}); "
              f"filters drawn from {len(mix.types)} types, {len(mix.countries)} countries, "
              f"{len(mix.outlets)} outlets, {len(mix.places)} places, {len(mix.actors)} actors")
        warm = [mix.read() for _ in range(20)] + [mix.extract()]
        run_phase("warm-up", server.port, warm, 2, server.proc.pid)
        plain = [("GET /events?limit=100", "GET", "/events?limit=100", None)] * 50
        plain += [("GET /events?limit=100&filters", "GET", "/events?" + urlencode({**mix._filter(), "limit": 100}),
                   None) for _ in range(100)]
        failed += report(run_phase("phase 0, one request at a time", server.port, plain, 1, server.proc.pid), 1)
        reads = [mix.read() for _ in range(args.requests)]
        failed += report(run_phase("phase 1, reads", server.port, reads, args.concurrency, server.proc.pid),
                         args.concurrency)
        mixed = [mix.extract() if mix.rng.random() < args.extract_share else mix.read() for _ in range(args.requests)]
        failed += report(run_phase("phase 2, reads and POST /extract", server.port, mixed, args.concurrency,
                                   server.proc.pid), args.concurrency)
    finally:
        server.stop()
    if failed:
        print(f"server log: {args.server_log}")
    load = os.getloadavg()
    print(f"\nload average before the run {before[0]:.2f}, after it {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
          f"({os.cpu_count()} CPUs)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
