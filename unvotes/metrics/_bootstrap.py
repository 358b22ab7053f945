"""Percentile bootstrap intervals over roll calls, vectorised (agreement, coincidence, cohesion).

Every statistic of :mod:`unvotes.metrics` is a function of sums over the roll
calls of a period. A bootstrap resample of the period's r roll calls (drawn
with replacement) is a vector of counts c (multinomial, sum r); every sum
becomes ``c @ x``, so all resamples of all pairs come from one matrix product
``C @ X`` per statistic, with ``C`` of shape (n_boot, r). The interval is the
percentile interval of the resampled values (Efron, B. and Tibshirani, R. J.
(1993). An Introduction to the Bootstrap. Chapman & Hall, ch. 13), with
numpy's linear interpolation between order statistics; resamples in which the
value is undefined (an empty denominator) are left out. Roll calls are
treated as exchangeable within a period, so the interval measures how much
the value depends on which roll calls happened to be held: a period with few
roll calls gets a wide interval.
"""

from __future__ import annotations

import numpy as np

from . import _pairs
from ..record import codes

__all__: list[str] = []

_F = np.float32


def check(ci, n_boot, seed):
    """Validate the interval arguments; return ``(ci, n_boot, seed)`` or None when ``ci`` is None."""
    if ci is None:
        return None
    if isinstance(ci, bool) or not isinstance(ci, (float, int, np.floating)) or not 0 < ci < 1:
        raise ValueError(f"`ci` must be a confidence level strictly between 0 and 1 (e.g. 0.95), got {ci!r}")
    if isinstance(n_boot, bool) or not isinstance(n_boot, (int, np.integer)) or n_boot < 10:
        raise ValueError(f"`n_boot` must be an int of at least 10 (bootstrap resamples; 1000 is usual), got {n_boot!r}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"`seed` must be an int (the same seed gives the same interval), got {seed!r}")
    return float(ci), int(n_boot), int(seed)


def draws(r: int, n_boot: int, seed: int, period) -> np.ndarray:
    """Resample counts ``(n_boot, r)`` in float32: row b holds how often each roll call is drawn.

    The generator is seeded with ``(seed, period)``, so a period's interval
    does not depend on which other periods the record holds.
    """
    rng = np.random.default_rng([int(seed), int(period) & 0xFFFFFFFF])
    if r == 0:
        return np.zeros((n_boot, 0), dtype=_F)
    return rng.multinomial(r, np.full(r, 1.0 / r), size=n_boot).astype(_F)


def percentile(values: np.ndarray, ci: float):
    """Lower and upper percentile bounds along axis 0, NaN resamples left out (NaN if none is defined)."""
    v = np.ascontiguousarray(np.asarray(values, dtype=np.float64).T)  # (k, n_boot): sort along contiguous rows
    v.sort(axis=1)  # NaN sort last
    m = (~np.isnan(v)).sum(axis=1)
    top = np.maximum(m - 1, 0)
    rows = np.arange(v.shape[0])
    out = []
    for p in ((1.0 - ci) / 2.0, (1.0 + ci) / 2.0):
        pos = p * top
        lo = np.floor(pos).astype(np.int64)
        hi = np.minimum(lo + 1, top)
        a, b = v[rows, lo], v[rows, hi]
        out.append(np.where(m > 0, a + (pos - lo) * (b - a), np.nan))
    return out[0], out[1]


def pair_intervals(Mk, ia, ib, spec, C, ci, block=1024):
    """Bootstrap interval of a pair measure for the column pairs ``(ia, ib)`` of ``Mk`` (r, k).

    ``C`` (n_boot, r) from :func:`draws`. Returns ``(lower, upper)``, float64
    arrays of ``len(ia)``.
    """
    Mk = np.asarray(Mk)
    yes, no, ab = Mk == codes.YES, Mk == codes.NO, Mk == codes.ABSTAIN
    part = yes | no | ab
    mem = Mk != codes.NON_MEMBER
    stat = spec["stat"]
    marg = stat in _pairs._MARGINAL_STATS
    shared = stat == "agreement" and spec["absent"] == "half"
    if stat == "cor":
        V = np.where(part, Mk, 0).astype(_F)
        Vs, Vq = C @ V, C @ (V * V)
        rows = C.sum(axis=1, dtype=np.float64)[:, None]
    lower = np.empty(len(ia))
    upper = np.empty(len(ia))

    def boot(x):
        return (C @ x.astype(_F)).astype(np.float64)

    for s in range(0, len(ia), block):
        a, b = np.asarray(ia[s : s + block]), np.asarray(ib[s : s + block])
        pa, pb = part[:, a], part[:, b]
        st = {
            "n": boot(pa & pb),
            "yy_nn": boot((yes[:, a] & yes[:, b]) | (no[:, a] & no[:, b])),
            "aa": boot(ab[:, a] & ab[:, b]),
            "opp": boot((yes[:, a] & no[:, b]) | (no[:, a] & yes[:, b])),
        }
        if shared:
            st["shared"] = boot(mem[:, a] & mem[:, b])
        if marg:
            n = st["n"]
            ya, aa_ = boot(yes[:, a] & pb), boot(ab[:, a] & pb)
            yb, ab_ = boot(pa & yes[:, b]), boot(pa & ab[:, b])
            st["marg_a"] = np.stack([ya, aa_, n - ya - aa_])
            st["marg_b"] = np.stack([yb, ab_, n - yb - ab_])
        if stat == "cor":
            st.update(sum_a=Vs[:, a], sq_a=Vq[:, a], sum_b=Vs[:, b], sq_b=Vq[:, b],
                      rows=np.broadcast_to(rows, st["n"].shape))
        value, _ = _pairs._value(st, spec)
        lower[s : s + block], upper[s : s + block] = percentile(value, ci)
    return lower, upper


def pair_booter(spec, boot):
    """The ``boot`` callable of :func:`._pairs._period_rows` for ``boot = (ci, n_boot, seed)``."""
    ci, n_boot, seed = boot

    def run(Mk, ia, ib, period):
        return pair_intervals(Mk, ia, ib, spec, draws(len(Mk), n_boot, seed, period), ci)

    return run


def ratio_intervals(num, den, C, ci):
    """Interval of ``sum(num) / sum(den)`` per column; ``num``, ``den`` (r, k) per-roll-call parts."""
    value = _pairs._divide(C @ np.asarray(num, _F), C @ np.asarray(den, _F))
    return percentile(value, ci)


def pooled_booter(spec, boot):
    """The ``boot`` callable of :func:`._pairs._period_tables` for ``boot = (ci, n_boot, seed)`` (blocs).

    Each resample's pooled statistics are the count-weighted sums of the
    per-roll-call ones (:func:`._pairs._pair_stats` with ``resample``), so a
    bloc's interval resamples roll calls, never member states: the bloc's
    membership on each roll call is kept.
    """
    if spec["stat"] == "cor":
        raise ValueError("`ci` is not available for the 'widyr' correlation (defined for pairs of states only)")
    ci, n_boot, seed = boot
    marg = spec["stat"] in _pairs._MARGINAL_STATS

    def run(Mk, left, right, period):
        C = draws(len(Mk), n_boot, seed, period)
        value, _ = _pairs._value(_pairs._pair_stats(Mk, left, right, marginals=marg, resample=C), spec)
        shape = value.shape[1:]
        lower, upper = percentile(value.reshape(n_boot, -1), ci)
        return lower.reshape(shape), upper.reshape(shape)

    return run
