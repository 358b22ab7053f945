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

import pandas as pd

__all__ = ["catalogue", "read_table", "table_path"]

_FILES = {
    "roll_calls": "roll_calls.csv.gz",
    "votes": "votes.csv.gz",
    "states": "states.csv",
    "blocs": "blocs.csv",
    "observers": "observers.csv",
    "state_aliases": "state_aliases.csv",
    "subjects": "subjects.csv.gz",
    "notes": "notes.csv",
    "corrections": "corrections.csv.gz",
    "adopted_without_vote": "adopted_without_vote.csv.gz",
}


def table_path(name: str):
    """Traversable of the compiled file of table `name`."""
    try:
        fname = _FILES[name]
    except KeyError:
        raise KeyError(f"unknown compiled table {name!r}; known tables: {sorted(_FILES)}") from None
    return resources.files("unvotes.data") / fname


@lru_cache(maxsize=1)
def catalogue() -> dict:
    """The build manifest: for each output file its row count and sha256."""
    return json.loads((resources.files("unvotes.data") / "catalogue.json").read_text(encoding="utf-8"))


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
