"""Private core of the pairwise measures: joint vote counts by matrix products.

Everything here works on plain numpy arrays so that it can be tested on the
toy matrix of METRICS.md section 0.3. The public wrappers live in
:mod:`unvotes.alignment` and :mod:`unvotes.cohesion`.

A vote matrix ``M`` has shape ``(r, s)`` (roll calls x states) and holds the
codes of :mod:`unvotes.codes`: 1 yes, 2 abstain, 3 no, 8 absent, 9 non_member.

For two sets of "units" (states, or blocs whose members are counted), the
joint table ``T[x, y]`` (x, y in yes/abstain/no) counts, for every pair of
units, the roll calls on which the first chose x and the second chose y. One
matrix product per period gives every pair at once::

    Z = [Y | A | N]                 # (r, 3s) one-hot indicators
    G = Z.T @ Z                     # (3s, 3s): block (x, y) is T[x, y]

Counts are exact in float32 up to 2**24 shared votes per pair.
"""

from __future__ import annotations

import contextlib

import numpy as np

from ..record import codes

__all__: list[str] = []

#: The three positions in their ordinal order (METRICS.md 0.1: o(v) = 1, 2, 3).
_POSITIONS = (codes.YES, codes.ABSTAIN, codes.NO)

#: Statistics computed from the joint tables.
_STATS = ("agreement", "s", "kappa", "pi", "cor")

#: Statistics that need each unit's marginal counts over the shared roll calls.
_MARGINAL_STATS = ("kappa", "pi", "cor")
_ABSTAIN_POLICIES = ("category", "half", "drop")
_ABSENT_POLICIES = ("drop", "half")
_DISTANCES = ("absolute", "squared")
_DELTAS = ("nominal", "linear", "quadratic")

_DTYPE = np.float32


