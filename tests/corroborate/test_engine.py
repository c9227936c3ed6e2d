"""Pair conflicts, blocking and the incremental, chaining-free clustering."""

from __future__ import annotations

import pytest

from khabar.corroborate.engine import MAX_SPAN, Clusterer, ClusterParams, cluster_id, report_order
from khabar.corroborate.pairs import FEATURES, compatible, conflict, family, features, model
from khabar.ontology import event_types

from .conftest import ADEN, SANAA, report


def test_packaged_weights_match_the_features() -> None:
    m = model()
    assert tuple(m["features"]) == FEATURES
    assert len(m["weights"]) == len(FEATURES)
    assert 0 < float(m["threshold"]) < 1


def test_compatible_types_are_data_and_symmetric() -> None:
    assert compatible("ASSAULT", "ASSAULT")
    assert compatible("ASSAULT", "COERCE") and compatible("COERCE", "ASSAULT")
    assert compatible("CONSULT", "AGREE")
    assert not compatible("ASSAULT", "AGREE")
    assert set(family(t) for t in event_types()) >= {family("ASSAULT"), family("CONSULT")}
    assert family("ASSAULT") == family("RETREAT") == family("COERCE") != family("AGREE")


@pytest.mark.parametrize(
    ("a", "b", "why"),
    [
        (report("a"), report("b", type="AGREE"), "type"),
        (report("a", "2015-07-20"), report("b", "2015-07-25"), "date"),
        (report("a", place=SANAA), report("b", place=ADEN), "place"),
        (report("a"), report("b", "2015-07-21"), None),
        (report("a", place=SANAA), report("b", place={"country": "YE", "geo_precision": "country",
                                                         "place_id": 69543, "lat": 15.5, "lon": 47.5}), None),
    ],
)
def test_hard_conflicts(a, b, why) -> None:
    assert conflict(a, b) == why


def test_features_see_shared_place_words_and_counts() -> None:
    a = report("a", counts=(("killed", 27),))
    b = report("b", counts=(("killed", 30),))
    c = report("c", counts=(("killed", 100),), words="مظاهره ساحه التغيير")
    fa = dict(zip(FEATURES, features(a, b), strict=True))
    fc = dict(zip(FEATURES, features(a, c), strict=True))
    assert fa["same_place"] == 1.0 and fa["count_agree"] == 1.0 and fa["word_jaccard"] == 1.0
    assert fc["count_differ"] == 1.0 and fc["word_jaccard"] == 0.0


def test_reports_of_one_happening_cluster_and_a_different_one_does_not() -> None:
    cl = Clusterer()
    reps = [report("a"), report("b", "2015-07-21", dated=False), report("c"),
            report("d", place=ADEN, words="اشتباكات المقاومه الشعبيه مطار عدن")]
    cids = {r.article: cl.add(r) for r in sorted(reps, key=report_order)}
    assert cids["a"] == cids["b"] == cids["c"] == cluster_id("a/ev1")
    assert cids["d"] != cids["a"]


def test_no_chaining_across_a_conflict() -> None:
    # A (20th, explicit) ~ B (undated, published 22nd) ~ C (23rd, explicit); A and C conflict on the date
    cl = Clusterer(ClusterParams(threshold=0.01, top=1))
    a = report("a", "2015-07-20")
    b = report("b", "2015-07-22", dated=False)
    c = report("c", "2015-07-24")
    assert conflict(a, c) == "date" and conflict(a, b) is None and conflict(b, c) is None
    ca, cb, cc = cl.add(a), cl.add(b), cl.add(c)
    assert ca == cb
    assert cc != ca


def test_clustering_is_deterministic_and_incremental() -> None:
    reps = sorted([report(x, d) for x, d in (("a", "2015-07-20"), ("b", "2015-07-20"), ("c", "2015-07-21"),
                                            ("d", "2015-08-02"), ("e", "2015-08-02"))], key=report_order)
    one = Clusterer()
    one.add_all(reps)
    two = Clusterer()
    two.add_all(reps[:3])
    before = dict(two.of)
    two.add_all(reps[3:])
    assert {k: v for k, v in two.of.items() if k in before} == before  # old assignments never change
    assert one.of == two.of
    restored = Clusterer()
    for r in reps[:3]:
        restored.restore(one.of[r.key], r)
    restored.add_all(reps[3:])
    assert restored.of == one.of


