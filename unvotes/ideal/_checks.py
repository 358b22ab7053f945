"""Validation of the inputs of :mod:`unvotes.ideal` (private).

Every check raises an exception of a documented type that names the bad
value as the caller wrote it and says what would work.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import ArgumentError, UnknownStateError, close_matches

__all__ = ["ISSUES", "as_matrix", "check_anchor", "check_arguments", "check_issue"]

#: Issue codes accepted by ``ideal_points(issue=...)``: Voeten's flags and ``important``.
ISSUES = ("me", "nu", "di", "hr", "co", "ec", "important")


def _is_int(v) -> bool:
    return isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_))


def check_arguments(record, *, by, model, dynamic, dims, min_votes, lop, evolution_var, beta_var, seed, n_boot,
                    tol, max_iter, progress) -> None:
    """The argument checks of :func:`unvotes.ideal_points` (everything but the
    issue codes and the anchor, which need the data)."""
    if by not in ("session", "year"):
        raise ValueError(f'`by` must be "session" or "year", got {by!r}')
    if model not in ("ordinal", "binary"):
        raise ValueError(f'`model` must be "ordinal" or "binary", got {model!r}')
    if not isinstance(dynamic, (bool, np.bool_)):
        raise TypeError(f"`dynamic` must be True or False, got {dynamic!r}")
    if not _is_int(dims) or dims not in (1, 2):
        raise ArgumentError(f"`dims` must be 1 or 2 (dimensions of the ideal points), got {dims!r}")
    if dims > 1 and _is_int(n_boot) and n_boot > 0:
        raise ArgumentError(f"the parametric bootstrap (n_boot={n_boot!r}) is available for dims=1 only; "
                            "pass n_boot=0 with dims=2")
    if not _is_int(min_votes) or min_votes < 0:
        raise ValueError(f"`min_votes` must be a non-negative integer, got {min_votes!r}")
    if not isinstance(lop, (int, float)) or not 0 <= lop < 0.5:
        raise ValueError(f"`lop` must be a minority share in [0, 0.5) such as 0.025, got {lop!r}")
    for name, val in (("evolution_var", evolution_var), ("beta_var", beta_var), ("tol", tol)):
        if not isinstance(val, (int, float)) or not val > 0:
            raise ValueError(f"`{name}` must be a positive number, got {val!r}")
    if not _is_int(seed) or seed < 0:
        raise ArgumentError(
            f"`seed` must be a non-negative integer such as 0 or 2024 (it seeds numpy's default_rng), "
            f"got {seed!r}"
        )
    if not _is_int(n_boot) or n_boot < 0 or n_boot == 1:
        raise ValueError(f"`n_boot` must be 0 (no bootstrap) or an integer >= 2, got {n_boot!r}")
    if not _is_int(max_iter) or max_iter < 1:
        raise ValueError(f"`max_iter` must be a positive integer, got {max_iter!r}")
    if not (progress in ("auto", True, False, None) or callable(progress)):
        raise ValueError(f'`progress` must be "auto", True, False or a callable, got {progress!r}')
    if isinstance(record, pd.DataFrame) or not (hasattr(record, "matrix") and hasattr(record, "roll_calls")):
        raise TypeError(
            "`record` must be a VotingRecord (unvotes.load(), or record.select(...)), "
            f"got {type(record).__name__}; it needs the roll calls' sessions and dates"
        )


def check_issue(issue) -> list[str]:
    """The issue codes of ``issue`` (a code or a sequence of codes) as a list."""
    codes = [issue] if isinstance(issue, str) else list(issue)
    bad = [c for c in codes if c not in ISSUES]
    if bad or not codes:
        raise ValueError(f"unknown issue code(s) {bad or codes!r}; use any of {list(ISSUES)}")
    return codes


def as_matrix(votes) -> pd.DataFrame:
    """A vote-code matrix (rcid x state) from a VotingRecord or a DataFrame."""
    if isinstance(votes, pd.DataFrame):
        m = votes
    elif hasattr(votes, "matrix") and callable(votes.matrix):
        m = votes.matrix()
    else:
        raise TypeError(
            "`votes` must be a VotingRecord (unvotes.load()) or a vote matrix DataFrame "
            f"(record.matrix(): rows roll calls, columns states, codes 1/2/3/8/9), got {type(votes).__name__}"
        )
    vals = m.to_numpy()
    if not np.issubdtype(vals.dtype, np.integer):
        raise TypeError(
            "the vote matrix must hold integer vote codes (1 yes, 2 abstain, 3 no, 8 absent, 9 non_member), "
            f"got dtype {vals.dtype}"
        )
    bad = ~np.isin(vals, [1, 2, 3, 8, 9])
    if bad.any():
        raise ValueError(
            f"vote codes must be 1, 2, 3, 8 or 9; found {sorted(set(vals[bad].tolist()))[:5]}"
        )
    return m


def check_anchor(anchor, states):
    """Position of the ``anchor`` state (a name, ISO3 code in any case or COW number) in ``states``, or None.

    Raises
    ------
    TypeError
        For an anchor that is not a str or int.
    UnknownStateError
        For a name or code that names no state (with suggestions), or a state with no vote in the data.
    """
    from ..record.states import resolve_states

    if anchor is None:
        return None
    if isinstance(anchor, bool) or not isinstance(anchor, (str, int, np.integer)):
        raise TypeError(f"`anchor` must be a state (a name, an ISO3 code such as 'USA' or a COW number) or None, "
                        f"got {anchor!r}")
    states = list(states)
    if isinstance(anchor, str) and anchor in states:  # a label as given (also the labels of classical_mds)
        return states.index(anchor)
    if isinstance(anchor, str) and anchor.strip().upper() in states:  # ISO3 codes in any case
        return states.index(anchor.strip().upper())
    code = resolve_states(anchor, among=states, param="anchor")[0]  # "United States", 2 -> "USA"
    if code not in states:
        sug = close_matches(code, states, cutoff=0.5)
        raise UnknownStateError(
            f"anchor state {anchor!r} ({code}) has no votes in the data being scaled; pass anchor= one of the "
            f"states that voted (close codes: {sug}) or anchor=None for an arbitrary sign",
            key=anchor,
            suggestions=sug,
        )
    anchor = code
    return states.index(anchor)
