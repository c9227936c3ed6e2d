import os
from pathlib import Path

import pytest

from khabar.errors import BinaryInputError, EmptyInputError, InputError, InputTooLargeError, NotArabicError
from khabar.input_checks import MAX_TEXT_BYTES, check_text, decode_bytes, not_a_file, parse_published


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"\x00\x01\x02binary", BinaryInputError),
        (b"\xff\xfe\xfa invalid", BinaryInputError),
        (b"x" * (MAX_TEXT_BYTES + 1), InputTooLargeError),
    ],
)
def test_decode_bytes_rejects(data: bytes, error: type[Exception]) -> None:
    with pytest.raises(error):
        decode_bytes(data)


def test_decode_bytes_accepts_bom() -> None:
    assert decode_bytes("\ufeffقال".encode()) == "قال"


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", EmptyInputError),
        ("   \n ", EmptyInputError),
        ("The minister said.", NotArabicError),
        ("ok ب", NotArabicError),
    ],
)
def test_check_text_rejects(text: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        check_text(text)


def test_check_text_accepts_mixed() -> None:
    assert check_text("قال مسؤول في ISIS إن")


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2015-07-21", "2015-07-21"),
        ("2015-07-21 02:51:32", "2015-07-21"),
        ("2015-07-21T02:51:32Z", "2015-07-21"),
        (None, None),
    ],
)
def test_parse_published(value: str | None, iso: str | None) -> None:
    d = parse_published(value)
    assert (d.isoformat() if d else None) == iso


def test_parse_published_rejects_garbage() -> None:
    with pytest.raises(InputError):
        parse_published("yesterday")


def test_stray_control_character_is_tolerated() -> None:
    # SaudiNewsNet articles contain an occasional U+001A.
    assert check_text("دعا المرجع الديني إلى تدويل قضية العراق\x1a وإخراج إيران")


def test_many_control_characters_are_binary() -> None:
    with pytest.raises(BinaryInputError):
        check_text("قال" + "\x01\x02\x03" * 10)


def test_presentation_forms_count_as_arabic() -> None:
    # "قال المرصد" as a PDF copy gives it: contextual presentation forms (U+FE70-U+FEFC), not letters.
    pdf = "\ufed7\ufe8e\ufedd \ufe8d\ufedf\ufee4\ufeae\ufebb\ufeaa"
    assert check_text(pdf) == pdf
    with pytest.raises(NotArabicError):
        check_text("The minister said \ufed7\ufe8e\ufedd yesterday in a long statement.")


# Issue 15: UTF-16/UTF-32 with a byte order mark were "binary data"; without one they are named as UTF-16.
@pytest.mark.parametrize("codec", ["utf-16", "utf-32", "utf-16-be", "utf-32-be", "utf-16-le", "utf-32-le"])
def test_decode_bytes_reads_utf16_and_utf32_with_their_bom(codec: str) -> None:
    text = "قال مصدر عسكري إن 12 شخصا قتلوا في الحسكة."
    boms = {"utf-16-be": b"\xfe\xff", "utf-32-be": b"\x00\x00\xfe\xff", "utf-16-le": b"\xff\xfe",
            "utf-32-le": b"\xff\xfe\x00\x00"}
    assert decode_bytes(boms.get(codec, b"") + text.encode(codec)) == text


@pytest.mark.parametrize(("codec", "order"), [("utf-16-le", "LE"), ("utf-16-be", "BE")])
def test_utf16_without_bom_is_named(codec: str, order: str) -> None:
    with pytest.raises(BinaryInputError, match=f"UTF-16 {order} text without a byte order mark"):
        decode_bytes("قال مصدر إن 12 شخصا قتلوا".encode(codec))


def test_truncated_utf16_is_an_error_not_garbage() -> None:
    with pytest.raises(BinaryInputError, match="not valid UTF-16"):
        decode_bytes(b"\xff\xfe" + "قال".encode("utf-16-le") + b"\x00\xd8")  # a lone high surrogate at the end


def test_lone_surrogate_in_text_is_bad_input() -> None:
    with pytest.raises(BinaryInputError, match="lone surrogate U\\+D800"):
        check_text("قال مصدر عسكري \ud800 في الحسكة")


def test_not_a_file_names_directories_and_fifos(tmp_path: Path) -> None:
    assert not_a_file(tmp_path) is not None and "is a directory" in str(not_a_file(tmp_path))
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert "is a FIFO (named pipe)" in str(not_a_file(fifo))
    assert "no such file" in str(not_a_file(tmp_path / "missing.txt"))
    (tmp_path / "a.txt").write_text("قال", encoding="utf-8")
    assert not_a_file(tmp_path / "a.txt") is None
