"""Pair the roll calls of two records one to one: :func:`match_roll_calls`.

Two releases of the General Assembly record (Voeten's data and the UN
Digital Library, an older and a newer scrape...) describe the same votes with
different symbols, dates and vote lists. The matcher pairs them by resolution
symbol, date and vote vector, and says for every roll call how it was paired
(or why not) and which fields differ. ``record.update()`` and the build of the
embedded record (``datasets/build.py``) both use it.

The algorithm and its thresholds are documented in :func:`match_roll_calls`
and in docs/methods.md ("Matching two records").
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ._types import VotingRecordLike as VotingRecord  # not from .core: core imports this module

__all__ = ["match_roll_calls", "split_symbol", "MATCH_STATUSES"]

#: Largest date difference (days) between two roll calls that may pair. Voeten's dates before 2000 are
#: up to 30 days before the official meeting date (issue 13); 45 leaves room without reaching the next
#: part of a session.
WINDOW_DAYS = 45
#: Lowest vote similarity for a pair with the same resolution symbol (see ``score`` below). A whole
#: resolution and a paragraph vote on it share the symbol but not the vote vector.
MIN_SCORE_SYMBOL = 0.80
#: Lowest vote similarity for a pair made on the votes alone (the symbols differ or one is missing).
MIN_SCORE_VOTES = 0.90
#: A pair made on the votes alone must beat every other candidate of both roll calls by this much.
MIN_MARGIN = 0.02

#: The statuses of a match-table row.
MATCH_STATUSES = ("exact", "date_window", "votes", "ambiguous", "only_a", "only_b")

_WHOLE = {"resolution", "decision"}
_PART = {"paragraph", "amendment"}
_CAST = ("yes", "no", "abstain")


def split_symbol(symbol: str) -> tuple[str, tuple[str, ...]]:
    """Split a resolution symbol into its base and its parts.

    Case, spaces and brackets are ignored; ``"A-C"`` is the range A, B, C.

    Parameters
    ----------
    symbol : str
        For example ``"A/RES/75/254 A-C"``, ``"A/RES/217(III) A"`` or
        ``"A/RES/33/13[C]"``.

    Returns
    -------
    (str, tuple of str)
        The base key (upper case, no spaces or brackets) and the parts
        (empty for a resolution without parts).

    Examples
    --------
    >>> split_symbol("A/RES/75/254 A-C")
    ('A/RES/75/254', ('A', 'B', 'C'))
    >>> split_symbol("A/RES/217(III) A"), split_symbol("A/RES/33/13[C]")
    (('A/RES/217(III)', ('A',)), ('A/RES/33/13', ('C',)))
    >>> split_symbol("A/RES/ES-11/7")
    ('A/RES/ES-11/7', ())
    """
    s = re.sub(r"[\s\[\]]", "", str(symbol or "")).upper()
    m = re.fullmatch(r"(.*?/\d+(?:\([IVXLCDM]+(?:-[IVXLCDM]+)?\)|\([A-Z]+-[IVXLCDM]+\))?)([A-Z]{1,2})?(?:-([A-Z]))?", s)
    if not m or not m[2]:
        return s, ()
    first, last = m[2], m[3]
    if last and len(first) == 1 and first <= last:
        return m[1], tuple(chr(c) for c in range(ord(first), ord(last) + 1))
    return m[1], (first,) if not last else (first, last)


def _symbol_keys(symbols: pd.Series) -> pd.Series:
    """One key per (base, part); a range "A-C" gives three keys, a symbol without parts one."""
    out: list[tuple[str, ...]] = []
    for s in symbols.fillna("").astype(str):
        if not s.strip():
            out.append(())
            continue
        base, parts = split_symbol(s)
        out.append(tuple(base + p for p in parts) if parts else (base,))
    return pd.Series(out, index=symbols.index, dtype=object)


def _vote_matrix(votes: pd.DataFrame, rcids: np.ndarray, states: pd.Index) -> np.ndarray:
    """int8 matrix (roll call x state): 0 no row, 1 yes, 2 no, 3 abstain, 4 absent."""
    m = np.zeros((len(rcids), len(states)), dtype=np.int8)
    pos = pd.Index(rcids).get_indexer(votes["rcid"])
    col = states.get_indexer(votes["state"].astype(str))
    code = pd.Categorical(votes["vote"].astype(str), categories=["yes", "no", "abstain", "absent"]).codes + 1
    ok = (pos >= 0) & (col >= 0) & (code > 0)
    m[pos[ok], col[ok]] = code[ok]
    return m


def _scores(ma: np.ndarray, mb: np.ndarray) -> np.ndarray:
    """Vote similarity of every pair: states casting the same vote / states casting a vote on either side."""
    out = np.zeros((len(ma), len(mb)))
    agree = np.zeros_like(out)
    for c in (1, 2, 3):
        a = (ma == c).astype(np.float32)
        b = (mb == c).astype(np.float32)
        agree += a @ b.T
    ca = ((ma >= 1) & (ma <= 3)).astype(np.float32)
    cb = ((mb >= 1) & (mb <= 3)).astype(np.float32)
    union = ca.sum(1)[:, None] + cb.sum(1)[None, :] - ca @ cb.T
    np.divide(agree, union, out=out, where=union > 0)
    return out


def _candidates(a: pd.DataFrame, b: pd.DataFrame, ma, mb, window: int) -> pd.DataFrame:
    """Every pair within `window` days, with its score, symbol agreement and kind compatibility."""
    da = a["date"].to_numpy(dtype="datetime64[D]").astype(np.int64)
    db = b["date"].to_numpy(dtype="datetime64[D]").astype(np.int64)
    order_b = np.argsort(db, kind="stable")
    db_sorted = db[order_b]
    rows = []
    # blocks of about 200 roll calls of `a`, each against the roll calls of `b` in its date range
    order_a = np.argsort(da, kind="stable")
    for start in range(0, len(order_a), 200):
        ia = order_a[start:start + 200]
        lo = np.searchsorted(db_sorted, da[ia].min() - window, "left")
        hi = np.searchsorted(db_sorted, da[ia].max() + window, "right")
        ib = order_b[lo:hi]
        if len(ib) == 0:
            continue
        sc = _scores(ma[ia], mb[ib])
        days = db[ib][None, :] - da[ia][:, None]
        ii, jj = np.nonzero(np.abs(days) <= window)
        rows.append(pd.DataFrame({"ia": ia[ii], "ib": ib[jj], "days": days[ii, jj], "score": sc[ii, jj]}))
    if not rows:
        return pd.DataFrame(columns=["ia", "ib", "days", "score", "same_symbol", "exact_symbol", "compatible"])
    c = pd.concat(rows, ignore_index=True)
    ea = a["_keys"].reset_index(drop=True).explode().dropna().rename("key").rename_axis("ia").reset_index()
    eb = b["_keys"].reset_index(drop=True).explode().dropna().rename("key").rename_axis("ib").reset_index()
    shared = ea.merge(eb, on="key")[["ia", "ib"]].drop_duplicates()
    c = c.merge(shared.assign(same_symbol=True), on=["ia", "ib"], how="left")
    c["same_symbol"] = c["same_symbol"].fillna(False).astype(bool)
    ka, kb = a["_keys"].to_numpy(), b["_keys"].to_numpy()
    s = c["same_symbol"].to_numpy()
    exact = np.zeros(len(c), dtype=bool)
    exact[s] = [ka[i] == kb[j] for i, j in zip(c["ia"].to_numpy()[s], c["ib"].to_numpy()[s])]
    c["exact_symbol"] = exact
    kind_a = a["_kind"].to_numpy()[c["ia"].to_numpy()]
    kind_b = b["_kind"].to_numpy()[c["ib"].to_numpy()]
    c["compatible"] = ~((np.isin(kind_a, list(_WHOLE)) & np.isin(kind_b, list(_PART)))
                        | (np.isin(kind_a, list(_PART)) & np.isin(kind_b, list(_WHOLE))))
    return c


def _tied(c: pd.DataFrame) -> np.ndarray:
    """Pairs whose roll call on either side has another candidate with the same score and date gap."""
    key = c.assign(_abs=c["days"].abs(), _s=c["score"].round(9) + c["exact_symbol"] * 10.0)
    out = np.zeros(len(c), dtype=bool)
    for side in ("ia", "ib"):
        best = key.groupby(side)["_s"].transform("max")
        top = key[key["_s"] == best]
        near = top.groupby(side)["_abs"].transform("min")
        top = top[top["_abs"] == near]
        dup = top[top.duplicated(side, keep=False)]
        out |= key.index.isin(dup.index) | key[side].isin(dup[side]).to_numpy()
    return out


def _greedy(c: pd.DataFrame, taken_a: set, taken_b: set) -> list[tuple[int, int]]:
    """One-to-one pairs from candidates, best score first, then the nearest date."""
    out = []
    c = c.assign(_abs=c["days"].abs()).sort_values(["exact_symbol", "score", "_abs"], ascending=[False, False, True],
                                                   kind="stable")
    for i, j in zip(c["ia"].to_numpy(), c["ib"].to_numpy()):
        if i not in taken_a and j not in taken_b:
            taken_a.add(i)
            taken_b.add(j)
            out.append((int(i), int(j)))
    return out


def _best(free: pd.DataFrame, side: str, other: str, margin: float) -> pd.Series:
    """For each roll call of `side`, its best candidate when it beats the second best by `margin`."""
    s = free.sort_values([side, "score"], ascending=[True, False], kind="stable")
    rank = s.groupby(side, sort=False).cumcount()
    first = s[rank == 0].set_index(side)
    second = s[rank == 1].set_index(side)["score"]
    gap = first["score"] - second.reindex(first.index).fillna(-1.0)
    return first.loc[gap >= margin, other]


def _mutual_best(c: pd.DataFrame, taken_a: set, taken_b: set, min_score: float, margin: float):
    """Pairs scoring at least `min_score` that are each other's best candidate by `margin` (repeated)."""
    pairs: list[tuple[int, int]] = []
    while True:
        free = c[~c["ia"].isin(taken_a) & ~c["ib"].isin(taken_b)]
        best_a = _best(free, "ia", "ib", margin)
        best_b = _best(free, "ib", "ia", margin)
        ok = free.set_index(["ia", "ib"])["score"]
        mutual = [(int(i), int(j)) for i, j in best_a.items()
                  if best_b.get(j) == i and ok.get((i, j), 0.0) >= min_score]
        if not mutual:
            return pairs, free[free["score"] >= min_score]
        for i, j in mutual:
            taken_a.add(i)
            taken_b.add(j)
        pairs += mutual


