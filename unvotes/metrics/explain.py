"""Why an agreement score changed: the mix of roll calls versus changed votes.

:func:`explain_change` splits the change of a pair's agreement between two
periods into two parts that add up to it exactly:

- **changed votes** (``behaviour``): on resolutions voted in both periods (the
  same :attr:`~unvotes.VotingRecord.lineage`), the pair agreed more or less
  than before;
- **mix**: the periods voted on different resolutions, or on the same ones in
  other proportions (a resolution dropped, a new one added, one voted in
  several parts).

The split is a shift-share (Kitagawa-Oaxaca-Blinder style) decomposition with
symmetric weights, so it depends on neither period being the "base". With
``g`` the lineages, ``w_g`` and ``w'_g`` their shares of the counted votes
before and after, ``s_g`` and ``s'_g`` the pair's agreement on them, and ``A``
the agreement before::

    A' - A = sum over g in both periods:   (w'_g - w_g) (avg(s_g, s'_g) - A)   [mix]
                                          + avg(w_g, w'_g) (s'_g - s_g)        [changed votes]
           + sum over g only after:        w'_g (s'_g - A)                      [mix]
           - sum over g only before:       w_g (s_g - A)                        [mix]

A lineage that is new in the later period therefore lowers the score through
the mix exactly when the pair agrees on it less than it agreed on average
before. The parts are broken down by lineage, by issue code (a lineage with
several codes shares its part equally among them; one with none is "none")
and by roll call (a lineage's part shared among its roll calls in proportion
to their counted votes).

References
----------
Kitagawa, E. M. (1955). Components of a difference between two rates.
*Journal of the American Statistical Association*, 50(272), 1168-1194.
Bailey, M. A., Strezhnev, A., & Voeten, E. (2017). Estimating dynamic state
preferences from United Nations voting data. *Journal of Conflict Resolution*,
61(2), 430-456 (identical resolutions across sessions as bridges).
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import _filters, _pairs
from ._measures import _resolve_measure
from .pairwise import agreement
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable
    from ..record._types import StateLike, StrsLike
    from ..record.core import VotingRecord

__all__ = ["ChangeExplanation", "explain_change"]

_ISSUE_NAMES = dict(_filters.ISSUES, none="no issue code")
_VOTE_NAMES = {1: "yes", 2: "abstain", 3: "no", 8: "absent", 9: "non_member"}


@dataclass(frozen=True)
class ChangeExplanation:
    """The result of :func:`explain_change`.

    Attributes
    ----------
    a, b : str
        The two units (ISO3 codes; `b` may be a bloc id).
    measure : str
        The measure (a preset of :data:`unvotes.MEASURES`).
    before, after : float
        Agreement in the earlier and the later period (equal to what
        :func:`unvotes.agreement` gives for the pair).
    n_before, n_after : int
        Roll calls counted in each period.
    change, mix, behaviour : float
        ``after - before`` and its two parts (``mix + behaviour == change`` up to rounding).
    periods : tuple
        The two periods as given.
    by_issue : pandas.DataFrame
        Columns ``issue`` (code), ``label``, ``mix``, ``behaviour``, ``total``,
        sorted by ``total``; sums to ``change``.
    by_lineage : pandas.DataFrame
        One row per lineage: ``lineage_id``, ``title``, ``symbol_before``,
        ``symbol_after``, ``n_before``, ``n_after`` (roll calls), ``before``,
        ``after`` (the pair's agreement on it; NaN where not voted), ``mix``,
        ``behaviour``, ``total``, ``issues``; sorted by ``total``.
    roll_calls : pandas.DataFrame
        One row per counted roll call: ``period`` ("before"/"after"), ``rcid``,
        ``date``, ``symbol``, ``title``, ``lineage_id``, ``vote_a``, ``vote_b``
        (for a bloc: the bloc's most common vote), ``agreement`` (the pair's
        score on it), ``weight`` (votes counted: 1 for two states, the members
        counted for a bloc), ``contribution``; sorted by ``contribution``.
    """

    a: str
    b: str
    measure: str
    periods: tuple
    before: float
    after: float
    n_before: int
    n_after: int
    change: float
    mix: float
    behaviour: float
    by_issue: pd.DataFrame
    by_lineage: pd.DataFrame
    roll_calls: pd.DataFrame

    def summary(self, top: int = 3) -> str:
        """A few sentences a reader can check: the change, its two parts and the largest issue parts.

        Parameters
        ----------
        top : int, default 3
            Issues named.

        Returns
        -------
        str
        """
        p0, p1 = (_period_text(p) for p in self.periods)
        rc = self.roll_calls
        both = set(self.by_lineage.loc[(self.by_lineage.n_before > 0) & (self.by_lineage.n_after > 0), "lineage_id"])
        rep = rc["lineage_id"].isin(both)

        def mean(mask):
            w = rc.loc[mask, "weight"]
            return float((rc.loc[mask, "agreement"] * w).sum() / w.sum()) if w.sum() > 0 else float("nan")

        r0, r1 = rep & (rc.period == "before"), rep & (rc.period == "after")
        new1, gone0 = ~rep & (rc.period == "after"), ~rep & (rc.period == "before")
        verb = "fell" if self.change < 0 else "rose"
        from ..record.states import _display_name

        a, b = _display_name(self.a), _display_name(self.b)
        lines = [
            f"{a}-{b} agreement ({self.measure}) {verb} from {self.before:.2f} in {p0} "
            f"({self.n_before} roll calls) to {self.after:.2f} in {p1} ({self.n_after}): {self.change:+.2f}.",
            f"On the {len(both)} resolutions voted in both ({int(r0.sum())} roll calls in {p0}, {int(r1.sum())} in "
            f"{p1}) it went from {mean(r0):.2f} to {mean(r1):.2f}: changed votes {self.behaviour:+.2f}.",
            f"The other {int(new1.sum())} roll calls of {p1} (agreement {mean(new1):.2f}) and {int(gone0.sum())} of "
            f"{p0} not voted again (agreement {mean(gone0):.2f}) make the mix: {self.mix:+.2f}.",
        ]
        worst = self.by_issue.head(top)
        lines.append("Largest parts by issue: " + "; ".join(
            f"{r.label} {r.total:+.2f} (changed votes {r.behaviour:+.2f}, mix {r.mix:+.2f})"
            for r in worst.itertuples()) + ".")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (f"<ChangeExplanation {self.a}-{self.b} {self.measure}: {self.before:.3f} -> {self.after:.3f} "
                f"({self.change:+.3f} = mix {self.mix:+.3f} + changed votes {self.behaviour:+.3f})>")


def _period_text(p) -> str:
    return f"{p[0]}-{p[1]}" if isinstance(p, tuple) else str(p)


def _years(period, name):
    if isinstance(period, (int, np.integer)) and not isinstance(period, bool):
        return int(period), int(period)
    if isinstance(period, tuple) and len(period) == 2 and all(isinstance(x, (int, np.integer)) for x in period):
        if period[0] > period[1]:
            raise ValueError(f"`{name}` runs backwards: {period!r}; give (first, last) with first <= last")
        return int(period[0]), int(period[1])
    raise TypeError(f"`{name}` must be a year (int) or a (first, last) tuple of years, got {period!r}")


def _pair_scores(M, a_idx, b_unit, spec, drop_unanimous):
    """Per roll call numerator and denominator of the agreement of unit a with unit b."""
    Z, _, Mem = _pairs._indicators(M)
    Za, Mema = Z[:, :, a_idx], Mem[:, a_idx]
    if isinstance(b_unit, np.ndarray):  # bloc membership (r, s): count the members, a itself left out
        W = b_unit.astype(Z.dtype)
        W[:, a_idx] = 0
        Zb, Memb = np.einsum("rcs,rs->rc", Z, W), (Mem * W).sum(axis=1)
    else:
        Zb, Memb = Z[:, :, b_unit], Mem[:, b_unit]
    T = np.einsum("rx,ry->xyr", Za.astype(np.float64), Zb.astype(np.float64))
    value, den = _pairs._value(_pairs._stats_from_tables(T, Mema * Memb), spec)
    den = np.asarray(den, dtype=np.float64)
    if drop_unanimous:
        den = np.where(_pairs._unanimous_rows(M), 0.0, den)
    num = np.where(den > 0, np.nan_to_num(value) * den, 0.0)
    return num, den, Zb


def explain_change(
    record: VotingRecord,
    a: StateLike,
    b: StateLike | Iterable[StateLike],
    before: int | tuple[int, int],
    after: int | tuple[int, int],
    *,
    measure: str | None = None,
    kinds: StrsLike | None = None,
    issue: StrsLike | None = None,
) -> ChangeExplanation:
    """Explain the change of agreement between two states (or a state and a bloc) between two periods.

    Splits ``after - before`` into the part due to changed votes on the same
    resolutions (the same :attr:`~unvotes.VotingRecord.lineage` voted in both
    periods) and the part due to the mix of roll calls, and breaks both down by
    issue, by lineage and by roll call. The decomposition is exact and
    symmetric; its formula is in the module docstring and ``docs/methods.md``.

    Parameters
    ----------
    record : unvotes.VotingRecord
        The record (the two periods are selected from it; lineages are found among their roll calls).
    a : str
        ISO 3166-1 alpha-3 code of the first state (e.g. ``"USA"``).
    b : str or list of str
        ISO3 code of the second state, or a bloc: a bloc id of :mod:`unvotes.blocs`
        (dated membership, e.g. ``"G7"``) or a list of ISO3 codes; `a` is left
        out of the bloc's members.
    before, after : int or tuple of (int, int)
        The two periods: a calendar year, or (first, last) years inclusive.
    measure : str, optional
        Default: the default of :func:`unvotes.agreement`. A measure of the
        agreement family or the S-score (``"percent"``,
        ``"yes_no"``, ``"lijphart"``, ``"voeten"``, ``"state_dept_*"``,
        ``"s_score"``...): those whose period value is a weighted mean of
        per-roll-call scores. ``"kappa"`` and ``"pi"`` (chance-corrected) do
        not split by roll call and are refused.
    kinds, issue
        Roll-call filters as in :func:`unvotes.agreement`.

    Returns
    -------
    ChangeExplanation
        ``before``, ``after``, ``change``, ``mix``, ``behaviour`` and the tables
        ``by_issue``, ``by_lineage``, ``roll_calls`` (columns in its docstring).

    Raises
    ------
    TypeError
        For a period that is neither a year nor a (first, last) tuple of years.
    ValueError
        For a measure that does not decompose (kappa, pi), a period running
        backwards, a period with no roll call the pair shares, or `a` and `b`
        the same state.
    unvotes.UnknownStateError
        For a state (or a `b` that is neither a state nor a bloc id) not in
        the record; the message gives close names.
    unvotes.StateNotMemberError
        For a state that held no seat in one of the periods; the message names
        the seat's holder then (SUN -> RUS).

    References
    ----------
    Kitagawa, E. M. (1955). Components of a difference between two rates.
    *Journal of the American Statistical Association*, 50(272), 1168-1194
    (the symmetric decomposition). The lineage rule: :mod:`unvotes.record.lineage`.

    Examples
    --------
    >>> import unvotes
    >>> r = unvotes.load()
    >>> ex = unvotes.explain_change(r, "USA", "GBR", 2024, 2025)
    >>> round(ex.before, 2), round(ex.after, 2)
    (0.79, 0.28)
    >>> abs(round(ex.mix + ex.behaviour - ex.change, 12))
    0.0
    """
    _filters.check_record(record, "explain_change")
    if measure is None:
        measure = inspect.signature(agreement).parameters["measure"].default
    spec, drop_u, default_kinds = _resolve_measure(measure, None, None, None, None, kinds)
    if spec["stat"] not in ("agreement", "s"):
        raise ValueError(f"measure {measure!r} is chance-corrected and does not split by roll call; "
                         f"use an agreement measure such as 'percent', 'lijphart' or 's_score'")
    (y0, y1), (z0, z1) = _years(before, "before"), _years(after, "after")
    rc, M, cols = _filters.prepare(record, "explain_change", kinds=kinds, issue=issue, default_kinds=default_kinds)
    year = rc["date"].dt.year.to_numpy()
    period = np.where((year >= y0) & (year <= y1), 0, np.where((year >= z0) & (year <= z1), 1, -1))
    keep = period >= 0
    rc, M, period = rc.loc[keep].reset_index(drop=True), M[keep], period[keep]
    a_idx = int(_filters.state_positions(cols, [a], "a")[0])
    b_unit, b_name = _b_unit(record, b, rc, cols)
    _require_members(M, period, a_idx, str(cols[a_idx]), (before, after), rc)
    if not isinstance(b_unit, np.ndarray):
        _require_members(M, period, b_unit, b_name, (before, after), rc)
        if b_unit == a_idx:
            raise ValueError(f"`a` and `b` are the same state ({b_name}): its agreement with itself is 1 in every "
                             "period; compare two states, or a state with a bloc")
    num, den, Zb = _pair_scores(M, a_idx, b_unit, spec, drop_u)
    counted = den > 0
    for k, name, p in ((0, "before", before), (1, "after", after)):
        if not counted[period == k].any():
            raise ValueError(f"{a} and {b_name} share no counted roll call in `{name}` = {p!r}")
    if isinstance(b_unit, np.ndarray):  # the bloc's most common position (yes, abstain, no)
        vote_b = np.array(["yes", "abstain", "no"], dtype=object)[Zb.argmax(axis=1)]
    else:
        vote_b = np.array([_VOTE_NAMES[int(v)] for v in M[:, b_unit]], dtype=object)
    df, parts = _decompose(rc, M, cols, period, num, den, counted)
    return _result(str(cols[a_idx]), b_name, measure, (before, after), rc, M, a_idx, vote_b, period, num, den, counted, df, parts)


def _b_unit(record, b, rc, cols):
    """The second unit: a state (by name, code or number) or, failing that, a bloc."""
    from .. import errors

    if isinstance(b, str):
        try:
            pos = int(_filters.state_positions(cols, [b], "b")[0])
            return pos, str(cols[pos])
        except errors.UnknownStateError as not_state:
            try:
                W, names = _filters.bloc_membership(b, rc["date"].to_numpy(), cols, "b")
            except errors.UnknownBlocError:
                raise errors.UnknownStateError(
                    f"{not_state}; it is not a bloc id either (unvotes.list_blocs() lists them)",
                    key=b, suggestions=getattr(not_state, "suggestions", [])) from None
    else:
        W, names = _filters.bloc_membership(b, rc["date"].to_numpy(), cols, "b")
    if len(names) != 1:
        raise ValueError(f"`b` must be one state or one bloc, got {len(names)} blocs ({list(names)})")
    return np.asarray(W[:, :, 0], dtype=bool), str(names[0])


def _require_members(M, period, idx, code, periods, rc):
    """StateNotMemberError when the state of column `idx` held no seat on the roll calls of a period."""
    for k, p in enumerate(periods):
        rows = period == k
        _filters.require_member(rc.loc[rows], M[rows, idx], code, code, when=_period_text(p),
                                role="so its agreement there cannot be explained", param="", held="then")


def _decompose(rc, M, cols, period, num, den, counted):
    """Lineage-level shares, scores and the mix / changed-votes parts.

    The lineage is found among the roll calls of the two periods only (the rule of
    :mod:`unvotes.record.lineage`, which links each roll call to the latest earlier session holding
    its key): the same groups as the whole record's lineage for the comparison, at a fraction of the
    cost; ``lineage_id`` is the smallest rcid of the chain among these roll calls.
    """
    from ..record.lineage import lineage

    matrix = pd.DataFrame(M, index=pd.Index(rc["rcid"].to_numpy(), name="rcid"), columns=cols)
    lin = lineage(rc, matrix).set_index("rcid")["lineage_id"]
    group = lin.reindex(rc["rcid"].to_numpy()).fillna(pd.Series(rc["rcid"].to_numpy(), index=rc["rcid"].to_numpy()))
    df = pd.DataFrame({"g": group.to_numpy(dtype=np.int64), "p": period, "num": num, "den": den})[counted]
    agg = df.groupby(["g", "p"])[["num", "den"]].sum().unstack("p", fill_value=0.0)
    D0, D1 = df.loc[df.p == 0, "den"].sum(), df.loc[df.p == 1, "den"].sum()
    A0 = df.loc[df.p == 0, "num"].sum() / D0
    n0, n1 = agg[("den", 0)].to_numpy(), agg[("den", 1)].to_numpy()
    w0, w1 = n0 / D0, n1 / D1
    s0 = np.divide(agg[("num", 0)].to_numpy(), n0, out=np.full(len(n0), np.nan), where=n0 > 0)
    s1 = np.divide(agg[("num", 1)].to_numpy(), n1, out=np.full(len(n1), np.nan), where=n1 > 0)
    both, only1, only0 = (n0 > 0) & (n1 > 0), (n0 == 0), (n1 == 0)
    mix = np.zeros(len(n0))
    beh = np.zeros(len(n0))
    mix[both] = (w1[both] - w0[both]) * ((s0[both] + s1[both]) / 2 - A0)
    beh[both] = (w0[both] + w1[both]) / 2 * (s1[both] - s0[both])
    mix[only1] = w1[only1] * (s1[only1] - A0)
    mix[only0] = -w0[only0] * (s0[only0] - A0)
    parts = pd.DataFrame({"lineage_id": agg.index.to_numpy(), "before": s0, "after": s1, "mix": mix,
                          "behaviour": beh, "total": mix + beh})
    return df, parts


def _issue_lists(rc: pd.DataFrame, rows: np.ndarray) -> list[tuple[str, ...]]:
    codes = [c for c in _filters.ISSUES if c in rc.columns]
    if not codes:
        return [("none",)] * len(rows)
    flags = np.column_stack([rc[c].fillna(False).to_numpy(dtype=bool) for c in codes])
    return [tuple(c for c, f in zip(codes, flags[i]) if f) or ("none",) for i in rows]


def _result(a, b, measure, periods, rc, M, a_idx, vote_b, period, num, den, counted, df, parts):
    rows = np.flatnonzero(counted)
    g = df["g"].to_numpy()
    total = parts.set_index("lineage_id")["total"]
    # a lineage's part is shared among its roll calls of both periods by counted votes
    per_g_den = df.groupby("g")["den"].transform("sum").to_numpy()
    contrib = total.reindex(g).to_numpy() * df["den"].to_numpy() / per_g_den
    vote_b = vote_b[rows]
    info = rc.iloc[rows]
    table = pd.DataFrame({
        "period": np.where(period[rows] == 0, "before", "after"),
        "rcid": info["rcid"].to_numpy(), "date": info["date"].to_numpy(), "symbol": info["symbol"].to_numpy(),
        "title": info["title"].to_numpy(), "lineage_id": g,
        "vote_a": [_VOTE_NAMES[int(v)] for v in M[rows, a_idx]], "vote_b": vote_b,
        "agreement": num[rows] / den[rows], "weight": den[rows], "contribution": contrib,
    }).sort_values("contribution", kind="stable", ignore_index=True)
    by_lineage = _lineage_table(parts, table, rc, rows, g)
    by_issue = _issue_table(by_lineage)
    n0, n1 = int((period[rows] == 0).sum()), int((period[rows] == 1).sum())
    before = float(num[rows][period[rows] == 0].sum() / den[rows][period[rows] == 0].sum())
    after = float(num[rows][period[rows] == 1].sum() / den[rows][period[rows] == 1].sum())
    return ChangeExplanation(a=a, b=b, measure=measure, periods=periods, before=before, after=after,
                             n_before=n0, n_after=n1, change=after - before, mix=float(parts["mix"].sum()),
                             behaviour=float(parts["behaviour"].sum()), by_issue=by_issue,
                             by_lineage=by_lineage, roll_calls=table)


def _lineage_table(parts, table, rc, rows, g):
    first = table.sort_values(["period", "date"]).groupby(["lineage_id", "period"])["symbol"].first().unstack()
    first = first.reindex(columns=["before", "after"])
    titles = table.groupby("lineage_id")["title"].last()
    counts = table.groupby(["lineage_id", "period"]).size().unstack(fill_value=0).reindex(
        columns=["before", "after"], fill_value=0)
    issues = pd.Series(_issue_lists(rc, rows), index=g).groupby(level=0).first()
    out = parts.set_index("lineage_id")
    out = out.assign(title=titles, symbol_before=first["before"].fillna(""), symbol_after=first["after"].fillna(""),
                     n_before=counts["before"], n_after=counts["after"], issues=issues)
    cols = ["title", "symbol_before", "symbol_after", "n_before", "n_after", "before", "after", "mix",
            "behaviour", "total", "issues"]
    return out[cols].reset_index().sort_values("total", kind="stable", ignore_index=True)


def _issue_table(by_lineage):
    rows = []
    for r in by_lineage.itertuples():
        k = len(r.issues)
        for code in r.issues:
            rows.append((code, r.mix / k, r.behaviour / k))
    df = pd.DataFrame(rows, columns=["issue", "mix", "behaviour"]).groupby("issue", as_index=False).sum()
    df["total"] = df["mix"] + df["behaviour"]
    df.insert(1, "label", df["issue"].map(_ISSUE_NAMES))
    return df.sort_values("total", kind="stable", ignore_index=True)
