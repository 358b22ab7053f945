"""Pairwise alignment: agreement indices, S-score, Cohen's kappa, Scott's pi, State Department coincidence.

Every measure is a function of the joint counts of two states' positions
(yes / abstain / no) over the roll calls they shared, and all pairs are
counted at once with one matrix product per period (see
``unvotes/_pairs.py``). Every result carries its denominator ``n``; a pair
with no shared vote gets ``NaN``, never 0 or 1.

Measures (``measure=``), with their treatment of abstentions and absences:

==================  ======================================================  ==============  ===========
measure             value                                                   abstention      absence
==================  ======================================================  ==============  ===========
``percent``         identical votes / n                                     own category    dropped
``yes_no``          identical yes/no votes / votes where both voted yes/no  dropped         dropped
``lijphart``        (identical + partial / 2) / n  (Lijphart 1963)          half agreement  dropped
``voeten``          mean of 1 - |o_i - o_j| / 2, unanimous roll calls out   half agreement  dropped
``state_dept_2016`` I / (I + O) (reports up to 2016)                        dropped         dropped
``state_dept_2017`` (same + partial / 2) / (V - absent) (2017-2020)         half agreement  dropped
``state_dept_2021`` (same + partial / 2 + absent / 2) / V (2021 on)         half agreement  half
``s_score``         1 - 2 sum|d| / (n d_max), d_max = 2                     middle position dropped
``s_score_squared`` 1 - 2 sum d^2 / (n d_max), d_max = 4                    middle position dropped
``kappa``           Cohen's kappa, 1 - D_o / D_e, own marginals             a category      dropped
``pi``              Scott's pi, 1 - D_o / D_e, pooled marginals             a category      dropped
==================  ======================================================  ==============  ===========

The formulas, variants and worked examples are those of the project's
methods reference (``docs/methods.md``, after METRICS.md).
"""

from __future__ import annotations

import warnings
from typing import NamedTuple

import numpy as np
import pandas as pd

from . import _filters, _pairs
from .. import errors

__all__ = [
    "MEASURES",
    "REGIMES",
    "AgreementMatrix",
    "agreement",
    "agreement_matrix",
    "agreement_with",
    "bloc_agreement",
    "state_bloc_agreement",
    "coincidence",
]

_ALL = _filters.KINDS

#: Presets: statistic, abstention and absence policies, unanimity filter and
#: default roll-call kinds (None = final votes, _filters.FINAL_KINDS).
_PRESETS: dict[str, dict] = {
    "percent": dict(stat="agreement", abstain="category", absent="drop", drop_unanimous=False),
    "yes_no": dict(stat="agreement", abstain="drop", absent="drop", drop_unanimous=False),
    "lijphart": dict(stat="agreement", abstain="half", absent="drop", drop_unanimous=False),
    "voeten": dict(stat="agreement", abstain="half", absent="drop", drop_unanimous=True),
    "state_dept_2016": dict(stat="agreement", abstain="drop", absent="drop", drop_unanimous=False, kinds=_ALL),
    "state_dept_2017": dict(stat="agreement", abstain="half", absent="drop", drop_unanimous=False),
    "state_dept_2021": dict(stat="agreement", abstain="half", absent="half", drop_unanimous=False),
    "s_score": dict(stat="s", distance="absolute", drop_unanimous=False),
    "s_score_squared": dict(stat="s", distance="squared", drop_unanimous=False),
    "kappa": dict(stat="kappa", delta="nominal", drop_unanimous=False),
    "pi": dict(stat="pi", delta="nominal", drop_unanimous=False),
}

#: Names of the measures accepted by ``measure=``.
MEASURES = tuple(_PRESETS)

#: State Department regimes, keyed by the first report year of each rule.
REGIMES = ("2016", "2017", "2021")


