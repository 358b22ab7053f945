"""Numerical core of :mod:`unvotes.ideal` (private).

Everything here works on plain numpy arrays; :mod:`unvotes.ideal` turns a
:class:`~unvotes.VotingRecord` into these arrays and the result back into
tidy tables.

Model (one dimension).  For roll call ``j`` held in period ``t`` and state
``i`` the latent utility difference is

    z_ij = a_j + b_j * x_it + e_ij,   e_ij ~ N(0, s_j**2)

ordinal:  yes if z < 0, abstain if 0 <= z < 1, no if z >= 1
          (Imai, Lo and Olmsted 2016, ``ordIRT`` parameterisation);
binary:   yes if z < 0, no if z >= 0, with s_j = 1 (abstentions missing).

In the unit-noise parameterisation of Bailey, Strezhnev and Voeten (2017)
``beta_j = b_j / s_j``, ``cut1_j = -a_j / s_j`` and ``cut2_j = (1 - a_j) / s_j``.

Estimation is variational EM: q(z) truncated normal for every observed
cell (all cells at once), q(x) Gaussian from a Kalman filter / RTS smoother
run over periods and vectorised across states (dynamic) or an independent
normal update (static), and closed-form updates of (a_j, b_j, s_j).
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field

import numpy as np
from scipy.special import log_ndtr

__all__ = ["Data", "Fit", "make_data", "fit", "estep", "moments", "cell_mean", "category_probs", "first_pc"]

_LOG_SQRT_2PI = float(0.5 * np.log(2.0 * np.pi))

#: Bounds of the noise scale s_j of the ordinal model.  s_j = 1 / (cut2 - cut1)
#: in the unit-noise parameterisation; the upper bound keeps roll calls
#: without abstentions (where the abstain band collapses) finite.
S_MIN, S_MAX = 0.05, 20.0


def _logphi(u):
    return -0.5 * u * u - _LOG_SQRT_2PI


def cell_mean(d, a, b, x):
    """The mean a_j + b_j . x_it of the latent z of every observed cell
    (x of shape (T, N), or (T, N, D) with b of shape (J, D))."""
    if x.ndim == 2:
        return a[d.item] + b[d.item] * x.ravel()[d.sp]
    xf = x.reshape(-1, x.shape[-1])
    return a[d.item] + np.einsum("kd,kd->k", b[d.item], xf[d.sp])


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


def first_pc(V):
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


@dataclass
class Data:
    """Observed cells of a vote matrix in flat (coordinate) form.

    Cells are sorted by category (yes cells first, then abstain, then no)
    and within a category by roll call, so that the E-step works on
    contiguous slices and the sums over a roll call's cells are segment sums
    (:meth:`item_sum`, ``np.add.reduceat``, several times faster than a
    weighted ``np.bincount``).
    """

    item: np.ndarray  # (K,) roll-call index of each observed cell
    sp: np.ndarray  # (K,) state-period index (t * N + i)
    n_yes: int
    n_abstain: int
    item_period: np.ndarray  # (J,) period index of each roll call
    n_states: int
    n_periods: int
    observed: np.ndarray = None  # type: ignore[assignment]  # set by __post_init__; (T, N) state-period has at least one vote
    first: np.ndarray = None  # type: ignore[assignment]  # (N,) first observed period (T if none)
    last: np.ndarray = None  # type: ignore[assignment]  # (N,) last observed period (-1 if none)
    span: np.ndarray = None  # type: ignore[assignment]  # (T, N) first <= t <= last
    item_n: np.ndarray = None  # type: ignore[assignment]  # (J,) observed cells per roll call
    segments: list = None  # type: ignore[assignment]  # per category slice: (slice, segment starts, roll calls present)

    def item_sum(self, w):
        """Sum of ``w`` (one value per cell) over each roll call's cells."""
        out = np.zeros(self.item_period.shape[0])
        for sl, starts, present in self.segments:
            out[present] += np.add.reduceat(w[sl], starts, dtype=np.float64)
        return out


def make_data(item, state, cat, item_period, n_states, n_periods) -> Data:
    """Build :class:`Data` from the coordinates of the observed cells.

    ``cat`` is 0 yes, 1 abstain, 2 no (binary model: 0 yes, 2 no).
    """
    item = np.asarray(item, dtype=np.intp)
    order = np.lexsort((item, cat))
    item = item[order]
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
    J = item_period.shape[0]
    n_yes, n_abstain = int((cat == 0).sum()), int((cat == 1).sum())
    segments = []
    for sl in (slice(0, n_yes), slice(n_yes, n_yes + n_abstain), slice(n_yes + n_abstain, item.shape[0])):
        seg = item[sl]
        if seg.shape[0]:
            present = np.unique(seg)
            segments.append((sl, np.searchsorted(seg, present), present))
    return Data(
        item=item,
        sp=sp,
        n_yes=n_yes,
        n_abstain=n_abstain,
        item_period=item_period,
        n_states=N,
        n_periods=T,
        observed=observed,
        first=first,
        last=last,
        span=span,
        item_n=np.bincount(item, minlength=J).astype(float),
        segments=segments,
    )


