"""Exception types raised by unvotes.

Every error names the bad value and says what would work. Lookup errors
subclass :class:`KeyError` (so ``except KeyError`` keeps working) and carry
``suggestions``, the closest valid keys.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = [
    "UnvotesError",
    "UnknownSymbolError",
    "AmbiguousSymbolError",
    "UnknownStateError",
    "AmbiguousStateError",
    "StateNotMemberError",
    "UnknownBlocError",
    "DataIntegrityError",
    "ArgumentError",
    "close_matches",
]


def close_matches(value: str, candidates: Iterable[str], n: int = 5, cutoff: float = 0.6) -> list[str]:
    """Return up to `n` candidates close to `value` (case-insensitive, difflib ratio)."""
    cands = list(dict.fromkeys(str(c) for c in candidates))
    upper = {c.upper(): c for c in cands}
    hits = difflib.get_close_matches(str(value).upper(), list(upper), n=n, cutoff=cutoff)
    return [upper[h] for h in hits]


class UnvotesError(Exception):
    """Base class of every error raised on purpose by unvotes."""


class _LookupError(UnvotesError, KeyError):
    """A key that was not found; ``str()`` gives the plain message (not KeyError's repr)."""

    def __init__(self, message: str, key=None, suggestions: Iterable[str] = ()):
        super().__init__(message)
        self.message = message
        self.key = key
        self.suggestions = list(suggestions)

    def __str__(self) -> str:  # KeyError would repr() the message
        return self.message


class UnknownSymbolError(_LookupError):
    """A resolution symbol or rcid that is not in the record."""


class AmbiguousSymbolError(_LookupError):
    """A resolution symbol shared by several roll calls (e.g. paragraph votes)."""


class UnknownStateError(_LookupError):
    """A state name or code that unvotes cannot resolve."""


class AmbiguousStateError(_LookupError):
    """A state name that matches several states ("Congo", "Korea", "Guinea")."""


class StateNotMemberError(_LookupError):
    """A state asked for on a date when it did not hold a UN seat."""


class UnknownBlocError(_LookupError):
    """A bloc id that is not in the bloc table."""


class DataIntegrityError(UnvotesError, ValueError):
    """Compiled or read data that break an invariant of the record."""


class ArgumentError(UnvotesError, TypeError, ValueError):
    """An argument of the wrong type or out of range, such as ``ideal_points(seed="abc")``.

    The message names the value as given and says what would work. It is
    also a :class:`TypeError` and a :class:`ValueError`, so code that catches
    either keeps working.
    """