def _indicators(M: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return ``(Z, P, Mem)``: one-hot ``(r, 3, s)``, participation and membership ``(r, s)``."""
    M = np.asarray(M)
    Z = np.stack([(M == c) for c in _POSITIONS], axis=1).astype(_DTYPE)
    P = Z.sum(axis=1)
    Mem = P + (M == codes.ABSENT).astype(_DTYPE)
    return Z, P, Mem


def _unanimous_rows(M: np.ndarray) -> np.ndarray:
    """Boolean ``(r,)``: roll calls on which every participating state chose the same position.

    Roll calls with no participant at all also count as unanimous (nothing to
    compare). This is Voeten's filter ``n_distinct(vote) > 1`` over votes with
    code < 4 (``DyadicAgreementScores.R``; METRICS.md 1.1).
    """
    M = np.asarray(M)
    used = np.stack([(M == c).any(axis=1) for c in _POSITIONS], axis=1)
    return used.sum(axis=1) <= 1


def _unit_counts(M, unit=None):
    """Count arrays ``(Z (r, 3, k), P (r, k), Mem (r, k))`` of a set of units.

    ``unit`` is ``None`` (every state column of ``M``), an integer index array
    (those state columns) or a boolean membership array ``W`` of shape
    ``(r, s, k)`` (blocs with dated membership: the counts are the numbers of
    bloc members choosing each position).
    """
    Z, P, Mem = _indicators(M)
    if unit is None:
        return Z, P, Mem
    unit = np.asarray(unit)
    if unit.ndim == 1:
        return Z[:, :, unit], P[:, unit], Mem[:, unit]
    Wf = unit.astype(_DTYPE)
    Zb = np.einsum("rcs,rsk->rck", Z, Wf)
    Mb = np.einsum("rs,rsk->rk", Mem, Wf)
    return Zb, Zb.sum(axis=1), Mb


def _joint_tables(M, weights=None, left=None, right=None):
    """Joint counts between two sets of units (default: every pair of states).

    Parameters
    ----------
    M : ndarray of int, shape (r, s)
        Vote codes.
    weights : ndarray of float, shape (r,), optional
        Weight of each roll call (S-score weights); the counts are then
        weighted sums.
    left, right : None, int ndarray (k,) or bool ndarray (r, s, k)
        Units, see :func:`_unit_counts`. When a side is a bloc, the pairs of
        a state with itself (a member counted on both sides) are removed, so
        pooled bloc tables count pairs of *distinct* states.

    Returns
    -------
    T : ndarray, shape (3, 3, ka, kb)
        ``T[x, y, i, j]``: (pairs of member states on) roll calls on which unit
        i chose position x and unit j chose position y.
    shared : ndarray, shape (ka, kb)
        Roll calls (pair-votes) on which both were Members (votes or absences).
    """
    M = np.asarray(M)
    Za, Pa, Mema = _unit_counts(M, left)
    Zb, Pb, Memb = _unit_counts(M, right)
    r, _, ka = Za.shape
    kb = Zb.shape[2]
    if weights is not None:
        w = np.asarray(weights, dtype=_DTYPE)
        Za = Za * w[:, None, None]
        Mema = Mema * w[:, None]
    G = Za.reshape(r, 3 * ka).T @ Zb.reshape(r, 3 * kb)  # (3ka, 3kb)
    T = G.reshape(3, ka, 3, kb).transpose(0, 2, 1, 3).astype(np.float64)
    shared = (Mema.T @ Memb).astype(np.float64)
    if _is_bloc(left) or _is_bloc(right):
        Td, Sd = _self_pair_counts(M, left, right, weights)
        for c in range(3):
            T[c, c] -= Td[c]
        shared -= Sd
    return T, shared


def _shared(M, left=None, right=None):
    """Roll calls on which both units were Members (pair-votes for blocs), shape (ka, kb)."""
    M = np.asarray(M)
    mem = np.isin(M, _POSITIONS + (codes.ABSENT,)).astype(_DTYPE)

    def side(unit):
        if unit is None:
            return mem
        u = np.asarray(unit)
        return mem[:, u] if u.ndim == 1 else np.einsum("rs,rsk->rk", mem, u.astype(_DTYPE))

    a, b = side(left), side(right)
    shared = (a.T @ b).astype(np.float64)
    if _is_bloc(left) or _is_bloc(right):
        st = {"n": 0, "yy_nn": 0, "aa": 0, "shared": shared}
        _remove_self_pairs(st, M, left, right, None, False)
        shared = st["shared"]
    return shared


def _is_bloc(unit) -> bool:
    return unit is not None and np.ndim(unit) == 3


def _self_pair_counts(M, left, right, weights=None):
    """Counts of a state paired with itself when one side (or both) is a bloc.

    Returns ``(Td (3, ka, kb), Sd (ka, kb))``: for position c, the number of
    roll calls on which a state that belongs to both units chose c (and, for
    ``Sd``, was a Member).
    """
    Z, P, Mem = _indicators(M)
    if weights is not None:
        w = np.asarray(weights, dtype=_DTYPE)
        Z = Z * w[:, None, None]
        Mem = Mem * w[:, None]
    s = M.shape[1]

    def expand(unit):
        if unit is None:
            return None, np.arange(s)
        unit = np.asarray(unit)
        if unit.ndim == 1:
            return None, unit
        return unit.astype(_DTYPE), None

    Wa, ia = expand(left)
    Wb, ib = expand(right)
    if Wa is None and Wb is not None:  # states x bloc
        Td = np.einsum("rcs,rsb->csb", Z[:, :, ia], Wb[:, ia, :])
        Sd = np.einsum("rs,rsb->sb", Mem[:, ia], Wb[:, ia, :])
    elif Wa is not None and Wb is None:  # bloc x states
        Td = np.einsum("rcs,rsa->cas", Z[:, :, ib], Wa[:, ib, :])
        Sd = np.einsum("rs,rsa->as", Mem[:, ib], Wa[:, ib, :])
    else:  # bloc x bloc
        Td = np.einsum("rcs,rsa,rsb->cab", Z, Wa, Wb)
        Sd = np.einsum("rs,rsa,rsb->ab", Mem, Wa, Wb)
    return Td.astype(np.float64), Sd.astype(np.float64)


def _spec(stat="agreement", abstain="half", absent="drop", distance="absolute", delta="nominal"):
    """Validate and return a measure specification (dict)."""
    if stat not in _STATS:
        raise ValueError(f"`stat` must be one of {_STATS}, got {stat!r}")
    if abstain not in _ABSTAIN_POLICIES:
        raise ValueError(
            f"`abstain` must be one of {_ABSTAIN_POLICIES} ('category': both abstaining agree, "
            f"'half': one abstention = half agreement, 'drop': roll calls with an abstention are "
            f"dropped), got {abstain!r}"
        )
    if absent not in _ABSENT_POLICIES:
        raise ValueError(
            f"`absent` must be one of {_ABSENT_POLICIES} ('drop': roll calls where either state "
            f"was absent are dropped, 'half': they count as half agreement), got {absent!r}"
        )
    if distance not in _DISTANCES:
        raise ValueError(f"`distance` must be one of {_DISTANCES}, got {distance!r}")
    if delta not in _DELTAS:
        raise ValueError(f"`delta` must be one of {_DELTAS}, got {delta!r}")
    return {"stat": stat, "abstain": abstain, "absent": absent, "distance": distance, "delta": delta}


def _delta_matrix(delta: str) -> np.ndarray:
    """Disagreement weights on positions 1, 2, 3 with d_max = 2 (METRICS.md 4.1)."""
    o = np.arange(1, 4, dtype=np.float64)
    d = np.abs(o[:, None] - o[None, :])
    if delta == "nominal":
        return (d > 0).astype(np.float64)
    if delta == "linear":
        return d / 2.0
    return (d / 2.0) ** 2


def _add_totals(st, M, left=None, right=None, iu=None, ju=None):
    """Add each state's sum and sum of squares of the 0-filled position (o, or 0 for a non-vote) to ``st``.

    For the "cor" statistic (widyr's pairwise correlation of the 0-filled
    vote matrix): ``sum_a``, ``sq_a``, ``sum_b``, ``sq_b`` broadcast to the
    pairs (``(ka, kb)``, or the pairs ``(iu, ju)``) and ``rows``, the number
    of roll calls. States only (no blocs).
    """
    if _is_bloc(left) or _is_bloc(right):
        raise ValueError("the 'widyr' correlation is defined for pairs of states, not for blocs")
    M = np.asarray(M)
    V = np.where(np.isin(M, _POSITIONS), M, 0).astype(np.float64)  # 1 yes, 2 abstain, 3 no, 0 otherwise
    tot, sq = V.sum(axis=0), (V * V).sum(axis=0)

    def side(unit):
        return (tot, sq) if unit is None else (tot[np.asarray(unit)], sq[np.asarray(unit)])

    (ta, qa), (tb, qb) = side(left), side(right)
    if iu is not None:
        st["sum_a"], st["sq_a"], st["sum_b"], st["sq_b"] = ta[iu], qa[iu], tb[ju], qb[ju]
    else:
        st["sum_a"], st["sq_a"] = np.broadcast_to(ta[:, None], st["n"].shape), np.broadcast_to(qa[:, None], st["n"].shape)
        st["sum_b"], st["sq_b"] = np.broadcast_to(tb[None, :], st["n"].shape), np.broadcast_to(qb[None, :], st["n"].shape)
    st["rows"] = np.full(st["n"].shape, float(M.shape[0]))


def _correlation(st):
    """Pearson correlation of two states' 0-filled positions over every roll call (widyr's ``pairwise_cor``).

    sum(v_i v_j) over the roll calls both voted follows from the joint
    counts: with v = o = X + 2, sum(o_i o_j) = sum(X_i X_j) + 2 sum(X_i) +
    2 sum(X_j) + 4 n, where sum(X_i X_j) = yy_nn - opp and sum(X_i) = no_i - yes_i
    (the marginals over the shared roll calls).
    """
    r, n = st["rows"], st["n"]
    ma, mb = st["marg_a"], st["marg_b"]
    cross = st["yy_nn"] - st["opp"] + 2.0 * (ma[2] - ma[0]) + 2.0 * (mb[2] - mb[0]) + 4.0 * n
    cov = r * cross - st["sum_a"] * st["sum_b"]
    var = (r * st["sq_a"] - st["sum_a"] ** 2) * (r * st["sq_b"] - st["sum_b"] ** 2)
    var = np.where(var > 1e-9, var, 0.0)
    return _divide(cov, np.sqrt(var)), r


def _divide(num, den):
    """num / den with NaN where den == 0 (never 0 or 1 on an empty denominator)."""
    num = np.asarray(num, dtype=np.float64)
    den = np.asarray(den, dtype=np.float64)
    out = np.full(np.broadcast(num, den).shape, np.nan)
    np.divide(num, den, out=out, where=den > 0)
    return out


def _stats_from_tables(T, shared):
    """Pair statistics (see :func:`_pair_stats`) from full joint tables ``T (3, 3, ...)``."""
    return {
        "n": T.sum(axis=(0, 1)),
        "yy_nn": T[0, 0] + T[2, 2],
        "aa": T[1, 1],
        "opp": T[0, 2] + T[2, 0],
        "shared": shared,
        "marg_a": T.sum(axis=1),  # (3, ...): first unit's positions over shared roll calls
        "marg_b": T.sum(axis=0),
    }


def _measure(T, shared, spec, n_counts=None):
    """Value and denominator of a measure from full joint tables (reference path).

    Parameters
    ----------
    T : ndarray, shape (3, 3, ...)
        Joint (possibly weighted) counts over positions yes/abstain/no.
    shared : ndarray, shape (...)
        Roll calls on which both units were Members (same weighting as T).
    spec : dict
        From :func:`_spec`.
    n_counts : tuple (T, shared), optional
        Unweighted counts for the denominator ``n`` when ``T`` is weighted.

    Returns
    -------
    value, n : ndarray, shape (...)
    """
    value, den = _value(_stats_from_tables(T, shared), spec)
    if n_counts is not None:
        _, den = _value(_stats_from_tables(*n_counts), spec)
    return value, den


def _value(st, spec):
    """Value and denominator of a measure from pair statistics."""
    stat = spec["stat"]
    n_part = st["n"]
    yy_nn, opposite = st["yy_nn"], st["opp"]
    same = yy_nn + st["aa"]
    partial = n_part - same - opposite
    if stat == "agreement":
        ab = spec["abstain"]
        if ab == "category":
            points, den = same, n_part
        elif ab == "half":
            points, den = same + 0.5 * partial, n_part
        else:
            points, den = yy_nn, yy_nn + opposite
        if spec["absent"] == "half":
            absent_either = st["shared"] - n_part
            points = points + 0.5 * absent_either
            den = den + absent_either
        return _divide(points, den), den
    if stat == "cor":
        return _correlation(st)
    if stat == "s":
        if spec["distance"] == "absolute":
            dist, dmax = 2.0 * opposite + partial, 2.0
        else:
            dist, dmax = 4.0 * opposite + partial, 4.0
        return 1.0 - 2.0 * _divide(dist, n_part * dmax), n_part
    # kappa / pi: 1 - D_o / D_e with the delta weights (METRICS.md 4.1)
    D = _delta_matrix(spec["delta"])
    Do = _divide(D[0, 1] * partial + D[0, 2] * opposite, n_part)
    pa = _divide(st["marg_a"], n_part)
    pb = _divide(st["marg_b"], n_part)
    if stat == "pi":
        pa = pb = (pa + pb) / 2.0
    De = sum(D[x, y] * pa[x] * pb[y] for x in range(3) for y in range(3) if D[x, y])
    De = np.where(np.abs(De) < 1e-12, 0.0, De)
    value = 1.0 - _divide(Do, De)
    value = np.where((n_part > 0) & (De > 0), value, np.nan)
    return value, n_part


def _features(M, unit=None, weights=None, marginals=False):
    """Per-roll-call features of a set of units, arrays ``(r, k)`` in float32.

    ``P`` participates (yes/abstain/no), ``X`` = o - 2 (yes -1, abstain 0,
    no +1), ``Q`` = |X| (yes or no), ``A`` abstains, ``Mem`` is a Member,
    ``Y`` votes yes (only with ``marginals``). For blocs (``unit`` of shape
    (r, s, k)) each feature is summed over the bloc's members; every pair
    statistic is bilinear in the features, so pooled counts follow.
    """
    M = np.asarray(M)
    f = {
        "P": np.isin(M, _POSITIONS),
        "X": (M == codes.NO).astype(np.int8) - (M == codes.YES).astype(np.int8),
        "Q": (M == codes.YES) | (M == codes.NO),
        "A": M == codes.ABSTAIN,
        "Mem": np.isin(M, _POSITIONS + (codes.ABSENT,)),
    }
    if marginals:
        f["Y"] = M == codes.YES
    out = {}
    for key, v in f.items():
        v = v.astype(_DTYPE)
        if unit is not None:
            u = np.asarray(unit)
            v = v[:, u] if u.ndim == 1 else np.einsum("rs,rsk->rk", v, u.astype(_DTYPE))
        if weights is not None:
            v = v * np.asarray(weights, dtype=_DTYPE)[:, None]
        out[key] = np.ascontiguousarray(v)
    return out


def _resampled(C, X):
    """``C @ X`` over the roll-call axis 0 of ``X`` (r, ...): shape (n_boot, ...), float64."""
    return (C @ X.reshape(X.shape[0], -1)).reshape(C.shape[0], *X.shape[1:]).astype(np.float64)


def _pair_stats(M, left=None, right=None, weights=None, marginals=False, resample=None):
    """Pair statistics of every pair of units with a few matrix products.

    Returns a dict of ``(ka, kb)`` float64 arrays: ``n`` (roll calls both
    voted), ``yy_nn`` (both yes or both no), ``aa`` (both abstained),
    ``opp`` (yes against no), ``shared`` (both Members) and, with
    ``marginals``, ``marg_a`` / ``marg_b`` of shape (3, ka, kb): each unit's
    yes/abstain/no counts over the roll calls both voted.

    Uses sum(X_i X_j) = yy_nn - opp and sum(Q_i Q_j) = yy_nn + opp. When
    both sides are the same states and unweighted, every product is a Gram
    matrix ``F.T @ F`` (BLAS syrk). When a side is a bloc, the pairs of a
    state with itself are removed.

    ``resample`` (n_boot, r): bootstrap counts of the roll calls
    (:func:`unvotes.metrics._bootstrap.draws`); every sum over roll calls is
    then a count-weighted sum, one per resample, and every array gains a
    leading axis of n_boot (for a few units: the per-roll-call products are
    kept, ``r x ka x kb``).
    """
    M = np.asarray(M)
    sym = weights is None and resample is None and _same_unit(left, right)
    Fa = _features(M, left, weights, marginals)
    Fb = Fa if sym else _features(M, right, None, marginals)

    def prod(a, b):
        if resample is not None:
            return _resampled(resample, Fa[a][:, :, None] * Fb[b][:, None, :])
        if sym and a == b:
            x = Fa[a]
            return (x.T @ x).astype(np.float64)
        return (Fa[a].T @ Fb[b]).astype(np.float64)

    n = prod("P", "P")
    xx = prod("X", "X")
    qq = prod("Q", "Q")
    if weights is None and resample is None and not (_is_bloc(left) or _is_bloc(right)):
        shared = _shared_members(Fa["Mem"], Fb["Mem"])
    else:
        shared = prod("Mem", "Mem")
    st = {"n": n, "yy_nn": (qq + xx) / 2.0, "opp": (qq - xx) / 2.0, "aa": prod("A", "A"), "shared": shared}
    if marginals:
        ya, aa_ = prod("Y", "P"), prod("A", "P")
        if sym:
            yb, ab_ = ya.T, aa_.T
        else:
            yb, ab_ = prod("P", "Y"), prod("P", "A")
        st["marg_a"] = np.stack([ya, aa_, n - ya - aa_])
        st["marg_b"] = np.stack([yb, ab_, n - yb - ab_])
    if _is_bloc(left) or _is_bloc(right):
        _remove_self_pairs(st, M, left, right, weights, marginals, resample)
    return st


def _shared_members(Ma: np.ndarray, Mb: np.ndarray) -> np.ndarray:
    """``Ma.T @ Mb`` for 0/1 membership columns, without a full Gram matrix.

    A state that was a Member on every roll call shares with any other
    exactly that other's roll calls as a Member, so only the columns with a
    partial membership (admissions, departures within the period) need a
    product, among themselves. Exact; float64 ``(ka, kb)``.
    """
    r = Ma.shape[0]
    ca = Ma.sum(axis=0, dtype=np.float64)
    cb = Mb.sum(axis=0, dtype=np.float64)
    fa, fb = ca == r, cb == r
    out = np.where(fa[:, None], cb[None, :], np.where(fb[None, :], ca[:, None], 0.0))
    pa, pb = np.nonzero(~fa)[0], np.nonzero(~fb)[0]
    if len(pa) and len(pb):
        out[np.ix_(pa, pb)] = (Ma[:, pa].astype(_DTYPE).T @ Mb[:, pb].astype(_DTYPE)).astype(np.float64)
    return out


def _same_unit(left, right) -> bool:
    if left is right:
        return True
    if left is None or right is None:
        return False
    left, right = np.asarray(left), np.asarray(right)
    return left.shape == right.shape and left.ndim == 1 and bool((left == right).all())


def _remove_self_pairs(st, M, left, right, weights, marginals, resample=None):
    """Subtract a state's pairing with itself from pooled bloc statistics (in place; ``resample``: see _pair_stats)."""
    f = _features(M, None, weights, True)  # per state, (r, s)
    s = M.shape[1]

    def w3(unit):
        if unit is None:
            return None, np.arange(s)
        unit = np.asarray(unit)
        return (None, unit) if unit.ndim == 1 else (unit.astype(_DTYPE), None)

    Wa, ia = w3(left)
    Wb, ib = w3(right)

    def self_sum(v):
        if resample is not None:  # the same sums, per roll call, then count-weighted per resample
            if Wa is None:
                return _resampled(resample, v[:, ia, None] * Wb[:, ia, :])
            if Wb is None:
                return _resampled(resample, Wa[:, ib, :].transpose(0, 2, 1) * v[:, None, ib])
            return _resampled(resample, np.einsum("rs,rsa,rsb->rab", v, Wa, Wb))
        if Wa is None:  # states x bloc
            return np.einsum("rs,rsb->sb", v[:, ia], Wb[:, ia, :]).astype(np.float64)
        if Wb is None:  # bloc x states
            return np.einsum("rs,rsa->as", v[:, ib], Wa[:, ib, :]).astype(np.float64)
        ka, kb = Wa.shape[2], Wb.shape[2]
        left_w = (Wa * v[:, :, None]).reshape(-1, ka)
        return (left_w.T @ Wb.reshape(-1, kb)).astype(np.float64)

    q = self_sum(f["Q"])
    a = self_sum(f["A"])
    p = self_sum(f["P"])
    y = self_sum(f["Y"])
    st["n"] -= p
    st["yy_nn"] -= q  # X_j * X_j = Q_j, Q_j * Q_j = Q_j: a self pair is always identical
    st["aa"] -= a
    st["shared"] -= self_sum(f["Mem"])
    if marginals:
        for key in ("marg_a", "marg_b"):
            st[key][0] -= y
            st[key][1] -= a
            st[key][2] -= p - y - a


