"""Boundaries of a cited source phrase: the name after a title, the issuer of a statement, affiliations.

The sources stage finds a noun phrase after a reporting cue; these rules move or stretch it to the
phrase an analyst would cite:

- a person-denoting head takes the name that follows it, across a comma, titles and (for named
  heads) a short prepositional modifier: "المحلل السياسي ناجي السامعي"، "الناطق الرسمي للمقاومة
  بمحافظة أبين، محمد عقيل،" → the name (a PER entity when there is one);
- a statement or report is cited for its issuer: "بيان لسلطات الولاية"، "بيان الداخلية التونسية"،
  "بيان صادر عن وزارة الخارجية" → the issuer;
- a bare unnamed-source head keeps its affiliation: "مصادر داخل المقاومة"، "مصدر بالمقاومة"؛
- a coordinated second source follows "و": "مصادر عسكرية وسكان"، "مصادر إعلامية وشهود عيان"؛
- a subject may stand before its verb: "وكانت مصادر إعلامية أكدت"، "لكن الجيش نفى"؛
- "أعلن X" reports unless an act follows (أعلنت الحكومة حالة الطوارئ: announced_acts.tsv).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from khabar import ontology
from khabar.arabic import words as wc
from khabar.arabic.normalize import normalize
from khabar.arabic.phrases import (
    PhraseLexicon,
    bare,
    clitic_start,
    context_classes,
    entity_at,
    is_definite,
    noun_phrase,
    token_readings,
    trigger_lexicon,
    word_in,
)
from khabar.lexicon import load_tsv
from khabar.model import Argument, Document, Source, Token

# what ends the stretch between a speaker's title and his name: the report itself begins
_REPORT_START = wc.THAT_CLAUSE | {":", "«", '"', "“"} | wc.REPORT_OPENERS
_COMMA = frozenset({"،", ","})
_PREPS = wc.AFFILIATION_PREPOSITIONS


AFTER_SPEAKER = wc.THAT_CLAUSE | {":", "،", ",", "«", '"'} | frozenset(wc.ADDRESSEE_LAM)


@dataclass(frozen=True, slots=True)
class Phrase:
    """Token range of a source phrase and the clitic letters to drop from its first word."""

    first: int
    last: int
    force: str = ""


@lru_cache(maxsize=1)
def _head_rows() -> dict[str, dict[str, str]]:
    return {bare(normalize(r["word"])): r for r in load_tsv("source_heads.tsv")}


def head_row(tok: Token) -> dict[str, str] | None:
    """The source_heads.tsv row of a token's head reading (modifiers excluded)."""
    rows = _head_rows()
    for _, stem in token_readings(tok):
        row = rows.get(bare(stem))
        if row is not None and row["kind"] not in ("modifier", "channel"):
            return row
    return None


def speaker_head(tok: Token) -> bool:
    """Whether the token is a person noun that takes a name (المتحدث، الوزير، المسؤول)."""
    row = head_row(tok)
    return row is not None and row.get("speaker", "-") in ("title", "anon")


def _per_at(doc: Document, tokens: Sequence[Token], k: int, hi: int) -> int | None:
    """Last token of the PER entity mention starting at token ``k``."""
    hit = entity_at(doc.entities, tokens[k].start, tokens[k].end)
    if hit is None or hit[0].type != "PER" or hit[1].start < tokens[k].start - 1:
        return None
    j = k
    while j + 1 < hi and tokens[j + 1].start < hit[1].end:
        j += 1
    return j


def _plain_word(tok: Token) -> bool:
    if tok.kind != "word" or len(tok.norm) < 2:
        return False
    ctx = context_classes()
    if tok.norm == "علي" and not tok.text.endswith("ى"):
        return True  # the name علي, not the preposition على
    return not (word_in(tok, ctx["stop"]) or word_in(tok, ctx["timeword"]) or head_row(tok) is not None)


def _unknown_name(tokens: Sequence[Token], k: int, hi: int) -> int | None:
    """Last token of a 2-4 word name at ``k`` (ناجي السامعي، نهرو عبد الله) that the report follows."""
    j = k
    while j < hi and j - k < 4:
        tok = tokens[j]
        compound = j > k and tokens[j - 1].norm in wc.COMPOUND_NAME_HEADS and is_definite(tok)  # عبد الله، أبو الفضل
        if not (compound or _plain_word(tok)):
            break
        nisba = j > k and is_definite(tok) and tok.norm.endswith("ي")  # الأحمدي: a family name
        if is_definite(tok) and not (compound or nisba):
            break
        if j == k and tok.norm[:1] in wc.CONJUNCTION_LETTERS and len(tok.norm) > 3:
            return None  # وقال، فأكد: a clause, not a name
        j += 1
        if nisba:
            break
    j -= 1
    if j <= k or j + 1 >= hi:
        return None
    after = tokens[j + 1]
    ends = after.norm in _REPORT_START or after.text in _COMMA or after.norm == "في" or after.norm.startswith("ل")
    return j if ends else None


