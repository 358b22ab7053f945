"""Bloc cohesion: Rice index, Hix-Noury-Roland agreement index, voting with the majority.

For a bloc G on roll call r, Y, N and A count the bloc's *participating*
members voting yes, no and abstain (absent members are excluded), T = Y + N + A:

- Rice index (Rice 1925): ``|Y - N| / (Y + N)``; abstentions ignored;
  undefined (NaN) when Y + N = 0.
- Agreement index (Hix, Noury and Roland 2005, after Attina 1990):
  ``(max(Y, N, A) - (T - max(Y, N, A)) / 2) / T``; undefined when T = 0.
  Attina's own index ``(max - (T - max)) / T`` is available as
  ``scale="attina"`` (range [-1/3, 1]; AI = (3 Att + 1) / 4).

Per period the index is the unweighted mean over the roll calls on which it is
defined (HNR), or the T-weighted mean (``weight="T"``); counts are never
pooled across roll calls. Membership of a bloc from :mod:`unvotes.blocs` is
taken on each roll call's date.

:func:`majority_alignment` gives each state's share of votes with the
majority (of the whole Assembly or of a bloc), and :func:`divisiveness` the
Assembly-wide minority share, closeness, entropy and agreement index of
every roll call.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import _bootstrap, _filters, _pairs
from ._docs import fill_doc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from ..record._types import StatesLike, StrsLike
    from ..record.core import VotingRecord

__all__ = [
    "rice",
    "agreement_index",
    "majority_share",
    "majority_alignment",
    "divisiveness",
]


# --------------------------------------------------------------------------------------
# private cores on arrays


def _tallies(M, W=None):
    """Yes, no, abstain counts ``(r, k)`` of the participating members of each bloc.

    ``W`` is a bool membership array ``(r, s, k)``; None = one bloc of every
    column.
    """
    M = np.asarray(M)
    Y = (M == 1).astype(np.float64)
    A = (M == 2).astype(np.float64)
    N = (M == 3).astype(np.float64)
    if W is None:
        return Y.sum(1, keepdims=True), N.sum(1, keepdims=True), A.sum(1, keepdims=True)
    Wf = np.asarray(W, dtype=np.float64)
    return (
        np.einsum("rs,rsk->rk", Y, Wf),
        np.einsum("rs,rsk->rk", N, Wf),
        np.einsum("rs,rsk->rk", A, Wf),
    )


def _rice(Y, N, A=None):
    """Rice index |Y - N| / (Y + N); NaN when Y + N = 0."""
    Y, N = np.asarray(Y, float), np.asarray(N, float)
    return _pairs._divide(np.abs(Y - N), Y + N)


def _ai(Y, N, A):
    """Hix-Noury-Roland agreement index; NaN when Y + N + A = 0."""
    Y, N, A = (np.asarray(x, float) for x in (Y, N, A))
    T = Y + N + A
    mx = np.maximum(np.maximum(Y, N), A)
    return _pairs._divide(mx - 0.5 * (T - mx), T)


def _attina(Y, N, A):
    """Attina's index (max - (T - max)) / T; NaN when T = 0."""
    Y, N, A = (np.asarray(x, float) for x in (Y, N, A))
    T = Y + N + A
    mx = np.maximum(np.maximum(Y, N), A)
    return _pairs._divide(mx - (T - mx), T)


def _majority(Y, N):
    """Majority position per roll call: 1 (yes) if Y > N, 3 (no) if N > Y, 0 on a tie."""
    Y, N = np.asarray(Y), np.asarray(N)
    return np.where(Y > N, 1, np.where(N > Y, 3, 0))


def _majority_share(Y, N, A):
    """Share of participating members voting the majority position; NaN on a tie or T = 0."""
    Y, N, A = (np.asarray(x, float) for x in (Y, N, A))
    maj = _majority(Y, N)
    hit = np.where(maj == 1, Y, np.where(maj == 3, N, np.nan))
    return _pairs._divide(np.where(maj == 0, 0.0, hit), np.where(maj == 0, 0.0, Y + N + A))


