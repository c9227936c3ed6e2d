"""``khabar.jsonlines``: every line is a value or a RecordError with its line number; no line ends the reading."""

from __future__ import annotations

import io

import pytest

from khabar.errors import RecordError
from khabar.jsonlines import json_lines, parse_line


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"text": "\\ud800"}', "lone surrogate escape (\\ud800)"),
        ('{"text": "a\\udfff"}', "lone surrogate escape (\\udfff)"),
        ('["x", {"k": "\\udbff"}]', "lone surrogate escape (\\udbff)"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"n": ' + "1" * 5000 + "}", "a number too long"),
        ("{oops", "invalid JSON"),
    ],
)
def test_bad_lines_are_record_errors(line: str, message: str) -> None:
    with pytest.raises(RecordError, match=r"^line 7: ") as info:
        parse_line(line, 7)
    assert message in str(info.value)


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ('{"text": "\\ud83d\\ude00"}', {"text": "\U0001f600"}),  # a surrogate pair is one character
        ('{"n": 1e999}', {"n": float("inf")}),
        ('{"t": "\\\\ud800"}', {"t": "\\ud800"}),  # an escaped backslash, not an escape
    ],
)
def test_good_lines_parse(line: str, value: object) -> None:
    assert parse_line(line) == value


def test_reading_goes_on_after_a_bad_line() -> None:
    stream = io.StringIO('{"a": 1}\n' + "[" * 50_000 + "\n\n" + '{"b": "\\ud800"}\n{"c": 3}\n')
    out = list(json_lines(stream))
    assert [n for n, _ in out] == [1, 2, 4, 5]
    assert isinstance(out[1][1], RecordError) and isinstance(out[2][1], RecordError)
    assert out[3][1] == {"c": 3}
