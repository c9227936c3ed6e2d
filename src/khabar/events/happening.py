"""Is a trigger candidate a reported happening? Features of a candidate and the shipped classifier.

The trigger lexicon proposes candidates (high recall); this module decides. ``features`` describes one
candidate from what event assembly already has — the trigger (lexicon type, part of speech, prefixes,
definiteness, construct state), the words before and after it (``happening_context.tsv`` classes and the
words themselves), quotation and question marks in its sentence, the age of the dates in its sentence
against the publication day, the participants, place, quantities and date the argument rules found, the
status, the cue family of the source in force and the sentence's place in the article. Deterministic: the
same document gives the same features.

``probability`` applies the shipped model (``lexicon/data/happening_model.json``): a logistic regression
trained with scikit-learn on the annotated candidates of ``eval/annotations/events`` by
``scripts/train_happening.py`` and calibrated on out-of-fold scores (Platt); applied here in pure Python,
so scikit-learn is needed only to train. The probability is the event's ``confidence``; candidates under
``THRESHOLD`` are not reported.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from datetime import date
from functools import lru_cache

from khabar.arabic.phrases import bare, is_definite, norm_words, token_keys
from khabar.events.arguments import Trigger
from khabar.lexicon import data_text, load_tsv
from khabar.model import Document, Event, TimeValue, Token

MODEL_FILE = "happening_model.json"
MODEL_FORMAT = "khabar-happening-1"
THRESHOLD = 0.5  # a candidate below this probability is not reported
OLD_DAYS = 28  # a date in the sentence more than four weeks before publication: background or reference
_QUOTES = frozenset('"«»“”„')
_YMD = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


@lru_cache(maxsize=1)
def context_words() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[tuple[str, tuple[str, ...]], ...]]]:
    """happening_context.tsv: one-word forms → their classes, and first words → the longer phrases (class, words)."""
    single: dict[str, set[str]] = {}
    multi: list[tuple[str, tuple[str, ...]]] = []
    for row in load_tsv("happening_context.tsv"):
        for form in row["word"].split("|"):
            words = norm_words(form)
            if len(words) == 1:
                single.setdefault(words[0], set()).add(row["class"])
            elif words:
                multi.append((row["class"], words))
    by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for cls, words in sorted(multi):
        by_first.setdefault(words[0], []).append((cls, words))
    return {w: tuple(sorted(c)) for w, c in single.items()}, {w: tuple(v) for w, v in by_first.items()}


def _keys(tok: Token) -> frozenset[str]:
    return _word_keys(tok.text, tok.norm) if tok.kind == "word" else frozenset()


@lru_cache(maxsize=100_000)
def _word_keys(text: str, norm: str) -> frozenset[str]:
    return frozenset(key for _, key in token_keys(Token(0, len(text), text, norm, "word")))


def _starts(tokens: Sequence[Token], k: int, hi: int) -> list[tuple[str, int]]:
    """(class, length) of the context phrases starting at token k (ending before hi)."""
    single, multi = context_words()
    keys = _keys(tokens[k])
    out = [(c, 1) for key in sorted(keys) for c in single.get(key, ())]
    for key in sorted(keys & multi.keys()):
        for cls, words in multi[key]:
            if k + len(words) <= hi and all(w in _keys(tokens[k + i]) for i, w in enumerate(words[1:], start=1)):
                out.append((cls, len(words)))
    return out


def _word(tok: Token) -> str:
    if tok.kind == "number":
        return "<num>"
    if tok.kind == "punct":
        return tok.text
    if tok.kind == "latin":
        return "<latin>"
    return bare(tok.norm)


def _end_of(value: str) -> date | None:
    """The last day of a time value's period (2014 → 2014-12-31, 2015-06 → 2015-06-28), or None."""
    m = _YMD.match(value)
    if m is None:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if day is not None and month is not None:
            return date(year, int(month), int(day))
        if month is not None:
            return date(year, int(month), 28)
        return date(year, 12, 31)
    except ValueError:
        return None


def _age(t: TimeValue, published: date | None) -> int | None:
    if published is None or not t.value:
        return None
    end = _end_of(t.value)
    return None if end is None else (published - end).days


def _age_features(prefix: str, ages: Sequence[int], out: dict[str, float]) -> None:
    if not ages:
        return
    if any(a > OLD_DAYS for a in ages):
        out[f"{prefix}_old"] = 1.0
    if any(a > 365 for a in ages):
        out[f"{prefix}_year_old"] = 1.0
    if any(-1 <= a <= OLD_DAYS for a in ages):
        out[f"{prefix}_recent"] = 1.0
    if any(a < -1 for a in ages):
        out[f"{prefix}_future"] = 1.0


