"""Type aliases of the public signatures (what a user may pass), for type checkers and readers.

They describe inputs only; every function still checks its arguments at run time.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Any, Union

import numpy as np
import pandas as pd

#: A date: ``"2022-12-07"``, a month ``"2022-12"``, a year ``2022`` (int or str), or a date object.
DateLike = Union[str, int, _dt.date, pd.Timestamp, np.datetime64]
#: A state: a name (``"United Kingdom"``), an ISO 3166-1 alpha-3 code (``"GBR"``) or a COW number (``200``).
StateLike = Union[str, int]
#: One state or several.
StatesLike = Union[StateLike, Iterable[StateLike]]
#: One value or several (sessions, years, rcids, issue codes, kinds).
IntsLike = Union[int, Iterable[int]]
StrsLike = Union[str, Iterable[str]]

__all__ = ["DateLike", "StateLike", "StatesLike", "IntsLike", "StrsLike"]

#: A :class:`unvotes.VotingRecord` / :class:`unvotes.RollCall` in the signatures of the modules that
#: record/core.py itself imports (blocs, match, overlay, _tidy). Typed loosely on purpose: importing
#: core there, even for type checking only, would make two modules import each other.
VotingRecordLike = Any
RollCallLike = Any
