"""Ideal points in D >= 2 dimensions (private): the EM steps of :mod:`._core` with vectors.

For roll call ``j`` and state-period ``(t, i)`` the latent utility difference is
``z_ij = a_j + b_j . x_it + e_ij``, ``e_ij ~ N(0, s_j**2)``, with the ordinal (or
binary) thresholds of :mod:`._core`.  The E-step of z is the same; the ideal
points have a D x D Gaussian posterior per state-period (independent N(0, I)
priors, static; or a random walk ``x_it ~ N(x_i,t-1, omega**2 I)`` smoothed by a
Kalman filter / RTS smoother, dynamic); the roll-call step is a ridge regression
of z on (1, x) with the prior ``beta_j = b_j / s_j ~ N(0, beta_var I)``.

Identification (METRICS.md §6.5):

* location and scale: at every iteration the ideal points are centred and
  whitened (symmetric inverse square root of their covariance), over all
  state-periods (dynamic) or within each period (static), so every dimension
  has mean 0 and SD 1 and the dimensions are uncorrelated; this is the
  D-dimensional form of BSV's standardisation;
* rotation: the model is invariant under rotations of whitened x (with b
  rotated alike).  At the end the solution is rotated to the principal axes of
  the discriminations, ``sum_j beta_j beta_j'``: dimension 1 is the direction
  that separates the most roll calls most sharply, dimension 2 the next (the
  counterpart of W-NOMINATE's dominant first dimension; Poole 2005, ch. 5);
* sign: the anchor state is positive on every dimension (W-NOMINATE's
  ``polarity``; Poole, Lewis, Lo and Carroll 2011).
"""

from __future__ import annotations

import numpy as np

from . import _core

__all__ = ["fit", "leading_pcs"]


def leading_pcs(V, k):
    """The first ``k`` principal-component scores of the rows of V (states x
    items; NaN = missing, imputed with the item mean), by SVD."""
    W = np.where(np.isnan(V), np.nanmean(V, axis=0, keepdims=True), V)
    W = np.nan_to_num(W - W.mean(axis=0, keepdims=True))
    out = np.zeros((W.shape[0], k))
    if not np.any(W):
        return out
    u, s, _ = np.linalg.svd(W, full_matrices=False)
    m = min(k, s.shape[0])
    out[:, :m] = u[:, :m] * s[:m]
    return out


def _inv(P):
    """Inverse of a stack of small symmetric positive-definite matrices."""
    return np.linalg.inv(P)


def _period_stats(d, zm, a, b, s, D):
    """Precision matrices (T, N, D, D) and information (T, N, D) of each state-period."""
    TN = d.n_periods * d.n_states
    it = d.item
    g = b / (s * s)[:, None]  # (J, D)
    resid = zm - a[it]
    prec = np.empty((TN, D, D))
    for p in range(D):
        for q in range(p, D):
            prec[:, p, q] = np.bincount(d.sp, (b[:, p] * g[:, q])[it], TN)
            prec[:, q, p] = prec[:, p, q]
    info = np.stack([np.bincount(d.sp, g[it, p] * resid, TN) for p in range(D)], axis=-1)
    return prec.reshape(d.n_periods, d.n_states, D, D), info.reshape(d.n_periods, d.n_states, D)


def _update_static(prec, info):
    V = _inv(prec + np.eye(prec.shape[-1]))
    return np.einsum("...pq,...q->...p", V, info), V


def _update_dynamic(prec, info, first, last, evol_var, init_var=1.0):
    """Kalman filter and RTS smoother, each step vectorised across states."""
    T, N, D = info.shape
    eye = np.eye(D)
    mf, pf, pp = np.empty((T, N, D)), np.empty((T, N, D, D)), np.empty((T, N, D, D))
    m, p = np.zeros((N, D)), np.broadcast_to(init_var * eye, (N, D, D)).copy()
    for t in range(T):
        start = (first >= t)[:, None]
        mpred = np.where(start, 0.0, m)
        ppred = np.where(start[:, :, None], init_var * eye, p + evol_var * eye)
        pp[t] = ppred
        ipred = _inv(ppred)
        p = _inv(ipred + prec[t])
        m = np.einsum("npq,nq->np", p, np.einsum("npq,nq->np", ipred, mpred) + info[t])
        mf[t], pf[t] = m, p
    ms, ps = mf.copy(), pf.copy()
    for t in range(T - 2, -1, -1):
        inside = ((t + 1 > first) & (t + 1 <= last))[:, None, None]
        g = np.where(inside, pf[t] @ _inv(pp[t + 1]), 0.0)
        ms[t] = mf[t] + np.einsum("npq,nq->np", g, ms[t + 1] - mf[t])
        ps[t] = pf[t] + g @ (ps[t + 1] - pp[t + 1]) @ np.swapaxes(g, 1, 2)
    return ms, ps