def _prepare(rec) -> tuple[pd.DataFrame, pd.DataFrame]:
    rc = rec.roll_calls
    t = pd.DataFrame({
        "rcid": rc["rcid"].to_numpy(),
        "symbol": rc["symbol"].fillna("").astype(str).to_numpy(),
        "date": pd.to_datetime(rc["date"]).to_numpy(),
        "session": rc["session"].to_numpy() if "session" in rc else np.nan,
        "title": rc["title"].fillna("").astype(str).to_numpy() if "title" in rc else "",
        "_kind": rc["kind"].astype(object).fillna("unknown").to_numpy() if "kind" in rc else "unknown",
    })
    t["_keys"] = _symbol_keys(t["symbol"])
    return t, rec.votes


def _norm_title(s: pd.Series) -> pd.Series:
    return s.fillna("").astype(str).str.lower().str.replace(r"[^a-z0-9]+", " ", regex=True).str.strip()


def _differing(a, b, ia, ib, ma, mb) -> tuple[list[str], np.ndarray]:
    """Fields that differ on each pair, and the number of states whose vote (or row) differs."""
    n = len(ia)
    fields: list[list[str]] = [[] for _ in range(n)]
    ka = a["_keys"].to_numpy()[ia]
    kb = b["_keys"].to_numpy()[ib]
    checks = {
        "symbol": np.array([x != y for x, y in zip(ka, kb)], dtype=bool),
        "date": a["date"].to_numpy()[ia] != b["date"].to_numpy()[ib],
        "session": a["session"].to_numpy()[ia] != b["session"].to_numpy()[ib],
    }
    ta = _norm_title(a["title"]).to_numpy()[ia]
    tb = _norm_title(b["title"]).to_numpy()[ib]
    checks["title"] = (ta != "") & (tb != "") & (ta != tb)
    n_votes = (ma[ia] != mb[ib]).sum(axis=1) if n else np.zeros(0, dtype=int)
    checks["votes"] = n_votes > 0
    for name, flag in checks.items():
        for k in np.flatnonzero(flag):
            fields[k].append(name)
    return [" ".join(f) for f in fields], n_votes


