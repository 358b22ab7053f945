r"""Ideal points: one-dimensional positions of member states from roll calls.

* :func:`ideal_points` fits an ordinal (yes < abstain < no) or binary
  (yes / no) probit item-response model by variational EM, either *dynamic*
  (a random walk links each state's positions across periods) or *static*
  (each period alone).  Absent and non_member are missing data, not votes.
* :func:`vote_probabilities` gives the model's probabilities of yes,
  abstain and no for given parameters.

The steps of a fit live in their own modules: argument checks in
:mod:`~unvotes.ideal._checks`, the data preparation (issue subset and
filters) in :mod:`~unvotes.ideal._prepare`, the EM in
:mod:`~unvotes.ideal._core`, the result in :mod:`~unvotes.ideal.result`.
The model-free baselines (:func:`~unvotes.ideal.baselines.pca_baseline`,
:func:`~unvotes.ideal.baselines.mds_baseline`) are in
:mod:`~unvotes.ideal.baselines`.

Model
-----
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

Uncertainty and validation
--------------------------
The ``se`` column is the standard deviation of the variational
posterior; Imai, Lo and Olmsted (2016) show that such variances are far
too small, so read ``lower``/``upper`` as a lower bound on the
uncertainty.  Without roll calls repeated across sessions (BSV link 955
of them) the dynamic model's comparability over time rests on the random
walk alone.  Fitted to the whole record by session (defaults), the
estimates correlate with the BSV April 2020 release at r = 0.982 pooled
over 10,380 state-sessions and at least 0.977 within every session 1-74
(``benchmarks/bench_ideal.py``; about 80 EM evaluations, 4 s of CPU).
The parametric bootstrap (``n_boot``) simulates votes for every observed
cell from the fitted model, refits the model from the estimates and
reports the standard deviation of each ideal point over the replicates.

Estimation: variational EM accelerated by SQUAREM (Varadhan and Roland
2008) with its monotonicity safeguard, the votes held in float32
(:mod:`~unvotes.ideal._core`); ``dims=2`` runs the same steps with vectors
(:mod:`~unvotes.ideal._multi`, which documents its identification: whitened,
rotated to the principal axes of the discriminations, the anchor positive
on both dimensions).  Fit statistics (correct classification, APRE, GMP)
follow W-NOMINATE (Poole 2005; :attr:`IdealPoints.fit_statistics`).

Identification in one dimension (see METRICS.md §6.5):

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
University Press (fit statistics; the dominant first dimension).

Poole, K., Lewis, J., Lo, J. and Carroll, R. (2011). Scaling roll call votes
with wnominate in R. *Journal of Statistical Software* 42(14).

Varadhan, R. and Roland, C. (2008). Simple and globally convergent methods
for accelerating the convergence of any EM algorithm. *Scandinavian Journal
of Statistics* 35(2): 335-353.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from ..record.codes import NO, YES
from . import _core, _multi
from ._checks import check_anchor, check_arguments
from ._fit_statistics import fit_statistics
from ._prepare import Prepared, dropped_tables, prepare
from .result import IdealPoints
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from numpy.typing import ArrayLike
    from ..record._types import StrsLike
    from ..record.core import VotingRecord

__all__ = ["ideal_points", "vote_probabilities"]


def ideal_points(record: VotingRecord, *, by: str = "session", model: str = "ordinal", dynamic: bool = True,
                 dims: int = 1, min_votes: int = 10, lop: float = 0.025, issue: StrsLike | None = None,
                 anchor: str | None = "USA", follow_succession: bool | str = False, evolution_var: float = 0.1,
                 beta_var: float = 1.0, seed: int = 0, n_boot: int = 0, tol: float = 1e-3, max_iter: int = 1000,
                 progress: bool | str | Callable[..., object] | None = "auto") -> IdealPoints:
    r"""Ideal points of every state in every period, by (variational) EM.

    The ordered probit of Bailey, Strezhnev and Voeten (2017), yes < abstain
    < no (binary: yes vs no), with a random walk across periods (dynamic) or
    each period alone (static); the model, its priors and its identification
    are set out in the notes of :mod:`unvotes.ideal.model` and docs/methods.md.

    Parameters
    ----------
    record : VotingRecord
        The record (``unvotes.load()``), usually after ``record.select(...)``;
        the states are the columns of ``record.matrix()``.
    by : {"session", "year"}, default "session"
        Period: the roll call's regular session, or the calendar year of its date.
    model : {"ordinal", "binary"}, default "ordinal"
        Yes < abstain < no, or yes vs no with abstentions missing.  Absent and
        non_member are missing in both.
    dynamic : bool, default True
        Random-walk prior across periods (True) or each period alone (False).
    dims : {1, 2}, default 1
        Dimensions; with 2, rotated so that dimension 1 carries the most
        discrimination and the anchor is positive on both (module notes).
    min_votes : int, default 10
        State-periods with fewer votes on the roll calls kept are left out;
        filtered alternately with the roll calls until both rules hold.
    lop : float, default 0.025
        Roll calls with a minority share below ``lop`` are left out
        (W-NOMINATE's rule; ordinal: states not in the largest of yes/abstain/no;
        binary: min(yes, no) / (yes + no)); unanimous ones always are (BSV).
    issue : str or sequence of str, optional
        Keep only roll calls flagged with any of ``me``, ``nu``, ``di``, ``hr``,
        ``co``, ``ec`` (Voeten's codes) or ``important``; NA is not flagged.
    anchor : str, int or None, default "USA"
        The state on the positive side (a name, an ISO3 code in any case or
        a COW number, as :func:`unvotes.resolve_states` reads them); None:
        arbitrary sign.
    follow_succession : bool, {"seat", "lineage"} or dict, default False
        Passed to ``record.matrix()``; ``True`` merges SUN into RUS (as BSV's
        COW code 365 does), TWN into CHN, YAR into YEM, SCG into SRB.
    evolution_var : float, default 0.1
        Variance of one step of the random walk (dynamic only).
    beta_var : float, default 1.0
        Prior variance of the discriminations :math:`\beta_j` (BSV: 1).
    seed : int, default 0
        Seed of the jitter of the start values (the first principal component
        of each period) and of the bootstrap; a fixed seed gives identical fits.
    n_boot : int, default 0
        Parametric-bootstrap replicates (Imai, Lo and Olmsted 2016,
        ``boot_emIRT``); their standard deviation is the ``boot_se`` column.
    tol : float, default 1e-3
        Converged when no ideal point moves more than ``tol`` in an iteration.
    max_iter : int, default 1000
        Iteration limit; stopping there warns (``RuntimeWarning``).
    progress : {"auto", True, False} or callable, default "auto"
        A progress line on stderr ("auto": after 3 s), or a callable given a
        dict (``iteration``, ``max_change``, ``seconds``) after each iteration.

    Returns
    -------
    IdealPoints
        ``.estimates`` (``state``, ``period``, ``ideal_point``, ``se``,
        ``lower``, ``upper``, ``n_votes``), ``.roll_calls`` (``rcid``,
        ``period``, ``beta``, ``cut1``, ``cut2`` or ``cut``, ``n_votes``,
        ``minority_share``), what was dropped, and the convergence; see
        :class:`IdealPoints`.

    Raises
    ------
    TypeError
        If ``record`` is not a VotingRecord, or an argument has the wrong type.
    ArgumentError
        If ``seed`` is not a non-negative integer.
    ValueError
        For an unknown ``by``, ``model`` or issue code, an option out of its
        range, or when no roll call is left after the filters.
    UnknownStateError
        If ``anchor`` has no votes in the data being scaled.

    References
    ----------
    Bailey, Strezhnev and Voeten (2017), *JCR* 61(2): 430-456; Imai, Lo and
    Olmsted (2016), *APSR* 110(4): 631-656; Martin and Quinn (2002),
    *Political Analysis* 10(2); Poole, Lewis, Lo and Carroll (2011), *JSS*
    42(14) (``lop`` and ``minvotes``).  Full list in the module notes.

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
    check_arguments(
        record, by=by, model=model, dynamic=dynamic, dims=dims, min_votes=min_votes, lop=lop, evolution_var=evolution_var,
        beta_var=beta_var, seed=seed, n_boot=n_boot, tol=tol, max_iter=max_iter, progress=progress,
    )
    settings = dict(
        by=by, model=model, dynamic=bool(dynamic), dims=int(dims), min_votes=int(min_votes), lop=float(lop), issue=issue,
        anchor=anchor, follow_succession=follow_succession, evolution_var=float(evolution_var),
        beta_var=float(beta_var), seed=seed, n_boot=int(n_boot), tol=float(tol), max_iter=int(max_iter),
    )
    prep = prepare(record, by=by, model=model, issue=issue, min_votes=min_votes, lop=lop,
                   follow_succession=follow_succession)
    rng = np.random.default_rng(seed)
    k_anchor, x0 = _identify(prep, anchor, rng, int(dims))
    f, boot_se = _fit(prep, x0, k_anchor, settings, rng, progress)
    return _result(prep, f, boot_se, k_anchor, settings)


def _identify(prep: Prepared, anchor, rng, dims=1):
    """The anchor state (sign) and the start values, oriented to it.

    Location, scale and sign are then kept at every EM iteration by
    :class:`unvotes.ideal._core._Model` (standardise, orient).  The start is
    the first principal component of each period, with a small seeded jitter.
    """
    k_anchor = check_anchor(anchor, prep.fit_states)
    d = prep.data
    items = prep.items
    # one small SVD per period: a multi-threaded BLAS spends more time waking its threads than computing
    # (2.1 s of CPU against 0.12 s on one thread for the whole record, on a loaded 2-core machine)
    with threadpool_limits(1, user_api="blas"):
        x0 = _start_values(prep.Y[items][:, prep.s_used], prep.obs[items][:, prep.s_used], prep.item_period,
                           d.n_periods, d.n_states, k_anchor, dims)
    return k_anchor, x0 + 0.01 * rng.standard_normal(x0.shape)


def _fit(prep: Prepared, x0, k_anchor, settings, rng, progress):
    """The EM fit, a warning if it did not converge, and the optional bootstrap."""
    kw = dict(model=settings["model"], dynamic=settings["dynamic"], evol_var=settings["evolution_var"],
              beta_var=settings["beta_var"], anchor=k_anchor, tol=settings["tol"], max_iter=settings["max_iter"])
    progress = None if progress in (False, None) else progress
    if settings["dims"] == 1:
        f = _core.fit(prep.data, x0, progress=progress, **kw)
    else:
        f = _multi.fit(prep.data, x0, dims=settings["dims"], progress=progress, **kw)
    if not f.converged:
        warnings.warn(
            f"ideal_points did not converge in max_iter={settings['max_iter']} iterations (largest change "
            f"{f.max_change:.2e} > tol={settings['tol']}); raise max_iter or tol",
            RuntimeWarning,
            stacklevel=3,
        )
    boot_se = None
    if settings["n_boot"]:
        boot_se = _bootstrap(f, prep.cell_item, prep.cell_state, prep.item_period, prep.data, settings["n_boot"],
                             rng, progress, kw)
    return f, boot_se


def _result(prep: Prepared, f, boot_se, k_anchor, settings) -> IdealPoints:
    """The tidy tables of :class:`IdealPoints` from the fit."""
    est = _estimates_table(prep, f, boot_se)
    stats = _statistics(prep.data, f, settings["model"])
    rct = _roll_call_table(prep, f, settings["model"], stats.pop("item_errors"), stats.pop("item_minority"))
    dropped_rc, dropped_states = dropped_tables(prep)
    return IdealPoints(
        estimates=est,
        roll_calls=rct,
        dropped_roll_calls=dropped_rc,
        dropped_states=dropped_states,
        model=settings["model"],
        by=settings["by"],
        dynamic=settings["dynamic"],
        anchor=prep.fit_states[k_anchor] if k_anchor is not None else None,
        iterations=f.iterations,
        converged=f.converged,
        max_change=f.max_change,
        tol=settings["tol"],
        loglik=f.loglik,
        seconds=f.seconds,
        settings=settings,
        fit_statistics=stats,
    )


def _statistics(d, f, model) -> dict:
    """W-NOMINATE's fit statistics of the fitted cells (see :mod:`._fit_statistics`)."""
    n_no = d.item.shape[0] - d.n_yes - d.n_abstain
    cat = np.repeat(np.array([0, 1, 2], dtype=np.intp), [d.n_yes, d.n_abstain, n_no])
    mu = _core.cell_mean(d, f.a, f.b, np.nan_to_num(f.x))
    probs = np.column_stack(_core.category_probs(mu, 0.0, f.s[d.item], 0.0, model=model))
    return fit_statistics(cat, probs, d.item, d.item_period.shape[0])


def _estimates_table(prep: Prepared, f, boot_se) -> pd.DataFrame:
    """One row per state-period with votes; dimension 2 (if any) in ``ideal_point_2`` / ``se_2``."""
    d = prep.data
    tt, ii = np.nonzero(d.observed)
    multi = f.x.ndim == 3
    x = f.x[tt, ii, 0] if multi else f.x[tt, ii]
    se = np.sqrt(f.v[tt, ii, 0, 0] if multi else f.v[tt, ii])
    nv = np.bincount(d.sp, minlength=d.n_periods * d.n_states).reshape(d.n_periods, d.n_states)[tt, ii]
    est = pd.DataFrame({"state": prep.fit_states[ii].astype(str), "period": prep.fit_periods[tt], "ideal_point": x,
                        "se": se, "lower": x - 1.96 * se, "upper": x + 1.96 * se, "n_votes": nv.astype(np.int64)})
    for k in range(1, f.x.shape[-1] if multi else 1):
        est[f"ideal_point_{k + 1}"] = f.x[tt, ii, k]
        est[f"se_{k + 1}"] = np.sqrt(f.v[tt, ii, k, k])
    if boot_se is not None:
        est["boot_se"] = boot_se[tt, ii]
    return est.sort_values(["state", "period"], kind="stable").reset_index(drop=True)


def _roll_call_table(prep: Prepared, f, model, errors, minority) -> pd.DataFrame:
    """One row per roll call kept: unit-noise parameters, counts and W-NOMINATE's PRE."""
    items = prep.items
    b = f.b if f.b.ndim == 2 else f.b[:, None]
    rct = pd.DataFrame({"rcid": prep.rcids[items], "period": prep.periods[prep.pidx[items]], "beta": b[:, 0] / f.s})
    for k in range(1, b.shape[1]):
        rct[f"beta_{k + 1}"] = b[:, k] / f.s
    if model == "ordinal":
        rct["cut1"] = -f.a / f.s
        rct["cut2"] = (1.0 - f.a) / f.s
    else:
        rct["cut"] = -f.a
    rct["n_votes"] = prep.obs[items].sum(axis=1).astype(np.int64)
    rct["minority_share"] = prep.minority[items]
    rct["n_errors"] = errors
    with np.errstate(invalid="ignore", divide="ignore"):
        rct["pre"] = np.where(minority > 0, (minority - errors) / minority, np.nan)
    return rct


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


def _start_values(Ys, obs, item_period, T, N, k_anchor, dims=1):
    """First principal component(s) of each period's yes=+1/abstain=0/no=-1
    matrix, standardised, oriented so the anchor is positive (or, where it
    did not vote, to correlate positively with the previous period).
    Shape (T, N), or (T, N, dims) for dims >= 2."""
    val = np.where(Ys == YES, 1.0, np.where(Ys == NO, -1.0, 0.0))
    val = np.where(obs, val, np.nan)
    x0 = np.zeros((T, N, dims))
    prev = None
    order = np.argsort(item_period, kind="stable")
    bounds = np.searchsorted(item_period[order], np.arange(T + 1))
    for t in range(T):  # one small matrix per period (not per state)
        rows = order[bounds[t] : bounds[t + 1]]
        V = val[rows].T  # states x items
        have = ~np.all(np.isnan(V), axis=1)
        sc = _core.first_pc(V[have])[0][:, None] if dims == 1 else _multi.leading_pcs(V[have], dims)
        sd = sc.std(axis=0)
        sc = (sc - sc.mean(axis=0)) / np.where(sd > 0, sd, 1.0)
        full = np.zeros((N, dims))
        full[have] = sc
        if k_anchor is not None and have[k_anchor]:
            full = full * np.where(full[k_anchor] < 0, -1.0, 1.0)
        elif prev is not None:
            both = have & prev[1]
            if both.sum() > 1:
                full = full * np.where((full[both] * prev[0][both]).sum(axis=0) < 0, -1.0, 1.0)
        x0[t] = full
        prev = (full, have)
    return x0[..., 0] if dims == 1 else x0


def vote_probabilities(
    ideal_point: ArrayLike,
    beta: ArrayLike,
    cut1: ArrayLike,
    cut2: ArrayLike | None = None,
) -> pd.DataFrame:
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
