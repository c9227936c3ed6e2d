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
