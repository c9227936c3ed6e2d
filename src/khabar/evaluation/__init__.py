"""Evaluation against gold annotations (khabar/gold-1) and CoNLL NER files; the accuracy gate."""

from __future__ import annotations

from khabar.evaluation.floors import FloorCheck, check_floors, load_floors
from khabar.evaluation.gold import GoldDoc, find_data_dir, load_gold
from khabar.evaluation.ner import NerReport, conlleval
from khabar.evaluation.score import Report, evaluate, score_document
from khabar.evaluation.system import read_system, run_pipeline

__all__ = [
    "FloorCheck",
    "GoldDoc",
    "NerReport",
    "Report",
    "check_floors",
    "conlleval",
    "evaluate",
    "find_data_dir",
    "load_floors",
    "load_gold",
    "read_system",
    "run_pipeline",
    "score_document",
]