def _resolve_measure(measure, abstain, absent, drop_unanimous, delta, kinds):
    """Return ``(spec, drop_unanimous, kinds_default)`` for a preset plus overrides."""
    if not isinstance(measure, str) or measure not in _PRESETS:
        raise ValueError(f"`measure` must be one of {MEASURES}, got {measure!r}")
    p = dict(_PRESETS[measure])
    stat = p["stat"]
    if stat != "agreement" and (abstain is not None or absent is not None):
        raise ValueError(
            f"`abstain`/`absent` policies apply to the agreement family (percent, yes_no, lijphart, "
            f"voeten, state_dept_*); measure {measure!r} treats abstention as the middle position "
            f"and drops absences (got abstain={abstain!r}, absent={absent!r})"
        )
    if delta is not None and stat not in ("kappa", "pi"):
        raise ValueError(f"`delta` applies to 'kappa' and 'pi' only, got delta={delta!r} with measure={measure!r}")
    spec = _pairs._spec(
        stat=stat,
        abstain=abstain if abstain is not None else p.get("abstain", "half"),
        absent=absent if absent is not None else p.get("absent", "drop"),
        distance=p.get("distance", "absolute"),
        delta=delta if delta is not None else p.get("delta", "nominal"),
    )
    if drop_unanimous is None:
        drop_unanimous = p["drop_unanimous"]
    elif not isinstance(drop_unanimous, (bool, np.bool_)):
        raise TypeError(f"`drop_unanimous` must be True, False or None (preset default), got {drop_unanimous!r}")
    default_kinds = p.get("kinds", _filters.FINAL_KINDS)
    return spec, bool(drop_unanimous), default_kinds


def _weights_array(weights, roll_calls):
    if weights is None:
        return None
    if isinstance(weights, pd.Series):
        w = weights.reindex(roll_calls["rcid"].to_numpy())
        if w.isna().any():
            missing = roll_calls["rcid"].to_numpy()[w.isna().to_numpy()][:5].tolist()
            raise ValueError(
                f"`weights` has no value for rcid(s) {missing} ...; give a weight for every roll call kept "
                f"by the filters (a Series indexed by rcid)"
            )
        w = w.to_numpy(dtype=np.float64)
    else:
        raise TypeError(f"`weights` must be a pandas Series indexed by rcid, got {type(weights).__name__}")
    if (w < 0).any() or not np.isfinite(w).all():
        raise ValueError("`weights` must be finite and non-negative")
    return w


def _check_reference(reference):
    """TypeError unless ``reference`` is one ISO3 code (a str)."""
    if not isinstance(reference, str):
        raise TypeError(
            f"`reference` takes one ISO 3166-1 alpha-3 code as a str (e.g. 'USA'), got {reference!r}; "
            f"for several states use `states=`"
        )


def _setup(record, func, measure, kinds, issue, abstain, absent, drop_unanimous, delta, weights=None,
           follow_succession=False):
    spec, drop_u, default_kinds = _resolve_measure(measure, abstain, absent, drop_unanimous, delta, kinds)
    rc, M, states = _filters.prepare(
        record, func, kinds=kinds, issue=issue, default_kinds=default_kinds, follow_succession=follow_succession
    )
    _filters.require_roll_calls(rc, func, kinds, issue, default_kinds)
    w = _weights_array(weights, rc)
    return spec, drop_u, rc, M, states, w


