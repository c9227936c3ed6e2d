import pytest

from khabar.arabic.normalize import arabic_ratio, normalize, normalize_with_map, strip_clitics


@pytest.mark.parametrize(
    ("raw", "norm"),
    [
        ("أحمد", "احمد"),
        ("إبراهيم", "ابراهيم"),
        ("آلاف", "الاف"),
        ("مصطفى", "مصطفي"),
        ("الحسكة", "الحسكه"),
        ("مُحَمَّد", "محمد"),
        ("الــقامشلي", "القامشلي"),
        ("١٢ ألفاً", "12 الفا"),
        ("۱۳ نیسان", "13 نيسان"),
        ("ISIS", "isis"),
    ],
)
def test_normalize(raw: str, norm: str) -> None:
    assert normalize(raw) == norm


def test_normalize_map_points_back_to_original() -> None:
    text = "قُتِلَ ١٢ مُسلّحاً في الـحسكة"
    norm, offsets = normalize_with_map(text)
    i = norm.index("الحسكه")
    start, end = offsets[i], offsets[i + len("الحسكه")]
    assert text[start:end] == "الـحسكة"
    assert len(offsets) == len(norm) + 1


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("والقامشلي", "قامشلي"),
        ("بالحسكه", "حسكه"),
        ("للحسكه", "حسكه"),
        ("لتحالف", "تحالف"),
        ("وبغداد", "بغداد"),
        ("فالمالكيه", "مالكيه"),
        ("كالعاده", "عاده"),
    ],
)
def test_strip_clitics_offers_stem(word: str, stem: str) -> None:
    stems = [s for _, s in strip_clitics(word)]
    assert stem in stems
    assert stems[0] == word  # the whole word is always tried first


def test_strip_clitics_keeps_minimum_stem() -> None:
    assert all(len(s) >= 2 for _, s in strip_clitics("وال"))


def test_arabic_ratio() -> None:
    n, share = arabic_ratio("قال المصدر hello")
    assert n == 9 and 0.6 < share < 0.7


def _map_by_char(text: str) -> tuple[str, list[int]]:
    from khabar.arabic.normalize import _normalize_with_map_by_char

    return _normalize_with_map_by_char(text)


def _ratio_by_char(text: str) -> tuple[int, float]:
    from khabar.arabic.normalize import is_arabic_letter, is_presentation_letter

    letters = [ch for ch in text if ch.isalpha()]
    arabic = sum(1 for ch in letters if is_arabic_letter(ch) or is_presentation_letter(ch))
    return arabic, (arabic / len(letters) if letters else 0.0)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "قالَ مُحَمَّدٌ: إنّ الأمم المتحدة ـــ أعلنت ١٢ قتيلاً",
        "ΣΟΦΙΑ ΟΔΟΣ",  # a final sigma (the character loop lowers each letter alone)
        "İstanbul DİYARBAKIR",  # a letter whose lower case is two characters
        "ﻻ ﺍﻟﻠﻪ ﷲ ﹰ ¹ ½ x_y ٣٤",  # presentation forms (letters and a mark), numbers that are no letters
        "plain text without Arabic",
    ],
)
def test_single_pass_normalize_with_map_and_arabic_ratio_equal_the_character_loop(text: str) -> None:
    from khabar.arabic.normalize import arabic_ratio, normalize_with_map

    assert normalize_with_map(text) == _map_by_char(text)
    assert arabic_ratio(text) == _ratio_by_char(text)


def test_every_character_of_the_arabic_letter_ranges_is_a_letter() -> None:
    from khabar.arabic.normalize import is_arabic_letter

    assert all(chr(o).isalpha() for o in range(0x0600, 0x0700) if is_arabic_letter(chr(o)))