_TEMPORAL = frozenset({"after_that", "after_clause", "since", "before"})
# a mention by the annotation convention, whatever the weights: a governing word of the ``mention`` class right
# before the trigger (ذكرى اغتيال، منذ سيطرة) or one preposition before it (التحقيق في الهجوم), or a question
VETO = frozenset({"mention@-1", "mention@-2", "question_clause"})


def _timed(tokens: Sequence[Token], k: int, end: int, hi: int, times: Sequence[tuple[int, int]]) -> bool:
    """The temporal word at tokens [k, end) starts a time expression or is followed by a duration or a number."""
    if any(a <= tokens[k].start < b for a, b in times):
        return True
    if end >= hi:
        return False
    nxt = tokens[end]
    return nxt.kind == "number" or "duration" in _classes_of(nxt) or any(a <= nxt.start < b for a, b in times)


def _cue_family(doc: Document, ev: Event) -> str:
    if ev.source is None:
        return "none"
    fams = [c.family for c in doc.cues if c.source == ev.source and ev.evidence.start <= c.start < ev.evidence.end]
    if fams:
        return fams[0]
    kind = next((s.kind for s in doc.sources if s.id == ev.source), None)
    return f"other_{kind}" if kind else "other"


def features(
    doc: Document, si: int, lo: int, hi: int, trigs: Sequence[Trigger], n: int, ev: Event
) -> dict[str, float]:
    """Features of candidate ``trigs[n]`` of sentence ``si`` (tokens ``[lo, hi)``) with its assembled event."""
    tokens = doc.tokens
    trig = trigs[n]
    first, last = trig.first, trig.last
    t0 = tokens[first]
    f: dict[str, float] = {}
    pos = trig.pos
    f[f"type={trig.type}"] = 1.0
    f[f"pos={pos}"] = 1.0
    f[f"type_pos={trig.type}|{pos}"] = 1.0
    f[f"mode={trig.mode or '-'}"] = 1.0
    f[f"gen={trig.gen}"] = 1.0
    words = [_word(tokens[k]) for k in range(first, last + 1)]
    stem = words[0]
    if trig.prefix and stem.startswith(trig.prefix):
        stem = bare(stem[len(trig.prefix) :])
    f["trig=" + " ".join([stem, *words[1:]])] = 1.0
    for c in trig.prefix:
        f[f"prefix_{c}"] = 1.0
    if "س" in trig.prefix:
        f["future_prefix"] = 1.0
    if last > first:
        f["multiword"] = 1.0
    if "\u064f" in t0.text[:3]:  # a damma on the first letters: اُعتقل، قُتل (passive when vocalised)
        f["damma"] = 1.0
    definite = is_definite(t0)
    if pos == "n":
        f["n_definite" if definite else "n_indefinite"] = 1.0
        nxt = tokens[last + 1] if last + 1 < hi else None
        if nxt is not None and nxt.kind == "word" and "prep" not in _classes_of(nxt):
            if not definite and not trig.prefix.endswith("ال"):
                f["construct"] = 1.0
                if is_definite(nxt) or _in_entity(doc, nxt):
                    f["construct_def"] = 1.0
        if nxt is not None and _in_entity(doc, nxt):
            f["next_entity"] = 1.0
    # the words around it
    for off, name in ((-1, "w-1"), (-2, "w-2"), (1, "w+1"), (2, "w+2")):
        k = first + off if off < 0 else last + off
        if lo <= k < hi:
            f[f"{name}={_word(tokens[k])}"] = 1.0
        else:
            f[f"{name}=<edge>"] = 1.0
    if first == lo:
        f["sentence_start"] = 1.0
    s_start, s_end = tokens[lo].start, tokens[hi - 1].end
    timed = [(t.start, t.end) for t in doc.times if s_start <= t.start < s_end]
    between = [t.first for t in trigs if t.first < first]
    for k in range(lo, first):
        for cls, length in _starts(tokens, k, first):
            end = k + length
            if cls in _TEMPORAL and _timed(tokens, k, end, hi, timed):
                cls += "_time"  # قبل يومين، منذ أشهر: a time reference, not a clause about an earlier act
            if cls == "governor" and not any(end <= b for b in between):
                f["governs"] = 1.0  # شن … غارات، توصل … إلى اتفاق: the verb that performs the nominal act
            if end == first:
                f[f"{cls}@-1"] = 1.0
            elif end == first - 1 and "prep" in _classes_of(tokens[end]):
                f[f"{cls}@-2"] = 1.0
            if first - end < 3:
                f[f"{cls}@-3"] = 1.0
            f[f"{cls}@-8" if first - end < 8 else f"{cls}@clause"] = 1.0
    for k in range(last + 1, min(hi, last + 5)):
        for cls, _ in _starts(tokens, k, hi):
            f[f"{cls}@+4"] = 1.0
    # quotation and question marks
    before = doc.text[s_start : t0.start]
    sent_text = doc.text[s_start:s_end]
    if sum(ch in _QUOTES for ch in before) % 2 == 1:
        f["in_quote"] = 1.0
    elif any(ch in _QUOTES for ch in sent_text):
        f["quote_in_sentence"] = 1.0
    if ":" in before:
        f["colon_before"] = 1.0
    if "؟" in sent_text or "?" in sent_text:
        f["question_mark"] = 1.0
        if any(k.startswith("question@") and not k.endswith("+4") for k in f):
            f["question_clause"] = 1.0  # هل ستهاجم تركيا …؟: asked about, not told
    if "(" in before and ")" not in before[before.rfind("(") :]:
        f["in_brackets"] = 1.0
    # dates
    published = doc.published
    if ev.date is not None:
        age = _age(ev.date, published)
        _age_features("date", [age] if age is not None else [], f)
        if ev.date.start < s_start or ev.date.start >= s_end:
            f["date_outside_sentence"] = 1.0
    else:
        f["no_date"] = 1.0
    ages = [a for t in doc.times if s_start <= t.start < s_end for a in [_age(t, published)] if a is not None]
    _age_features("sent_time", ages, f)
    # what the argument rules found
    f["has_actor" if ev.actors else "no_actor"] = 1.0
    f["has_target" if ev.targets else "no_target"] = 1.0
    if ev.place is not None:
        f["has_place"] = 1.0
    if ev.quantities:
        f["has_quantity"] = 1.0
    if not (ev.actors or ev.targets or ev.place or ev.quantities):
        f["no_arguments"] = 1.0
    f[f"status={ev.status}"] = 1.0
    f[f"cue={_cue_family(doc, ev)}"] = 1.0
    # the candidate among the others of its sentence
    if any(t.type == trig.type for t in trigs[:n]):
        f["same_type_before"] = 1.0
    if any(t.type == trig.type for t in trigs[n + 1 :]):
        f["same_type_after"] = 1.0
    if any(t.type != trig.type for t in trigs):
        f["other_type_in_sentence"] = 1.0
        for other in sorted({t.type for t in trigs if t.type != trig.type}):
            f[f"with={other}"] = 1.0  # سيطر … بعد اشتباكات: the other event types told in the sentence
    f["n_triggers"] = min(len(trigs), 8) / 8
    f["sentence_length"] = min(hi - lo, 80) / 80
    # position in the article
    sent = doc.sentences[si]
    if sent.headline:
        f["headline"] = 1.0
    body = [i for i, s in enumerate(doc.sentences) if not s.headline]
    rank = body.index(si) if si in body else -1
    if 0 <= rank < 2:
        f["lead"] = 1.0
    elif rank >= 8:
        f["late"] = 1.0
    f["relative_position"] = round(si / max(1, len(doc.sentences) - 1), 4)
    return f


