"""Roll-call fields of the readers: sessions from dates and symbols, symbols, dates, the kind of
a roll call, and the cleaning of text and numbers (computed on unique values)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .errors import AmbiguousDateError


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman(s: str) -> int | None:
    s = s.upper()
    if not s or any(ch not in _ROMAN for ch in s):
        return None
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = _ROMAN[a]
        total += -v if b in _ROMAN and _ROMAN[b] > v else v
    return total


def _third_tuesday_of_september(year: int) -> pd.Timestamp:
    first = pd.Timestamp(year=year, month=9, day=1)
    return first + pd.Timedelta(days=(1 - first.weekday()) % 7 + 14)


def _session_from_date(date: pd.Timestamp) -> int:
    """Regular session in progress on `date` (opening taken as the third Tuesday of September).

    Rule 1 of the GA Rules of Procedure (A/520/Rev.20) opens each regular
    session on the Tuesday of the third week of September; sessions 1 (1946)
    and 2 (1947) are special-cased by year.
    """
    if pd.isna(date):
        return -1
    y = int(date.year)
    if y <= 1946:
        return 1
    return y - 1945 if date >= _third_tuesday_of_september(y) else y - 1946


_SYM_REGULAR = re.compile(r"^A/(?:RES|DEC)/(\d+)/")


_SYM_SPECIAL = re.compile(r"^A/(?:RES|DEC)/((?:ES|S)-\d+)/")


_SYM_OLD = re.compile(r"^A/RES/\d+\s*\((?:(ES|S)-)?([IVXLC]+)\)")


def _normalize_symbol(s: str) -> str:
    s = re.sub(r"\s+", " ", str(s or "")).strip()
    if not s or s.upper() in {"MISSING_DATA", "NA", "N/A", "NAN"}:
        return ""
    m = re.match(r"^R/(\d+)/(.+)$", s)  # Voeten's R/<session>/<n>
    if m:
        return f"A/RES/{m.group(1)}/{m.group(2)}"
    return s


def _session_and_special(symbols: pd.Series, dates: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    sess = np.full(len(symbols), -1, dtype=np.int64)
    special = np.full(len(symbols), "", dtype=object)
    for i, (sym, date) in enumerate(zip(symbols, dates)):
        m = _SYM_SPECIAL.match(sym)
        if m:
            special[i] = m.group(1)
            sess[i] = _session_from_date(date)
            continue
        m = _SYM_REGULAR.match(sym)
        if m:
            sess[i] = int(m.group(1))
            continue
        m = _SYM_OLD.match(sym)
        if m:
            num = _roman(m.group(2))
            if m.group(1):
                special[i] = f"{m.group(1)}-{num}"
                sess[i] = _session_from_date(date)
            elif num:
                sess[i] = num
            continue
        sess[i] = _session_from_date(date)
    return sess, special


def _kind_from_symbol(symbols: pd.Series) -> np.ndarray:
    s = symbols.astype(str)
    return np.select(
        [s.str.startswith("A/RES/"), s.str.startswith("A/DEC/")], ["resolution", "decision"], "unknown"
    )


_ISO_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}")


def _parse_dates(values: pd.Series, *, date_format: str | None = None, path=None, column=None,
                 lines=None) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Parse date strings (on unique values); returns (datetime Series, bad-value mask, reasons).

    ISO dates (with or without a time) and "21 September 2020" forms are read;
    a bare year or year-month is rejected, not silently set to 1 January. A
    date written with numbers only and the year last (``03/04/2025``) is read
    only with `date_format`: without it, :class:`AmbiguousDateError` names the
    value and both readings (the rule of
    :func:`unvotes.record._dates.numeric_date_readings`, which ``select`` uses too).
    With `date_format`, values that are not ISO dates are read with it, and a
    value it does not match is a bad value whose reason says so.
    """
    from ..record._dates import numeric_date_readings

    codes, uniques = pd.factorize(values)
    u = pd.Series(uniques, dtype=object).astype(str).str.replace("\u00a0", " ").str.strip()
    parsed = pd.Series(pd.NaT, index=u.index, dtype="datetime64[ns]")
    iso = u.str.match(_ISO_DATE)
    parsed[iso] = pd.to_datetime(u[iso].str.slice(0, 10), format="%Y-%m-%d", errors="coerce")
    other = ~iso & ~u.str.fullmatch(r"\d{4}(-\d{1,2})?") & (u != "")
    why: str | None = "unparseable or partial date "
    if date_format is not None and other.any():
        parsed[other] = pd.to_datetime(u[other], format=date_format, errors="coerce")
        why = None
    elif other.any():
        readings = [numeric_date_readings(x) if o else None for x, o in zip(u, other)]
        if any(r is not None for r in readings):
            raise _numbers_only_dates(values, codes, u, readings, path=path, column=column, lines=lines)
        parsed[other] = pd.to_datetime(u[other], format="mixed", errors="coerce", dayfirst=True)
    num = u.str.fullmatch(r"-?\d+(\.\d+)?") & ~u.str.fullmatch(r"\d{4}")
    if num.any():  # R Date as days since 1970-01-01
        parsed[num] = pd.Timestamp("1970-01-01") + pd.to_timedelta(u[num].astype(float), unit="D")
    out = pd.Series(parsed.to_numpy()[np.maximum(codes, 0)], index=values.index)
    out[codes < 0] = pd.NaT
    raw = values.astype(str)
    if why is None:
        reason = ("date '" + raw.str.strip() + f"' does not match date_format '{date_format}'").where(
            raw.str.strip() != "", "empty date")
    else:
        reason = why + raw
    return out, out.isna(), reason


