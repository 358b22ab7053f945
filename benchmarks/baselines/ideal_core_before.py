"""The EM core of unvotes.ideal as it was before acceleration (main 43c3814), kept only so that
benchmarks/bench_ideal.py can time "before" and "after" in one run on the same prepared data.

Plain EM, float64, log_ndtr E-step, bincount M-step. Not imported by the package.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field

import numpy as np
from scipy.special import log_ndtr

__all__ = ["Data", "Fit", "make_data", "fit", "estep", "category_probs"]

_LOG_SQRT_2PI = 0.5 * np.log(2.0 * np.pi)

#: Bounds of the noise scale s_j of the ordinal model.  s_j = 1 / (cut2 - cut1)
#: in the unit-noise parameterisation; the upper bound keeps roll calls
#: without abstentions (where the abstain band collapses) finite.
S_MIN, S_MAX = 0.05, 20.0


def _logphi(u):
    return -0.5 * u * u - _LOG_SQRT_2PI


def category_probs(a, b, s, x, model="ordinal"):
    """P(yes), P(abstain), P(no) of z = a + b x + e, e ~ N(0, s**2), with
    thresholds 0 and 1 (binary: threshold 0, P(abstain) = 0)."""
    from scipy.special import ndtr

    mu = np.asarray(a) + np.asarray(b) * np.asarray(x)
    s = np.asarray(s, dtype=float)
    p_yes = ndtr((0.0 - mu) / s)
    if model == "binary":
        return p_yes, np.zeros_like(p_yes), 1.0 - p_yes
    p_no = ndtr((mu - 1.0) / s)
    return p_yes, 1.0 - p_yes - p_no, p_no


@dataclass
class Data:
    """Observed cells of a vote matrix in flat (coordinate) form.

    Cells are sorted by category: yes cells first, then abstain, then no,
    so that the E-step works on contiguous slices.
    """

    item: np.ndarray  # (K,) roll-call index of each observed cell
    sp: np.ndarray  # (K,) state-period index (t * N + i)
    n_yes: int
    n_abstain: int
    item_period: np.ndarray  # (J,) period index of each roll call
    n_states: int
    n_periods: int
    observed: np.ndarray = None  # (T, N) state-period has at least one vote
    first: np.ndarray = None  # (N,) first observed period (T if none)
    last: np.ndarray = None  # (N,) last observed period (-1 if none)
    span: np.ndarray = None  # (T, N) first <= t <= last


def make_data(item, state, cat, item_period, n_states, n_periods) -> Data:
    """Build :class:`Data` from the coordinates of the observed cells.

    ``cat`` is 0 yes, 1 abstain, 2 no (binary model: 0 yes, 2 no).
    """
    order = np.argsort(cat, kind="stable")
    item = np.asarray(item, dtype=np.intp)[order]
    state = np.asarray(state, dtype=np.intp)[order]
    cat = np.asarray(cat)[order]
    item_period = np.asarray(item_period, dtype=np.intp)
    sp = item_period[item] * n_states + state
    T, N = n_periods, n_states
    observed = (np.bincount(sp, minlength=T * N) > 0).reshape(T, N)
    any_obs = observed.any(axis=0)
    first = np.where(any_obs, np.argmax(observed, axis=0), T)
    last = np.where(any_obs, T - 1 - np.argmax(observed[::-1], axis=0), -1)
    tt = np.arange(T)[:, None]
    span = (tt >= first[None, :]) & (tt <= last[None, :])
    return Data(
        item=item,
        sp=sp,
        n_yes=int((cat == 0).sum()),
        n_abstain=int((cat == 1).sum()),
        item_period=item_period,
        n_states=N,
        n_periods=T,
        observed=observed,
        first=first,
        last=last,
        span=span,
    )


def estep(d: Data, a, b, s, xflat, model):
    """Posterior mean and variance of z for every observed cell, and the
    observed-data log-likelihood at (a, b, s, x)."""
    it = d.item
    mu = a[it] + b[it] * xflat[d.sp]
    sc = s[it]
    zm = np.empty_like(mu)
    zv = np.empty_like(mu)
    y = slice(0, d.n_yes)
    ab = slice(d.n_yes, d.n_yes + d.n_abstain)
    no = slice(d.n_yes + d.n_abstain, mu.shape[0])
    upper_no = 1.0 if model == "ordinal" else 0.0
    ll = 0.0
    # yes: z < 0
    u = (0.0 - mu[y]) / sc[y]
    lnd = log_ndtr(u)
    ll += lnd.sum()
    lam = np.exp(_logphi(u) - lnd)
    zm[y] = mu[y] - sc[y] * lam
    zv[y] = sc[y] ** 2 * np.clip(1.0 - u * lam - lam * lam, 1e-12, 1.0)
    # no: z >= upper_no
    u = (mu[no] - upper_no) / sc[no]
    lnd = log_ndtr(u)
    ll += lnd.sum()
    lam = np.exp(_logphi(u) - lnd)
    zm[no] = mu[no] + sc[no] * lam
    zv[no] = sc[no] ** 2 * np.clip(1.0 - u * lam - lam * lam, 1e-12, 1.0)
    if d.n_abstain:
        lo = (0.0 - mu[ab]) / sc[ab]
        hi = (1.0 - mu[ab]) / sc[ab]
        flip = lo > 0
        lo2 = np.where(flip, -hi, lo)
        hi2 = np.where(flip, -lo, hi)
        lph = log_ndtr(hi2)
        logz = lph + np.log1p(-np.exp(np.minimum(log_ndtr(lo2) - lph, -1e-300)))
        ll += logz.sum()
        r_lo = np.exp(_logphi(lo2) - logz)
        r_hi = np.exp(_logphi(hi2) - logz)
        m = r_lo - r_hi
        var = 1.0 + lo2 * r_lo - hi2 * r_hi - m * m
        m = np.clip(m, lo2, hi2)
        w = hi2 - lo2
        var = np.clip(var, 1e-12, np.minimum(1.0, w * w / 4.0))
        m = np.where(flip, -m, m)
        zm[ab] = mu[ab] + sc[ab] * m
        zv[ab] = sc[ab] ** 2 * var
    return zm, zv, float(ll)


def mstep_items(d: Data, zm, zv, xflat, vflat, s, model, beta_var):
    """Closed-form update of (a_j, b_j, s_j).

    Prior: beta_j = b_j / s_j ~ N(0, beta_var), flat on a_j; for the
    ordinal model s_j**2 is updated by its conditional mode, bounded to
    [S_MIN**2, S_MAX**2].
    """
    J = d.item_period.shape[0]
    it = d.item
    xm = xflat[d.sp]
    vx = vflat[d.sp]
    n = np.bincount(it, minlength=J).astype(float)
    sx = np.bincount(it, xm, J)
    sxx = np.bincount(it, xm * xm + vx, J)
    sz = np.bincount(it, zm, J)
    sxz = np.bincount(it, xm * zm, J)
    cxx = sxx - sx * sx / n
    cxz = sxz - sx * sz / n
    b = cxz / (cxx + 1.0 / beta_var)
    a = (sz - b * sx) / n
    if model == "ordinal":
        # E[(z - a - b x)^2] summed over the roll call's cells
        szz = np.bincount(it, zm * zm + zv, J)
        ss = szz - 2 * a * sz - 2 * b * sxz + n * a * a + 2 * a * b * sx + b * b * sxx
        s2 = (ss + b * b / beta_var) / (n + 1.0)
        s = np.sqrt(np.clip(s2, S_MIN**2, S_MAX**2))
    return a, b, s


def _period_stats(d: Data, zm, a, b, s):
    """Precision and information of each state-period from the roll calls."""
    TN = d.n_periods * d.n_states
    w = (b / s) ** 2
    g = b / s**2
    it = d.item
    prec = np.bincount(d.sp, w[it], TN)
    info = np.bincount(d.sp, g[it] * (zm - a[it]), TN)
    return prec.reshape(d.n_periods, d.n_states), info.reshape(d.n_periods, d.n_states)


def update_x_static(prec, info):
    """x_it ~ N(0, 1) independently; Gaussian posterior."""
    post = prec + 1.0
    return info / post, 1.0 / post


def update_x_dynamic(prec, info, first, last, evol_var, init_var=1.0):
    """Kalman filter and RTS smoother for x_i,t = x_i,t-1 + w, w ~ N(0, evol_var).

    One pass over periods, each step vectorised across all states.  A state's
    chain starts at its first observed period with prior N(0, init_var) and
    ends at its last observed period; periods in between without votes are
    bridged by the random walk (their precision is 0).
    """
    T, N = prec.shape
    mf = np.empty((T, N))
    pf = np.empty((T, N))
    pp = np.empty((T, N))
    m = np.zeros(N)
    p = np.full(N, init_var)
    for t in range(T):
        start = first >= t  # before or at the chain start: reset to the prior
        mpred = np.where(start, 0.0, m)
        ppred = np.where(start, init_var, p + evol_var)
        pp[t] = ppred
        p = 1.0 / (1.0 / ppred + prec[t])
        m = p * (mpred / ppred + info[t])
        mf[t] = m
        pf[t] = p
    ms = mf.copy()
    ps = pf.copy()
    for t in range(T - 2, -1, -1):
        inside = (t + 1 > first) & (t + 1 <= last)
        g = np.where(inside, pf[t] / pp[t + 1], 0.0)
        # the predicted mean of t+1 is the filtered mean of t
        ms[t] = mf[t] + g * (ms[t + 1] - mf[t])
        ps[t] = pf[t] + g * g * (ps[t + 1] - pp[t + 1])
    return ms, ps


def _standardise(x, v, d: Data, per_period):
    """x to mean 0, SD 1 over observed state-periods (or within each period)."""
    obs = d.observed
    if per_period:
        xo = np.where(obs, x, np.nan)
        cnt = obs.sum(axis=1)
        m = np.where(cnt > 0, np.nansum(xo, axis=1) / np.maximum(cnt, 1), 0.0)
        var = np.where(cnt > 0, np.nansum((xo - m[:, None]) ** 2, axis=1) / np.maximum(cnt, 1), 1.0)
        c = np.where(var > 0, np.sqrt(var), 1.0)
        return (x - m[:, None]) / c[:, None], v / c[:, None] ** 2
    xo = x[obs]
    m = xo.mean()
    c = xo.std()
    if not c > 0:
        c = 1.0
    return (x - m) / c, v / c**2


@dataclass
class Fit:
    x: np.ndarray  # (T, N) posterior mean, NaN where unobserved
    v: np.ndarray  # (T, N) posterior variance
    a: np.ndarray
    b: np.ndarray
    s: np.ndarray
    iterations: int
    converged: bool
    max_change: float
    history: list = field(default_factory=list)
    seconds: float = 0.0
    loglik: float = float("nan")


class _Model:
    """One EM map F: (x, a, b, s) -> (x', a', b', s'), plus helpers."""

    def __init__(self, d: Data, model, dynamic, evol_var, beta_var, anchor):
        self.d = d
        self.model = model
        self.dynamic = dynamic
        self.evol_var = evol_var
        self.beta_var = beta_var
        self.anchor = anchor
        self.J = d.item_period.shape[0]
        self.mask = d.span if dynamic else d.observed
        self.nx = int(self.mask.sum())

    def pack(self, x, a, b, s):
        return np.concatenate([x[self.mask], a, b, np.log(s)])

    def unpack(self, th):
        d, J, nx = self.d, self.J, self.nx
        x = np.zeros((d.n_periods, d.n_states))
        x[self.mask] = th[:nx]
        a = th[nx : nx + J]
        b = th[nx + J : nx + 2 * J]
        s = np.clip(np.exp(th[nx + 2 * J :]), S_MIN, S_MAX)
        return x, a, b, s

    def step(self, th):
        d = self.d
        x, a, b, s = self.unpack(th)
        zm, zv, ll = estep(d, a, b, s, x.ravel(), self.model)
        prec, info = _period_stats(d, zm, a, b, s)
        if self.dynamic:
            xn, vn = update_x_dynamic(prec, info, d.first, d.last, self.evol_var)
        else:
            xn, vn = update_x_static(prec, info)
        xn = np.where(self.mask, xn, 0.0)
        vn = np.where(self.mask, vn, 0.0)
        xn, vn = _standardise(xn, vn, d, per_period=not self.dynamic)
        xn = np.where(self.mask, xn, 0.0)
        xn = self.orient(xn)
        a, b, s = mstep_items(d, zm, zv, xn.ravel(), vn.ravel(), s, self.model, self.beta_var)
        self.v = vn
        return self.pack(xn, a, b, s), ll

    def orient(self, x):
        """Sign: the anchor state on the positive side (its mean over periods
        for the dynamic model, every period for the static model)."""
        k = self.anchor
        if k is None:
            return x
        obs = self.d.observed[:, k]
        if self.dynamic:
            if obs.any() and x[obs, k].mean() < 0:
                return -x
            return x
        sgn = np.where(obs & (x[:, k] < 0), -1.0, 1.0)
        return x * sgn[:, None]


def fit(
    d: Data,
    x0,
    *,
    model="ordinal",
    dynamic=True,
    evol_var=0.1,
    beta_var=1.0,
    anchor=None,
    tol=1e-4,
    max_iter=500,
    progress=None,
):
    """Variational EM from the start ``x0`` ((T, N), values outside the
    observed state-periods ignored).

    Converged when the largest absolute change of any x_it over the observed
    state-periods (standardised scale) between two successive iterates is
    below ``tol``.  ``iterations`` counts EM map evaluations.
    """
    M = _Model(d, model, dynamic, evol_var, beta_var, anchor)
    T, N = d.n_periods, d.n_states
    x = np.where(M.mask, np.nan_to_num(x0), 0.0)
    x = M.orient(x)
    # roll-call parameters from the start: one M-step with z set to a value
    # inside each category's interval
    if model == "binary":
        zm0 = np.r_[np.full(d.n_yes, -0.5), np.full(d.item.shape[0] - d.n_yes, 0.5)]
    else:
        nn = d.item.shape[0] - d.n_yes - d.n_abstain
        zm0 = np.r_[np.full(d.n_yes, -0.5), np.full(d.n_abstain, 0.5), np.full(nn, 1.5)]
    a, b, s = mstep_items(
        d, zm0, np.full_like(zm0, 0.25), x.ravel(), np.zeros(T * N), np.ones(M.J), model, beta_var
    )
    th = M.pack(x, a, b, s)
    obs_in_mask = d.observed[M.mask]

    t0 = time.perf_counter()
    state = {"last": t0, "announced": False}

    def report(it, change):
        now = time.perf_counter()
        if progress is None or progress is False:
            return
        if callable(progress):
            progress({"iteration": it, "max_change": change, "seconds": now - t0})
            return
        if progress is True or (progress == "auto" and now - t0 > 3.0):
            if now - state["last"] > 1.0 or not state["announced"]:
                sys.stderr.write(
                    f"\rideal_points: iteration {it}, max change {change:.2e} "
                    f"(tol {tol:.0e}), {now - t0:.1f} s "
                )
                sys.stderr.flush()
                state["last"] = now
                state["announced"] = True

    nx = M.nx
    history = []
    converged = False
    change = np.inf
    n_eval = 0
    ll = -np.inf
    while n_eval < max_iter:
        th_new, ll = M.step(th)
        n_eval += 1
        dx = np.abs(th_new[:nx] - th[:nx])[obs_in_mask]
        change = float(dx.max())
        history.append(change)
        th = th_new
        report(n_eval, change)
        if change < tol:
            converged = True
            break
    if state["announced"]:
        sys.stderr.write("\n")
        sys.stderr.flush()
    # final pass: the variances and log-likelihood at the returned estimates
    x, a, b, s = M.unpack(th)
    _, _, ll = estep(d, a, b, s, x.ravel(), model)
    prec, _ = _period_stats(d, np.zeros(d.item.shape[0]), a, b, s)
    M.step(th)
    v = M.v
    return Fit(
        x=np.where(d.observed, x, np.nan),
        v=np.where(d.observed, v, np.nan),
        a=a,
        b=b,
        s=s,
        iterations=n_eval,
        converged=converged,
        max_change=change,
        history=history,
        seconds=time.perf_counter() - t0,
        loglik=ll,
    )
