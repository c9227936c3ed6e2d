"""Phrase-level NER scoring as conlleval does it: an entity counts only with exact boundaries and type."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


def chunks(tags: Sequence[str]) -> set[tuple[int, int, str]]:
    """Entity spans ``(start, end, type)`` of a BIO sequence; an ``I-`` after ``O`` or another type starts one."""
    out: set[tuple[int, int, str]] = set()
    start: int | None = None
    kind = ""
    for i, tag in enumerate((*tags, "O")):
        prefix, _, t = tag.partition("-")
        begins = prefix == "B" or (prefix == "I" and (start is None or t != kind))
        if start is not None and (prefix == "O" or begins):
            out.add((start, i, kind))
            start = None
        if begins:
            start, kind = i, t
    return out


@dataclass
class Scores:
    """Counts of gold, predicted and correct phrases per type, with P/R/F1 derived."""

    gold: Counter[str] = field(default_factory=Counter)
    pred: Counter[str] = field(default_factory=Counter)
    correct: Counter[str] = field(default_factory=Counter)

    def add(self, gold_tags: Sequence[str], pred_tags: Sequence[str]) -> None:
        g, p = chunks(gold_tags), chunks(pred_tags)
        self.gold.update(c[2] for c in g)
        self.pred.update(c[2] for c in p)
        self.correct.update(c[2] for c in g & p)

    def types(self) -> list[str]:
        return sorted(set(self.gold) | set(self.pred))

    def prf(self, kind: str | None = None) -> tuple[float, float, float]:
        """Precision, recall and F1 of one type, or micro-averaged over all types."""
        if kind is None:
            c, p, g = sum(self.correct.values()), sum(self.pred.values()), sum(self.gold.values())
        else:
            c, p, g = self.correct[kind], self.pred[kind], self.gold[kind]
        prec = c / p if p else 0.0
        rec = c / g if g else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        return prec, rec, f1

    def macro_f1(self, types: Iterable[str] | None = None) -> float:
        kinds = list(types) if types is not None else [t for t in self.types() if self.gold[t]]
        return sum(self.prf(t)[2] for t in kinds) / len(kinds) if kinds else 0.0

    def as_dict(self) -> dict[str, object]:
        per_type = {}
        for t in self.types():
            p, r, f = self.prf(t)
            per_type[t] = {"precision": p, "recall": r, "f1": f, "gold": self.gold[t], "predicted": self.pred[t]}
        p, r, f = self.prf()
        return {"per_type": per_type, "micro": {"precision": p, "recall": r, "f1": f}, "macro_f1": self.macro_f1()}


def score(gold: Iterable[Sequence[str]], pred: Iterable[Sequence[str]]) -> Scores:
    """Scores of predicted tag sequences against gold ones, sentence by sentence."""
    s = Scores()
    for g, p in zip(gold, pred, strict=True):
        s.add(g, p)
    return s