def _name_inside(doc: Document, tokens: Sequence[Token], np: tuple[int, int]) -> tuple[int, int] | None:
    """A person's name that ends a title phrase (حاكم ولاية ديار بكر حسن يلماز → حسن يلماز)."""
    row = head_row(tokens[np[0]])
    if row is None or row.get("speaker") != "title" or np[1] - np[0] < 2:
        return None
    for k in range(np[0] + 1, np[1] + 1):
        end = _per_at(doc, tokens, k, np[1] + 1)
        if end == np[1]:
            return k, end
    return None


def speaker_name(doc: Document, tokens: Sequence[Token], np: tuple[int, int], hi: int) -> tuple[int, int] | None:
    """The name of the person a title phrase introduces (within the clause, before the report starts)."""
    first = tokens[np[0]]
    row = head_row(first)
    if row is None or row.get("speaker", "-") == "-":
        return None
    named = row["speaker"] == "title"
    titles = context_classes()["title"]
    k, skipped = np[1] + 1, 0
    while k < hi and k - np[1] <= 10:
        tok = tokens[k]
        rank = word_in(tok, titles) and is_definite(tok) and tok.norm[:1] not in "لب"  # not للرئيس
        if tok.text in _COMMA or rank or tok.norm in wc.RANK_QUALIFIERS:
            k += 1  # العميد، اللواء الركن (but عماد, without the article, is a name)
            continue
        if (per := _per_at(doc, tokens, k, hi)) is not None:
            prev = tokens[k - 1]
            if skipped and prev.norm[:1] in "لب" and word_in(prev, titles):
                return None  # قائد موالٍ للرئيس هادي: the name belongs to the modifier
            return k, per
        if tok.norm in _REPORT_START or tok.kind != "word":
            return None
        # right after the title, after a comma, or after the definite word that ends its modifier (للاتحاد عماد احمد;
        # not بمحافظة)
        after_modifier = skipped and is_definite(tokens[k - 1]) and tok.norm[:1] not in wc.PREPOSITION_LETTERS
        after_title = word_in(tokens[k - 1], titles) and tokens[k - 1].norm.startswith("ال")
        adjacent = k == np[1] + 1 or tokens[k - 1].text in _COMMA or after_modifier or after_title
        if (named or k == np[1] + 1) and adjacent and (unknown := _unknown_name(tokens, k, hi)) is not None:
            return k, unknown
        if not named or skipped >= 6:
            return None
        skipped += 1  # في رئاسة الاتحاد، بجامعة الحديدة: the title's modifier
        k += 1
    return None


def issuer(doc: Document, tokens: Sequence[Token], np: tuple[int, int], hi: int) -> Phrase | None:
    """Who issued the statement or report at ``np`` (بيان لـX، بيان X، بيان صادر عن X)."""
    row = head_row(tokens[np[0]])
    if row is None or row["category"] != "document" or row["kind"] != "named":
        return None
    i, j = np
    if j > i:
        nxt = tokens[i + 1]
        if head_row(nxt) is not None or entity_at(doc.entities, nxt.start, tokens[j].end) is not None:
            return Phrase(i + 1, j)  # بيان الداخلية التونسية، بيان رئاسة الإقليم
        return None
    k = j + 1
    if k + 1 < hi and normalize(tokens[k].text) in wc.ISSUED_WORDS and tokens[k + 1].norm in wc.ISSUER_PREPOSITIONS:
        k += 2
    elif k < hi and tokens[k].norm.startswith("ل") and len(tokens[k].norm) > 3:
        found = noun_phrase(doc, tokens, k, hi)
        known = head_row(tokens[k]) is not None or entity_at(doc.entities, tokens[k].start, tokens[k].end)
        return Phrase(k, found[1], "ل") if found is not None and known else None
    else:
        return None
    found = noun_phrase(doc, tokens, k, hi)
    return Phrase(*found) if found is not None else None


