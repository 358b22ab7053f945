"""Read a press-compiled vote list (one row per Member State): :func:`read_press_list`.

For recorded votes that no machine-readable source carries, ``datasets/raw/press-compiled``
holds country lists compiled from press releases and news reports (their sources are named in
that folder's README.md). They are a lower grade of provenance than the official feeds: the
record keeps their ``source`` flag (``"press"``).
"""

from __future__ import annotations

import os

import pandas as pd

from .files import _check_path
from .errors import MissingColumnsError, UnknownVoteCodeError

__all__ = ["read_press_list", "PRESS_VOTES"]

#: The vote values a press list may hold.
PRESS_VOTES = ("yes", "no", "abstain", "absent")


def read_press_list(path: str | os.PathLike) -> pd.DataFrame:
    """Read a press-compiled list of ``country,vote`` rows.

    Parameters
    ----------
    path : str or path-like
        A CSV (UTF-8) with columns ``country`` (a Member State's name as the press spells
        it) and ``vote`` (one of ``yes``, ``no``, ``abstain``, ``absent``).

    Returns
    -------
    pandas.DataFrame
        Columns ``country`` and ``vote`` (str), one row per line of the file, in file order.

    Raises
    ------
    FileNotFoundError
        If `path` does not exist.
    MissingColumnsError
        If the header lacks ``country`` or ``vote``.
    UnknownVoteCodeError
        If a vote is not one of :data:`PRESS_VOTES` (the message names the line and the value).

    Examples
    --------
    >>> press = read_press_list("datasets/raw/press-compiled/es10_23.csv")
    >>> len(press), press["vote"].value_counts().to_dict()
    (193, {'yes': 143, 'abstain': 25, 'absent': 16, 'no': 9})
    """
    p = _check_path(path)
    df = pd.read_csv(p, dtype=str, keep_default_na=False)
    missing = [c for c in ("country", "vote") if c not in df.columns]
    if missing:
        raise MissingColumnsError(f"{p}: a press list needs the columns 'country' and 'vote'; the header "
                                  f"(line 1) lacks {missing} and has {list(df.columns)[:10]}",
                                  path=p, line=1, column=missing[0])
    bad = ~df["vote"].isin(PRESS_VOTES)
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        raise UnknownVoteCodeError(f"{p}: vote {df['vote'].iat[i]!r} on line {i + 2} is not one of "
                                   f"{', '.join(PRESS_VOTES)}", path=p, line=i + 2, column="vote")
    return df
