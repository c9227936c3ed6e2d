"""Annotator's helper for event candidates: show a batch, then turn a terse label sheet into JSON labels.

    python scripts/event_label_sheet.py show FROM COUNT        # candidates FROM .. FROM+COUNT-1 (file order)
    python scripts/event_label_sheet.py show --ids FILE        # the candidates whose ids FILE lists (no labels)
    python scripts/event_label_sheet.py add SHEET [--out eval/annotations/events/labels-a.jsonl]

``show`` prints, per sentence, the sentence before it (its end) and the sentence with each candidate
marked ⟦n:trigger⟧, n its number in candidates.jsonl; it never shows existing labels. A sheet line is

    n TYPE[/mode] [!d|!p|!h] [a=actor;actor] [t=target;target] [# note]     a happening
    n = [a=…] [t=…]                                                          the lexicon type and mode
    n -reason [# note]                                                       not a happening

(!d denied, !p planned, !h hypothetical; TYPE/- drops the lexicon mode). ``add`` appends one JSON
label per sheet line to ``--out``, replacing earlier labels of the same id.
"""

from __future__ import annotations

import argparse
import json
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from khabar.evaluation.gold import find_data_dir
from khabar.extract import make_document

ROOT = Path(__file__).resolve().parents[1]
ANN = ROOT / "eval" / "annotations" / "events"
TYPES = frozenset(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST SANCTION "
    "MOBILIZE COERCE ASSAULT".split()
)
REASONS = frozenset(
    "reference background generic investigation question judicial name not_event reporting".split()
)
STATUS = {"!d": "denied", "!p": "planned", "!h": "hypothetical"}
WINDOW = 260


