"""System output for evaluation: khabar JSON records read from a JSONL file, or made by running the pipeline."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from khabar.errors import InputError, KhabarError, RecordError
from khabar.evaluation.gold import GoldDoc, article_inputs
from khabar.jsonlines import open_jsonl


def read_system(path: Path) -> dict[str, dict[str, Any]]:
    """Records of ``khabar extract --jsonl`` output by ``id`` (.gz ok); a repeated id is an error."""
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    records: dict[str, dict[str, Any]] = {}
    with open_jsonl(path) as stream:
        for n, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise RecordError(f"{path}:{n}: invalid JSON: {exc.msg}") from None
            if not isinstance(rec, dict) or not isinstance(rec.get("id"), str | int):
                raise RecordError(f"{path}:{n}: expected a khabar JSON record with an 'id'")
            key = str(rec["id"])
            if key in records:
                raise RecordError(f"{path}:{n}: duplicate record id {key!r}")
            records[key] = rec
    return records


def run_pipeline(
    gold: Sequence[GoldDoc],
    data_dir: Path | None,
    *,
    progress: Callable[[], None] | None = None,
) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Run ``khabar.extract`` on each gold article; returns records by id and notes on failures.

    The text is ``title + "\\n\\n" + content`` of the referenced article (what ``extract(content,
    title=title)`` builds), with the gold's ``published`` and ``outlet``. An article the pipeline
    rejects (e.g. as not Arabic) gets no record, so it counts as empty output; it is named in the notes.
    """
    from khabar.extract import extract

    records: dict[str, dict[str, Any]] = {}
    notes: list[str] = []
    for doc in gold:
        content, title = article_inputs(doc, data_dir)
        try:
            result = extract(content, title=title, published=doc.published, outlet=doc.outlet, id=doc.id)
        except InputError as exc:
            notes.append(f"{doc.id}: the pipeline rejected the article: {exc}")
        except KhabarError:
            raise
        else:
            records[doc.id] = result.to_dict(include_text=False)
        if progress is not None:
            progress()
    return records, notes
