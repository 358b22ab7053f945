"""The binary store of the compiled votes: a roll-call x state int8 matrix (``votes.npz``).

The record's votes, 1.1 million (rcid, state, vote) rows, are a 6,992 x 202 matrix of Voeten's
codes (1 yes, 2 abstain, 3 no, 8 absent, 9 not a Member: no row), 1.4 MB as int8. The build
(``unvotes.io.compilation.write_compiled``) writes it beside ``votes.csv.gz`` (the readable,
citable table, which stays the reference: both carry their sha256 in ``catalogue.json``);
:func:`unvotes.load` reads it and builds the long table from it, about 10x faster than parsing
the gzipped CSV (``benchmarks/bench_load.py`` measures both, and Parquet).

Format: an uncompressed zip (``numpy.load`` reads it as an ``.npz``) of three ``.npy`` arrays,
``matrix`` (int8, rows = ``rcid`` ascending, columns = ``state``), ``rcid`` (int64) and
``state`` (ISO3, unicode), each zip entry dated 1980-01-01 so that the bytes depend on the
votes only (a rebuild is byte-identical). This module is the only one that knows the format.
"""

from __future__ import annotations

import io
import zipfile
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..errors import DataIntegrityError
from .codes import NON_MEMBER, VOTE_CODES, VOTE_DTYPE

__all__ = ["votes_store_bytes", "read_votes_store", "read_store", "long_votes", "VotesStore"]

_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def votes_store_bytes(votes: pd.DataFrame) -> bytes:
    """The store of a votes table (``rcid``, ``state``, ``vote`` labels; one row per pair).

    Raises
    ------
    ValueError
        If a (rcid, state) pair repeats, or a vote is not a label of VOTE_DTYPE other than
        ``non_member`` (which the store writes as 9, "no row").
    """
    if votes.duplicated(["rcid", "state"]).any():
        raise ValueError("the votes table repeats a (rcid, state) pair; the store holds one vote per pair")
    rcid, ri = np.unique(votes["rcid"].to_numpy(dtype="int64"), return_inverse=True)
    states, ci = np.unique(votes["state"].astype(str).to_numpy(dtype=str), return_inverse=True)
    labels = votes["vote"].astype(str)
    bad = ~labels.isin([k for k in VOTE_CODES if k != "non_member"])
    if bad.any():
        raise ValueError(f"vote {labels[bad].iloc[0]!r} cannot be stored; expected yes, abstain, no or absent")
    matrix = np.full((len(rcid), len(states)), NON_MEMBER, dtype=np.int8)
    matrix[ri, ci] = labels.map(VOTE_CODES).to_numpy(dtype=np.int8)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_STORED) as zf:
        for name, arr in (("matrix", matrix), ("rcid", rcid), ("state", states)):
            info = zipfile.ZipInfo(f"{name}.npy", date_time=_FIXED_TIME)
            with zf.open(info, "w") as fh:
                np.lib.format.write_array(fh, np.ascontiguousarray(arr), allow_pickle=False)
    return buf.getvalue()


# position of each code in VOTE_DTYPE's categories (-1: not a vote)
_CODE_POS = np.full(256, -1, dtype=np.int8)
for _label, _code in VOTE_CODES.items():
    _CODE_POS[_code] = list(VOTE_DTYPE.categories).index(_label)


class VotesStore(NamedTuple):
    """The arrays of a store: ``matrix`` (int8, rcid x state), ``rcid`` (int64, increasing), ``state`` (ISO3)."""

    matrix: np.ndarray
    rcid: np.ndarray
    state: np.ndarray


def read_store(fh) -> VotesStore:
    """The arrays of a store, checked: a matrix over increasing unique rcids and unique states, vote codes only.

    Raises
    ------
    DataIntegrityError
        If the arrays do not fit together or a cell holds a code that is not a vote.
    """
    with np.load(fh, allow_pickle=False) as z:
        matrix, rcid, states = z["matrix"], z["rcid"], z["state"]
    if matrix.dtype != np.int8 or matrix.shape != (len(rcid), len(states)) or (np.diff(rcid) <= 0).any() or len(set(states.tolist())) < len(states):
        raise DataIntegrityError(f"the votes store is not an int8 matrix over increasing unique rcids and unique states "
                                 f"(matrix {matrix.dtype} {matrix.shape}, {len(rcid)} rcids, {len(states)} states); "
                                 "rebuild it with `python datasets/build.py`")
    if (_CODE_POS.take(matrix.view(np.uint8)) < 0).any():
        raise DataIntegrityError("the votes store holds a code that is not a vote; rebuild it with "
                                 "`python datasets/build.py`")
    return VotesStore(matrix, rcid, states)


def long_votes(store: VotesStore) -> pd.DataFrame:
    """The long votes table of a store: ``rcid`` int64, ``state`` categorical, ``vote`` VOTE_DTYPE.

    Rows sorted by (rcid, state), non-members without a row: the table ``votes.csv.gz`` holds.
    """
    matrix = store.matrix
    r, c = np.nonzero(matrix != NON_MEMBER)
    vote = pd.Categorical.from_codes(_CODE_POS[matrix[r, c]], dtype=VOTE_DTYPE)
    state = pd.Categorical.from_codes(c.astype(np.int16), categories=pd.Index(store.state.tolist()))
    return pd.DataFrame({"rcid": store.rcid[r], "state": state, "vote": vote})


def read_votes_store(fh) -> pd.DataFrame:
    """The long votes table of the store in `fh` (:func:`read_store`, then :func:`long_votes`)."""
    return long_votes(read_store(fh))
