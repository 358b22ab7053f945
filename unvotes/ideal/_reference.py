"""Comparison with the published Bailey-Strezhnev-Voeten estimates (private).

Used by the tests and ``benchmarks/bench_ideal.py`` to correlate a fit with
BSV's April 2020 release (``datasets/raw/validation/voeten-idealpoints``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["bsv_reference", "compare_with_reference"]


def bsv_reference(path, states: pd.DataFrame) -> pd.DataFrame:
    """The Bailey-Strezhnev-Voeten ideal-point file keyed on ISO3 (private;
    used by the tests and ``benchmarks/bench_ideal.py``).

    Reads the Latin-1 CSV, renames ``QO%`` (letter O) to ``Q0%``, and maps
    the COW ``ccode`` to every ISO3 spell of ``states`` (``record.states``)
    whose ``cow_code_periods`` overlap the session (September of 1945 +
    session to September of the next year): 260 and 255 both give DEU, 365
    gives SUN to 1991-12-24 and RUS after, so session 46 has both
    candidates; :func:`compare_with_reference` keeps the one with more
    votes.  Their ``iso3c`` column is not used (DATA-NOTES.md §4).

    Returns columns ``ccode``, ``session``, ``iso3``, ``ref`` (IdealPoint),
    ``ref_n_votes`` (NVotes).
    """
    b = pd.read_csv(path, encoding="latin-1").rename(columns={"QO%": "Q0%"})
    spells = []
    for iso3, periods in zip(states["iso3"], states["cow_code_periods"].fillna("")):
        for part in str(periods).split(";"):
            if not part:
                continue
            code, span = part.split(":")
            start, _, end = span.partition("/")
            spells.append((int(code), iso3, pd.Timestamp(start), pd.Timestamp(end) if end else pd.Timestamp.max))
    sp = pd.DataFrame(spells, columns=["ccode", "iso3", "start", "end"])
    m = b.merge(sp, on="ccode", how="inner")
    s_start = pd.to_datetime((1945 + m["session"]).astype(str) + "-09-01")
    s_end = pd.to_datetime((1946 + m["session"]).astype(str) + "-09-01")
    m = m[(m["start"] < s_end) & (m["end"] > s_start)]
    return m.rename(columns={"IdealPoint": "ref", "NVotes": "ref_n_votes"})[
        ["ccode", "session", "iso3", "ref", "ref_n_votes"]
    ].reset_index(drop=True)


def compare_with_reference(estimates: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """Pearson correlation of ``estimates`` (state, period, ideal_point,
    n_votes) with a reference keyed (iso3, session), per session and pooled
    (private).  Where a (ccode, session) maps to two ISO3 spells, the one
    with more votes in ``estimates`` is used.

    Returns a DataFrame indexed by session with ``n`` and ``r``; attrs
    ``pooled_r``, ``n_matched`` and ``matched`` (the joined rows).
    """
    est = estimates.rename(columns={"state": "iso3", "period": "session"})
    j = reference.merge(est[["iso3", "session", "ideal_point", "n_votes"]], on=["iso3", "session"], how="inner")
    j = j.sort_values("n_votes", ascending=False, kind="stable").drop_duplicates(["ccode", "session"])
    pooled = float(np.corrcoef(j["ideal_point"], j["ref"])[0, 1])
    g = j.groupby("session")
    per = pd.DataFrame({"n": g.size()})
    per["r"] = g.apply(lambda d: float(np.corrcoef(d["ideal_point"], d["ref"])[0, 1]) if len(d) > 2 else np.nan)
    per.attrs["pooled_r"] = pooled
    per.attrs["n_matched"] = len(j)
    per.attrs["matched"] = j
    return per
