import pytest

from khabar.errors import BinaryInputError, EmptyInputError, InputError, InputTooLargeError, NotArabicError
from khabar.input_checks import MAX_TEXT_BYTES, check_text, decode_bytes, parse_published


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
