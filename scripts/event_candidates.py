"""Event trigger candidates for annotation (issue 10): every trigger-lexicon match in sampled articles.

High recall on purpose: each match of ``event_triggers.tsv`` as the events engine reads it (through
proclitics, the article, سـ and object pronouns), including the matches the current rules reject.
A match lying inside a longer one already listed (إطلاق النار inside وقف إطلاق النار) is the same
words and is not listed again. Articles are sampled with a fixed seed from the SaudiNewsNet conflict
subset, never from lines used by ``eval/gold/dev`` or ``eval/gold/check``. Only offsets and the trigger
words are written, never article text (the articles are CC BY-NC-SA 4.0; ``text_ref`` points at them).

    python scripts/event_candidates.py [--data ../shared/data] [--articles 320] [--seed 10]
        [--out eval/annotations/events/candidates.jsonl]

Each line: id, text_ref {path, line, url}, published, start, end, trigger, lexicon_type, lexicon_mode,
lexicon_pos, cond_ok (the row's context condition holds), engine (the current engine reports an event
whose trigger starts here), sentence [start, end]. Offsets are into ``khabar.make_document(content,
title=title)`` text (title, blank line, content).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from khabar.arabic.phrases import sentence_ranges, trigger_lexicon
from khabar.evaluation.gold import find_data_dir
from khabar.events.triggers import _cond_holds
from khabar.extract import extract
from khabar.model import Document

ROOT = Path(__file__).resolve().parents[1]
REL_PATH = "news/saudinewsnet/conflict_subset.jsonl"


def gold_lines(root: Path = ROOT) -> set[int]:
    """Line numbers of the articles ``eval/gold/dev`` and ``eval/gold/check`` refer to."""
    out: set[int] = set()
    for sub in ("dev", "check"):
        for path in sorted((root / "eval" / "gold" / sub).glob("*.json*")):
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".jsonl":
                objs = [json.loads(x) for x in text.splitlines() if x.strip()]
            else:
                objs = [json.loads(text)]
            for obj in objs:
                ref = obj.get("text_ref") or {}
                if ref.get("path") == REL_PATH:
                    out.add(int(ref["line"]))
    return out


def sample_lines(n_lines: int, excluded: set[int], n: int, seed: int) -> list[int]:
    """``n`` article line numbers (1-based) chosen with ``seed``, none in ``excluded``; sorted."""
    pool = [k for k in range(1, n_lines + 1) if k not in excluded]
    return sorted(random.Random(seed).sample(pool, n))


def candidates(doc: Document) -> Iterator[dict[str, Any]]:
    """Every lexicon match of ``doc`` (tokens and sentences done), one per span, left to right."""
    lex, rows = trigger_lexicon()
    tokens = doc.tokens
    engine = {ev.trigger.start for ev in doc.events}
    for si, (lo, hi) in enumerate(sentence_ranges(doc)):
        covered = lo - 1
        for k in range(lo, hi):
            if k <= covered:
                continue
            matches = lex.match_at(tokens, k, hi)
            if not matches:
                continue
            longest = [m for m in matches if m.last == matches[0].last]
            ok = [m for m in longest if _cond_holds(tokens, rows[m.payload]["cond"], m.first, m.last, lo, hi)]
            m = (ok or longest)[0]
            row = rows[m.payload]
            covered = m.last
            start, end = tokens[m.first].start, tokens[m.last].end
            sent = doc.sentences[si]
            yield {
                "start": start,
                "end": end,
                "trigger": doc.text[start:end],
                "lexicon_type": row["type"],
                "lexicon_mode": None if row["mode"] == "-" else row["mode"],
                "lexicon_pos": row["pos"],
                "cond_ok": bool(ok),
                "engine": start in engine,
                "sentence": [sent.start, sent.end],
            }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, help="shared data folder (default: $KHABAR_SHARED_DATA or ../shared/data)")
    ap.add_argument("--articles", type=int, default=320)
    ap.add_argument("--seed", type=int, default=10)
    ap.add_argument("--out", type=Path, default=ROOT / "eval" / "annotations" / "events" / "candidates.jsonl")
    ns = ap.parse_args(argv)
    data = find_data_dir(ns.data, near=ROOT)
    if data is None or not (data / REL_PATH).is_file():
        print(f"error: {REL_PATH} not found in the shared data folder (give --data DIR)", file=sys.stderr)
        return 77
    lines = (data / REL_PATH).read_text(encoding="utf-8").splitlines()
    chosen = sample_lines(len(lines), gold_lines(), ns.articles, ns.seed)
    n_out = 0
    with ns.out.open("w", encoding="utf-8") as fh:
        for line in chosen:
            art = json.loads(lines[line - 1])
            published = (art.get("date_extracted") or "")[:10] or None
            content, title = str(art.get("content") or ""), art.get("title") or None
            doc = extract(content, title=title, published=published, url=art.get("url"))
            for cand in candidates(doc):
                rec = {
                    "id": f"snn{line}-{cand['start']}",
                    "text_ref": {"path": REL_PATH, "line": line, "url": art.get("url")},
                    "published": published,
                    **cand,
                }
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n_out += 1
    print(f"{n_out} candidates from {len(chosen)} articles -> {ns.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
