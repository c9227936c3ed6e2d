"""Document-level scoring of system JSON records against khabar/gold-1 gold, micro-averaged.

Per document, each layer is matched one-to-one (greedy best-first, see ``match.assign``);
counts are summed over documents before precision, recall, F1 and accuracies are computed.
A gold item marked ``optional`` takes part in matching (so the system item it pairs with is
not a false alarm) but is never counted: not as found, not as missed, not in an accuracy.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from khabar.evaluation.gold import GoldDoc, GoldEntity, GoldEvent, GoldSource, GoldValue
from khabar.evaluation.match import assign, match_score, matches

SCORED_TYPES = ("PER", "ORG", "LOC")
# Finer or foreign type names folded onto the three scored types; anything else (NORP, MISC,
# DATE …) is not scored on either side.
TYPE_MAP = {"PER": "PER", "PERS": "PER", "PERSON": "PER", "ORG": "ORG", "ORGANIZATION": "ORG",
            "LOC": "LOC", "GPE": "LOC", "FAC": "LOC", "LOCATION": "LOC"}
EVENT_FIELDS = ("actor", "target", "place", "date", "source", "status")


@dataclass(frozen=True, slots=True)
class PRF:
    """Found (tp), false alarm (fp) and missed (fn) counts, with precision, recall and F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass(frozen=True, slots=True)
class Acc:
    """Correct out of total; ``accuracy`` is None when there was nothing to judge."""

    correct: int = 0
    total: int = 0

    def __add__(self, other: Acc) -> Acc:
        return Acc(self.correct + other.correct, self.total + other.total)

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        acc = self.accuracy
        return {"correct": self.correct, "total": self.total, "accuracy": None if acc is None else round(acc, 4)}


@dataclass(frozen=True, slots=True)
class ErrorItem:
    """One missed, spurious or wrongly valued item, for ``khabar eval --errors``."""

    doc: str
    layer: str  # entity, source, event, time, quantity
    kind: str  # missed, spurious, wrong kind, wrong value, wrong actor …
    text: str
    detail: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"doc": self.doc, "layer": self.layer, "kind": self.kind, "text": self.text, "detail": self.detail}


@dataclass(frozen=True, slots=True)
class DocScore:
    """Counts of one document; ``prf`` and ``acc`` keyed by metric name (``entities``, ``events.place`` …)."""

    id: str
    prf: Mapping[str, PRF]
    acc: Mapping[str, Acc]
    errors: tuple[ErrorItem, ...] = ()


@dataclass(frozen=True, slots=True)
class Report:
    """Micro-averaged scores over all documents."""

    documents: int
    prf: Mapping[str, PRF]
    acc: Mapping[str, Acc]
    errors: tuple[ErrorItem, ...] = ()
    notes: tuple[str, ...] = ()

    def scores(self) -> dict[str, float | None]:
        """Flat score names as used by the floors file: ``entities.f1``, ``events.place.accuracy`` …"""
        out: dict[str, float | None] = {}
        for key, prf in self.prf.items():
            out[f"{key}.precision"] = prf.precision
            out[f"{key}.recall"] = prf.recall
            out[f"{key}.f1"] = prf.f1
        for key, acc in self.acc.items():
            out[f"{key}.accuracy"] = acc.accuracy
        return out

    def to_dict(self, *, errors: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "documents": self.documents,
            "prf": {k: v.to_dict() for k, v in self.prf.items()},
            "accuracy": {k: v.to_dict() for k, v in self.acc.items()},
            "scores": {k: None if v is None else round(v, 4) for k, v in self.scores().items()},
            "notes": list(self.notes),
        }
        if errors:
            out["errors"] = [e.to_dict() for e in self.errors]
        return out


