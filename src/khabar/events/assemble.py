"""Events of an article: one sentence's triggers assembled into PLOVER events, repeats merged.

Triggers come from ``triggers`` (lexicon/data/event_triggers.tsv); argument, place, date and status rules
live in ``arguments`` and ``setting``; the source in force comes from the ``cues`` layer. Reporting verbs
and the source phrases they introduce are never triggers. Events of one type in one sentence are one
event (unless set in two different places, neither holding the other, and neither the outcome of the
other: مقتل، إصابة); a definite or demonstrative noun (الاجتماع، هذا القصف) that
repeats an earlier event of its type is the same event; a headline event repeated in the body is
dropped in favour of the body one.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from khabar.arabic import words as wc
from khabar.arabic.normalize import normalize
from khabar.arabic.phrases import bare, context_classes, is_definite, sentence_ranges, word_in
from khabar.attribution.speakers import speaking_actor
from khabar.events import arguments as args
from khabar.events import counts, happening, retype, setting
from khabar.events.arguments import Trigger, Window
from khabar.events.triggers import find_triggers
from khabar.model import Argument, Document, Event, Span, TimeValue, Token
from khabar.ontology import event_type

_DEMONSTRATIVES = wc.DEMONSTRATIVES


@dataclass(frozen=True, slots=True)
class _Mention:
    """A cue in force, in token indices: ``source`` holds from token ``anchor`` on."""

    sentence: int
    cue: int
    anchor: int
    source: str | None


@dataclass(frozen=True, slots=True)
class _Cues:
    """The ``cues`` layer in token indices, as the rules of this module compare positions."""

    mentions: tuple[_Mention, ...]
    blocked: frozenset[int]  # words the cues claim (cues in force, source phrases): never triggers
    cue_tokens: frozenset[int]  # every word a reporting cue matched: never the start of an argument
    announcers: tuple[tuple[int, int, int], ...]  # (sentence, first, last) of "أعلن X <act>"'s X


def _cue_index(doc: Document) -> _Cues:
    tokens = doc.tokens
    at = {t.start: k for k, t in enumerate(tokens)}
    ranges = sentence_ranges(doc)
    los = [lo for lo, _ in ranges]

    def words(span: Span) -> range:
        k = at[span.start]
        last = k
        while last + 1 < len(tokens) and tokens[last + 1].end <= span.end:
            last += 1
        return range(k, last + 1)

    def sentence(k: int) -> int:
        return bisect.bisect_right(los, k) - 1

    mentions: list[_Mention] = []
    blocked: set[int] = set()
    cue_tokens: set[int] = set()
    announcers: list[tuple[int, int, int]] = []
    for cue in doc.cues:
        span = words(Span(cue.start, cue.end))
        cue_tokens.update(span)
        for phrase in cue.phrases:
            blocked.update(words(phrase))
        if cue.anchor is not None:
            mentions.append(_Mention(sentence(span[0]), span[0], at[cue.anchor], cue.source))
        if cue.announcer is not None:
            who = words(cue.announcer)
            announcers.append((sentence(span[0]), who[0], who[-1]))
    return _Cues(tuple(mentions), frozenset(blocked), frozenset(cue_tokens), tuple(announcers))


def _entity_tokens(doc: Document) -> frozenset[int]:
    """Tokens inside a named organization or place (الحشد الشعبي، مجلس التعاون الخليجي): never triggers."""
    starts = [t.start for t in doc.tokens]
    out: set[int] = set()
    for ent in doc.entities:
        if ent.type not in ("ORG", "LOC"):
            continue
        for m in ent.mentions or (ent.span,):
            k = bisect.bisect_left(starts, m.start)
            while k < len(doc.tokens) and doc.tokens[k].end <= m.end:
                out.add(k)
                k += 1
    return frozenset(out)


_WHO = wc.RELATIVE_PRONOUNS
_THAT = wc.THAT_CLAUSE


def _object_of_cue(
    tokens: Sequence[Token], trig: Trigger, anchor: int, before: Sequence[Trigger], times: Sequence[TimeValue] = ()
) -> bool:
    """The noun is the cue's object: right after the source (a time between them allowed: تبنت الحركة
    الأربعاء قتل شرطيين), or (not a fight or arrest) after its relative clause (أعلن التحالف الذي يقاتل
    الحوثيين هدنة) with no إن/أن clause or other trigger in between."""
    if anchor < 0 or trig.first < anchor:
        return False
    timeword = context_classes()["timeword"]
    gap = range(anchor + 1, trig.first)
    if trig.first - anchor <= 1 or (len(gap) <= 3 and all(
        word_in(tokens[q], timeword) or any(t.start <= tokens[q].start < t.end for t in times) for q in gap
    )):
        return True
    if event_type(trig.type).seen_on_ground or is_definite(tokens[trig.first]) or any(b.first > anchor for b in before):
        return False
    between = [normalize(tokens[q].text) for q in range(anchor, trig.first)]
    prev = between[-1]
    return (
        any(w in _WHO for w in between)
        and not any(w in _THAT for w in between)
        and prev not in context_classes()["stop"]
    )


def _to_phrase(doc: Document, arg: Argument) -> bool:
    """The argument starts with the preposition لـ (للمقاومة، لعدن), not a word beginning with lam."""
    k = bisect.bisect_left(doc.tokens, arg.start, key=lambda t: t.start)
    if k >= len(doc.tokens) or doc.tokens[k].start != arg.start:
        return False
    tok = doc.tokens[k]
    if tok.prefix in wc.LAM_ARTICLE_PREFIXES:
        return True
    bare_word = normalize(tok.text).lstrip(wc.CONJUNCTION_LETTERS)
    return tok.prefix in wc.LAM_PREFIXES and bare_word not in context_classes()["l_noun"]


def _source_for(mentions: Sequence[_Mention], at: int) -> tuple[str | None, int]:
    """The source in force at token ``at``: the last cue before it, else the first after it (sentence)."""
    before = [m for m in mentions if m.anchor < at]
    if before:
        return before[-1].source, before[-1].anchor
    after = [m for m in mentions if m.cue > at]
    return (after[0].source, -1) if after else (None, -1)


def _announcer(
    doc: Document,
    att: _Cues,
    si: int,
    trig: Trigger,
    speaker: Argument | None,
    anchor: int,
    before: Sequence[Trigger],
) -> tuple[Argument, ...]:
    """The doer of a nominal event that a cue or "أعلن X" has as its object (أعلن التحالف وقفاً لإطلاق النار)."""
    if speaker is not None and _object_of_cue(doc.tokens, trig, anchor, before, doc.times):
        return (speaker,)
    for sent, lo, hi in att.announcers:
        if sent == si and _object_of_cue(doc.tokens, trig, hi + 1, before, doc.times):
            return (args.argument(doc, doc.tokens, lo, hi),)
    return ()

def _words(ev: Event) -> set[str]:
    parts = [a.text for a in (*ev.actors, *ev.targets)] + ([ev.place.text] if ev.place else [])
    return {bare(w) for p in parts for w in normalize(p).split() if len(w) > 2}


def _merge(into: Event, other: Event) -> Event:
    # a weapon named by the other trigger refines the mode (هجوم … بسيارة مفخخة); a killing does not
    # become a destruction of property
    weapon = event_type(other.type).mode(other.mode)
    mode = into.mode or (other.mode if weapon is not None and weapon.weapon else None)
    have = set(into.quantities)  # a set: a sentence of thousands of numbers made this quadratic
    counted = {(c.start, c.end) for c in into.counts}
    return dataclasses.replace(
        into,
        mode=mode,
        actors=into.actors or other.actors,
        targets=into.targets or other.targets,
        place=into.place or other.place,
        date=into.date or other.date,
        quantities=into.quantities + tuple(q for q in other.quantities if q not in have),
        confidence=max(into.confidence, other.confidence),
        counts=into.counts + tuple(c for c in other.counts if (c.start, c.end) not in counted),
    )


def _apart(a: Event, b: Event) -> bool:
    """Two events of one sentence set in different places, neither place containing the other."""
    if a.place is None or b.place is None:
        return False
    heads = context_classes()["place_head"]
    if any(all(bare(w) in heads for w in normalize(p.text).split()) for p in (a.place, b.place)):
        return False  # a bare place head (منطقة، المدينة) is no second place
    outcome = context_classes()["outcome"]
    pa, pb = _norm_texts([a.place]), _norm_texts([b.place])
    wa, wb = set(next(iter(pa)).split()), set(next(iter(pb)).split())
    # مقتل، إصابة after an attack: its outcome told beside it (… أسفر عن مقتل 5 في المدينة), not a second attack
    if any(bare(normalize(e.trigger.text).split()[0]) in outcome for e in (a, b)):
        return False
    if normalize(b.trigger.text).lstrip(wc.CONJUNCTION_LETTERS).startswith("ب"):
        return False  # ارتكبت مجزرة … بقصف عشوائي: the means of the first, no second attack
    ga, gb = a.place.geo, b.place.geo
    if ga is not None and gb is not None and ga.country_code == gb.country_code:
        wide = ("PCL", "ADM1", "RGN")
        if any(g.feature.startswith(wide) for g in (ga, gb)) or (ga.admin1 and ga.admin1 == gb.admin1):
            return False  # a country or region and a town in it (في تركيا … في إسطنبول): one telling
    return not (wa & wb)


def _has_args(ev: Event) -> bool:
    return bool(ev.actors or ev.targets or ev.place or ev.quantities)


def _sentence_events(
    doc: Document,
    si: int,
    lo: int,
    hi: int,
    att: _Cues,
    named: frozenset[int],
    collect: list[tuple[Event, dict[str, float]]] | None = None,
) -> list[tuple[Event, bool, bool]]:
    """Events of one sentence (not yet numbered), whether each is an anaphoric repeat, whether nominal."""
    sent = doc.sentences[si]
    tokens = doc.tokens
    trigs = find_triggers(doc, lo, hi, att.blocked | named)
    mentions = [m for m in att.mentions if m.sentence == si]
    att_sources = {s.id: s for s in doc.sources}
    cues = setting.status_cues(tokens, lo, hi) if trigs else []
    out: list[tuple[Event, bool, bool]] = []
    for n, trig in enumerate(trigs):
        left = trigs[n - 1].last + 1 if n else lo
        right = trigs[n + 1].first if n + 1 < len(trigs) else hi
        w = Window(lo, hi, left, right, att.blocked | att.cue_tokens)
        source, anchor = _source_for(mentions, trig.first)
        src = att_sources.get(source) if source else None
        speaker = Argument(src.text, src.start, src.end, src.entity) if src is not None else None
        w = dataclasses.replace(w, speaker=speaker)
        actors, targets = args.actors_targets(doc, tokens, trig, w, anchor)
        sharer = args.subject_sharer(tokens, trigs, n) if not actors and out else None
        if sharer is not None:
            actors = out[sharer][0].actors  # قتل مسلحون جنوداً واعتقلوا آخرين: the conjoined verb shares the subject
        # (not a meeting: اجتماع لوزراء الخارجية is the ministers' own meeting)
        to_whom = tuple(a for a in actors if not event_type(trig.type).to_phrase_doer and _to_phrase(doc, a))
        if to_whom:
            # مساعدات لعدن، تسليم أنفسهم للمقاومة: a phrase after لـ receives the act, it does not do it
            actors = tuple(a for a in actors if a not in to_whom)
            targets = targets or to_whom
        if trig.pos == "n" and not actors:
            # أعلن التحالف وقفاً لإطلاق النار: the announcer is the doer
            actors = _announcer(doc, att, si, trig, speaker, anchor, trigs[:n])
        quantities = setting.event_quantities(doc, tokens, w)
        where = args.place(doc, tokens, trig, w, (*actors, *targets))
        t0, t1 = tokens[trig.first], tokens[trig.last]
        trigger = Argument(doc.text[t0.start : t1.end], t0.start, t1.end)
        ev_source = source or speaking_actor(
            doc.sources, trig.type, actors, [(m.cue, m.source) for m in att.mentions if m.cue < trig.first]
        )

        def source_at(k: int, ev_source: str | None = ev_source) -> str | None:
            said, _ = _source_for(mentions, k)
            return said or ev_source

        ev = Event(
            id="",
            type=trig.type,
            trigger=trigger,
            evidence=sent.span,
            mode=trig.mode,
            status=setting.status(tokens, trig, cues),
            actors=actors,
            targets=targets,
            place=where,
            date=setting.event_date(doc, tokens, trig, w),
            quantities=quantities,
            source=ev_source,
            counts=counts.event_counts(doc.text, tokens, quantities, trig.type, trig.mode, source_at),
        )
        # the happening classifier: the calibrated probability that this candidate reports a happening
        feats = happening.features(doc, si, lo, hi, trigs, n, ev)
        ev = dataclasses.replace(ev, confidence=round(happening.score(feats), 3))
        if collect is not None:
            collect.append((ev, feats))  # the lexicon's type: what the classifiers are trained from
        kind, mode = retype.decide(trig.type, trig.mode, feats)
        if kind != trig.type:
            # the lexicon type is ambiguous here (سيطر بعد اشتباكات: ASSAULT/seize, not COERCE)
            typed = counts.event_counts(doc.text, tokens, quantities, kind, mode, source_at)
            ev = dataclasses.replace(ev, type=kind, mode=mode, counts=typed)
        prev = tokens[trig.first - 1] if trig.first > lo else None
        anaphor = trig.pos == "n" and (
            is_definite(t0) or (prev is not None and normalize(prev.text) in _DEMONSTRATIVES)
        )
        out.append((ev, anaphor, trig.pos == "n"))
    return out


def _norm_texts(args: Sequence[Argument]) -> frozenset[str]:
    return frozenset(" ".join(bare(w) for w in normalize(a.text).split()) for a in args)


def _merge_repeats(doc: Document, events: list[Event]) -> list[Event]:
    """A paragraph telling the same happening twice ("قتل 18 شخصاً …" then "… بمقتل 18 شخصاً") gives one
    event: same type, same targets, compatible places. The cited source wins over the outlet's voice."""
    out: list[Event] = []
    for ev in events:
        para = doc.text.rfind("\n", 0, ev.evidence.start)
        twin = None
        for i, prev in enumerate(out):
            same_para = doc.text.rfind("\n", 0, prev.evidence.start) == para
            places = prev.place is None or ev.place is None or _norm_texts([prev.place]) == _norm_texts([ev.place])
            targets = _norm_texts(ev.targets)
            if same_para and prev.type == ev.type and targets and targets == _norm_texts(prev.targets) and places:
                twin = i
        if twin is None:
            out.append(ev)
            continue
        merged = _merge(out[twin], ev)
        out[twin] = dataclasses.replace(merged, source=out[twin].source or ev.source)
    return out


