"""Shared helpers of the attribution and event stages: word readings, phrase lexicons, noun phrases."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from khabar.arabic import words as wc
from khabar.arabic.normalize import normalize, strip_clitics
from khabar.lexicon import load_tsv
from khabar.model import Document, Entity, Span, Token

# Object pronouns and the accusative alef that follow a stem (اعتقاله، اجتماعا); tried only after the bare stem.
_SUFFIXES = wc.PRONOUN_SUFFIXES
_PRESENT = wc.PRESENT_PREFIXES


def token_readings(tok: Token, suffixes: bool = True) -> tuple[tuple[str, str], ...]:
    """Readings of a token; a final ة (normalized to ه) is never taken for the pronoun ه."""
    return readings(tok.norm, tok.text[-1:] == "ة" or tok.text.rstrip(_MARKS).endswith("ة"), suffixes)


def token_keys(tok: Token, suffixes: bool = True) -> tuple[tuple[str, str], ...]:
    """``(prefix, article-less stem)`` of every reading: the lookup keys of the lexicons."""
    return _keys(tok.text, tok.norm, suffixes)


@lru_cache(maxsize=50_000)  # hit rate 87.7 % (91.2 % unbounded), benchmarks/cache_sizes.py
def _keys(text: str, norm: str, suffixes: bool) -> tuple[tuple[str, str], ...]:
    ta_marbuta = text.rstrip(_MARKS).endswith("ة")
    return tuple((p, bare(stem)) for p, stem in readings(norm, ta_marbuta, suffixes))


_MARKS = wc.MARKS


@lru_cache(maxsize=5_000)  # hit rate 19.4 % (25.2 % unbounded): most calls are new words
def readings(norm: str, ta_marbuta: bool = False, suffixes: bool = True) -> tuple[tuple[str, str], ...]:
    """``(prefix, stem)`` readings of a normalized word: proclitics, the future س, then suffixes stripped."""
    out: list[tuple[str, str]] = list(strip_clitics(norm, 2))
    for prefix, stem in list(out):
        if len(stem) > 3 and stem[0] == "س" and stem[1] in _PRESENT:
            out.append((prefix + "س", stem[1:]))
    for prefix, stem in list(out) if suffixes else ():
        for suf in _SUFFIXES:
            if ta_marbuta and suf == "ه":
                continue
            if stem.endswith(suf) and len(stem) - len(suf) >= 3:
                out.append((prefix, stem[: -len(suf)]))
    seen: set[tuple[str, str]] = set()
    uniq = []
    for r in out:
        if r not in seen:
            seen.add(r)
            uniq.append(r)
    return tuple(uniq)


def bare(word: str) -> str:
    """A normalized word without the article (for comparing forms)."""
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def norm_words(form: str) -> tuple[str, ...]:
    return tuple(bare(normalize(w)) for w in form.split())


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    """A lexicon phrase found at tokens ``[first, last]`` with the payload of its row."""

    first: int
    last: int
    payload: int  # index of the row in the lexicon
    prefix: str  # proclitics of the first word (و، ب، س …)
    suffixed: bool = False  # the first word carries a pronoun suffix (اعتقاله، استهدافها)


class PhraseLexicon:
    """Phrases (one or more words) matched over tokens through proclitics and suffixes."""

    def __init__(self, entries: Iterable[tuple[str, int]], *, suffixes: bool = True) -> None:
        self._suffixes = suffixes
        self._index: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        for form, payload in entries:
            words = norm_words(form)
            if words:
                self._index.setdefault(words[0], []).append((words, payload))
        for lst in self._index.values():
            lst.sort(key=lambda e: -len(e[0]))

    def match_at(self, tokens: Sequence[Token], i: int, end: int) -> list[PhraseMatch]:
        """All rows matching at token ``i`` (longest phrase first, one reading per row)."""
        tok = tokens[i]
        if tok.kind != "word":
            return []
        found: list[PhraseMatch] = []
        seen: set[int] = set()
        index = self._index
        for prefix, key in token_keys(tok, self._suffixes):
            if key not in index:
                continue
            for words, payload in index[key]:
                if payload in seen or i + len(words) > end:
                    continue
                if all(_word_is(tokens[i + k], w) for k, w in enumerate(words[1:], start=1)):
                    seen.add(payload)
                    suffixed = not tok.norm.endswith(key) and not tok.norm.endswith(key + "ا")
                    found.append(PhraseMatch(i, i + len(words) - 1, payload, prefix, suffixed))
        found.sort(key=lambda m: -(m.last - m.first))
        return found

    def __contains__(self, word: str) -> bool:
        return bare(word) in self._index


def _word_is(tok: Token, word: str) -> bool:
    if tok.kind not in ("word", "number"):
        return False
    return any(key == word for _, key in token_keys(tok))


def word_in(tok: Token, words: frozenset[str]) -> bool:
    """Whether a reading of the token (clitics stripped) is one of ``words`` (normalized, article-less)."""
    if tok.kind != "word":
        return False
    return any(key in words for _, key in token_keys(tok))


@lru_cache(maxsize=1)
def trigger_lexicon() -> tuple[PhraseLexicon, tuple[dict[str, str], ...]]:
    """The event trigger lexicon (event_triggers.tsv) and its rows."""
    rows = load_tsv("event_triggers.tsv")
    entries = [(form, i) for i, row in enumerate(rows) for form in row["form"].split("|")]
    return PhraseLexicon(entries), rows


@lru_cache(maxsize=1)
def context_classes() -> dict[str, frozenset[str]]:
    """Word classes of event_context.tsv (detainee, forces, place_head, light_verb, stop …)."""
    out: dict[str, set[str]] = {}
    for row in load_tsv("event_context.tsv"):
        out.setdefault(row["class"], set()).update(norm_words(row["word"].replace("|", " ")))
    return {k: frozenset(v) for k, v in out.items()}


_DEF_PREFIXES = wc.DEFINITE_PREFIXES
_PP_PREFIXES = wc.PREPOSITION_ARTICLE_PREFIXES
_CONJ_PREFIXES = wc.CONJUNCTION_ARTICLE_PREFIXES


def is_noun_with_w(tok: Token) -> bool:
    """والدة، وزارة، وكالة: a word whose first letter و is not the conjunction."""
    return tok.norm.startswith("و") and any(tok.norm.startswith(w) for w in context_classes()["w_noun"])


def is_definite(tok: Token) -> bool:
    if tok.kind != "word" or len(tok.norm) <= 3 or not tok.norm.startswith(_DEF_PREFIXES):
        return False
    # وكالة is a noun, not و + كال…: words of the w_noun class keep their first letter
    return tok.norm.startswith("ال") or not any(tok.norm.startswith(w) for w in context_classes()["w_noun"])


def is_definite_pp(tok: Token) -> bool:
    """بالحسكة، للتحالف: a preposition fused with the article (ends a noun phrase)."""
    return tok.kind == "word" and tok.norm.startswith(_PP_PREFIXES) and len(tok.norm) > 4


def is_conj_definite(tok: Token) -> bool:
    """والقامشلي: a conjunction fused with a definite word (ends a noun phrase); والدة is a noun."""
    if tok.kind != "word" or not tok.norm.startswith(_CONJ_PREFIXES) or len(tok.norm) <= 4:
        return False
    return not any(tok.norm.startswith(w) for w in context_classes()["w_noun"])


def clitic_start(tok: Token, force: str = "") -> int:
    """Offset of the token after its conjunction/preposition proclitics (the article is kept).

    Only clitics certain from the spelling are removed (وال، بال، لل …) unless ``force`` names the
    expected clitic letters (after وفقاً the ل of لمصادر).
    """
    norm = tok.norm
    prefix = ""
    if force and norm.startswith(force) and len(norm) - len(force) >= 3:
        prefix = force
    elif norm.startswith(wc.SINGLE_CLITIC_ARTICLE_PREFIXES) and len(norm) > 4 and not is_noun_with_w(tok):
        prefix = norm[0]
    elif norm.startswith(wc.DOUBLE_CLITIC_ARTICLE_PREFIXES) and len(norm) > 5:
        prefix = norm[:2]
    if not prefix:
        return tok.start
    letters = 0
    for pos in range(tok.start, tok.end):
        if letters == len(prefix):
            return pos
        if tok.text[pos - tok.start].isalpha():
            letters += 1
    return tok.start


def sentence_ranges(doc: Document) -> list[tuple[int, int]]:
    """Token index range ``[lo, hi)`` of each sentence (tokens are sorted by offset)."""
    starts = [t.start for t in doc.tokens]
    return [(bisect.bisect_left(starts, s.start), bisect.bisect_left(starts, s.end)) for s in doc.sentences]


class _MentionIndex:
    """Entity mentions sorted by start, for overlap queries in O(log n)."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        items = sorted(
            ((m.start, m.end, n) for n, ent in enumerate(entities) for m in (ent.mentions or (ent.span,))),
        )
        self.entities = tuple(entities)
        self.starts = [it[0] for it in items]
        self.items = items
        self.longest = max((e - s for s, e, _ in items), default=0)

    def at(self, start: int, end: int) -> tuple[Entity, Span] | None:
        lo = bisect.bisect_left(self.starts, start - self.longest)
        hi = bisect.bisect_left(self.starts, end)
        best: tuple[Entity, Span] | None = None
        for s, e, n in self.items[lo:hi]:
            if s < end and start < e and (best is None or e - s > best[1].end - best[1].start):
                best = (self.entities[n], Span(s, e))
        return best