def _numbers_only_dates(values, codes, u, readings, *, path, column, lines):
    """AmbiguousDateError for a column of numbers-only dates: a value that reads both ways, and
    the values that read one way only (evidence for the format to pass)."""
    first_row = {c: i for i, c in reversed(list(enumerate(codes)))}  # unique value -> first row

    def where(k):
        return f"line {lines[first_row[k]]}" if lines is not None else f"data row {first_row[k] + 1}"

    two = [k for k, r in enumerate(readings) if r is not None and len(r) == 2]
    day_first, month_first = [], []
    for k, r in enumerate(readings):
        if r is None or len(r) != 1:
            continue
        a, b = (int(x) for x in re.findall(r"\d+", u[k])[:2])
        if a != b:  # 05/05/2025 reads the same both ways: no evidence
            (day_first if r[0].day == a else month_first).append(k)
    k0 = (two or day_first or month_first or [k for k, r in enumerate(readings) if r is not None])[0]
    sep = re.search(r"[/.\-]", u[k0])[0]
    year = "%Y" if len(re.search(r"\d+$", u[k0])[0]) == 4 else "%y"
    fmt_m, fmt_d = f"%m{sep}%d{sep}{year}", f"%d{sep}%m{sep}{year}"
    head = f"{path}: column {column!r} holds dates written with numbers only, which unvotes does not guess: "
    if two:
        r = readings[k0]
        head += (f"{u[k0]!r} on {where(k0)} could be {r[0].date()} (day first) or {r[1].date()} (month first). ")
    elif readings[k0]:
        head += f"{u[k0]!r} on {where(k0)} is read {readings[k0][0].date()} only one way round. "
    else:
        head += f"{u[k0]!r} on {where(k0)} is no date either way round. "
    evidence = []
    if month_first:
        evidence.append(f"{len(month_first)} value(s) can only be month first, e.g. {u[month_first[0]]!r} on "
                        f"{where(month_first[0])}")
    if day_first:
        evidence.append(f"{len(day_first)} value(s) can only be day first, e.g. {u[day_first[0]]!r} on "
                        f"{where(day_first[0])}")
    if evidence:
        head += "In this file " + "; ".join(evidence) + ". "
    order = [fmt_m, fmt_d] if len(month_first) > len(day_first) else [fmt_d, fmt_m]
    head += (f"Pass date_format={order[0]!r} ({'month' if order[0] == fmt_m else 'day'} first) or "
             f"date_format={order[1]!r}, or write the dates as YYYY-MM-DD")
    return AmbiguousDateError(head, path=path, column=column,
                              line=int(lines[first_row[k0]]) if lines is not None else None)


