"""``khabar corroborate`` (copy groups and same-event clusters of a store) and ``khabar eval-clusters``."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer

from khabar.cli.app import app, fail
from khabar.cli.filters import DEFAULT_URL, DbOpt
from khabar.errors import InputError, KhabarError

EXIT_BELOW_FLOOR = 8
EXIT_NO_DATA = 77


def _progress(label: str) -> Any:
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

    return Progress(TextColumn(label), TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                    TimeElapsedColumn(), transient=True, console=Console(stderr=True))


def run_update(store: Any) -> Any:
    """Update a store's copy groups and clusters, with a progress bar on a terminal."""
    from khabar.corroborate.stored import update

    bar = _progress("corroborate") if sys.stderr.isatty() else None
    tasks: dict[str, Any] = {}

    def progress(phase: str, done: int, total: int) -> None:
        if bar is None:
            return
        if phase not in tasks:
            tasks[phase] = bar.add_task(phase, total=total)
        bar.update(tasks[phase], completed=done, total=total)

    if bar is not None:
        bar.start()
    try:
        return update(store, progress=progress)
    finally:
        if bar is not None:
            bar.stop()


@app.command()
def corroborate(db: DbOpt = DEFAULT_URL) -> None:
    """Find copies and same-event clusters of the stored articles (only new articles are placed: incremental)."""
    from khabar.store.db import open_store

    started = time.perf_counter()
    try:
        with open_store(db, create=False) as store:
            res = run_update(store)
            n_clusters = store.count("clusters")
    except KhabarError as exc:
        raise fail(exc) from None
    typer.echo(
        f"khabar: corroborate: {res.articles:,} articles, {res.new_copies:,} newly indexed for copies, "
        f"{res.events_placed:,} events placed, {res.clusters_written:,} cluster records written "
        f"({n_clusters:,} clusters) in {time.perf_counter() - started:.1f} s", err=True)


def _data_root() -> Path:
    env = os.environ.get("KHABAR_SHARED_DATA")
    return Path(env) if env else Path("..") / "shared" / "data"