def _classes_of(tok: Token) -> set[str]:
    single, _ = context_words()
    return {c for key in _keys(tok) for c in single.get(key, ())}


def _in_entity(doc: Document, tok: Token) -> bool:
    return any(m.start <= tok.start < m.end for e in doc.entities for m in (e.mentions or (e.span,)))


@lru_cache(maxsize=1)
def model() -> Mapping[str, object]:
    """The shipped model: {format, bias, weights, platt: [a, b], threshold, …} (see MANIFEST.md)."""
    obj = json.loads(data_text(MODEL_FILE))
    if not isinstance(obj, dict) or obj.get("format") != MODEL_FORMAT:
        from khabar.errors import ResourceError

        raise ResourceError(f"{MODEL_FILE}: not a {MODEL_FORMAT} model")
    shipped: dict[str, object] = obj
    return shipped


def _parts(m: Mapping[str, object]) -> tuple[Mapping[str, float], float, Sequence[float]]:
    """``(weights, bias, platt)`` of a model, checked: a malformed one is a ResourceError, not a wrong score."""
    weights, bias, platt = m.get("weights"), m.get("bias"), m.get("platt")
    if not isinstance(weights, Mapping) or not isinstance(bias, int | float) or not isinstance(platt, list | tuple):
        from khabar.errors import ResourceError

        raise ResourceError(f"{MODEL_FILE}: the model needs weights, a bias and platt [a, b]")
    return weights, float(bias), platt


def score(feats: Mapping[str, float], mdl: Mapping[str, object] | None = None) -> float:
    """The calibrated probability that the candidate is a reported happening (0 for a ``VETO`` feature)."""
    if not VETO.isdisjoint(feats):
        return 0.0
    weights, z, platt = _parts(model() if mdl is None else mdl)
    for name, value in feats.items():
        w = weights.get(name)
        if w is not None:
            z += w * value
    t = float(platt[0]) * z + float(platt[1])
    return 1.0 / (1.0 + math.exp(-t)) if t >= 0 else math.exp(t) / (1.0 + math.exp(t))