# The UN Charter came into force on 24 October 1945: no roll call is older.
_UN_FOUNDED = pd.Timestamp("1945-10-24")


def _where(lines, rows) -> np.ndarray:
    """"line N" (or "data row N" where the file has no lines), one per row."""
    if lines is not None:
        return np.char.add("line ", np.asarray(lines).astype(str)).astype(object)
    return np.char.add("data row ", np.asarray(rows).astype(str)).astype(object)


def _date_out_of_range(dates: pd.Series, raw: pd.Series, lines, rows) -> tuple[np.ndarray, np.ndarray]:
    """Rows dated before 1945-10-24 or after today, and a reason naming line and value."""
    d = dates.to_numpy(dtype="datetime64[ns]")
    today = pd.Timestamp.today().normalize()
    early = d < np.datetime64(_UN_FOUNDED, "ns")
    late = d > np.datetime64(today, "ns")
    bad = early | late
    reason = np.full(len(d), None, dtype=object)
    if bad.any():
        val = _clean(pd.Series(raw.to_numpy()[bad], dtype=object)).to_numpy(dtype=object).astype(str)
        where = _where(None if lines is None else np.asarray(lines)[bad], np.asarray(rows)[bad]).astype(str)
        head = np.char.add(np.char.add(np.char.add("date ", val), " on "), where)
        tail = np.where(early[bad], " is before 1945-10-24 (the UN Charter in force)",
                        f" is in the future (after {today:%Y-%m-%d})")
        reason[bad] = np.char.add(head, tail).astype(object)
    return bad, reason


def _clean(s: pd.Series, upper: bool = False) -> pd.Series:
    """``s.astype(str).str.strip()`` (and ``.str.upper()``), computed on the unique values."""
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    u = pd.Series(uniques, dtype=object).astype(str).str.strip()
    if upper:
        u = u.str.upper()
    out = u.to_numpy(dtype=object)[np.maximum(codes, 0)]
    out[codes < 0] = ""
    return pd.Series(out, index=s.index, dtype=object)


def _to_number(s: pd.Series) -> pd.Series:
    """``pd.to_numeric(s, errors="coerce")`` computed on the unique values (float)."""
    codes, uniques = pd.factorize(s)
    u = pd.to_numeric(pd.Series(uniques, dtype=object).astype(str).str.strip(), errors="coerce")
    out = u.to_numpy(dtype=float)[np.maximum(codes, 0)]
    out[codes < 0] = np.nan
    return pd.Series(out, index=s.index)


def _int_count(s: pd.Series) -> pd.Series:
    """Whole, non-negative counts as Int64; anything else NA (the readers note such values)."""
    v = pd.to_numeric(s.astype(str).str.strip().replace("", None), errors="coerce")
    return v.where((v == v.round()) & (v >= 0)).astype("Int64")


def _value_codes(s: pd.Series) -> np.ndarray:
    """Integer codes, equal where the stripped text is equal (computed on the unique values)."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        cats = pd.Series(s.cat.categories.astype(str)).str.strip()
        cc, _ = pd.factorize(cats)
        codes = s.cat.codes.to_numpy()
        return np.where(codes >= 0, cc[np.maximum(codes, 0)], -1)
    if pd.api.types.is_datetime64_any_dtype(s):
        return pd.factorize(s.to_numpy())[0]
    return pd.factorize(_clean(s))[0]