def _tail(u):
    """Mills ratio lambda = phi(u) / Phi(u) and log Phi(u) (scipy's log_ndtr,
    accurate far into the tails), in the precision of ``u``."""
    lnd = log_ndtr(u)
    return np.exp(_logphi(u) - lnd), lnd


def estep(d: Data, a, b, s, xflat, model, dtype=np.float64):
    """Posterior mean and variance of z for every observed cell, and the
    observed-data log-likelihood at (a, b, s, x).

    The cells are held in ``dtype``: the one-sided (yes, no) cells are
    computed in that precision, the abstain cells (two-sided, prone to
    cancellation) always in float64, and the log-likelihood is summed in
    float64.
    """
    it = d.item
    a, b, s, xflat = (np.asarray(v, dtype=dtype) for v in (a, b, s, xflat))
    return moments(d, a[it] + b[it] * xflat[d.sp], s[it], model)


def moments(d: Data, mu, sc, model):
    """:func:`estep` from the mean ``mu`` and noise scale ``sc`` of every cell."""
    zm = np.empty_like(mu)
    zv = np.empty_like(mu)
    y = slice(0, d.n_yes)
    ab = slice(d.n_yes, d.n_yes + d.n_abstain)
    no = slice(d.n_yes + d.n_abstain, mu.shape[0])
    upper_no = 1.0 if model == "ordinal" else 0.0
    ll = 0.0
    for sl, sign, cut in ((y, -1.0, 0.0), (no, 1.0, upper_no)):  # yes: z < 0; no: z >= upper_no
        m, c = mu[sl], sc[sl]
        u = sign * (m - cut) / c
        lam, lnd = _tail(u)
        ll += float(lnd.sum(dtype=np.float64))
        zm[sl] = m + sign * c * lam
        zv[sl] = c * c * np.clip(1.0 - u * lam - lam * lam, 1e-12, 1.0)
    if d.n_abstain:
        m_ab, v_ab, ll_ab = _abstain(mu[ab].astype(np.float64), sc[ab].astype(np.float64))
        zm[ab], zv[ab] = m_ab, v_ab
        ll += ll_ab
    return zm, zv, float(ll)


def _abstain(mu, sc):
    """Moments of z ~ N(mu, sc^2) truncated to [0, 1), and the log-likelihood,
    in float64 (flipped to the left side of 0 for accuracy)."""
    lo = (0.0 - mu) / sc
    hi = (1.0 - mu) / sc
    flip = lo > 0
    lo2 = np.where(flip, -hi, lo)
    hi2 = np.where(flip, -lo, hi)
    lph = log_ndtr(hi2)
    logz = lph + np.log1p(-np.exp(np.minimum(log_ndtr(lo2) - lph, -1e-300)))
    r_lo = np.exp(_logphi(lo2) - logz)
    r_hi = np.exp(_logphi(hi2) - logz)
    m = r_lo - r_hi
    var = 1.0 + lo2 * r_lo - hi2 * r_hi - m * m
    m = np.clip(m, lo2, hi2)
    w = hi2 - lo2
    var = np.clip(var, 1e-12, np.minimum(1.0, w * w / 4.0))
    m = np.where(flip, -m, m)
    return mu + sc * m, sc * sc * var, float(logz.sum())


