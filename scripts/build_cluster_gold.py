"""Build eval/gold/clusters/{clusters,negatives}.jsonl from the annotator's sheet (annotation.txt).

The sheet names each event by article line and trigger word; this script finds the trigger's offsets in the
text as ``khabar.make_document(content, title=title)`` builds it (never computed by hand) and the system event
whose trigger overlaps it (its id, else ``gold:LINE:START``). Sheet syntax::

    cluster LABEL TYPE DATE | PLACE | English summary
      LINE TRIGGER [#N] [^ANCHOR] [@title] [killed=N ...] [src=WORDS]
    neg LABEL:LINE LABEL:LINE | reason          (events already in clusters)
    neg LINE TRIGGER [...] || LINE TRIGGER [...] | reason

``#N`` takes the Nth occurrence, ``~PHRASE`` the trigger inside the first occurrence of PHRASE,
``^ANCHOR`` the first occurrence at or after ANCHOR (underscores for spaces),
``@title`` searches the headline instead of the body. ``src=`` and anchors use ``_`` for spaces.

    python scripts/build_cluster_gold.py [--check]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cluster_candidates import DATA, DATA_REL, articles, find_offsets, gold_lines

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "eval" / "gold" / "clusters"
SYSTEM = Path("/tmp/annot-clusters/candidates.jsonl")
SPLIT_SEED, HELDOUT_SHARE = 14, 0.3
COUNT_KEYS = {"killed", "wounded", "detained", "missing", "displaced", "fighters", "n"}


class SheetError(ValueError):
    pass


def _texts() -> dict[int, dict[str, Any]]:
    from khabar import make_document

    out = {}
    for line, art in articles(DATA):
        doc = make_document(art.get("content") or "", title=art.get("title"))
        head = doc.headline.end if doc.headline else 0
        out[line] = {
            "text": doc.text,
            "head": head,
            "url": art.get("url"),
            "outlet": art.get("source"),
            "published": (art.get("date_extracted") or "")[:10],
        }
    return out


def _system_events() -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {}
    if not SYSTEM.exists():
        return out
    with SYSTEM.open(encoding="utf-8") as fh:
        for raw in fh:
            rec = json.loads(raw)
            line = rec.get("line") or int(str(rec["id"]).removeprefix("line-"))
            out[line] = rec["events"]
    return out


def parse_event(
    tokens: list[str],
    texts: dict[int, dict[str, Any]],
    sys_events: dict[int, list[dict[str, Any]]],
    excluded: set[int],
    where: str,
) -> dict[str, Any]:
    try:
        line = int(tokens[0])
    except ValueError as exc:
        raise SheetError(f"{where}: expected an article line, got {tokens[0]!r}") from exc
    if line in excluded:
        raise SheetError(f"{where}: line {line} is a dev/check gold article")
    if line not in texts:
        raise SheetError(f"{where}: no line {line}")
    if len(tokens) < 2:
        raise SheetError(f"{where}: no trigger")
    word = tokens[1].replace("_", " ")
    nth, anchor, in_title = 1, None, False
    context: str | None = None
    counts: dict[str, int] = {}
    source = None
    for tok in tokens[2:]:
        if tok.startswith("#"):
            nth = int(tok[1:])
        elif tok.startswith("^"):
            anchor = tok[1:].replace("_", " ")
        elif tok.startswith("~"):
            context = tok[1:].replace("_", " ")
        elif tok == "@title":
            in_title = True
        elif tok.startswith("src="):
            source = tok[4:].replace("_", " ")
        elif "=" in tok and tok.split("=", 1)[0] in COUNT_KEYS:
            key, val = tok.split("=", 1)
            counts[key] = int(val)
        else:
            raise SheetError(f"{where}: cannot read {tok!r}")
    art = texts[line]
    text, head = art["text"], art["head"]
    region_start, region_end = (0, head) if in_title else (head, len(text))
    region = text[region_start:region_end]
    if context is not None:  # the trigger inside the first occurrence of a longer phrase
        at = region.find(context)
        inner = context.find(word)
        if at < 0 or inner < 0:
            raise SheetError(f"{where}: phrase {context!r} with {word!r} not found in line {line}")
        s, e = at + inner, at + inner + len(word)
    else:
        s, e = -1, -1
    try:
        if s < 0:
            s, e = find_offsets(region, word, anchor, nth)
    except ValueError:
        if in_title or anchor:
            raise SheetError(f"{where}: {word!r} not found in line {line}") from None
        try:  # the headline only when the body does not name it
            s, e = find_offsets(text[:head], word, None, nth)
            region_start = 0
        except ValueError:
            raise SheetError(f"{where}: {word!r} not found in line {line}") from None
    start, end = region_start + s, region_start + e
    assert text[start:end] == word
    ev_id = f"gold:{line}:{start}"
    for ev in sys_events.get(line, []):
        t = ev["trigger"]
        if t["start"] < end and start < t["end"]:
            ev_id = ev["id"]
            break
    out: dict[str, Any] = {
        "article": {"path": DATA_REL, "line": line, "url": art["url"]},
        "outlet": art["outlet"],
        "published": art["published"],
        "id": ev_id,
        "trigger": word,
        "start": start,
        "end": end,
    }
    if counts:
        out["count"] = counts
    if source:
        out["source"] = source
    return out


def build(sheet: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    texts = _texts()
    sys_events = _system_events()
    excluded = gold_lines()
    clusters: list[dict[str, Any]] = []
    labels: dict[str, dict[str, Any]] = {}
    negatives: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    for n, raw in enumerate(sheet.read_text(encoding="utf-8").splitlines(), start=1):
        where = f"{sheet.name}:{n}"
        line = raw.split(" # ")[0].rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("cluster "):
            head, place, summary = (x.strip() for x in line[len("cluster ") :].split("|", 2))
            label, typ, date = head.split()
            if label in labels:
                raise SheetError(f"{where}: label {label} used twice")
            current = {
                "cluster": f"c{len(clusters) + 1:03d}",
                "label": label,
                "type": typ,
                "date": date,
                "place": place,
                "summary_en": summary,
                "events": [],
            }
            clusters.append(current)
            labels[label] = current
        elif line.startswith("neg "):
            body, reason = line[4:].rsplit("|", 1)
            sides = body.split("||") if "||" in body else body.split()
            if len(sides) != 2:
                raise SheetError(f"{where}: a negative needs two events")
            pair = []
            for side in sides:
                side = side.strip()
                if ":" in side and " " not in side:
                    lab, ln = side.split(":")
                    if lab not in labels:
                        raise SheetError(f"{where}: unknown cluster label {lab}")
                    match = [e for e in labels[lab]["events"] if e["article"]["line"] == int(ln)]
                    if not match:
                        raise SheetError(f"{where}: line {ln} is not in cluster {lab}")
                    ev = dict(match[0])
                    ev["cluster"] = labels[lab]["cluster"]
                    pair.append(ev)
                else:
                    pair.append(parse_event(side.split(), texts, sys_events, excluded, where))
            negatives.append(
                {"pair": f"n{len(negatives) + 1:03d}", "a": pair[0], "b": pair[1], "reason": reason.strip()}
            )
        elif raw.startswith((" ", "\t")) and current is not None:
            ev = parse_event(line.split(), texts, sys_events, excluded, where)
            if any(e["article"]["line"] == ev["article"]["line"] for e in current["events"]):
                raise SheetError(f"{where}: article {ev['article']['line']} already in cluster {current['label']}")
            current["events"].append(ev)
        else:
            raise SheetError(f"{where}: cannot read this line")
    for c in clusters:
        if len({e["article"]["line"] for e in c["events"]}) < 2:
            raise SheetError(f"cluster {c['label']} has fewer than two articles")
    return clusters, negatives


def split(
    clusters: list[dict[str, Any]], negatives: list[dict[str, Any]], copies: list[dict[str, Any]]
) -> dict[str, Any]:
    """Held-out part (never for fitting weights): 30 % of the clusters by label, fixed seed; negatives whose events
    touch a held-out cluster or article are held out with it; 30 % of the copy pairs by pair id."""
    import random

    labels = sorted(c["label"] for c in clusters)
    rng = random.Random(SPLIT_SEED)
    held = set(rng.sample(labels, round(HELDOUT_SHARE * len(labels))))
    held_ids = sorted(c["cluster"] for c in clusters if c["label"] in held)
    held_lines = {e["article"]["line"] for c in clusters if c["label"] in held for e in c["events"]}
    held_neg = sorted(
        n["pair"]
        for n in negatives
        if any(n[s].get("cluster") in held_ids or n[s]["article"]["line"] in held_lines for s in ("a", "b"))
    )
    pairs = sorted(r["pair"] for r in copies)
    rng = random.Random(SPLIT_SEED + 1)
    held_copies = sorted(rng.sample(pairs, round(HELDOUT_SHARE * len(pairs))))
    return {
        "seed": SPLIT_SEED,
        "share": HELDOUT_SHARE,
        "rule": "clusters drawn by sorted label with random.Random(seed).sample; negatives follow their clusters "
        "and articles; copy pairs drawn by pair id with seed + 1",
        "heldout": {"clusters": held_ids, "negatives": held_neg, "copies": held_copies},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sheet", type=Path, default=GOLD / "annotation.txt")
    ap.add_argument("--check", action="store_true", help="parse and report, write nothing")
    args = ap.parse_args(argv)
    try:
        clusters, negatives = build(args.sheet)
    except SheetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    events = sum(len(c["events"]) for c in clusters)
    arts = len({e["article"]["line"] for c in clusters for e in c["events"]})
    missed = sum(e["id"].startswith("gold:") for c in clusters for e in c["events"])
    print(
        f"{len(clusters)} clusters, {events} events ({missed} not found by the system) from {arts} articles; "
        f"{len(negatives)} negative pairs"
    )
    if not args.check:
        with (GOLD / "clusters.jsonl").open("w", encoding="utf-8") as fh:
            for c in clusters:
                fh.write(json.dumps(c, ensure_ascii=False) + "\n")
        with (GOLD / "negatives.jsonl").open("w", encoding="utf-8") as fh:
            for neg in negatives:
                fh.write(json.dumps(neg, ensure_ascii=False) + "\n")
        copies_path = GOLD / "copies.jsonl"
        copies = [json.loads(x) for x in copies_path.read_text(encoding="utf-8").splitlines() if x.strip()]
        (GOLD / "split.json").write_text(
            json.dumps(split(clusters, negatives, copies), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
