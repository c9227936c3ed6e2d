"""Loading khabar/gold-1 annotation files, and the article text they refer to in ../shared/data."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from khabar.errors import EvalDataMissingError, InputError, RecordError

DATA_ENV = "KHABAR_SHARED_DATA"
GOLD_SUFFIXES = (".json", ".jsonl")


@dataclass(frozen=True, slots=True)
class GoldEntity:
    text: str
    type: str
    aliases: tuple[str, ...] = ()
    optional: bool = False

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.text, *self.aliases)


@dataclass(frozen=True, slots=True)
class GoldSource:
    text: str
    kind: str | None
    aliases: tuple[str, ...] = ()
    optional: bool = False

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.text, *self.aliases)


@dataclass(frozen=True, slots=True)
class GoldEvent:
    types: tuple[str, ...]
    actor: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    place: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    date: str | None = None
    status: str = "asserted"
    trigger: str | None = None
    optional: bool = False

    @property
    def label(self) -> str:
        """A short human description for error listings."""
        parts = ["/".join(self.types)]
        if self.trigger:
            parts.append(f"«{self.trigger}»")
        for name in ("actor", "target", "place"):
            forms = getattr(self, name)
            if forms:
                parts.append(f"{name}={forms[0]}")
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class GoldValue:
    """A time (``value`` an ISO date string) or a quantity (``value`` a number)."""

    text: str
    value: str | float | None
    approx: bool | None = None
    optional: bool = False


@dataclass(frozen=True, slots=True)
class TextRef:
    path: str
    line: int
    url: str | None


@dataclass(frozen=True, slots=True)
class GoldDoc:
    id: str
    origin: str  # "file" or "file:line", for messages
    published: str | None
    outlet: str | None
    text: str | None
    text_ref: TextRef | None
    entities: tuple[GoldEntity, ...]
    sources: tuple[GoldSource, ...]
    events: tuple[GoldEvent, ...]
    times: tuple[GoldValue, ...]
    quantities: tuple[GoldValue, ...]


def _strs(value: Any, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(v for v in value if v.strip())
    raise ValueError(f"{what} must be a string or a list of strings")


def _text(item: dict[str, Any], what: str) -> str:
    text = item.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"{what} without a 'text'")
    return text


def _items(obj: dict[str, Any], key: str) -> list[dict[str, Any]]:
    items = obj.get(key) or []
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise ValueError(f"'{key}' must be a list of objects")
    return items


def _number(value: Any, what: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{what} value must be a number")
    return float(value)


def gold_from_json(obj: Any, origin: str) -> GoldDoc:
    """Validate one gold object; ``ValueError`` with a short reason when it is malformed."""
    if not isinstance(obj, dict):
        raise ValueError(f"expected a JSON object, got {type(obj).__name__}")
    doc_id = obj.get("id")
    if not isinstance(doc_id, str | int) or not str(doc_id).strip():
        raise ValueError("no 'id'")
    text = obj.get("text")
    ref = obj.get("text_ref")
    text_ref = None
    if isinstance(ref, dict):
        path, line = ref.get("path"), ref.get("line")
        if not isinstance(path, str) or not isinstance(line, int) or isinstance(line, bool) or line < 1:
            raise ValueError("'text_ref' needs 'path' (string) and 'line' (1-based integer)")
        url = ref.get("url")
        text_ref = TextRef(path=path, line=line, url=url if isinstance(url, str) else None)
    elif ref is not None:
        raise ValueError("'text_ref' must be an object")
    if text_ref is None and not (isinstance(text, str) and text.strip()):
        raise ValueError("neither 'text' nor 'text_ref'")
    entities = tuple(
        GoldEntity(
            text=_text(e, "entity"),
            type=str(e.get("type") or ""),
            aliases=_strs(e.get("aliases"), "entity aliases"),
            optional=bool(e.get("optional", False)),
        )
        for e in _items(obj, "entities")
    )
    sources = tuple(
        GoldSource(
            text=_text(s, "source"),
            kind=s.get("kind"),
            aliases=_strs(s.get("aliases"), "source aliases"),
            optional=bool(s.get("optional", False)),
        )
        for s in _items(obj, "sources")
    )
    events = []
    for ev in _items(obj, "events"):
        types = _strs(ev.get("type"), "event type")
        if not types:
            raise ValueError("event without a 'type'")
        date = ev.get("date")
        events.append(
            GoldEvent(
                types=tuple(t.upper() for t in types),
                actor=_strs(ev.get("actor"), "event actor"),
                target=_strs(ev.get("target"), "event target"),
                place=_strs(ev.get("place"), "event place"),
                source=_strs(ev.get("source"), "event source"),
                date=str(date) if date else None,
                status=str(ev.get("status") or "asserted"),
                trigger=ev.get("trigger") if isinstance(ev.get("trigger"), str) else None,
                optional=bool(ev.get("optional", False)),
            )
        )
    times = tuple(
        GoldValue(text=_text(t, "time"), value=str(t["value"]) if t.get("value") else None,
                  optional=bool(t.get("optional", False)))
        for t in _items(obj, "times")
    )
    quantities = tuple(
        GoldValue(
            text=_text(q, "quantity"),
            value=_number(q.get("value"), "quantity"),
            approx=q.get("approx") if isinstance(q.get("approx"), bool) else None,
            optional=bool(q.get("optional", False)),
        )
        for q in _items(obj, "quantities")
    )
    published = obj.get("published")
    outlet = obj.get("outlet")
    return GoldDoc(
        id=str(doc_id),
        origin=origin,
        published=str(published) if published else None,
        outlet=str(outlet) if outlet else None,
        text=text if isinstance(text, str) and text.strip() else None,
        text_ref=text_ref,
        entities=entities,
        sources=sources,
        events=tuple(events),
        times=times,
        quantities=quantities,
    )


def gold_files(path: Path) -> list[Path]:
    """The gold files at ``path``: the file itself, or every .json/.jsonl below a directory, sorted."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in GOLD_SUFFIXES)
    if path.is_file():
        return [path]
    raise InputError(f"{path}: no such file or directory")