def _aggregate(values, labels, weights=None):
    """Mean of per-roll-call values by period, over the defined (non-NaN) values.

    Returns ``(periods, mean (g, k), n (g, k))``; n = roll calls averaged.
    """
    values = np.asarray(values, float)
    order, periods, bounds = _pairs._group_slices(labels)
    ok = ~np.isnan(values)
    w = np.ones_like(values) if weights is None else np.asarray(weights, float)
    w = np.where(ok, w, 0.0)
    v0 = np.where(ok, values, 0.0)
    starts = bounds[:-1]
    if len(order) == 0:
        k = values.shape[1] if values.ndim == 2 else 1
        return periods, np.empty((0, k)), np.empty((0, k))
    num = np.add.reduceat((v0 * w)[order], starts, axis=0)
    den = np.add.reduceat(w[order], starts, axis=0)
    n = np.add.reduceat(ok[order].astype(np.int64), starts, axis=0)
    return periods, _pairs._divide(num, den), n


def _majority_alignment(M, labels, W=None, abstain="drop"):
    """Each state's share of votes equal to the majority position of a group, by period.

    ``W`` (r, s) bool: the group whose majority counts (None = every state).
    Returns ``(periods, value (g, s), n (g, s))``. With ``abstain="drop"`` the
    denominator is the state's yes/no votes on roll calls with a majority;
    with ``"half"`` it is all its votes and an abstention scores 0.5.
    """
    M = np.asarray(M)
    Wk = None if W is None else np.asarray(W, bool)[:, :, None]
    Y, N, _ = _tallies(M, Wk)
    maj = _majority(Y[:, 0], N[:, 0])[:, None]  # (r, 1)
    defined = maj != 0
    with_maj = ((M == maj) & defined).astype(np.float64)
    if abstain == "drop":
        den = (np.isin(M, (1, 3)) & defined).astype(np.float64)
        num = with_maj
    elif abstain == "half":
        den = (np.isin(M, (1, 2, 3)) & defined).astype(np.float64)
        num = with_maj + 0.5 * ((M == 2) & defined)
    else:
        raise ValueError(f"`abstain` must be 'drop' (yes/no votes only) or 'half' (abstention = 0.5), got {abstain!r}")
    order, periods, bounds = _pairs._group_slices(labels)
    if len(order) == 0:
        return periods, np.empty((0, M.shape[1])), np.empty((0, M.shape[1]))
    nums = np.add.reduceat(num[order], bounds[:-1], axis=0)
    dens = np.add.reduceat(den[order], bounds[:-1], axis=0)
    return periods, _pairs._divide(nums, dens), dens


def _divisiveness(Y, N, A):
    """Minority share, closeness, normalised entropy and AI of Assembly tallies (METRICS.md 7.3)."""
    Y, N, A = (np.asarray(x, float) for x in (Y, N, A))
    yn = Y + N
    m = _pairs._divide(np.minimum(Y, N), yn)
    closeness = 1.0 - _pairs._divide(np.abs(Y - N), yn)
    T = Y + N + A
    p = np.stack([Y, N, A]) / np.where(T > 0, T, np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, -p * np.log(p), 0.0)
    H = np.where(T > 0, terms.sum(axis=0) / np.log(3.0), np.nan)
    return m, closeness, H, _ai(Y, N, A)


# --------------------------------------------------------------------------------------
# public functions


def _bloc_setup(record, func, bloc, kinds, issue):
    rc, M, cols = _filters.prepare(record, func, kinds=kinds, issue=issue)
    W, names = _filters.bloc_membership(bloc, rc["date"].to_numpy(), cols, "bloc")
    return rc, M, cols, W, names


def _per_roll_call_or_period(rc, names, Y, N, A, values, by, weight, func, index, boot=None):
    out = _table(rc, names, Y, N, A, values, by, weight, func, boot)
    # what the table holds, for unvotes.plot.cohesion (labels come from the data)
    out.attrs.update(index=index, by=by, last_date=_filters.last_date(rc))
    return out


