"""The primary label files of the event annotations (``eval/annotations/events``), one list for every user.

A primary file is ``labels-<letter>.jsonl``: one annotator's labels on whole articles, training data for the
happening classifier and the role tagger (unless the article is in ``split.json``'s test lines). The blind
re-labelling samples (``labels-a-second.jsonl``, ``labels-b-agreement.jsonl``) are agreement figures, never
training data, and do not match. A new annotator's file is picked up by adding it to the folder (and its
counts section to the folder's README); the models must then be retrained (their ``--check`` fails until).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

PRIMARY = re.compile(r"labels-([a-z])\.jsonl")


def label_files(folder: Path) -> list[Path]:
    """The primary label files of ``folder``, in annotator order (a, b, c …)."""
    return sorted(p for p in folder.iterdir() if PRIMARY.fullmatch(p.name) and p.is_file())


def annotator(path: Path) -> str:
    """The annotator letter of a primary label file (``labels-c.jsonl`` → ``c``)."""
    m = PRIMARY.fullmatch(path.name)
    if m is None:
        raise ValueError(f"{path.name} is not a primary label file (labels-<letter>.jsonl)")
    return m.group(1)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def load_all(folder: Path) -> dict[str, dict[str, Any]]:
    """Every label of the primary files by candidate id (a later file's label of the same id wins)."""
    out: dict[str, dict[str, Any]] = {}
    for path in label_files(folder):
        for rec in read_jsonl(path):
            out[rec["id"]] = rec
    return out


def describe(folder: Path) -> str:
    """``labels-a.jsonl, labels-b.jsonl, …``: the files as the models' metadata name them."""
    return ", ".join(p.name for p in label_files(folder))