@dataclass
class _Doc:
    """Mutable accumulator for one document while it is being scored."""

    id: str
    prf: dict[str, PRF] = field(default_factory=dict)
    acc: dict[str, Acc] = field(default_factory=dict)
    errors: list[ErrorItem] = field(default_factory=list)

    def count(self, key: str, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        self.prf[key] = self.prf.get(key, PRF()) + PRF(tp, fp, fn)

    def judge(self, key: str, ok: bool) -> None:
        self.acc[key] = self.acc.get(key, Acc()) + Acc(int(ok), 1)

    def error(self, layer: str, kind: str, text: str, detail: str = "") -> None:
        self.errors.append(ErrorItem(self.id, layer, kind, text, detail))


def _texts(items: Any) -> list[str]:
    """``text`` of each dict in a list (or of one dict), skipping empty ones."""
    if isinstance(items, dict):
        items = [items]
    return [str(i["text"]) for i in items or [] if isinstance(i, dict) and i.get("text")]


def _entity_type(value: Any) -> str | None:
    return TYPE_MAP.get(str(value or "").upper())


def _score_entities(acc: _Doc, gold: Sequence[GoldEntity], system: Sequence[dict[str, Any]]) -> None:
    gold = [g for g in gold if _entity_type(g.type) in SCORED_TYPES]
    system = [s for s in system if _entity_type(s.get("type")) in SCORED_TYPES]
    forms = [[str(s.get("text", "")), *map(str, s.get("aliases") or [])] for s in system]

    def score(g: GoldEntity, si: int) -> float:
        if _entity_type(g.type) != _entity_type(system[si].get("type")):
            return 0.0
        return match_score(forms[si], g.forms)

    pairing = assign(gold, range(len(system)), score)
    for gi, _ in pairing.pairs:
        if not gold[gi].optional:
            typ = _entity_type(gold[gi].type) or ""
            acc.count("entities", tp=1)
            acc.count(f"entities.{typ}", tp=1)
    for gi in pairing.gold_left:
        g = gold[gi]
        if g.optional:
            continue
        typ = _entity_type(g.type) or ""
        acc.count("entities", fn=1)
        acc.count(f"entities.{typ}", fn=1)
        other = [system[si] for si in pairing.system_left if matches(forms[si], g.forms)]
        detail = f"; system has it as {other[0].get('type')}: {other[0].get('text')}" if other else ""
        acc.error("entity", "missed", g.text, typ + detail)
    for si in pairing.system_left:
        typ = _entity_type(system[si].get("type")) or ""
        acc.count("entities", fp=1)
        acc.count(f"entities.{typ}", fp=1)
        acc.error("entity", "spurious", forms[si][0], typ)


def _score_sources(acc: _Doc, gold: Sequence[GoldSource], system: Sequence[dict[str, Any]]) -> None:
    texts = [str(s.get("text", "")) for s in system]
    pairing = assign(gold, range(len(system)), lambda g, si: match_score([texts[si]], g.forms))
    for gi, si in pairing.pairs:
        g = gold[gi]
        if g.optional:
            continue
        acc.count("sources", tp=1)
        if g.kind:
            ok = system[si].get("kind") == g.kind
            acc.judge("sources.kind", ok)
            if not ok:
                acc.error("source", "wrong kind", g.text, f"gold {g.kind}, system {system[si].get('kind')}")
    for gi in pairing.gold_left:
        if not gold[gi].optional:
            acc.count("sources", fn=1)
            acc.error("source", "missed", gold[gi].text, gold[gi].kind or "")
    for si in pairing.system_left:
        acc.count("sources", fp=1)
        acc.error("source", "spurious", texts[si], str(system[si].get("kind") or ""))


def _event_args(ev: dict[str, Any]) -> dict[str, list[str]]:
    return {"actor": _texts(ev.get("actors")), "target": _texts(ev.get("targets")), "place": _texts(ev.get("place")),
            "source": _texts(ev.get("source"))}


def _arg_score(g: GoldEvent, args: dict[str, list[str]], sys_date: str | None) -> float:
    """Sum of match scores of actor, target and place; 0 when none matches (no event match)."""
    total = sum(match_score(args[name], getattr(g, name)) for name in ("actor", "target", "place"))
    if total and g.date and sys_date == g.date:
        total += 0.01  # tie-break only
    return total


def _date(ev: dict[str, Any]) -> str | None:
    date = ev.get("date")
    return str(date["value"]) if isinstance(date, dict) and date.get("value") else None


def _event_label(ev: dict[str, Any]) -> str:
    parts = [str(ev.get("type"))]
    trigger = _texts(ev.get("trigger"))
    if trigger:
        parts.append(f"«{trigger[0]}»")
    for name, forms in _event_args(ev).items():
        if forms and name != "source":
            parts.append(f"{name}={forms[0]}")
    return " ".join(parts)


def _score_events(acc: _Doc, gold: Sequence[GoldEvent], system: Sequence[dict[str, Any]]) -> None:
    args = [_event_args(ev) for ev in system]
    dates = [_date(ev) for ev in system]

    def untyped(g: GoldEvent, si: int) -> float:
        return _arg_score(g, args[si], dates[si])

    def typed(g: GoldEvent, si: int) -> float:
        return untyped(g, si) if str(system[si].get("type", "")).upper() in g.types else 0.0

    loose = assign(gold, range(len(system)), untyped)
    acc.count("events.untyped", tp=sum(1 for gi, _ in loose.pairs if not gold[gi].optional),
              fp=len(loose.system_left), fn=sum(1 for gi in loose.gold_left if not gold[gi].optional))
    strict = assign(gold, range(len(system)), typed)
    for gi, si in strict.pairs:
        g = gold[gi]
        if g.optional:
            continue
        acc.count("events.typed", tp=1)
        _score_fields(acc, g, system[si], args[si], dates[si])
    for gi in strict.gold_left:
        g = gold[gi]
        if g.optional:
            continue
        acc.count("events.typed", fn=1)
        near = [system[si] for si in strict.system_left if untyped(g, si) > 0]
        detail = f"system typed it {near[0].get('type')}" if near else ""
        acc.error("event", "missed", g.label, detail)
    for si in strict.system_left:
        acc.count("events.typed", fp=1)
        acc.error("event", "spurious", _event_label(system[si]))


def _score_fields(acc: _Doc, g: GoldEvent, ev: dict[str, Any], args: dict[str, list[str]], date: str | None) -> None:
    """Field accuracy: correct / matched events whose gold has the field (status: every matched event)."""
    for name in ("actor", "target", "place", "source"):
        forms = getattr(g, name)
        if not forms:
            continue
        ok = matches(args[name], forms)
        acc.judge(f"events.{name}", ok)
        if not ok:
            shown = " | ".join(args[name]) or "-"
            acc.error("event", f"wrong {name}", g.label, f"gold {' | '.join(forms)}; system {shown}")
    if g.date:
        acc.judge("events.date", date == g.date)
        if date != g.date:
            acc.error("event", "wrong date", g.label, f"gold {g.date}; system {date or '-'}")
    status = str(ev.get("status") or "asserted")
    acc.judge("events.status", status == g.status)
    if status != g.status:
        acc.error("event", "wrong status", g.label, f"gold {g.status}; system {status}")


def _same_value(gold: str | float | None, system: Any) -> bool:
    if isinstance(gold, float):
        try:
            return system is not None and abs(float(system) - gold) < 1e-9
        except (TypeError, ValueError):
            return False
    return (None if system is None else str(system)) == gold


def _score_values(acc: _Doc, layer: str, key: str, gold: Sequence[GoldValue], system: Sequence[dict[str, Any]]) -> None:
    texts = [str(s.get("text", "")) for s in system]

    def score(g: GoldValue, si: int) -> float:
        base = match_score([texts[si]], [g.text])
        return base + 0.0001 if base and _same_value(g.value, system[si].get("value")) else base

    pairing = assign(gold, range(len(system)), score)
    for gi, si in pairing.pairs:
        g = gold[gi]
        if g.optional:
            continue
        acc.count(key, tp=1)
        value = system[si].get("value")
        ok = _same_value(g.value, value)
        acc.judge(f"{key}.value", ok)
        if not ok:
            acc.error(layer, "wrong value", g.text, f"gold {_show(g.value)}; system {_show(value)}")
        if g.approx is not None:
            approx = bool(system[si].get("approx"))
            acc.judge(f"{key}.approx", approx == g.approx)
            if approx != g.approx:
                acc.error(layer, "wrong approx", g.text, f"gold {g.approx}; system {approx}")
    for gi in pairing.gold_left:
        g = gold[gi]
        if not g.optional:
            acc.count(key, fn=1)
            acc.error(layer, "missed", g.text, _show(g.value))
    for si in pairing.system_left:
        acc.count(key, fp=1)
        acc.error(layer, "spurious", texts[si], _show(system[si].get("value")))


def _show(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "-" if value is None else str(value)


def _list(record: Mapping[str, Any], key: str) -> list[dict[str, Any]]:
    value = record.get(key) or []
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def score_document(gold: GoldDoc, record: Mapping[str, Any]) -> DocScore:
    """Score one system record (the khabar JSON record, as a dict) against its gold document."""
    acc = _Doc(gold.id)
    _score_entities(acc, gold.entities, _list(record, "entities"))
    _score_sources(acc, gold.sources, _list(record, "sources"))
    _score_events(acc, gold.events, _list(record, "events"))
    _score_values(acc, "time", "times", gold.times, _list(record, "times"))
    _score_values(acc, "quantity", "quantities", gold.quantities, _list(record, "quantities"))
    return DocScore(gold.id, dict(acc.prf), dict(acc.acc), tuple(acc.errors))


PRF_KEYS = ("entities", *(f"entities.{t}" for t in SCORED_TYPES), "sources", "events.typed", "events.untyped",
            "times", "quantities")
ACC_KEYS = ("sources.kind", *(f"events.{f}" for f in EVENT_FIELDS), "times.value", "quantities.value",
            "quantities.approx")


def combine(scores: Iterable[DocScore], notes: Iterable[str] = ()) -> Report:
    """Micro-average: sum the counts of every document, then compute the scores."""
    # Every score appears in the report (and can carry a floor), even with nothing to count.
    prf: dict[str, PRF] = {key: PRF() for key in PRF_KEYS}
    acc: dict[str, Acc] = {key: Acc() for key in ACC_KEYS}
    errors: list[ErrorItem] = []
    n = 0
    for doc in scores:
        n += 1
        for key, value in doc.prf.items():
            prf[key] = prf.get(key, PRF()) + value
        for key, a in doc.acc.items():
            acc[key] = acc.get(key, Acc()) + a
        errors.extend(doc.errors)
    return Report(documents=n, prf=prf, acc=acc, errors=tuple(errors), notes=tuple(notes))


def evaluate(
    gold: Sequence[GoldDoc], records: Mapping[str, Mapping[str, Any]], *, notes: Iterable[str] = ()
) -> Report:
    """Score system ``records`` (by document id) against ``gold``; a gold document without a record
    counts as an empty output (everything missed) and is named in the report's notes."""
    all_notes = list(notes)
    missing = [g.id for g in gold if g.id not in records]
    if missing:
        shown = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
        all_notes.append(f"{len(missing)} gold document(s) have no system record and count as empty: {shown}")
    extra = len({*records} - {g.id for g in gold})
    if extra:
        all_notes.append(f"{extra} system record(s) have no gold document and are ignored")
    return combine((score_document(g, records.get(g.id, {})) for g in gold), all_notes)
