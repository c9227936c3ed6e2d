"""One exception hierarchy for khabar; each error carries the CLI exit code documented in the README."""

from __future__ import annotations

# A run that went on past inputs it could not process (``ingest``, ``extract --jsonl --skip-bad``): the others were
# processed, each failure was reported with its line or origin, and the exit code says that not all went through.
EXIT_SOME_INPUTS_FAILED = 9


class KhabarError(Exception):
    """Base class of every error khabar raises on purpose."""

    exit_code = 1


class UsageError(KhabarError):
    """The command line asks for something contradictory or incomplete (options that exclude each other,
    a bad filter value): exit 2, as Click's own usage errors."""

    exit_code = 2


class InputError(KhabarError):
    """The input cannot be processed: empty, not Arabic, binary, invalid UTF-8 or too large."""

    exit_code = 3


class EmptyInputError(InputError):
    """The article has no text."""


class NotArabicError(InputError):
    """The article has too little Arabic text to be an Arabic news report."""


class BinaryInputError(InputError):
    """The input is binary or not valid UTF-8."""


class InputTooLargeError(InputError):
    """The article is larger than ``MAX_TEXT_BYTES``."""


class OutputError(KhabarError):
    """An output file cannot be written: a directory, a missing folder, no permission, a full disk."""

    exit_code = 3


class RecordError(KhabarError):
    """A line of a JSONL input is malformed (bad JSON, no text field …)."""

    exit_code = 4

    def __init__(self, message: str, *, line: int | None = None) -> None:
        self.line = line
        super().__init__(f"line {line}: {message}" if line is not None else message)


class PipelineError(KhabarError):
    """A pipeline was built with stages whose requirements are not met, or an unknown stage."""

    exit_code = 5


class ResourceError(KhabarError):
    """A packaged data file or model is missing or broken."""

    exit_code = 6


class StoreError(KhabarError):
    """The database cannot be opened, migrated or written."""

    exit_code = 7


class EvalDataMissingError(KhabarError):
    """Gold files refer to article text in the shared data folder, which is absent (exit 77: skipped)."""

    exit_code = 77