def _whiten(x, V, keep):
    """Centre and whiten the rows of x (n, D) selected by ``keep``; V alike."""
    xo = x[keep]
    m = xo.mean(axis=0)
    C = np.cov(xo, rowvar=False, bias=True)
    lam, E = np.linalg.eigh(C)
    lam = np.where(lam > 1e-12, lam, 1.0)
    W = E @ np.diag(lam**-0.5) @ E.T  # symmetric: no rotation
    return (x - m) @ W.T, W @ V @ W.T


def _mstep_items(d, zm, zv, x, V, model, beta_var, D):
    """Ridge regression of z on (1, x) per roll call, and the noise scale."""
    xf = x.reshape(-1, D)[d.sp]
    Vf = V.reshape(-1, D, D)[d.sp]
    n = d.item_n
    sx = np.stack([d.item_sum(xf[:, p]) for p in range(D)], axis=-1)
    sxx = np.empty((n.shape[0], D, D))
    for p in range(D):
        for q in range(p, D):
            sxx[:, p, q] = sxx[:, q, p] = d.item_sum(xf[:, p] * xf[:, q] + Vf[:, p, q])
    sz = d.item_sum(zm)
    sxz = np.stack([d.item_sum(xf[:, p] * zm) for p in range(D)], axis=-1)
    cxx = sxx - sx[:, :, None] * sx[:, None, :] / n[:, None, None]
    cxz = sxz - sx * (sz / n)[:, None]
    b = np.linalg.solve(cxx + np.eye(D) / beta_var, cxz[..., None])[..., 0]
    a = (sz - (b * sx).sum(axis=1)) / n
    s = np.ones_like(a)
    if model == "ordinal":
        szz = d.item_sum(zm * zm + zv)
        bsxx = np.einsum("jp,jpq,jq->j", b, sxx, b)
        ss = szz - 2 * a * sz - 2 * (b * sxz).sum(axis=1) + n * a * a + 2 * a * (b * sx).sum(axis=1) + bsxx
        s = np.sqrt(np.clip((ss + (b * b).sum(axis=1) / beta_var) / (n + 1.0), _core.S_MIN**2, _core.S_MAX**2))
    return a, b, s


class ModelND(_core._Model):
    """The EM map of :class:`._core._Model` for D >= 2 dimensions."""

    def __init__(self, d, model, dynamic, evol_var, beta_var, anchor, dims, dtype=np.float32):
        super().__init__(d, model, dynamic, evol_var, beta_var, anchor, dtype)
        self.D = dims

    def pack(self, x, a, b, s):
        return np.concatenate([x[self.mask].ravel(), a, b.ravel(), np.log(s)])

    def unpack(self, th):
        d, J, nx, D = self.d, self.J, self.nx, self.D
        x = np.zeros((d.n_periods, d.n_states, D))
        x[self.mask] = th[: nx * D].reshape(nx, D)
        o = nx * D
        a = th[o : o + J]
        b = th[o + J : o + J + J * D].reshape(J, D)
        s = np.clip(np.exp(th[o + J + J * D :]), _core.S_MIN, _core.S_MAX)
        return x, a, b, s

    def step(self, th):
        d, D = self.d, self.D
        x, a, b, s = self.unpack(th)
        dt = self.dtype
        mu = _core.cell_mean(d, a.astype(dt), b.astype(dt), x.astype(dt))
        zm, zv, ll = _core.moments(d, mu, s.astype(dt)[d.item], self.model)
        prec, info = _period_stats(d, zm, a, b, s, D)
        if self.dynamic:
            xn, vn = _update_dynamic(prec, info, d.first, d.last, self.evol_var)
        else:
            xn, vn = _update_static(prec, info)
        xn = np.where(self.mask[..., None], xn, 0.0)
        vn = np.where(self.mask[..., None, None], vn, 0.0)
        xn, vn = self.standardise(xn, vn)
        xn = np.where(self.mask[..., None], xn, 0.0)  # signs: kept by _canonical (ref=x)
        a, b, s = _mstep_items(d, zm, zv, xn, vn, self.model, self.beta_var, D)
        xn, vn, b = _canonical(self, xn, vn, b, s, ref=x)
        self.v = vn
        return self.pack(xn, a, b, s), ll

    def standardise(self, x, V):
        obs = self.d.observed
        if self.dynamic:
            return _whiten(x, V, obs)
        x, V = x.copy(), V.copy()
        for t in range(x.shape[0]):
            if obs[t].sum() > self.D:
                x[t], V[t] = _whiten(x[t], V[t], obs[t])
        return x, V

    def change(self, th, th_new):
        n = self.nx * self.D
        dx = np.abs(th_new[:n] - th[:n]).reshape(self.nx, self.D)
        return float(dx[self.obs_in_mask].max())

    def log_prior(self, th):
        x, a, b, s = self.unpack(th)
        d = self.d
        if self.dynamic:
            start = np.arange(d.n_periods)[:, None] == d.first[None, :]
            inside = self.mask[1:] & ~start[1:]
            lp = -0.5 * float((x[start & self.mask] ** 2).sum())
            lp -= 0.5 * float((np.diff(x, axis=0)[inside] ** 2).sum()) / self.evol_var
        else:
            lp = -0.5 * float((x[self.mask] ** 2).sum())
        return lp - 0.5 * float(((b / s[:, None]) ** 2).sum()) / self.beta_var

    def orient(self, x):
        """The anchor on the positive side of every dimension (its mean over
        periods, dynamic; every period where it voted, static)."""
        k = self.anchor
        if k is None:
            return x
        obs = self.d.observed[:, k]
        if self.dynamic:
            if not obs.any():
                return x
            return x * np.where(x[obs, k].mean(axis=0) < 0, -1.0, 1.0)
        sgn = np.where(obs[:, None] & (x[:, k] < 0), -1.0, 1.0)
        return x * sgn[:, None, :]


