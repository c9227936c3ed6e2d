"""The CRF taggers (NER and roles) in parallel threads give what they give one at a time.

A ``pycrfsuite.Tagger`` keeps the last sentence's lattice between ``tag`` and ``marginal``; one Tagger shared by
threads read another thread's sentence (wrong marginals, ``ValueError: position out of range``). Each thread now
has its own (``khabar.ner.crf.thread_tagger``). The switch interval is made tiny so that threads interleave
between ``tag`` and ``marginal`` as often as they can.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from khabar import extract
from khabar.ner.crf import default_model_path, load_tagger, tag_with_marginals

ROOT = Path(__file__).resolve().parents[2]
T = TypeVar("T")

# Sentences of different lengths: a thread reading another's lattice sees a position out of range or other
# marginals.
SENTENCES = [
    "قال الرئيس الأمريكي باراك أوباما في واشنطن",
    "وصل وزير الخارجية إلى القاهرة أمس",
    "أعلنت وزارة الداخلية السعودية في الرياض مقتل ثلاثة مسلحين في اشتباك مع قوات الأمن في القطيف",
    "بغداد",
    "قالت مصادر أمنية عراقية إن انفجار سيارة مفخخة في حي اليرموك في بعقوبة أسفر عن مقتل عشرة أشخاص وإصابة عشرين",
    "التقى الملك سلمان بن عبد العزيز ولي عهد أبوظبي الشيخ محمد بن زايد",
]


@contextmanager
def _switch_often() -> Iterator[None]:
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(old)


def _in_threads(fn: Callable[[int], T], n_threads: int, rounds: int) -> list[list[T]]:
    """``fn(i)`` for every i of ``range(rounds)`` in each of ``n_threads`` threads started together."""
    results: list[list[T]] = [[] for _ in range(n_threads)]
    errors: list[BaseException] = []
    start = threading.Barrier(n_threads)

    def run(k: int) -> None:
        try:
            start.wait()
            for i in range(rounds):
                results[k].append(fn((i + k) % rounds))
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(k,)) for k in range(n_threads)]
    with _switch_often():
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert not errors, f"{len(errors)} threads raised, first: {errors[0]!r}"
    return results


def test_tags_and_marginals_in_parallel_threads_equal_serial_ones() -> None:
    serial = [tag_with_marginals(s.split()) for s in SENTENCES]
    rounds = 20 * len(SENTENCES)
    for k, got in enumerate(_in_threads(lambda i: tag_with_marginals(SENTENCES[i % len(SENTENCES)].split()),
                                        n_threads=6, rounds=rounds)):
        assert got == [serial[(i + k) % rounds % len(SENTENCES)] for i in range(rounds)]


def test_each_thread_has_its_own_tagger() -> None:
    path = str(default_model_path())
    mine = load_tagger(path)
    assert load_tagger(path) is mine
    theirs: list[Any] = []
    t = threading.Thread(target=lambda: theirs.append(load_tagger(path)))
    t.start()
    t.join()
    assert theirs and theirs[0] is not mine


def test_extraction_in_parallel_threads_equals_serial() -> None:
    # Whole articles through every stage (NER and role CRFs with their marginals) in four threads at once.
    text = (ROOT / "examples" / "hasakah.txt").read_text(encoding="utf-8")
    paragraphs = [p for p in text.split("\n") if len(p.strip()) > 80] or [text]
    articles = [text, *paragraphs[:3]]

    def record(i: int) -> dict[str, Any]:
        return extract(articles[i % len(articles)], published="2015-04-19", id=f"a{i % len(articles)}").to_dict()

    serial = [record(i) for i in range(len(articles))]
    rounds = 2 * len(articles)
    for k, got in enumerate(_in_threads(record, n_threads=4, rounds=rounds)):
        assert got == [serial[(i + k) % rounds % len(articles)] for i in range(rounds)]