def agreement(
    record,
    *,
    measure="voeten",
    by="year",
    states=None,
    kinds=None,
    issue=None,
    abstain=None,
    absent=None,
    drop_unanimous=None,
    delta=None,
    weights=None,
    follow_succession=False,
):
    """Agreement of every pair of states in every period, as a tidy table.

    Parameters
    ----------
    record : VotingRecord
        The voting record, possibly narrowed with ``record.select(...)``.
    measure : str, default "voeten"
        One of :data:`MEASURES` (see the module table and ``docs/methods.md``).
    by : {"year", "session"}, default "year"
        Period: calendar year of the roll-call date, or General Assembly
        session.
    states : list of str, optional
        ISO 3166-1 alpha-3 codes to keep, any case, each once (default every
        state of the record).
    kinds, issue, abstain, absent, drop_unanimous, delta
        See :func:`agreement_matrix`.
    weights : pandas.Series, optional
        Weight of each roll call, indexed by ``rcid`` (weighted S-score,
        Signorino and Ritter 1999); ``n`` stays the unweighted count.
    follow_succession : bool, {"seat", "lineage"} or dict, default False
        Passed to ``record.matrix()``: merge predecessor seats into their
        successors (True or "seat": SUN->RUS, TWN->CHN, YAR->YEM, SCG->SRB),
        so that e.g. Russia's series starts in 1946. Default: states apart.

    Returns
    -------
    pandas.DataFrame
        One row per unordered pair of states (``state_a < state_b``) and
        period in which both were Members on at least one roll call kept:

        - ``state_a``, ``state_b`` (categorical, ISO 3166-1 alpha-3);
        - ``period`` (int64, calendar year or session);
        - ``value`` (float64; NaN when ``n`` is 0);
        - ``n`` (int64): the measure's denominator (roll calls counted).

        ``df.attrs`` holds ``measure`` and ``by`` (read by
        :func:`unvotes.plot.alignment`).

    Raises
    ------
    TypeError
        If ``record`` is not a VotingRecord.
    ValueError
        For an unknown measure, kind, issue, period or policy; a state given
        twice in ``states``; no roll call left after the filters (``kinds``,
        ``issue``).
    unvotes.errors.UnknownStateError
        For a code in ``states`` that is not in the record (under
        ``follow_succession``, a predecessor whose seat is merged into its
        successor: the message names the successor).

    Notes
    -----
    All pairs of a period come from one matrix product of the one-hot
    position indicators, so the whole record takes well under a second
    (``benchmarks/bench_alignment.py``).

    References
    ----------
    .. [1] Lijphart, A. (1963). The analysis of bloc voting in the General
       Assembly. APSR 57(4): 902-917.
    .. [2] Voeten, E. (2013). Data and analyses of voting in the UN General
       Assembly; code ``DyadicAgreementScores.R`` (evoeten/United-Nations-
       General-Assembly-Votes-and-Ideal-Points).
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
        idx = np.sort(_filters.state_positions(cols, states, follow_succession=follow_succession))
    else:
        idx = np.arange(len(cols))
    # the unanimity filter looks at every state of the (filtered) record
    periods, value, n, shared = _pairs._period_tables(
        M, labels, spec, left=idx, right=idx, drop_unanimous=drop_u, weights=w
    )
    names = cols[idx]
    k = len(idx)
    iu, ju = np.triu_indices(k, 1)
    sel = shared[:, iu, ju] > 0  # (g, pairs)
    g_idx, p_idx = np.nonzero(sel)
    a = iu[p_idx]
    b = ju[p_idx]
    cat = pd.CategoricalDtype(list(names))
    out = pd.DataFrame(
        {
            "state_a": pd.Categorical.from_codes(a, dtype=cat),
            "state_b": pd.Categorical.from_codes(b, dtype=cat),
            "period": periods[g_idx].astype(np.int64),
            "value": value[g_idx, a, b],
            "n": n[g_idx, a, b].round().astype(np.int64),
        }
    )
    out.attrs.update(measure=measure, by=by)
    return out


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


def agreement_matrix(
    record,
    *,
    measure="voeten",
    year=None,
    session=None,
    states=None,
    kinds=None,
    issue=None,
    abstain=None,
    absent=None,
    drop_unanimous=None,
    delta=None,
    weights=None,
    follow_succession=False,
):
    """Square matrix of the agreement of every pair of states in one period.

    Parameters
    ----------
    record : VotingRecord
        The voting record, possibly narrowed with ``record.select(...)``.
    measure : str, default "voeten"
        One of :data:`MEASURES`.
    year : int, optional
        Calendar year of the roll-call dates to use.
    session : int, optional
        General Assembly session to use (give ``year`` or ``session`` or
        neither; with neither the whole record is one period).
    states : list of str, optional
        ISO 3166-1 alpha-3 codes of the rows/columns, any case, each once
        (default: every state that was a Member on at least one roll call
        of the period).
    kinds : str or list of str, optional
        Roll-call kinds kept (``roll_calls.kind``): any of "resolution",
        "amendment", "paragraph", "decision", "procedural", "unknown", or
        "all". Default: the measure's default, which for most measures is the
        final votes (every kind except known amendment and paragraph votes;
        Voeten's roll calls after 1985 are "unknown" and stay in);
        "state_dept_2016" defaults to "all" (those reports counted paragraph
        votes).
    issue : str or list of str, optional
        Keep roll calls flagged with any of Voeten's issue codes "me", "nu",
        "di", "hr", "co", "ec". Roll calls with no coded flag are left out,
        with a warning.
    abstain : {"category", "half", "drop"}, optional
        Agreement family only: override the preset's treatment of an
        abstention ("category": both abstaining agree, one abstaining
        disagrees; "half": one abstaining is half agreement; "drop": roll
        calls where either abstained are left out).
    absent : {"drop", "half"}, optional
        Agreement family only: a roll call on which both states were Members
        and either was absent is dropped ("drop") or counts as half agreement
        and enters ``n`` ("half", the State Department rule since its 2021
        report).
    drop_unanimous : bool, optional
        Drop roll calls on which every participating state (every column of
        the record) chose the same position. Default: True for "voeten",
        False otherwise.
    delta : {"nominal", "linear", "quadratic"}, optional
        Disagreement weights of "kappa" and "pi" (default "nominal").
    weights : pandas.Series, optional
        Weight of each roll call, indexed by ``rcid``.
    follow_succession : bool, {"seat", "lineage"} or dict, default False
        Passed to ``record.matrix()``: merge predecessor seats into their
        successors (True or "seat": SUN->RUS, TWN->CHN, YAR->YEM, SCG->SRB),
        so that e.g. Russia's series starts in 1946. Default: states apart.

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
    .. [1] Voeten, E. (2013). Data and analyses of voting in the UN General
       Assembly. In Reinalda (ed.), Routledge Handbook of International
       Organization.
    .. [2] Lijphart, A. (1963). APSR 57(4): 902-917.

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
    if year is not None or session is not None:
        labels = _filters.period_labels(rc, "year" if year is not None else "session")
        want = year if year is not None else session
        keep = labels == want
        if not keep.any():
            what = "year" if year is not None else "session"
            avail = np.unique(labels)
            raise ValueError(
                f"no roll call in {what} {want!r} after the filters; the record has {what}s "
                f"{avail.min() if len(avail) else '-'} to {avail.max() if len(avail) else '-'}"
            )
        # the unanimity filter uses every state of the whole period
        rc, M = rc.loc[keep], M[keep]
        w = None if w is None else w[keep]
    if len(M) == 0:
        raise ValueError("no roll call left after the filters (kinds, issue, period)")
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
    value_df.attrs.update(measure=measure)
    return AgreementMatrix(value_df, pd.DataFrame(nn, index=names, columns=names.rename("other")))


def agreement_with(
    record,
    reference="USA",
    *,
    measure="voeten",
    by="year",
    states=None,
    kinds=None,
    issue=None,
    abstain=None,
    absent=None,
    drop_unanimous=None,
    delta=None,
    follow_succession=False,
):
    """Agreement of every state with one reference state, period by period.

    Parameters
    ----------
    record : VotingRecord
        The voting record, possibly narrowed with ``record.select(...)``.
    reference : str, default "USA"
        ISO 3166-1 alpha-3 code of the reference state.
    measure : str, default "voeten"
        One of :data:`MEASURES`.
    by : {"year", "session"}, default "year"
        Period: calendar year of the roll-call date, or session.
    states : list of str, optional
        ISO 3166-1 alpha-3 codes to compare with the reference, any case,
        each once (default all).
    kinds, issue, abstain, absent, drop_unanimous, delta
        See :func:`agreement_matrix`.
    follow_succession : bool, {"seat", "lineage"} or dict, default False
        Passed to ``record.matrix()``: merge predecessor seats into their
        successors (True or "seat": SUN->RUS, TWN->CHN, YAR->YEM, SCG->SRB),
        so that e.g. Russia's series starts in 1946. Default: states apart.

    Returns
    -------
    pandas.DataFrame
        One row per state and period in which the state and the reference
        were both Members on at least one roll call kept: ``state``
        (ISO 3166-1 alpha-3), ``reference``, ``period`` (int64), ``value``
        (float64, NaN when ``n`` is 0), ``n`` (int64, the denominator).
        ``df.attrs`` holds ``measure`` and ``by`` (read by
        :func:`unvotes.plot.alignment`).

    Raises
    ------
    TypeError, ValueError, unvotes.errors.UnknownStateError
        As for :func:`agreement`; TypeError also when ``reference`` is not
        one ISO3 code (a str).

    References
    ----------
    .. [1] Voeten, E. (2013). Data and analyses of voting in the UN General
       Assembly; ``DyadicAgreementScores.R``.

    Examples
    --------
    >>> import unvotes
    >>> us = unvotes.agreement_with(unvotes.load(), "USA", states=["GBR", "RUS"])
    >>> us[us.period == 2022].round(3)  # doctest: +NORMALIZE_WHITESPACE +ELLIPSIS
       state reference  period  value   n
    ...  GBR       USA    2022  0.787  89
    ...  RUS       USA    2022  0.303  89
    """
    _check_reference(reference)
    spec, drop_u, rc, M, cols, _ = _setup(
        record, "agreement_with", measure, kinds, issue, abstain, absent, drop_unanimous, delta, None, follow_succession
    )
    labels = _filters.period_labels(rc, by)
    ref = _filters.state_positions(cols, reference, "reference", follow_succession=follow_succession)
    if states is not None:
        idx = _filters.state_positions(cols, states, follow_succession=follow_succession)
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
    ).sort_values(["state", "period"], ignore_index=True)
    out.attrs.update(measure=measure, by=by)
    return out


