"""PLOVER JSONL export (placeholder until the events issue lands)."""

from __future__ import annotations

from typing import Any

from khabar.model import Document


def plover_records(doc: Document) -> list[dict[str, Any]]:
    return [{"event_id": ev.id, "event_type": ev.type, "mode": ev.mode} for ev in doc.events]