def _canonical(M, x, v, b, s, ref=None):
    """Rotate (x, v, b) to the principal axes of sum_j beta_j beta_j' (per period
    for a static fit) and reflect them so that the anchor is positive on every
    dimension.  x . b is unchanged, so the likelihood is; the map F applies this
    at every iteration, which removes the flat rotational direction of the EM.
    Inside the iterations (``ref`` = the ideal points F started from) each
    dimension keeps the sign that agrees with ``ref`` instead: an anchor close to
    0 on a dimension would otherwise flip it back and forth (the whole record's
    USA is at -0.02 on dimension 2); the anchor's sign is set on the result."""
    d = M.d
    beta = b / s[:, None]
    groups = [np.arange(M.J)] if M.dynamic else [np.nonzero(d.item_period == t)[0] for t in range(d.n_periods)]
    x, v, b = x.copy(), v.copy(), b.copy()
    k = M.anchor
    obs = d.observed[:, k] if k is not None else None
    for t, g in enumerate(groups):
        if g.size == 0:
            continue
        _, E = np.linalg.eigh(beta[g].T @ beta[g])
        R = E[:, ::-1]
        rows = slice(None) if M.dynamic else t
        xr, vr = x[rows] @ R, R.T @ v[rows] @ R
        # the anchor positive on every dimension (a reflection of x and b together)
        sgn = np.ones(M.D)
        if ref is not None:
            keep = d.observed if M.dynamic else d.observed[t]
            sgn = np.where((xr[keep] * ref[rows][keep]).sum(axis=0) < 0, -1.0, 1.0)
        elif k is not None and M.dynamic and obs.any():
            sgn = np.where(np.nanmean(xr[obs, k], axis=0) < 0, -1.0, 1.0)
        elif k is not None and not M.dynamic and obs[t]:
            sgn = np.where(xr[k] < 0, -1.0, 1.0)
        x[rows], v[rows], b[g] = xr * sgn, vr * np.outer(sgn, sgn), (b[g] @ R) * sgn
    return x, v, b


def _rotate(f, M):
    """The returned fit in the canonical rotation (see :func:`_canonical`)."""
    f.x, f.v, f.b = _canonical(M, f.x, f.v, f.b, f.s)
    return f


def fit(d, x0, *, dims, model="ordinal", dynamic=True, evol_var=0.1, beta_var=1.0, anchor=None, tol=1e-3,
        max_iter=1000, progress=None, accelerate=True, dtype=np.float32):
    """The D-dimensional fit from the start ``x0`` (T, N, D), as :func:`._core.fit`."""
    M = ModelND(d, model, dynamic, evol_var, beta_var, anchor, dims, dtype)
    T, N = d.n_periods, d.n_states
    x = np.where(M.mask[..., None], np.nan_to_num(x0), 0.0)
    x, _ = M.standardise(x, np.zeros((T, N, dims, dims)))
    x = M.orient(np.where(M.mask[..., None], x, 0.0))
    zm0 = _core.start_z(d, model)
    a, b, s = _mstep_items(d, zm0, np.full_like(zm0, 0.25), x, np.zeros((T, N, dims, dims)), model, beta_var, dims)
    f = _core.run(M, M.pack(x, a, b, s), tol, max_iter, progress, accelerate)
    return _rotate(f, M)
