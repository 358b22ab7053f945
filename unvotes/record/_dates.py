"""Reading the dates users pass (one rule for every function)."""

from __future__ import annotations

import datetime as _dt
import re

import numpy as np
import pandas as pd

__all__ = ["parse_date"]

_YEAR = re.compile(r"^\d{4}$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def parse_date(value, name: str, *, end: bool = False) -> pd.Timestamp:
    """A user date as a naive, normalised Timestamp.

    Accepts ``"2025-02-24"``, a ``datetime``/``date``/``Timestamp``/``numpy.datetime64``
    (time zones are converted to UTC and dropped), a year (``2022`` or ``"2022"``) and a
    month (``"2022-12"``). A year or month stands for its first day, or its last day when
    `end` is true (so ``end="2022-12"`` includes all of December).

    Raises
    ------
    TypeError
        For a value that is not a date (a list, a DataFrame, a float, a bool...).
    ValueError
        For a string that cannot be read as a date.
    """
    if isinstance(value, (bool, np.bool_)) or value is None:
        raise TypeError(f"`{name}` must be a date such as '2025-02-24' or a year such as 2022, got {value!r}")
    if isinstance(value, (int, np.integer)):
        if not 1000 <= int(value) <= 9999:
            raise TypeError(f"`{name}`={value!r}: a whole number is read as a year (e.g. 2022); "
                            "pass a date such as '2025-02-24'")
        value = str(int(value))
    if isinstance(value, str):
        s = value.strip()
        if _YEAR.match(s):
            return pd.Timestamp(f"{s}-12-31") if end else pd.Timestamp(f"{s}-01-01")
        m = _MONTH.match(s)
        if m and 1 <= int(m[2]) <= 12:
            first = pd.Timestamp(int(m[1]), int(m[2]), 1)
            return (first + pd.offsets.MonthEnd(0)) if end else first
        try:
            d = pd.Timestamp(s)
        except (ValueError, TypeError) as exc:
            raise ValueError(f"`{name}`={value!r} is not a date; use 'YYYY-MM-DD', 'YYYY-MM' or a year") from exc
    elif isinstance(value, (pd.Timestamp, _dt.date, np.datetime64)):
        d = pd.Timestamp(value)
    else:
        raise TypeError(f"`{name}` must be a date such as '2025-02-24' or a year such as 2022, "
                        f"got a {type(value).__name__}: {value!r}")
    if pd.isna(d):
        raise ValueError(f"`{name}`={value!r} is not a date; use 'YYYY-MM-DD', 'YYYY-MM' or a year")
    if d.tzinfo is not None:
        d = d.tz_convert("UTC").tz_localize(None)
    return d.normalize()