def mstep_items(d: Data, zm, zv, xflat, vflat, s, model, beta_var):
    """Closed-form update of (a_j, b_j, s_j).

    Prior: beta_j = b_j / s_j ~ N(0, beta_var), flat on a_j; for the
    ordinal model s_j**2 is updated by its conditional mode, bounded to
    [S_MIN**2, S_MAX**2].
    """
    xm = np.asarray(xflat, dtype=zm.dtype)[d.sp]  # cell arrays in the E-step's precision
    vx = np.asarray(vflat, dtype=zm.dtype)[d.sp]
    n = d.item_n
    sx = d.item_sum(xm)
    sxx = d.item_sum(xm * xm + vx)
    sz = d.item_sum(zm)
    sxz = d.item_sum(xm * zm)
    cxx = sxx - sx * sx / n
    cxz = sxz - sx * sz / n
    b = cxz / (cxx + 1.0 / beta_var)
    a = (sz - b * sx) / n
    if model == "ordinal":
        # E[(z - a - b x)^2] summed over the roll call's cells
        szz = d.item_sum(zm * zm + zv)
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
    mean = float(xo.mean())
    sd = float(xo.std())
    if not sd > 0:
        sd = 1.0
    return (x - mean) / sd, v / sd**2


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

    def __init__(self, d: Data, model, dynamic, evol_var, beta_var, anchor, dtype=np.float32):
        self.d = d
        self.dtype = dtype
        self.model = model
        self.dynamic = dynamic
        self.evol_var = evol_var
        self.beta_var = beta_var
        self.anchor = anchor
        self.J = d.item_period.shape[0]
        self.mask = d.span if dynamic else d.observed
        self.nx = int(self.mask.sum())
        self.obs_in_mask = d.observed[self.mask]

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
        zm, zv, ll = estep(d, a, b, s, x.ravel(), self.model, self.dtype)
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

    def change(self, th, th_new):
        """Largest absolute change of an observed ideal point between two packed vectors."""
        return float(np.abs(th_new[: self.nx] - th[: self.nx])[self.obs_in_mask].max())

    def log_prior(self, th):
        """Log prior density (up to a constant) of the packed parameters: the
        random walk (dynamic) or N(0, 1) (static) on the ideal points, and
        N(0, beta_var) on the unit-noise discriminations beta = b / s."""
        x, a, b, s = self.unpack(th)
        d = self.d
        if self.dynamic:
            t = np.arange(d.n_periods)[:, None]
            start = t == d.first[None, :]
            step = np.diff(x, axis=0)
            inside = self.mask[1:] & ~start[1:]
            lp = -0.5 * float((x[start & self.mask] ** 2).sum()) - 0.5 * float((step[inside] ** 2).sum()) / self.evol_var
        else:
            lp = -0.5 * float((x[self.mask] ** 2).sum())
        beta = b / s
        return lp - 0.5 * float((beta * beta).sum()) / self.beta_var

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


class _Progress:
    """Progress reporting of :func:`fit`: a callable, a line on stderr, or nothing."""

    def __init__(self, progress, tol):
        self.progress = progress
        self.tol = tol
        self.t0 = time.perf_counter()
        self.last = self.t0
        self.announced = False

    def __call__(self, it, change):
        progress = self.progress
        if progress is None or progress is False:
            return
        now = time.perf_counter()
        if callable(progress):
            progress({"iteration": it, "max_change": change, "seconds": now - self.t0})
            return
        if progress is True or (progress == "auto" and now - self.t0 > 3.0):
            if now - self.last > 1.0 or not self.announced:
                sys.stderr.write(
                    f"\rideal_points: iteration {it}, max change {change:.2e} "
                    f"(tol {self.tol:.0e}), {now - self.t0:.1f} s "
                )
                sys.stderr.flush()
                self.last = now
                self.announced = True

    def close(self):
        if self.announced:
            sys.stderr.write("\n")
            sys.stderr.flush()


def _iterate_plain(M, th, tol, max_iter, report):
    """Plain EM: th <- F(th) until no ideal point moves more than ``tol``."""
    history, n_eval, change = [], 0, np.inf
    while n_eval < max_iter:
        th_new, _ = M.step(th)
        n_eval += 1
        change = M.change(th, th_new)
        history.append(change)
        th = th_new
        report(n_eval, change)
        if change < tol:
            return th, n_eval, True, change, history
    return th, n_eval, False, change, history


#: SQUAREM step-length bounds and growth factor (Varadhan and Roland 2008;
#: the defaults of the R package SQUAREM: step.max0 = 1, mstep = 4).
_STEP_MAX0, _MSTEP = 1.0, 4.0
#: The safeguard's slack: a cycle is undone when the log posterior drops by
#: more than this (the R package's ``objfn.inc = 1``).  The variational EM
#: map with standardisation is not exactly monotone in the log posterior, so
#: a relative slack of 1e-8 undid 32 of 80 cycles on the test simulation.
_SLACK = 1.0


