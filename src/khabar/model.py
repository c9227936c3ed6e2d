"""Frozen records of a processed article: every annotation is an offset span into immutable text."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final, Literal, get_args

EntityType = Literal["PER", "ORG", "LOC", "MISC"]
SourceKind = Literal["named", "anonymous", "outlet"]
Status = Literal["asserted", "denied", "planned", "hypothetical"]
Precision = Literal["day", "month", "year"]
GeoPrecision = Literal["country", "region", "city", "subcity"]
TokenKind = Literal["word", "number", "latin", "punct"]
Calendar = Literal["gregorian", "hijri"]


def literal_values(kind: object) -> dict[str, Any]:
    """``{value: value}`` for the values of a ``Literal`` type (annotate the result with the Literal)."""
    return {value: value for value in get_args(kind)}


# Each Literal's values by name: a string read from a data file or a regex group is narrowed to its
# Literal where it enters a record (``SOURCE_KINDS[row["kind"]]``); any other value is a KeyError.
ENTITY_TYPES: Final[dict[str, EntityType]] = literal_values(EntityType)
SOURCE_KINDS: Final[dict[str, SourceKind]] = literal_values(SourceKind)
STATUSES: Final[dict[str, Status]] = literal_values(Status)
PRECISIONS: Final[dict[str, Precision]] = literal_values(Precision)
GEO_PRECISIONS: Final[dict[str, GeoPrecision]] = literal_values(GeoPrecision)
TOKEN_KINDS: Final[dict[str, TokenKind]] = literal_values(TokenKind)
CALENDARS: Final[dict[str, Calendar]] = literal_values(Calendar)
CountKind = Literal["killed", "injured", "arrested", "displaced", "participants", "other"]

# The Document field each layer fills. ``geocode`` refines ``entities`` (it fills ``entities[].geo``).
LAYER_FIELDS: dict[str, str] = {
    "tokens": "tokens",
    "sentences": "sentences",
    "entities": "entities",
    "geocode": "entities",
    "times": "times",
    "quantities": "quantities",
    "sources": "sources",
    "cues": "cues",
    "events": "events",
}


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` into ``Document.text``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def slice(self, text: str) -> str:
        return text[self.start : self.end]

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Token:
    """A word, number or punctuation mark; ``stem`` is the word with proclitics removed."""

    start: int
    end: int
    text: str
    norm: str
    kind: TokenKind
    prefix: str = ""
    stem: str = ""


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or headline / bullet line) of the article."""

    start: int
    end: int
    headline: bool = False

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass(frozen=True, slots=True)
class Geo:
    """Where a place is: GeoNames id, coordinates, country, first-level region and precision."""

    geonameid: int | None
    lat: float
    lon: float
    country_code: str
    admin1: str | None
    precision: GeoPrecision
    name: str = ""  # English/ASCII GeoNames name, for readers who do not read Arabic
    feature: str = ""  # GeoNames feature code (PPLC, ADM1, PCLI …) or FAC subtype
    inherited_from: str | None = None  # town whose coordinates a facility inherits


@dataclass(frozen=True, slots=True)
class Entity:
    """A named person, organization or place; ``mentions`` are all its occurrences."""

    id: str
    text: str
    type: EntityType
    start: int
    end: int
    subtype: str | None = None  # GPE, FAC, NORP … (finer type)
    aliases: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()
    origin: str = "lexicon"  # lexicon | gazetteer | pattern | cue | model
    geo: Geo | None = None
    canonical: str | None = None  # lexicon key (e.g. English name) when known

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass(frozen=True, slots=True)
class Source:
    """Who the article cites for a claim; ``parent`` links the chain back to the outlet."""

    id: str
    text: str
    kind: SourceKind
    category: str  # agency | official | organization | person | local | outlet | document | media
    start: int = 0
    end: int = 0
    cue: str | None = None  # the reporting verb or phrase (قال، أفاد، بحسب …)
    entity: str | None = None  # id of the entity the source is, when it is one
    parent: str | None = None  # id of the source that relays this one (outlet for direct cites)