def _bloc_masks(record, blocs, dates, cols, param="blocs"):
    """Membership array ``(r, s, k)`` and bloc names for the given blocs.

    ``blocs`` is a list of ISO3 codes (one bloc), a dict name -> list of ISO3
    codes (static membership), or bloc id(s) of :mod:`unvotes.blocs` (dated
    membership).
    """
    return _filters.bloc_membership(blocs, dates, cols, param)


def bloc_agreement(
    record,
    blocs,
    *,
    measure="voeten",
    by="year",
    kinds=None,
    issue=None,
    abstain=None,
    absent=None,
    drop_unanimous=None,
    delta=None,
):
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
    record : VotingRecord
        The voting record, possibly narrowed with ``record.select(...)``.
    blocs : dict, str or list of str
        Your own blocs as a dict ``{name: [iso3, ...]}`` (ISO 3166-1 alpha-3
        codes, static membership), or bloc ids of the bloc table
        (:mod:`unvotes.blocs`, e.g. ``["EU", "AU"]``) with membership on
        each roll call's date.
    measure : str, default "voeten"
        One of :data:`MEASURES`.
    by : {"year", "session"}, default "year"
    kinds, issue, abstain, absent, drop_unanimous, delta
        See :func:`agreement_matrix`.

    Returns
    -------
    pandas.DataFrame
        Columns ``bloc_a``, ``bloc_b`` (every ordered pair with
        ``bloc_a <= bloc_b`` in the order given), ``period`` (int64),
        ``value`` (float64, NaN when ``n`` is 0) and ``n`` (int64, member
        pair-votes counted).

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
    periods, value, n, shared = _pairs._period_tables(M, labels, spec, left=W, right=W, drop_unanimous=drop_u)
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
    return out[out["_shared"] > 0].drop(columns="_shared").reset_index(drop=True)