def _table(rc, names, Y, N, A, values, by, weight, func, boot=None):
    if weight not in ("equal", "T"):
        raise ValueError(f"`weight` of {func}() must be 'equal' (HNR's unweighted mean) or 'T' (weighted by members voting), got {weight!r}")
    k = len(names)
    if by is None:
        if boot is not None:
            raise ValueError(f"`ci` of {func}() needs periods (by='year' or 'session'); by=None gives every roll call")
        r = len(rc)
        return pd.DataFrame(
            {
                "rcid": np.repeat(rc["rcid"].to_numpy(), k),
                "date": np.repeat(rc["date"].to_numpy(), k),
                "bloc": np.tile(np.asarray(names, dtype=object), r),
                "yes": Y.ravel().astype(np.int64),
                "no": N.ravel().astype(np.int64),
                "abstain": A.ravel().astype(np.int64),
                "value": values.ravel(),
            }
        )
    labels = _filters.period_labels(rc, by)
    w = (Y + N + A) if weight == "T" else None
    periods, mean, n = _aggregate(values, labels, w)
    g = len(periods)
    out = pd.DataFrame(
        {
            "bloc": np.tile(np.asarray(names, dtype=object), g),
            "period": np.repeat(periods.astype(np.int64), k),
            "value": mean.ravel(),
            "n": n.ravel().astype(np.int64),
        }
    )
    if boot is not None:
        lower, upper = _mean_intervals(values, labels, w, boot)
        out["lower"], out["upper"] = lower.ravel(), upper.ravel()
        out.attrs["ci"] = boot[0]
    return out


def _mean_intervals(values, labels, weights, boot):
    """Bootstrap bounds ``(g, k)`` of the per-period mean of :func:`_aggregate` (resampling roll calls)."""
    ci, n_boot, seed = boot
    values = np.asarray(values, float)
    ok = ~np.isnan(values)
    w = np.ones_like(values) if weights is None else np.asarray(weights, float)
    w = np.where(ok, w, 0.0)
    num = np.where(ok, values, 0.0) * w
    order, periods, bounds = _pairs._group_slices(labels)
    lower = np.full((len(periods), values.shape[1]), np.nan)
    upper = lower.copy()
    for g in range(len(periods)):
        rows = order[bounds[g] : bounds[g + 1]]
        C = _bootstrap.draws(len(rows), n_boot, seed, periods[g])
        lower[g], upper[g] = _bootstrap.ratio_intervals(num[rows], w[rows], C, ci)
    return lower, upper


_RETURNS = """pandas.DataFrame
        With ``by=None``, one row per roll call and bloc: ``rcid``, ``date``,
        ``bloc``, ``yes``, ``no``, ``abstain`` (participating members, int64)
        and ``value`` (NaN where undefined). With ``by``, one row per bloc and
        period: ``bloc``, ``period`` (int64), ``value`` (mean over the roll
        calls where the index is defined) and ``n`` (int64, those roll
        calls), with ``ci`` also ``lower`` and ``upper`` (float64). ``df.attrs`` holds ``index`` ("rice", "hnr", "attina" or
        "majority_share") and ``by``, read by :func:`unvotes.plot.cohesion`."""


