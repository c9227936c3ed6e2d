"""Phrase-level NER scoring for training and cross-validation, through the conlleval scorer of khabar.evaluation."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from khabar.evaluation.ner import NerReport, TaggedToken, TypeScore, conlleval
from khabar.ner import chunks

__all__ = ["Scores", "chunks", "score"]


@dataclass
class Scores:
    """Gold and predicted tag sequences of a run, scored by ``khabar.evaluation.ner.conlleval`` (one scorer)."""

    sentences: list[list[TaggedToken]] = field(default_factory=list)

    def add(self, gold_tags: Sequence[str], pred_tags: Sequence[str]) -> None:
        self.sentences.append([TaggedToken("_", g, p) for g, p in zip(gold_tags, pred_tags, strict=True)])

    def report(self) -> NerReport:
        return conlleval(self.sentences)

    def types(self) -> list[str]:
        return sorted(self.report().by_type)

    def prf(self, kind: str | None = None) -> tuple[float, float, float]:
        """Precision, recall and F1 of one type, or micro-averaged over all types."""
        report = self.report()
        s = report.overall if kind is None else report.by_type.get(kind, TypeScore(0, 0, 0))
        return s.precision, s.recall, s.f1

    def macro_f1(self, types: Iterable[str] | None = None) -> float:
        by_type = self.report().by_type
        kinds = list(types) if types is not None else [t for t, s in by_type.items() if s.gold]
        return sum(self.prf(t)[2] for t in kinds) / len(kinds) if kinds else 0.0

    def as_dict(self) -> dict[str, object]:
        report = self.report()
        per_type = {
            t: {"precision": s.precision, "recall": s.recall, "f1": s.f1, "gold": s.gold, "predicted": s.found}
            for t, s in sorted(report.by_type.items())
        }
        p, r, f = self.prf()
        return {"per_type": per_type, "micro": {"precision": p, "recall": r, "f1": f}, "macro_f1": self.macro_f1()}


def score(gold: Iterable[Sequence[str]], pred: Iterable[Sequence[str]]) -> Scores:
    """Scores of predicted tag sequences against gold ones, sentence by sentence."""
    s = Scores()
    for g, p in zip(gold, pred, strict=True):
        s.add(g, p)
    return s