def state_bloc_agreement(
    record,
    bloc,
    *,
    states=None,
    measure="voeten",
    by="year",
    kinds=None,
    issue=None,
    abstain=None,
    absent=None,
    drop_unanimous=None,
    delta=None,
):
    """Agreement of every state with a bloc, period by period.

    The joint counts of the state with every *other* member of the bloc are
    pooled before the measure is applied: the value is the state's agreement
    over all its pair-votes with the bloc's members (a member is not paired
    with itself) and ``n`` is the number of pair-votes counted.

    Parameters
    ----------
    record : VotingRecord
        The voting record, possibly narrowed with ``record.select(...)``.
    bloc : str or dict
        A bloc id of the bloc table (:mod:`unvotes.blocs`, membership on each
        roll call's date) or your own bloc as a dict with one entry
        ``{name: [iso3, ...]}``.
    states : list of str, optional
        ISO 3166-1 alpha-3 codes to compare with the bloc, any case, each
        once (default all).
    measure : str, default "voeten"
        One of :data:`MEASURES`.
    by : {"year", "session"}, default "year"
    kinds, issue, abstain, absent, drop_unanimous, delta
        See :func:`agreement_matrix`.

    Returns
    -------
    pandas.DataFrame
        Columns ``state`` (ISO 3166-1 alpha-3), ``bloc``, ``period`` (int64),
        ``value`` (float64, NaN when ``n`` is 0), ``n`` (int64, pair-votes).
        Rows where the state and some other bloc member were Members together
        on at least one roll call.

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
    periods, value, n, shared = _pairs._period_tables(M, labels, spec, left=idx, right=W, drop_unanimous=drop_u)
    g_idx, s_idx = np.nonzero(shared[:, :, 0] > 0)
    return pd.DataFrame(
        {
            "state": cols[idx][s_idx].to_numpy(dtype=object),
            "bloc": names[0],
            "period": periods[g_idx].astype(np.int64),
            "value": value[g_idx, s_idx, 0],
            "n": n[g_idx, s_idx, 0].round().astype(np.int64),
        }
    ).sort_values(["state", "period"], ignore_index=True)


# --------------------------------------------------------------------------------------
# State Department coincidence


def _regime_for_year(year: int) -> str:
    """Rule of the report covering ``year`` (METRICS.md 2.1-2.3)."""
    if year <= 2016:
        return "2016"
    if year <= 2020:
        return "2017"
    return "2021"


def _coincidence_core(ref_codes, M, regime, consensus=None):
    """State Department categories and coincidence of every column of ``M`` with a reference.

    Parameters
    ----------
    ref_codes : ndarray (r,)
        Codes of the reference state; roll calls on which it did not vote
        (absent or non_member) must already be removed.
    M : ndarray (r, s)
        Codes of the listed states.
    regime : {"2016", "2017", "2021"}
    consensus : int, optional
        Number of resolutions adopted without a vote (C).

    Returns
    -------
    dict of ndarray (s,)
        same, opposite, partial, absent, votes (V: roll calls while a
        Member), yes_no_same (I), yes_no_opposite (O), n (denominator of the
        regime), coincidence, and coincidence_consensus when ``consensus`` is
        given. Under regime "2016" the counts cover only the roll calls on
        which the reference voted yes or no, as in those reports; the
        participation rate of the consensus credit uses every roll call.
    """
    if regime not in REGIMES:
        raise ValueError(f"`regime` must be one of {REGIMES} or None (chosen by year), got {regime!r}")
    ref = np.asarray(ref_codes)[:, None]
    M = np.asarray(M)
    # participation rate over every recorded vote (regime 2016 consensus credit, METRICS.md 2.1)
    member_all = np.isin(M, (1, 2, 3, 8)).sum(axis=0)
    p_rate = _pairs._divide(member_all - (M == 8).sum(axis=0), member_all)
    if regime == "2016":
        # the reports up to 2016 built the table on the votes where the reference voted yes or no
        keep = np.isin(ref[:, 0], (1, 3))
        ref, M = ref[keep], M[keep]
    part = np.isin(M, (1, 2, 3))
    member = part | (M == 8)
    same = ((M == ref) & part).sum(axis=0)
    opposite = (((M == 1) & (ref == 3)) | ((M == 3) & (ref == 1))).sum(axis=0)
    partial = (part & ((M == 2) ^ (ref == 2))).sum(axis=0)
    absent = (M == 8).sum(axis=0)
    votes = member.sum(axis=0)
    refyn = np.isin(ref, (1, 3))
    I = ((M == ref) & refyn).sum(axis=0)
    O = opposite
    out = dict(same=same, opposite=opposite, partial=partial, absent=absent, votes=votes)
    out["yes_no_same"], out["yes_no_opposite"] = I, O
    points = same + 0.5 * partial
    if regime == "2016":
        den = I + O
        val = _pairs._divide(I, den)
    elif regime == "2017":
        den = votes - absent
        val = _pairs._divide(points, den)
    else:  # "2021"
        den = votes
        val = _pairs._divide(points + 0.5 * absent, den)
    out["n"] = den
    out["coincidence"] = val
    if consensus is not None:
        C = float(consensus)
        if regime == "2016":
            out["coincidence_consensus"] = _pairs._divide(I + p_rate * C, I + O + p_rate * C)
        elif regime == "2017":
            out["coincidence_consensus"] = _pairs._divide(points + C, den + C)
        else:
            out["coincidence_consensus"] = _pairs._divide(points + 0.5 * absent + C, den + C)
    return out


def _not_member_message(code: str, year: int, date) -> str:
    """Say that ``code`` held no seat in ``year`` and who held its seat (if anyone)."""
    msg = f"{code} was not a UN Member on any roll call of {year} counted here, so it cannot be the reference"
    try:
        from ..record.states import state as _state

        holder = _state(code, on=date, follow_succession="lineage").iso3
    except (errors.UnvotesError, ValueError):
        holder = None
    if holder and holder != code:
        return msg + f"; its seat was held by {holder} in {year}: use reference={holder!r}"
    return msg + "; pick a state that was a Member in that year"


def coincidence(record, reference="USA", year=2022, *, regime=None, consensus=None, kinds=None, issue=None):
    """State Department voting coincidence of every Member with a reference state in one year.

    Reproduces the overall General Assembly table of the annual report
    *Voting Practices in the United Nations*: for every Member, the roll calls
    of the calendar year on which it voted the same as the reference, the
    opposite (yes against no), partially (exactly one of the two abstained)
    or was absent, and the coincidence under the rule of that year's report.

    Parameters
    ----------
    record : VotingRecord
        The voting record, possibly narrowed with ``record.select(...)``.
    reference : str, default "USA"
        ISO 3166-1 alpha-3 code of the reference state.
    year : int, default 2022
        Calendar year of the roll-call dates.
    regime : {"2016", "2017", "2021"}, optional
        Rule (keyed by the first report year that used it). Default: the rule
        of the report covering ``year``: "2016" (up to 2016, votes only:
        I / (I + O)), "2017" (2017 to 2020: (same + partial/2) / (V - absent)),
        "2021" (2021 on: (same + partial/2 + absent/2) / V).
    consensus : int, optional
        Number of resolutions adopted without a vote in the year (C), taken
        from the report (it cannot come from roll-call data). Adds the column
        ``coincidence_consensus``.
    kinds : str or list of str, optional
        Roll-call kinds counted. Default: "all" for regime "2016" (those
        reports counted paragraph votes), otherwise the final votes (every kind
        but amendment and paragraph votes).
    issue : str or list of str, optional
        Restrict to Voeten's issue flags (as in :func:`agreement`).

    Returns
    -------
    pandas.DataFrame
        One row per state that was a Member on at least one counted roll call
        (the reference excluded), sorted by ``state``: ``state`` (ISO
        3166-1 alpha-3), ``same``, ``opposite``, ``partial``, ``absent``,
        ``votes`` (V, roll calls while a Member), ``yes_no_same`` (I, both yes
        or both no), ``n`` (the regime's denominator), ``coincidence``
        (float64 in [0, 1], NaN when ``n`` is 0) and, if ``consensus`` is
        given, ``coincidence_consensus``. ``df.attrs`` holds ``regime``,
        ``year``, ``reference`` and ``roll_calls`` (the rcids counted).

    Raises
    ------
    TypeError, ValueError, unvotes.errors.UnknownStateError
        For a bad record, year, regime, kinds or an unknown reference
        (TypeError when ``reference`` is not one ISO3 code as a str).
    unvotes.errors.StateNotMemberError
        If the reference held no UN seat on the counted roll calls of
        ``year`` (e.g. "SUN" in 2022); the message names the seat's holder.

    Notes
    -----
    Only roll calls on which the reference voted (yes, no or abstain) are
    counted; under regime "2016" every count covers only those on which it
    voted yes or no, as in those reports (the 2013 report: 90 plenary votes,
    the US voted yes or no on 83), while the participation rate p of
    ``coincidence_consensus`` uses every counted roll call. "Absent" is the
    listed state's absence.

    References
    ----------
    .. [1] U.S. Department of State, Voting Practices in the United Nations
       (reports for 2013 and 2016-2023, "Format and Methodology").
    .. [2] Public Law 101-246, section 406 (22 U.S.C. 2414a).

    Examples
    --------
    >>> import unvotes
    >>> t = unvotes.coincidence(unvotes.load(), "USA", 2022)
    >>> t.set_index("state").loc["DZA", ["same", "opposite", "partial", "absent", "votes"]].tolist()
    [14, 50, 25, 0, 89]
    >>> round(float(t.set_index("state").loc["DZA", "coincidence"]), 2)
    0.3
    """
    if isinstance(year, bool) or not isinstance(year, (int, np.integer)):
        raise TypeError(f"`year` must be an int (calendar year), got {year!r}")
    if regime is None:
        regime = _regime_for_year(int(year))
    elif regime not in REGIMES:
        raise ValueError(f"`regime` must be one of {REGIMES} or None (chosen by year), got {regime!r}")
    if consensus is not None and (isinstance(consensus, bool) or not isinstance(consensus, (int, np.integer)) or consensus < 0):
        raise ValueError(f"`consensus` must be a non-negative int (resolutions adopted without a vote), got {consensus!r}")
    _check_reference(reference)
    default_kinds = _ALL if regime == "2016" else _filters.FINAL_KINDS
    rc, M, cols = _filters.prepare(record, "coincidence", kinds=kinds, issue=issue, default_kinds=default_kinds)
    ref = _filters.state_positions(cols, reference, "reference")[0]
    years = rc["date"].dt.year.to_numpy()
    if not (years == year).any():
        raise ValueError(
            f"no roll call in {year!r} after the filters; the record covers {years.min()}-{years.max()}"
            if len(years)
            else f"no roll call in {year!r} after the filters"
        )
    keep = years == year
    ref_codes = M[:, ref]
    if not np.isin(ref_codes[keep], (1, 2, 3, 8)).any():
        raise errors.StateNotMemberError(
            _not_member_message(str(cols[ref]), int(year), rc.loc[keep, "date"].iloc[0]),
            key=reference,
        )
    voted = np.isin(ref_codes, (1, 2, 3))
    n_ref_missing = int((keep & ~voted).sum())
    if n_ref_missing:
        warnings.warn(
            f"{cols[ref]} did not vote on {n_ref_missing} roll call(s) of {year}; they are not counted",
            UserWarning,
            stacklevel=2,
        )
    keep &= voted
    Mk = M[keep]
    others = np.delete(np.arange(len(cols)), ref)
    Mk = Mk[:, others]
    res = _coincidence_core(M[keep, ref], Mk, regime, consensus)
    present = res["votes"] > 0
    df = pd.DataFrame({"state": cols[others].to_numpy(dtype=object)})
    for key in ("same", "opposite", "partial", "absent", "votes", "yes_no_same", "n"):
        df[key] = np.asarray(res[key]).astype(np.int64)
    df["coincidence"] = res["coincidence"]
    if consensus is not None:
        df["coincidence_consensus"] = res["coincidence_consensus"]
    df = df[present].sort_values("state", ignore_index=True)
    df.attrs.update(regime=regime, year=int(year), reference=str(cols[ref]), roll_calls=rc.loc[keep, "rcid"].tolist())
    return df
