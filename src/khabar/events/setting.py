"""When, how many and how sure an event is: its date, its quantities and its status (denied, planned …)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from khabar.arabic import words as wc
from khabar.arabic.normalize import normalize
from khabar.arabic.phrases import PhraseLexicon, context_classes, word_in
from khabar.events.arguments import Trigger, Window
from khabar.lexicon import load_tsv
from khabar.model import Document, Quantity, Status, TimeValue, Token


def event_date(doc: Document, tokens: Sequence[Token], trig: Trigger, w: Window) -> TimeValue | None:
    """The time expression of the sentence nearest the trigger, inside its clause when there is one;
    else the last dated expression earlier in the same paragraph (a report goes on about the happening
    its lead dated: "قتل 33 مسلحاً اليوم الإثنين … وقال الشهود إن …"), else the relative day
    (أمس، السبت) named earlier in the article (the first one when several were named)."""
    lo, hi = tokens[w.lo].start, tokens[w.hi - 1].end
    left, right = tokens[w.left].start, tokens[w.right - 1].end
    at = tokens[trig.first].start
    cands = [t for t in doc.times if lo <= t.start < hi and t.value]
    # أكد المتمردون الاثنين أن الهجوم …: the day of the saying, before the أن that opens the trigger's
    # clause, is not the day of the happening (when the sentence has another, or the paragraph dated it)
    that = next((q for q in range(trig.first - 1, w.lo - 1, -1)
                 if normalize(tokens[q].text) in wc.ANY_COMPLEMENTIZER), None)
    if that is not None:
        inner = [t for t in cands if t.start >= tokens[that].end]
        para = doc.text.rfind("\n", 0, lo) + 1
        dated = any(para <= t.start < lo and t.value for t in doc.times)
        if inner or dated:
            cands = inner
    if cands:
        return min(cands, key=lambda t: (not (left <= t.start <= right), abs(t.start - at)))
    para = doc.text.rfind("\n", 0, lo) + 1
    earlier = [t for t in doc.times if para <= t.start < lo and t.value]
    if earlier:
        return max(earlier, key=lambda t: t.start)
    # no date in its paragraph: the one day the article named before it (a report's later paragraphs go
    # on about the day its lead dated), unless the paragraph opens on another subject (وفي سياق آخر);
    # a month or year in passing is background
    named = [t for t in doc.times if t.start < lo and t.value and t.precision == "day" and t.relative]
    if not named and _in_lead(doc, lo):
        # the lead leaves its day to the report that follows (طالبت رئاسة الإقليم … ‖ … أمس السبت): the first
        # day named after it, when the sentence naming it cites no other source than the lead
        later = next((t for t in doc.times if t.start >= hi and t.value and t.precision == "day" and t.relative),
                     None)
        return later if later is not None and _same_voice(doc, lo, later.start) else None
    if not named or _topic_shift(doc, tokens, para, w.lo):
        return None
    if len({t.value for t in named}) == 1:
        return named[-1]
    # several days named: the report's own day is the one its lead (first body paragraph) named first
    body = next((x for x in doc.sentences if not x.headline), None)
    if body is None:
        return None
    lead_end = doc.text.find("\n", body.start)
    first = named[0]
    return first if first.start >= body.start and (lead_end < 0 or first.start < lead_end) else None


def _in_lead(doc: Document, start: int) -> bool:
    """Whether offset ``start`` lies in the lead: the first sentence of the body (not the headline)."""
    body = next((x for x in doc.sentences if not x.headline), None)
    return body is not None and body.start <= start < body.end


def _same_voice(doc: Document, lead: int, at: int) -> bool:
    """The sentence at offset ``at`` cites no source that the sentence at ``lead`` does not cite."""
    def sources(offset: int) -> set[str | None]:
        sent = next((x for x in doc.sentences if x.start <= offset < x.end), None)
        return set() if sent is None else {c.source for c in doc.cues if sent.start <= c.start < sent.end}

    return sources(at) <= sources(lead)


def _topic_shift(doc: Document, tokens: Sequence[Token], para: int, lo: int) -> bool:
    """Whether the paragraph at offset ``para`` opens with في سياق آخر / من جهة أخرى / على صعيد منفصل."""
    k = lo
    while k > 0 and tokens[k - 1].start >= para:
        k -= 1
    return any(word_in(tokens[q], context_classes()["topic_shift"]) for q in range(k, min(k + 4, len(tokens))))


def event_quantities(doc: Document, tokens: Sequence[Token], w: Window) -> tuple[Quantity, ...]:
    left, right = tokens[w.left].start, tokens[w.right - 1].end
    return tuple(q for q in doc.quantities if left <= q.start < right)


@lru_cache(maxsize=1)
def _status_cues() -> tuple[PhraseLexicon, tuple[tuple[str, str], ...]]:
    rows = load_tsv("status_cues.tsv")
    entries = [(form, i) for i, row in enumerate(rows) for form in row["form"].split("|")]
    return PhraseLexicon(entries, suffixes=False), tuple((row["status"], row["scope"]) for row in rows)


def status_cues(tokens: Sequence[Token], lo: int, hi: int) -> list[tuple[int, int, str, str]]:
    """Status cues of a sentence: ``(first, last, status, scope)``. A cue word inside a ``not`` phrase (لا in
    ما لا يقل عن، لم in لم يعد) comes out with the phrase's last token as its ``scope``-free end: it applies only to
    a trigger inside the phrase (لم يعد: did not return), never after it."""
    lex, rows = _status_cues()
    found = [(m.first, m.last, *rows[m.payload]) for k in range(lo, hi) for m in lex.match_at(tokens, k, hi)]
    shields = [(first, last) for first, last, st, _ in found if st == "not"]
    out: list[tuple[int, int, str, str]] = []
    for first, last, st, scope in found:
        if st == "not":
            continue
        shield = max((b for a, b in shields if a <= first and last <= b), default=None)
        out.append((first, last, st, scope if shield is None else f"within:{shield}"))
    return out


def status(tokens: Sequence[Token], trig: Trigger, cues: Sequence[tuple[int, int, str, str]]) -> Status:
    """denied > hypothetical > planned > asserted, from cues before the trigger (قد only before a present verb)."""
    found: set[str] = set()
    if trig.prefix.endswith("س") and trig.pos == "vp":
        found.add("planned")
    for first, last, st, scope in cues:
        if last >= trig.first or (scope != "sentence" and trig.first - last > 4):
            continue
        if scope.startswith("within:") and trig.first > int(scope.removeprefix("within:")):
            continue  # ما لا يقل عن 6 غارات، لم يعد يسيطر: the phrase does not negate what follows it
        is_qad = normalize(tokens[first].text).lstrip(wc.CONJUNCTION_LETTERS) == "قد"
        nxt = tokens[last + 1].norm if last + 1 < trig.last + 1 else ""
        if is_qad and not (nxt[:1] in "يتن" and len(nxt) > 2):
            continue  # قد + past = already (asserted); قد + present = may
        found.add(st)
    ranked: tuple[Status, ...] = ("denied", "hypothetical", "planned")
    return next((st for st in ranked if st in found), "asserted")