def _iterate_squarem(M, th, tol, max_iter, report):
    """SQUAREM (Varadhan and Roland 2008, scheme S3) on the packed parameters.

    One cycle: th1 = F(th), th2 = F(th1), r = th1 - th, v = th2 - 2 th1 + th,
    alpha = ||r|| / ||v|| (bounded to [1, step_max]; step_max grows by 4 when
    reached, as in the R package SQUAREM), the extrapolation
    th + 2 alpha r + alpha^2 v and one stabilising EM step from it.  The
    monotonicity safeguard: when the log posterior (log-likelihood plus log
    prior) at the new point is lower than at th by more than ``_SLACK``, the
    cycle is undone, the plain EM point th2 is taken
    instead and step_max shrinks.  Convergence is judged on a plain EM step
    (the same rule as :func:`_iterate_plain`), so the answer is a fixed point
    of the same map F.  ``report`` is called after every evaluation of F.
    """
    history, n_eval, change = [], 0, np.inf
    step_max = _STEP_MAX0

    def evaluate(t):
        nonlocal n_eval
        t_new, ll = M.step(t)
        n_eval += 1
        c = M.change(t, t_new)
        history.append(c)
        report(n_eval, c)
        return t_new, ll, c

    fallback = None  # (th2, objective at th) of the last extrapolated cycle, until it is checked
    while n_eval < max_iter:
        th1, ll, change = evaluate(th)
        obj = ll + M.log_prior(th)
        if fallback is not None:
            th2_prev, obj_prev = fallback
            fallback = None
            if not np.isfinite(obj) or obj < obj_prev - _SLACK:
                th = th2_prev  # safeguard: back to the plain EM point
                step_max = max(_STEP_MAX0, step_max / _MSTEP)
                continue
        if change < tol:
            return th1, n_eval, True, change, history
        if n_eval >= max_iter:
            return th1, n_eval, False, change, history
        th2, _, _ = evaluate(th1)
        r = th1 - th
        v = th2 - th1 - r
        sv = float(np.dot(v, v))
        alpha = np.sqrt(float(np.dot(r, r)) / sv) if sv > 0 else 1.0
        alpha = min(max(alpha, 1.0), step_max)
        if alpha == step_max:
            step_max *= _MSTEP
        if alpha <= 1.0 or n_eval >= max_iter:
            th = th2  # alpha = 1 is two plain EM steps
            continue
        th, _, _ = evaluate(th + 2.0 * alpha * r + alpha * alpha * v)  # extrapolate, then one EM step
        fallback = (th2, obj)
    return th, n_eval, False, change, history


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
    accelerate=True,
    dtype=np.float32,
):
    """Variational EM from the start ``x0`` ((T, N), values outside the
    observed state-periods ignored), accelerated by SQUAREM unless
    ``accelerate=False``.  The cells of the E-step and of the roll-call
    M-step are held in ``dtype`` (float32: half the memory traffic; sums,
    the ideal-point step and the parameters stay in float64).

    Converged when the largest absolute change of any x_it over the observed
    state-periods (standardised scale) in one EM step is below ``tol``.
    ``iterations`` counts EM map evaluations.
    """
    M = _Model(d, model, dynamic, evol_var, beta_var, anchor, dtype)
    T, N = d.n_periods, d.n_states
    x = np.where(M.mask, np.nan_to_num(x0), 0.0)
    x = M.orient(x)
    zm0 = start_z(d, model)
    a, b, s = mstep_items(
        d, zm0, np.full_like(zm0, 0.25), x.ravel(), np.zeros(T * N), np.ones(M.J), model, beta_var
    )
    return run(M, M.pack(x, a, b, s), tol, max_iter, progress, accelerate)


def start_z(d: Data, model):
    """A value of z inside each cell's category interval, for the first
    roll-call M-step from the start values."""
    if model == "binary":
        return np.r_[np.full(d.n_yes, -0.5), np.full(d.item.shape[0] - d.n_yes, 0.5)]
    nn = d.item.shape[0] - d.n_yes - d.n_abstain
    return np.r_[np.full(d.n_yes, -0.5), np.full(d.n_abstain, 0.5), np.full(nn, 1.5)]


def run(M, th, tol, max_iter, progress, accelerate=True) -> Fit:
    """Iterate the EM map of ``M`` from the packed ``th`` (SQUAREM or plain)."""
    report = _Progress(progress, tol)
    iterate = _iterate_squarem if accelerate else _iterate_plain
    th, n_eval, converged, change, history = iterate(M, th, tol, max_iter, report)
    report.close()
    # final pass: the variances and log-likelihood at the returned estimates
    x, a, b, s = M.unpack(th)
    _, ll = M.step(th)
    obs = M.d.observed
    return Fit(
        x=np.where(obs.reshape(obs.shape + (1,) * (x.ndim - 2)), x, np.nan),
        v=np.where(obs.reshape(obs.shape + (1,) * (M.v.ndim - 2)), M.v, np.nan),
        a=a,
        b=b,
        s=s,
        iterations=n_eval,
        converged=converged,
        max_change=change,
        history=history,
        seconds=time.perf_counter() - report.t0,
        loglik=ll,
    )
