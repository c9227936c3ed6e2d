"""Argument rules of the events stage: actors and targets from clause structure, place, date, quantities, status."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from khabar.arabic import words as wc
from khabar.arabic.normalize import normalize
from khabar.arabic.phrases import (
    bare,
    context_classes,
    entity_at,
    is_definite,
    is_definite_pp,
    noun_phrase,
    phrase_text,
    starts_with_conj,
    token_keys,
    word_in,
)
from khabar.events import roles
from khabar.lexicon import load_tsv
from khabar.model import Argument, Document, Token
from khabar.ontology import event_type

_COMPLEMENTIZERS = wc.ANY_COMPLEMENTIZER
_PRONOUN_COMP = wc.COMPLEMENTIZERS_WITH_PRONOUN
_PARTNER = wc.PARTNER_PREPOSITIONS
_TOWARD = wc.TOWARD_PREPOSITIONS
_RANK = {"subcity": 0, "city": 0, "region": 1, "country": 2}
_RELATIVES = wc.RELATIVE_PRONOUNS
_AGAINST = wc.AGAINST_WORDS
_BY = wc.BY_AGENT_PHRASES
_MARKS = wc.MARKS
_PLACE_PREPS = wc.PLACE_PREPOSITIONS
_ADJ = wc.TRIGGER_ADJECTIVES


@dataclass(frozen=True, slots=True)
class Trigger:
    first: int  # token indices (inclusive)
    last: int
    type: str
    mode: str | None
    pos: str  # v | vp | n
    gen: str  # actor | target | speaker (first person, participle of a statement) | passive | none
    prefix: str


@dataclass(frozen=True, slots=True)
class Window:
    lo: int  # sentence token range
    hi: int
    left: int  # where this trigger's clause may start / end (previous and next trigger)
    right: int
    blocked: frozenset[int] = frozenset()  # reporting cues: never the start of an argument
    speaker: Argument | None = None  # the cited source in force (the doer of "أنها بسطت")


def _skip(
    doc: Document, tokens: Sequence[Token], k: int, end: int, *, quantities: bool = False, adjectives: bool = True
) -> tuple[int, bool]:
    """Skip time words, commas, counts (when asked) and the trigger's adjectives (جوية، عنيفة; when asked);
    returns the new index and whether a count was skipped."""
    ctx = context_classes()
    counted = False
    while k < end:
        tok = tokens[k]
        if tok.text in "،," or word_in(tok, ctx["timeword"]) or any(t.start <= tok.start < t.end for t in doc.times):
            k += 1
        elif quantities and (tok.kind == "number" or word_in(tok, ctx["quantifier"])):
            if normalize(tok.text) in _TOWARD and not (k + 1 < end and _is_count(tokens[k + 1], ctx)):
                break  # تحرك نحو قاعدة العند: toward, not "about"
            counted = True
            k += 1
        elif quantities and counted and word_in(tok, ctx["quantifier_link"]):
            k += 1  # أكثر من، ما لا يقل عن، على الأقل
        elif adjectives and (word_in(tok, _ADJ) or word_in(tok, ctx["aerial"])):
            k += 1
        else:
            break
    return k, counted


def _is_count(tok: Token, ctx: dict[str, frozenset[str]]) -> bool:
    return tok.kind == "number" or word_in(tok, ctx["quantifier"])


def _arg(doc: Document, tokens: Sequence[Token], i: int, j: int, force: str = "") -> Argument:
    text, start, end = phrase_text(doc, tokens, i, j, force)
    hit = entity_at(doc.entities, start, end)
    ent = hit[0] if hit and hit[0].type in ("PER", "ORG", "LOC") else None
    return Argument(text, start, end, ent.id if ent else None)


argument = _arg  # the public name, for the events stage (the announcer of an act)

_ALL = wc.ALL_QUANTIFIERS


def _np(doc: Document, tokens: Sequence[Token], k: int, end: int, w: Window) -> tuple[int, int] | None:
    if k >= end or k in w.blocked:
        return None
    tok = tokens[k]
    if entity_at(doc.entities, tok.start, tok.end) is None and (
        starts_with_conj(tok) or is_definite_pp(tok) or _starts_with_prep(tok)
    ):
        return None  # وتوفر، وأصابوا: a new clause; بالحسكة، ببلدة: a prepositional phrase
    if normalize(tok.text) in _ALL and k + 1 < end and is_definite(tokens[k + 1]):
        rest = noun_phrase(doc, tokens, k + 1, end)
        return (k, rest[1]) if rest is not None else None  # حث جميع الأطراف، دعا كافة الفصائل
    np = noun_phrase(doc, tokens, k, end)
    if np is None:
        return None
    ctx = context_classes()
    return _quoted_name(tokens, np, end, ctx["group"] | ctx["forces"])  # تقدمت قوات "المقاومة الشعبية"


def _actor_like(doc: Document, tokens: Sequence[Token], np: tuple[int, int], *, strict: bool) -> bool:
    """Whether a phrase can be a doer: a name, a group or office noun, a title (or, unless ``strict``
    for transitive attack verbs such as استهدف، any indefinite word)."""
    tok = tokens[np[0]]
    if entity_at(doc.entities, tok.start, tokens[np[1]].end) is not None:
        return True
    if (not strict and not is_definite(tok)) or word_in(tok, context_classes()["title"]):
        return True
    return any(key in _actor_nouns() for _, key in token_keys(tok))


def _is_place(doc: Document, arg: Argument, place_head: frozenset[str]) -> bool:
    if arg.entity is not None:
        ent = doc.entity(arg.entity)
        return ent is not None and ent.type == "LOC" and ent.subtype != "GPE"
    first = normalize(arg.text.split()[0]) if arg.text.split() else ""
    return bare(first) in place_head


def _starts_with_prep(tok: Token) -> bool:
    """بمحاسبة، لحواجز: a preposition fused to an indefinite word (names such as بغداد، لبنان excepted)."""
    ctx = context_classes()
    norm = tok.norm
    if len(norm) < 4 or norm[0] not in "بل":
        return False
    return not any(norm.startswith(w) for w in ctx["b_noun" if norm[0] == "ب" else "l_noun"])


@lru_cache(maxsize=1)
def _actor_nouns() -> frozenset[str]:
    ctx = context_classes()
    heads = {bare(normalize(r["word"])) for r in load_tsv("source_heads.tsv") if r["kind"] != "modifier"}
    return (frozenset(heads) | ctx["forces"] | ctx["group"]) - ctx["detainee"]


def _genitive(doc: Document, tokens: Sequence[Token], trig: Trigger, k: int, w: Window) -> tuple[int, int, str] | None:
    """The genitive of a nominal trigger (اعتقال عناصر التنظيم، غارات التحالف، هجوم لتنظيم داعش).

    A definite or nunated trigger has none (الهجوم الإرهابي، اجتماعاً); a lone indefinite word after an
    indefinite trigger is its adjective (معارك شرسة) and is skipped; a ل-phrase counts only when it
    names an actor (لتنظيم، لقوات) or an entity.
    """
    t0 = tokens[trig.last]
    nunated = any(t.norm.endswith("ا") or "\u064b" in t.text for t in (tokens[trig.first], t0))
    if trig.gen == "none" or is_definite(tokens[trig.first]) or nunated:
        return None
    for _ in range(2):
        if k >= w.right:
            return None
        tok = tokens[k]
        ent = entity_at(doc.entities, tok.start, tok.end)
        if tok.norm.startswith("لل") and ent is None:
            return None
        if tok.norm.startswith("ل") and ent is None:
            stem = tok.norm[1:]
            if bare(stem) not in _actor_nouns():
                return None
            np = _np(doc, tokens, k, w.right, w)
            return (np[0], np[1], "ل") if np else None
        np = _np(doc, tokens, k, w.right, w)
        if np is None:
            return None
        if (
            np[0] == np[1] and not is_definite(tok) and ent is None and bare(tok.norm) not in _actor_nouns()
            and not _sound_plural_after_singular(t0, tok)
        ):
            k += 1  # an adjective
            continue
        return np[0], np[1], ""
    return None


def _time_word(doc: Document, tok: Token, ctx: dict[str, frozenset[str]]) -> bool:
    """الأربعاء، مساء أمس، فجر اليوم: a time word or a word of a time expression."""
    return word_in(tok, ctx["timeword"]) or any(t.start <= tok.start < t.end for t in doc.times)


def _sound_plural_after_singular(trigger: Token, tok: Token) -> bool:
    """قتل شرطيين، اعتقال ناشطين: a sound masculine plural or oblique dual after a singular event noun is
    its genitive, not its adjective (an event noun takes no masculine plural adjective; هجومين انتحاريين
    is a dual trigger with its adjective)."""
    plural = wc.SOUND_PLURAL_ENDINGS
    return len(tok.norm) > 4 and tok.norm.endswith(plural) and not trigger.norm.endswith(
        (*plural, *wc.DUAL_FEMININE_PLURAL_ENDINGS))


def _subject_before(
    doc: Document, tokens: Sequence[Token], trig: Trigger, w: Window, anchor: int
) -> tuple[Argument | None, str]:
    """The subject of an SVO clause and its role: "أن القوات الأمريكية نقلت" (actor), "17 متمرداً قتلوا"
    (a counted subject of a killing verb: target)."""
    arg = _subject(doc, tokens, trig, w, anchor)
    if isinstance(arg, tuple):
        return arg
    return arg, "actor"


def _subject(
    doc: Document, tokens: Sequence[Token], trig: Trigger, w: Window, anchor: int
) -> Argument | tuple[Argument | None, str] | None:
    ctx = context_classes()
    end = trig.first
    if trig.pos == "n" and not word_in(tokens[trig.first], ctx["light_verb"]):
        # a time between the verb and the noun (ألقت قوات الأمن، فجر اليوم الجمعة، القبض) does not count
        # against the distance
        near = range(max(w.left, trig.first - 12), trig.first)
        reach = min(12, 7 + sum(1 for q in near if tokens[q].text in "،," or _time_word(doc, tokens[q], ctx)))
        for lv in range(trig.first - 1, max(w.left, trig.first - reach) - 1, -1):
            if word_in(tokens[lv], ctx["light_verb"]):
                vso = _np(doc, tokens, lv + 1, trig.first, w)
                lone = vso is not None and vso[0] == vso[1] and is_definite(tokens[vso[0]])
                if vso is not None and not lone and (
                    tokens[vso[0]].kind == "number" or word_in(tokens[vso[0]], ctx["quantifier"])
                ):
                    vso = None  # شنت عشرات الغارات: a count of the trigger, not the subject (نظم العشرات وقفة: it is)
                if word_in(tokens[lv], ctx["witness"]):
                    return None  # شهدت إسطنبول إطلاق نار: the subject is where, not who
                gap = range(vso[1] + 1, trig.first) if vso is not None else range(0)
                words = [q for q in gap if tokens[q].text not in "،,"]
                timed = bool(words) and len(words) <= 3 and all(_time_word(doc, tokens[q], ctx) for q in words)
                if vso is not None and (timed or (len(gap) <= 1 and all(
                    any(word_in(tokens[q], ctx[c]) for c in ("stop", "any_det")) or _time_word(doc, tokens[q], ctx)
                    for q in gap
                ))):
                    # شن طيران التحالف غارات، توصلت الأطراف إلى اتفاق، لم تشن الطائرات أي غارات، تبنت الحركة
                    # الأربعاء قتل شرطيين،
                    # ألقت قوات الأمن، فجر اليوم الجمعة، القبض على: a time between the subject and the noun
                    return _arg(doc, tokens, *vso)
                end = lv
                break
        else:
            return None
    floor = max(w.left, anchor + 1, end - 8)
    if end - 1 >= floor and normalize(tokens[end - 1].text) in _RELATIVES:
        return _antecedent(doc, tokens, end - 1, max(w.lo, anchor + 1), w)  # التحالف الذي شن غارات
    start = None
    for p in range(end - 1, floor - 1, -1):
        norm = normalize(tokens[p].text)
        if norm in _PRONOUN_COMP and p == end - 1:
            return w.speaker  # أكدت القوات أنها بسطت سيطرتها: the speaker is the doer
        if norm in _COMPLEMENTIZERS or tokens[p].text == ":":
            start = p + 1
            break
    if start is None and floor in (w.lo, anchor + 1):
        start = floor
    if start is None:
        return None  # واعتقل …: a conjoined verb shares the earlier subject
    if start < end and word_in(tokens[start], context_classes()["demonstrative"]):
        start += 1  # أن هذه القوات استعادت
    start, counted = _skip(doc, tokens, start, end, quantities=True, adjectives=False)
    if counted and trig.gen == "target" and trig.pos != "n":
        np = _np(doc, tokens, start, end, w)
        if np is not None and np[1] == end - 1:
            return _arg(doc, tokens, *np), "target"  # 17 متمرداً قتلوا
        return None
    np = _np(doc, tokens, start, end, w)
    if np is not None and np[1] == end - 1:
        return _arg(doc, tokens, *np)
    return None


def _antecedent(doc: Document, tokens: Sequence[Token], rel: int, floor: int, w: Window) -> Argument | None:
    """The noun phrase a relative pronoun refers back to: the longest phrase ending just before it
    that can be a doer (a name, a group or office noun)."""
    last = tokens[rel - 1]
    hit = entity_at(doc.entities, last.start, last.end)
    if hit is not None and hit[1].end == last.end and hit[1].start >= tokens[floor].start:
        return Argument(doc.text[hit[1].start : hit[1].end], hit[1].start, hit[1].end, hit[0].id)
    for start in range(max(floor, rel - 6), rel):
        if start in w.blocked or not _np(doc, tokens, start, rel, w):
            continue
        np = noun_phrase(doc, tokens, start, rel, allow_of=False)
        if np is not None and np[1] == rel - 1 and _actor_like(doc, tokens, np, strict=True):
            return _arg(doc, tokens, *np)
    return None


def conjoined_verb(tokens: Sequence[Token], trig: Trigger, prev: Trigger) -> bool:
    """و/ف + a past verb right after the clause of an earlier verb trigger (قتل … واعتقلوا): the two share
    their subject (unless the second is passive)."""
    return _conjoinable(tokens, trig, prev) and trig.first - prev.last <= 8


def _conjoinable(tokens: Sequence[Token], trig: Trigger, prev: Trigger) -> bool:
    if trig.pos == "n" or (prev.pos == "n" and prev.first != prev.last) or trig.gen == "passive":
        return False
    if not trig.prefix.startswith(wc.CONJUNCTION_CLITICS):
        return False
    return not _vocalized_passive(tokens[trig.first])


LONG_CLAUSE = 14  # tokens from a verb to a conjoined verb sharing its subject when no punctuation is between


def subject_sharer(tokens: Sequence[Token], trigs: Sequence[Trigger], n: int) -> int | None:
    """The earlier trigger whose subject ``trigs[n]`` shares as a conjoined verb (``conjoined_verb``), looking
    back over nominal triggers that are the earlier verb's objects (رحب الأمين العام بوقف إطلاق النار وحث
    الأطراف: حث shares رحب's subject); each gap at most 8 tokens, or up to ``LONG_CLAUSE`` from the verb with
    no punctuation between."""
    trig = trigs[n]
    edge = trig.first
    for back in range(n - 1, -1, -1):
        prev = trigs[back]
        if edge - prev.last > 8:
            # a long subject (الأمين العام للأمم المتحدة بان جي مون) and its object, no punctuation between
            unbroken = all(tokens[k].kind != "punct" for k in range(prev.last + 1, trig.first))
            if prev.pos == "n" or not unbroken or trig.first - prev.last > LONG_CLAUSE:
                return None
        if prev.pos != "n":
            return back if _conjoinable(tokens, trig, prev) else None
        if back == n - 1 and conjoined_verb(tokens, trig, prev):
            return back  # a one-word nominal trigger right before: as before
        edge = prev.first
    return None


def _nominative_plural(tok: Token) -> bool:
    return tok.kind == "word" and tok.norm.endswith("ون") and len(tok.norm) > 4 and not is_definite(tok)


def _accusative(tok: Token) -> bool:
    return tok.kind == "word" and (
        "\u064b" in tok.text or (tok.norm.endswith(wc.ACCUSATIVE_ENDINGS) and not is_definite(tok))
    )


def _accusative_at(tokens: Sequence[Token], np: tuple[int, int], doc: Document | None = None) -> int | None:
    """Where the object starts inside a phrase after a verb that was really two (subject, object):
    an accusative after a nominative plural (مسلحون مجهولون صحفياً، مسلحون ملثمون موظفين), a count after a
    nominative plural (مسلحون ثلاثة جنود), a definite group, force or place noun after a definite word
    (قوات الأمن المخيم، الجيش اليمني الحوثيين، المحتجون الحكومة), a name right after another name (طالب
    ياسين مكاوي الأمم المتحدة; with ``doc``'s entities)."""
    ctx = context_classes()
    nominative = _nominative_plural(tokens[np[0]])
    for q in range(np[0] + 1, np[1] + 1):
        tok = tokens[q]
        if doc is not None:
            here = entity_at(doc.entities, tok.start, tok.end)
            before = entity_at(doc.entities, tokens[q - 1].start, tokens[q - 1].end)
            if (here is not None and before is not None and here[1].start == tok.start
                    and before[1].end == tokens[q - 1].end and here[0].id != before[0].id):
                return q
        if nominative and (_accusative(tok) or tok.kind == "number" or word_in(tok, ctx["quantifier"])):
            return q
        if (
            is_definite(tok)
            and is_definite(tokens[q - 1])
            and not starts_with_conj(tok)
            and any(word_in(tok, ctx[c]) for c in ("group", "forces", "place_head"))
        ):
            return q
    return None


def _verb_reading(tokens: Sequence[Token], trig: Trigger, w: Window) -> bool:
    """A bare masdar form that is also a past verb (قتل، خطف) followed by a nominative plural
    (وقتل مسلحون، وخطف مجهولون): a masdar's genitive would be ين, so this is the verb and its subject."""
    tok = tokens[trig.first]
    k = trig.last + 1
    if (
        is_definite(tok)
        or tok.norm.startswith(wc.DERIVED_MASDAR_INITIALS)
        or k >= w.right
        or any(c in trig.prefix for c in wc.PREPOSITION_LETTERS)
    ):
        return False
    return _nominative_plural(tokens[k])


def _vocalized_passive(tok: Token) -> bool:
    """A past verb written with a damma (اعتُقل، قُتل، اُختطف) is passive; the damma of the plural ending
    (قتلُوا) is not."""
    text = tok.text.rstrip(_MARKS + "اوي")
    return "\u064f" in text


def _before_object(tokens: Sequence[Token], np: tuple[int, int]) -> tuple[int, int]:
    """فتحت قوات الأمن النار: the subject ends before what was fired (النار، صواريخ، نفسه)."""
    fired = context_classes()["split_object"]
    for q in range(np[0] + 1, np[1] + 1):
        if word_in(tokens[q], fired):
            return np[0], q - 1
    return np


def _object_then_claim(trig: Trigger) -> bool:
    """اتهم X بـ، دعا X إلى، طالب X بـ: verbs whose object comes before the claim (not ندد بـ، أدان)."""
    return event_type(trig.type).holds("object_then_claim", trig.mode)


def _modifies_noun(tokens: Sequence[Token], trig: Trigger, w: Window) -> bool:
    """An attack verb right after an indefinite noun, without و (هجمات استهدفت، انفجار استهدف): a clause
    describing that noun, so the phrase after the verb is what was hit, not the doer."""
    if trig.gen != "target" or trig.prefix or trig.first <= w.lo:
        return False
    prev = tokens[trig.first - 1]
    ctx = context_classes()
    if (
        prev.kind != "word"
        or is_definite(prev)
        or any(word_in(prev, ctx[c]) for c in ("stop", "timeword", "light_verb"))
    ):
        return False  # والقوات استعادت: a definite noun before the verb is its subject
    return normalize(prev.text) not in _COMPLEMENTIZERS | _PRONOUN_COMP


def _counted_doers(trig: Trigger) -> bool:
    """احتجاج مئات الأهالي، فرار عشرات المسلحين، تحرك عشرات الآليات: the counted ones do it
    (elsewhere, اعتقال 13 عنصراً، مقتل 30 مسلحاً: they suffer it)."""
    return event_type(trig.type).holds("counted_doers", trig.mode)


def _claim_follows(tok: Token) -> bool:
    """بمواصلة، إلى: the preposition that introduces what someone is accused of or asked to do."""
    norm = normalize(tok.text)
    if norm in wc.TO_PREPOSITIONS:
        return True
    return norm.startswith("ب") and len(norm) > 3 and not word_in(tok, context_classes()["b_noun"])


# How the role tagger and the clause rules are combined (khabar.events.roles): "rules" alone, "crf" alone,
# "crf+rules" (the tagger's phrases, the rules' where it finds none for a role), "rules+crf" (the rules'
# phrases, the tagger's for a role the rules leave empty); combined, only where the rules found a participant
ROLE_POLICY = "rules+crf"
POLICIES = ("rules", "crf", "crf+rules", "rules+crf", "rules+crf actors")
# a role the tagger's best path leaves empty takes its likeliest phrase when that is at least this likely
# (chosen by 4-fold cross-validation on the training articles: the best mean actor/target F1)
ROLE_FLOOR = 0.25


def actors_targets(
    doc: Document, tokens: Sequence[Token], trig: Trigger, w: Window, anchor: int
) -> tuple[tuple[Argument, ...], tuple[Argument, ...]]:
    """Actor and target phrases of one trigger: the clause rules and the role tagger, combined by ``ROLE_POLICY``."""
    rules = rule_actors_targets(doc, tokens, trig, w, anchor)
    if ROLE_POLICY == "rules" or (ROLE_POLICY != "crf" and not (rules[0] or rules[1])):
        # when combined, a trigger whose clause gives the rules no participant keeps none: a verb or noun
        # with no participant is not reported (assemble), and the tagger's guesses would report it
        return rules
    feats = roles.sentence_features(
        doc, tokens, w.lo, w.hi, (trig.first, trig.last), (trig.type, trig.pos, trig.gen, trig.mode),
        (w.left, w.right), rules,
    )
    found = roles.decode(feats, (trig.first - w.lo, trig.last - w.lo), ROLE_FLOOR)
    def where(i: int) -> bool:  # في بغداد، قرب الحدود: a place of the act, not a participant
        return i > w.lo and normalize(tokens[i - 1].text) in _PLACE_PREPS

    place_head = context_classes()["place_head"]

    def phrases(spans: list[tuple[int, int]]) -> list[Argument]:
        # a place after في، قرب … is where, not whom
        cut = (tagged_phrase(doc, tokens, trig, w, w.lo + i, w.lo + j) for i, j in spans if not where(w.lo + i))
        return [p for p in cut if p is not None]

    # a doer is no place (as in the rules)
    crf = (
        tuple(a for a in phrases(found["A"]) if not _is_place(doc, a, place_head)),
        tuple(phrases(found["T"])),
    )
    crf = _doer_wins(doc, tokens, crf)
    if ROLE_POLICY == "crf":
        return crf
    first, second = (crf, rules) if ROLE_POLICY == "crf+rules" else (rules, crf)  # rules+crf[ actors]
    actors, targets = first[0] or second[0], first[1] or second[1]
    # a role filled in from the other source never overlaps the phrases of the other role
    if not first[0]:
        actors = tuple(a for a in actors if not any(a.start < t.end and t.start < a.end for t in targets))
    if not first[1]:
        targets = tuple(t for t in targets if not any(a.start < t.end and t.start < a.end for a in actors))
    if ROLE_POLICY == "rules+crf actors":
        targets = rules[1]
    return actors, targets


def tagged_phrase(
    doc: Document, tokens: Sequence[Token], trig: Trigger, w: Window, i: int, j: int
) -> Argument | None:
    """The participant phrase of a span the role tagger tagged (token indices ``i``..``j``): run to its noun
    phrase's end, cut at a place phrase, a quotation mark or the words of this or a neighbouring trigger;
    None for a quotation mark, a trigger word or a demonstrative alone."""
    # the words of this trigger and of its neighbours: no participant phrase runs into them
    triggers = {*range(trig.first, trig.last + 1), *((w.left - 1,) if w.left > w.lo else ()),
                *((w.right,) if w.right < w.hi else ())}
    a, b = _whole_phrase(doc, tokens, w, i, j)
    if tokens[a].kind == "punct" or a in triggers:
        return None  # «: a quote mark or a trigger word is no participant
    for q in range(a + 1, b + 1):
        hit = entity_at(doc.entities, tokens[q].start, tokens[q].end)
        # الفارين | من قاعدة العند: a place phrase inside is left to the place; مسعود برزاني | «يجب …:
        # a quotation or another trigger (كارتر | بزيارة) ends the phrase
        if (normalize(tokens[q].text) in _PLACE_PREPS or (hit is not None and hit[0].type == "LOC")
                or tokens[q].kind == "punct" or q in triggers):
            b = q - 1
            break
    if a == b and word_in(tokens[a], context_classes()["demonstrative"]):
        return None  # ندين هذا: a demonstrative alone names nobody
    return _arg(doc, tokens, a, b)


def _doer_wins(
    doc: Document, tokens: Sequence[Token], found: tuple[tuple[Argument, ...], tuple[Argument, ...]]
) -> tuple[tuple[Argument, ...], tuple[Argument, ...]]:
    """A target overlapping a doer keeps only its words after the doer (السلطات | ناشطين), else goes."""
    actors, targets = found
    out: list[Argument] = []
    for t in targets:
        hit = [a for a in actors if a.start < t.end and t.start < a.end]
        if not hit:
            out.append(t)
            continue
        after = [k for k, tok in enumerate(tokens) if max(a.end for a in hit) <= tok.start and tok.end <= t.end]
        if after and tokens[after[0]].kind == "word":
            out.append(_arg(doc, tokens, after[0], after[-1]))
    return actors, tuple(out)


def _whole_phrase(doc: Document, tokens: Sequence[Token], w: Window, i: int, j: int) -> tuple[int, int]:
    """A tagged phrase cut short of its noun phrase (قوات of قوات النظام) runs to the phrase's end (an
    object inside it excepted: مسلحون مجهولون | صحفياً)."""
    cut = _accusative_at(tokens, (i, j)) if j > i else None
    if cut is not None:
        return i, cut - 1  # الأمين العام الأطراف: the subject ends where the object begins
    np = noun_phrase(doc, tokens, i, w.hi)
    if is_definite(tokens[j]) or tokens[j].kind != "word":
        return i, _nisba_end(tokens, j, np[1]) if np is not None and np[1] > j else j
    if np is None or np[1] <= j:
        return i, j
    cut = _accusative_at(tokens, np)
    end = cut - 1 if cut is not None else np[1]
    # a construct chain ends at its first definite word (قوات النظام، وزارة الخارجية)
    last = next((q for q in range(j + 1, end + 1) if is_definite(tokens[q])), end)
    return i, _nisba_end(tokens, max(j, last), end)


def _nisba_end(tokens: Sequence[Token], j: int, end: int) -> int:
    """Past ``j``, the definite relative adjectives of the phrase (الطائرات الحربية، قوات النظام السوري)."""
    while j + 1 <= end and is_definite(tokens[j + 1]) and tokens[j + 1].norm.endswith(wc.NISBA_ENDINGS):
        j += 1
    return j


def rule_actors_targets(
    doc: Document, tokens: Sequence[Token], trig: Trigger, w: Window, anchor: int
) -> tuple[tuple[Argument, ...], tuple[Argument, ...]]:
    """Actor and target phrases of one trigger by the clause rules (descriptive phrases; entity ids linked)."""
    if trig.pos == "v" and trig.gen != "passive" and _vocalized_passive(tokens[trig.first]):
        trig = dataclasses.replace(trig, gen="passive")  # اعتُقل 5 أشخاص، قُتل جنديان: the subject suffered it
    if trig.pos == "n" and trig.first == trig.last and _verb_reading(tokens, trig, w):
        trig = dataclasses.replace(trig, pos="v")  # وقتل مسلحون ضابطاً: قتل is the verb, not the masdar
    if trig.gen == "speaker":
        # ندين، نطالب، "… متهماً صالح": the cited speaker is the doer, the next phrase is the target
        k, _ = _skip(doc, tokens, trig.last + 1, w.right)
        obj = _np(doc, tokens, k, w.right, w)
        return ((w.speaker,) if w.speaker else ()), ((_arg(doc, tokens, *obj),) if obj else ())
    actors: list[Argument] = []
    targets: list[Argument] = []
    if (
        trig.pos == "n" and w.speaker is not None and trig.first - 2 >= w.lo
        and normalize(tokens[trig.first - 1].text) == "عن"
        and word_in(tokens[trig.first - 2], context_classes()["responsibility"])
    ):
        actors.append(w.speaker)  # أعلن تنظيم داعش مسؤوليته عن الهجوم: who claims it did it
    subject, role = _subject_before(doc, tokens, trig, w, anchor)
    if subject is not None:
        # the subject of a passive verb (اغتيل، اللذين اغتيلا) is who suffered it
        (actors if role == "actor" and trig.gen != "passive" else targets).append(subject)
    k, counted = _skip(doc, tokens, trig.last + 1, w.right, quantities=True)
    if trig.pos == "n":
        gen = _genitive(doc, tokens, trig, k, w) if not counted else None
        if counted:
            np = _np(doc, tokens, k, w.right, w)
            gen = (np[0], np[1], "") if np else None
        if gen is not None:
            arg = _arg(doc, tokens, gen[0], gen[1], gen[2])
            role = ("actor" if _counted_doers(trig) else "target") if counted else trig.gen
            if role == "actor" and event_type(trig.type).against and not _actor_like(doc, tokens, gen[:2], strict=True):
                role = "target"  # قصف منازل المواطنين، اتهام الحكومة: the genitive is who or what it hit
            after = gen[1] + 1
            then = _np(doc, tokens, after, w.right, w) if after < w.right else None
            if (
                role == "target" and not counted and then is not None and gen[2] == ""
                and any(word_in(tokens[gen[0]], context_classes()[c]) for c in ("group", "forces"))
                and (_accusative(tokens[then[0]]) or tokens[then[0]].kind == "number")
                and entity_at(doc.entities, tokens[then[0]].start, tokens[then[0]].end) is None
            ):
                role = "actor"  # اعتقال السلطات ناشطين: the genitive is the doer, the indefinite after it the object
                targets.append(_arg(doc, tokens, *then))
            elif role == "actor" and after < w.right and tokens[after].norm.startswith("لل") and not targets:
                np = noun_phrase(doc, tokens, after, w.right)
                if np is not None:
                    targets.append(_arg(doc, tokens, *np))  # قصف قوات النظام للمدينة: the object after لـ
            if role == "actor" and not actors:
                actors.append(arg)
            elif role == "target":
                targets.append(arg)
    first = _np(doc, tokens, k, w.right, w) if trig.pos != "n" else None
    if first is None and trig.pos != "n" and k == w.right < w.hi:
        # فجر انتحاري نفسه: the subject is itself a trigger noun (the next trigger's window starts there)
        first = _np(doc, tokens, k, w.hi, w)
        if first is not None and not _actor_like(doc, tokens, first, strict=False):
            first = None
    if first is not None:
        first = _before_object(tokens, first)
        split = _accusative_at(tokens, first, doc) if not actors and trig.gen != "passive" else None
        if split is not None:
            # خطف مسلحون مجهولون صحفياً: a nominative subject after the verb, then its accusative object
            actors.append(_arg(doc, tokens, first[0], split - 1))
            k2, _ = _skip(doc, tokens, split, first[1] + 1, quantities=True)
            if k2 <= first[1]:
                end = first[1]
                hit = entity_at(doc.entities, tokens[k2].start, tokens[k2].end)
                while hit is not None and end + 1 < w.right and tokens[end + 1].end <= hit[1].end:
                    end += 1  # a name the phrase's length limit cut (الأمم | المتحدة) is whole
                targets.append(_arg(doc, tokens, k2, end))
            first = None
    if first is not None:
        arg = _arg(doc, tokens, *first)
        after = first[1] + 1
        if actors or (counted and not _counted_doers(trig)) or trig.gen == "passive" or _modifies_noun(tokens, trig, w):
            targets.append(arg)  # غارات استهدفت مواقع الحوثيين: the verb describes a noun, its object is hit
        elif counted:
            actors.append(arg)  # تظاهر عشرات الأكراد: the counted ones protest
        elif (
            not _actor_like(doc, tokens, first, strict=trig.gen == "target")
            or normalize(tokens[first[0]].text) in _ALL  # حث جميع الأطراف: "all parties" are addressed
        ) or (
            _object_then_claim(trig) and after < w.right and _claim_follows(tokens[after])
            and not tokens[first[0]].norm.endswith("ون")  # دعا المحتجون إلى: a nominative is the subject
        ):
            # رفض التخلي عن …: a masdar object, not the doer; واتهم المتمردين بمواصلة …، ودعا الأطراف إلى …:
            # the one phrase is the accused or addressed, the doer of a subjectless claim is the speaker
            targets.append(arg)
            if _object_then_claim(trig) and w.speaker is not None:
                actors.append(w.speaker)
        else:
            actors.append(arg)
            k2, _ = _skip(doc, tokens, after, w.right, quantities=True)
            second = _np(doc, tokens, k2, w.right, w)
            if second is not None and not word_in(tokens[second[0]], context_classes()["split_object"]):
                # أطلق الحوثيون صواريخ على نجران، فتحت الشرطة النار على: what was fired is no target
                targets.append(_arg(doc, tokens, *second))
    kind = event_type(trig.type)
    for k in range(trig.last + 1, w.right - 1):
        norm = tokens[k].text.rstrip(_MARKS)
        if normalize(norm) in _RELATIVES:
            break  # الحي الذي يسيطر المتمردون على جزء منه: another clause
        exposed = ("exposed_attack", "exposed_shelling", "exposed_aerial")
        if (
            norm == "من" and trig.gen == "passive" and not actors
            and any(word_in(tokens[q], context_classes()[c]) for q in range(trig.last + 1, k) for c in exposed)
        ):
            np = _np(doc, tokens, k + 1, w.right, w)
            place_head = context_classes()["place_head"]
            if np is not None and _actor_like(doc, tokens, np, strict=True) and not _is_place(
                doc, _arg(doc, tokens, *np), place_head
            ):
                actors.append(_arg(doc, tokens, *np))  # تعرضت الأحياء لقصف من قوات النظام
        if norm == "من" and kind.asks_from and trig.pos != "n" and not targets:
            np = _np(doc, tokens, k + 1, w.right, w)
            if np is not None and _actor_like(doc, tokens, np, strict=True):
                targets.append(_arg(doc, tokens, *np))  # طالبت الرئاسة من الحزب
        # أدان في بيان على موقعه، ندد بالهجوم على المسجد: على is not whom of a statement against
        against = norm in _AGAINST and kind.against and not (norm == "على" and kind.said_against)
        if (norm in _PARTNER and kind.takes_partner) or against:
            np = _np(doc, tokens, k + 1, w.right, w)
            if np is not None and not targets:
                targets.append(_arg(doc, tokens, *np))
        if norm == "بين" and kind.between_doers and not actors:
            np = _np(doc, tokens, k + 1, w.right, w)
            if np is not None:
                actors.append(_arg(doc, tokens, *np))  # اشتباكات بين الجيش والمسلحين
                nxt = np[1] + 1
                if nxt < w.right and tokens[nxt].norm.startswith("و") and not targets:
                    other = noun_phrase(doc, tokens, nxt, w.right)
                    if other is not None:
                        targets.append(_arg(doc, tokens, other[0], other[1], "و"))
        if word_in(tokens[k], context_classes()["claim_verb"]) and not actors:
            np = _np(doc, tokens, k + 1, w.right, w)
            if np is not None:
                actors.append(_arg(doc, tokens, *np))  # هجوم شنه مسلحان
        for a, b in _BY:
            if norm == a and tokens[k + 1].text.rstrip(_MARKS) == b and k + 2 < w.right:
                np = _np(doc, tokens, k + 2, w.right, w)
                if np is not None and not actors:
                    actors.append(_arg(doc, tokens, *np))
    place_head = context_classes()["place_head"]
    # شمال غزة، مدينة حلب: a place phrase is where, not who
    actors = [a for a in actors if a is w.speaker or not _is_place(doc, a, place_head)]
    return tuple(actors), tuple(targets)


_OPEN_QUOTES = {"«": "»", '"': '"', "“": "”"}


def _quoted_name(tokens: Sequence[Token], np: tuple[int, int], end: int, heads: frozenset[str]) -> tuple[int, int]:
    """في منطقة قضاء "بيت الشباب"، قوات «المقاومة الشعبية»: a place or group noun (``heads``) takes the quoted
    name after it."""
    j = np[1] + 1
    if j >= end or not word_in(tokens[np[1]], heads) or tokens[j].text not in _OPEN_QUOTES:
        return np
    close = _OPEN_QUOTES[tokens[j].text]
    for q in range(j + 1, min(end, j + 6)):
        if tokens[q].text == close:
            return (np[0], q) if q > j + 1 else np
        if tokens[q].kind != "word":
            return np
    return np


def place(
    doc: Document, tokens: Sequence[Token], trig: Trigger, w: Window, taken: Sequence[Argument]
) -> Argument | None:
    """Where it happened: the first place phrase after the trigger (an origin after من comes last)."""
    ctx = context_classes()
    best: tuple[int, int, Argument] | None = None
    for k in [*range(trig.last + 1, w.right), *range(w.left, trig.first)]:
        tok = tokens[k]
        norm = normalize(tok.text)
        rank = _PLACE_PREPS.get(norm)
        start = k + 1
        if rank is None and tok.kind == "word" and norm.startswith(wc.BI_ARTICLE_PREFIXES) and len(norm) > 5:
            rank, start = 0, k
        if rank is None or start >= w.right:
            continue
        if k < trig.first:
            rank += 3
        if start < w.hi and word_in(tokens[start], ctx["demonstrative"]):
            start += 1  # في هذا الحي
        np = noun_phrase(doc, tokens, start, w.hi, allow_of=False)
        if np is None:
            continue
        np = _quoted_name(tokens, np, w.hi, ctx["place_head"])
        text, s, e = phrase_text(doc, tokens, np[0], np[1], "ب" if start == k else "")
        hit = entity_at(doc.entities, s, e)
        ent = hit[0] if hit and hit[0].type == "LOC" else None
        if ent is None and not word_in(tokens[np[0]], ctx["place_head"]):
            continue
        if any(a.start <= s < a.end for a in taken):
            continue
        arg = Argument(text, s, e, ent.id if ent else None, ent.geo if ent else None)
        if best is None or (rank, abs(k - trig.last)) < best[:2]:
            best = (rank, abs(k - trig.last), arg)
    if best is not None:
        return best[2]
    # else the most precise place named in the sentence (a town before its country), nearest first
    at = tokens[trig.first].start
    named: list[tuple[int, int, Argument]] = []
    for ent in doc.entities:
        if ent.type != "LOC":
            continue
        coarse = _RANK.get(ent.geo.precision if ent.geo else "", 1)
        for m in ent.mentions or (ent.span,):
            inside = tokens[w.lo].start <= m.start < tokens[w.hi - 1].end
            if inside and not any(a.start <= m.start < a.end for a in taken):
                arg = Argument(doc.text[m.start : m.end], m.start, m.end, ent.id, ent.geo)
                named.append((coarse, abs(m.start - at), arg))
    return min(named, key=lambda x: x[:2])[2] if named else None