def _headline_like(doc: Document, si: int) -> bool:
    """The marked headline, or (untitled input) a first line standing alone without a full stop."""
    sent = doc.sentences[si]
    if sent.headline:
        return True
    if si != 0 or doc.headline is not None or len(doc.sentences) < 2:
        return False
    line_end = doc.text.find("\n", sent.start)
    return line_end == sent.end and doc.text[sent.end - 1] not in ".!?؟…"


def _trailer(doc: Document, si: int, lo: int, hi: int) -> bool:
    """The outlet's trailer, not news: "رابط الخبر بصحيفة …: <headline again>", "اقرأ أيضا: …", or a last
    line of tags ("سمات اليمن تعز قتل")."""
    if hi - lo < 2:
        return False
    first, second = (bare(normalize(doc.tokens[k].text)) for k in (lo, lo + 1))
    trailer = context_classes()["trailer"]
    if first in trailer and second in trailer:
        return True
    return si == len(doc.sentences) - 1 and first in context_classes()["tags"]


def candidates(doc: Document) -> list[tuple[Event, dict[str, float]]]:
    """Every trigger candidate of ``doc`` as assembled, with its happening features, before any is dropped
    or merged (the training rows of the happening classifier)."""
    att = _cue_index(doc)
    ranges = sentence_ranges(doc)
    named = _entity_tokens(doc)
    out: list[tuple[Event, dict[str, float]]] = []
    for si in range(len(doc.sentences)):
        if not _trailer(doc, si, *ranges[si]):
            _sentence_events(doc, si, *ranges[si], att, named, out)
    return out


