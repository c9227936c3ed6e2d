"""Label propagation across nearby sentences: a name the tagger found once is tagged where it recurs untagged.

News repeats names: "باراك أوباما" once, then "أوباما" (or "وأوباما") several times. The CRF sees one
sentence at a time and misses some repeats; this pass tags an untagged token sequence when the
same stems were tagged as an entity within ``window`` sentences (and a person's last name alone
when the full name was tagged). On ANERcorp cross-validation it adds about one point of F1.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from khabar.ner.features import token_infos
from khabar.ner.tags import chunks

WINDOW = 10  # sentences before and after: about the length of a news article
MIN_SINGLE = 4  # a single-token name needs a stem of at least this many letters (shorter ones are often words)
MAX_PHRASE = 4


def _table(
    stems: Sequence[Sequence[str]], tags: Sequence[Sequence[str]], lo: int, hi: int
) -> dict[tuple[str, ...], Counter[str]]:
    table: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for j in range(lo, hi):
        for a, b, kind in chunks(tags[j]):
            if b - a <= MAX_PHRASE:
                table[tuple(stems[j][a:b])][kind] += 1
            if kind == "PERS" and b - a >= 2:
                table[(stems[j][b - 1],)][kind] += 1
    return table


def propagate(
    sentences: Sequence[Sequence[str]], tags: Sequence[Sequence[str]], window: int = WINDOW
) -> tuple[list[list[str]], list[list[bool]]]:
    """Tags after propagation, and for each token whether propagation (not the tagger) tagged it."""
    stems = [[i.stem for i in token_infos(s)] for s in sentences]
    out: list[list[str]] = []
    added: list[list[bool]] = []
    for k in range(len(sentences)):
        table = _table(stems, tags, max(0, k - window), min(len(sentences), k + window + 1))
        new = list(tags[k])
        flags = [False] * len(new)
        st = stems[k]
        i = 0
        while i < len(new):
            if new[i] != "O":
                i += 1
                continue
            step = 1
            for length in range(min(MAX_PHRASE, len(new) - i), 0, -1):
                key = tuple(st[i : i + length])
                if any(new[i + x] != "O" for x in range(length)):
                    continue
                if length == 1 and len(key[0]) < MIN_SINGLE:
                    continue
                counts = table.get(key)
                if counts:
                    kind = counts.most_common(1)[0][0]
                    for x in range(length):
                        new[i + x] = ("B-" if x == 0 else "I-") + kind
                        flags[i + x] = True
                    step = length
                    break
            i += step
        out.append(new)
        added.append(flags)
    return out, added
