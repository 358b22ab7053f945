"""The agreement family: every pair of states (or blocs) in every period.

Every measure is a function of the joint counts of two states' positions
(yes / abstain / no) over the roll calls they shared, and all pairs are
counted at once with a few matrix products per period (see
:mod:`unvotes.metrics._pairs`). Every result carries its denominator ``n``;
a pair with no shared vote gets ``NaN``, never 0 or 1. The measures
(``measure=``) are listed in :mod:`unvotes.alignment` and
``docs/methods.md``.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from . import _bootstrap, _filters, _pairs
from ._docs import fill_doc
from ._measures import MEASURES, _check_reference, _setup
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from ..record._types import StateLike, StatesLike, StrsLike
    from ..record.core import VotingRecord

__all__ = [
    "MEASURES",
    "AgreementMatrix",
    "agreement",
    "agreement_matrix",
    "agreement_with",
    "bloc_agreement",
    "state_bloc_agreement",
]


@fill_doc
def agreement(
    record: VotingRecord,
    *,
    measure: str = "voeten",
    by: str = "year",
    states: StatesLike | None = None,
    kinds: StrsLike | None = None,
    issue: StrsLike | None = None,
    abstain: str | None = None,
    absent: str | None = None,
    drop_unanimous: bool | None = None,
    delta: str | None = None,
    weights: pd.Series | None = None,
    follow_succession: bool | str | dict = False,
    ci: float | None = None,
    n_boot: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """Agreement of every pair of states in every period, as a tidy table.

    Parameters
    ----------
    {{record}}
    {{measure}}
    {{by}}
    states : list of str, optional
        ISO 3166-1 alpha-3 codes to keep, any case, each once (default every
        state of the record).
    {{kinds}}
    {{issue}}
    {{abstain}}
    {{absent}}
    {{drop_unanimous}}
    {{delta}}
    {{weights}}
    {{follow_succession}}
    {{ci}}

    Returns
    -------
    pandas.DataFrame
        One row per unordered pair of states (``state_a < state_b``) and
        period in which both were Members on at least one roll call kept:

        - ``state_a``, ``state_b`` (categorical, ISO 3166-1 alpha-3);
        - ``period`` (int64, calendar year or session);
        - ``value`` (float64; NaN when ``n`` is 0);
        - ``n`` (int64): the measure's denominator (roll calls counted);
        - with ``ci``: ``lower``, ``upper`` (float64, NaN when no resample
          has a defined value).

        ``df.attrs`` holds ``measure``, ``by``, ``last_date`` (of the last roll call
        counted, so a plot can mark a period still in progress) (and ``ci``) (read by
        :func:`unvotes.plot.alignment`).

    Raises
    ------
    {{filters_raises}}

    Notes
    -----
    All pairs of a period come from one matrix product of the one-hot
    position indicators, so the whole record takes well under a second
    (``benchmarks/bench_alignment.py``).

    References
    ----------
    {{agreement_refs}}
    .. [3] Signorino, C. S. and Ritter, J. M. (1999). Tau-b or not tau-b.
       ISQ 43(1): 115-144.
    .. [4] Haege, F. M. (2011). Choice or circumstance? Political Analysis
       19(3): 287-305.
    .. [5] U.S. Department of State, Voting Practices in the United Nations
       (annual reports to Congress).

    Examples
    --------
    >>> import unvotes
    >>> rec = unvotes.load().select(years=[2022])
    >>> df = unvotes.agreement(rec, measure="voeten")
    >>> row = df[(df.state_a == "FRA") & (df.state_b == "USA")].iloc[0]
    >>> round(float(row["value"]), 3), int(row["n"])
    (0.753, 89)
    """
    spec, drop_u, rc, M, cols, w = _setup(
        record, "agreement", measure, kinds, issue, abstain, absent, drop_unanimous, delta, weights, follow_succession
    )
    labels = _filters.period_labels(rc, by)
    if states is not None:
        idx = _filters.state_positions(cols, states, follow_succession=follow_succession)
        _filters.require_members(rc, M, idx, cols, states, succession_hint=True)
        idx = np.sort(idx)
    else:
        idx = np.arange(len(cols))
    # the unanimity filter looks at every state of the (filtered) record; rows are made period by period
    boot = _boot(ci, n_boot, seed, spec, w)
    parts = list(_pairs._period_rows(M, labels, spec, idx, drop_unanimous=drop_u, weights=w, boot=boot))
    code_type = np.int16 if len(idx) < 2**15 else np.int32

    def column(j, dtype):
        return np.concatenate([p[j].astype(dtype, copy=False) for p in parts]) if parts else np.empty(0, dtype)

    cat = pd.CategoricalDtype(list(cols[idx]))
    out = pd.DataFrame(
        {
            "state_a": pd.Categorical.from_codes(column(1, code_type), dtype=cat),
            "state_b": pd.Categorical.from_codes(column(2, code_type), dtype=cat),
            "period": np.repeat(np.array([p[0] for p in parts], dtype=np.int64), [len(p[1]) for p in parts]),
            "value": column(3, np.float64),
            "n": column(4, np.int64),
        }
    )
    if boot is not None:
        out["lower"], out["upper"] = column(5, np.float64), column(6, np.float64)
    out.attrs.update(measure=measure, by=by, last_date=_filters.last_date(rc))
    if boot is not None:
        out.attrs["ci"] = float(ci)  # type: ignore[arg-type]  # boot is None when ci is None
    return out


def _boot(ci, n_boot, seed, spec, weights):
    """The bootstrap callable for ``ci`` (None without an interval); weighted measures have none."""
    args = _bootstrap.check(ci, n_boot, seed)
    if args is None:
        return None
    if weights is not None:
        raise ValueError("`ci` is not available with `weights` (the bootstrap resamples unweighted roll calls)")
    return _bootstrap.pair_booter(spec, args)


def _reference_intervals(M, labels, idx, ref, drop_u, boot):
    """Bootstrap bounds ``(g, len(idx))`` of every state ``idx`` with the reference column ``ref``, per period."""
    keep = ~_pairs._unanimous_rows(M) if drop_u else np.ones(len(M), dtype=bool)
    order, periods, bounds = _pairs._group_slices(labels)
    lower = np.full((len(periods), len(idx)), np.nan)
    upper = lower.copy()
    with _pairs._blas_single_thread():
        for g in range(len(periods)):
            rows = order[bounds[g] : bounds[g + 1]]
            rows = rows[keep[rows]]
            Mk = M[rows][:, np.append(idx, ref)]
            lower[g], upper[g] = boot(Mk, np.arange(len(idx)), np.full(len(idx), len(idx)), periods[g])
    return lower, upper


class AgreementMatrix(NamedTuple):
    """Square agreement matrix of one period and its denominators.

    Attributes
    ----------
    value : pandas.DataFrame
        States x states (ISO 3166-1 alpha-3), the measure; NaN where n is 0
        and on the diagonal.
    n : pandas.DataFrame
        States x states, int64: the denominator of each value.
    """

    value: pd.DataFrame
    n: pd.DataFrame

    def __repr__(self) -> str:
        v = self.value.to_numpy(dtype=float)
        k = len(self.value)
        a = self.value.attrs
        period = f", {a['period']}" if a.get("period") else ""
        if k < 2 or not np.isfinite(v).any():
            return f"<AgreementMatrix ({a.get('measure', '?')}{period}): {k} states, no pair with a shared vote>"
        n = self.n.to_numpy()[~np.eye(k, dtype=bool)]
        return (f"<AgreementMatrix ({a.get('measure', '?')}{period}): {k} x {k} states, "
                f"values {np.nanmin(v):.2f} to {np.nanmax(v):.2f} (median {np.nanmedian(v):.2f}), "
                f"{int(n.min())} to {int(n.max())} roll calls per pair; .value and .n hold the tables>")

    def _repr_html_(self) -> str:
        from ..record._html import html_block

        return html_block(repr(self), table=self.value)


def _one_period(rc, M, w, year, session):
    """Rows of ``M`` (and weights ``w``) of one year or session; all rows when both are None."""
    if year is not None or session is not None:
        what = "year" if year is not None else "session"
        labels = _filters.period_labels(rc, what)
        want = year if year is not None else session
        if isinstance(want, (bool, np.bool_)) or not isinstance(want, (int, np.integer)):
            raise TypeError(f"`{what}` must be an int (e.g. {what}={2025 if what == 'year' else 79}), got {want!r} "
                            f"({type(want).__name__})")
        keep = labels == want
        if not keep.any():
            avail = np.unique(labels)
            raise ValueError(
                f"no roll call in {what} {want!r} after the filters; the record has {what}s "
                f"{avail.min() if len(avail) else '-'} to {avail.max() if len(avail) else '-'}"
            )
        # the unanimity filter uses every state of the whole period
        M = M[keep]
        w = None if w is None else w[keep]
    if len(M) == 0:
        raise ValueError("no roll call left after the filters (kinds, issue, period)")
    return M, w


@fill_doc
def agreement_matrix(
    record: VotingRecord,
    *,
    measure: str = "voeten",
    year: int | None = None,
    session: int | None = None,
    states: StatesLike | None = None,
    kinds: StrsLike | None = None,
    issue: StrsLike | None = None,
    abstain: str | None = None,
    absent: str | None = None,
    drop_unanimous: bool | None = None,
    delta: str | None = None,
    weights: pd.Series | None = None,
    follow_succession: bool | str | dict = False,
) -> AgreementMatrix:
    """Square matrix of the agreement of every pair of states in one period.

    Parameters
    ----------
    {{record}}
    {{measure}}
    year : int, optional
        Calendar year of the roll-call dates to use.
    session : int, optional
        General Assembly session to use (give ``year`` or ``session`` or
        neither; with neither the whole record is one period).
    states : list of str, optional
        ISO 3166-1 alpha-3 codes of the rows/columns, any case, each once
        (default: every state that was a Member on at least one roll call
        of the period).
    {{kinds}}
    {{issue}}
    {{abstain}}
    {{absent}}
    {{drop_unanimous}}
    {{delta}}
    weights : pandas.Series, optional
        Weight of each roll call, indexed by ``rcid``.
    {{follow_succession}}

    Returns
    -------
    AgreementMatrix
        Named tuple ``(value, n)`` of two square DataFrames indexed and
        columned by ISO 3166-1 alpha-3 code; ``value.attrs["measure"]``
        names the measure (read by :func:`unvotes.plot.agreement_matrix`).

    Raises
    ------
    TypeError, ValueError, unvotes.errors.UnknownStateError
        As for :func:`agreement`; ValueError also when both ``year`` and
        ``session`` are given or the period has no roll call.

    References
    ----------
    {{agreement_refs}}

    Examples
    --------
    >>> import unvotes
    >>> m = unvotes.agreement_matrix(unvotes.load(), year=2022, states=["USA", "GBR", "RUS"])
    >>> m.value.round(3)  # doctest: +NORMALIZE_WHITESPACE
    other    USA    GBR    RUS
    state
    USA      NaN  0.787  0.303
    GBR    0.787    NaN  0.494
    RUS    0.303  0.494    NaN
    >>> int(m.n.loc["USA", "RUS"])
    89
    """
    if year is not None and session is not None:
        raise ValueError(f"give `year` or `session`, not both (got year={year!r}, session={session!r})")
    spec, drop_u, rc, M, cols, w = _setup(
        record, "agreement_matrix", measure, kinds, issue, abstain, absent, drop_unanimous, delta, weights,
        follow_succession,
    )
    M, w = _one_period(rc, M, w, year, session)
    if states is not None:
        idx = _filters.state_positions(cols, states, follow_succession=follow_succession)
    else:
        idx = np.nonzero(np.isin(M, (1, 2, 3, 8)).any(axis=0))[0]
    labels = np.zeros(len(M), dtype=np.int64)
    _, value, n, _ = _pairs._period_tables(M, labels, spec, left=idx, right=idx, drop_unanimous=drop_u, weights=w)
    names = pd.Index(cols[idx], name="state")
    v = value[0].copy()
    np.fill_diagonal(v, np.nan)
    nn = n[0].round().astype(np.int64)
    value_df = pd.DataFrame(v, index=names, columns=names.rename("other"))
    value_df.attrs.update(measure=measure, period=f"year {year}" if year is not None
                          else f"session {session}" if session is not None else "")
    return AgreementMatrix(value_df, pd.DataFrame(nn, index=names, columns=names.rename("other")))


@fill_doc
def agreement_with(
    record: VotingRecord,
    reference: StateLike = "USA",
    *,
    measure: str = "voeten",
    by: str = "year",
    states: StatesLike | None = None,
    kinds: StrsLike | None = None,
    issue: StrsLike | None = None,
    abstain: str | None = None,
    absent: str | None = None,
    drop_unanimous: bool | None = None,
    delta: str | None = None,
    follow_succession: bool | str | dict = False,
    ci: float | None = None,
    n_boot: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """Agreement of every state with one reference state, period by period.

    Parameters
    ----------
    {{record}}
    reference : str, default "USA"
        ISO 3166-1 alpha-3 code of the reference state.
    {{measure}}
    {{by}}
    states : list of str, optional
        ISO 3166-1 alpha-3 codes to compare with the reference, any case,
        each once (default all).
    {{kinds}}
    {{issue}}
    {{abstain}}
    {{absent}}
    {{drop_unanimous}}
    {{delta}}
    {{follow_succession}}
    {{ci}}

    Returns
    -------
    pandas.DataFrame
        One row per state and period in which the state and the reference
        were both Members on at least one roll call kept: ``state``
        (ISO 3166-1 alpha-3), ``reference``, ``period`` (int64), ``value``
        (float64, NaN when ``n`` is 0), ``n`` (int64, the denominator) and,
        with ``ci``, ``lower`` and ``upper`` (float64).
        ``df.attrs`` holds ``measure``, ``by``, ``last_date`` (of the last roll call
        counted, so a plot can mark a period still in progress) (and ``ci``) (read by
        :func:`unvotes.plot.alignment`).

    Raises
    ------
    TypeError, ValueError, unvotes.errors.UnknownStateError
        As for :func:`agreement`; TypeError also when ``reference`` is not
        one ISO3 code (a str).
    unvotes.errors.StateNotMemberError
        If the reference held no UN seat on any roll call kept (e.g. "SUN"
        in 2022); the message names the seat's holder.

    References
    ----------
    {{agreement_refs}}

    Examples
    --------
    >>> import unvotes
    >>> us = unvotes.agreement_with(unvotes.load(), "USA", states=["GBR", "RUS"])
    >>> us[us.period == 2022].round(3)  # doctest: +NORMALIZE_WHITESPACE +ELLIPSIS
       state reference  period  value   n
    ...  GBR       USA    2022  0.787  89
    ...  RUS       USA    2022  0.303  89

    With a 95 % bootstrap interval, a thin period (11 roll calls of 2026
    so far) shows as a wide one:

    >>> gb = unvotes.agreement_with(unvotes.load(), "USA", states=["GBR"], ci=0.95)
    >>> gb[gb.period >= 2024].round(3)  # doctest: +NORMALIZE_WHITESPACE +ELLIPSIS
       state reference  period  value    n  lower  upper
    ...  GBR       USA    2024  0.788   92  0.717  0.860
    ...  GBR       USA    2025  0.281  192  0.229  0.346
    ...  GBR       USA    2026  0.273   11  0.045  0.500
    """
    _check_reference(reference)
    spec, drop_u, rc, M, cols, _ = _setup(
        record, "agreement_with", measure, kinds, issue, abstain, absent, drop_unanimous, delta, None, follow_succession
    )
    labels = _filters.period_labels(rc, by)
    ref = _filters.state_positions(cols, reference, "reference", follow_succession=follow_succession)
    _filters.require_member(rc, M[:, ref[0]], str(cols[ref[0]]), str(reference))
    if states is not None:
        idx = _filters.state_positions(cols, states, follow_succession=follow_succession)
        _filters.require_members(rc, M, idx, cols, states, succession_hint=True)
        if (idx == ref[0]).all():
            raise ValueError(f"`states`={states!r} holds only the reference {cols[ref[0]]}, whose agreement with "
                             "itself is not reported; name other states, or leave states=None for every state")
    else:
        idx = np.arange(len(cols))
    idx = idx[idx != ref[0]]
    periods, value, n, shared = _pairs._period_tables(
        M, labels, spec, left=idx, right=ref, drop_unanimous=drop_u
    )
    g_idx, s_idx = np.nonzero(shared[:, :, 0] > 0)
    out = pd.DataFrame(
        {
            "state": cols[idx][s_idx].to_numpy(dtype=object),
            "reference": cols[ref[0]],
            "period": periods[g_idx].astype(np.int64),
            "value": value[g_idx, s_idx, 0],
            "n": n[g_idx, s_idx, 0].round().astype(np.int64),
        }
    )
    boot = _boot(ci, n_boot, seed, spec, None)
    if boot is not None:
        lower, upper = _reference_intervals(M, labels, idx, ref[0], drop_u, boot)
        out["lower"], out["upper"] = lower[g_idx, s_idx], upper[g_idx, s_idx]
        out.attrs["ci"] = float(ci)  # type: ignore[arg-type]  # boot is None when ci is None
    out = out.sort_values(["state", "period"], ignore_index=True)
    out.attrs.update(measure=measure, by=by, last_date=_filters.last_date(rc),
                     **({"ci": float(ci)} if boot is not None else {}))  # type: ignore[arg-type]
    return out


def _bloc_masks(record, blocs, dates, cols, param="blocs"):
    """Membership array ``(r, s, k)`` and bloc names for the given blocs.

    ``blocs`` is a list of ISO3 codes (one bloc), a dict name -> list of ISO3
    codes (static membership), or bloc id(s) of :mod:`unvotes.blocs` (dated
    membership).
    """
    return _filters.bloc_membership(blocs, dates, cols, param)


@fill_doc
def bloc_agreement(
    record: VotingRecord,
    blocs: str | Iterable[str] | Mapping[str, Iterable[str]],
    *,
    measure: str = "voeten",
    by: str = "year",
    kinds: StrsLike | None = None,
    issue: StrsLike | None = None,
    abstain: str | None = None,
    absent: str | None = None,
    drop_unanimous: bool | None = None,
    delta: str | None = None,
    ci: float | None = None,
    n_boot: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """Agreement between blocs (and within each bloc), period by period.

    The joint counts of every pair of distinct states, one in each bloc, are
    pooled (summed) before the measure is applied, so the value is the
    agreement over all member pair-votes and ``n`` is the number of pair-votes
    counted. For a bloc with itself this is the average pairwise agreement
    within the bloc (each pair of members is counted in both orders, so
    ``n`` is twice the number of distinct pair-votes). Membership is taken on each roll call's date when the
    bloc comes from :mod:`unvotes.blocs`.

    Parameters
    ----------
    {{record}}
    blocs : dict, str or list of str
        Your own blocs as a dict ``{name: [iso3, ...]}`` (ISO 3166-1 alpha-3
        codes, static membership), or bloc ids of the bloc table
        (:mod:`unvotes.blocs`, e.g. ``["EU", "AU"]``) with membership on
        each roll call's date.
    {{measure}}
    {{by}}
    {{kinds}}
    {{issue}}
    {{abstain}}
    {{absent}}
    {{drop_unanimous}}
    {{delta}}
    {{ci}}

    Returns
    -------
    pandas.DataFrame
        Columns ``bloc_a``, ``bloc_b`` (every ordered pair with
        ``bloc_a <= bloc_b`` in the order given), ``period`` (int64),
        ``value`` (float64, NaN when ``n`` is 0) and ``n`` (int64, member
        pair-votes counted); with ``ci``, ``lower`` and ``upper`` (float64):
        the bootstrap over the period's roll calls (each resample keeps the
        blocs' membership on each roll call drawn). ``df.attrs`` holds
        ``measure``, ``by``, ``last_date`` (and ``ci``).

    Raises
    ------
    TypeError, ValueError, unvotes.errors.UnknownStateError,
    unvotes.errors.UnknownBlocError
        For bad arguments (ValueError also when no roll call is left after
        the filters); unknown ISO3 codes or bloc ids.

    References
    ----------
    .. [1] Lijphart, A. (1963). The analysis of bloc voting in the General
       Assembly. APSR 57(4): 902-917 (agreement within and between groups).

    Examples
    --------
    >>> import unvotes
    >>> blocs = {"P3": ["USA", "GBR", "FRA"], "P2": ["CHN", "RUS"]}
    >>> df = unvotes.bloc_agreement(unvotes.load().select(years=[2022]), blocs)
    >>> df.round(3)  # doctest: +NORMALIZE_WHITESPACE
      bloc_a bloc_b  period  value    n
    0     P3     P3    2022  0.835  534
    1     P3     P2    2022  0.427  531
    2     P2     P2    2022  0.812  176
    """
    spec, drop_u, rc, M, cols, _ = _setup(
        record, "bloc_agreement", measure, kinds, issue, abstain, absent, drop_unanimous, delta
    )
    labels = _filters.period_labels(rc, by)
    W, names = _bloc_masks(record, blocs, rc["date"].to_numpy(), cols)
    args = _bootstrap.check(ci, n_boot, seed)
    boot = None if args is None else _bootstrap.pooled_booter(spec, args)
    periods, value, n, shared, *bounds = _pairs._period_tables(M, labels, spec, left=W, right=W,
                                                                drop_unanimous=drop_u, boot=boot)
    k = len(names)
    ia, ib = np.triu_indices(k, 0)
    g = len(periods)
    out = pd.DataFrame(
        {
            "bloc_a": np.tile(np.asarray(names, dtype=object)[ia], g),
            "bloc_b": np.tile(np.asarray(names, dtype=object)[ib], g),
            "period": np.repeat(periods.astype(np.int64), len(ia)),
            "value": value[:, ia, ib].ravel(),
            "n": n[:, ia, ib].ravel().round().astype(np.int64),
            "_shared": shared[:, ia, ib].ravel(),
        }
    )
    if bounds:
        out["lower"], out["upper"] = bounds[0][:, ia, ib].ravel(), bounds[1][:, ia, ib].ravel()
    out = out[out["_shared"] > 0].drop(columns="_shared").reset_index(drop=True)
    return _with_attrs(out, measure, by, rc, ci if bounds else None)


def _with_attrs(out: pd.DataFrame, measure: str, by: str, rc: pd.DataFrame, ci: float | None) -> pd.DataFrame:
    """Set the attrs the plots read: ``measure``, ``by``, ``last_date`` and, with an interval, ``ci``."""
    out.attrs.update(measure=measure, by=by, last_date=_filters.last_date(rc))
    if ci is not None:
        out.attrs["ci"] = float(ci)
    return out


@fill_doc
def state_bloc_agreement(
    record: VotingRecord,
    bloc: str | Iterable[str] | Mapping[str, Iterable[str]],
    *,
    states: StatesLike | None = None,
    measure: str = "voeten",
    by: str = "year",
    kinds: StrsLike | None = None,
    issue: StrsLike | None = None,
    abstain: str | None = None,
    absent: str | None = None,
    drop_unanimous: bool | None = None,
    delta: str | None = None,
    ci: float | None = None,
    n_boot: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """Agreement of every state with a bloc, period by period.

    The joint counts of the state with every *other* member of the bloc are
    pooled before the measure is applied: the value is the state's agreement
    over all its pair-votes with the bloc's members (a member is not paired
    with itself) and ``n`` is the number of pair-votes counted.

    Parameters
    ----------
    {{record}}
    bloc : str or dict
        A bloc id of the bloc table (:mod:`unvotes.blocs`, membership on each
        roll call's date) or your own bloc as a dict with one entry
        ``{name: [iso3, ...]}``.
    states : list of str, optional
        ISO 3166-1 alpha-3 codes to compare with the bloc, any case, each
        once (default all).
    {{measure}}
    {{by}}
    {{kinds}}
    {{issue}}
    {{abstain}}
    {{absent}}
    {{drop_unanimous}}
    {{delta}}
    {{ci}}

    Returns
    -------
    pandas.DataFrame
        Columns ``state`` (ISO 3166-1 alpha-3), ``bloc``, ``period`` (int64),
        ``value`` (float64, NaN when ``n`` is 0), ``n`` (int64, pair-votes)
        and, with ``ci``, ``lower`` and ``upper`` (float64; the bootstrap over
        the period's roll calls). Rows where the state and some other bloc
        member were Members together on at least one roll call. ``df.attrs``
        holds ``measure``, ``by``, ``last_date`` (and ``ci``).

    Raises
    ------
    TypeError, ValueError, unvotes.errors.UnknownStateError,
    unvotes.errors.UnknownBlocError
        For bad arguments (ValueError also for a state given twice in
        ``states`` or no roll call left after the filters); unknown ISO3
        codes or bloc ids.

    References
    ----------
    .. [1] Lijphart, A. (1963). APSR 57(4): 902-917.

    Examples
    --------
    >>> import unvotes
    >>> df = unvotes.state_bloc_agreement(unvotes.load().select(years=[2022]),
    ...                                   {"P3": ["USA", "GBR", "FRA"]}, states=["RUS", "USA"])
    >>> df.round(3)  # doctest: +NORMALIZE_WHITESPACE
      state bloc  period  value    n
    0   RUS   P3    2022  0.442  267
    1   USA   P3    2022  0.770  178
    """
    spec, drop_u, rc, M, cols, _ = _setup(
        record, "state_bloc_agreement", measure, kinds, issue, abstain, absent, drop_unanimous, delta
    )
    labels = _filters.period_labels(rc, by)
    W, names = _bloc_masks(record, bloc, rc["date"].to_numpy(), cols, "bloc")
    if len(names) != 1:
        raise ValueError(f"`bloc` must be one bloc, got {len(names)} ({names}); use bloc_agreement() for several")
    idx = _filters.state_positions(cols, states) if states is not None else np.arange(len(cols))
    if states is not None:
        _filters.require_members(rc, M, idx, cols, states)
    args = _bootstrap.check(ci, n_boot, seed)
    boot = None if args is None else _bootstrap.pooled_booter(spec, args)
    periods, value, n, shared, *bounds = _pairs._period_tables(M, labels, spec, left=idx, right=W,
                                                                drop_unanimous=drop_u, boot=boot)
    g_idx, s_idx = np.nonzero(shared[:, :, 0] > 0)
    out = pd.DataFrame(
        {
            "state": cols[idx][s_idx].to_numpy(dtype=object),
            "bloc": names[0],
            "period": periods[g_idx].astype(np.int64),
            "value": value[g_idx, s_idx, 0],
            "n": n[g_idx, s_idx, 0].round().astype(np.int64),
        }
    )
    if bounds:
        out["lower"], out["upper"] = bounds[0][g_idx, s_idx, 0], bounds[1][g_idx, s_idx, 0]
    return _with_attrs(out.sort_values(["state", "period"], ignore_index=True), measure, by, rc,
                       ci if bounds else None)
