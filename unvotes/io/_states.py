"""State identity in the readers: codes and names -> ISO 3166-1 alpha-3 on the date of the vote,
and the Members seated on a date (membership spells of members.csv)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._fields import _clean

_FAR_PAST = pd.Timestamp("1900-01-01")


_FAR_FUTURE = pd.Timestamp("2262-01-01")


def _to_ts(s: pd.Series, default: pd.Timestamp) -> pd.Series:
    out = pd.to_datetime(s.astype(object).where(s.astype(str).str.strip() != "", None), errors="coerce")
    return out.fillna(default).astype("datetime64[ns]")


_STATE_CACHE: dict = {}


def _state_tables() -> dict:
    """Dated lookup tables built from the compiled states and alias tables (cached)."""
    if _STATE_CACHE:
        return _STATE_CACHE
    from ..record import _names, _resources

    st = _resources.read_table("states").copy()
    st["iso3"] = st["iso3"].astype(str).str.strip().str.upper()
    st["seat_from_ts"] = _to_ts(st["seat_from"], _FAR_PAST)
    st["admitted_ts"] = _to_ts(st["admitted"], _FAR_PAST)
    st["left_ts"] = _to_ts(st["left"], _FAR_FUTURE)

    # ISO3 code -> the state holding the seat under that code on the date.
    code_rows = [st[["iso3"]].assign(key=st["iso3"], start=st["seat_from_ts"], end=st["left_ts"])]
    by_iso = st.set_index("iso3")
    for _, row in st.iterrows():
        preds = [p.strip() for p in str(row.get("predecessor_iso3", "") or "").split(";") if p.strip()]
        for p in preds:
            if p in by_iso.index and by_iso.at[p, "admitted_ts"] == row["admitted_ts"]:
                # a continuing seat: the successor's code used before its own spell
                code_rows.append(
                    pd.DataFrame(
                        {
                            "iso3": [p],
                            "key": [row["iso3"]],
                            "start": [by_iso.at[p, "seat_from_ts"]],
                            "end": [row["seat_from_ts"]],
                        }
                    )
                )
    codes = pd.concat(code_rows, ignore_index=True)[["key", "iso3", "start", "end"]]

    # COW code -> ISO3 (dated cow_code_periods, e.g. "260:1973-09-18/1990-10-03;255:1990-10-03/").
    cow_rows = []
    for _, row in st.iterrows():
        for part in str(row.get("cow_code_periods", "") or "").split(";"):
            part = part.strip()
            if not part:
                continue
            code, _, span = part.partition(":")
            start, _, end = span.partition("/")
            cow_rows.append(
                {
                    "key": str(int(float(code))),
                    "iso3": row["iso3"],
                    "start": pd.Timestamp(start) if start else _FAR_PAST,
                    "end": pd.Timestamp(end) if end else _FAR_FUTURE,
                }
            )
    cows = pd.DataFrame(cow_rows)

    # Names: the alias table (dated) plus the UN names of the spells.
    al = _resources.read_table("state_aliases").copy()
    names = pd.DataFrame(
        {
            "key": al["name"].map(_names.normalize_name),
            "iso3": al["iso3"].astype(str).str.strip().str.upper(),
            "start": _to_ts(al.get("valid_from", pd.Series([""] * len(al))), _FAR_PAST),
            "end": _to_ts(al.get("valid_to", pd.Series([""] * len(al))), _FAR_FUTURE),
        }
    )
    un_names = pd.DataFrame(
        {
            "key": st["un_name"].map(_names.normalize_name),
            "iso3": st["iso3"],
            "start": st["seat_from_ts"],
            "end": st["left_ts"],
        }
    )
    names = pd.concat([names, un_names], ignore_index=True).drop_duplicates()
    _STATE_CACHE.update(
        states_raw=_resources.read_table("states"),
        states=st,
        codes=codes,
        cows=cows,
        names=names,
        normalize=_names.normalize_name,
        spells=st[["iso3", "seat_from_ts", "left_ts"]].reset_index(drop=True),
    )
    return _STATE_CACHE


# A cast vote dated up to this many days outside its state's membership spell
# is kept when the code names one state only: Voeten dates some roll calls
# approximately (in R unvotes 0.3.0, 262 cast votes fall 1 to 42 days before
# the voter's admission, e.g. Israel on 1949-05-02 and 1949-05-07, admitted
# 1949-05-11).
_DATE_SLACK = np.timedelta64(62, "D")


def _dated_lookup(keys: pd.Series, dates: pd.Series, table: pd.DataFrame):
    """Map (key, date) to ISO3 with a table of (key, iso3, start, end).

    Returns ``(on_date, any_date, near)``, object Series aligned with `keys`
    (None where nothing matches): the state holding the key on the date; some
    state the key names at another date (for messages); and, where the key
    names a single state, that state if the date is within ``_DATE_SLACK`` of
    one of its spells.
    """
    n = len(keys)
    k = pd.Series(keys.to_numpy(dtype=object), dtype=object)
    codes, uniques = pd.factorize(k)
    tab = table[table["key"].isin(set(uniques))]
    on_date = np.full(n, None, dtype=object)
    any_date = np.full(n, None, dtype=object)
    near = np.full(n, None, dtype=object)
    if len(tab) == 0:
        return (pd.Series(on_date, index=keys.index), pd.Series(any_date, index=keys.index),
                pd.Series(near, index=keys.index))
    key_pos = pd.Index(uniques).get_indexer(tab["key"])
    single = tab.assign(_k=key_pos).groupby("_k")["iso3"].nunique()
    is_single = np.zeros(len(uniques), dtype=bool)
    is_single[single.index[single.to_numpy() == 1]] = True
    d = dates.to_numpy(dtype="datetime64[ns]")
    # each candidate is tried in turn; candidates of one key are few (1-3)
    tab = tab.assign(_k=key_pos).sort_values(["_k", "start"])
    for k_rank in range(int(tab.groupby("_k").size().max())):
        sub = tab.groupby("_k").nth(k_rank)
        pos = np.full(len(uniques), -1)
        pos[sub["_k"].to_numpy()] = np.arange(len(sub))
        row_pos = np.where(codes >= 0, pos[np.maximum(codes, 0)], -1)
        has = row_pos >= 0
        rp = row_pos[has]
        iso = sub["iso3"].to_numpy(dtype=object)[rp]
        start = sub["start"].to_numpy(dtype="datetime64[ns]")[rp]
        end = sub["end"].to_numpy(dtype="datetime64[ns]")[rp]
        dh = d[has]
        ok = (dh >= start) & (dh < end)
        idx = np.flatnonzero(has)
        free = pd.isna(on_date[idx])
        on_date[idx[ok & free]] = iso[ok & free]
        fill_any = pd.isna(any_date[idx])
        any_date[idx[fill_any]] = iso[fill_any]
        close = (dh >= start - _DATE_SLACK) & (dh < end + _DATE_SLACK) & is_single[codes[idx]]
        near[idx[close]] = iso[close]
    return (pd.Series(on_date, index=keys.index), pd.Series(any_date, index=keys.index),
            pd.Series(near, index=keys.index))


def _members_on(dates: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Boolean matrix (len(dates), n_spells) of Members taking part, and the spells' ISO3 codes.

    A Member takes part on a date inside its spell ``[seat_from, left)`` and
    outside its ``absent_periods`` (Syria in the UAR 1958-1961, Indonesia
    1965-1966, South Africa 1974-1994), as in the embedded record.
    """
    t = _state_tables()
    sp = t["spells"]
    d = np.asarray(dates, dtype="datetime64[ns]")[:, None]
    held = (d >= sp["seat_from_ts"].to_numpy()[None, :]) & (d < sp["left_ts"].to_numpy()[None, :])
    pos = {iso: i for i, iso in enumerate(sp["iso3"])}
    for iso, periods in zip(t["states"]["iso3"], t["states"].get("absent_periods", [])):
        for span in str(periods or "").split(";"):
            start, _, end = span.strip().partition("/")
            if start:
                a = np.datetime64(pd.Timestamp(start), "ns")
                b = np.datetime64(pd.Timestamp(end), "ns") if end else np.datetime64(_FAR_FUTURE, "ns")
                held[:, pos[iso]] &= ~((d[:, 0] >= a) & (d[:, 0] < b))
    return held, sp["iso3"].to_numpy(dtype=object)