def match_roll_calls(
    a: VotingRecord,
    b: VotingRecord,
    *,
    window_days: int = WINDOW_DAYS,
    min_score_symbol: float = MIN_SCORE_SYMBOL,
    min_score_votes: float = MIN_SCORE_VOTES,
    min_margin: float = MIN_MARGIN,
) -> pd.DataFrame:
    """Pair the roll calls of two records one to one, and say what differs.

    The algorithm, in order (each roll call is paired at most once):

    1. **Candidates.** Every pair of roll calls whose dates are at most
       `window_days` apart (default 45: Voeten's dates before 2000 are up to
       30 days before the official meeting date). A vote on a whole
       resolution or decision pairs with a paragraph or amendment vote
       (``kind`` of the two roll calls) only if its score reaches
       `min_score_votes`, even with the same symbol: Voeten's flags are
       sometimes wrong (A/RES/194(III) is coded an amendment and A/RES/217(III)
       A a paragraph vote, with vote vectors identical to the UN's). Where
       ``kind`` is unknown, the score floors below keep them apart.
    2. **Score.** The vote similarity of a pair: states casting the same
       vote (yes, no or abstain) on both sides, divided by the states casting
       a vote on at least one side. Absent and non-member rows count only in
       the denominator when the other side has a vote there, so a state
       recorded as voting where the other record has it absent lowers the
       score.
    3. **By symbol.** Pairs with a common normalised symbol (case, spaces and
       brackets ignored; parts A, B, [A]; a range ``"A-C"`` stands for A, B
       and C) and a score of at least `min_score_symbol` (0.80) are taken:
       first those whose symbols are equal (not only overlapping: A/RES/75/254
       A pairs with the UN's A rather than its "A-C"), then the best score,
       then the nearest date. Status ``exact`` when the
       dates agree, ``date_window`` when they do not. A roll call whose best
       candidates tie (same score, same date gap) is left to the next steps.
    4. **By votes.** Among the roll calls still unpaired, a pair whose score
       is at least `min_score_votes` (0.90) is taken when each roll call is
       the other's best candidate by at least `min_margin` (0.02); this step
       repeats until it finds no pair. Status ``votes``. It pairs roll calls
       whose symbol is wrong or missing on one side (Voeten's numbers before
       1975).
    5. **Ambiguous.** A roll call left with a candidate scoring at least
       `min_score_votes` (a tie: identical vote vectors, as several parts of
       one resolution often have) is ``ambiguous`` and paired with nothing.
    6. **Only in one.** Every other roll call is ``only_a`` or ``only_b``.

    Parameters
    ----------
    a, b : VotingRecord
        The two records (for example the embedded record and the one
        :func:`unvotes.read_undl` returns). ``roll_calls`` needs ``rcid``,
        ``date`` and ``symbol``; ``session``, ``title`` and ``kind`` are used
        when present.
    window_days : int, default 45
        Largest date difference of a pair, in days.
    min_score_symbol, min_score_votes : float, default 0.80 and 0.90
        Lowest vote similarity (0 to 1) of a pair made with and without a
        common symbol.
    min_margin : float, default 0.02
        How much better than every other candidate a pair made on the votes
        alone must score.

    Returns
    -------
    pandas.DataFrame
        One row per pair and per unpaired roll call of either record, with
        columns ``status`` (one of ``MATCH_STATUSES``), ``rcid_a``,
        ``rcid_b`` (``<NA>`` on the side without a roll call), ``symbol_a``,
        ``symbol_b``, ``date_a``, ``date_b``, ``days`` (date b minus date
        a), ``score`` (vote similarity; NaN if unpaired), ``n_votes_differ``
        (states whose vote or row differs, incl. absent and non-member), and
        ``differs`` (the differing fields, space-separated, among ``symbol
        date session title votes``; titles only when both sides have one).
        Ordered by status, then date.

    Raises
    ------
    TypeError
        If `a` or `b` is not a VotingRecord.

    References
    ----------
    Thresholds were set on the UN Digital Library scrape ``UN_DATA.csv.zip``
    against Voeten's data (R unvotes 0.3.0); the figures are in
    docs/methods.md. Voeten's date and symbol problems: DATA-NOTES.md §1,
    issue 13.

    Examples
    --------
    The real ES-11 votes against a copy with A/RES/ES-11/8 dated a day late
    and A/RES/ES-11/9 without its symbol:

    >>> import unvotes
    >>> rec = unvotes.load().select(special_session="ES-11")
    >>> rc = rec.roll_calls.copy()
    >>> rc.loc[rc["symbol"] == "A/RES/ES-11/8", "date"] += pd.Timedelta(days=1)
    >>> rc.loc[rc["symbol"] == "A/RES/ES-11/9", "symbol"] = ""
    >>> other = unvotes.VotingRecord(rc, rec.votes)
    >>> m = match_roll_calls(rec, other)
    >>> m["status"].astype(str).value_counts().to_dict()
    {'exact': 7, 'date_window': 1, 'votes': 1}
    >>> m.loc[m["status"] != "exact", ["symbol_a", "days", "differs"]].values.tolist()
    [['A/RES/ES-11/8', 1, 'date'], ['A/RES/ES-11/9', 0, 'symbol']]
    """
    return _match(a, b, window_days, min_score_symbol, min_score_votes, min_margin)


