"""``khabar eval`` (gold khabar/gold-1 files) and ``khabar eval-ner`` (CoNLL files, conlleval scores)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from khabar.cli.app import app, fail
from khabar.errors import InputError, KhabarError

EXIT_BELOW_FLOOR = 8


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}"


def _print_report(report: Any, checks: list[Any] | None, show_errors: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=None if sys.stdout.isatty() else 140)
    prf = Table(title=f"khabar eval: {report.documents} documents (micro-averaged)")
    for col in ("layer", "precision", "recall", "F1", "found", "missed", "false alarms"):
        prf.add_column(col, justify="left" if col == "layer" else "right")
    rows = [("entities", "entities"), *((f"  {t}", f"entities.{t}") for t in ("PER", "ORG", "LOC")),
            ("sources", "sources"), ("events (typed)", "events.typed"), ("events (untyped)", "events.untyped"),
            ("times (detection)", "times"), ("quantities (detection)", "quantities")]
    for label, key in rows:
        s = report.prf.get(key)
        if s is not None:
            prf.add_row(label, _pct(s.precision), _pct(s.recall), _pct(s.f1), str(s.tp), str(s.fn), str(s.fp))
    console.print(prf)
    acc = Table(title="accuracy over matched items")
    for col in ("value", "accuracy", "correct", "of"):
        acc.add_column(col, justify="left" if col == "value" else "right")
    labels = {"sources.kind": "source kind", "events.actor": "event actor", "events.target": "event target",
              "events.place": "event place", "events.date": "event date", "events.source": "event source",
              "events.status": "event status", "times.value": "time value", "quantities.value": "quantity value",
              "quantities.approx": "quantity approx"}
    for key, label in labels.items():
        a = report.acc.get(key)
        if a is not None:
            acc.add_row(label, _pct(a.accuracy), str(a.correct), str(a.total))
    console.print(acc)
    if checks is not None:
        gate = Table(title="floors")
        for col in ("score", "measured", "floor", ""):
            gate.add_column(col, justify="left" if col == "score" else "right")
        for c in checks:
            gate.add_row(c.name, _pct(c.score), _pct(c.floor), "ok" if c.ok else "[bold red]BELOW[/]")
        console.print(gate)
    if show_errors:
        errs = Table(title=f"errors ({len(report.errors)})")
        for col in ("doc", "layer", "kind", "item", "detail"):
            errs.add_column(col, overflow="fold")
        for e in report.errors:
            errs.add_row(e.doc, e.layer, e.kind, e.text, e.detail)
        console.print(errs)
    for note in report.notes:
        typer.echo(f"khabar: note: {note}", err=True)


def _progress_runner(gold: list[Any], data_dir: Path | None) -> tuple[dict[str, Any], list[str]]:
    from khabar.evaluation.system import run_pipeline

    if not sys.stderr.isatty():
        return run_pipeline(gold, data_dir)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(TextColumn("eval"), BarColumn(), MofNCompleteColumn(), transient=True) as bar:
        task = bar.add_task("eval", total=len(gold))
        return run_pipeline(gold, data_dir, progress=lambda: bar.advance(task))


@app.command("eval")
def eval_command(
    gold: Annotated[Path, typer.Argument(help="Gold file (.json/.jsonl) or a folder of them.")],
    system: Annotated[
        Path | None,
        typer.Option("--system", help="System records (khabar extract --jsonl output); default: run the pipeline."),
    ] = None,
    data: Annotated[
        Path | None,
        typer.Option("--data", help="Shared data folder (default: $KHABAR_SHARED_DATA or <repo>/../shared/data)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    errors: Annotated[bool, typer.Option("--errors", help="List every missed, spurious or wrong item.")] = False,
    floors: Annotated[
        Path | None,
        typer.Option("--floors", help=f"Check scores against a floors file; exit {EXIT_BELOW_FLOOR} if one is below."),
    ] = None,
    save_system: Annotated[
        Path | None,
        typer.Option("--save-system", help="Write the records the pipeline made (JSONL), to re-score with --system."),
    ] = None,
) -> None:
    """Score khabar against gold annotations (khabar/gold-1): P/R/F1 of entities, sources, events; value accuracies.

    Example: khabar eval eval/gold/dev --floors eval/floors.toml
    """
    from khabar.evaluation import check_floors, evaluate, find_data_dir, load_floors, load_gold, read_system
    from khabar.evaluation.gold import verify_refs

    try:
        docs = load_gold(gold)
        if not docs:
            raise InputError(f"{gold}: no gold documents (.json/.jsonl files)")
        floor_values = load_floors(floors) if floors is not None else None
        data_dir = find_data_dir(data, near=gold)
        notes: list[str] = []
        if system is not None:
            if save_system is not None:
                raise InputError("--save-system writes the pipeline's records; it cannot be combined with --system")
            records = read_system(system)
            if data_dir is not None:
                verify_refs(docs, data_dir)
            elif any(d.text_ref for d in docs):
                notes.append("shared data not found: text_ref urls were not checked")
        else:
            records, notes = _progress_runner(docs, data_dir)
            if save_system is not None:
                _save(save_system, [records[d.id] for d in docs if d.id in records])
        report = evaluate(docs, records, notes=notes)
        checks = check_floors(report, floor_values) if floor_values is not None else None
    except KhabarError as exc:
        raise fail(exc) from None
    if as_json:
        out = report.to_dict(errors=errors)
        if checks is not None:
            out["floors"] = [{"name": c.name, "floor": c.floor, "score": c.score, "ok": c.ok} for c in checks]
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        _print_report(report, checks, errors)
    if checks is not None and not all(c.ok for c in checks):
        below = ", ".join(f"{c.name} {_pct(c.score)} < {_pct(c.floor)}" for c in checks if not c.ok)
        typer.echo(f"khabar: below floor: {below}", err=True)
        raise typer.Exit(EXIT_BELOW_FLOOR)


def _save(path: Path, records: list[dict[str, Any]]) -> None:
    """Write records as JSONL atomically, so a failed run never truncates ``path``."""
    from khabar.atomicfile import atomic_write

    with atomic_write(path) as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


@app.command("eval-ner")
def eval_ner_command(
    file: Annotated[Path, typer.Argument(help="CoNLL file: `token GOLD PRED` per line (or `token TAG` with --pred).")],
    pred: Annotated[
        Path | None,
        typer.Option("--pred", help="Predicted `token TAG` file (khabar tag --conll) for a gold `token TAG` FILE."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Phrase-level NER precision/recall/F1 per type, micro and macro, computed as conlleval does.

    Example: khabar eval-ner gold.conll --pred predicted.conll
    """
    from khabar.evaluation.ner import conlleval, read_gold_and_pred, read_three_column

    try:
        sentences = read_gold_and_pred(file, pred) if pred is not None else read_three_column(file)
    except KhabarError as exc:
        raise fail(exc) from None
    report = conlleval(sentences)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    o = report.overall
    typer.echo(
        f"processed {report.tokens} tokens with {o.gold} phrases; found: {o.found} phrases; correct: {o.correct}."
    )
    typer.echo(f"accuracy: {_pct2(report.accuracy)}%")
    table = Table()
    for col in ("type", "precision", "recall", "FB1", "gold", "found", "correct"):
        table.add_column(col, justify="left" if col == "type" else "right")
    for name, s in report.by_type.items():
        table.add_row(name, _pct2(s.precision), _pct2(s.recall), _pct2(s.f1), str(s.gold), str(s.found), str(s.correct))
    table.add_row("micro (overall)", _pct2(o.precision), _pct2(o.recall), _pct2(o.f1), str(o.gold), str(o.found),
                  str(o.correct), style="bold")
    macro = report.macro()
    table.add_row("macro", _pct2(macro["precision"]), _pct2(macro["recall"]), _pct2(macro["f1"]), "", "", "")
    Console(width=None if sys.stdout.isatty() else 120).print(table)


def _pct2(value: float) -> str:
    return f"{100 * value:.2f}"