class _IndexCache:
    """The mention index of the last few entity layers, keyed by identity (layers are immutable tuples)."""

    def __init__(self, size: int = 4) -> None:
        self._size = size
        self._items: list[tuple[Sequence[Entity], _MentionIndex]] = []

    def get(self, entities: Sequence[Entity]) -> _MentionIndex:
        for ents, index in self._items:
            if ents is entities:
                return index
        index = _MentionIndex(entities)
        self._items = [(entities, index), *self._items[: self._size - 1]]
        return index


_INDEXES = _IndexCache()


def entity_at(entities: Sequence[Entity], start: int, end: int) -> tuple[Entity, Span] | None:
    """The entity (and its mention) overlapping ``[start, end)``, the longest mention first."""
    if not entities:
        return None
    return _INDEXES.get(entities).at(start, end)


_CONNECT = wc.PHRASE_CONNECTORS
_OF = "من"


def noun_phrase(
    doc: Document, tokens: Sequence[Token], i: int, end: int, *, max_len: int = 6, allow_of: bool = True
) -> tuple[int, int] | None:
    """Token range ``[i, j]`` of the noun phrase starting at token ``i``, or None.

    Arabic NP shape: an indefinite construct chain ends at its first definite word; after that only
    definite adjectives follow (وكالة الأنباء السورية، مصادر موثوقة، قوات التحالف الدولي). A verb,
    preposition, number or punctuation ends it; "X من Y" is kept when X is a bare group noun
    (قادة من قسد، عناصر من التنظيم). Entity mentions are never cut.
    """
    ctx = context_classes()
    stops = ctx["stop"] | ctx["light_verb"]
    if i >= end or tokens[i].kind != "word" or _is_stop(tokens[i], stops):
        return None
    j = i
    titled = word_in(tokens[i], ctx["title"])
    definite = is_definite(tokens[i]) and not titled
    acc = tokens[i].norm.endswith("ا") and not definite
    ent_end = _entity_end(doc, tokens, i)
    k = i + 1
    while k < end and k - i < max_len:
        tok = tokens[k]
        if ent_end is not None and tok.start < ent_end:
            j = k
            k += 1
            continue
        if ent_end is not None:
            definite = True  # a name is definite: only definite adjectives may follow it
        if tok.kind != "word" or is_conj_definite(tok) or starts_with_conj(tok):
            break
        if tok.norm in _CONNECT:
            j = k
            k += 1
            definite = False
            continue
        if tok.norm == _OF and allow_of and j == i and k + 1 < end and tokens[k + 1].kind == "word":
            nxt = noun_phrase(doc, tokens, k + 1, end, max_len=max_len - 2, allow_of=False)
            if nxt is not None:
                return i, nxt[1]
            break
        if tokens[k - 1].norm in wc.COMPOUND_NAME_HEADS or tok.norm in wc.COMPOUND_NAME_TAILS:
            j = k  # عبد الله، عبد العزيز، عز الدين، أبو محمد: one name
            k += 1
            continue
        if _is_stop(tok, stops) or word_in(tok, ctx["timeword"]):
            break
        name_like = not is_definite(tok) and not (tok.norm[:1] == "ل" and _starts_with_prep_letter(tok, ctx))
        if titled and name_like and k - i <= 5 and not word_in(tok, _actor_words()):
            j = k  # العميد منصور التركي: a title takes the name that follows
            k += 1
            continue
        # القائد العسكري اللواء عبد الله صبيحي، الرئيس التركي رجب طيب إردوغان: the name after a title
        titled = word_in(tok, ctx["title"]) or (titled and is_definite(tok))
        new_ent = _entity_end(doc, tokens, k)
        if new_ent is not None and not definite:
            j = k
            ent_end = new_ent
            k += 1
            continue
        if tok.norm.startswith("ل") and word_in(tokens[k - 1], ctx["affil"]):
            j = k  # القوات الموالية لهادي، مصادر مقربة من …: the allegiance stays with the phrase
            k += 1
            continue
        genitive = tok.norm.startswith("ل") and not is_definite(tok) and not word_in(tok, ctx["media"])
        if genitive and definite and k + 1 < end and is_definite(tokens[k + 1]):
            # المرصد السوري لحقوق الإنسان: an indefinite ل-genitive followed by a definite word stays
            j = k + 1
            k += 2
            continue
        if is_definite_pp(tok) or _starts_with_prep_letter(tok, ctx):
            break  # بالحسكة، لتطهير، بمحافظة: a prepositional phrase ends the noun phrase
        if definite and not is_definite(tok):
            break
        if acc and not tok.norm.endswith("ا") and not is_definite(tok):
            break
        definite = definite or is_definite(tok)
        j = k
        k += 1
    return i, j