@app.command("eval-clusters")
def eval_clusters(
    gold: Annotated[Path, typer.Argument(help="Cluster gold folder (eval/gold/clusters).")],
    split: Annotated[str, typer.Option(help="heldout, train or all.")] = "heldout",
    db: Annotated[str | None, typer.Option("--db", help="A khabar store used as a cache of the extracted "
                                                          "corpus articles (ids line-N, or as khabar ingest "
                                                          "stored them, found by content hash).")] = None,
    floors: Annotated[Path | None, typer.Option(help="Fail (exit 8) when a clusters.* score is below its "
                                                     "floor in this TOML file.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score copy groups and same-event clusters against a cluster gold: pairwise and B³ P/R/F1, copy P/R.

    Every article of the gold's corpus file (under KHABAR_SHARED_DATA) is extracted with the current pipeline
    (or read from --db), corroborated as a whole, and scored on the gold events of the split.
    """
    from khabar.corroborate import corroborate as run
    from khabar.evaluation.clusters import gold_documents, load_cluster_gold, score_clusters

    try:
        cg = load_cluster_gold(gold)
        chosen = cg.select(split)
        root = _data_root()
        if not (root / cg.corpus).is_file():
            typer.echo(f"khabar: eval-clusters: corpus {root / cg.corpus} not found (set KHABAR_SHARED_DATA)",
                       err=True)
            raise typer.Exit(EXIT_NO_DATA)
        store = None
        if db:
            from khabar.store.db import open_store

            store = open_store(db)
        bar = _progress("extract") if sys.stderr.isatty() else None
        task = bar.add_task("articles", total=None) if bar is not None else None
        if bar is not None:
            bar.start()
        try:
            docs = gold_documents(cg, root, store=store, progress=(
                (lambda d, t: bar.update(task, completed=d, total=t)) if bar is not None else None))
        finally:
            if bar is not None:
                bar.stop()
            if store is not None:
                store.close()
        result = run(docs.values())
        report = score_clusters(chosen, docs, result.cluster_of, result.copy_groups, split)
    except KhabarError as exc:
        raise fail(exc) from None
    checks = _check_floors(floors, report.scores()) if floors is not None else None
    if as_json:
        out = report.to_dict()
        if checks is not None:
            out["floors"] = [{"score": n, "measured": round(v, 4), "floor": f, "ok": v >= f} for n, v, f in checks]
        typer.echo(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        d = report.to_dict()
        typer.echo(f"clusters ({split}): {d['items']} gold events ({d['matched']} matched to system events), "
                   f"{d['gold_clusters']} gold clusters")
        for name in ("pairwise", "b3", "copies"):
            s = d[name]
            extra = f"  tp {s['tp']} fp {s['fp']} fn {s['fn']}" if "tp" in s else ""
            typer.echo(f"  {name:<9} P {100 * s['precision']:5.1f}  R {100 * s['recall']:5.1f}  "
                       f"F1 {100 * s['f1']:5.1f}{extra}")
        typer.echo(f"  hard negatives kept apart: {d['negatives_apart']['apart']} of {d['negatives_apart']['of']}")
        for n, v, f in checks or []:
            typer.echo(f"  floor {n}: {100 * v:.1f} (floor {100 * f:.1f}) {'ok' if v >= f else 'BELOW'}")
    if checks is not None and any(v < f for _, v, f in checks):
        raise typer.Exit(EXIT_BELOW_FLOOR)


def _check_floors(path: Path, scores: dict[str, float]) -> list[tuple[str, float, float]]:
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise fail(InputError(f"{path}: cannot read floors: {exc}")) from None
    section = data.get("clusters", {})
    out = []
    for key, floor in sorted(_flatten("clusters", section).items()):
        if key in scores:
            out.append((key, scores[key], float(floor)))
    return out


def _flatten(prefix: str, obj: Any) -> dict[str, Any]:
    if not isinstance(obj, dict):
        return {prefix: obj}
    out: dict[str, Any] = {}
    for k, v in obj.items():
        out.update(_flatten(f"{prefix}.{k}", v))
    return out


def show_clusters(db: str, *, min_sources: int, only_anonymous: bool, limit: int, as_json: bool,
                  types: list[str] | None = None, since: str | None = None, until: str | None = None) -> None:
    """``khabar query --clusters``: stored clusters of at least two articles, most independent sources first."""
    from khabar.corroborate.stored import load_clusters
    from khabar.store.db import open_store

    if min_sources < 0:
        raise fail(InputError("--min-sources must be 0 or more"))
    try:
        with open_store(db, create=False) as store:
            recs = load_clusters(store, min_sources=min_sources, only_anonymous=only_anonymous, min_articles=2,
                                 types=tuple(types or ()), since=since, until=until, limit=limit or None)
    except KhabarError as exc:
        raise fail(exc) from None
    if as_json:
        for rec in recs:
            sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(recs)} clusters")
    for col in ("cluster", "type", "date", "place", "articles", "sources", "named/anon/outlet", "counts"):
        table.add_column(col, overflow="fold")
    for rec in recs:
        d = rec["date"]
        when = d["agreed"] or (f"{d['from']}..{d['to']}" if d["from"] != d["to"] else d["from"])
        pl = rec["place"]
        place = (pl["places"][0]["text"] if pl["level"] == "place" else
                 "/".join(str(v) for v in (pl["agreed"] or {}).values()) or "—") if pl["places"] else "—"
        mix = rec["source_mix"]
        counts = "; ".join(f"{c['of']} {c['headline']}" + (" (" + "/".join(str(x["value"]) for x in c["claims"])
                                                         + ")" if c["conflict"] else "") for c in rec["counts"])
        table.add_row(rec["id"], rec["type"], when or "", place, str(len(rec["articles"])),
                      str(rec["independent_source_count"]), f"{mix['named']}/{mix['anonymous']}/{mix['outlet']}",
                      counts)
    Console(width=None if sys.stdout.isatty() else 200).print(table)