def affiliation(doc: Document, tokens: Sequence[Token], np: tuple[int, int], hi: int) -> int | None:
    """Last token of the affiliation after a bare unnamed-source head (مصادر داخل المقاومة، مصدر بالمقاومة)."""
    i, j = np
    row = head_row(tokens[i])
    if row is None or j + 1 >= hi:
        return None
    if j > i and row["category"] in ("organization", "official") and tokens[j + 1].norm == "في" and j + 2 < hi:
        # لجنة الشؤون الخارجية في المجلس الوطني للمقاومة: an organization inside another
        hit = entity_at(doc.entities, tokens[j + 2].start, tokens[j + 2].end)
        if hit is not None and hit[0].type == "ORG" and hit[1].start >= tokens[j + 2].start - 1:
            last = j + 2
            while last + 1 < hi and tokens[last + 1].start < hit[1].end:
                last += 1
            return last
        return None
    # مصادر ميدانية في الجيش الوطني (unnamed media keep no place: الصحف الأوروبية في بروكسل)
    anonymous = row["kind"] == "anonymous" and j - i <= 2 and row["category"] not in ("outlet", "document")
    if not (anonymous or (j == i and row.get("speaker") == "title")):
        return None
    k = j + 1
    tok = tokens[k]
    if tok.norm in _PREPS and k + 1 < hi:
        start = k + 1
    elif tok.norm.startswith("ب") and len(tok.norm) > 4 and tok.kind == "word":
        start = k
    else:
        return None
    found = noun_phrase(doc, tokens, start, hi, max_len=3, allow_of=False)
    if found is None or (start == k and found[0] != k) or _channel(tokens[start]):
        return None
    if trigger_lexicon()[0].match_at(tokens, start, hi):
        return None  # أفاد مصدر أمني آخر بمقتل شخص: the report, not an affiliation
    return min(found[1], start + 2)


def _channel(tok: Token) -> bool:
    """في تصريح، في بيان، في اتصال هاتفي، في وقت سابق: how or when it was said, not who says it."""
    if word_in(tok, context_classes()["timeword"]):
        return True
    rows = _head_rows()
    for _, stem in token_readings(tok):
        row = rows.get(bare(stem))
        if row is not None and (row["kind"] == "channel" or row["category"] == "document"):
            return True
    return False


def coordinated(tokens: Sequence[Token], k: int, hi: int) -> bool:
    """Whether token ``k`` opens a coordinated second source (وسكان، وشهود عيان)."""
    if k >= hi or tokens[k].kind != "word" or not tokens[k].norm.startswith("و") or len(tokens[k].norm) < 4:
        return False
    row = head_row(tokens[k])
    return row is not None and row["kind"] == "anonymous"


def earlier_name(doc: Document, tokens: Sequence[Token], np: tuple[int, int]) -> tuple[int, int] | None:
    """A definite title phrase without a name (وأشار الخبير العسكري) that earlier stood next to a name:
    the tokens of that person's mention (الخبير العسكري اليمني العميد محسن خصروف)."""
    first = tokens[np[0]]
    row = head_row(first)
    if row is None or not doc.entities:
        return None
    # وأشار الخبير العسكري، وأكد رئيس جهاز الأمن القومي، وأوضح القيادي: a known person, not a new one
    if not (row.get("speaker") == "title" and (is_definite(first) or np[1] > np[0])) and not (
        row.get("speaker") == "anon" and is_definite(first)
    ):
        return None
    start = clitic_start(first)
    text = doc.text[start : tokens[np[1]].end]
    mentions = sorted(
        (m.start, m.end) for ent in doc.entities if ent.type == "PER" for m in (ent.mentions or (ent.span,))
    )
    pos = doc.text.rfind(text, 0, start)
    while pos >= 0:
        end = pos + len(text)
        for m_start, m_end in mentions:
            if end <= m_start <= end + _NEAR or pos - _NEAR <= m_end <= pos:
                k = bisect.bisect_left([t.start for t in tokens], m_start)
                j = k
                while j + 1 < len(tokens) and tokens[j + 1].start < m_end:
                    j += 1
                return k, j
        pos = doc.text.rfind(text, 0, pos)
    return None


_NEAR = 40  # characters between a title phrase and the name it stands next to


def refine(
    doc: Document, tokens: Sequence[Token], np: tuple[int, int], hi: int, force: str
) -> tuple[tuple[int, int], str]:
    """The cited phrase for ``np``: a statement's issuer, the name after a title, or the head's affiliation."""
    found = issuer(doc, tokens, np, hi)
    if found is not None:
        return (found.first, found.last), found.force
    name = _name_inside(doc, tokens, np) or speaker_name(doc, tokens, np, hi) or earlier_name(doc, tokens, np)
    if name is not None:
        return name, ""
    end = affiliation(doc, tokens, np, hi)
    return ((np[0], end), force) if end is not None else (np, force)


