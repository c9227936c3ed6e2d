"""Build word clusters (a CRF feature of khabar.ner) from unlabeled Arabic news text.

Each frequent normalized word is described by the words seen immediately left and right of it,
weighted by positive PMI, reduced by SVD and grouped by k-means at two granularities.

    python scripts/build_ner_clusters.py ../shared/data/news/saudinewsnet/all.jsonl.gz \
        -o src/khabar/lexicon/data/ner_clusters.tsv.gz
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.cluster import MiniBatchKMeans
from sklearn.decomposition import TruncatedSVD

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from khabar.arabic.normalize import ARABIC_LETTERS, DIACRITICS, TATWEEL, normalize

_WORD_RE = re.compile(
    rf"[{ARABIC_LETTERS}][{ARABIC_LETTERS}{DIACRITICS}{TATWEEL}]*|[0-9\u0660-\u0669]+|[^\s\w]"
)


def sentences(path: Path) -> list[list[str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    out: list[list[str]] = []
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            text = " ".join(str(rec.get(k) or "") for k in ("title", "content", "text"))
            for para in text.splitlines():
                toks = [normalize(t) for t in _WORD_RE.findall(para)]
                if toks:
                    out.append(toks)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path, nargs="+")
    ap.add_argument("-o", "--output", type=Path, required=True)
    ap.add_argument("--vocab", type=int, default=50_000)
    ap.add_argument("--contexts", type=int, default=3_000)
    ap.add_argument("--dims", type=int, default=100)
    ap.add_argument("--k", type=int, nargs="+", default=[64, 512])
    args = ap.parse_args()

    sents = [s for p in args.corpus for s in sentences(p)]
    freq = Counter(t for s in sents for t in s)
    print(f"{len(sents):,} paragraphs, {sum(freq.values()):,} tokens, {len(freq):,} types", file=sys.stderr)
    vocab = [w for w, c in freq.most_common(args.vocab) if c >= 5]
    index = {w: i for i, w in enumerate(vocab)}
    ctx_index = {w: i for i, w in enumerate(vocab[: args.contexts])}
    nc = len(ctx_index)
    rows: list[int] = []
    cols: list[int] = []
    for s in sents:
        padded = ["<s>", *s, "</s>"]
        for j in range(1, len(padded) - 1):
            wi = index.get(padded[j])
            if wi is None:
                continue
            left = ctx_index.get(padded[j - 1])
            right = ctx_index.get(padded[j + 1])
            if left is not None:
                rows.append(wi)
                cols.append(left)
            if right is not None:
                rows.append(wi)
                cols.append(nc + right)
    m = sparse.coo_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(vocab), 2 * nc)).tocsr()
    m.sum_duplicates()
    # positive PMI
    total = m.sum()
    row_sum = np.asarray(m.sum(axis=1)).ravel() + 1e-9
    col_sum = np.asarray(m.sum(axis=0)).ravel() + 1e-9
    coo = m.tocoo()
    pmi = np.log(coo.data * total / (row_sum[coo.row] * col_sum[coo.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=m.shape)
    vecs = TruncatedSVD(n_components=args.dims, random_state=0).fit_transform(ppmi)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-9
    labels = [
        MiniBatchKMeans(n_clusters=k, random_state=0, n_init=3, batch_size=4096).fit_predict(vecs) for k in args.k
    ]
    args.output.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same input gives the same bytes
    with io.TextIOWrapper(gzip.GzipFile(args.output, "wb", mtime=0), encoding="utf-8") as out:
        out.write("# Word clusters for khabar.ner features; built by scripts/build_ner_clusters.py (see MANIFEST.md)\n")
        out.write("word\t" + "\t".join(f"k{k}" for k in args.k) + "\n")
        for i, w in enumerate(vocab):
            out.write(w + "\t" + "\t".join(str(int(lab[i])) for lab in labels) + "\n")
    print(f"{len(vocab):,} words written to {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
