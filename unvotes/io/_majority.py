"""Roll-call fields by majority of the roll call's rows, and notes on totals that are not whole numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._fields import _clean, _where
from .read_report import _empty_inconsistent

def _consensus(rcid: np.ndarray, fields: dict, row: np.ndarray, line) -> dict:
    """Roll-call fields by majority of the roll call's rows.

    `fields` maps a file column name to ``(codes, values)``: integer codes per
    row (equal codes = equal values) and the Series of values as written.
    Returns a dict: ``uniq`` (rcids in order of first appearance), ``group``
    (position of each row's rcid in ``uniq``), ``first`` (first row of each
    roll call), ``rep`` (column -> for each roll call, a row holding the value
    taken), ``inconsistent`` (the report's frame), ``no_majority`` (rows of roll
    calls where some column has no value held by more than half the rows) and
    ``reason`` (why, for those rows).
    """
    n = len(rcid)
    g, uniq = pd.factorize(rcid)
    k = len(uniq)
    size = np.bincount(g, minlength=k)
    first = np.flatnonzero(~pd.Series(g).duplicated().to_numpy())
    rep: dict = {}
    parts = []
    no_major = np.zeros(n, dtype=bool)
    reason = np.full(n, None, dtype=object)
    for name, (codes, values) in fields.items():
        r = first.copy()
        diff = codes != codes[first][g]
        if diff.any():
            bad_g = np.zeros(k, dtype=bool)
            bad_g[g[diff]] = True
            pos = np.flatnonzero(bad_g[g])
            t = pd.DataFrame({"g": g[pos], "c": codes[pos], "pos": pos})
            cnt = t.groupby(["g", "c"], sort=False)["pos"].agg(["size", "first"]).reset_index()
            cnt = cnt.sort_values(["g", "size"], ascending=[True, False], kind="stable")
            top = cnt.drop_duplicates("g")
            tg, tc, tn, tp = (top[c].to_numpy() for c in ("g", "c", "size", "first"))
            ok = tn * 2 > size[tg]
            maj = np.full(k, -1, dtype=np.int64)
            maj[tg[ok]] = tc[ok]
            r[tg[ok]] = tp[ok]
            agreeing = np.zeros(k, dtype=np.int64)
            agreeing[tg] = tn
            gp = g[pos]
            dpos = pos[(maj[gp] >= 0) & (codes[pos] != maj[gp])]
            if len(dpos):
                parts.append(pd.DataFrame({
                    "row": row[dpos],
                    "line": np.asarray(line)[dpos] if line is not None else np.full(len(dpos), np.nan),
                    "rcid": uniq[g[dpos]],
                    "column": name,
                    "value": _clean(values.iloc[dpos]).to_numpy(dtype=object),
                    "taken": _clean(values.iloc[r[g[dpos]]]).to_numpy(dtype=object),
                    "agreeing": agreeing[g[dpos]],
                    "of": size[g[dpos]],
                }))
            if (~ok).any():
                nm = cnt[np.isin(cnt["g"].to_numpy(), tg[~ok])]
                shown = _clean(values.iloc[nm["first"].to_numpy()]).to_numpy(dtype=object)
                desc = (pd.Series([str(v) + " on " + str(c) for v, c in zip(shown, nm["size"])])
                        .groupby(nm["g"].to_numpy()).agg(", ".join))
                why = np.full(k, None, dtype=object)
                for gi, d in desc.items():  # one per roll call without a majority
                    why[gi] = (f"no value of {name!r} is held by a majority of the roll call's {size[gi]} rows "
                               f"({d})")
                rows_nm = ~no_major & (why[g] != None)  # noqa: E711 - first reason wins
                reason[rows_nm] = why[g][rows_nm]
                no_major |= rows_nm
        rep[name] = r
    inc = pd.concat(parts, ignore_index=True) if parts else _empty_inconsistent()
    for c in ("row", "line", "rcid", "agreeing", "of"):
        inc[c] = pd.to_numeric(inc[c]).astype("Int64")
    inc = inc.sort_values(["row", "column"], kind="stable").reset_index(drop=True)
    return {"uniq": np.asarray(uniq), "group": g, "first": first, "rep": rep, "inconsistent": inc,
            "no_majority": no_major, "reason": reason}


def _whole_number_notes(df: pd.DataFrame, meta: dict, lines, rows, rcid, rc_rows: dict, notes: list) -> None:
    """Note the totals that are not whole numbers (such a roll-call total becomes NA)."""
    for role in ("tally_yes", "tally_no", "tally_abstain", "tally_absent", "total_ms"):
        if role not in meta:
            continue
        col = df[meta[role]]
        codes, uniques = pd.factorize(col)
        u = pd.Series(uniques, dtype=object).astype(str).str.strip()
        num = pd.to_numeric(u, errors="coerce")
        bad_u = ((u != "") & (num.isna() | (num != num.round()) | (num < 0))).to_numpy()
        if not bad_u.any():
            continue
        bad = np.zeros(len(col), dtype=bool)
        bad[codes >= 0] = bad_u[codes[codes >= 0]]
        i = np.flatnonzero(bad)
        where = _where(None if lines is None else np.asarray(lines)[i[:1]], np.asarray(rows)[i[:1]])[0]
        msg = (f"{meta[role]} is not a whole number on {len(i):,} row(s) of {len(np.unique(rcid[i])):,} "
               f"roll call(s), e.g. {where} {str(col.iloc[i[0]]).strip()!r}")
        if role in rc_rows:
            held = rc_rows[role]  # (rcids, rows of the value taken)
            na = bad[held[1]]
            if na.any():
                msg += (f"; the roll call's {role} is left NA where most rows hold such a value: "
                        + ", ".join(str(x) for x in held[0][na][:10]) + (" ..." if na.sum() > 10 else ""))
        notes.append(msg)
