import random

import pytest

from khabar.intervals import SpanIndex


@pytest.mark.parametrize(
    ("spans", "query", "hit"),
    [
        ([(0, 5)], (5, 8), False),
        ([(0, 5)], (4, 8), True),
        ([(10, 40), (12, 13)], (30, 31), True),  # a long span found from far after its start
        ([(10, 12)], (0, 10), False),
        ([(5, 5)], (3, 8), True),  # an empty span inside, as Span.overlaps has it
        ([], (0, 1), False),
    ],
)
def test_span_index(spans: list[tuple[int, int]], query: tuple[int, int], hit: bool) -> None:
    assert SpanIndex(spans).overlaps(*query) is hit


def test_span_index_agrees_with_the_linear_scan() -> None:
    rng = random.Random(3)
    for _ in range(200):
        spans = [(s, s + rng.randint(0, 30)) for s in (rng.randint(0, 300) for _ in range(rng.randint(0, 40)))]
        index = SpanIndex(spans)
        for _ in range(20):
            s = rng.randint(0, 320)
            e = s + rng.randint(0, 20)
            assert index.overlaps(s, e) == any(a < e and s < b for a, b in spans)
