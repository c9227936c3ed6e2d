"""Counts of people and things: qualifier + number (+ counted noun) → Quantity; years, ages, percentages skipped.

The span (``Quantity.text``) is the qualifier and the number ("نحو 60", "أكثر من 12 ألف", "العشرات");
the counted noun after it goes to ``unit`` (as written) and its category to ``of``
(``lexicon/data/counted_nouns.tsv``). Bounds: an exact count has ``low == high == value``; نحو/حوالي
(approx) leave both open; أكثر من / ما لا يقل عن / على الأقل set ``low``; أقل من sets ``high``; a
range "بين 10 و15" sets both and ``value`` = the lower bound; a vague count (العشرات) sets ``low`` to
its ACLED lower bound. A count whose clause sets it over a period (أكثر من 230 ألف قتيل منذ بدء النزاع،
منذ مارس 2011، خلال الحرب، إجمالي …: ``lexicon/data/count_periods.yaml``) gets that period as written in
``period``: a toll of a war or a year, which the events stage never puts on a single event.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from khabar.arabic import words as wc
from khabar.arabic.normalize import normalize, strip_clitics
from khabar.arabic.numbers import ParsedNumber, clitic_length, lookup_word, scan_number
from khabar.intervals import SpanIndex
from khabar.lexicon import load_tsv, load_yaml
from khabar.model import Quantity, Span, Token

_NEEDS_NOUN = wc.VAGUE_NEEDING_NOUN  # vague words that count only with a known noun after them
_LONE_REJECT = wc.LONE_NUMBER_REJECTS  # "الحادي عشر": part of an ordinal, never a count alone
_RANGE_WORDS = wc.RANGE_WORDS
_LATIN_GLUE = set("-–")
_NOUN_PREFIXES = wc.COUNTED_NOUN_PROCLITICS
_GLUE_OK = wc.NUMBER_GLUE_CLITICS  # clitics written on a number


@dataclass(frozen=True, slots=True)
class CountLexicon:
    """Normalized qualifiers, counted nouns and context words."""

    before: dict[tuple[str, ...], str]  # qualifier words → bound (approx | min | max)
    after: dict[tuple[str, ...], str]
    nouns: dict[str, str]  # normalized noun (one or two words joined by a space) → category
    duals: dict[str, str]  # normalized dual noun (a count of two) → category
    labels: frozenset[str]
    name_heads: frozenset[str]  # matched as written only: «ثورة 25 يناير» is a name, «التحالف 3042» a count
    percent: tuple[tuple[str, ...], ...]
    age: frozenset[str]
    links: frozenset[str]
    qualifier_ends: frozenset[str]  # last word of each qualifier placed before a number


@lru_cache(maxsize=1)
def period_lexicon() -> tuple[frozenset[str], frozenset[str], tuple[tuple[str, ...], ...], frozenset[str]]:
    """``(since words, short-time words after them, period phrases, clause stops)`` of count_periods.yaml."""
    data = load_yaml("count_periods.yaml")
    words = [tuple(normalize(p).split()) for p in data["phrases"]]
    return (
        frozenset(normalize(w) for w in data["since"]),
        frozenset(normalize(w) for w in data["since_short"]),
        tuple(sorted(words, key=len, reverse=True)),
        frozenset(normalize(w) for w in data["stops"]),
    )


@lru_cache(maxsize=1)
def _during() -> tuple[frozenset[str], frozenset[str]]:
    data = load_yaml("count_periods.yaml")
    return frozenset(normalize(w) for w in data["during"]), frozenset(normalize(w) for w in data["durations"])


_CLAUSE_END = frozenset(".!?؟;؛:")
_COMMA = frozenset("،,")
_STOP_PUNCT = _CLAUSE_END | _COMMA  # a slash or bracket (اذار/مارس، (آب)) ends no clause


def _stems(tok: Token) -> set[str]:
    return {stem for _, stem in strip_clitics(tok.norm, 2)}


def _period_at(text: str, tokens: Sequence[Token], k: int, blocked: SpanIndex) -> str | None:
    """The period phrase starting at token ``k`` (منذ بدء النزاع، منذ مارس 2011، خلال الحرب), or None."""
    since, short, phrases, _ = period_lexicon()
    tok = tokens[k]
    if tok.kind != "word":
        return None
    stems = _stems(tok)
    n = len(tokens)
    for words in phrases:
        if words[0] in stems and _matches(tokens, k + 1, words[1:]):
            last = k + len(words) - 1
            if last + 1 < n and tokens[last + 1].kind == "word":
                last += 1  # the thing the period is of: منذ بدء النزاع، خلال الحرب الأهلية
            return text[tok.start + len(tok.text) - len(tok.text.lstrip("وف")) : tokens[last].end]
    during, durations = _during()
    if stems & during:
        for q in range(k + 1, min(k + 4, n)):
            if tokens[q].kind == "punct":
                break
            if _stems(tokens[q]) & durations:  # خلال 10 أشهر، خلال الأشهر التسعة، خلال فترة حكمه
                start = tok.start + len(tok.text) - len(tok.text.lstrip("وف"))
                return text[start : tokens[q].end]
        return None
    if not stems & since or k + 1 >= n or tokens[k + 1].kind == "punct":
        return None
    if _stems(tokens[k + 1]) & short:
        return None  # منذ صباح اليوم: the same day's toll
    last = k + 1
    if blocked.overlaps(tokens[last].start, tokens[last].end):
        while last + 1 < n and blocked.overlaps(tokens[last + 1].start, tokens[last + 1].end):
            last += 1  # منذ مارس 2011: the whole time expression
    elif last + 1 < n and tokens[last + 1].kind in ("word", "number"):
        last += 1  # منذ عام 2011، منذ أربع سنوات
    start = tok.start + len(tok.text) - len(tok.text.lstrip("وف"))
    return text[start : tokens[last].end]


def _period(text: str, tokens: Sequence[Token], first: int, after: int, blocked: SpanIndex) -> str | None:
    """A period marker in the count's clause: up to 10 words after it (a comma ends the clause unless the
    period follows it at once) or 10 before it, not past another number or a clause stop (فيما، بينما)."""
    stops = period_lexicon()[3]
    n = len(tokens)
    k = after
    while k < min(n, after + 10):
        tok = tokens[k]
        if tok.kind == "punct":
            if tok.text in _CLAUSE_END:
                break
            if tok.text in _COMMA:
                return _period_at(text, tokens, k + 1, blocked) if k + 1 < n else None
            k += 1
            continue
        if tok.kind == "number" and not blocked.overlaps(tok.start, tok.end):
            break
        if tok.norm in stops:
            break
        found = _period_at(text, tokens, k, blocked)
        if found:
            return found
        k += 1
    k = first - 1
    while k >= max(0, first - 10):
        tok = tokens[k]
        if (tok.kind == "punct" and tok.text in _STOP_PUNCT) or tok.norm in stops:
            break
        if tok.kind == "number" and not blocked.overlaps(tok.start, tok.end):
            break
        found = _period_at(text, tokens, k, blocked)
        if found:
            return found
        k -= 1
    return None


@lru_cache(maxsize=1)
def count_lexicon() -> CountLexicon:
    before: dict[tuple[str, ...], str] = {}
    after: dict[tuple[str, ...], str] = {}
    for row in load_tsv("quantity_qualifiers.tsv"):
        key = tuple(normalize(row["phrase"]).split())
        (before if row["position"] == "before" else after)[key] = row["bound"]
    nouns = {normalize(r["noun"]): r["category"] for r in load_tsv("counted_nouns.tsv")}
    duals = {normalize(r["noun"]): r["category"] for r in load_tsv("dual_nouns.tsv")}
    ctx = load_yaml("quantity_context.yaml")
    return CountLexicon(
        before=before,
        after=after,
        nouns=nouns,
        duals=duals,
        labels=frozenset(normalize(w) for w in ctx["labels"]),
        name_heads=frozenset(normalize(w) for w in ctx["name_heads"]),
        percent=tuple(tuple(normalize(p).split()) for p in ctx["percent"]),
        age=frozenset(normalize(w) for w in ctx["age"]),
        links=frozenset(normalize(w) for w in ctx["noun_links"]),
        qualifier_ends=frozenset(k[-1] for k in before),
    )


def _noun(lex: CountLexicon, tokens: Sequence[Token], j: int) -> tuple[int, str, int] | None:
    """``(last token index, category, clitic letters)`` of a counted noun starting at token ``j``."""
    if j >= len(tokens) or tokens[j].kind != "word":
        return None
    two = j + 1 < len(tokens) and tokens[j + 1].kind == "word"
    for prefix, stem in strip_clitics(tokens[j].norm, 2):
        if prefix not in _NOUN_PREFIXES:
            continue
        clitic = len(prefix.removesuffix("ال"))
        if two and (cat := lex.nouns.get(f"{stem} {tokens[j + 1].norm}")):
            return j + 1, cat, clitic
        cat = lex.nouns.get(stem) or (lex.nouns.get(stem[:-1]) if stem.endswith("ا") else None)
        if cat:
            return j, cat, clitic
    return None


def _qualifier_before(lex: CountLexicon, tokens: Sequence[Token], i: int) -> tuple[int, str] | None:
    """``(first token index, bound)`` of a qualifier ending right before token ``i`` (first word may carry a clitic)."""
    for key, bound in lex.before.items():
        n = len(key)
        k = i - n
        if k < 0:
            continue
        if any(tokens[k + x].norm != key[x] for x in range(1, n)):
            continue
        if any(stem == key[0] for _, stem in strip_clitics(tokens[k].norm, 2)):
            return k, bound
    return None


def _matches(tokens: Sequence[Token], j: int, words: tuple[str, ...]) -> bool:
    return j + len(words) <= len(tokens) and all(tokens[j + x].norm == w for x, w in enumerate(words))


def _is_excluded(text: str, tokens: Sequence[Token], p: ParsedNumber, lex: CountLexicon) -> bool:
    """Labels (القرار 2216), ages, times of day, percentages, phone numbers, weapon names (إف 16)."""
    first = tokens[p.first]
    if first.kind == "number":
        digits = first.text
        before = text[first.start - 1] if first.start else " "
        after = text[first.end] if first.end < len(text) else " "
        if before in _LATIN_GLUE or (before.isascii() and before.isalpha()) or before in "/:+#":
            return True
        if after in "%٪/:" or after.isalpha() or after in _LATIN_GLUE:  # 1.6م, 15كم, F16A: a measure or a name
            return True
        if (len(digits) >= 7 and digits.isdigit()) or (len(digits) > 1 and digits[0] in "0٠"):
            return True
    elif p.first == p.last and first.norm in _LONE_REJECT:
        return True
    prev = [t for t in tokens[max(0, p.first - 3) : p.first] if t.kind == "word"]
    if prev:
        stems = {s for _, s in strip_clitics(prev[-1].norm, 2)}
        if prev[-1].norm in lex.labels or stems & lex.labels or prev[-1].norm in lex.name_heads:
            return True
        if any(t.norm in lex.age or t.stem in lex.age for t in prev[-2:]):
            return True
    nxt = p.last + 1
    if nxt < len(tokens) and tokens[nxt].kind == "punct" and tokens[nxt].text in "%٪":
        return True
    return any(_matches(tokens, nxt, words) for words in lex.percent)




def find_quantities(text: str, tokens: Sequence[Token], blocked: Sequence[Span] = ()) -> tuple[Quantity, ...]:
    """Counts in ``text``; numbers inside ``blocked`` spans (time expressions) are skipped."""
    lex = count_lexicon()
    out: list[Quantity] = []
    blocked_index = SpanIndex((b.start, b.end) for b in blocked)
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        if tok.kind != "number" and (tok.kind != "word" or lookup_word(tok.norm, first=True) is None):
            if tok.kind == "word" and tok.norm[-2:] in wc.DUAL_ENDINGS and (dual := _dual(lex, tok)) is not None:
                out.append(dual)
            i += 1
            continue
        p = scan_number(tokens, i)
        if p is None:
            i += 1
            continue
        i = p.last + 1
        if blocked_index.overlaps(p.start, p.end) or _is_excluded(text, tokens, p, lex):
            continue
        value = p.value
        low: float | int | None = value
        high: float | int | None = value
        approx = p.vague
        start, end = p.start, p.end
        qual = _qualifier_before(lex, tokens, p.first)
        if qual is not None:
            k, bound = qual
            approx = True
            start = tokens[k].start + clitic_length(tokens[k].text, _clitic_letters(tokens[k].norm, lex))
            low, high = (value, None) if bound == "min" else (None, value) if bound == "max" else (None, None)
        elif p.vague:
            high = None
        # a range: "بين 10 و15", "10 إلى 15", "10-15"
        j = p.last + 1
        if j + 1 < n and (tokens[j].norm in _RANGE_WORDS or tokens[j].text in "-–" or tokens[j].norm == "و"):
            second = scan_number(tokens, j + 1)
            between = p.first > 0 and tokens[p.first - 1].norm.endswith("بين")
            if second and not second.vague and second.value > value and (tokens[j].norm != "و" or between):
                low, high, approx, end, i = value, second.value, True, second.end, second.last + 1
                if between and qual is None:
                    b = tokens[p.first - 1]
                    start = b.start + clitic_length(b.text, len(b.norm) - 3)
                j = second.last + 1
        # the counted noun: "60 مقاتلا", "عشرات من القتلى"
        k = j + 1 if j < n and tokens[j].norm in lex.links else j
        noun = _noun(lex, tokens, k)
        if noun is not None and noun[1] == "measure":
            continue
        if noun is None and p.vague and p.vague_word in _NEEDS_NOUN:
            continue
        if noun is None and qual is None and not p.words and isinstance(value, int) and 1000 <= value <= 2999:
            continue  # a bare four-digit number is a year or an index (القرار الدولي 2216), not a count
        of = unit = None
        if noun is not None:
            last, of, clitic = noun
            unit_start = tokens[k].start + clitic_length(tokens[k].text, clitic)
            unit = text[unit_start : tokens[last].end]
            j = last + 1
        else:
            of = _of_from_context(lex, tokens, p.first)
        # post-qualifiers: "12 قتيلا على الأقل", "60 تقريبا"
        for key, bound in lex.after.items():
            if _matches(tokens, j, key):
                approx = True
                if bound == "min":
                    low, high = value, None
                elif high == low == value:
                    low = high = None
                break
        period = _period(text, tokens, p.first, j, blocked_index)
        out.append(Quantity(text[start:end], start, end, value, low, high, approx, of, unit, period))
    return tuple(out)


def _dual(lex: CountLexicon, tok: Token) -> Quantity | None:
    """ "مقتل جنديين": a dual noun counts two; text and unit are the noun without its clitics."""
    for prefix, stem in strip_clitics(tok.norm, 3):
        cat = lex.duals.get(stem)
        if cat is not None and prefix in _NOUN_PREFIXES:
            start = tok.start + clitic_length(tok.text, len(prefix.removesuffix("ال")))
            word = tok.text[start - tok.start :]
            return Quantity(word, start, tok.end, 2, 2, 2, False, cat, word)
    return None


def _clitic_letters(norm: str, lex: CountLexicon) -> int:
    """Letters of a clitic on the first qualifier word (بنحو → 1)."""
    keys = {k[0] for k in lex.before}
    for prefix, stem in strip_clitics(norm, 2):
        if stem in keys:
            return len(prefix)
    return 0


def _of_from_context(lex: CountLexicon, tokens: Sequence[Token], i: int) -> str | None:
    """ "ارتفع عدد القتلى إلى 60": the noun after عدد, a few words before the number."""
    for k in range(max(0, i - 4), i - 1):
        if tokens[k].stem == "عدد" or tokens[k].norm in wc.COUNT_HEADS:
            noun = _noun(lex, tokens, k + 1)
            if noun is not None and noun[1] != "measure":
                return noun[1]
    return None
