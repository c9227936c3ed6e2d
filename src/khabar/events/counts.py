"""Typed counts of an event: what its clause says happened to how many (killed, injured, arrested …), and who says so.

A quantity of the event's clause (``Event.quantities``) becomes a ``Count`` of a kind:

- the word that governs the number says it (``lexicon/data/count_cues.tsv``): a word right before it
  (مقتل 12، قضى 3 مدنيين، وإصابة 30 آخرين، اعتقال العشرات، القبض على 5), or right after its counted
  noun (12 شخصاً قتلوا، 5 أشخاص لقوا حتفهم، 30 بجروح);
- else the counted noun itself (5 قتلى، 30 جريحاً، عشرات الآلاف من المتظاهرين, a count of killed after
  "عدد القتلى");
- else a count joined by و to the count before it takes that one's kind, as a part of one toll (مقتل 3
  جنود و5 مدنيين);
- else, in a protest, a count of people is its crowd (participants), in an arrest the arrested; anything
  else is ``other``.

A count right after بينهم / منهم (بينهم 5 أطفال) is a subset of a toll already counted: kind ``other``.
A quantity with a ``period`` (a toll since the start of a war, a year's total) is never an event's count,
nor a killed or injured count above ``credible_max`` of count_periods.yaml (a cumulative toll the clause does
not mark: وقد ساعد نظام الأسد في قتل نحو 300 ألف شخص).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Literal

from khabar.arabic.normalize import normalize, strip_clitics
from khabar.errors import ResourceError
from khabar.lexicon import load_tsv, load_yaml
from khabar.model import Count, CountKind, Quantity, Token, literal_values

# Quantity.of categories (counted_nouns.tsv) that say the kind by themselves.
_NOUN_KINDS: dict[str, CountKind] = {
    "killed": "killed",
    "injured": "injured",
    "arrested": "arrested",
    "displaced": "displaced",
    "refugees": "displaced",
}
# Counted people (and a count with no noun) whose kind the event's own type gives: a protest's crowd, the
# detained of an arrest (اعتقلت الشرطة 40 متظاهراً).
_PEOPLE = frozenset({"people", "protesters", "students", "women", "children", "families", "civilians", "suspects",
                     "detainees", "fighters", "soldiers", "migrants", None})


CueKind = CountKind | Literal["subset"]
_CUE_KINDS: dict[str, CueKind] = {**literal_values(CountKind), "subset": "subset"}


@lru_cache(maxsize=1)
def count_cues() -> tuple[dict[str, CueKind], dict[str, CueKind], frozenset[str]]:
    """``(before words → kind, after words → kind, fillers)``, normalized; an unknown kind is a ResourceError."""
    before: dict[str, CueKind] = {}
    after: dict[str, CueKind] = {}
    for row in load_tsv("count_cues.tsv"):
        kind = _CUE_KINDS.get(row["kind"])
        if kind is None:
            raise ResourceError(f"count_cues.tsv: {row['form']!r} has the unknown kind {row['kind']!r}")
        (before if row["position"] == "before" else after)[normalize(row["form"])] = kind
    fillers = frozenset(normalize(w) for w in load_yaml("count_periods.yaml")["fillers"])
    return before, after, fillers


def _cue(table: dict[str, CueKind], tok: Token) -> CueKind | None:
    for _, stem in strip_clitics(tok.norm, 2):
        kind = table.get(stem)
        if kind is not None:
            return kind
    return None


@lru_cache(maxsize=1)
def _credible_max() -> float:
    return float(load_yaml("count_periods.yaml")["credible_max"])


def _governor(tokens: Sequence[Token], first: int) -> CueKind | None:
    """The kind a word right before token ``first`` gives (fillers على، عن skipped), or None."""
    before, _, fillers = count_cues()
    k = first - 1
    while k >= 0 and k >= first - 3:
        tok = tokens[k]
        if tok.kind != "word":
            return None
        kind = _cue(before, tok)
        if kind is not None:
            return kind
        if tok.norm not in fillers:
            return None
        k -= 1
    return None


def _predicate(tokens: Sequence[Token], after: int) -> CueKind | None:
    """The kind a word right after the counted noun gives (قتلوا، حتفهم، بجروح), up to two words on."""
    table = count_cues()[1]
    for k in range(after, min(after + 3, len(tokens))):
        tok = tokens[k]
        if tok.kind != "word":
            return None
        kind = _cue(table, tok)
        if kind is not None:
            return kind
    return None


def event_counts(
    text: str,
    tokens: Sequence[Token],
    quantities: Sequence[Quantity],
    event_type: str,
    event_mode: str | None,
    source_at: Callable[[int], str | None],
) -> tuple[Count, ...]:
    """The counts of an event of ``event_type`` (and mode) from its clause's ``quantities``; ``source_at(token index)``
    gives the id of the source in force at a token (None: the outlet)."""
    starts = [t.start for t in tokens]
    out: list[Count] = []
    prev: tuple[Quantity, CountKind, int] | None = None  # the count before, its kind and its last token
    for q in sorted(quantities, key=lambda x: x.start):
        if q.period is not None:
            prev = None
            continue
        first = max(0, bisect.bisect_right(starts, q.start) - 1)
        last = max(first, bisect.bisect_left(starts, q.end) - 1)
        end = q.end
        if q.unit:  # the counted noun follows the number (after من at most): 60 مقاتلاً، عشرات من القتلى
            at = text.find(q.unit, q.end, q.end + len(q.unit) + 8)
            end = at + len(q.unit) if at >= 0 else end
        after = bisect.bisect_left(starts, end)
        while after < len(tokens) and tokens[after].end <= end:
            after += 1
        unit_last = max(last, after - 1)
        cue = _governor(tokens, first)
        part = False
        kind: CountKind
        if cue == "subset":
            kind = "other"
        elif cue is not None:
            kind = cue
        elif (pred := _predicate(tokens, after)) is not None and pred != "subset":
            kind = pred
        elif q.of in _NOUN_KINDS:
            kind = _NOUN_KINDS[q.of]
        elif prev is not None and _joined(tokens, prev[2], first):
            kind, part = prev[1], prev[1] != "other"
        elif event_type == "PROTEST" and q.of in _PEOPLE:
            kind = "participants"
        elif event_type == "COERCE" and event_mode == "arrest" and q.of in _PEOPLE:
            kind = "arrested"
        else:
            kind = "other"
        if kind in ("killed", "injured") and (q.low if q.low is not None else q.value or 0) > _credible_max():
            prev = None
            continue
        source = source_at(first)
        out.append(Count(kind, q.text, q.start, q.end, q.value, q.low, q.high, q.approx, q.of, q.unit, source, part))
        prev = (q, kind, unit_last)
    return tuple(out)


def _joined(tokens: Sequence[Token], prev_last: int, first: int) -> bool:
    """Token ``first`` starts a count joined by و to the count that ends at token ``prev_last``."""
    if first - prev_last == 2:
        return tokens[prev_last + 1].norm == "و"
    return first - prev_last == 1 and tokens[first].prefix.startswith("و")


def toll(counts: Sequence[Count], kind: CountKind) -> int | None:
    """The figure of ``kind`` an export records, by ACLED's rules: each count at its lower bound (a vague
    count's ACLED default: العشرات → 12), the parts of one toll added up (مقتل 3 جنود و5 مدنيين → 8), and
    the lowest of the tolls when the clause's reports differ; None when no count of ``kind`` is stated
    (a count with only an upper bound, أقل من 10, states no figure)."""
    tolls: list[float] = []
    for c in counts:
        if c.kind != kind:
            continue
        figure = c.low if c.low is not None else (c.value if c.high is None else None)
        if figure is None:
            continue
        if c.part and tolls:
            tolls[-1] += figure
        else:
            tolls.append(figure)
    return int(min(tolls)) if tolls else None
