"""Access to the compiled tables shipped in the package ``unvotes.data``.

This is the only module that knows the file names of the compiled data. The
files live in ``datasets/compiled`` in the repository and are mapped to the
package ``unvotes.data`` by ``pyproject.toml``, so
:func:`importlib.resources.files` finds them in a wheel and in an editable
install alike.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd

__all__ = ["catalogue", "read_table", "table_path", "package_files", "read_votes", "read_store", "has_votes_store"]

#: Where pyproject.toml's package-dir takes the data packages from, in a checkout.
_CHECKOUT_DIRS = {"unvotes.data": ("datasets", "compiled"), "unvotes._seeds": ("seeds",)}

_FILES = {
    "roll_calls": "roll_calls.csv.gz",
    "votes": "votes.csv.gz",
    "votes_store": "votes.npz",  # the same votes as a roll-call x state int8 matrix (record/_store.py)
    "states": "states.csv",
    "blocs": "blocs.csv",
    "observers": "observers.csv",
    "state_aliases": "state_aliases.csv",
    "cow_abbreviations": "cow_state_abbreviations.csv",
    "subjects": "subjects.csv.gz",
    "notes": "notes.csv",
    "corrections": "corrections.csv.gz",
    "adopted_without_vote": "adopted_without_vote.csv.gz",
}


@lru_cache(maxsize=None)
def package_files(package: str):
    """Traversable of a data package (``unvotes.data``, ``unvotes._seeds``), installed or in a checkout.

    Python started in the repository root imports the source folder ``unvotes/``
    rather than the installed package, and the source folder has no
    ``unvotes/data`` (pyproject.toml maps it from ``datasets/compiled``). Then
    the folder beside the source is used, as an editable install would.
    """
    try:
        return resources.files(package)
    except ModuleNotFoundError:
        checkout = Path(__file__).resolve().parents[2].joinpath(*_CHECKOUT_DIRS[package])
        if checkout.is_dir():
            return checkout
        raise ModuleNotFoundError(
            f"unvotes cannot find its data package {package!r}: Python imported unvotes from "
            f"{Path(__file__).resolve().parents[1]}, which has no data beside it; install it with "
            "`pip install unvotes` (or `pip install -e .` in a checkout) and start Python outside the "
            "source folder", name=package) from None


def table_path(name: str):
    """Traversable of the compiled file of table `name`."""
    try:
        fname = _FILES[name]
    except KeyError:
        raise KeyError(f"unknown compiled table {name!r}; known tables: {sorted(_FILES)}") from None
    return package_files("unvotes.data") / fname


@lru_cache(maxsize=1)
def catalogue() -> dict:
    """The build manifest: for each output file its row count and sha256."""
    return json.loads((package_files("unvotes.data") / "catalogue.json").read_text(encoding="utf-8"))


def read_table(name: str, **kwargs) -> pd.DataFrame:
    """Read compiled table `name`.

    Without keyword arguments every column is read as a string and empty
    cells stay empty strings (nothing is converted to NaN); pass pandas
    ``read_csv`` arguments to change that.
    """
    opts = {"dtype": str, "keep_default_na": False} if not kwargs else kwargs
    with table_path(name).open("rb") as fh:
        comp = "gzip" if _FILES[name].endswith(".gz") else None
        return pd.read_csv(fh, compression=comp, **opts)


def has_votes_store() -> bool:
    """Whether the data folder has the binary store ``votes.npz`` (else votes are read from the CSV)."""
    return table_path("votes_store").is_file()


def read_store():
    """The arrays of the binary store ``votes.npz`` (:class:`unvotes.record._store.VotesStore`), checked."""
    from ._store import read_store as _read

    with table_path("votes_store").open("rb") as fh:
        return _read(fh)


def read_votes() -> pd.DataFrame:
    """The compiled votes (``rcid``, ``state`` categorical, ``vote`` VOTE_DTYPE), sorted by (rcid, state).

    Read from the binary store ``votes.npz`` (:mod:`unvotes.record._store`); from
    ``votes.csv.gz`` where a data folder has no store (built before it existed).
    """
    from ._store import long_votes
    from .codes import VOTE_DTYPE

    if has_votes_store():
        return long_votes(read_store())
    return read_table("votes", dtype={"rcid": "int64", "state": "category", "vote": VOTE_DTYPE},
                      keep_default_na=False)