def _match(a, b, window_days, min_score_symbol, min_score_votes, min_margin) -> pd.DataFrame:
    """The steps of :func:`match_roll_calls`."""
    for x, name in ((a, "a"), (b, "b")):
        if not (hasattr(x, "roll_calls") and hasattr(x, "votes")):
            raise TypeError(f"`{name}` must be a VotingRecord (from unvotes.load(), read_undl() or read_voeten()), "
                            f"got {type(x).__name__}; if you have (record, report) from a reader, pass the record")
    ta, va = _prepare(a)
    tb, vb = _prepare(b)
    states = pd.Index(sorted(set(va["state"].astype(str)) | set(vb["state"].astype(str))))
    ma = _vote_matrix(va, ta["rcid"].to_numpy(), states)
    mb = _vote_matrix(vb, tb["rcid"].to_numpy(), states)
    c = _candidates(ta, tb, ma, mb, window_days)
    # a whole resolution and a paragraph or amendment vote pair only on near-identical votes
    floor = np.where(c["compatible"], min_score_symbol, min_score_votes)
    c = c[c["compatible"] | (c["score"] >= min_score_votes)]
    floor = floor[c.index]
    taken_a: set = set()
    taken_b: set = set()
    sym = c[c["same_symbol"] & (c["score"] >= floor)]
    by_symbol = _greedy(sym[~_tied(sym)], taken_a, taken_b)
    by_votes, left = _mutual_best(c, taken_a, taken_b, min_score_votes, min_margin)
    amb_a = sorted(set(left["ia"]))
    amb_b = sorted(set(left["ib"]))
    return _table(ta, tb, ma, mb, c, by_symbol, by_votes, amb_a, amb_b)


