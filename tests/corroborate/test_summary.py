"""What a cluster says: independent sources across copy groups, agreed date/place, conflicting claims."""

from __future__ import annotations

from khabar.corroborate.summary import summarize

from .conftest import ADEN, SANAA, report

SANA = ("وكالة الأنباء السورية سانا", "named")
LOCAL = ("مصادر محلية", "anonymous")


def _cluster():
    return [
        report("a1", outlet="aawsat", source=SANA, counts=(("killed", 27),), published="2015-07-21"),
        report("a2", outlet="alriyadh", source=SANA, counts=(("killed", 30),), published="2015-07-21"),
        report("a3", outlet="alyaum", source=LOCAL, counts=(("killed", 27),), dated=False, published="2015-07-22"),
        report("a4", outlet="okaz", source=LOCAL, published="2015-07-22", dated=False),  # copy of a3
        report("a5", outlet="alweeam", source=LOCAL, status="denied", published="2015-07-23", dated=False),
        report("a6", outlet="alwatan", published="2015-07-20"),  # no one cited: the outlet itself
    ]


def test_independent_sources_deduplicate_named_sources_and_copies() -> None:
    rec = summarize("cl-x", _cluster(), {"a3": "a3", "a4": "a3"})
    keys = [v["key"] for v in rec["independent_sources"]]
    # SANA once (two outlets); local sources of a3/a4 once (one copy group), of a5 once more; alwatan itself
    assert rec["independent_source_count"] == 4
    assert sum(k.startswith("named:") for k in keys) == 1
    assert sum(k.startswith("anonymous:") for k in keys) == 2
    assert rec["source_mix"] == {"named": 1, "anonymous": 2, "outlet": 1}
    assert rec["copy_groups"] == 5
    assert rec["outlets"] == ["aawsat", "alriyadh", "alwatan", "alweeam", "alyaum", "okaz"]


def test_earliest_report_date_and_place() -> None:
    rec = summarize("cl-x", _cluster(), {})
    assert rec["earliest"] == {"article": "a6", "outlet": "alwatan", "published": "2015-07-20"}
    assert rec["date"]["agreed"] == "2015-07-20" and rec["date"]["conflict"] is False
    assert rec["place"]["agreed"]["geonameid"] == SANAA["place_id"] and rec["place"]["level"] == "place"
    two = summarize("cl-y", [report("p", place=SANAA), report("q", place=ADEN, day="2015-07-21")], {})
    assert two["place"]["level"] == "country" and two["place"]["agreed"] == {"country": "YE"}
    assert two["date"]["agreed"] is None and two["date"]["from"] == "2015-07-20" and two["date"]["conflict"]


def test_conflicting_counts_keep_who_says_each_and_the_lowest_headline() -> None:
    rec = summarize("cl-x", _cluster(), {})
    (killed,) = rec["counts"]
    assert killed["of"] == "killed" and killed["conflict"] is True and killed["headline"] == 27
    assert [c["value"] for c in killed["claims"]] == [27, 30]
    assert {b["article"] for b in killed["claims"][0]["by"]} == {"a1", "a3"}
    assert killed["claims"][1]["by"][0]["source"] == SANA[0]


def test_conflicting_statuses() -> None:
    rec = summarize("cl-x", _cluster(), {})
    assert rec["statuses"]["conflict"] is True
    denied = next(c for c in rec["statuses"]["claims"] if c["status"] == "denied")
    assert denied["by"] == [{"article": "a5", "event": "ev1", "outlet": "alweeam", "source": LOCAL[0]}]
