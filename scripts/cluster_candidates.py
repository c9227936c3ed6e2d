"""Candidate groups for annotating same-event clusters and copy pairs (issue 14, item 5).

Reads ``../shared/data/news/saudinewsnet/conflict_subset.jsonl``, leaves out every article used by
``eval/gold/dev`` and ``eval/gold/check`` (their ``text_ref.line``), runs khabar once over the rest and caches
the records under /tmp (never in the repository), then prints what an annotator reads quickly:

    python scripts/cluster_candidates.py extract            # run khabar once, cache the records
    python scripts/cluster_candidates.py events   [--min 2]  # events blocked by type family × ±2 days × country
    python scripts/cluster_candidates.py articles [--min 2]  # articles grouped by shared headline/lead words
    python scripts/cluster_candidates.py copies   [--low 0.3 --high 0.5]  # MinHash 5-gram candidate copy pairs
    python scripts/cluster_candidates.py show LINE [--from N --to M]       # an article's text with offsets
    python scripts/cluster_candidates.py find LINE WORD [--after TEXT] [--nth K]  # offsets of a trigger

Lines are 1-based line numbers of the JSONL file, as in the gold files' ``text_ref.line``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA_REL = "news/saudinewsnet/conflict_subset.jsonl"
DATA = ROOT.parent / "shared" / "data" / DATA_REL
if not DATA.exists():  # a worktree under /work/wt sits one level deeper than /work/main
    DATA = ROOT.parent.parent / "shared" / "data" / DATA_REL
CACHE = Path("/tmp/annot-clusters/candidates.jsonl")

FAMILY = {
    "ASSAULT": "force",
    "COERCE": "force",
    "MOBILIZE": "force",
    "CONSULT": "talk",
    "AGREE": "talk",
    "COOPERATE": "talk",
    "ACCUSE": "verbal",
    "REJECT": "verbal",
    "THREATEN": "verbal",
    "REQUEST": "verbal",
    "SUPPORT": "support",
    "AID": "support",
    "CONCEDE": "yield",
    "RETREAT": "yield",
    "PROTEST": "protest",
    "SANCTION": "sanction",
}

_WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3A-Za-z0-9]+")
_STOP = set(
    "في من على إلى الى عن مع أن ان إن أو او التي الذي الذين هذا هذه ذلك تلك قد كان كانت وقد وفي بعد قبل بين "
    "حيث كما لم لا ما منذ خلال عند وقال قال أمس اليوم امس وذلك إلى وأضاف وأكد أكد ضد غير حتى كل أي ثم عبر".split()
)


def gold_lines(root: Path = ROOT) -> set[int]:
    """Line numbers of the articles used by eval/gold/dev and eval/gold/check (never to be labelled)."""
    lines: set[int] = set()
    for sub in ("dev", "check"):
        for path in sorted((root / "eval" / "gold" / sub).glob("*.json*")):
            texts = path.read_text(encoding="utf-8")
            objs = (
                [json.loads(x) for x in texts.splitlines() if x.strip()]
                if path.suffix == ".jsonl"
                else [json.loads(texts)]
            )
            for obj in objs:
                ref = obj.get("text_ref") or {}
                if ref.get("path", DATA_REL).endswith(DATA_REL) and isinstance(ref.get("line"), int):
                    lines.add(ref["line"])
    return lines


def articles(path: Path = DATA) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8") as fh:
        for n, raw in enumerate(fh, start=1):
            if raw.strip():
                yield n, json.loads(raw)


def run_extract(cache: Path = CACHE) -> None:
    """Run khabar over every non-gold article once and cache the records (line-numbered) under /tmp."""
    import khabar
    from khabar.record import document_to_dict

    excluded = gold_lines()
    cache.parent.mkdir(parents=True, exist_ok=True)
    tmp = cache.with_suffix(".part")
    done = 0
    with tmp.open("w", encoding="utf-8") as out:
        for line, art in articles():
            if line in excluded:
                continue
            doc = khabar.extract(
                art.get("content") or "",
                title=art.get("title"),
                published=(art.get("date_extracted") or "")[:10] or None,
                outlet=art.get("source"),
                id=f"line-{line}",
                url=art.get("url"),
            )
            rec = document_to_dict(doc)
            rec["line"] = line
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            done += 1
            if done % 100 == 0:
                print(f"{done} articles", file=sys.stderr)
    tmp.replace(cache)
    print(f"{done} articles extracted ({len(excluded)} gold articles left out) -> {cache}", file=sys.stderr)


def load(cache: Path = CACHE) -> list[dict[str, Any]]:
    if not cache.exists():
        sys.exit(f"no cached records at {cache}: run `python scripts/cluster_candidates.py extract` first")
    excluded = gold_lines()
    recs = []
    with cache.open(encoding="utf-8") as fh:
        for raw in fh:
            rec = json.loads(raw)
            line = rec.get("line") or int(str(rec["id"]).removeprefix("line-"))
            if line in excluded:  # a cache made by `khabar extract --jsonl` over the whole file
                continue
            rec["line"] = line
            recs.append(rec)
    return recs


def _day(value: str | None) -> date | None:
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return date.fromisoformat(value)
    return None


def event_rows(recs: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for rec in recs:
        published = _day(rec["doc"].get("published"))
        for ev in rec["events"]:
            place = ev.get("place") or {}
            geo = place.get("geo") or {}
            when = _day((ev.get("date") or {}).get("value")) or published
            yield {
                "line": rec["line"],
                "outlet": rec["doc"].get("outlet"),
                "id": ev["id"],
                "type": ev["type"],
                "family": FAMILY.get(ev["type"], ev["type"]),
                "trigger": ev["trigger"]["text"],
                "start": ev["trigger"]["start"],
                "end": ev["trigger"]["end"],
                "date": when,
                "dated": bool(_day((ev.get("date") or {}).get("value"))),
                "place": place.get("text"),
                "country": geo.get("country_code"),
                "admin1": geo.get("admin1"),
                "counts": {q.get("of") or "n": q.get("value") for q in ev.get("quantities", [])},
                "source": (ev.get("source") or {}).get("text"),
                "evidence": (ev.get("evidence") or {}).get("text", ""),
            }


def _words(text: str) -> set[str]:
    from khabar.arabic.normalize import normalize

    out = set()
    for w in _WORD.findall(normalize(text)):
        w = re.sub(r"^(وال|بال|فال|لل|كال|ال|و)", "", w) if len(w) > 4 else w
        if len(w) > 2 and w not in _STOP:
            out.add(w)
    return out


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def event_groups(rows: list[dict[str, Any]], window: int = 2) -> list[list[dict[str, Any]]]:
    """Block events by (type family, country) and link those within ±window days sharing a place/entity word."""
    blocks: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if row["date"] is None:
            continue
        blocks[(row["family"], row["country"] or "?")].append(row)
    groups: list[list[dict[str, Any]]] = []
    for key in sorted(blocks):
        block = sorted(blocks[key], key=lambda r: (r["date"], r["line"], r["start"]))
        keys = [_words((r["place"] or "") + " " + r["evidence"][:300]) for r in block]
        parent = list(range(len(block)))
        for i, a in enumerate(block):
            for j in range(i + 1, len(block)):
                b = block[j]
                if b["date"] - a["date"] > timedelta(days=window):
                    break
                if a["line"] == b["line"]:
                    continue
                same_place = bool(a["place"] and b["place"] and _words(a["place"]) & _words(b["place"]))
                if same_place and len(keys[i] & keys[j]) >= 4:
                    parent[_find(parent, j)] = _find(parent, i)
        comp: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for i, r in enumerate(block):
            comp[_find(parent, i)].append(r)
        groups.extend(c for c in comp.values() if len({r["line"] for r in c}) >= 2)
    return groups


def _lead(rec: dict[str, Any], chars: int = 260) -> str:
    text = rec["text"]
    title_end = (rec["doc"].get("headline") or [0, 0])[1]
    return text[title_end : title_end + chars].strip().replace("\n", " ")


def article_groups(recs: list[dict[str, Any]], window: int = 2, threshold: float = 0.25) -> list[list[dict[str, Any]]]:
    """Leader clustering of articles by TF-IDF cosine of headline + lead, within ±window days of the group's start."""
    import math
    from collections import Counter

    bags = []
    for rec in recs:
        title_end = (rec["doc"].get("headline") or [0, 0])[1]
        bags.append(Counter(_words(rec["text"][: title_end + 500])))
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(bags)
    vecs = []
    for bag in bags:
        vec = {w: (1 + math.log(c)) * math.log(n / df[w]) for w, c in bag.items() if df[w] > 1}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vecs.append({w: v / norm for w, v in vec.items()})
    order = sorted(range(n), key=lambda i: (recs[i]["doc"].get("published") or "", recs[i]["line"]))
    groups: list[dict[str, Any]] = []
    for i in order:
        pub = _day(recs[i]["doc"].get("published"))
        best, best_sim = None, threshold
        for g in groups:
            if pub and g["start"] and abs((pub - g["start"]).days) > window:
                continue
            cen = g["centroid"]
            sim = sum(v * cen.get(w, 0.0) for w, v in vecs[i].items()) / (g["norm"] or 1.0)
            if sim > best_sim:
                best, best_sim = g, sim
        if best is None:
            groups.append({"start": pub, "members": [i], "centroid": dict(vecs[i]), "norm": 1.0})
        else:
            best["members"].append(i)
            for w, v in vecs[i].items():
                best["centroid"][w] = best["centroid"].get(w, 0.0) + v
            best["norm"] = math.sqrt(sum(v * v for v in best["centroid"].values()))
    return [sorted((recs[i] for i in g["members"]), key=lambda r: r["line"]) for g in groups if len(g["members"]) >= 2]