@dataclass(frozen=True, slots=True)
class Cue:
    """A reporting cue (قال، بحسب، نقلاً عن …) and what it puts in force, in character offsets.

    ``anchor`` is the start of the last word the cue introduces (its source phrase, or the cue itself): the
    source ``source`` (a Source id, None for the outlet) is in force after it. A cue that names no source
    has ``anchor`` None. ``phrases`` are the words the cue claims (the cue when it governs, its source
    phrases): never event triggers. ``announcer`` is the subject of "أعلن X <act>": not a source, the doer
    of the announced act. A relay (نقلت X عن Y) gives two records with the same span: X, then Y.
    """

    family: str  # a CueFamily value (khabar.attribution.families)
    start: int
    end: int
    source: str | None = None
    anchor: int | None = None
    phrases: tuple[Span, ...] = ()
    announcer: Span | None = None

    @property
    def in_force(self) -> bool:
        return self.anchor is not None


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A time expression and the date it denotes (ISO ``YYYY-MM-DD`` / ``YYYY-MM`` / ``YYYY``)."""

    text: str
    start: int
    end: int
    value: str | None
    precision: Precision | None
    relative: bool = False
    calendar: Calendar = "gregorian"


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count of people or things, with bounds and the approximate flag."""

    text: str
    start: int
    end: int
    value: float | int | None
    low: float | int | None = None
    high: float | int | None = None
    approx: bool = False
    of: str | None = None  # what is counted (killed, injured, detainees, fighters …)
    unit: str | None = None  # the counted noun as written
    period: str | None = None  # a toll over a period, as written (منذ بدء النزاع): never a single event's count


@dataclass(frozen=True, slots=True)
class Count:
    """A typed count an event's clause states (مقتل 12 شخصاً، اعتقال العشرات): what happened to how many.

    ``kind`` is what the clause says happened to them (killed, injured, arrested, displaced) or that they
    took part (participants: a crowd's size); ``other`` for any other counted thing (vehicles, air strikes,
    a subset "بينهم 5 أطفال"). Offsets, value and bounds are those of the quantity; ``source`` is the id of
    the Source in force where the count is stated (None: the outlet's own voice); ``part`` marks a count
    coordinated with the one before it (مقتل 3 جنود و5 مدنيين: parts of one toll, added up).
    """

    kind: CountKind
    text: str
    start: int
    end: int
    value: float | int | None
    low: float | int | None = None
    high: float | int | None = None
    approx: bool = False
    of: str | None = None
    unit: str | None = None
    source: str | None = None
    part: bool = False


@dataclass(frozen=True, slots=True)
class Argument:
    """An event argument: a text span, optionally an entity."""

    text: str
    start: int
    end: int
    entity: str | None = None
    geo: Geo | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One happening the article reports, coded in PLOVER, with its source and evidence."""

    id: str
    type: str
    trigger: Argument
    evidence: Span
    mode: str | None = None
    status: Status = "asserted"
    actors: tuple[Argument, ...] = ()
    targets: tuple[Argument, ...] = ()
    place: Argument | None = None
    date: TimeValue | None = None
    quantities: tuple[Quantity, ...] = ()
    source: str | None = None  # id of a Source
    confidence: float = 1.0
    counts: tuple[Count, ...] = ()  # typed counts its clause states (never a period toll)


@dataclass(frozen=True, slots=True)
class Document:
    """An article and every layer the pipeline added to it."""

    text: str
    id: str = ""
    published: date | None = None
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    headline: Span | None = None
    layers: frozenset[str] = frozenset({"text"})
    tokens: tuple[Token, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    sources: tuple[Source, ...] = ()
    cues: tuple[Cue, ...] = ()
    events: tuple[Event, ...] = ()
    times: tuple[TimeValue, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    meta: tuple[tuple[str, str], ...] = field(default=())

    def with_layer(self, layer: str, **changes: Any) -> Document:
        """Return a copy with ``changes`` applied and ``layer`` recorded as present."""
        return dataclasses.replace(self, layers=self.layers | {layer}, **changes)

    def with_layers(self, **changes: Any) -> Document:
        """Return a copy with ``changes`` applied, each changed field recorded as the layer of that name."""
        return dataclasses.replace(self, layers=self.layers | set(changes), **changes)

    def entity(self, entity_id: str) -> Entity | None:
        for ent in self.entities:
            if ent.id == entity_id:
                return ent
        return None

    def source(self, source_id: str | None) -> Source | None:
        for src in self.sources:
            if src.id == source_id:
                return src
        return None

    def sentence_of(self, offset: int) -> Sentence | None:
        for sent in self.sentences:
            if sent.start <= offset < sent.end:
                return sent
        return None

    def to_dict(self, *, include_text: bool = True) -> dict[str, Any]:
        from khabar.record import document_to_dict

        return document_to_dict(self, include_text=include_text)