def _resolve_undl_states(codes: pd.Series | None, names: pd.Series | None, dates: pd.Series):
    """ISO3 on the date from UNDL codes, then names; returns (iso3, reason, near)."""
    t = _state_tables()
    n = len(dates)
    iso = np.full(n, None, dtype=object)
    other = np.full(n, None, dtype=object)
    near = np.full(n, None, dtype=object)

    def merge(need: np.ndarray, result) -> None:
        on, anyd, nr = (r.to_numpy(dtype=object) for r in result)
        iso[need] = on
        o, nn = other[need], near[need]
        other[need] = np.where(pd.isna(o), anyd, o)
        near[need] = np.where(pd.isna(nn), nr, nn)

    if codes is not None:
        merge(np.ones(n, dtype=bool), _dated_lookup(_clean(codes, upper=True), dates, t["codes"]))
    for col in (names, codes):  # names, then a code column that holds names (some exports)
        need = pd.isna(iso)
        if col is not None and need.any():
            merge(need, _dated_lookup(_norm_many(col[need], t), dates[need], t["names"]))
    idx = dates.index
    iso_s = pd.Series(iso, index=idx)
    return iso_s, _no_state_reason(iso_s, pd.Series(other, index=idx)), pd.Series(near, index=idx)


def _no_state_reason(iso: pd.Series, other: pd.Series) -> pd.Series:
    i = iso.to_numpy(dtype=object)
    o = other.to_numpy(dtype=object)
    reason = np.full(len(i), None, dtype=object)
    miss = pd.isna(i)
    if miss.any():
        no_seat = miss & pd.notna(o)
        reason[no_seat] = np.char.add("state held no UN seat on the date (members.csv): ",
                                      o[no_seat].astype(str)).astype(object)
        reason[miss & ~no_seat] = "unknown state"
    return pd.Series(reason, index=iso.index)


def _norm_many(s: pd.Series, t) -> pd.Series:
    codes, uniques = pd.factorize(s.astype(str))
    normed = np.array([t["normalize"](u) for u in uniques], dtype=object)
    out = normed[np.maximum(codes, 0)]
    out[codes < 0] = ""
    return pd.Series(out, index=s.index)
