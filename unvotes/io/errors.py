"""The errors of the readers: a file that cannot be read as a voting release."""

from __future__ import annotations

from ..errors import UnvotesError

__all__ = ["ReadError", "MissingColumnsError", "UnknownSchemaError", "UnknownVoteCodeError", "EmptyFileError",
           "CorruptFileError", "HTMLFileError", "AmbiguousDateError", "FileTooLargeError"]


class ReadError(UnvotesError, ValueError):
    """A file that cannot be read as a voting release.

    Attributes ``path``, ``line`` (1-based file line, header = 1, or None) and
    ``column`` (or None) locate the problem; the message says what was expected.
    """

    def __init__(self, message: str, *, path=None, line=None, column=None):
        super().__init__(message)
        self.path = None if path is None else str(path)
        self.line = line
        self.column = column


class MissingColumnsError(ReadError):
    """A recognised release whose header lacks a required column."""


class UnknownSchemaError(ReadError):
    """A table whose header matches no release schema unvotes knows."""


class UnknownVoteCodeError(ReadError):
    """A vote code outside the release's vocabulary."""


class EmptyFileError(ReadError):
    """A file with no bytes, or a header and no data rows."""


class CorruptFileError(ReadError):
    """A truncated or damaged gzip or zip file, or a CSV that does not parse."""


class HTMLFileError(ReadError):
    """An HTML page (an error or login page) saved under a data file's name."""


class AmbiguousDateError(ReadError):
    """Dates written with numbers only (``03/04/2025``), which read differently day first and month first.

    unvotes reads ISO 8601 dates (``2025-03-04``) and dates with month names without being told;
    for a numbers-only form, pass the readers' ``date_format`` (``"%m/%d/%Y"`` or ``"%d/%m/%Y"``).
    The rule is that of :func:`unvotes.record._dates.numeric_date_readings`, also used by
    ``VotingRecord.select``.
    """


class FileTooLargeError(ReadError):
    """A compressed file that expands beyond ``unvotes.io.files.MAX_UNCOMPRESSED_BYTES`` (a gzip or zip bomb)."""
