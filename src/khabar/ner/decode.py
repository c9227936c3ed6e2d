"""CRF decoding in numpy from the weights of a CRFsuite model file: tags and marginals of all the sentences
of an article at once.

python-crfsuite tags one sentence at a time from feature *strings*; an article has ~40 sentences of ~25
tokens and ~30 strings a token, and building and passing those strings was most of the NER stage. Here a
token's feature weights are summed once per token type (:func:`_vectors`, cached) and the sentences of an
article are decoded together (Viterbi, forward-backward), so Python works per position, not per feature.
The same weights, the same first-best tie rule: the tags are those of ``pycrfsuite.Tagger.tag`` and the
marginals equal ``Tagger.marginal`` to rounding (``tests/ner/test_decode.py`` compares them).
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from khabar.ner.features import TokenInfo, _analyse, _gaz_tags, _known
from khabar.ner.tags import TAGS

Matrix = Any  # numpy arrays (numpy's own types say little here)


@dataclass(frozen=True, eq=False)  # hashed by identity: one object per model file (read_weights is cached)
class CrfWeights:
    """The weights of a first-order CRFsuite model: ``state[attribute id, label id]``, ``trans[from, to]``."""

    labels: tuple[str, ...]
    attrs: dict[str, int]
    state: Matrix
    trans: Matrix
    keep: frozenset[str]


def _cqdb(data: bytes, base: int) -> dict[int, str] | None:
    """id → string of a CQDB chunk (CRFsuite's constant database of label and attribute names)."""
    if data[base : base + 4] != b"CQDB":
        return None
    n, bwd = struct.unpack_from("<II", data, base + 16)
    out = {}
    for ident, off in enumerate(struct.unpack_from(f"<{n}I", data, base + bwd)):
        if off:
            size = struct.unpack_from("<I", data, base + off + 4)[0]
            out[ident] = data[base + off + 8 : base + off + 7 + size].decode("utf-8")
    return out


@lru_cache(maxsize=4)
def read_weights(path: str, keep: frozenset[str]) -> CrfWeights | None:
    """The weights of a CRFsuite model file whose attribute names are ``keep`` (``crf.model_attributes``: the
    very set the string features are filtered by, so caches keyed by it compare it by identity); None when
    the file is not laid out as expected (then the caller tags with python-crfsuite)."""
    try:
        data = Path(path).read_bytes()
        if data[:4] != b"lCRF" or data[8:12] != b"FOMC":
            return None
        n_labels, n_attrs, off_feats, off_labels, off_attrs = struct.unpack_from("<5I", data, 20)
        labels, attrs = _cqdb(data, off_labels), _cqdb(data, off_attrs)
        if labels is None or attrs is None or data[off_feats : off_feats + 4] != b"FEAT":
            return None
        n_feats = struct.unpack_from("<I", data, off_feats + 8)[0]
        state = np.zeros((n_attrs, n_labels))
        trans = np.zeros((n_labels, n_labels))
        for kind, src, dst, weight in struct.iter_unpack("<IIId", data[off_feats + 12 : off_feats + 12 + 20 * n_feats]):
            if kind == 0:
                state[src, dst] += weight
            elif kind == 1:
                trans[src, dst] += weight
            else:
                return None
    except (OSError, struct.error, UnicodeDecodeError, IndexError, ValueError):
        return None
    if sorted(labels) != list(range(n_labels)) or not set(labels.values()) <= set(TAGS):
        return None
    names = {name: ident for ident, name in attrs.items()}
    if keep != names.keys():
        return None
    return CrfWeights(tuple(labels[i] for i in range(n_labels)), names, state, trans, keep)


_PART_OF_OFFSET = {"-2": 1, "-1": 2, "+1": 3, "+2": 4, "-3": 5}
_PAIRS = ("bg-", "bg+", "kb-", "kb+")


@lru_cache(maxsize=4)
def _field_table(w: CrfWeights) -> tuple[Matrix, Matrix, dict[str, dict[str, int]]]:
    """The model's token features regrouped by what they read of a token: ``(bias, M, table)``, ``table``
    mapping a base name ("n", "s", "k0", "c" …) and a value to ``k``, ``M[k]`` the (6, labels) weights of
    that value in each part (own, -2, -1, +1, +2, -3), ``bias`` the own ``bias`` row. One look-up per field
    of a token instead of one per feature string."""
    n_labels = len(w.labels)
    bias = np.zeros((6, n_labels))
    table: dict[str, dict[str, int]] = {}
    mats: list[Matrix] = []
    for feat, ident in w.attrs.items():
        name, sep, value = feat.partition("=")
        if not sep:
            if name == "bias":
                bias[0] += w.state[ident]
            continue  # BOS, EOS: by position
        if name in _PAIRS:
            continue  # by pair of tokens
        part = _PART_OF_OFFSET.get(name[:2], 0)
        base = name[2:] if part else name
        k = table.setdefault(base, {}).get(value)
        if k is None:
            k = table[base][value] = len(mats)
            mats.append(np.zeros((6, n_labels)))
        mats[k][part] += w.state[ident]
    return bias, np.stack(mats) if mats else np.zeros((0, 6, n_labels)), table


def _fields(info: TokenInfo) -> list[tuple[str, str]]:
    """``(base name, value)`` of everything a token's features read (see features._own_pairs)."""
    s = info.stem
    out = [("n", info.norm), ("s", s), ("p", info.prefix), ("sh", info.shape), ("len", str(min(len(s), 8)))]
    out += [("s2", s[:2]), ("s3", s[:3]), ("e1", s[-1:]), ("e2", s[-2:]), ("e3", s[-3:])]
    out += [("c", c) for c in info.cues]
    out += [(f"k{i}", k) for i, k in enumerate(info.clusters)] if info.clusters else [("k", "rare")]
    out += [(f"ks{i}", k) for i, k in enumerate(info.stem_clusters)]
    out += [("g", g) for g in info.gaz]
    return out


@lru_cache(maxsize=20_000)  # as features._token_parts: one entry per token type and gazetteer tags
def _vectors(token: str, gaz: tuple[str, ...], w: CrfWeights) -> tuple[str, str, Matrix]:
    """``(stem, first cluster id or "rare", V)``: ``V[k]`` sums the weights of the token's features of part
    ``k`` (own, as neighbour at -2, -1, +1, +2, cues as the token three to the left) for every label."""
    bias, mats, table = _field_table(w)
    info = _analyse(token)
    if gaz:
        info = replace(info, gaz=gaz)
    found = [k for base, value in _fields(info) if (k := table.get(base, _NO_VALUES).get(value)) is not None]
    vecs = bias + mats[found].sum(axis=0) if found else bias.copy()
    vecs.flags.writeable = False
    return info.stem, info.clusters[0] if info.clusters else "rare", vecs


_NO_VALUES: dict[str, int] = {}


@lru_cache(maxsize=4)
def _pair_ids(w: CrfWeights) -> tuple[dict[str, int], ...]:
    """For bg-, bg+, kb-, kb+: pair value ("stem|stem", "cluster|cluster") → attribute id."""
    known = _known(w.keep)
    return tuple({v: w.attrs[f] for v, f in known.get(name, {}).items()} for name in ("bg-", "bg+", "kb-", "kb+"))


def _scores(tokens: Sequence[str], w: CrfWeights) -> Matrix:
    """State scores ``S[position, label]`` of one sentence: what crfsuite sums over its feature strings."""
    gaz = _gaz_tags(tokens)
    rows = (
        [_vectors(t, (), w) for t in tokens]
        if gaz is None
        else [_vectors(t, g, w) for t, g in zip(tokens, gaz, strict=True)]
    )
    n = len(rows)
    a = np.stack([r[2] for r in rows])
    s = a[:, 0].copy()
    s[2:] += a[:-2, 1]
    s[1:] += a[:-1, 2]
    s[:-1] += a[1:, 3]
    s[:-2] += a[2:, 4]
    s[3:] += a[:-3, 5]
    bos, eos = w.attrs.get("BOS"), w.attrs.get("EOS")
    if bos is not None:
        s[: min(n, 2)] += w.state[bos]
    if eos is not None:
        s[max(n - 2, 0) :] += w.state[eos]
    if n > 1:
        bg_l, bg_r, kb_l, kb_r = _pair_ids(w)
        at, ids = [], []
        for i in range(n - 1):
            bg = rows[i][0] + "|" + rows[i + 1][0]
            kb = rows[i][1] + "|" + rows[i + 1][1]
            if (ident := bg_r.get(bg)) is not None:
                at.append(i)
                ids.append(ident)
            if (ident := kb_r.get(kb)) is not None:
                at.append(i)
                ids.append(ident)
            if (ident := bg_l.get(bg)) is not None:
                at.append(i + 1)
                ids.append(ident)
            if (ident := kb_l.get(kb)) is not None:
                at.append(i + 1)
                ids.append(ident)
        if ids:
            np.add.at(s, np.array(at), w.state[np.array(ids)])
    return s


def decode(
    sentences: Sequence[Sequence[str]], path: str, keep: frozenset[str]
) -> list[tuple[list[str], list[float]]] | None:
    """Tags (not BIO-repaired) and the marginal of each chosen tag for every sentence; None when the model
    file cannot be read here. Empty sentences give ``([], [])``."""
    w = read_weights(path, keep)
    if w is None:
        return None
    out: list[tuple[list[str], list[float]]] = [([], []) for _ in sentences]
    todo = [k for k, s in enumerate(sentences) if s]
    if not todo:
        return out
    lengths = np.array([len(sentences[k]) for k in todo])
    b, t_max, n_labels = len(todo), int(lengths.max()), len(w.labels)
    s = np.zeros((b, t_max, n_labels))
    for row, k in enumerate(todo):
        s[row, : lengths[row]] = _scores(sentences[k], w)
    alive = np.arange(t_max)[None, :] < lengths[:, None]  # (b, t): position inside the sentence

    # Viterbi; the first best predecessor wins a tie, as in crfsuite
    delta = s[:, 0].copy()
    back = np.zeros((b, t_max, n_labels), dtype=np.intp)
    trans = w.trans
    for t in range(1, t_max):
        cand = delta[:, :, None] + trans[None, :, :]  # (b, from, to)
        best = cand.argmax(axis=1)
        new = np.take_along_axis(cand, best[:, None, :], axis=1)[:, 0, :] + s[:, t]
        live = alive[:, t]
        delta = np.where(live[:, None], new, delta)
        back[:, t] = best

    # forward-backward in the exp domain with per-position scaling (crfsuite's way)
    x = np.exp(s)
    e = np.exp(trans)
    alpha = np.empty_like(s)
    a = x[:, 0]
    alpha[:, 0] = a / a.sum(axis=1, keepdims=True)
    for t in range(1, t_max):
        a = (alpha[:, t - 1] @ e) * x[:, t]
        alpha[:, t] = a / a.sum(axis=1, keepdims=True)
    beta = np.ones_like(s)
    for t in range(t_max - 2, -1, -1):
        bt = (x[:, t + 1] * beta[:, t + 1]) @ e.T
        bt = bt / bt.sum(axis=1, keepdims=True)
        beta[:, t] = np.where(alive[:, t + 1][:, None], bt, 1.0)
    post = alpha * beta
    post /= post.sum(axis=2, keepdims=True)

    # back-tracking, all sentences at once: a sentence starts from its best last label at its own end
    rows = np.arange(b)
    cur = delta.argmax(axis=1)
    best_path = np.zeros((b, t_max), dtype=np.intp)
    for t in range(t_max - 1, -1, -1):
        best_path[:, t] = cur
        if t:
            cur = np.where(alive[:, t], back[rows, t, cur], cur)
    chosen = np.take_along_axis(post, best_path[:, :, None], axis=2)[:, :, 0]
    labels = w.labels
    for row, k in enumerate(todo):
        n = int(lengths[row])
        out[k] = ([labels[i] for i in best_path[row, :n].tolist()], chosen[row, :n].tolist())
    return out
