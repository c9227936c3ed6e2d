"""The curated public API is a contract: this test changes only on purpose."""

import khabar

EXPECTED = {
    "DEFAULT_STAGES",
    "Argument",
    "BinaryInputError",
    "Document",
    "EmptyInputError",
    "Entity",
    "Event",
    "Geo",
    "InputError",
    "InputTooLargeError",
    "KhabarError",
    "NotArabicError",
    "Pipeline",
    "PipelineError",
    "Quantity",
    "RecordError",
    "ResourceError",
    "Sentence",
    "Source",
    "Span",
    "Stage",
    "StoreError",
    "TimeValue",
    "Token",
    "__version__",
    "corroborate",
    "extract",
    "make_document",
    "register_stage",
}


def test_all_is_curated() -> None:
    assert set(khabar.__all__) == EXPECTED
    for name in khabar.__all__:
        assert hasattr(khabar, name)


def test_errors_share_one_base() -> None:
    for name in khabar.__all__:
        obj = getattr(khabar, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, khabar.KhabarError)
