"""``event_page_counted`` (one query for a page and the total under a costly filter) gives exactly what
``event_page`` and ``count_events`` give, on every page, on both backends."""

from __future__ import annotations

import pytest

from khabar.store import Store
from khabar.store.query import EventFilter, count_events, event_page, event_page_counted, parse_bbox

from .test_query import filled  # noqa: F401  (the fixture: two stored articles with events)

FILTERS = [
    EventFilter(),
    EventFilter(types=("ASSAULT", "PROTEST")),
    EventFilter(countries=("SY",)),
    EventFilter(countries=("IQ",)),  # nothing matches
    EventFilter(admin1="Al-Hasakah"),
    EventFilter(bbox=parse_bbox("40,36,41,37")),
    EventFilter(place="الحسكه"),
    EventFilter(actor="داعش"),
    EventFilter(target="داعش"),
    EventFilter(source="مصدر"),
    EventFilter(source_kind="named"),
    EventFilter(source_kind="outlet"),
    EventFilter(outlet="saudi press agency"),
    EventFilter(outlet="الشرق الأوسط", statuses=("denied",)),
    EventFilter(countries=("SY",), since="2015-07"),
]


@pytest.mark.parametrize("flt", FILTERS, ids=[repr(f)[:60] for f in FILTERS])
@pytest.mark.parametrize("limit", [1, 2, 10])
def test_pages_and_totals_agree(filled: Store, flt: EventFilter, limit: int) -> None:  # noqa: F811
    total = count_events(filled, flt)
    after = None
    for _ in range(10):
        want = event_page(filled, flt, limit=limit, after=after)
        got, got_total = event_page_counted(filled, flt, limit=limit, after=after)
        assert got == want and got_total == total
        if not want:
            break
        last = want[-1]
        after = (last.day, last.article_id, last.seq)
    else:
        pytest.fail("the pages did not end")
