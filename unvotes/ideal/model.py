"""Ideal points: one-dimensional positions of member states from roll calls.

* :func:`ideal_points` fits an ordinal (yes < abstain < no) or binary
  (yes / no) probit item-response model by variational EM, either *dynamic*
  (a random walk links each state's positions across periods) or *static*
  (each period alone).  Absent and non_member are missing data, not votes.
* :func:`pca_baseline` and :func:`mds_baseline` (with :func:`classical_mds`)
  are quick, model-free scalings for teaching and sanity checks.

Identification (the same for every fit, see METRICS.md §6.5):

* **location and scale**: the ideal points are standardised at every
  iteration to mean 0 and standard deviation 1 over all state-periods in the
  fit (dynamic) or within each period (static), as Bailey, Strezhnev and
  Voeten (2017) do after every draw;
* **sign**: the ``anchor`` state (default the United States, which has voted
  in every session) is on the positive side: on average over the periods
  (dynamic) or in every period where it voted (static).  Higher = closer to
  the anchor.

References
----------
Bailey, M. A., Strezhnev, A. and Voeten, E. (2017). Estimating dynamic state
preferences from United Nations voting data. *Journal of Conflict Resolution*
61(2): 430-456. doi:10.1177/0022002715595700.

Imai, K., Lo, J. and Olmsted, J. (2016). Fast estimation of ideal points with
massive data. *American Political Science Review* 110(4): 631-656.
doi:10.1017/S000305541600037X.

Martin, A. D. and Quinn, K. M. (2002). Dynamic ideal point estimation via
Markov chain Monte Carlo for the U.S. Supreme Court, 1953-1999. *Political
Analysis* 10(2): 134-153.

Poole, K. T. (2005). *Spatial Models of Parliamentary Voting*. Cambridge
University Press (classical scaling of the agreement matrix, ch. 2).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from . import _core
from ..record.codes import ABSTAIN, NO, YES
from ..record._types import StrsLike

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

    from ..record.core import VotingRecord

__all__ = [
    "IdealPoints",
    "ideal_points",
    "pca_baseline",
    "mds_baseline",
    "classical_mds",
    "vote_probabilities",
]

_ISSUES = ("me", "nu", "di", "hr", "co", "ec", "important")


# ----------------------------------------------------------------------------- result


@dataclass
class IdealPoints:
    """Result of :func:`ideal_points`.

    Attributes
    ----------
    estimates : pandas.DataFrame
        One row per state-period with at least ``min_votes`` votes. Columns:
        ``state`` (ISO 3166-1 alpha-3), ``period`` (session number or
        calendar year), ``ideal_point`` (posterior mean, standardised
        scale), ``se`` (variational posterior standard deviation; too small,
        see Notes of :func:`ideal_points`), ``lower`` / ``upper``
        (``ideal_point`` -/+ 1.96 ``se``), ``n_votes`` (yes/abstain/no votes,
        or yes/no for the binary model, on the roll calls kept), and
        ``boot_se`` (parametric-bootstrap standard error) when ``n_boot > 0``.
    roll_calls : pandas.DataFrame
        One row per roll call kept. Columns: ``rcid``, ``period``,
        ``beta`` (discrimination, unit-noise scale; positive = "no" is the
        side of the anchor), ``cut1``, ``cut2`` (ordinal thresholds between
        yes/abstain and abstain/no; binary: ``cut``), ``n_votes``,
        ``minority_share``.
    dropped_roll_calls : pandas.DataFrame
        ``rcid``, ``period``, ``reason`` (``"issue"``: not in the
        ``issue`` subset; ``"no votes"``; ``"unanimous"``; ``"lopsided"``) and ``minority_share`` for every roll call left out.
    dropped_states : pandas.DataFrame
        ``state``, ``period``, ``n_votes`` for every state-period with votes
        but fewer than ``min_votes``.
    model, by, dynamic, anchor : str, str, bool, str
        The settings of the fit.
    iterations : int
        EM iterations run.
    converged : bool
        Whether the largest absolute change of an ideal point between two
        iterations fell below ``tol``.
    max_change, tol : float
        The last such change and the tolerance.
    loglik : float
        Observed-data log-likelihood at the estimates.
    seconds : float
        Time spent in the EM iterations.
    settings : dict
        Every argument of the call.
    """

    estimates: pd.DataFrame
    roll_calls: pd.DataFrame
    dropped_roll_calls: pd.DataFrame
    dropped_states: pd.DataFrame
    model: str
    by: str
    dynamic: bool
    anchor: str | None
    iterations: int
    converged: bool
    max_change: float
    tol: float
    loglik: float
    seconds: float
    settings: dict = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        """The state-period table (a copy of :attr:`estimates`)."""
        return self.estimates.copy()

    def pivot(self, value: str = "ideal_point") -> pd.DataFrame:
        """Periods x states table of one column of :attr:`estimates`.

        Parameters
        ----------
        value : str, default "ideal_point"
            Column of :attr:`estimates` to spread (``ideal_point``, ``se``,
            ``n_votes``, ...).

        Returns
        -------
        pandas.DataFrame
            Index ``period``, columns ``state``, NaN where a state has no
            estimate.
        """
        if value not in self.estimates.columns:
            raise ValueError(f"`value` must be a column of the estimates {list(self.estimates.columns)}, got {value!r}")
        return self.estimates.pivot(index="period", columns="state", values=value)

    def __repr__(self) -> str:
        est = self.estimates
        kind = "dynamic" if self.dynamic else "static"
        periods = est["period"]
        conv = "converged" if self.converged else "NOT converged"
        return (
            f"<IdealPoints {kind} {self.model} by {self.by}: {len(est)} state-periods, "
            f"{est['state'].nunique()} states, periods {periods.min()}-{periods.max()}, "
            f"{len(self.roll_calls)} roll calls ({len(self.dropped_roll_calls)} dropped); "
            f"{conv} after {self.iterations} iterations (max change {self.max_change:.1e}, "
            f"tol {self.tol:.0e}); "
            + (f"anchor {self.anchor} > 0>" if self.anchor else "sign not anchored>")
        )


# ----------------------------------------------------------------------------- helpers


def _as_matrix(votes) -> pd.DataFrame:
    """A vote-code matrix (rcid x state) from a VotingRecord or a DataFrame."""
    if isinstance(votes, pd.DataFrame):
        m = votes
    elif hasattr(votes, "matrix") and callable(votes.matrix):
        m = votes.matrix()
    else:
        raise TypeError(
            "`votes` must be a VotingRecord (unvotes.load()) or a vote matrix DataFrame "
            f"(record.matrix(): rows roll calls, columns states, codes 1/2/3/8/9), got {type(votes).__name__}"
        )
    vals = m.to_numpy()
    if not np.issubdtype(vals.dtype, np.integer):
        raise TypeError(
            "the vote matrix must hold integer vote codes (1 yes, 2 abstain, 3 no, 8 absent, 9 non_member), "
            f"got dtype {vals.dtype}"
        )
    bad = ~np.isin(vals, [1, 2, 3, 8, 9])
    if bad.any():
        raise ValueError(
            f"vote codes must be 1, 2, 3, 8 or 9; found {sorted(set(vals[bad].tolist()))[:5]}"
        )
    return m


def _check_anchor(anchor, states):
    if anchor is None:
        return None
    if not isinstance(anchor, str):
        raise TypeError(f"`anchor` must be an ISO3 code such as 'USA' or None, got {anchor!r}")
    states = list(states)
    if anchor not in states and anchor.strip().upper() in states:  # ISO3 codes in any case
        anchor = anchor.strip().upper()
    if anchor not in states:
        from ..errors import UnknownStateError, close_matches

        sug = close_matches(anchor, states, cutoff=0.5)
        raise UnknownStateError(
            f"anchor state {anchor!r} has no votes in the data being scaled; pass anchor= one of the states "
            f"that voted (close codes: {sug}) or anchor=None for an arbitrary sign",
            key=anchor,
            suggestions=sug,
        )
    return states.index(anchor)


def _first_pc(V):
    """First principal-component scores of the rows of V (states x items),
    NaN = missing (imputed with the item mean), by power iteration on the
    centred matrix.  Returns (scores, share of variance)."""
    W = np.where(np.isnan(V), np.nanmean(V, axis=0, keepdims=True), V)
    W = np.nan_to_num(W - W.mean(axis=0, keepdims=True))
    if not np.any(W):
        return np.zeros(W.shape[0]), 0.0
    # exact SVD for small problems (the teaching baselines), power iteration otherwise
    if min(W.shape) <= 400:
        u, s, _ = np.linalg.svd(W, full_matrices=False)
        scores = u[:, 0] * s[0]
        share = float(s[0] ** 2 / (s**2).sum())
        return scores, share
    v = W.T @ W.sum(axis=1)
    if not np.any(v):
        v = np.ones(W.shape[1])
    for _ in range(100):
        v = W.T @ (W @ v)
        v /= np.linalg.norm(v)
    scores = W @ v
    share = float((scores**2).sum() / (W**2).sum())
    return scores, share


def _period_labels(rc: pd.DataFrame, by: str) -> np.ndarray:
    if by == "session":
        return rc["session"].to_numpy().astype(np.int64)
    return pd.to_datetime(rc["date"]).dt.year.to_numpy().astype(np.int64)


# ----------------------------------------------------------------------------- main


def ideal_points(
    record: VotingRecord,
    *,
    by: str = "session",
    model: str = "ordinal",
    dynamic: bool = True,
    min_votes: int = 10,
    lop: float = 0.025,
    issue: StrsLike | None = None,
    anchor: str | None = "USA",
    follow_succession: bool | str = False,
    evolution_var: float = 0.1,
    beta_var: float = 1.0,
    seed: int = 0,
    n_boot: int = 0,
    tol: float = 1e-3,
    max_iter: int = 1000,
    progress: bool | str | Callable[..., object] | None = "auto",
) -> IdealPoints:
    r"""Ideal points of every state in every period, by (variational) EM.

    For roll call :math:`j` held in period :math:`t` and state :math:`i`,

    .. math::

        z_{ij} = \beta_j x_{it} + \varepsilon_{ij}, \quad \varepsilon_{ij} \sim N(0, 1),

    with vote yes if :math:`z < \gamma_{1j}`, abstain if
    :math:`\gamma_{1j} \le z < \gamma_{2j}` and no otherwise (the ordered
    probit of Bailey, Strezhnev and Voeten 2017; binary: yes if
    :math:`z < \gamma_j`, no otherwise, abstentions missing).  It is fitted
    in the ``ordIRT`` parameterisation of Imai, Lo and Olmsted (2016), where
    the thresholds are 0 and 1 and each roll call has its own noise scale;
    the result is reported in the unit-noise form above.

    Dynamic fits give each state a random walk across the periods in which it
    is a member, :math:`x_{it} \sim N(x_{i,t-1}, \omega^2)` (Martin and Quinn
    2002; ``evolution_var`` = :math:`\omega^2` on the standardised scale),
    starting from :math:`N(0, 1)` at its first period; periods without
    votes (Indonesia 1965, South Africa 1974-1994) are bridged by the walk.
    The ideal-point step is a Kalman filter and Rauch-Tung-Striebel smoother
    run over the periods, each step vectorised across all states.  Static
    fits put an independent :math:`N(0, 1)` prior on every state-period.
    The prior on the discriminations is :math:`\beta_j \sim N(0,` ``beta_var``
    :math:`)`, as in BSV.

    Parameters
    ----------
    record : VotingRecord
        The record (``unvotes.load()``), usually after ``record.select(...)``.
        States are the columns of ``record.matrix()``; predecessor and
        successor seats (SUN and RUS) are separate states unless the record
        is built with merged columns.
    by : {"session", "year"}, default "session"
        Period of the estimates: the regular session of the roll call, or
        the calendar year of its date.
    model : {"ordinal", "binary"}, default "ordinal"
        ``"ordinal"``: yes < abstain < no; ``"binary"``: yes vs no, with
        abstentions treated as missing.  Absent and non_member are missing
        in both.
    dynamic : bool, default True
        Random-walk prior across periods (True) or each period alone (False).
    min_votes : int, default 10
        State-periods with fewer votes on the roll calls kept are left out
        (listed in ``dropped_states``).  Roll calls and state-periods are
        filtered alternately until both rules hold, as W-NOMINATE does.
    lop : float, default 0.025
        Roll calls whose minority share is below ``lop`` are left out
        (W-NOMINATE's rule; Poole et al. 2011).  Ordinal model: the share of
        voting states not in the largest of yes/abstain/no; binary:
        ``min(yes, no) / (yes + no)``.  Unanimous roll calls (share 0) are
        always left out, as BSV do.  ``lop=0`` keeps every roll call with
        any variation.
    issue : str or sequence of str, optional
        Keep only roll calls flagged with any of these issue codes: ``me``,
        ``nu``, ``di``, ``hr``, ``co``, ``ec`` (Voeten's), or ``important``.
        Roll calls whose flag is missing (NA) are not in the subset.
    anchor : str or None, default "USA"
        ISO3 code of the state on the positive side (see the module notes).
    follow_succession : bool, {"seat", "lineage"} or dict, default False
        Passed to ``record.matrix()``: ``True`` merges predecessor seats
        into their successors (SUN into RUS, TWN into CHN, YAR into YEM,
        SCG into SRB), so that the random walk links them, as BSV's single
        COW code 365 does for the USSR and Russia.  By default they are
        separate states and the successor's walk starts afresh.
    evolution_var : float, default 0.1
        Variance of one step of the random walk (dynamic only).
    beta_var : float, default 1.0
        Prior variance of the discriminations :math:`\beta_j`.
    seed : int, default 0
        Seed of the random jitter added to the start values and of the
        parametric bootstrap.  The start is the first principal component of
        each period's vote matrix, so the estimates are the same for every
        seed up to ``tol``; a fixed seed makes them identical run to run.
    n_boot : int, default 0
        Number of parametric-bootstrap replicates (Imai, Lo and Olmsted
        2016, ``boot_emIRT``): votes are simulated for every observed cell
        from the fitted model, the model is refitted from the estimates, and
        the standard deviation of each ideal point over the replicates is
        returned as ``boot_se``.  Each replicate costs a fraction of a fit.
    tol : float, default 1e-3
        Convergence criterion: the largest absolute change of any ideal
        point (standardised scale) between two EM iterations.
    max_iter : int, default 1000
        Iteration limit; a fit that stops there warns (``RuntimeWarning``)
        and has ``converged=False``.
    progress : {"auto", True, False} or callable, default "auto"
        ``"auto"`` writes one progress line to stderr once a fit has taken
        more than 3 seconds; ``True`` always, ``False`` never.  A callable
        is called after each iteration with a dict (``iteration``,
        ``max_change``, ``seconds``).

    Returns
    -------
    IdealPoints
        ``.estimates`` (columns ``state``, ``period``, ``ideal_point``,
        ``se``, ``lower``, ``upper``, ``n_votes``), ``.roll_calls``
        (``rcid``, ``period``, ``beta``, ``cut1``, ``cut2`` or ``cut``,
        ``n_votes``, ``minority_share``), the dropped roll calls and
        state-periods, and ``iterations``, ``converged``, ``max_change``,
        ``loglik``.

    Raises
    ------
    TypeError
        If ``record`` is not a VotingRecord, or an argument has the wrong type.
    ValueError
        For an unknown ``by``, ``model`` or issue code, a negative
        ``min_votes``, ``lop`` outside [0, 0.5), a non-positive
        ``evolution_var``, ``beta_var``, ``tol`` or ``max_iter``, or when no
        roll call is left after the filters.
    UnknownStateError
        If ``anchor`` has no votes in the data being scaled.

    Notes
    -----
    The ``se`` column is the standard deviation of the variational
    posterior; Imai, Lo and Olmsted (2016) show that such variances are far
    too small, so read ``lower``/``upper`` as a lower bound on the
    uncertainty.  Without roll calls repeated across sessions (BSV link 955
    of them) the dynamic model's comparability over time rests on the random
    walk alone.  Fitted to the whole record by session (defaults), the
    estimates correlate with the BSV April 2020 release at r = 0.98 pooled
    over 10,379 state-sessions and at least 0.978 within every session 1-74
    (``benchmarks/bench_ideal.py``; the fit takes about 30 s).

    References
    ----------
    Bailey, Strezhnev and Voeten (2017), *JCR* 61(2): 430-456 (model, priors,
    standardisation, unanimous roll calls).  Imai, Lo and Olmsted (2016),
    *APSR* 110(4): 631-656 (EM for ordinal and dynamic IRT, ``ordIRT``
    parameterisation).  Martin and Quinn (2002), *Political Analysis* 10(2)
    (random-walk prior).  Poole, Lewis, Lo and Carroll (2011), *Journal of
    Statistical Software* 42(14) (``lop`` and ``minvotes`` filters).

    Examples
    --------
    >>> import unvotes
    >>> rec = unvotes.load().select(sessions=range(70, 75))
    >>> fit = unvotes.ideal_points(rec, progress=False)
    >>> fit.converged, fit.anchor
    (True, 'USA')
    >>> s74 = fit.estimates.query("period == 74")
    >>> s74.nlargest(2, "ideal_point")["state"].tolist()
    ['USA', 'ISR']
    >>> est = s74.set_index("state")["ideal_point"]
    >>> bool(est["CHN"] < 0 < est["GBR"])
    True
    >>> list(fit.estimates.columns)
    ['state', 'period', 'ideal_point', 'se', 'lower', 'upper', 'n_votes']
    """
    # ---- argument checks
    if by not in ("session", "year"):
        raise ValueError(f'`by` must be "session" or "year", got {by!r}')
    if model not in ("ordinal", "binary"):
        raise ValueError(f'`model` must be "ordinal" or "binary", got {model!r}')
    if not isinstance(dynamic, (bool, np.bool_)):
        raise TypeError(f"`dynamic` must be True or False, got {dynamic!r}")
    if isinstance(min_votes, bool) or not isinstance(min_votes, (int, np.integer)) or min_votes < 0:
        raise ValueError(f"`min_votes` must be a non-negative integer, got {min_votes!r}")
    if not isinstance(lop, (int, float)) or not 0 <= lop < 0.5:
        raise ValueError(f"`lop` must be a minority share in [0, 0.5) such as 0.025, got {lop!r}")
    for name, val in (("evolution_var", evolution_var), ("beta_var", beta_var), ("tol", tol)):
        if not isinstance(val, (int, float)) or not val > 0:
            raise ValueError(f"`{name}` must be a positive number, got {val!r}")
    if isinstance(n_boot, bool) or not isinstance(n_boot, (int, np.integer)) or n_boot < 0 or n_boot == 1:
        raise ValueError(f"`n_boot` must be 0 (no bootstrap) or an integer >= 2, got {n_boot!r}")
    if isinstance(max_iter, bool) or not isinstance(max_iter, (int, np.integer)) or max_iter < 1:
        raise ValueError(f"`max_iter` must be a positive integer, got {max_iter!r}")
    if not (progress in ("auto", True, False, None) or callable(progress)):
        raise ValueError(f'`progress` must be "auto", True, False or a callable, got {progress!r}')
    if isinstance(record, pd.DataFrame) or not (hasattr(record, "matrix") and hasattr(record, "roll_calls")):
        raise TypeError(
            "`record` must be a VotingRecord (unvotes.load(), or record.select(...)), "
            f"got {type(record).__name__}; it needs the roll calls' sessions and dates"
        )
    settings = dict(
        by=by, model=model, dynamic=bool(dynamic), min_votes=int(min_votes), lop=float(lop), issue=issue,
        anchor=anchor, follow_succession=follow_succession, evolution_var=float(evolution_var), beta_var=float(beta_var), seed=seed, n_boot=int(n_boot), tol=float(tol),
        max_iter=int(max_iter),
    )

    rc = record.roll_calls
    M = record.matrix(follow_succession=follow_succession) if follow_succession else record.matrix()
    Y = M.to_numpy()
    rcids = M.index.to_numpy()
    states = np.asarray(M.columns, dtype=object)
    periods_all = _period_labels(rc.set_index("rcid").loc[rcids].reset_index(), by)

    # ---- issue subset
    keep_rc = np.ones(len(rcids), dtype=bool)
    if issue is not None:
        codes = [issue] if isinstance(issue, str) else list(issue)
        bad = [c for c in codes if c not in _ISSUES]
        if bad or not codes:
            raise ValueError(f"unknown issue code(s) {bad or codes!r}; use any of {list(_ISSUES)}")
        flags = rc.set_index("rcid").loc[rcids, codes]
        keep_rc = flags.fillna(False).astype(bool).any(axis=1).to_numpy()
        if not keep_rc.any():
            raise ValueError(f"no roll call in the record is flagged with issue {codes!r}")

    # ---- observed cells and filters (alternate until stable)
    if model == "ordinal":
        voted = (Y == YES) | (Y == ABSTAIN) | (Y == NO)
    else:
        voted = (Y == YES) | (Y == NO)
    voted &= keep_rc[:, None]
    puniq, pidx = np.unique(periods_all, return_inverse=True)
    T, N = len(puniq), len(states)
    active_sp = np.ones((T, N), dtype=bool)  # state-periods not dropped by min_votes
    drop_reason = np.full(len(rcids), "", dtype=object)
    for _ in range(50):
        obs = voted & active_sp[pidx]
        n_y = (obs & (Y == YES)).sum(axis=1)
        n_a = (obs & (Y == ABSTAIN)).sum(axis=1)
        n_n = (obs & (Y == NO)).sum(axis=1)
        tot = n_y + n_a + n_n
        with np.errstate(invalid="ignore", divide="ignore"):
            if model == "ordinal":
                minority = 1.0 - np.maximum(np.maximum(n_y, n_a), n_n) / tot
            else:
                minority = np.minimum(n_y, n_n) / tot
        minority = np.where(tot > 0, minority, np.nan)
        reason = np.where(
            ~keep_rc, "issue",
            np.where(tot == 0, "no votes",
                     np.where(minority == 0, "unanimous", np.where(minority < lop, "lopsided", ""))))
        rc_ok = reason == ""
        cnt = np.zeros((T, N), dtype=np.int64)
        np.add.at(cnt, pidx[rc_ok], obs[rc_ok].astype(np.int64))
        new_active = active_sp & (cnt >= max(min_votes, 1))
        if np.array_equal(new_active, active_sp) and np.array_equal(reason, drop_reason):
            break
        active_sp = new_active
        drop_reason = reason
    else:  # pragma: no cover - the filters shrink monotonically
        pass
    if not rc_ok.any():
        raise ValueError(
            f"no roll call left after the filters (lop={lop}, min_votes={min_votes}, issue={issue!r}); "
            "lower `lop` or `min_votes`, or select more roll calls"
        )
    obs = voted & active_sp[pidx] & rc_ok[:, None]
    cnt = np.zeros((T, N), dtype=np.int64)
    np.add.at(cnt, pidx, obs.astype(np.int64))
    dropped_sp = (cnt == 0) & ~active_sp
    raw_cnt = np.zeros((T, N), dtype=np.int64)
    np.add.at(raw_cnt, pidx[rc_ok], voted[rc_ok].astype(np.int64))

    # keep only periods and states with data
    items = np.nonzero(rc_ok)[0]
    p_used = np.unique(pidx[items])
    s_used = np.nonzero(obs[items].any(axis=0))[0]
    pmap = np.full(T, -1)
    pmap[p_used] = np.arange(len(p_used))
    smap = np.full(N, -1)
    smap[s_used] = np.arange(len(s_used))
    Ys = Y[items]
    r_idx, c_idx = np.nonzero(obs[items])
    code = Ys[r_idx, c_idx]
    cat = np.where(code == YES, 0, np.where(code == ABSTAIN, 1, 2)).astype(np.int8)
    item_period = pmap[pidx[items]]
    d = _core.make_data(r_idx, smap[c_idx], cat, item_period, len(s_used), len(p_used))
    fit_states = states[s_used]
    fit_periods = puniq[p_used]
    k_anchor = _check_anchor(anchor, fit_states)

    # ---- start: first principal component per period, oriented to the anchor
    x0 = _start_values(Ys[:, s_used], obs[items][:, s_used], item_period, len(p_used), len(s_used), k_anchor)
    rng = np.random.default_rng(seed)
    x0 = x0 + 0.01 * rng.standard_normal(x0.shape)

    f = _core.fit(
        d, x0, model=model, dynamic=bool(dynamic), evol_var=float(evolution_var), beta_var=float(beta_var),
        anchor=k_anchor, tol=float(tol), max_iter=int(max_iter),
        progress=(None if progress in (False, None) else progress),
    )
    if not f.converged:
        warnings.warn(
            f"ideal_points did not converge in max_iter={max_iter} iterations (largest change "
            f"{f.max_change:.2e} > tol={tol}); raise max_iter or tol",
            RuntimeWarning,
            stacklevel=2,
        )

    boot_se = None
    if n_boot:
        boot_se = _bootstrap(
            f, r_idx, smap[c_idx], item_period, d, int(n_boot), rng, progress,
            dict(model=model, dynamic=bool(dynamic), evol_var=float(evolution_var), beta_var=float(beta_var),
                 anchor=k_anchor, tol=float(tol), max_iter=int(max_iter)),
        )

    # ---- tidy outputs
    tt, ii = np.nonzero(d.observed)
    x = f.x[tt, ii]
    se = np.sqrt(f.v[tt, ii])
    nv = np.bincount(d.sp, minlength=d.n_periods * d.n_states).reshape(d.n_periods, d.n_states)[tt, ii]
    est = pd.DataFrame(
        {
            "state": fit_states[ii].astype(str),
            "period": fit_periods[tt],
            "ideal_point": x,
            "se": se,
            "lower": x - 1.96 * se,
            "upper": x + 1.96 * se,
            "n_votes": nv.astype(np.int64),
        }
    )
    if boot_se is not None:
        est["boot_se"] = boot_se[tt, ii]
    est = est.sort_values(["state", "period"], kind="stable").reset_index(drop=True)

    beta = f.b / f.s
    rct = pd.DataFrame({"rcid": rcids[items], "period": puniq[pidx[items]], "beta": beta})
    if model == "ordinal":
        rct["cut1"] = -f.a / f.s
        rct["cut2"] = (1.0 - f.a) / f.s
    else:
        rct["cut"] = -f.a
    rct["n_votes"] = obs[items].sum(axis=1).astype(np.int64)
    rct["minority_share"] = minority[items]
    dr = np.nonzero(~rc_ok)[0]
    dropped_rc = pd.DataFrame(
        {"rcid": rcids[dr], "period": puniq[pidx[dr]], "reason": drop_reason[dr].astype(str),
         "minority_share": minority[dr]}
    )
    dt, di = np.nonzero((raw_cnt > 0) & ~active_sp)
    dropped_states = pd.DataFrame(
        {"state": states[di].astype(str), "period": puniq[dt], "n_votes": raw_cnt[dt, di].astype(np.int64)}
    ).sort_values(["state", "period"]).reset_index(drop=True)
    return IdealPoints(
        estimates=est,
        roll_calls=rct,
        dropped_roll_calls=dropped_rc,
        dropped_states=dropped_states,
        model=model,
        by=by,
        dynamic=bool(dynamic),
        anchor=fit_states[k_anchor] if k_anchor is not None else None,
        iterations=f.iterations,
        converged=f.converged,
        max_change=f.max_change,
        tol=float(tol),
        loglik=f.loglik,
        seconds=f.seconds,
        settings=settings,
    )


def _bootstrap(f, item, state, item_period, d, n_boot, rng, progress, kw):
    """Parametric bootstrap: SD of the ideal points over ``n_boot`` refits to
    votes simulated from the fitted model on the same observed cells."""
    import sys

    xf = np.nan_to_num(f.x)
    mu = f.a[item] + f.b[item] * xf[item_period[item], state]
    reps = np.empty((n_boot,) + f.x.shape)
    for k in range(n_boot):  # one refit per replicate (each vectorised)
        z = mu + f.s[item] * rng.standard_normal(mu.shape[0])
        if kw["model"] == "ordinal":
            cat = np.where(z < 0, 0, np.where(z < 1, 1, 2))
        else:
            cat = np.where(z < 0, 0, 2)
        db = _core.make_data(item, state, cat.astype(np.int8), item_period, d.n_states, d.n_periods)
        fb = _core.fit(db, xf, progress=None, **kw)
        reps[k] = fb.x
        if progress is True or (progress == "auto" and f.seconds > 3.0):
            sys.stderr.write(f"\rideal_points: bootstrap replicate {k + 1}/{n_boot}")
            sys.stderr.flush()
        elif callable(progress):
            progress({"bootstrap_replicate": k + 1, "n_boot": n_boot})
    if progress is True or (progress == "auto" and f.seconds > 3.0):
        sys.stderr.write("\n")
    return reps.std(axis=0, ddof=1)


def _start_values(Ys, obs, item_period, T, N, k_anchor):
    """First principal component of each period's yes=+1/abstain=0/no=-1
    matrix, standardised, oriented so the anchor is positive (or, where it
    did not vote, to correlate positively with the previous period)."""
    val = np.where(Ys == YES, 1.0, np.where(Ys == NO, -1.0, 0.0))
    val = np.where(obs, val, np.nan)
    x0 = np.zeros((T, N))
    prev = None
    order = np.argsort(item_period, kind="stable")
    bounds = np.searchsorted(item_period[order], np.arange(T + 1))
    for t in range(T):  # one small matrix per period (not per state)
        rows = order[bounds[t] : bounds[t + 1]]
        V = val[rows].T  # states x items
        have = ~np.all(np.isnan(V), axis=1)
        sc, _ = _first_pc(V[have])
        sd = sc.std()
        sc = (sc - sc.mean()) / (sd if sd > 0 else 1.0)
        full = np.zeros(N)
        full[have] = sc
        if k_anchor is not None and have[k_anchor]:
            if full[k_anchor] < 0:
                full = -full
        elif prev is not None:
            both = have & prev[1]
            if both.sum() > 1 and np.dot(full[both], prev[0][both]) < 0:
                full = -full
        x0[t] = full
        prev = (full, have)
    return x0


def vote_probabilities(ideal_point: ArrayLike, beta: ArrayLike, cut1: ArrayLike,
                       cut2: ArrayLike | None = None) -> pd.DataFrame:
    r"""Probabilities of yes, abstain and no under the ordered probit.

    :math:`P(\text{yes}) = \Phi(\gamma_1 - \beta\theta)`,
    :math:`P(\text{abstain}) = \Phi(\gamma_2 - \beta\theta) - \Phi(\gamma_1 - \beta\theta)`,
    :math:`P(\text{no}) = 1 - \Phi(\gamma_2 - \beta\theta)` (Bailey,
    Strezhnev and Voeten 2017).  The computation goes through the
    ``ordIRT`` form that :func:`ideal_points` fits (Imai, Lo and Olmsted
    2016): thresholds 0 and 1, :math:`d = \gamma_2 - \gamma_1`,
    :math:`\tau^* = -\gamma_1/d`, :math:`\beta^* = \beta/d`, noise
    :math:`1/d`.  With ``cut2=None`` the binary probit
    :math:`P(\text{yes}) = \Phi(\gamma_1 - \beta\theta)`.

    Parameters
    ----------
    ideal_point, beta, cut1, cut2 : float or array_like
        State position :math:`\theta`, discrimination :math:`\beta` and
        thresholds :math:`\gamma_1 < \gamma_2` (the ``beta``, ``cut1``,
        ``cut2`` columns of ``IdealPoints.roll_calls``); broadcast together.

    Returns
    -------
    pandas.DataFrame
        Columns ``yes``, ``abstain``, ``no``; one row per broadcast element.

    Raises
    ------
    ValueError
        If some ``cut2 <= cut1``.

    References
    ----------
    Bailey, Strezhnev and Voeten (2017), *JCR* 61(2): 430-456; Imai, Lo and
    Olmsted (2016), *APSR* 110(4): 631-656.

    Examples
    --------
    The worked example of METRICS.md §6.1 (theta 1.2, beta 0.8, cuts -0.5 and 0.7):

    >>> from unvotes.ideal import vote_probabilities
    >>> vote_probabilities(1.2, 0.8, -0.5, 0.7).round(4)
          yes  abstain      no
    0  0.0721   0.3253  0.6026
    """
    x, beta, c1 = np.broadcast_arrays(*(np.atleast_1d(np.asarray(v, dtype=float)) for v in (ideal_point, beta, cut1)))
    if cut2 is None:
        p = _core.category_probs(-c1, beta, np.ones_like(c1), x, model="binary")
    else:
        c2 = np.broadcast_to(np.asarray(cut2, dtype=float), x.shape)
        if np.any(c2 <= c1):
            raise ValueError(f"`cut2` must be greater than `cut1`; got cut1={c1.tolist()}, cut2={c2.tolist()}")
        d = c2 - c1
        p = _core.category_probs(-c1 / d, beta / d, 1.0 / d, x)
    return pd.DataFrame({"yes": p[0].ravel(), "abstain": p[1].ravel(), "no": p[2].ravel()})


# ----------------------------------------------------------------------------- baselines


def pca_baseline(votes: VotingRecord | pd.DataFrame, *, anchor: str | None = "USA") -> pd.DataFrame:
    """First principal component of the yes=+1 / abstain=0 / no=-1 matrix.

    Absent and non_member are missing and imputed with the roll call's mean
    over the states that voted; roll calls with no variation among the
    voting states are dropped; the columns (roll calls) are centred and the
    scores are the first left singular vector times the singular value
    (METRICS.md §6.4 b; Kim and Russett 1996 used factor analysis of UNGA
    votes in this spirit).

    Parameters
    ----------
    votes : VotingRecord or pandas.DataFrame
        A record, or a vote matrix as returned by ``record.matrix()`` (rows
        roll calls, columns states, integer codes 1/2/3/8/9).
    anchor : str or None, default "USA"
        State whose score is made positive; None leaves the SVD's sign.

    Returns
    -------
    pandas.DataFrame
        Columns ``state``, ``score`` (PC1), ``n_votes``; the share of
        variance of PC1 is in ``.attrs["explained_variance_ratio"]`` and the
        number of roll calls used in ``.attrs["n_roll_calls"]``.

    Raises
    ------
    TypeError
        If ``votes`` is neither a record nor an integer matrix.
    ValueError
        For codes other than 1/2/3/8/9, or when no roll call varies.
    UnknownStateError
        If ``anchor`` has no votes.

    References
    ----------
    Kim, S. Y. and Russett, B. (1996). The new politics of voting alignments
    in the United Nations General Assembly. *International Organization*
    50(4): 629-652.

    Examples
    --------
    The toy data of METRICS.md §0.3 (five states, ten roll calls):

    >>> import pandas as pd
    >>> from unvotes.ideal import pca_baseline
    >>> toy = pd.DataFrame({"A": [1, 1, 3, 1, 2, 1, 3, 1, 8, 1], "B": [1, 1, 3, 2, 2, 1, 1, 3, 1, 1],
    ...                     "C": [1, 1, 1, 1, 1, 3, 1, 1, 1, 2], "D": [1, 1, 1, 2, 1, 3, 1, 1, 9, 1],
    ...                     "E": [1, 8, 1, 1, 3, 1, 1, 1, 1, 1]}, dtype="int8")
    >>> pc = pca_baseline(toy, anchor="B")
    >>> pc.round(4)
      state   score  n_votes
    0     A  1.6207        9
    1     B  1.6154       10
    2     C -1.8109       10
    3     D -1.6542        9
    4     E  0.2289        9
    >>> round(pc.attrs["explained_variance_ratio"], 4)
    0.5435
    """
    m = _as_matrix(votes)
    Y = m.to_numpy()
    voted = (Y == YES) | (Y == ABSTAIN) | (Y == NO)
    val = np.where(Y == YES, 1.0, np.where(Y == NO, -1.0, 0.0))
    val = np.where(voted, val, np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        lo = np.nanmin(val, axis=1)
        hi = np.nanmax(val, axis=1)
    varies = np.isfinite(lo) & (hi > lo)
    if not varies.any():
        raise ValueError("no roll call with variation among the voting states: nothing to scale")
    V = val[varies].T  # states x roll calls
    have = voted.any(axis=0)
    states = np.asarray(m.columns)[have]
    k = _check_anchor(anchor, states)
    scores, share = _first_pc(V[have])
    if k is not None and scores[k] < 0:
        scores = -scores
    out = pd.DataFrame({"state": states.astype(str), "score": scores, "n_votes": voted[:, have].sum(axis=0)})
    out.attrs["explained_variance_ratio"] = share
    out.attrs["n_roll_calls"] = int(varies.sum())
    return out


def classical_mds(agreement: pd.DataFrame, *, anchor: str | None = None, n_components: int = 1) -> pd.DataFrame:
    """Classical (Torgerson) scaling of an agreement matrix.

    With distances :math:`d_{ij} = 1 - a_{ij}`, double-centre the squared
    distances, :math:`B = -\\tfrac12 J D^{(2)} J` with
    :math:`J = I - 11^T/n`, and take :math:`\\sqrt{\\lambda_k} v_k` for the
    largest eigenvalues (Poole 2005, ch. 2; METRICS.md §6.4 a).

    Parameters
    ----------
    agreement : pandas.DataFrame, shape (n, n)
        Symmetric agreement in [0, 1], the same labels on index and columns,
        no missing values.
    anchor : str or None, default None
        Label whose first coordinate is made positive.
    n_components : int, default 1
        Number of dimensions.

    Returns
    -------
    pandas.DataFrame
        Index: the labels; columns ``dim1`` ... ``dimK``;
        ``.attrs["eigenvalues"]`` holds all eigenvalues of B (descending).

    Raises
    ------
    TypeError
        If ``agreement`` is not a DataFrame.
    ValueError
        If it is not square and symmetric with matching labels, has missing
        values, or ``n_components`` is out of range.
    KeyError
        If ``anchor`` is not a label.

    References
    ----------
    Poole, K. T. (2005). *Spatial Models of Parliamentary Voting*, ch. 2.
    Torgerson, W. S. (1952). Multidimensional scaling: I. Theory and method.
    *Psychometrika* 17: 401-419.

    Examples
    --------
    Poole's six legislators on a line (Fig. 2.3): agreement 1 - |x_i - x_j|.

    >>> import numpy as np, pandas as pd
    >>> from unvotes.ideal import classical_mds
    >>> x = np.array([-0.5, -0.3, -0.1, 0.1, 0.3, 0.5])
    >>> names = ["One", "Two", "Three", "Four", "Five", "Six"]
    >>> a = pd.DataFrame(1 - np.abs(x[:, None] - x[None, :]), index=names, columns=names)
    >>> out = classical_mds(a, anchor="Six")
    >>> out["dim1"].round(4).tolist()
    [-0.5, -0.3, -0.1, 0.1, 0.3, 0.5]
    >>> np.round(out.attrs["eigenvalues"][:2], 4).tolist()
    [0.7, 0.0]
    """
    if not isinstance(agreement, pd.DataFrame):
        raise TypeError(f"`agreement` must be a square pandas DataFrame, got {type(agreement).__name__}")
    A = agreement.to_numpy(dtype=float)
    n = A.shape[0]
    if A.shape[0] != A.shape[1] or not agreement.index.equals(agreement.columns):
        raise ValueError(
            f"`agreement` must be square with the same labels on index and columns, got shape {A.shape}"
        )
    if np.isnan(A).any():
        raise ValueError(
            f"`agreement` has {int(np.isnan(A).sum())} missing values; impute them or drop those states "
            "(mds_baseline imputes the mean agreement)"
        )
    if not np.allclose(A, A.T, atol=1e-9):
        raise ValueError("`agreement` must be symmetric")
    if isinstance(n_components, bool) or not isinstance(n_components, (int, np.integer)) or not 1 <= n_components <= n:
        raise ValueError(f"`n_components` must be an integer in [1, {n}], got {n_components!r}")
    D2 = (1.0 - A) ** 2
    J = np.eye(n) - 1.0 / n
    B = -0.5 * J @ D2 @ J
    lam, vec = np.linalg.eigh(B)
    order = np.argsort(lam)[::-1]
    lam, vec = lam[order], vec[:, order]
    coords = vec[:, :n_components] * np.sqrt(np.clip(lam[:n_components], 0, None))
    out = pd.DataFrame(coords, index=agreement.index, columns=[f"dim{k + 1}" for k in range(n_components)])
    if anchor is not None:
        if anchor not in out.index:
            raise KeyError(f"anchor {anchor!r} is not a label of `agreement`")
        for c in out.columns:
            if out.loc[anchor, c] < 0:
                out[c] = -out[c]
    out.attrs["eigenvalues"] = lam
    return out


def mds_baseline(votes: VotingRecord | pd.DataFrame, *, anchor: str | None = "USA") -> pd.DataFrame:
    """Classical scaling of the raw percent-agreement matrix of the states.

    Agreement is the share of roll calls on which both states voted (yes,
    abstain or no) and voted the same (both abstaining counts as agreement;
    METRICS.md §1, "raw"), computed for all pairs at once; pairs with no
    shared vote get the mean agreement (with a ``UserWarning``); then
    :func:`classical_mds`.

    Parameters
    ----------
    votes : VotingRecord or pandas.DataFrame
        A record or a vote matrix as from ``record.matrix()``.
    anchor : str or None, default "USA"
        State whose coordinate is made positive.

    Returns
    -------
    pandas.DataFrame
        Columns ``state``, ``score`` (first MDS coordinate), ``n_votes``;
        ``.attrs["eigenvalues"]`` and ``.attrs["agreement"]`` (the matrix).

    Raises
    ------
    TypeError, ValueError
        As :func:`pca_baseline`.
    UnknownStateError
        If ``anchor`` has no votes.

    References
    ----------
    Poole, K. T. (2005). *Spatial Models of Parliamentary Voting*, ch. 2.
    Lijphart, A. (1963). The analysis of bloc voting in the General
    Assembly. *American Political Science Review* 57(4): 902-917.

    Examples
    --------
    Poole's Fig. 2.3: six legislators, five votes in a perfect one-dimensional
    pattern (legislator k votes yes on vote v when k > v):

    >>> import numpy as np, pandas as pd
    >>> from unvotes.ideal import mds_baseline
    >>> names = ["One", "Two", "Three", "Four", "Five", "Six"]
    >>> codes = [[1 if k > v else 3 for k in range(1, 7)] for v in range(1, 6)]
    >>> m = pd.DataFrame(codes, columns=names, dtype="int8")
    >>> mds_baseline(m, anchor="Six")["score"].round(4).tolist()
    [-0.5, -0.3, -0.1, 0.1, 0.3, 0.5]
    """
    m = _as_matrix(votes)
    Y = m.to_numpy()
    have = ((Y == YES) | (Y == ABSTAIN) | (Y == NO)).any(axis=0)
    Y = Y[:, have]
    states = np.asarray(m.columns)[have].astype(str)
    _check_anchor(anchor, states)
    oh = [(Y == c).astype(np.float64) for c in (YES, ABSTAIN, NO)]
    voted = oh[0] + oh[1] + oh[2]
    shared = voted.T @ voted
    same = sum(o.T @ o for o in oh)
    with np.errstate(invalid="ignore", divide="ignore"):
        A = same / shared
    miss = shared == 0
    if miss.any():
        fill = float(np.nanmean(A[~miss]))
        n_pairs = int(np.triu(miss, 1).sum())
        warnings.warn(
            f"{n_pairs} pair(s) of states share no vote; their agreement is set to the mean agreement {fill:.3f}",
            UserWarning,
            stacklevel=2,
        )
        A = np.where(miss, fill, A)
    A = (A + A.T) / 2
    np.fill_diagonal(A, 1.0)
    agr = pd.DataFrame(A, index=states, columns=states)
    mds = classical_mds(agr, anchor=anchor)
    out = pd.DataFrame({"state": states, "score": mds["dim1"].to_numpy(), "n_votes": voted.sum(axis=0).astype(np.int64)})
    out.attrs["eigenvalues"] = mds.attrs["eigenvalues"]
    out.attrs["agreement"] = agr
    return out


# ----------------------------------------------------------------------------- validation helpers


def _bsv_reference(path, states: pd.DataFrame) -> pd.DataFrame:
    """The Bailey-Strezhnev-Voeten ideal-point file keyed on ISO3 (private;
    used by the tests and ``benchmarks/bench_ideal.py``).

    Reads the Latin-1 CSV, renames ``QO%`` (letter O) to ``Q0%``, and maps
    the COW ``ccode`` to every ISO3 spell of ``states`` (``record.states``)
    whose ``cow_code_periods`` overlap the session (September of 1945 +
    session to September of the next year): 260 and 255 both give DEU, 365
    gives SUN to 1991-12-24 and RUS after, so session 46 has both
    candidates; :func:`_compare_with_reference` keeps the one with more
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


def _compare_with_reference(estimates: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
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
