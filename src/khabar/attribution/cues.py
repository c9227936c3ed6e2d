"""Stage sources: who the article cites (reporting cues → source phrase, kind, category, relay chain).

Rules (README, "Attribution"): a reporting cue (قال، أفاد، كشف …, بحسب، وفقاً لـ، نقلاً عن، علم … من)
is followed by the source phrase; "نقلت X عن Y" makes X the parent of Y; a definite back-reference
(وأكدت المصادر) or a cue with no phrase (وأضاف أن) continues the last source; the outlet itself is
never a Source (an event without a cited source has ``source=None``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from khabar.arabic import words as wc
from khabar.arabic.normalize import normalize
from khabar.arabic.phrases import (
    PhraseLexicon,
    context_classes,
    entity_at,
    is_definite,
    noun_phrase,
    sentence_ranges,
    token_readings,
    trigger_lexicon,
    word_in,
)
from khabar.attribution.builder import SourceBuilder, category, head_info
from khabar.attribution.speakers import AFTER_SPEAKER as _AFTER_SPEAKER
from khabar.attribution.speakers import (
    addressee_end,
    coordinated,
    refine,
    reports,
    speaker_head,
    speaker_name,
    svo_source,
)
from khabar.lexicon import load_tsv
from khabar.model import Cue, Document, Source, Span, Token

_OPENERS = wc.CLAUSE_OPENERS


@dataclass(frozen=True, slots=True)
class Attribution:
    """What the attribution engine finds: the cited sources and the cues that cite them."""

    sources: tuple[Source, ...]
    cues: tuple[Cue, ...]


@lru_cache(maxsize=1)
def _cues() -> tuple[PhraseLexicon, tuple[str, ...]]:
    rows = load_tsv("attribution_cues.tsv")
    entries = [(form, i) for i, row in enumerate(rows) for form in row["form"].split("|")]
    return PhraseLexicon(entries, suffixes=False), tuple(row["family"] for row in rows)


def _skip_time(doc: Document, tokens: Sequence[Token], k: int, end: int) -> int:
    times = context_classes()["timeword"]
    while k < end and (tokens[k].text in "،," or word_in(tokens[k], times) or _in_time(doc, tokens[k])):
        k += 1
    return k


def _in_time(doc: Document, tok: Token) -> bool:
    return any(t.start <= tok.start < t.end for t in doc.times)


def _opens_clause(tokens: Sequence[Token], i: int, lo: int) -> bool:
    if i == lo:
        return True
    tok, prev = tokens[i], tokens[i - 1]
    return tok.norm[:1] in wc.CONJUNCTION_CLITICS or prev.text in '،,:؛-"«(' or normalize(prev.text) in _OPENERS


def attribute(doc: Document) -> Attribution:
    """Sources and reporting cues of ``doc`` (pure)."""
    lex, families = _cues()
    build = SourceBuilder(doc)
    cues: list[Cue] = []
    tokens = doc.tokens

    def span(first: int, last: int) -> Span:
        return Span(tokens[first].start, tokens[last].end)
    current: str | None = None
    for lo, hi in sentence_ranges(doc):
        k = lo
        in_sentence: str | None = None
        while k < hi:
            found = lex.match_at(tokens, k, hi)
            if not found:
                k += 1
                continue
            m = found[0]
            family = families[m.payload]
            if family not in ("prep", "prep_verb", "relay_prep") and is_definite(tokens[m.first]):
                k += 1  # العلم، التابع، النقل: nouns, not the verbs علم، تابع، نقل
                continue
            cue_span = span(m.first, m.last)
            if family == "aside":  # مسؤول رفض الكشف عن هويته: no event, no new speaker
                cues.append(Cue(family, cue_span.start, cue_span.end, phrases=(cue_span,)))
                k = m.last + 1
                continue
            announce = family == "announce"
            family = "verb" if announce else family
            phrases: list[Span] = []
            announcer: Span | None = None
            cue_text = doc.text[tokens[m.first].start : tokens[m.last].end]
            opens = _opens_clause(tokens, m.first, lo)
            nxt = m.last + 1
            sid: str | None = None
            anchor = m.last
            made = False
            if family == "cont":
                sid, made = in_sentence or current, True
            elif family == "learn":  # علمت «…» من مصادر
                for q in range(nxt, min(hi, nxt + 5)):
                    if tokens[q].norm == "من":
                        nxt = q + 1
                        break
                else:
                    nxt = hi
            else:
                nxt = _skip_time(doc, tokens, nxt + (family == "prep_verb"), hi)
                if family in ("verb", "deny") and (alt := addressee_end(tokens, nxt, hi)) != nxt:
                    after = noun_phrase(doc, tokens, alt, hi)
                    if after is not None and (_known(doc, tokens, after) or speaker_head(tokens[alt])):
                        nxt = alt  # وأوضح لـ«الاقتصادية» أبو محمد العدني: the outlet spoken to comes first
            if family == "relay" and nxt < hi and tokens[nxt].norm == "عن":
                nxt += 1  # ونقل عن المسؤول: no relaying subject is named
                family = "relay_prep"
            if nxt < hi and (word_in(tokens[nxt], context_classes()["demonstrative"]) or tokens[nxt].norm == "عده"):
                nxt += 1  # عن هذا المسؤول، أحد الأسرى، عدة تقارير
            if family != "cont" and not made:
                quoted = _quoted(tokens, nxt, hi)
                np = raw = quoted or noun_phrase(doc, tokens, nxt, hi)
                if quoted is None:
                    np = _extend_quoted(tokens, _cut_at_addressee(tokens, _cut_at_trigger(tokens, np, hi)), hi)
                if np is not None and family in _STRICT and not _known(doc, tokens, np):
                    np = None
                if np is not None and family in ("verb", "deny") and not _known(doc, tokens, np):
                    first = tokens[np[0]]
                    if "\u064b" in first.text or first.norm.startswith("ل"):
                        np = None  # وأضاف مخاطباً …، تعلن ذلك لتبين …: an adverb or a purpose, not a subject
                if np is not None and family in ("verb", "deny") and _addressed(tokens[np[0]]):
                    np = raw = None  # وقال للوكالة «…»: the outlet spoken to, the speaker is the last one
                if np is not None and family == "prep_doc" and category(tokens[np[0]]) != "document":
                    np = None  # جاء في مقابل …: only a statement or report is cited
                if np is not None and announce and not reports(tokens, np[1] + 1, hi):
                    announcer = span(np[0], np[1])
                    np = None  # أعلنت السلطات حالة الطوارئ: an act, not a report
                weak = family == "verb_weak"
                # يرى أستاذ العلوم السياسية بجامعة الحديدة، صالح البيحاني، أن …: the name ends the subject
                said = (speaker_name(doc, tokens, np, hi) or np) if weak and np is not None else np
                if weak and (not opens or said is None or not _subject_like(tokens, said[1] + 1, hi, "verb_weak")):
                    np = None  # نشرت القوات تعزيزات: a deployment, not a report
                if np is not None and family in ("verb", "deny") and not _known(doc, tokens, np):
                    if not _subject_like(tokens, np[1] + 1, hi, family):
                        np = None  # كشف جزءاً من …، نفى وجود …: an object, not the speaker
                svo = svo_source(doc, tokens, m.first, lo) if family in ("verb", "deny", "verb_weak") else None
                if svo is not None and announce and not reports(tokens, m.last + 1, hi):
                    svo = None  # وكان التحالف قد أعلن وقفاً لإطلاق النار: an act
                if svo is not None:
                    np = None  # إن مصادر استخباراتية أبلغت الجيش: the subject stands before the verb
                force = "ل" if family == "prep" else ""
                parent = in_sentence if family == "relay_prep" else None
                relay_like = family == "relay" or (family == "prep_verb" and _relays(tokens, m.last + 1, hi))
                an = _an_after(tokens, np[1] + 1, hi) if np is not None and relay_like else None
                relayed = family != "relay" or (
                    an is not None and np is not None and (quoted is not None or _known(doc, tokens, np))
                )
                if np is not None and relayed and (family != "verb" or opens or _known(doc, tokens, np)):
                    phrases.append(span(np[0], np[1]))
                    if quoted is None:
                        np, force = refine(doc, tokens, np, hi, force)
                    sid = build.add(tokens, np[0], np[1], cue_text, parent, force, in_sentence or current)
                    made = True
                    anchor = np[1]
                    phrases.append(span(np[0], np[1]))
                    if coordinated(tokens, np[1] + 1, hi) and (second := noun_phrase(doc, tokens, np[1] + 1, hi)):
                        build.add(tokens, second[0], second[1], cue_text, parent, "و")  # مصادر عسكرية وسكان
                        phrases.append(span(second[0], second[1]))
                        anchor = second[1]
                    if an is not None:
                        start = an + 1
                        if start < hi and word_in(tokens[start], context_classes()["demonstrative"]):
                            start += 1
                        child = _quoted(tokens, start, hi) or noun_phrase(doc, tokens, start, hi)
                        if child is not None:
                            cues.append(Cue(family, cue_span.start, cue_span.end, sid, tokens[anchor].start))
                            sid = build.add(tokens, child[0], child[1], cue_text, sid, "")
                            anchor = child[1]
                            phrases.append(span(child[0], child[1]))
                elif svo is not None:
                    # وقال المرصد إن مصادر محلية أفادت بأن …: a speaker inside another's report;
                    # وكانت مصادر إعلامية أكدت، لكن الجيش نفى: a subject before its verb
                    nested = normalize(tokens[svo[0] - 1].text) in wc.CLAUSE_COMPLEMENTIZERS
                    sid = build.add(tokens, svo[0], svo[1], cue_text, in_sentence if nested else None, "")
                    made = True
                    phrases.append(span(svo[0], svo[1]))
                elif raw is None and opens and family in ("verb", "deny"):
                    sid, made = in_sentence or current, True
            if made:
                claimed = tuple(dict.fromkeys((cue_span, *phrases)))  # refine may keep the phrase as it was
                cues.append(Cue(family, cue_span.start, cue_span.end, sid, tokens[anchor].start, claimed, announcer))
                if sid is not None:
                    in_sentence = current = sid
            else:
                cues.append(Cue(family, cue_span.start, cue_span.end, announcer=announcer))
            k = max(anchor, m.last) + 1
    return Attribution(tuple(build.sources), tuple(cues))


def _an_after(tokens: Sequence[Token], k: int, hi: int) -> int | None:
    """Index of the عن that introduces the relayed source (within a few words: في بروكسل، عن …)."""
    for q in range(k, min(hi, k + 7)):
        norm = tokens[q].norm
        if norm == "عن":
            return q
        if norm in _AFTER_SPEAKER - {"،", ",", "«", '"'} or norm in wc.RELATIVE_PRONOUNS:
            return None
    return None


def _quoted(tokens: Sequence[Token], k: int, hi: int) -> tuple[int, int] | None:
    """«مكتب أخبار سوريا»: a quoted name as the source phrase (the quotes excluded)."""
    if k >= hi or tokens[k].text not in _QUOTES:
        return None
    close = _QUOTES[tokens[k].text]
    for q in range(k + 1, min(hi, k + 8)):
        if tokens[q].text == close:
            return (k + 1, q - 1) if q - 1 >= k + 1 else None
    return None


# prepositions read as nouns after a verb (وقال أمام الصحافيين)
_NOT_SPEAKER = wc.NOT_SPEAKER_PREPOSITIONS
_STRICT = frozenset({"verb_weak", "prep", "prep_verb", "prep_doc"})
_QUOTES = {"«": "»", '"': '"', "“": "”"}


def _cut_at_trigger(tokens: Sequence[Token], np: tuple[int, int] | None, hi: int) -> tuple[int, int] | None:
    """وزارة الداخلية القبض …: an event trigger ends the source phrase."""
    if np is None:
        return None
    lex, rows = trigger_lexicon()
    for q in range(np[0] + 1, np[1] + 1):
        if any(rows[m.payload]["cond"] == "-" for m in lex.match_at(tokens, q, hi)):
            return np[0], q - 1  # (وزير النقل: نقل needs detainees or forces nearby to be a trigger)
    return np


def _addressed(tok: Token) -> bool:
    """للوكالة، لرويترز، لصحيفة: an outlet with the ل of the addressee."""
    if not tok.norm.startswith("ل") or len(tok.norm) < 4:
        return False
    return word_in(tok, context_classes()["media"]) or category(tok) in ("agency", "outlet")


def _relays(tokens: Sequence[Token], k: int, hi: int) -> bool:
    """بحسب ما نقلته وكالة الأناضول عن …: the verb after حسبما relays another source."""
    return k < hi and any(stem.startswith(wc.RELAY_STEMS) for _, stem in token_readings(tokens[k]))


def _cut_at_addressee(tokens: Sequence[Token], np: tuple[int, int] | None) -> tuple[int, int] | None:
    """مصدر عسكري لوكالة الأنباء، شهود عيان لرويترز: the outlet spoken to is not part of the speaker."""
    if np is None:
        return None
    if normalize(tokens[np[0]].text) in _NOT_SPEAKER:
        return None
    media = context_classes()["media"]
    named = head_info(tokens[np[0]]) is None and not word_in(tokens[np[0]], context_classes()["title"])
    for q in range(np[0] + 1, np[1] + 1):
        tok = tokens[q]
        if tok.norm.startswith("ل") and (word_in(tok, media) or category(tok) in ("agency", "outlet")):
            return np[0], q - 1
        cue = not is_definite(tok) and _cues()[0].match_at(tokens, q, np[1] + 1)  # not وزير النقل
        if cue or normalize(tok.text) in _NOT_SPEAKER:
            return (np[0], q - 1) if q > np[0] else None  # مصادر بحسب سكاي نيوز: a cue ends the phrase
        if named and q > np[0] + 1 and is_definite(tok) and speaker_head(tok):
            return np[0], q - 1  # أبو محمد العدني القيادي في …: the title after a name is an apposition
    return np


def _subject_like(tokens: Sequence[Token], k: int, hi: int, family: str) -> bool:
    """An unknown phrase after a reporting verb is its subject when أن/إن، ":" or لـ follow it."""
    times = context_classes()["timeword"]
    while k < hi and word_in(tokens[k], times):
        k += 1
    if k >= hi:
        return False
    norm = tokens[k].norm
    if is_definite(tokens[k]) and speaker_head(tokens[k]):
        return True  # علي الأحمدي الناطق الرسمي …: a name with its title after it
    return norm in _AFTER_SPEAKER or (family == "verb" and norm == "في") or (family == "verb_weak" and norm == "عن")


def _known(doc: Document, tokens: Sequence[Token], np: tuple[int, int]) -> bool:
    """A source phrase after an ambiguous cue (بحسب، تابع، نشر) must have a source head or be a name."""
    if head_info(tokens[np[0]]) is not None or word_in(tokens[np[0]], context_classes()["title"]):
        return True  # a source head, or a title (الشيخ حمود المخلافي)
    if np[1] > np[0] and normalize(tokens[np[0]].text) in wc.KUNYA_HEADS:
        return True  # a kunya (أبو محمد العدني)
    # a name that starts the phrase (not بشار الأسد inside "بشاعة نظام بشار الأسد")
    hit = entity_at(doc.entities, tokens[np[0]].start, tokens[np[1]].end)
    return hit is not None and hit[1].start <= tokens[np[0]].end and hit[1].end >= tokens[np[0]].start


def _extend_quoted(tokens: Sequence[Token], np: tuple[int, int] | None, hi: int) -> tuple[int, int] | None:
    """صحيفة «الشرق الأوسط»: an outlet head takes the quoted name that follows it."""
    if np is None or np[1] + 1 >= hi:
        return np
    close = _QUOTES.get(tokens[np[1] + 1].text)
    if close is None:
        return np
    for q in range(np[1] + 2, min(hi, np[1] + 8)):
        if tokens[q].text == close:
            return np[0], q
    return np