def svo_source(doc: Document, tokens: Sequence[Token], cue: int, lo: int) -> tuple[int, int] | None:
    """A known source phrase between أن/إن and the reporting verb (إن مصادر محلية أفادت)."""
    for p in range(cue - 1, max(lo, cue - 8) - 1, -1):
        if normalize(tokens[p].text) in _SVO_OPENERS:
            last = cue - 2 if tokens[cue - 1].norm == "قد" else cue - 1
            first = p + 1
            if last < first or last - first > 4 or any(t.kind != "word" for t in tokens[first : last + 1]):
                return None
            known = head_row(tokens[first]) is not None or (
                (hit := entity_at(doc.entities, tokens[first].start, tokens[first].end)) is not None
                and hit[0].type in ("PER", "ORG")
            )
            return (first, last) if known else None
    return None


# what may stand before a subject that precedes its reporting verb
_SVO_OPENERS = wc.CLAUSE_COMPLEMENTIZERS | wc.SUBJECT_FIRST_OPENERS


def reports(tokens: Sequence[Token], k: int, hi: int) -> bool:
    """After أعلن + subject: a report (أن، عن، «…»، مقتل …) rather than an act (أعلن الحداد); a short
    place or time phrase may stand between (أعلن مكتب الحاكم بشرق تركيا أمس أن …)."""
    times = context_classes()["timeword"]
    lex, _ = trigger_lexicon()
    for q in range(k, min(hi, k + 6)):
        tok = tokens[q]
        if tok.text in "،," or word_in(tok, times):
            continue
        if tok.norm in AFTER_SPEAKER or tok.norm in wc.ANNOUNCE_REPORT_WORDS:
            return True
        if _acts().match_at(tokens, q, hi):
            return False
        if any(stem.startswith(wc.CLAIM_STEMS) for _, stem in token_readings(tok)):
            return True  # أعلن التنظيم مسؤوليته عن …: a claim
        if lex.match_at(tokens, q, hi):
            return True
        if q == k and tok.norm != "في" and not tok.norm.startswith("ب"):
            return False  # أعلنت الحكومة خطة …: an object, not a place phrase
    return False


@lru_cache(maxsize=1)
def _acts() -> PhraseLexicon:
    rows = load_tsv("announced_acts.tsv")
    return PhraseLexicon([(form, i) for i, row in enumerate(rows) for form in row["form"].split("|")])


def speaking_actor(
    sources: Sequence[Source], event_type: str, actors: Sequence[Argument], said: Sequence[tuple[int, str | None]] = ()
) -> str | None:
    """The cited source that is the actor of a statement event (طالبت رئاسة الإقليم … after بيان رئاسة الإقليم);
    ``said`` holds (token, source) of the cues before the event, for an actor that is the statement itself
    (ودعا البيان … → the issuer last cited)."""
    if not ontology.event_type(event_type).speech_act:
        return None
    for actor in actors:
        akey = tuple(bare(w) for w in normalize(actor.text).split())
        if len(akey) == 1 and (row := _head_rows().get(akey[0])) is not None and row["category"] == "document":
            cited = [sid for _, sid in said if sid is not None]
            if cited:
                return cited[-1]
        for src in sources:
            skey = tuple(bare(w) for w in normalize(src.text).split())
            if (actor.entity is not None and actor.entity == src.entity) or (
                akey and skey and (akey[: len(skey)] == skey or skey[: len(akey)] == akey)
            ):
                return src.id
    return None


def addressee_end(tokens: Sequence[Token], k: int, hi: int) -> int:
    """Token after an addressee right after the verb (وأوضح لـ«الاقتصادية» …، وقال لرويترز …), else ``k``."""
    if k >= hi:
        return k
    tok = tokens[k]
    if tok.norm in wc.ADDRESSEE_LAM and k + 1 < hi:
        close = {"«": "»", '"': '"', "“": "”"}.get(tokens[k + 1].text)
        if close is None:
            return k
        for q in range(k + 2, min(hi, k + 8)):
            if tokens[q].text == close:
                return q + 1
        return k
    row = head_row(tok)
    if tok.norm.startswith("ل") and (word_in(tok, context_classes()["media"]) or (row and row["category"] == "agency")):
        q = k + 1
        while q < hi and is_definite(tokens[q]) and q - k <= 3:
            q += 1  # لوكالة الأنباء الألمانية
        return q
    return k
