"""Trigger phrases of a sentence: the first lexicon row (``event_triggers.tsv``) whose condition holds.

Not triggers: a verb form read as a masdar (البحث), a purpose or manner phrase (لاستهداف، بالتعاون مع), a
masdar of an aim (يهدف إلى دعم), a present-tense attack verb without سـ, "طلب عدم ذكر اسمه".
"""

from __future__ import annotations

from collections.abc import Sequence

from khabar.arabic import words as wc
from khabar.arabic.normalize import normalize
from khabar.arabic.phrases import context_classes, trigger_lexicon, word_in
from khabar.events.arguments import Trigger
from khabar.model import Document, Token
from khabar.ontology import event_type

_COND_WINDOW = 10


def _with_article(tok: Token, row: dict[str, str]) -> bool:
    """البحث، القتل: a verb form with the article is a masdar (التقى itself starts with ال)."""
    word = tok.norm[1:] if tok.norm[:1] in wc.CONJUNCTION_LETTERS and tok.norm[1:3] == "ال" else tok.norm
    if not word.startswith("ال"):
        return False
    return not any(normalize(f).startswith(word) for f in row["form"].split("|"))


def _cond_holds(tokens: Sequence[Token], cond: str, first: int, last: int, lo: int, hi: int) -> bool:
    if cond == "-":
        return True
    words = context_classes()[cond]
    near = range(max(lo, first - 3), min(hi, last + 1 + _COND_WINDOW))
    return any(word_in(tokens[k], words) for k in near if k != first)


_TO = wc.TO_PREPOSITIONS
_AIM = wc.AIM_WORDS


def _after_light_verb(tokens: Sequence[Token], first: int, lo: int) -> bool:
    verbs = context_classes()["light_verb"]
    return any(word_in(tokens[q], verbs) for q in range(max(lo, first - 5), first))


def _purpose(tokens: Sequence[Token], first: int, lo: int) -> bool:
    """A masdar after إلى (unless a light verb such as أدى، توصل comes just before) or after بهدف / من أجل."""
    if first <= lo:
        return False
    prev = normalize(tokens[first - 1].text)
    if prev in _AIM:
        return True
    if prev not in _TO:
        return False
    return not _after_light_verb(tokens, first - 1, lo)


def find_triggers(doc: Document, lo: int, hi: int, blocked: frozenset[int]) -> list[Trigger]:
    """Trigger phrases of one sentence, left to right (the first lexicon row whose condition holds)."""
    lex, rows = trigger_lexicon()
    tokens = doc.tokens
    aerial = context_classes()["aerial"]
    out: list[Trigger] = []
    k = lo
    while k < hi:
        if k in blocked:
            k += 1
            continue
        chosen: Trigger | None = None
        skip_to = k + 1
        for m in lex.match_at(tokens, k, hi):
            row = rows[m.payload]
            if any(q in blocked for q in range(m.first, m.last + 1)):
                continue
            after = range(m.last + 1, min(hi, m.last + 4))
            if any(word_in(tokens[q], context_classes()["blocker"]) for q in after):
                continue  # طلب المصدر عدم ذكر اسمه: not a request event
            if _cond_holds(tokens, row["cond"], m.first, m.last, lo, hi):
                mode = None if row["mode"] == "-" else row["mode"]
                kind = event_type(row["type"])
                if kind.mode_or_type("refined_by_air", mode):
                    near = range(max(lo, m.first - 3), min(hi, m.last + 4))
                    if any(word_in(tokens[q], aerial) for q in near):
                        mode = "aerial"
                pos = row["pos"]
                with_prep = any(c in m.prefix for c in wc.PREPOSITION_LETTERS)
                if pos != "n" and (with_prep or _with_article(tokens[m.first], row)):
                    continue  # لبحث، البحث: a verb form read as a masdar (the noun rows list the real masdars)
                went_out = kind.went_out and _after_light_verb(tokens, m.first, lo)  # خرجوا للتظاهر
                if pos == "n" and not went_out and ("ل" in m.prefix or ("ب" in m.prefix and not kind.means_noun)):
                    # لاستهداف: a purpose; بالتعاون مع، بوقف إطلاق النار: a manner or a topic. The whole
                    # phrase is spent (إطلاق النار of بوقف إطلاق النار is no shooting)
                    skip_to = max(skip_to, m.last + 1)
                    continue
                if not kind.means_noun and _purpose(tokens, m.first, lo):
                    skip_to = max(skip_to, m.last + 1)
                    continue  # يهدف إلى دعم القوات، دعا إلى وقف إطلاق النار: an aim, not a happening
                if pos == "vp" and kind.present_is_aim and not m.prefix.endswith("س"):
                    continue  # خلايا تستهدف المساجد: an aim, not a reported attack
                if m.suffixed and pos != "n" and tokens[m.first].norm.rstrip("اهم").endswith("ت"):
                    continue  # سيطرته is سيطرة + ه (a noun), not the verb سيطرت + ه
                gen = "none" if m.suffixed else row["gen"]  # اعتقاله: the pronoun is the genitive
                chosen = Trigger(m.first, m.last, row["type"], mode, pos, gen, m.prefix)
                break
        if chosen is None:
            k = skip_to
            continue
        out.append(chosen)
        k = chosen.last + 1
    return out
