"""Stage sources: who the article cites (reporting cues → source phrase, kind, category, relay chain).

Rules (README, "Attribution"): a reporting cue (قال، أفاد، كشف …, بحسب، وفقاً لـ، نقلاً عن، علم … من)
is followed by the source phrase; "نقلت X عن Y" makes X the parent of Y; a definite back-reference
(وأكدت المصادر) or a cue with no phrase (وأضاف أن) continues the last source; the outlet itself is
never a Source (an event without a cited source has ``source=None``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from khabar.arabic import words as wc
from khabar.arabic.normalize import normalize
from khabar.arabic.phrases import (
    PhraseLexicon,
    PhraseMatch,
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
from khabar.attribution.families import FamilyRule, PhrasePlace, cue_family, family_rules
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
def _cues() -> tuple[PhraseLexicon, tuple[FamilyRule, ...]]:
    rows = load_tsv("attribution_cues.tsv")
    entries = [(form, i) for i, row in enumerate(rows) for form in row["form"].split("|")]
    rules = family_rules()
    families = tuple(rules[cue_family(row["family"], "attribution_cues.tsv")] for row in rows)
    return PhraseLexicon(entries, suffixes=False), families


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


@dataclass(slots=True)
class _Run:
    """The attribution of one document in progress: the sources so far, the cues, who speaks."""

    doc: Document
    build: SourceBuilder
    cues: list[Cue] = field(default_factory=list)
    lo: int = 0  # the sentence's tokens [lo, hi)
    hi: int = 0
    current: str | None = None  # the source in force (across sentences)
    in_sentence: str | None = None  # the source last cited in this sentence

    def span(self, first: int, last: int) -> Span:
        return Span(self.doc.tokens[first].start, self.doc.tokens[last].end)

    def record(
        self,
        family: str,
        cue: Span,
        sid: str | None,
        anchor: int,
        phrases: Sequence[Span],
        announcer: Span | None = None,
    ) -> None:
        """A cue that puts ``sid`` in force after token ``anchor``."""
        claimed = tuple(dict.fromkeys((cue, *phrases)))  # refine may keep the phrase as it was
        self.cues.append(Cue(family, cue.start, cue.end, sid, self.doc.tokens[anchor].start, claimed, announcer))
        if sid is not None:
            self.in_sentence = self.current = sid


def attribute(doc: Document) -> Attribution:
    """Sources and reporting cues of ``doc`` (pure)."""
    lex, families = _cues()
    run = _Run(doc, SourceBuilder(doc))
    for lo, hi in sentence_ranges(doc):
        run.lo, run.hi, run.in_sentence = lo, hi, None
        k = lo
        while k < hi:
            found = lex.match_at(doc.tokens, k, hi)
            if not found:
                k += 1
                continue
            m, rule = found[0], families[found[0].payload]
            if not rule.article_ok and is_definite(doc.tokens[m.first]):
                k += 1  # العلم، التابع، النقل: nouns, not the verbs علم، تابع، نقل
                continue
            k = _HANDLERS[rule.phrase](run, m, rule)
    return Attribution(tuple(run.build.sources), tuple(run.cues))


def _aside(run: _Run, m: PhraseMatch, rule: FamilyRule) -> int:
    """مسؤول رفض الكشف عن هويته: the cue claims its words; no event, no new speaker."""
    cue = run.span(m.first, m.last)
    run.cues.append(Cue(rule.records_as, cue.start, cue.end, phrases=(cue,)))
    return m.last + 1


def _goes_on(run: _Run, m: PhraseMatch, rule: FamilyRule) -> int:
    """مضيفاً، لافتاً إلى: the current speaker goes on."""
    run.record(rule.records_as, run.span(m.first, m.last), run.in_sentence or run.current, m.last, ())
    return m.last + 1


def _phrase_start(run: _Run, m: PhraseMatch, rule: FamilyRule) -> int:
    """Token where the source phrase of the cue at ``m`` starts."""
    doc, tokens, hi = run.doc, run.doc.tokens, run.hi
    if rule.phrase == "after_min":  # علمت «…» من مصادر
        return next((q + 1 for q in range(m.last + 1, min(hi, m.last + 6)) if tokens[q].norm == "من"), hi)
    nxt = _skip_time(doc, tokens, m.last + 1 + (rule.phrase == "after_word"), hi)
    if rule.speech and (alt := addressee_end(tokens, nxt, hi)) != nxt:
        after = noun_phrase(doc, tokens, alt, hi)
        if after is not None and (_known(doc, tokens, after) or speaker_head(tokens[alt])):
            return alt  # وأوضح لـ«الاقتصادية» أبو محمد العدني: the outlet spoken to comes first
    return nxt


def _cite(run: _Run, m: PhraseMatch, rule: FamilyRule) -> int:
    """A cue whose source follows it (or stands before the verb)."""
    doc, tokens, hi = run.doc, run.doc.tokens, run.hi
    nxt = _phrase_start(run, m, rule)
    if rule.before_an is not None and nxt < hi and tokens[nxt].norm == "عن":
        nxt += 1  # ونقل عن المسؤول: no relaying subject is named
        rule = family_rules()[rule.before_an]
    if nxt < hi and (word_in(tokens[nxt], context_classes()["demonstrative"]) or tokens[nxt].norm == "عده"):
        nxt += 1  # عن هذا المسؤول، أحد الأسرى، عدة تقارير
    opens = _opens_clause(tokens, m.first, run.lo)
    quoted = _quoted(tokens, nxt, hi)
    raw = quoted or noun_phrase(doc, tokens, nxt, hi)
    np = raw
    if quoted is None:
        np = _extend_quoted(tokens, _cut_at_addressee(tokens, _cut_at_trigger(tokens, raw, hi)), hi)
    np, addressed, announcer = _source_phrase(run, m, rule, np, opens)
    svo = _subject_before(run, m, rule)
    if svo is not None:
        np = None  # إن مصادر استخباراتية أبلغت الجيش: the subject stands before the verb
    cue = run.span(m.first, m.last)
    if np is not None and _relayed(run, m, rule, np, quoted) and (not rule.opening or opens or _known(doc, tokens, np)):
        return _add_source(run, m, rule, np, quoted is not None)
    if svo is not None:
        # وقال المرصد إن مصادر محلية أفادت بأن …: a speaker inside another's report;
        # وكانت مصادر إعلامية أكدت، لكن الجيش نفى: a subject before its verb
        nested = normalize(tokens[svo[0] - 1].text) in wc.CLAUSE_COMPLEMENTIZERS
        sid = run.build.add(tokens, svo[0], svo[1], _text(run, cue), run.in_sentence if nested else None, "")
        run.record(rule.records_as, cue, sid, m.last, (run.span(svo[0], svo[1]),), announcer)
    elif (raw is None or addressed) and opens and rule.speech:
        run.record(rule.records_as, cue, run.in_sentence or run.current, m.last, ())  # وأضاف أن …
    else:
        run.cues.append(Cue(rule.records_as, cue.start, cue.end, announcer=announcer))
    return m.last + 1


def _text(run: _Run, cue: Span) -> str:
    return run.doc.text[cue.start : cue.end]


def _source_phrase(
    run: _Run, m: PhraseMatch, rule: FamilyRule, np: tuple[int, int] | None, opens: bool
) -> tuple[tuple[int, int] | None, bool, Span | None]:
    """The phrase after the cue if it is the source: ``(phrase, addressed, announcer)``; ``addressed`` when it is
    the outlet spoken to, ``announcer`` the subject of "أعلن X <act>"."""
    doc, tokens, hi = run.doc, run.doc.tokens, run.hi
    if np is None or (rule.known_only and not _known(doc, tokens, np)):
        return None, False, None
    if rule.speech and not _known(doc, tokens, np):
        first = tokens[np[0]]
        if "\u064b" in first.text or first.norm.startswith("ل"):
            return None, False, None  # وأضاف مخاطباً …، تعلن ذلك لتبين …: an adverb or a purpose, not a subject
    if rule.speech and _addressed(tokens[np[0]]):
        return None, True, None  # وقال للوكالة «…»: the outlet spoken to, the speaker is the last one
    if rule.document_only and category(tokens[np[0]]) != "document":
        return None, False, None  # جاء في مقابل …: only a statement or report is cited
    if rule.act_check and not reports(tokens, np[1] + 1, hi):
        return None, False, run.span(np[0], np[1])  # أعلنت السلطات حالة الطوارئ: an act, not a report
    if rule.weak:
        # يرى أستاذ العلوم السياسية بجامعة الحديدة، صالح البيحاني، أن …: the name ends the subject
        said = speaker_name(doc, tokens, np, hi) or np
        if not opens or not _subject_like(tokens, said[1] + 1, hi, rule.subject_word):
            return None, False, None  # نشرت القوات تعزيزات: a deployment, not a report
    if rule.speech and not _known(doc, tokens, np) and not _subject_like(tokens, np[1] + 1, hi, rule.subject_word):
        return None, False, None  # كشف جزءاً من …، نفى وجود …: an object, not the speaker
    return np, False, None


def _subject_before(run: _Run, m: PhraseMatch, rule: FamilyRule) -> tuple[int, int] | None:
    """A known source standing before the verb at ``m`` (إن مصادر محلية أفادت), unless an act follows."""
    if not rule.subject_first:
        return None
    svo = svo_source(run.doc, run.doc.tokens, m.first, run.lo)
    if svo is not None and rule.act_check and not reports(run.doc.tokens, m.last + 1, run.hi):
        return None  # وكان التحالف قد أعلن وقفاً لإطلاق النار: an act
    return svo


def _relay_an(run: _Run, m: PhraseMatch, rule: FamilyRule, np: tuple[int, int]) -> int | None:
    """The عن of the source that ``np`` relays (نقلت رويترز عن مصدر), if the cue relays."""
    tokens = run.doc.tokens
    if rule.relay or (rule.relay_if_verb_relays and _relays(tokens, m.last + 1, run.hi)):
        return _an_after(tokens, np[1] + 1, run.hi)
    return None


def _relayed(run: _Run, m: PhraseMatch, rule: FamilyRule, np: tuple[int, int], quoted: object) -> bool:
    """A relaying verb cites its subject only when the relayed source is named and it is known or quoted."""
    if not rule.relay:
        return True
    return _relay_an(run, m, rule, np) is not None and (quoted is not None or _known(run.doc, run.doc.tokens, np))


def _add_source(run: _Run, m: PhraseMatch, rule: FamilyRule, np: tuple[int, int], quoted: bool) -> int:
    """Add the source phrase ``np`` (and a coordinated second one, and the source it relays); the next token."""
    doc, tokens, hi, build = run.doc, run.doc.tokens, run.hi, run.build
    cue = run.span(m.first, m.last)
    cue_text = _text(run, cue)
    an = _relay_an(run, m, rule, np)
    force = "ل" if rule.lam else ""
    parent = run.in_sentence if rule.parent_sentence else None
    phrases = [run.span(np[0], np[1])]
    if not quoted:
        np, force = refine(doc, tokens, np, hi, force)
    sid = build.add(tokens, np[0], np[1], cue_text, parent, force, run.in_sentence or run.current)
    anchor = np[1]
    phrases.append(run.span(np[0], np[1]))
    if coordinated(tokens, np[1] + 1, hi) and (second := noun_phrase(doc, tokens, np[1] + 1, hi)):
        build.add(tokens, second[0], second[1], cue_text, parent, "و")  # مصادر عسكرية وسكان
        phrases.append(run.span(second[0], second[1]))
        anchor = second[1]
    if an is not None:
        start = an + 1
        if start < hi and word_in(tokens[start], context_classes()["demonstrative"]):
            start += 1
        child = _quoted(tokens, start, hi) or noun_phrase(doc, tokens, start, hi)
        if child is not None:
            run.cues.append(Cue(rule.records_as, cue.start, cue.end, sid, tokens[anchor].start))
            sid = build.add(tokens, child[0], child[1], cue_text, sid, "")
            anchor = child[1]
            phrases.append(run.span(child[0], child[1]))
    run.record(rule.records_as, cue, sid, anchor, phrases)
    return max(anchor, m.last) + 1


_Handler = Callable[[_Run, PhraseMatch, FamilyRule], int]
_HANDLERS: dict[PhrasePlace, _Handler] = {
    "none": _aside,
    "current": _goes_on,
    "after": _cite,
    "after_word": _cite,
    "after_min": _cite,
}


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


def _subject_like(tokens: Sequence[Token], k: int, hi: int, subject_word: str) -> bool:
    """An unknown phrase after a reporting verb is its subject when أن/إن، ":" or لـ follow it (or the family's
    ``subject_word``: في after قال، عن after a weak verb)."""
    times = context_classes()["timeword"]
    while k < hi and word_in(tokens[k], times):
        k += 1
    if k >= hi:
        return False
    norm = tokens[k].norm
    if is_definite(tokens[k]) and speaker_head(tokens[k]):
        return True  # علي الأحمدي الناطق الرسمي …: a name with its title after it
    return norm in _AFTER_SPEAKER or (subject_word != "" and norm == subject_word)


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
