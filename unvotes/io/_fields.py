"""Roll-call fields of the readers: sessions from dates and symbols, symbols, dates, the kind of
a roll call, and the cleaning of text and numbers (computed on unique values)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd


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


def _parse_dates(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse date strings (on unique values); returns (datetime Series, bad-value mask).

    ISO dates (with or without a time) and "21 September 2020" forms are read;
    a bare year or year-month is rejected, not silently set to 1 January.
    """
    codes, uniques = pd.factorize(values)
    u = pd.Series(uniques, dtype=object).astype(str).str.replace("\u00a0", " ").str.strip()
    parsed = pd.Series(pd.NaT, index=u.index, dtype="datetime64[ns]")
    iso = u.str.match(_ISO_DATE)
    parsed[iso] = pd.to_datetime(u[iso].str.slice(0, 10), format="%Y-%m-%d", errors="coerce")
    other = ~iso & ~u.str.fullmatch(r"\d{4}(-\d{1,2})?") & (u != "")
    if other.any():
        parsed[other] = pd.to_datetime(u[other], format="mixed", errors="coerce", dayfirst=True)
    num = u.str.fullmatch(r"-?\d+(\.\d+)?") & ~u.str.fullmatch(r"\d{4}")
    if num.any():  # R Date as days since 1970-01-01
        parsed[num] = pd.Timestamp("1970-01-01") + pd.to_timedelta(u[num].astype(float), unit="D")
    out = pd.Series(parsed.to_numpy()[np.maximum(codes, 0)], index=values.index)
    out[codes < 0] = pd.NaT
    return out, out.isna()


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