def _blas_single_thread():
    """Context limiting BLAS to one thread, if threadpoolctl is installed.

    The per-period Gram matrices are small (a few hundred states by about a
    hundred roll calls); a multi-threaded BLAS spends more time waking and
    synchronising threads than computing, and on a loaded machine it is up to
    ten times slower than one thread (measured in
    ``benchmarks/bench_alignment.py``).
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - optional speed-up
        return contextlib.nullcontext()
    return threadpool_limits(1, user_api="blas")


def _group_slices(labels: np.ndarray):
    """Stable grouping of roll-call rows by period label.

    Returns ``(order, uniques, bounds)``: rows ``order[bounds[g]:bounds[g+1]]``
    belong to period ``uniques[g]``.
    """
    labels = np.asarray(labels)
    order = np.argsort(labels, kind="stable")
    sorted_labels = labels[order]
    uniques, starts = np.unique(sorted_labels, return_index=True)
    bounds = np.append(starts, len(labels))
    return order, uniques, bounds


def _period_tables(M, labels, spec, *, left=None, right=None, drop_unanimous=False, weights=None, boot=None):
    """Value, n and shared membership of every pair of units for every period.

    Parameters
    ----------
    M : ndarray of int, shape (r, s)
    labels : ndarray, shape (r,)
        Period of each roll call.
    spec : dict
        From :func:`_spec`.
    left, right : unit specs (see :func:`_features`); bloc arrays have
        shape (r, s, k) and are sliced by period here.
    drop_unanimous : bool
        Drop roll calls on which every participating state chose the same
        position (over all columns of ``M``) before counting.
    weights : ndarray (r,), optional
    boot : callable, optional
        ``boot(Mk, left_k, right_k, period) -> (lower, upper)``, each
        (ka, kb): the bootstrap interval of the period
        (:func:`unvotes.metrics._bootstrap.pooled_booter`).

    Returns
    -------
    periods : ndarray (g,)
    value, n, shared : ndarray (g, ka, kb)
        ``shared`` counts the roll calls of the period (before the unanimity
        filter) on which both units were Members.
    lower, upper : ndarray (g, ka, kb)
        Only with ``boot``: the bounds of the interval.
    """
    M = np.asarray(M)
    keep = ~_unanimous_rows(M) if drop_unanimous else np.ones(M.shape[0], dtype=bool)
    order, periods, bounds = _group_slices(labels)
    marg = spec["stat"] in _MARGINAL_STATS

    def rows_of(unit, rows):
        return unit[rows] if _is_bloc(unit) else unit

    values, ns, shareds, bounds_k = [], [], [], []
    with _blas_single_thread():
        for k in range(len(periods)):  # loop over periods only; all pairs at once inside
            rows_all = order[bounds[k] : bounds[k + 1]]
            rows = rows_all[keep[rows_all]]
            Mk = M[rows]
            lk, rk = rows_of(left, rows), rows_of(right, rows)
            st = _pair_stats(Mk, lk, rk, marginals=marg)
            if spec["stat"] == "cor":
                _add_totals(st, Mk, lk, rk)
            if weights is not None:
                stw = _pair_stats(Mk, lk, rk, weights=np.asarray(weights)[rows], marginals=marg)
                v, _ = _value(stw, spec)
                _, nn = _value(st, spec)
            else:
                v, nn = _value(st, spec)
            if len(rows) == len(rows_all):
                sh_all = st["shared"]
            else:
                sh_all = _shared(M[rows_all], rows_of(left, rows_all), rows_of(right, rows_all))
            values.append(v)
            ns.append(nn)
            shareds.append(sh_all)
            if boot is not None:
                bounds_k.append(boot(Mk, lk, rk, periods[k]))
    if not values:
        e = np.empty((0, 0, 0))
        return (periods, e, e, e) + ((e, e) if boot is not None else ())
    out = periods, np.stack(values), np.stack(ns), np.stack(shareds)
    if boot is not None:
        out += (np.stack([b[0] for b in bounds_k]), np.stack([b[1] for b in bounds_k]))
    return out


def _triu_stats(Mk: np.ndarray, iu: np.ndarray, ju: np.ndarray, marginals=False) -> dict:
    """Pair statistics (as :func:`_pair_stats`, without ``shared``) of the state pairs ``(iu, ju)``.

    Unweighted states x states: four Gram matrices ``F.T @ F`` (BLAS syrk;
    F = participation, signed yes/no, |yes/no|, abstention) and, for kappa
    and pi, two products for the marginals; values are taken at the pairs
    only, as 1-D float64 arrays.
    """
    yes, no, ab = Mk == codes.YES, Mk == codes.NO, Mk == codes.ABSTAIN
    Q = (yes | no).astype(_DTYPE)
    X = no.astype(_DTYPE) - yes.astype(_DTYPE)
    A = ab.astype(_DTYPE)
    P = Q + A

    def gram(F):
        return (F.T @ F)[iu, ju].astype(np.float64)

    n, xx, qq = gram(P), gram(X), gram(Q)
    st = {"n": n, "yy_nn": (qq + xx) / 2.0, "opp": (qq - xx) / 2.0, "aa": gram(A)}
    if marginals:
        YP = yes.astype(_DTYPE).T @ P
        AP = A.T @ P
        ya, yb = YP[iu, ju].astype(np.float64), YP[ju, iu].astype(np.float64)
        aa_, ab_ = AP[iu, ju].astype(np.float64), AP[ju, iu].astype(np.float64)
        st["marg_a"] = np.stack([ya, aa_, n - ya - aa_])
        st["marg_b"] = np.stack([yb, ab_, n - yb - ab_])
    return st


def _triu_shared(mem: np.ndarray, iu: np.ndarray, ju: np.ndarray) -> np.ndarray:
    """Roll calls on which both states of each pair ``(iu, ju)`` were Members; ``mem`` bool (r, k).

    Exact without a full Gram matrix: a state that was a Member on every
    roll call shares with the other exactly the other's roll calls as a
    Member; only pairs of two part-time Members (admissions, departures in
    the period) need a product, among those columns.
    """
    cnt = mem.sum(axis=0, dtype=np.float64)
    full = cnt == mem.shape[0]
    out = np.where(full[iu], cnt[ju], np.where(full[ju], cnt[iu], 0.0))
    part = np.nonzero(~full)[0]
    if len(part) > 1:
        both = ~full[iu] & ~full[ju]
        mp = mem[:, part].astype(_DTYPE)
        G = (mp.T @ mp).astype(np.float64)
        pos = np.full(mem.shape[1], -1)
        pos[part] = np.arange(len(part))
        out[both] = G[pos[iu[both]], pos[ju[both]]]
    return out


def _period_rows(M, labels, spec, idx, *, drop_unanimous=False, weights=None, boot=None):
    """Tidy rows of every pair of the states ``idx``, one period at a time.

    The streaming form of :func:`_period_tables` for states x states: each
    period counts only the columns of ``idx`` that held a seat in it (every
    pair with another column shares no roll call), and yields the pairs
    ``a < b`` (positions in ``idx``) that were Members together on at least
    one roll call of the period (before the unanimity filter). Nothing of
    size periods x states x states is kept, so memory stays flat in the
    number of periods.

    ``boot``, a callable ``boot(Mk, a, b, period) -> (lower, upper)`` (see
    :mod:`._bootstrap`), adds an interval for every pair from the roll calls
    counted ``Mk`` and the pairs' column positions in it.

    Yields
    ------
    period, a, b, value, n[, lower, upper]
        The period label; int32 arrays of positions in ``idx``; the float64
        value and the int32 denominator of each pair; with ``boot`` the
        float64 bounds.
    """

    M = np.asarray(M)
    idx = np.asarray(idx)
    keep = ~_unanimous_rows(M) if drop_unanimous else np.ones(M.shape[0], dtype=bool)
    order, periods, bounds = _group_slices(labels)
    marg = spec["stat"] in _MARGINAL_STATS
    with _blas_single_thread():
        for k in range(len(periods)):
            rows_all = order[bounds[k] : bounds[k + 1]]
            Mall = M[rows_all][:, idx]
            mem = (Mall != codes.NON_MEMBER).any(axis=0)
            cols = np.nonzero(mem)[0]
            if len(cols) < 2:
                continue
            Mall = Mall[:, cols]
            kept = keep[rows_all]
            Mk = Mall[kept]
            iu, ju = np.triu_indices(len(cols), 1)
            if weights is None:
                st = _triu_stats(Mk, iu, ju, marginals=marg)
            else:  # weighted S-score: the general path, then the pairs
                st = {key: val[..., iu, ju] for key, val in _pair_stats(Mk, marginals=marg).items()}
            if spec["stat"] == "cor":
                _add_totals(st, Mk, None, None, iu, ju)
            need_shared = spec["absent"] == "half" and spec["stat"] == "agreement"
            sh = _triu_shared(Mall != codes.NON_MEMBER, iu, ju) if need_shared or (st["n"] == 0).any() else st["n"]
            if need_shared and not kept.all():  # "half" counts the absences of the roll calls kept
                st["shared"] = _triu_shared(Mk != codes.NON_MEMBER, iu, ju)
            else:
                st["shared"] = sh
            if weights is not None:
                stw = {key: val[..., iu, ju] for key, val in
                       _pair_stats(Mk, weights=np.asarray(weights)[rows_all[kept]], marginals=marg).items()}
                v, _ = _value(stw, spec)
                _, nn = _value(st, spec)
            else:
                v, nn = _value(st, spec)
            sel = sh > 0
            iu, ju, v, nn = iu[sel], ju[sel], v[sel], nn[sel]
            out = (periods[k], cols[iu].astype(np.int32), cols[ju].astype(np.int32), v, nn.round().astype(np.int32))
            if boot is not None:
                out += tuple(boot(Mk, iu, ju, periods[k]))
            yield out