def _starts_with_prep_letter(tok: Token, ctx: dict[str, frozenset[str]]) -> bool:
    """لرويترز، بتركيا، بمحافظة: a ل/ب-initial word that is not a known ل/ب-initial noun (short
    ب-initial words are left alone: بسام، بشار، بدر are names)."""
    norm = tok.norm
    if len(norm) < 4 or norm[0] not in "لب" or (norm[0] == "ب" and len(norm) < 5):
        return False
    return not any(norm.startswith(w) for w in ctx["l_noun" if norm[0] == "ل" else "b_noun"])


@lru_cache(maxsize=1)
def _actor_words() -> frozenset[str]:
    """Group and force nouns: after a title they start a new phrase (قائد قوات …), not a name."""
    ctx = context_classes()
    return ctx["group"] | ctx["forces"]


def _is_stop(tok: Token, stops: frozenset[str]) -> bool:
    if tok.norm == "علي" and not tok.text.rstrip(_MARKS).endswith("ى"):
        return False  # the name علي, not the preposition على
    if is_noun_with_w(tok):
        return False  # وادي is a valley, not و + أدى
    return word_in(tok, stops)


def starts_with_conj(tok: Token) -> bool:
    """Whether a word starting with و is the conjunction (وأصابوا) rather than a noun (وزارة، وفد)."""
    if tok.kind != "word" or not tok.norm.startswith("و") or len(tok.norm) < 4:
        return False
    return not any(tok.norm.startswith(w) for w in context_classes()["w_noun"])


def _entity_end(doc: Document, tokens: Sequence[Token], k: int) -> int | None:
    hit = entity_at(doc.entities, tokens[k].start, tokens[k].end)
    if hit is None or hit[0].type == "MISC":
        return None
    return hit[1].end


def phrase_text(doc: Document, tokens: Sequence[Token], i: int, j: int, force: str = "") -> tuple[str, int, int]:
    """Text and offsets of tokens ``i..j`` without the first word's conjunction/preposition."""
    start = clitic_start(tokens[i], force)
    end = tokens[j].end
    return doc.text[start:end], start, end
