"""Training and held-out scoring of the role tagger (``khabar.events.roles``) on the event annotations.

The annotations (``eval/annotations/events``: candidates, the primary label files
``labels-<letter>.jsonl`` of ``khabar.training.labels``, the test split)
name each happening's actors and targets as surface texts of its sentence. Each text is placed at its
occurrence nearest the trigger (as ``scripts/event_labels_check.py`` does) and becomes BIO tags over
the sentence tokens; the features are those the events stage computes for the trigger the engine
finds at the candidate's first word, with the clause rules' phrases (``ROLE_POLICY = "rules"`` while
the data are built, so a shipped model never feeds its own training).
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from khabar.evaluation.match import matches
from khabar.events import arguments, assemble
from khabar.events import roles as role_model
from khabar.model import Document, Event
from khabar.training.labels import load_all

REL_PATH = "news/saudinewsnet/conflict_subset.jsonl"


@dataclass(frozen=True, slots=True)
class TrainParams:
    """crfsuite settings (L-BFGS, L1 + L2); fixed, so a retrain gives the same file."""

    c1: float = 0.4
    c2: float = 0.2
    max_iterations: int = 200
    feature_minfreq: int = 1


@dataclass(slots=True)
class Annotations:
    candidates: dict[str, dict[str, Any]]
    labels: dict[str, dict[str, Any]]  # happenings only, by candidate id
    test_lines: frozenset[int]

    def lines(self) -> list[int]:
        return sorted({self.candidates[i]["text_ref"]["line"] for i in self.labels})


def load_annotations(folder: Path) -> Annotations:
    """Candidates, the happening labels of every primary label file and the test split of an annotation folder."""
    cands = {}
    for raw in (folder / "candidates.jsonl").read_text(encoding="utf-8").splitlines():
        if raw.strip():
            c = json.loads(raw)
            cands[c["id"]] = c
    labels: dict[str, dict[str, Any]] = {}
    for lab in load_all(folder).values():
        if lab.get("happening") and lab["id"] in cands:
            labels[lab["id"]] = lab
    split = json.loads((folder / "split.json").read_text(encoding="utf-8"))
    test = split.get("test_lines") or split.get("test") or []
    return Annotations(cands, labels, frozenset(int(x) for x in test))


@dataclass(slots=True)
class Article:
    """One annotated article as the events stage saw it: the (folded) text, the map from the offsets of
    the annotations (original text) to it, and what the stage computed for each trigger."""

    line: int
    text: str
    offsets: list[int] | None  # folded position -> original offset (None: nothing folded)
    rec: _Calls

    def pos(self, original: int) -> int:
        return original if self.offsets is None else bisect.bisect_left(self.offsets, original)


def run_articles(
    data: Path, lines: Sequence[int], name: str, log: Callable[[str], None] | None = None
) -> list[Article]:
    """Run the pipeline on the articles at ``lines`` (1-based) of the conflict subset with role policy
    ``name``, recording each trigger's argument call and event (in the coordinates the stages see)."""
    from khabar.arabic.normalize import fold_for_matching
    from khabar.extract import extract, make_document

    all_lines = (data / REL_PATH).read_text(encoding="utf-8").splitlines()
    out: list[Article] = []
    for n, line in enumerate(lines, start=1):
        art = json.loads(all_lines[line - 1])
        published = (art.get("date_extracted") or "")[:10] or None
        content, title = str(art.get("content") or ""), art.get("title") or None
        text = make_document(content, title=title).text
        folded = fold_for_matching(text)
        with policy(name), _recording() as rec:
            extract(content, title=title, published=published, url=art.get("url"))
        out.append(Article(line, folded[0] if folded else text, folded[1] if folded else None, rec))
        if log is not None and n % 50 == 0:
            log(f"{n}/{len(lines)} articles")
    return out


@contextmanager
def policy(name: str) -> Iterator[None]:
    """Run the events stage with another ``ROLE_POLICY`` (the role model itself is not reloaded)."""
    old = arguments.ROLE_POLICY
    arguments.ROLE_POLICY = name
    try:
        yield
    finally:
        arguments.ROLE_POLICY = old


@dataclass(slots=True)
class _Calls:
    """What the events stage computed for each trigger: its argument call and its event before merging."""

    calls: dict[int, tuple[Any, ...]] = field(default_factory=dict)  # trigger start -> (doc, trig, window, rules)
    events: dict[int, Event] = field(default_factory=dict)  # trigger start -> event


@contextmanager
def _recording() -> Iterator[_Calls]:
    rec = _Calls()
    real_args = arguments.actors_targets
    real_sent = assemble._sentence_events

    def args_hook(doc: Document, tokens: Any, trig: Any, w: Any, anchor: int) -> Any:
        out = real_args(doc, tokens, trig, w, anchor)
        rec.calls[tokens[trig.first].start] = (doc, trig, w, out)  # under policy "rules": the rules' phrases
        return out

    def sent_hook(*a: Any, **kw: Any) -> Any:
        found = real_sent(*a, **kw)
        for ev, _, _ in found:
            rec.events[ev.trigger.start] = ev
        return found

    arguments.actors_targets = args_hook
    assemble._sentence_events = sent_hook
    try:
        yield rec
    finally:
        arguments.actors_targets = real_args
        assemble._sentence_events = real_sent


def _resolve(text: str, sentence: tuple[int, int], trigger: tuple[int, int], span: str) -> tuple[int, int] | None:
    """Offsets of ``span`` inside ``sentence``, the occurrence nearest the trigger."""
    lo, hi = sentence
    best: tuple[int, int] | None = None
    at = text.find(span, lo, hi)
    while at >= 0:
        dist = min(abs(at - trigger[1]), abs(at + len(span) - trigger[0]))
        if best is None or dist < best[0]:
            best = (dist, at)
        at = text.find(span, at + 1, hi)
    return None if best is None else (best[1], best[1] + len(span))