def _objects(file: Path) -> Iterator[tuple[str, Any]]:
    try:
        raw = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{file}: cannot read: {exc}") from None
    if file.suffix == ".jsonl":
        for n, line in enumerate(raw.splitlines(), 1):
            if line.strip():
                try:
                    yield f"{file}:{n}", json.loads(line)
                except json.JSONDecodeError as exc:
                    raise RecordError(f"{file}:{n}: invalid JSON: {exc.msg}") from None
        return
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise RecordError(f"{file}:{exc.lineno}: invalid JSON: {exc.msg}") from None
    if isinstance(data, list):  # a .json file may also hold a list of gold objects
        for n, item in enumerate(data, 1):
            yield f"{file}[{n}]", item
    else:
        yield str(file), data


def load_gold(path: Path) -> list[GoldDoc]:
    """Read every gold document at ``path`` (file or directory); duplicate ids are an error."""
    docs: list[GoldDoc] = []
    seen: dict[str, str] = {}
    for file in gold_files(path):
        for origin, obj in _objects(file):
            try:
                doc = gold_from_json(obj, origin)
            except ValueError as exc:
                raise RecordError(f"{origin}: {exc}") from None
            if doc.id in seen:
                raise RecordError(f"{origin}: duplicate gold id {doc.id!r} (also in {seen[doc.id]})")
            seen[doc.id] = origin
            docs.append(doc)
    return docs


def find_data_dir(explicit: Path | None = None, near: Path | None = None) -> Path | None:
    """The shared data folder: ``explicit``, else $KHABAR_SHARED_DATA, else ``<repo>/../shared/data``.

    ``<repo>`` is the nearest folder above ``near`` (the gold path) holding a pyproject.toml,
    else the khabar source checkout this module lives in. None when nothing exists.
    """
    if explicit is not None:
        return explicit if explicit.is_dir() else None
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env) if Path(env).is_dir() else None
    roots: list[Path] = []
    if near is not None:
        roots += [p for p in [near.resolve(), *near.resolve().parents] if (p / "pyproject.toml").is_file()][:1]
    roots.append(Path(__file__).resolve().parents[3])
    for root in roots:
        candidate = root.parent / "shared" / "data"
        if candidate.is_dir():
            return candidate
    return None


@lru_cache(maxsize=8)
def _lines(path: Path) -> tuple[str, ...]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return tuple(fh.read().splitlines())


def referenced_article(ref: TextRef, data_dir: Path, origin: str) -> dict[str, Any]:
    """The article object at ``ref`` (checked against its url)."""
    path = data_dir / ref.path
    if not path.is_file():
        raise EvalDataMissingError(f"{origin}: the article file {path} is missing from the shared data")
    lines = _lines(path)
    if ref.line > len(lines):
        raise RecordError(f"{origin}: text_ref line {ref.line} is past the end of {ref.path} ({len(lines)} lines)")
    try:
        article = json.loads(lines[ref.line - 1])
    except json.JSONDecodeError:
        raise RecordError(f"{origin}: line {ref.line} of {ref.path} is not a JSON article") from None
    if not isinstance(article, dict):
        raise RecordError(f"{origin}: line {ref.line} of {ref.path} is not a JSON object")
    if ref.url is not None and unquote(str(article.get("url", ""))) != unquote(ref.url):
        raise RecordError(
            f"{origin}: text_ref url does not match line {ref.line} of {ref.path} "
            f"(that line has {article.get('url')!r})"
        )
    return article


def article_inputs(doc: GoldDoc, data_dir: Path | None) -> tuple[str, str | None]:
    """``(content, title)`` to run the pipeline on for ``doc``; raises when its data is absent."""
    if doc.text_ref is None:
        assert doc.text is not None
        return doc.text, None
    if data_dir is None:
        raise EvalDataMissingError(
            f"{doc.origin}: the article text is kept in the shared data folder, which was not found "
            f"(looked in --data DIR, ${DATA_ENV}, then <repo>/../shared/data)"
        )
    article = referenced_article(doc.text_ref, data_dir, doc.origin)
    content = article.get("content") or article.get("text") or ""
    title = article.get("title")
    return str(content), str(title) if title else None


def verify_refs(docs: Sequence[GoldDoc], data_dir: Path) -> None:
    """Check every text_ref of ``docs`` against the shared data (raises on the first bad one)."""
    for doc in docs:
        if doc.text_ref is not None:
            referenced_article(doc.text_ref, data_dir, doc.origin)