def load_candidates() -> list[dict[str, Any]]:
    with (ANN / "candidates.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(x) for x in fh if x.strip()]


@lru_cache(maxsize=1)
def _article_lines() -> tuple[str, ...]:
    data = find_data_dir(None, near=ROOT)
    if data is None:
        raise SystemExit("error: shared data folder not found (set KHABAR_SHARED_DATA)")
    return tuple((data / "news/saudinewsnet/conflict_subset.jsonl").read_text(encoding="utf-8").splitlines())


@lru_cache(maxsize=64)
def article_text(line: int) -> str:
    """The article text as khabar builds it (title, blank line, content)."""
    art = json.loads(_article_lines()[line - 1])
    return make_document(str(art.get("content") or ""), title=art.get("title") or None).text


def show(cands: list[tuple[int, dict[str, Any]]]) -> None:
    groups: dict[tuple[int, int], list[tuple[int, dict[str, Any]]]] = {}
    for n, c in cands:
        groups.setdefault((c["text_ref"]["line"], c["sentence"][0]), []).append((n, c))
    last: tuple[int, int] = (0, -1)
    for (line, s0), items in groups.items():
        text = article_text(line)
        # the sentence before is shown unless it was the one just shown
        shown_before = last[0] == line and s0 - last[1] < 4
        s1 = items[0][1]["sentence"][1]
        prev = text[max(0, s0 - 160) : s0].replace("\n", " ").strip()
        pieces, at = [], s0
        for n, c in sorted(items, key=lambda x: x[1]["start"]):
            pieces.append(text[at : c["start"]])
            pieces.append(f"⟦{n}:{text[c['start'] : c['end']]}⟧")
            at = c["end"]
        pieces.append(text[at:s1])
        body = "".join(pieces).replace("\n", " ")
        if len(body) > 3 * WINDOW:  # a run-on sentence: the parts around the marks
            marks = [i for i, ch in enumerate(body) if ch == "⟦"]
            keep: list[tuple[int, int]] = []
            for i in marks:
                lo, hi = max(0, i - WINDOW), min(len(body), i + WINDOW)
                if keep and lo <= keep[-1][1]:
                    keep[-1] = (keep[-1][0], hi)
                else:
                    keep.append((lo, hi))
            body = " … ".join(body[a:b] for a, b in keep)
        tags = " ".join(f"{n}={c['lexicon_type']}/{c['lexicon_mode'] or '-'}" for n, c in items)
        last = (line, s1)
        context = "" if shown_before else f"  prev: …{prev[-160:]}\n"
        print(f"### L{line} [{tags}]\n{context}  {body}\n")


def parse_line(raw: str, cands: list[dict[str, Any]]) -> dict[str, Any]:
    line, _, note = raw.partition("#")
    head, *rest = line.split(None, 2)
    n = int(head)
    cand = cands[n]
    label: dict[str, Any] = {"id": cand["id"], "happening": False, "type": None, "mode": None,
                             "status": "asserted", "actor": [], "target": [], "reason": None}
    if note.strip():
        label["note"] = note.strip()
    spec = rest[0] if rest else ""
    tail = rest[1] if len(rest) > 1 else ""
    if spec.startswith("-"):
        reason = spec[1:]
        if reason not in REASONS:
            raise ValueError(f"unknown reason {reason!r}")
        label["reason"] = reason
        return label
    label["happening"] = True
    if spec == "=":
        label["type"], label["mode"] = cand["lexicon_type"], cand["lexicon_mode"]
    else:
        typ, _, mode = spec.partition("/")
        if typ not in TYPES:
            raise ValueError(f"unknown type {typ!r}")
        label["type"] = typ
        same = typ == cand["lexicon_type"]
        label["mode"] = None if mode == "-" else (mode or (cand["lexicon_mode"] if same else None))
    fields = tail.strip()
    for code, status in STATUS.items():
        if fields.startswith(code):
            label["status"] = status
            fields = fields[len(code) :].strip()
    # a=… t=… : each runs up to the next " a=" / " t=" (spans may hold spaces)
    for part in ("a", "t"):
        key = {"a": "actor", "t": "target"}[part]
        marker = f"{part}="
        padded = " " + fields
        at = padded.find(" " + marker)
        if at < 0:
            continue
        value = padded[at + len(marker) + 1 :]
        other = "t" if part == "a" else "a"
        cut = value.find(f" {other}=")
        value = value[:cut] if cut >= 0 else value
        label[key] = [v.strip() for v in value.split(";") if v.strip()]
    return label


def add(sheet: Path, out: Path) -> int:
    cands = load_candidates()
    labels: dict[str, dict[str, Any]] = {}
    if out.is_file():
        for x in out.read_text(encoding="utf-8").splitlines():
            if x.strip():
                rec = json.loads(x)
                labels[rec["id"]] = rec
    bad = 0
    for k, raw in enumerate(sheet.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("//"):
            continue
        try:
            rec = parse_line(raw, cands)
        except (ValueError, IndexError) as exc:
            print(f"{sheet}:{k}: {exc}: {raw}", file=sys.stderr)
            bad += 1
            continue
        labels[rec["id"]] = rec
    order = {c["id"]: i for i, c in enumerate(cands)}
    with out.open("w", encoding="utf-8") as fh:
        for rec in sorted(labels.values(), key=lambda r: order[r["id"]]):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{len(labels)} labels in {out} ({bad} bad sheet lines)")
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("show")
    s.add_argument("start", type=int, nargs="?", default=0)
    s.add_argument("count", type=int, nargs="?", default=40)
    s.add_argument("--ids", type=Path)
    a = sub.add_parser("add")
    a.add_argument("sheet", type=Path)
    a.add_argument("--out", type=Path, default=ANN / "labels-a.jsonl")
    ns = ap.parse_args(argv)
    if ns.cmd == "add":
        return add(ns.sheet, ns.out)
    cands = load_candidates()
    if ns.ids:
        wanted = set(ns.ids.read_text(encoding="utf-8").split())
        show([(n, c) for n, c in enumerate(cands) if c["id"] in wanted])
    else:
        show(list(enumerate(cands))[ns.start : ns.start + ns.count])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