@fill_doc
def rice(
    record: VotingRecord,
    bloc: str | Iterable[str] | Mapping[str, Iterable[str]],
    *,
    by: str = "year",
    weight: str = "equal",
    kinds: StrsLike | None = None,
    issue: StrsLike | None = None,
    ci: float | None = None,
    n_boot: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """Rice index of cohesion of a bloc, per roll call or averaged per period.

    .. math:: \\mathrm{Rice}_r = |Y - N| / (Y + N)

    Parameters
    ----------
    record : VotingRecord
        The voting record, possibly narrowed with ``record.select(...)``.
    bloc : dict, str or list of str
        Your own blocs as a dict ``{name: [iso3, ...]}`` (ISO 3166-1 alpha-3
        codes, static membership), or bloc id(s) of the bloc table
        (:mod:`unvotes.blocs`, e.g. ``"EU"`` or ``["EU", "AU"]``) with
        membership on each roll call's date.
    by : {"year", "session", None}, default "year"
        Aggregate by calendar year or session; None gives every roll call.
    weight : {"equal", "T"}, default "equal"
        Unweighted mean over roll calls (HNR) or weighted by Y + N + A.
    kinds : str or list of str, optional
        Roll-call kinds kept (default: final votes, every kind but amendment
        and paragraph votes).
    issue : str or list of str, optional
        Voeten issue flags ("me", "nu", "di", "hr", "co", "ec").
    {{ci}}

    Returns
    -------
    pandas.DataFrame
        With ``by=None``, one row per roll call and bloc: ``rcid``, ``date``,
        ``bloc``, ``yes``, ``no``, ``abstain`` (participating members, int64)
        and ``value`` (NaN where Y + N = 0). With ``by``, one row per bloc and
        period: ``bloc``, ``period`` (int64), ``value`` (mean over the roll
        calls where the index is defined) and ``n`` (int64, those roll
        calls); with ``ci`` also ``lower`` and ``upper`` (float64, the
        bootstrap interval of ``value``).

    Raises
    ------
    TypeError, ValueError, unvotes.errors.UnknownStateError
        For a bad record, bloc, period, weight, kinds or issue.

    Notes
    -----
    Abstentions are ignored (treated like absences), so a bloc split between
    yes and abstain scores 1; see :func:`agreement_index`.

    References
    ----------
    .. [1] Rice, S. A. (1925). The behavior of legislative groups: a method of
       measurement. Political Science Quarterly 40(1): 60-72.

    Examples
    --------
    >>> import unvotes
    >>> rec = unvotes.load().select(years=[2022])
    >>> p5 = {"P5": ["USA", "GBR", "FRA", "CHN", "RUS"]}
    >>> r = unvotes.rice(rec, p5, by=None)
    >>> r.iloc[:1][["bloc", "yes", "no", "abstain", "value"]]  # ES-11/1  # doctest: +NORMALIZE_WHITESPACE
      bloc  yes  no  abstain  value
    0   P5    3   1        1    0.5
    >>> unvotes.rice(rec, p5).round(3)  # doctest: +NORMALIZE_WHITESPACE
      bloc  period  value   n
    0   P5    2022  0.547  89
    """
    rc, M, cols, W, names = _bloc_setup(record, "rice", bloc, kinds, issue)
    Y, N, A = _tallies(M, W)
    return _per_roll_call_or_period(rc, names, Y, N, A, _rice(Y, N), by, weight, "rice", "rice",
                                    _bootstrap.check(ci, n_boot, seed))


@fill_doc
def agreement_index(
    record: VotingRecord,
    bloc: str | Iterable[str] | Mapping[str, Iterable[str]],
    *,
    by: str = "year",
    weight: str = "equal",
    scale: str = "hnr",
    kinds: StrsLike | None = None,
    issue: StrsLike | None = None,
    ci: float | None = None,
    n_boot: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """Hix-Noury-Roland agreement index of a bloc, per roll call or averaged per period.

    .. math:: AI_r = \\frac{\\max(Y,N,A) - \\tfrac12[(Y+N+A) - \\max(Y,N,A)]}{Y+N+A}

    Parameters
    ----------
    record : VotingRecord
        The voting record, possibly narrowed with ``record.select(...)``.
    bloc : dict, str or list of str
        As in :func:`rice`.
    by : {"year", "session", None}, default "year"
        Aggregate by calendar year or session; None gives every roll call.
    weight : {"equal", "T"}, default "equal"
        Unweighted mean over roll calls (HNR) or weighted by Y + N + A.
    scale : {"hnr", "attina"}, default "hnr"
        HNR's AI in [0, 1], or Attina's index (max - (T - max)) / T in
        [-1/3, 1]. AI = (3 Att + 1) / 4.
    kinds, issue, ci, n_boot, seed
        As in :func:`rice`.

    Returns
    -------
    pandas.DataFrame
        As for :func:`rice` (``value`` NaN where Y + N + A = 0).

    Raises
    ------
    TypeError, ValueError, unvotes.errors.UnknownStateError
        For bad arguments.

    Notes
    -----
    Abstention is a third option and absent members are excluded. When only
    two options are used the minimum is 0.25.

    References
    ----------
    .. [1] Hix, S., Noury, A. and Roland, G. (2005). Power to the parties:
       cohesion and competition in the European Parliament, 1979-2001.
       BJPS 35(2): 209-234.
    .. [2] Attina, F. (1990). European Journal of Political Research 18(5):
       557-579.

    Examples
    --------
    >>> import unvotes
    >>> rec = unvotes.load().select(years=[2022])
    >>> ai = unvotes.agreement_index(rec, {"P5": ["USA", "GBR", "FRA", "CHN", "RUS"]})
    >>> ai.round(3)  # doctest: +NORMALIZE_WHITESPACE
      bloc  period  value   n
    0   P5    2022  0.517  89
    """
    if scale not in ("hnr", "attina"):
        raise ValueError(f"`scale` must be 'hnr' or 'attina', got {scale!r}")
    rc, M, cols, W, names = _bloc_setup(record, "agreement_index", bloc, kinds, issue)
    Y, N, A = _tallies(M, W)
    vals = _ai(Y, N, A) if scale == "hnr" else _attina(Y, N, A)
    return _per_roll_call_or_period(rc, names, Y, N, A, vals, by, weight, "agreement_index", scale,
                                    _bootstrap.check(ci, n_boot, seed))


@fill_doc
def majority_share(
    record: VotingRecord,
    bloc: str | Iterable[str] | Mapping[str, Iterable[str]],
    *,
    by: str = "year",
    weight: str = "equal",
    kinds: StrsLike | None = None,
    issue: StrsLike | None = None,
    ci: float | None = None,
    n_boot: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """Share of a bloc's participating members voting with the bloc's own majority.

    The bloc majority on a roll call is yes if Y > N and no if N > Y; on a tie
    it is undefined (NaN). The share is (members voting the majority
    position) / (Y + N + A): abstainers are not with the majority.

    Parameters
    ----------
    record : VotingRecord
        The voting record, possibly narrowed with ``record.select(...)``.
    bloc : dict, str or list of str
        As in :func:`rice`.
    by : {"year", "session", None}, default "year"
    weight : {"equal", "T"}, default "equal"
    kinds, issue, ci, n_boot, seed
        As in :func:`rice`.

    Returns
    -------
    pandas.DataFrame
        As for :func:`rice`.

    Raises
    ------
    TypeError, ValueError, unvotes.errors.UnknownStateError

    References
    ----------
    .. [1] Hix, S., Noury, A. and Roland, G. (2005). BJPS 35(2): 209-234
       (cohesion as voting with the group line).

    Examples
    --------
    >>> import unvotes
    >>> rec = unvotes.load()
    >>> one = rec.select(rcids=[rec["A/RES/ES-11/1"].rcid])
    >>> s = unvotes.majority_share(one, {"P5": ["USA", "GBR", "FRA", "CHN", "RUS"]}, by=None)
    >>> s[["bloc", "yes", "no", "abstain", "value"]]  # doctest: +NORMALIZE_WHITESPACE
      bloc  yes  no  abstain  value
    0   P5    3   1        1    0.6
    """
    rc, M, cols, W, names = _bloc_setup(record, "majority_share", bloc, kinds, issue)
    Y, N, A = _tallies(M, W)
    return _per_roll_call_or_period(rc, names, Y, N, A, _majority_share(Y, N, A), by, weight, "majority_share",
                                    "majority_share", _bootstrap.check(ci, n_boot, seed))


def majority_alignment(
    record: VotingRecord,
    group: str | Iterable[str] | Mapping[str, Iterable[str]] | None = None,
    *,
    by: str = "year",
    abstain: str | None = "drop",
    states: StatesLike | None = None,
    kinds: StrsLike | None = None,
    issue: StrsLike | None = None,
) -> pd.DataFrame:
    """Each state's share of votes with the majority, of the Assembly or of a group.

    On each roll call the majority position M_r of the group (default: every
    participating state) is yes if Y > N, no if N > Y and undefined on a tie
    (the roll call is then not counted).

    Parameters
    ----------
    record : VotingRecord
        The voting record, possibly narrowed with ``record.select(...)``.
    group : dict or str, optional
        The group whose majority counts: one bloc id of :mod:`unvotes.blocs`
        or a dict with one entry ``{name: [iso3, ...]}`` (default the whole
        Assembly).
    by : {"year", "session"}, default "year"
    abstain : {"drop", "half"}, default "drop"
        "drop": share of the state's yes/no votes equal to M_r; "half": an
        abstention counts 0.5 and every vote of the state is in the
        denominator.
    states : list of str, optional
        ISO 3166-1 alpha-3 codes to report (any case; default all).
    kinds, issue
        As in :func:`rice`.

    Returns
    -------
    pandas.DataFrame
        ``state`` (ISO 3166-1 alpha-3), ``period`` (int64), ``value``
        (float64, NaN when ``n`` is 0), ``n`` (int64: the denominator), for
        every state with at least one vote on a roll call with a majority.

    Raises
    ------
    TypeError, ValueError, unvotes.errors.UnknownStateError
        For bad arguments (ValueError also for a state given twice in
        ``states``); a code in ``states`` that is not in the record.

    Notes
    -----
    A descriptive convention, not one canonical index; UNGA majorities are
    nearly always yes.

    References
    ----------
    .. [1] U.S. Department of State, Voting Practices in the United Nations
       (voting with the majority); METRICS.md 7.2 of the unvotes reference
       notes.

    Examples
    --------
    >>> import unvotes
    >>> rec = unvotes.load().select(years=[2022])
    >>> m = unvotes.majority_alignment(rec, states=["USA", "BRA"])
    >>> m.round(3)  # doctest: +NORMALIZE_WHITESPACE
      state  period  value   n
    0   BRA    2022  0.970  67
    1   USA    2022  0.412  80
    """
    rc, M, cols = _filters.prepare(record, "majority_alignment", kinds=kinds, issue=issue)
    labels = _filters.period_labels(rc, by)
    W = None
    if group is not None:
        Wb, names = _filters.bloc_membership(group, rc["date"].to_numpy(), cols, "group")
        if len(names) != 1:
            raise ValueError(f"`group` must be one group of states, got {len(names)}")
        W = Wb[:, :, 0]
    periods, value, n = _majority_alignment(M, labels, W, abstain)
    idx = _filters.state_positions(cols, states) if states is not None else np.arange(len(cols))
    if states is not None:
        _filters.require_members(rc, M, idx, cols, states)
    sub_n = n[:, idx]
    g_idx, s_idx = np.nonzero(sub_n > 0)
    return pd.DataFrame(
        {
            "state": cols[idx][s_idx].to_numpy(dtype=object),
            "period": periods[g_idx].astype(np.int64),
            "value": value[:, idx][g_idx, s_idx],
            "n": sub_n[g_idx, s_idx].astype(np.int64),
        }
    ).sort_values(["state", "period"], ignore_index=True)


def divisiveness(
    record: VotingRecord,
    *,
    kinds: StrsLike | None = None,
    issue: StrsLike | None = None,
) -> pd.DataFrame:
    """How divisive each roll call was, from the Assembly-wide tally.

    Parameters
    ----------
    record : VotingRecord
        The voting record, possibly narrowed with ``record.select(...)``.
    kinds, issue
        As in :func:`rice`.

    Returns
    -------
    pandas.DataFrame
        One row per roll call: ``rcid``, ``date``, ``yes``, ``no``,
        ``abstain`` (int64, Member votes in the record), ``minority_share``
        min(Y, N) / (Y + N) (W-NOMINATE treats <= 0.025 as lopsided),
        ``closeness`` ``1 - |Y - N| / (Y + N)``, ``entropy`` over (Y, N, A)
        normalised by ln 3, and ``agreement_index`` (HNR AI of the whole
        Assembly). NaN where a denominator is 0.

    Raises
    ------
    TypeError, ValueError

    References
    ----------
    .. [1] Poole, K. T. (2005). Spatial Models of Parliamentary Voting
       (minority share; ``lop`` in the wnominate package).
    .. [2] Hix, S., Noury, A. and Roland, G. (2005). BJPS 35(2): 209-234.

    Examples
    --------
    >>> import unvotes
    >>> rec = unvotes.load()
    >>> d = unvotes.divisiveness(rec.select(rcids=[rec["A/RES/ES-11/1"].rcid]))
    >>> d.iloc[0][["yes", "no", "abstain"]].astype(int).tolist()
    [141, 5, 35]
    >>> d.iloc[0][["minority_share", "closeness", "entropy", "agreement_index"]].astype(float).round(4).tolist()
    [0.0342, 0.0685, 0.5565, 0.6685]
    """
    rc, M, cols = _filters.prepare(record, "divisiveness", kinds=kinds, issue=issue)
    Y, N, A = (x[:, 0] for x in _tallies(M))
    m, c, H, ai = _divisiveness(Y, N, A)
    return pd.DataFrame(
        {
            "rcid": rc["rcid"].to_numpy(),
            "date": rc["date"].to_numpy(),
            "yes": Y.astype(np.int64),
            "no": N.astype(np.int64),
            "abstain": A.astype(np.int64),
            "minority_share": m,
            "closeness": c,
            "entropy": H,
            "agreement_index": ai,
        }
    )
