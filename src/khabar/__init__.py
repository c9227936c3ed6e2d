"""khabar: Arabic news reports to structured, source-attributed event data."""

from khabar.about import __version__
from khabar.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    KhabarError,
    NotArabicError,
    PipelineError,
    RecordError,
    ResourceError,
    StoreError,
)
from khabar.extract import extract, make_document
from khabar.model import (
    Argument,
    Document,
    Entity,
    Event,
    Geo,
    Quantity,
    Sentence,
    Source,
    Span,
    TimeValue,
    Token,
)
from khabar.pipeline import DEFAULT_STAGES, Pipeline, Stage, register_stage

__all__ = [
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
]


def __getattr__(name: str) -> object:
    # khabar.corroborate (copies and same-event clusters) is a callable package, imported on first use
    if name == "corroborate":
        import importlib

        return importlib.import_module("khabar.corroborate")
    raise AttributeError(f"module 'khabar' has no attribute {name!r}")