def extract_events(doc: Document) -> tuple[Event, ...]:
    """All events of ``doc`` after merging repeats (see module docstring)."""
    att = _cue_index(doc)
    body: list[Event] = []
    head: list[Event] = []
    ranges = sentence_ranges(doc)
    named = _entity_tokens(doc)
    for si in range(len(doc.sentences)):
        if _trailer(doc, si, *ranges[si]):
            continue
        found = _sentence_events(doc, si, *ranges[si], att, named)
        is_head = _headline_like(doc, si)
        kept: list[Event] = []
        merged: list[tuple[Event, bool, bool]] = []
        for ev, anaphor, nominal in found:
            if ev.confidence < happening.THRESHOLD:
                continue  # the classifier: a mention, not a reported happening (ذكرى اغتيال، بعد أن خطف …)
            # one type in one sentence is one happening (تفجير سيارة مفخخة أسفر عن مقتل …)
            # … unless the two name different places (هجوم بقنبلة في بيسميل وهجوم آخر في هكاري)
            at = next((i for i, (e, _, _) in enumerate(merged) if e.type == ev.type and not _apart(e, ev)), None)
            if at is None:
                merged.append((ev, anaphor, nominal))
            else:
                e0, a0, n0 = merged[at]
                merged[at] = (_merge(e0, ev), a0, n0 and nominal)
        for ev, anaphor, nominal in merged:
            if anaphor and not is_head:
                earlier = next((i for i in range(len(body) - 1, -1, -1) if body[i].type == ev.type), None)
                if earlier is not None:
                    body[earlier] = _merge(body[earlier], ev)
                    continue
            told_by_place = nominal and event_type(ev.type).seen_on_ground
            if not _has_args(ev) or (not (ev.actors or ev.targets) and not told_by_place):
                # a bare noun, or a verb with no participant, does not report a happening; only fighting
                # arrests and protests are told by their place alone (اشتباكات في مأرب), not a truce, aid or talks
                # (الهدنة، المساعدات الإنسانية، التعاون: topics of the article)
                continue
            kept.append(ev)
        (head if is_head else body).extend(kept)
    body = _merge_repeats(doc, body)
    lead = [s.start for i, s in enumerate(doc.sentences) if not _headline_like(doc, i)][:3]
    for ev in head:
        # the headline repeats the body: drop it when a body event of its type shares an argument word
        # or stands in the lead (first three body sentences), which usually restates the headline
        twins = [b for b in body if b.type == ev.type]
        if any(_words(ev) & _words(b) or b.evidence.start in lead for b in twins):
            continue
        body.append(ev)
    body.sort(key=lambda e: e.trigger.start)
    return tuple(dataclasses.replace(e, id=f"ev{i}") for i, e in enumerate(body, start=1))