def test_vague_report_stays_alone() -> None:
    cl = Clusterer(ClusterParams(threshold=0.01))
    a = cl.add(report("a"))
    vague = report("v", lo=report("v").lo - MAX_SPAN - 5, dated=False)
    assert cl.add(vague) != a
    assert cl.candidates(report("z")) == [a]


def test_blocking_by_family_and_country() -> None:
    cl = Clusterer(ClusterParams(threshold=0.01))
    a = cl.add(report("a"))
    assert cl.candidates(report("b", type="AGREE")) == []
    assert cl.candidates(report("b", place={"country": "SY", "geo_precision": "country"})) == []
    assert cl.candidates(report("b", "2015-07-30")) == []
    assert cl.candidates(report("b", "2015-07-21")) == [a]


# Suruç, 20 July 2015: a bombing reported by ten outlets (a big cluster), and the killing of two policemen in
# Ceylanpınar two days later, in the same province; two of the bombing's articles are round-ups that tell both.
SURUC = {"place_id": 300796, "place_text": "سروج", "country": "TR", "admin1": "Sanliurfa", "geo_precision": "city",
         "lat": 36.98, "lon": 38.42}
CEYLANPINAR = {"place_text": "مدينه جيلان", "country": "TR"}  # the town is not in the gazetteer: no coordinates
BOMBING = "انفجار انتحاري مركز ثقافي سروج حدود سوريا قتلى جرحى داخليه تركيه"
ROUNDUP = BOMBING + " مقتل شرطيين جيلان حزب العمال الكردستاني رصاصه"
POLICE = "مقتل شرطيين منزلهما مدينه جيلان حزب العمال الكردستاني رصاصه راس ردا سروج"


def _suruc_cluster(cl: Clusterer) -> str:
    reps = [report(f"s{i:02d}", "2015-07-20", place=SURUC, words=BOMBING, counts=(("killed", 27 + i % 3),),
                   published="2015-07-21") for i in range(8)]
    reps += [report(f"r{i}", "2015-07-20", place=SURUC, words=ROUNDUP, counts=(("killed", 32),),
                    published="2015-07-22") for i in range(2)]
    cids = {cl.add(r) for r in sorted(reps, key=report_order)}
    assert len(cids) == 1
    return cids.pop()


def test_a_neighbouring_happening_does_not_join_a_big_cluster() -> None:
    police = report("p", "2015-07-22", place=CEYLANPINAR, words=POLICE, counts=(("killed", 2),),
                    published="2015-07-23")
    member = report("m", "2015-07-20", place=SURUC, words="تفجير انتحاري سروج مركز ثقافي قتلى داعش",
                    counts=(("killed", 30),), published="2015-07-23", seq=1)
    cl = Clusterer()
    suruc = _suruc_cluster(cl)
    assert cl.params.share > 0
    assert conflict(police, cl.clusters[suruc].members[0]) is None  # nothing rules it out pair by pair ...
    assert cl.add(police) != suruc  # ... but it resembles only the two round-ups, not the cluster
    assert cl.add(member) == suruc  # a true report of the bombing still joins
    # the old rule (best `top` matches only) let the round-ups pull it in
    loose = Clusterer(ClusterParams(threshold=cl.params.threshold, top=2, share=0.0))
    suruc = _suruc_cluster(loose)
    assert loose.add(police) == suruc


def test_share_counts_articles_not_events() -> None:
    # an article with many events in the cluster is one article agreeing, not many
    cl = Clusterer(ClusterParams(threshold=0.01, top=1, share=0.5, support=0.5))
    many = [report("a", "2015-07-20", event=f"ev{i}", seq=i, place=SURUC, words=ROUNDUP) for i in range(5)]
    cid = {cl.add(r) for r in many}
    assert len(cid) == 1
    for x in ("b", "c", "d"):
        assert cl.add(report(x, "2015-07-20", place=SURUC, words=BOMBING)) in cid
    # matches only article a's five events: one article of four
    assert cl.add(report("p", "2015-07-20", place=CEYLANPINAR, words=POLICE)) not in cid