@dataclass(frozen=True, slots=True)
class Instance:
    id: str
    line: int
    features: list[list[str]]
    tags: list[str]


def instances(ann: Annotations, arts: Sequence[Article], *, test: bool) -> tuple[list[Instance], int]:
    """Training (or test) instances from articles run with policy "rules": one per labelled happening whose
    first word the engine reads as a trigger; returns them and the number left out (no engine trigger)."""
    out: list[Instance] = []
    missing = 0
    by_line = _by_line(ann)
    for art in arts:
        if (art.line in ann.test_lines) != test:
            continue
        for cid in by_line.get(art.line, []):
            cand, lab = ann.candidates[cid], ann.labels[cid]
            call = art.rec.calls.get(art.pos(cand["start"]))
            if call is None:
                missing += 1
                continue
            doc, trig, w, rules = call
            tokens = doc.tokens
            feats = role_model.sentence_features(
                doc, tokens, w.lo, w.hi, (trig.first, trig.last), (trig.type, trig.pos, trig.gen, trig.mode),
                (w.left, w.right), rules,
            )
            tags = ["O"] * (w.hi - w.lo)
            sent = (art.pos(cand["sentence"][0]), art.pos(cand["sentence"][1]))
            trig_at = (art.pos(cand["start"]), art.pos(cand["end"]))
            for role, key in (("A", "actor"), ("T", "target")):
                for text in lab.get(key) or []:
                    where = _resolve(art.text, sent, trig_at, text)
                    if where is None:
                        continue
                    inside = [k for k in range(w.lo, w.hi) if tokens[k].start < where[1] and tokens[k].end > where[0]]
                    for n, k in enumerate(inside):
                        if tags[k - w.lo] == "O":
                            tags[k - w.lo] = ("B-" if n == 0 else "I-") + role
            out.append(Instance(cid, art.line, feats, tags))
    return out, missing


def _by_line(ann: Annotations) -> dict[int, list[str]]:
    by_line: dict[int, list[str]] = {}
    for cid in sorted(ann.labels, key=lambda c: (ann.candidates[c]["text_ref"]["line"], ann.candidates[c]["start"])):
        by_line.setdefault(ann.candidates[cid]["text_ref"]["line"], []).append(cid)
    return by_line


def train(data: Sequence[Instance], out: Path, params: TrainParams | None = None) -> Path:
    """Train the role CRF on ``data`` and write it to ``out``."""
    import pycrfsuite

    p = params or TrainParams()
    trainer = pycrfsuite.Trainer(verbose=False)
    for inst in data:
        trainer.append(inst.features, inst.tags)
    trainer.set_params(
        {"c1": p.c1, "c2": p.c2, "max_iterations": p.max_iterations, "feature.minfreq": p.feature_minfreq}
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    return out


@dataclass(slots=True)
class RoleScores:
    """Actor/target accuracy as ``khabar eval`` counts it: of the happenings whose gold names one, how
    many the system's phrases match (any system phrase matching any gold phrase)."""

    actor_ok: int = 0
    actor_n: int = 0
    target_ok: int = 0
    target_n: int = 0
    empty_ok: int = 0  # gold names neither, the system none either
    empty_n: int = 0

    def as_dict(self) -> dict[str, Any]:
        def r(a: int, b: int) -> float:
            return round(a / b, 4) if b else 0.0

        return {
            "actor_accuracy": r(self.actor_ok, self.actor_n), "actors": self.actor_n,
            "target_accuracy": r(self.target_ok, self.target_n), "targets": self.target_n,
            "neither_kept_empty": r(self.empty_ok, self.empty_n), "neither": self.empty_n,
        }


def score(ann: Annotations, arts: Sequence[Article], *, test: bool = True) -> RoleScores:
    """Role accuracy on the test (or training) articles, from articles run with the policy to score: the
    actors and targets of the engine's event at each labelled happening's trigger, before the merging of
    one sentence's events (a happening with no engine trigger there counts as wrong)."""
    sc = RoleScores()
    by_line = _by_line(ann)
    for art in arts:
        if (art.line in ann.test_lines) != test:
            continue
        for cid in by_line.get(art.line, []):
            lab = ann.labels[cid]
            ev = art.rec.events.get(art.pos(ann.candidates[cid]["start"]))
            actors = [a.text for a in ev.actors] if ev else []
            targets = [t.text for t in ev.targets] if ev else []
            gold_a, gold_t = lab.get("actor") or [], lab.get("target") or []
            if gold_a:
                sc.actor_n += 1
                sc.actor_ok += bool(ev) and any(matches(actors, [g]) for g in gold_a)
            if gold_t:
                sc.target_n += 1
                sc.target_ok += bool(ev) and any(matches(targets, [g]) for g in gold_t)
            if not gold_a and not gold_t:
                sc.empty_n += 1
                sc.empty_ok += bool(ev) and not actors and not targets
    return sc


def write_info(model: Path, **info: Any) -> Path:
    """The JSON sidecar next to the model (what it was trained on, how, its held-out figures)."""
    side = model.with_suffix(".json")
    body = {"model": model.name, "feature_version": role_model.FEATURE_VERSION, **info}
    side.write_text(json.dumps(body, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return side


__all__ = [
    "Annotations",
    "Article",
    "Instance",
    "RoleScores",
    "TrainParams",
    "instances",
    "load_annotations",
    "policy",
    "run_articles",
    "score",
    "train",
    "write_info",
]
