"""The accuracy gate: floors for the main scores, pinned in a TOML file (``eval/floors.toml``).

The file has one table, ``[floors]``, mapping a score name of ``Report.scores()`` (such as
``"entities.f1"`` or ``"events.place.accuracy"``) to the lowest value the development set may
give. Raising a floor is a normal commit; lowering one needs its reason in the commit message.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from khabar.errors import InputError
from khabar.evaluation.score import Report


@dataclass(frozen=True, slots=True)
class FloorCheck:
    """One floor compared with its measured score (None when there was nothing to measure)."""

    name: str
    floor: float
    score: float | None

    @property
    def ok(self) -> bool:
        return (self.score if self.score is not None else 0.0) >= self.floor


def load_floors(path: Path) -> dict[str, float]:
    """Read ``[floors]`` from a TOML file; bad syntax or non-numeric values are an InputError."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"{path}: cannot read floors: {exc}") from None
    table = data.get("floors")
    if not isinstance(table, dict):
        raise InputError(f"{path}: no [floors] table")
    floors: dict[str, float] = {}
    for name, value in table.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise InputError(f"{path}: floor {name!r} must be a number between 0 and 1")
        floors[name] = float(value)
    return floors


def check_floors(report: Report, floors: dict[str, float]) -> list[FloorCheck]:
    """Compare each floor with the report's score; an unknown score name is an InputError.

    A score with nothing to measure (no gold items of that kind) counts as 0.
    """
    scores = report.scores()
    unknown = sorted(set(floors) - set(scores))
    if unknown:
        raise InputError(f"unknown score name(s) in floors: {', '.join(unknown)}")
    return [FloorCheck(name, floor, scores[name]) for name, floor in floors.items()]


def gold_digest(folder: Path) -> str:
    """sha256 (16 hex digits) over the relative names and bytes of the gold files under ``folder``: pins the
    gold set a floors file was measured on."""
    import hashlib

    from khabar.evaluation.gold import gold_files

    h = hashlib.sha256()
    for path in sorted(gold_files(folder)):
        h.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def load_gold_digest(path: Path) -> str | None:
    """The ``[gold] digest`` of a floors file, or None when it pins none."""
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    gold = data.get("gold", {})
    value = gold.get("digest") if isinstance(gold, dict) else None
    return str(value) if value is not None else None
