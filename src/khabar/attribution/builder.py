"""Distinct sources of one document: kind and category of a source phrase, repeated mentions merged.

A new mention is the same source as an earlier one when the texts are equal, one is a prefix of the
other, one is the other without its head noun (الداخلية الكويتية ~ وزارة الداخلية الكويتية), both name
the same entity, or it is a family name alone (الزوبعي); آخر/أخرى always make a new source. A bare
definite head (المصادر، المرصد) is the last source with that head; a bare البيان the current speaker.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Literal

from khabar.arabic import words as wc
from khabar.arabic.normalize import normalize
from khabar.arabic.phrases import (
    bare,
    context_classes,
    entity_at,
    is_definite,
    phrase_text,
    token_readings,
    word_in,
)
from khabar.attribution.speakers import speaker_head
from khabar.errors import ResourceError
from khabar.lexicon import load_tsv
from khabar.model import Document, Source, SourceKind, Token, literal_values

_OTHER = wc.OTHER_WORDS  # مصدر عسكري آخر: a second source, never merged


HeadKind = Literal["named", "anonymous", "channel", "modifier"]
_HEAD_KINDS: dict[str, HeadKind] = literal_values(HeadKind)
# A channel head (تصريحات، المؤتمر الصحفي، مقابلة) cited as a source names its speaker, as بيان does.
_SOURCE_KINDS: dict[HeadKind, SourceKind] = {"named": "named", "anonymous": "anonymous", "channel": "named"}


@lru_cache(maxsize=1)
def _heads() -> dict[str, tuple[HeadKind, str]]:
    out: dict[str, tuple[HeadKind, str]] = {}
    for r in load_tsv("source_heads.tsv"):
        kind = _HEAD_KINDS.get(r["kind"])
        if kind is None:
            raise ResourceError(f"source_heads.tsv: {r['word']!r} has the unknown kind {r['kind']!r}")
        out[bare(normalize(r["word"]))] = (kind, r["category"])
    return out


def category(tok: Token) -> str | None:
    head = head_info(tok)
    return head[2] if head is not None else None


def head_info(tok: Token) -> tuple[str, HeadKind, str] | None:
    heads = _heads()
    for _, stem in token_readings(tok):
        key = bare(stem)
        if key in heads and heads[key][0] != "modifier":
            return key, *heads[key]
    return None


def _modifiercategory(tokens: Sequence[Token], i: int, j: int) -> str | None:
    heads = _heads()
    for tok in tokens[i + 1 : j + 1]:
        info = heads.get(bare(tok.norm))
        if info is not None and info[0] == "modifier":
            return info[1]
    return None


def _key(text: str) -> tuple[str, ...]:
    return tuple(bare(w) for w in normalize(text).split())


class SourceBuilder:
    """Accumulates distinct sources of one document, merging repeated mentions."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.sources: list[Source] = []
        self.heads: dict[str, str] = {}
        outlet = doc.outlet or ""
        self.outlet_key = _key(outlet) if outlet.strip() else ()

    def add(
        self,
        tokens: Sequence[Token],
        i: int,
        j: int,
        cue: str,
        parent: str | None,
        force: str,
        current: str | None = None,
    ) -> str | None:
        doc = self.doc
        text, start, end = phrase_text(doc, tokens, i, j, force)
        text = unquote(text)
        key = _key(text)
        if not key or key == self.outlet_key:
            return None
        head = head_info(tokens[i])
        hit = entity_at(doc.entities, start, end)
        ent = hit[0] if hit and hit[0].type in ("PER", "ORG", "LOC") else None
        inside = hit is not None and hit[1].start <= start and end <= hit[1].end
        titled = word_in(tokens[i], context_classes()["title"]) or speaker_head(tokens[i])
        if hit is not None and ent is not None and (inside or (ent.type == "PER" and titled)):
            text = ent.text  # a titled person, or a phrase inside a name: the entity's fullest form
            key = _key(text)
        kind: SourceKind
        if head is not None:
            kind, category = _SOURCE_KINDS[head[1]], head[2]
            if kind == "anonymous":
                category = _modifiercategory(tokens, i, j) or category
        elif ent is not None:
            kind = "named"
            category = {"PER": "person", "ORG": "organization"}.get(ent.type, "official")
        else:
            nisba = j == i and tokens[i].norm.endswith("ي")  # الأحمدي، المصراتي: a family name
            kind, category = "named", ("organization" if is_definite(tokens[i]) and not nisba else "person")
            if not is_definite(tokens[i]) and tokens[i].norm.endswith("ون"):
                kind, category = "anonymous", "local"  # معارضون سوريون، مقاتلون محليون: unnamed people
        if word_in(tokens[i], context_classes()["title"]):
            kind, category = "named", "official"  # العميد بسام عطية
        if kind == "named" and category == "organization" and wc.AGENCY_HEAD in key:
            category = "agency"
        # a bare definite head (المصادر، المرصد، الوكالة) refers back to the last source with that head
        if j == i and is_definite(tokens[i]) and head is not None:
            if head[0] in self.heads:
                return self.heads[head[0]]
            if head[2] == "document" and current is not None:
                return current  # وأضاف البيان: the statement of the current speaker
            if head[1] == "anonymous":  # وأوضح المصدر after مصادر ميدانية
                anonymous = [src.id for src in self.sources if src.kind == "anonymous"]
                if anonymous:
                    return anonymous[-1]
        other = bool(_OTHER & set(key))
        family_name = len(key) == 1 and head is None and len(key[0]) >= 3
        for src in reversed(self.sources):
            skey = _key(src.text)
            same_entity = ent is not None and src.entity == ent.id
            nested = key[: len(skey)] == skey or skey[: len(key)] == key  # مصادر أمنية ⊂ مصادر أمنية عراقية
            # وزارة الداخلية الكويتية … الداخلية الكويتية: the same name without its head noun
            headless = len(key) >= 2 and (skey[1:] == key or key[1:] == skey)
            # وأضاف الزوبعي after اللواء نومان عبدالزوبعي: a person named again by the family name
            surname = family_name and len(skey) > 1 and src.kind == "named" and skey[-1].endswith(key[0])
            distinct = other or bool(_OTHER & set(skey))
            if skey == key or same_entity or surname or ((nested or headless) and not distinct):
                if head is not None:
                    self.heads[head[0]] = src.id
                return src.id
        sid = f"s{len(self.sources) + 1}"
        self.sources.append(
            Source(sid, text, kind, category, start, end, cue, ent.id if ent else None, parent)
        )
        if head is not None:
            self.heads[head[0]] = sid
        return sid


def unquote(text: str) -> str:
    """The phrase without enclosing quotes or a quote cut in half (تنظيم “داعش); صحيفة «التايمز» stays."""
    text = text.strip("'() ")
    for left, right in (("«", "»"), ("“", "”"), ('"', '"')):
        if text.startswith(left) and text.endswith(right) and text.count(left) + text.count(right) == 2:
            text = text[1:-1]
        if (left == right and text.count(left) % 2) or (left != right and text.count(left) != text.count(right)):
            text = text.replace(left, "").replace(right, "")
    return text.strip()
