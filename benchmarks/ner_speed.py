"""Speed of the packaged CRF tagger on one core: model load time and tokens/s (features + tagging).

    PYTHONPATH=src python benchmarks/ner_speed.py [--anercorp ../shared/data/ner/anercorp/train.txt] [--sentences 2000]

Without the ANERcorp file it tags the sentences of the bundled example article, repeated.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--anercorp", type=Path, default=ROOT.parent / "shared" / "data" / "ner" / "anercorp" / "train.txt")
    ap.add_argument("--sentences", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

    from khabar.ner.crf import default_model_path, load_tagger, tag_tokens
    from khabar.ner.gazetteer import cue_words, phrase_lists
    from khabar.training.conll import read_conll

    t0 = time.perf_counter()
    load_tagger(str(default_model_path()))
    t1 = time.perf_counter()
    phrase_lists()
    cue_words()
    t2 = time.perf_counter()
    print(f"model load: {t1 - t0:.3f} s; gazetteers load: {t2 - t1:.3f} s")

    if args.anercorp.is_file():
        sents = [list(s.tokens) for s in read_conll(args.anercorp)[: args.sentences]]
        what = f"first {len(sents)} sentences of {args.anercorp.name}"
    else:
        from khabar.arabic import split_sentences, tokenize

        text = (ROOT / "examples" / "hasakah.txt").read_text(encoding="utf-8")
        toks = tokenize(text)
        one = [[t.text for t in toks if s.start <= t.start < s.end] for s in split_sentences(text)]
        sents = [s for s in one if s] * 100
        what = "examples/hasakah.txt x100"
    n = sum(len(s) for s in sents)
    best = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        for s in sents:
            tag_tokens(s)
        best = min(best, time.perf_counter() - start)
    print(f"tagged {n:,} tokens ({what}) in {best:.3f} s: {n / best:,.0f} tokens/s (best of {args.repeat}, one core)")

    from khabar.ner.propagate import propagate

    tags = [tag_tokens(s) for s in sents]
    start = time.perf_counter()
    propagate(sents, tags)
    took = time.perf_counter() - start
    print(f"label propagation over the same tokens: {took:.3f} s; with tagging {n / (best + took):,.0f} tokens/s")


if __name__ == "__main__":
    main()