def _table(ta, tb, ma, mb, c, by_symbol, by_votes, amb_a, amb_b) -> pd.DataFrame:
    score = dict(zip(zip(c["ia"].to_numpy(), c["ib"].to_numpy()), c["score"].to_numpy()))
    pairs = by_symbol + by_votes
    ia = np.array([p[0] for p in pairs], dtype=int)
    ib = np.array([p[1] for p in pairs], dtype=int)
    differs, n_votes = _differing(ta, tb, ia, ib, ma, mb)
    days = (tb["date"].to_numpy()[ib] - ta["date"].to_numpy()[ia]).astype("timedelta64[D]").astype(np.int64)
    status = np.where(np.arange(len(pairs)) < len(by_symbol), np.where(days == 0, "exact", "date_window"), "votes")
    paired = pd.DataFrame({
        "status": status, "rcid_a": ta["rcid"].to_numpy()[ia], "rcid_b": tb["rcid"].to_numpy()[ib],
        "symbol_a": ta["symbol"].to_numpy()[ia], "symbol_b": tb["symbol"].to_numpy()[ib],
        "date_a": ta["date"].to_numpy()[ia], "date_b": tb["date"].to_numpy()[ib], "days": days,
        "score": [score[p] for p in pairs], "n_votes_differ": n_votes, "differs": differs,
    })
    used_a = set(ia.tolist()) | set(amb_a)
    used_b = set(ib.tolist()) | set(amb_b)
    single = []
    for t, side, idx, st in ((ta, "a", amb_a, "ambiguous"), (tb, "b", amb_b, "ambiguous"),
                             (ta, "a", [i for i in range(len(ta)) if i not in used_a], "only_a"),
                             (tb, "b", [i for i in range(len(tb)) if i not in used_b], "only_b")):
        idx = np.asarray(idx, dtype=int)
        single.append(pd.DataFrame({
            "status": st, f"rcid_{side}": t["rcid"].to_numpy()[idx], f"symbol_{side}": t["symbol"].to_numpy()[idx],
            f"date_{side}": t["date"].to_numpy()[idx],
        }))
    out = pd.concat([paired, *single], ignore_index=True)
    out["rcid_a"] = out["rcid_a"].astype("Int64")
    out["rcid_b"] = out["rcid_b"].astype("Int64")
    out["days"] = out["days"].astype("Int64")
    out["n_votes_differ"] = out["n_votes_differ"].astype("Int64")
    out["status"] = pd.Categorical(out["status"], categories=list(MATCH_STATUSES))
    out["_d"] = out["date_a"].fillna(out["date_b"])
    out = out.sort_values(["status", "_d", "rcid_a", "rcid_b"], kind="stable").drop(columns="_d")
    return out.reset_index(drop=True)
