"""Scoring same-event clusters and copy groups against the cluster gold (``eval/gold/clusters``).

Gold events are identified by their article (1-based line of the corpus file; system article id ``line-N``) and
the offsets of their trigger. Each gold event is matched to one system event of that article: the one whose
trigger overlaps the gold trigger, else the one whose trigger is nearest in the same sentence; a gold event with
no such system event stays a singleton of the system side (the system missed it). The items scored are the gold
events of the chosen split (clusters and hard negatives; a negative's event outside every cluster is a gold
singleton). Scores: pairwise precision/recall/F1 over item pairs, B³ (Bagga & Baldwin 1998) precision/recall/F1,
the share of hard negatives kept apart, and copy-detection precision/recall over the labelled article pairs.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from khabar.errors import InputError
from khabar.model import Document

SPLITS = ("heldout", "train", "all")


@dataclass(frozen=True, slots=True)
class GoldEvent:
    line: int
    start: int
    end: int
    outlet: str | None
    trigger: str

    @property
    def key(self) -> str:
        return f"{self.line}:{self.start}"

    @property
    def article(self) -> str:
        return f"line-{self.line}"


@dataclass
class ClusterGold:
    clusters: dict[str, list[GoldEvent]]
    negatives: dict[str, tuple[GoldEvent, GoldEvent]]
    copies: dict[str, tuple[int, int, bool]]  # pair id -> (line a, line b, is copy)
    heldout: dict[str, set[str]]
    corpus: str  # the corpus file the gold points into, relative to the shared data folder

    def lines(self) -> set[int]:
        out = {e.line for evs in self.clusters.values() for e in evs}
        out |= {e.line for pair in self.negatives.values() for e in pair}
        out |= {x for a, b, _ in self.copies.values() for x in (a, b)}
        return out

    def select(self, split: str) -> ClusterGold:
        if split not in SPLITS:
            raise InputError(f"unknown split {split!r} (choose from {', '.join(SPLITS)})")
        if split == "all":
            return self

        def keep(kind: str, ident: str) -> bool:
            return (ident in self.heldout[kind]) == (split == "heldout")

        return ClusterGold({k: v for k, v in self.clusters.items() if keep("clusters", k)},
                           {k: v for k, v in self.negatives.items() if keep("negatives", k)},
                           {k: v for k, v in self.copies.items() if keep("copies", k)}, self.heldout, self.corpus)


def _event(obj: Mapping[str, Any]) -> GoldEvent:
    art = obj["article"]
    return GoldEvent(int(art["line"]), int(obj["start"]), int(obj["end"]), obj.get("outlet"), obj.get("trigger", ""))


def _jsonl(path: Path) -> list[dict[str, Any]]:
    try:
        return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read cluster gold: {exc}") from None


def load_cluster_gold(folder: Path) -> ClusterGold:
    """Read ``clusters.jsonl``, ``negatives.jsonl``, ``copies.jsonl`` and ``split.json`` of a gold folder."""
    if not (folder / "clusters.jsonl").is_file():
        raise InputError(f"{folder}: no clusters.jsonl (a cluster gold folder, like eval/gold/clusters)")
    try:
        clusters = {c["cluster"]: [_event(e) for e in c["events"]] for c in _jsonl(folder / "clusters.jsonl")}
        negatives = {n["pair"]: (_event(n["a"]), _event(n["b"])) for n in _jsonl(folder / "negatives.jsonl")} \
            if (folder / "negatives.jsonl").is_file() else {}
        copies = {p["pair"]: (int(p["a"]["line"]), int(p["b"]["line"]), p["label"] == "copy")
                  for p in _jsonl(folder / "copies.jsonl")} if (folder / "copies.jsonl").is_file() else {}
        split = json.loads((folder / "split.json").read_text(encoding="utf-8")) \
            if (folder / "split.json").is_file() else {"heldout": {}}
        paths = {e["article"]["path"] for c in _jsonl(folder / "clusters.jsonl") for e in c["events"]}
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{folder}: malformed cluster gold: {exc!r}") from None
    held = {k: set(split.get("heldout", {}).get(k, ())) for k in ("clusters", "negatives", "copies")}
    if len(paths) > 1:
        raise InputError(f"{folder}: gold events point into several corpus files: {sorted(paths)}")
    return ClusterGold(clusters, negatives, copies, held, paths.pop() if paths else "")


def match_event(doc: Document, g: GoldEvent) -> str | None:
    """The id of the system event of ``doc`` that stands for the gold event, or None."""
    for ev in doc.events:
        if ev.trigger.start < g.end and g.start < ev.trigger.end:
            return ev.id
    sent = doc.sentence_of(g.start)
    if sent is None:
        return None
    near = [(abs(ev.trigger.start - g.start), i, ev.id) for i, ev in enumerate(doc.events)
            if sent.start <= ev.trigger.start < sent.end]
    return min(near)[2] if near else None


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float
    f1: float

    @staticmethod
    def of(p: float, r: float) -> PRF:
        return PRF(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def pairwise(gold: Mapping[str, str], system: Mapping[str, str]) -> tuple[PRF, int, int, int]:
    """Pairwise P/R/F1 of two partitions of the same items (item -> cluster label); also tp, fp, fn."""
    items = sorted(gold)
    tp = fp = fn = 0
    for i, a in enumerate(items):
        for b in items[i + 1:]:
            same_g, same_s = gold[a] == gold[b], system[a] == system[b]
            tp += same_g and same_s
            fp += same_s and not same_g
            fn += same_g and not same_s
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return PRF.of(p, r), tp, fp, fn


def b_cubed(gold: Mapping[str, str], system: Mapping[str, str]) -> PRF:
    """B³ precision/recall/F1 (item-averaged) of two partitions of the same items."""
    if not gold:
        return PRF(1.0, 1.0, 1.0)
    g_members: dict[str, set[str]] = defaultdict(set)
    s_members: dict[str, set[str]] = defaultdict(set)
    for item in gold:
        g_members[gold[item]].add(item)
        s_members[system[item]].add(item)
    p = r = 0.0
    for item in gold:
        g, s = g_members[gold[item]], s_members[system[item]]
        inter = len(g & s)
        p += inter / len(s)
        r += inter / len(g)
    return PRF.of(p / len(gold), r / len(gold))


@dataclass
class ClusterReport:
    split: str
    items: int
    matched: int
    clusters: int
    pairwise: PRF
    pair_counts: tuple[int, int, int]
    b3: PRF
    negatives_apart: tuple[int, int]
    copies: PRF
    copy_counts: tuple[int, int, int]
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        def prf(x: PRF) -> dict[str, float]:
            return {"precision": round(x.precision, 4), "recall": round(x.recall, 4), "f1": round(x.f1, 4)}

        return {"split": self.split, "items": self.items, "matched": self.matched, "gold_clusters": self.clusters,
                "pairwise": {**prf(self.pairwise), "tp": self.pair_counts[0], "fp": self.pair_counts[1],
                             "fn": self.pair_counts[2]},
                "b3": prf(self.b3),
                "negatives_apart": {"apart": self.negatives_apart[0], "of": self.negatives_apart[1]},
                "copies": {**prf(self.copies), "tp": self.copy_counts[0], "fp": self.copy_counts[1],
                           "fn": self.copy_counts[2]}}

    def scores(self) -> dict[str, float]:
        """Named scores for the floors (``eval/floors.toml`` keys ``clusters.*``)."""
        return {"clusters.pairwise.f1": self.pairwise.f1, "clusters.b3.f1": self.b3.f1,
                "clusters.copies.precision": self.copies.precision, "clusters.copies.recall": self.copies.recall}


def gold_partition(gold: ClusterGold) -> dict[str, str]:
    part: dict[str, str] = {}
    for cid, evs in gold.clusters.items():
        for e in evs:
            part[e.key] = cid
    for nid, pair in gold.negatives.items():
        for i, e in enumerate(pair):
            part.setdefault(e.key, f"{nid}.{i}")
    return part


def score_clusters(gold: ClusterGold, docs: Mapping[str, Document], cluster_of: Mapping[str, str],
                   copy_groups: Mapping[str, str], split: str = "heldout") -> ClusterReport:
    """Score a system clustering (``cluster_of``: "article/event" -> cluster) and copy groups on a gold split."""
    part = gold_partition(gold)
    events = {e.key: e for evs in gold.clusters.values() for e in evs}
    for pair in gold.negatives.values():
        for e in pair:
            events.setdefault(e.key, e)
    system: dict[str, str] = {}
    matched = 0
    errors = []
    for key, g in sorted(events.items()):
        doc = docs.get(g.article)
        ev = match_event(doc, g) if doc is not None else None
        label = cluster_of.get(f"{g.article}/{ev}") if ev is not None else None
        if label is None:
            system[key] = f"missed:{key}"
            errors.append(f"unmatched gold event {key} [{g.trigger}]")
        else:
            system[key] = label
            matched += 1
    pw, tp, fp, fn = pairwise(part, system)
    apart = sum(system[a.key] != system[b.key] for a, b in gold.negatives.values())
    ctp = cfp = cfn = 0
    for a, b, is_copy in gold.copies.values():
        ga, gb = copy_groups.get(f"line-{a}"), copy_groups.get(f"line-{b}")
        said = ga is not None and ga == gb
        ctp += said and is_copy
        cfp += said and not is_copy
        cfn += is_copy and not said
    cp = ctp / (ctp + cfp) if ctp + cfp else 1.0
    cr = ctp / (ctp + cfn) if ctp + cfn else 1.0
    return ClusterReport(split, len(events), matched, len(gold.clusters), pw, (tp, fp, fn), b_cubed(part, system),
                         (apart, len(gold.negatives)), PRF.of(cp, cr), (ctp, cfp, cfn), errors)


def corpus_articles(path: Path, lines: Iterable[int] | None = None) -> Iterable[tuple[int, dict[str, Any]]]:
    """(line, article) of a JSONL corpus file (1-based lines), only ``lines`` when given."""
    wanted = set(lines) if lines is not None else None
    try:
        with path.open(encoding="utf-8") as fh:
            for n, raw in enumerate(fh, start=1):
                if raw.strip() and (wanted is None or n in wanted):
                    yield n, json.loads(raw)
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read corpus: {exc}") from None


def gold_documents(gold: ClusterGold, data_root: Path, *, store: Any = None,
                   progress: Any = None) -> dict[str, Document]:
    """Every article of the gold's corpus file as a Document (id ``line-N``), extracted by the current pipeline.

    With ``store`` (a ``khabar.store.Store``), articles stored there by the current pipeline version are loaded
    instead of extracted — under their id ``line-N``, or found by their text's content hash (a store filled by
    ``khabar ingest`` of the corpus file, whose ids are ``doc-…``; a line whose text is stored once for several
    lines gets that article under each line's id) — and the ones extracted are saved (a cache for the next run).
    ``progress`` is called with (done, total) after each article.
    """
    from khabar.errors import InputError as _InputError
    from khabar.extract import extract

    path = data_root / gold.corpus
    if not path.is_file():
        raise InputError(f"corpus file {path} of the cluster gold not found (set KHABAR_SHARED_DATA)")
    rows = list(corpus_articles(path))
    have: dict[str, Document] = {}
    if store is not None:
        have = _stored_documents(store, rows)
    out: dict[str, Document] = {}
    for done, (n, art) in enumerate(rows, start=1):
        aid = f"line-{n}"
        doc = have.get(aid)
        if doc is None:
            try:
                doc = extract(art.get("content") or "", title=art.get("title"),
                              published=(art.get("date_extracted") or "")[:10] or None, outlet=art.get("source"),
                              id=aid, url=art.get("url"))
            except _InputError:
                continue
            if store is not None:
                store.save(doc, origin=f"{gold.corpus}:{n}")
        out[aid] = doc
        if progress is not None:
            progress(done, len(rows))
    return out


def _stored_documents(store: Any, rows: list[tuple[int, dict[str, Any]]]) -> dict[str, Document]:
    """The corpus lines' Documents found in ``store`` with the current pipeline version, keyed ``line-N``."""
    import dataclasses

    from khabar.errors import KhabarError
    from khabar.extract import make_document
    from khabar.store.version import content_hash, pipeline_version

    version = pipeline_version()
    wanted = {f"line-{n}" for n, _ in rows}
    stored = {i for i in store.article_ids() if i in wanted and store.stored_version(i) == version}
    by_line: dict[str, str] = {aid: aid for aid in stored}
    for n, art in rows:
        aid = f"line-{n}"
        if aid in by_line:
            continue
        try:
            bare = make_document(art.get("content") or "", title=art.get("title"))
        except KhabarError:
            continue
        known = store.lookup(content_hash(bare.text))
        if known is not None and known[1] == version:
            by_line[aid] = known[0]
    docs = {d.id: d for d in store.iter_documents(sorted(set(by_line.values())))}
    return {aid: (doc if doc.id == aid else dataclasses.replace(doc, id=aid))
            for aid, sid in by_line.items() if (doc := docs.get(sid)) is not None}
