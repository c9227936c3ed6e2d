"""The type model's grouping of training rows (the byte-for-byte retrain is in test_happening_training.py)."""

from __future__ import annotations


def test_groups_need_enough_changes() -> None:
    from khabar.training.happening import Row
    from khabar.training.retype import MIN_CHANGES, group_rows

    def row(i: int, kind: str) -> Row:
        return Row(f"snn{i}-1", i, False, True, kind, "COERCE", None, {"with=ASSAULT": 1.0})

    few = [row(i, "ASSAULT") for i in range(MIN_CHANGES - 1)] + [row(100 + i, "COERCE") for i in range(20)]
    assert group_rows(few) == {}
    enough = [*few, row(200, "ASSAULT")]
    classes, rows = group_rows(enough)["COERCE"]
    assert classes == ["ASSAULT", "COERCE"] and len(rows) == len(enough)
