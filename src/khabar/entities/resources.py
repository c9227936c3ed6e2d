"""The entity data files, loaded once: gazetteer rows, organizations, person cues, given names, rule words."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import ahocorasick

from khabar.arabic.normalize import normalize
from khabar.errors import ResourceError
from khabar.lexicon import load_tsv, load_yaml
from khabar.model import GEO_PRECISIONS, GeoPrecision


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer row: a name of a place with its GeoNames (or curated) facts."""

    name: str
    geonameid: str
    name_en: str
    cc: str
    admin1: str
    feature: str
    precision: GeoPrecision
    lat: float
    lon: float
    population: int
    source: str


@dataclass(frozen=True, slots=True)
class Org:
    """An organization of the curated lexicon: English key, category, country, Arabic names."""

    key: str
    category: str
    country: str
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EntryKey:
    """What a normalized automaton key stands for; ``bare`` keys lost their article ال (matched after لل)."""

    norm: str
    orgs: tuple[Org, ...]
    places: tuple[Place, ...]
    bare: bool = False


def norm_name(text: str) -> str:
    """Normalized form used as a lexicon key (single spaces)."""
    return " ".join(normalize(text).split())


@lru_cache(maxsize=1)
def places_by_name() -> dict[str, tuple[Place, ...]]:
    return _load_places("gazetteer_places.tsv")


@lru_cache(maxsize=1)
def contained_places_by_name() -> dict[str, tuple[Place, ...]]:
    """Small places of the conflict countries, looked up only inside a region the article names with them."""
    return _load_places("gazetteer_contained.tsv")


def _load_places(file: str) -> dict[str, tuple[Place, ...]]:
    out: dict[str, list[Place]] = {}
    try:
        for r in load_tsv(file):
            p = Place(
                r["name"],
                r["geonameid"],
                r["name_en"],
                r["cc"],
                r["admin1"],
                r["feature"],
                GEO_PRECISIONS[r["precision"]],
                float(r["lat"]),
                float(r["lon"]),
                int(r["population"] or 0),
                r["source"],
            )
            out.setdefault(norm_name(p.name), []).append(p)
    except (KeyError, ValueError) as exc:
        raise ResourceError(f"{file}: bad row ({exc})") from None
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def organizations() -> tuple[Org, ...]:
    try:
        return tuple(
            Org(r["key"], r["category"], r["country"], tuple(n for n in r["names"].split("|") if n))
            for r in load_tsv("organizations.tsv")
        )
    except KeyError as exc:
        raise ResourceError(f"organizations.tsv: missing column {exc}") from None


@lru_cache(maxsize=1)
def org_by_key() -> dict[str, Org]:
    return {o.key: o for o in organizations()}


@lru_cache(maxsize=1)
def orgs_by_name() -> dict[str, tuple[Org, ...]]:
    out: dict[str, list[Org]] = {}
    for org in organizations():
        for name in org.names:
            lst = out.setdefault(norm_name(name), [])
            if org not in lst:
                lst.append(org)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def words() -> dict[str, Any]:
    data = load_yaml("entity_words.yaml")
    if not isinstance(data, dict):
        raise ResourceError("entity_words.yaml: expected a mapping")
    return data


@cache
def word_set(name: str) -> frozenset[str]:
    """A list of ``entity_words.yaml`` as a set of normalized words."""
    value = words().get(name, [])
    items = value.keys() if isinstance(value, dict) else value
    return frozenset(norm_name(str(w)) for w in items)


@cache
def word_map(name: str) -> dict[str, str]:
    """A mapping of ``entity_words.yaml`` (e.g. facility head → subtype) with normalized keys."""
    value = words().get(name, {})
    return {norm_name(str(k)): str(v) for k, v in value.items()}


@lru_cache(maxsize=1)
def person_cues() -> dict[str, str]:
    """Normalized cue phrase → kind (title / role)."""
    return {norm_name(r["cue"]): r["kind"] for r in load_tsv("person_cues.tsv")}


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    return frozenset(norm_name(r["name"]) for r in load_tsv("given_names.tsv"))


@lru_cache(maxsize=1)
def automaton() -> Any:
    """Aho-Corasick automaton over every organization and place name (normalized); built once."""
    places = places_by_name()
    orgs = orgs_by_name()
    auto = ahocorasick.Automaton()
    for norm in set(places) | set(orgs):
        entry = EntryKey(norm, orgs.get(norm, ()), places.get(norm, ()))
        auto.add_word(norm, entry)
        # "للحسكة" is ل + الحسكة with the alef of the article dropped: add the bare form, only valid after لل.
        if norm.startswith("ال") and len(norm) > 4 and norm[2:] not in places and norm[2:] not in orgs:
            auto.add_word(norm[2:], EntryKey(norm, entry.orgs, entry.places, bare=True))
    auto.make_automaton()
    return auto