def shingles(text: str, k: int = 5) -> set[str]:
    from khabar.arabic.normalize import normalize

    words = _WORD.findall(normalize(text))
    return {" ".join(words[i : i + k]) for i in range(max(1, len(words) - k + 1))}


def copy_candidates(recs: list[dict[str, Any]], low: float = 0.3, num_perm: int = 128) -> list[tuple[float, int, int]]:
    """Pairs whose MinHash LSH (word 5-grams) says Jaccard ≥ `low`, with their exact shingle Jaccard."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=low, num_perm=num_perm)
    sets: dict[int, set[str]] = {}
    for rec in recs:
        sh = shingles(rec["text"])
        m = MinHash(num_perm=num_perm, seed=1)
        for s in sh:
            m.update(s.encode("utf-8"))
        line = rec["line"]
        sets[line] = sh
        lsh.insert(str(line), m)
        sets[line] = sh
    pairs: set[tuple[int, int]] = set()
    for rec in recs:
        m = MinHash(num_perm=num_perm, seed=1)
        for s in sets[rec["line"]]:
            m.update(s.encode("utf-8"))
        for other in lsh.query(m):
            a, b = sorted((rec["line"], int(other)))
            if a != b:
                pairs.add((a, b))
    out = []
    for a, b in pairs:
        jac = len(sets[a] & sets[b]) / max(1, len(sets[a] | sets[b]))
        out.append((jac, a, b))
    return sorted(out, reverse=True)


def find_offsets(text: str, word: str, after: str | None = None, nth: int = 1) -> tuple[int, int]:
    """Offsets of the nth occurrence of `word` at or after the first occurrence of `after` (exact text)."""
    base = 0
    if after:
        base = text.find(after)
        if base < 0:
            raise ValueError(f"anchor {after!r} not found")
    pos = base - 1
    for _ in range(nth):
        pos = text.find(word, pos + 1)
        if pos < 0:
            raise ValueError(f"{word!r} not found (occurrence {nth} after {after!r})")
    return pos, pos + len(word)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("extract")
    p_ev = sub.add_parser("events")
    p_ev.add_argument("--min", type=int, default=2, help="least number of articles in a group")
    p_ev.add_argument("--family", default=None)
    p_ar = sub.add_parser("articles")
    p_ar.add_argument("--min", type=int, default=2)
    p_ar.add_argument("--threshold", type=float, default=0.25)
    p_ar.add_argument("--lead", type=int, default=300, help="characters of the lead to print")
    p_ar.add_argument("--events", action="store_true", help="list the system's events of the lead")
    p_co = sub.add_parser("copies")
    p_co.add_argument("--low", type=float, default=0.3)
    p_co.add_argument("--high", type=float, default=0.5)
    p_sh = sub.add_parser("show")
    p_sh.add_argument("line", type=int)
    p_sh.add_argument("--events", action="store_true")
    p_fi = sub.add_parser("find")
    p_fi.add_argument("line", type=int)
    p_fi.add_argument("word")
    p_fi.add_argument("--after", default=None)
    p_fi.add_argument("--nth", type=int, default=1)
    args = ap.parse_args(argv)

    if args.cmd == "extract":
        run_extract()
        return 0
    recs = load()
    by_line = {r["line"]: r for r in recs}
    if args.cmd == "events":
        groups = event_groups(list(event_rows(recs)))
        for g in groups:
            if len({r["line"] for r in g}) < args.min or (args.family and g[0]["family"] != args.family):
                continue
            print(f"=== {g[0]['family']} {g[0]['country']} {g[0]['date']}..{g[-1]['date']} ({len(g)} events)")
            for r in g:
                counts = ",".join(f"{k}={v}" for k, v in r["counts"].items())
                print(
                    f"  {r['line']:>5} {r['outlet']:<12} {r['id']:<5} {r['type']:<8} {r['date']}"
                    f"{'' if r['dated'] else '*'} [{r['trigger']}] @{r['place']} {counts} <{r['source']}>"
                    f" | {r['evidence'][:160]}"
                )
    elif args.cmd == "articles":
        for g in article_groups(recs, threshold=args.threshold):
            if len(g) < args.min:
                continue
            print(f"=== {len(g)} articles")
            for r in g:
                title = (r["doc"].get("title") or "").replace("\n", " ")
                print(f"  {r['line']:>5} {r['doc']['published']} {r['doc']['outlet']:<12} {title[:100]}")
                print(f"        | {_lead(r, args.lead)}")
                if args.events:
                    limit = (r["doc"].get("headline") or [0, 0])[1] + args.lead
                    evs = [e for e in event_rows([r]) if e["start"] < limit]
                    print(
                        "        > "
                        + "; ".join(
                            f"{e['id']} {e['type']} [{e['trigger']}] @{e['place']} {e['date']}"
                            + (" " + ",".join(f"{k}={v}" for k, v in e["counts"].items()) if e["counts"] else "")
                            for e in evs
                        )
                    )
    elif args.cmd == "copies":
        for jac, a, b in copy_candidates(recs, low=args.low):
            flag = "ABOVE" if jac >= args.high else "near "
            ra, rb = by_line[a], by_line[b]
            print(
                f"{flag} {jac:.3f} {a:>5} {ra['doc']['outlet']:<12} {b:>5} {rb['doc']['outlet']:<12} "
                f"{(ra['doc'].get('title') or '')[:60]} || {(rb['doc'].get('title') or '')[:60]}"
            )
    elif args.cmd == "show":
        rec = by_line.get(args.line)
        if rec is None:
            sys.exit(f"line {args.line} is not available (gold article or absent)")
        print(rec["doc"]["published"], rec["doc"]["outlet"], rec["doc"]["url"])
        print(rec["text"])
        if args.events:
            for r in event_rows([rec]):
                print(
                    f"  {r['id']} {r['type']} [{r['trigger']}] {r['start']}-{r['end']} @{r['place']} {r['date']} "
                    f"{r['counts']} <{r['source']}>"
                )
    elif args.cmd == "find":
        rec = by_line.get(args.line)
        if rec is None:
            sys.exit(f"line {args.line} is not available (gold article or absent)")
        start, end = find_offsets(rec["text"], args.word, args.after, args.nth)
        print(start, end, rec["text"][max(0, start - 40) : end + 40].replace("\n", " "))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
