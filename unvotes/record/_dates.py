"""Reading the dates users pass (one rule for every function)."""

from __future__ import annotations

import datetime as _dt
import re

import numpy as np
import pandas as pd

__all__ = ["parse_date", "numeric_date_readings"]

_YEAR = re.compile(r"^\d{4}$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
#: A date written with numbers only and the year last: 03/04/2025, 3.4.2025, 03-04-25.
_NUMERIC_DMY = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{2}|\d{4})$")


def numeric_date_readings(text: str) -> list[pd.Timestamp] | None:
    """The calendar dates a numbers-only, year-last date such as ``"03/04/2025"`` can mean.

    Such a date is read day-first in most of the world and month-first in the
    United States, so unvotes never guesses: it reads ISO 8601 (``2025-03-04``),
    a year, ``YYYY-MM`` and dates with month names, and refuses this form.

    Returns
    -------
    list of pandas.Timestamp or None
        None if `text` is not of this form; otherwise the valid readings,
        day-first first, without repeats (one reading when day and month are
        equal or one part is over 12; none if neither is a date).

    Examples
    --------
    >>> [str(d.date()) for d in numeric_date_readings("03/04/2025")]
    ['2025-04-03', '2025-03-04']
    >>> [str(d.date()) for d in numeric_date_readings("13/04/2025")]
    ['2025-04-13']
    >>> numeric_date_readings("2025-03-04") is None
    True
    """
    m = _NUMERIC_DMY.match(str(text).strip())
    if not m:
        return None
    a, b, y = int(m[1]), int(m[3]), int(m[4])
    if len(m[4]) == 2:
        y += 2000 if y < 70 else 1900
    out = []
    for day, month in ((a, b), (b, a)):
        try:
            d = pd.Timestamp(y, month, day)
        except ValueError:
            continue
        if d not in out:
            out.append(d)
    return out


def _refuse_numeric(value, name: str, readings: list[pd.Timestamp]) -> ValueError:
    if len(readings) > 1:
        how = (f"it could be {readings[0].date()} (day first) or {readings[1].date()} (month first); "
               f"write '{readings[0].date()}' or '{readings[1].date()}'")
    elif readings:
        how = f"write it as '{readings[0].date()}' (ISO 8601, YYYY-MM-DD)"
    else:
        how = "it is no date either way round; write YYYY-MM-DD"
    return ValueError(f"`{name}`={value!r} is a numbers-only date, which unvotes does not guess: {how}")


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
        For a string that cannot be read as a date, and for a numbers-only date
        with the year last such as ``"03/04/2025"`` (the message gives both
        readings, 3 April and 4 March; see :func:`numeric_date_readings`).
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
        readings = numeric_date_readings(s)
        if readings is not None:
            raise _refuse_numeric(value, name, readings)
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
