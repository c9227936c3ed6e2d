"""The PLOVER ontology as data: event types, their modes and the per-type behaviour of the event rules.

Read from ``lexicon/data/plover_types.tsv`` (its header documents each flag). The event engines ask
``event_type(name)`` instead of holding sets of type names, so adding a mode is one row here (plus the
trigger rows that produce it).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Literal

from khabar.errors import ResourceError
from khabar.lexicon import load_tsv

ONTOLOGY_FILE = "plover_types.tsv"

ModeFlag = Literal["counted_doers", "object_then_claim", "refined_by_air"]


@dataclass(frozen=True, slots=True)
class Mode:
    """A PLOVER mode of one type, with the flags that hold for this mode only."""

    name: str
    extension: bool = False  # not a mode of CAMEO2PLOVER-2021 (khabar's or ACLED's refinement)
    weapon: bool = False
    counted_doers: bool = False
    object_then_claim: bool = False
    refined_by_air: bool = False


@dataclass(frozen=True, slots=True)
class EventType:
    """A PLOVER event type: its modes and the flags of the event rules (see plover_types.tsv)."""

    name: str
    modes: tuple[Mode, ...] = ()
    speech_act: bool = False
    seen_on_ground: bool = False
    takes_partner: bool = False
    against: bool = False
    said_against: bool = False
    counted_doers: bool = False
    object_then_claim: bool = False
    to_phrase_doer: bool = False
    between_doers: bool = False
    asks_from: bool = False
    present_is_aim: bool = False
    means_noun: bool = False
    went_out: bool = False
    refined_by_air: bool = False

    def mode(self, name: str | None) -> Mode | None:
        """The mode called ``name`` (None for no mode or a mode this type lacks)."""
        return next((m for m in self.modes if m.name == name), None)

    def holds(self, flag: ModeFlag, mode: str | None) -> bool:
        """Whether ``flag`` holds for this type with ``mode``: set on the type, or on that mode."""
        if getattr(self, flag):
            return True
        found = self.mode(mode)
        return found is not None and bool(getattr(found, flag))

    def mode_or_type(self, flag: ModeFlag, mode: str | None) -> bool:
        """``flag`` of ``mode`` when there is one, else of the type (a mode refines its type)."""
        if mode is None:
            return bool(getattr(self, flag))
        found = self.mode(mode)
        return found is not None and bool(getattr(found, flag))


_TYPE_FLAGS = frozenset(f.name for f in fields(EventType)) - {"name", "modes"}
_MODE_FLAGS = frozenset(f.name for f in fields(Mode)) - {"name"}


def _flags(row: dict[str, str], allowed: frozenset[str], where: str) -> dict[str, bool]:
    names = [] if row["flags"] == "-" else [f.strip() for f in row["flags"].split(",")]
    unknown = [n for n in names if n not in allowed]
    if unknown:
        raise ResourceError(f"{ONTOLOGY_FILE}: unknown flag {unknown[0]!r} for {where}")
    return dict.fromkeys(names, True)


@lru_cache(maxsize=1)
def event_types() -> dict[str, EventType]:
    """Every PLOVER type of the ontology by name, in the order of the data file."""
    rows = load_tsv(ONTOLOGY_FILE)
    modes: dict[str, list[Mode]] = {}
    type_rows: dict[str, dict[str, str]] = {}
    for row in rows:
        name, mode = row["type"], row["mode"]
        if mode == "-":
            if name in type_rows:
                raise ResourceError(f"{ONTOLOGY_FILE}: type {name} is listed twice")
            type_rows[name] = row
            modes.setdefault(name, [])
        else:
            if name not in type_rows:
                raise ResourceError(f"{ONTOLOGY_FILE}: mode {mode} comes before its type row {name}")
            if any(m.name == mode for m in modes[name]):
                raise ResourceError(f"{ONTOLOGY_FILE}: mode {name}/{mode} is listed twice")
            modes[name].append(Mode(mode, **_flags(row, _MODE_FLAGS, f"{name}/{mode}")))
    return {
        name: EventType(name, tuple(modes[name]), **_flags(row, _TYPE_FLAGS, name)) for name, row in type_rows.items()
    }


def event_type(name: str) -> EventType:
    """The ontology entry of PLOVER type ``name``; an unknown type raises ``ResourceError``."""
    found = event_types().get(name)
    if found is None:
        raise ResourceError(f"{name!r} is not a PLOVER type of {ONTOLOGY_FILE}")
    return found


def is_mode(type_name: str, mode: str) -> bool:
    """Whether ``mode`` is a mode of PLOVER type ``type_name`` in the ontology."""
    et = event_types().get(type_name)
    return et is not None and et.mode(mode) is not None
