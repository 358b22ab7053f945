"""Pairwise agreement family, S-score, kappa and pi.

Expected values are the worked examples of the methods reference
(/work/shared/reference/METRICS.md, sections 0.3, 1.4, 3.5, 4.3 and 4.4),
each recomputed there independently of the sources.
"""

import numpy as np
import pytest

from unvotes import _pairs

# METRICS.md 0.3: five states (rows A-E) and ten roll calls (r1-r10); the
# matrix used by the library is roll calls x states.
TOY = np.array(
    [
        [1, 1, 3, 1, 2, 1, 3, 1, 8, 1],  # A
        [1, 1, 3, 2, 2, 1, 1, 3, 1, 1],  # B
        [1, 1, 1, 1, 1, 3, 1, 1, 1, 2],  # C
        [1, 1, 1, 2, 1, 3, 1, 1, 9, 1],  # D
        [1, 8, 1, 1, 3, 1, 1, 1, 1, 1],  # E
    ],
    dtype=np.int8,
).T
A, B = 0, 1


def pair_value(M, **spec):
    T, shared = _pairs._joint_tables(M)
    value, n = _pairs._measure(T, shared, _pairs._spec(**spec))
    return value[A, B], n[A, B]


def test_joint_table_pair_ab():
    # METRICS.md 4.4: rows = A, columns = B, order yes/abstain/no
    T, shared = _pairs._joint_tables(TOY)
    np.testing.assert_array_equal(T[:, :, A, B], [[4, 1, 1], [0, 1, 0], [1, 0, 1]])
    assert T[:, :, A, B].sum() == 9  # n_AB = 9 (A absent on r9)
    assert shared[A, B] == 10


@pytest.mark.parametrize(
    "spec, expected, n",
    [
        (dict(abstain="category"), 0.6667, 9),  # raw PA 6/9
        (dict(abstain="drop"), 0.7143, 7),  # PA_YN 5/7
        (dict(abstain="half"), 0.7222, 9),  # Lijphart IA (6 + 1/2)/9
    ],
)
def test_percent_agreement_variants(spec, expected, n):
    v, nn = pair_value(TOY, **spec)
    assert round(v, 4) == expected
    assert nn == n


def test_voeten_agree_drops_unanimous():
    # r1, r2 and r9 are unanimous among the states present: 4.5/7 = 0.6429
    np.testing.assert_array_equal(
        np.nonzero(_pairs._unanimous_rows(TOY))[0], [0, 1, 8]
    )
    periods, value, n, shared = _pairs._period_tables(
        TOY, np.zeros(10), _pairs._spec(abstain="half"), drop_unanimous=True
    )
    assert round(value[0, A, B], 4) == 0.6429
    assert n[0, A, B] == 7
    assert shared[0, A, B] == 10


def test_s_score_absolute_and_squared():
    v, n = pair_value(TOY, stat="s")
    assert round(v, 4) == 0.4444 and n == 9
    v, n = pair_value(TOY, stat="s", distance="squared")
    assert round(v, 4) == 0.5000
    # identity S = 2 IA - 1 (METRICS.md 3.2)
    ia, _ = pair_value(TOY, abstain="half")
    assert v != ia and np.isclose(pair_value(TOY, stat="s")[0], 2 * ia - 1)


def test_weighted_s_score():
    # METRICS.md 3.5: w = 2 on r7 and r8, 1 elsewhere -> 0.1818
    w = np.ones(10)
    w[[6, 7]] = 2
    _, value, n, _ = _pairs._period_tables(TOY, np.zeros(10), _pairs._spec(stat="s"), weights=w)
    assert round(value[0, A, B], 4) == 0.1818
    assert n[0, A, B] == 9  # n stays the unweighted count


def test_s_score_uses_scale_range_not_observed():
    # METRICS.md 3.5 range pitfall: 0.75 with d_max = 2 (0.5 with the observed range)
    M = np.array([[1, 1, 2, 1], [1, 2, 2, 1]]).T
    v, n = pair_value(M, stat="s")
    assert v == pytest.approx(0.75) and n == 4


@pytest.mark.parametrize(
    "delta, kappa, pi",
    [("nominal", 0.4000, 0.3933), ("linear", 0.3284, 0.3233), ("quadratic", 0.2703, 0.2670)],
)
def test_kappa_pi_pair_ab(delta, kappa, pi):
    assert round(pair_value(TOY, stat="kappa", delta=delta)[0], 4) == kappa
    assert round(pair_value(TOY, stat="pi", delta=delta)[0], 4) == pi


def test_kappa_zero_when_one_state_constant():
    # METRICS.md 4.3: x = yes x6, y = (yes, yes, yes, no, no, abstain)
    M = np.array([[1] * 6, [1, 1, 1, 3, 3, 2]]).T
    assert pair_value(M, stat="kappa", delta="nominal")[0] == pytest.approx(0.0, abs=1e-12)
    assert pair_value(M, stat="kappa", delta="quadratic")[0] == pytest.approx(0.0, abs=1e-12)
    assert round(pair_value(M, stat="pi", delta="nominal")[0], 4) == -0.2414


def test_kappa_undefined_when_both_constant_and_identical():
    M = np.array([[1] * 5, [1] * 5]).T
    v, n = pair_value(M, stat="kappa")
    assert np.isnan(v) and n == 5
    assert pair_value(M, abstain="category")[0] == 1.0  # raw agreement is 1


@pytest.mark.parametrize("extra, raw, kappa, pi", [(10, 0.8421, 0.5043, 0.5022), (100, 0.9725, 0.5611, 0.5608)])
def test_consensus_pairs_inflate_raw_more_than_chance_corrected(extra, raw, kappa, pi):
    # METRICS.md 4.4: resolutions adopted without a vote added as yes-yes pairs
    M = np.vstack([TOY, np.ones((extra, 5), dtype=np.int8)])
    assert round(pair_value(M, abstain="category")[0], 4) == raw
    assert round(pair_value(M, stat="kappa")[0], 4) == kappa
    assert round(pair_value(M, stat="pi")[0], 4) == pi


def test_no_shared_vote_is_nan_not_zero_or_one():
    # A absent on r9 and D non-member: no shared vote on r9 alone
    M = TOY[[8]]
    for spec in (dict(abstain="category"), dict(abstain="half"), dict(stat="s"), dict(stat="kappa"), dict(stat="pi")):
        T, shared = _pairs._joint_tables(M)
        v, n = _pairs._measure(T, shared, _pairs._spec(**spec))
        assert np.isnan(v[A, B]) and n[A, B] == 0
        assert np.isnan(v[A, 3]) and shared[A, 3] == 0


def test_absent_as_half_state_department_2021_rule():
    # METRICS.md 2.6, regime C for the pair: (6 + 0.5 + 0.5) / 10 = 0.70
    v, n = pair_value(TOY, abstain="half", absent="half")
    assert v == pytest.approx(0.70) and n == 10
    # regime B for the pair: (6 + 0.5) / (10 - 1) = 0.722
    v, n = pair_value(TOY, abstain="half", absent="drop")
    assert round(v, 3) == 0.722 and n == 9


def test_bloc_pooling_excludes_self_pairs():
    # state vs bloc of all five = pooled counts with the four other states
    W = np.ones((10, 5, 1), dtype=bool)
    spec = _pairs._spec(abstain="category")
    _, v, n, _ = _pairs._period_tables(TOY, np.zeros(10), spec, right=W)
    T, _ = _pairs._joint_tables(TOY)
    same = T[0, 0] + T[1, 1] + T[2, 2]
    tot = T.sum(axis=(0, 1))
    np.fill_diagonal(same, 0)
    np.fill_diagonal(tot, 0)
    np.testing.assert_allclose(v[0, :, 0], same.sum(1) / tot.sum(1))
    np.testing.assert_array_equal(n[0, :, 0], tot.sum(1))
    # A with the other four: 19 identical of 35 shared pair-votes
    assert (same[A].sum(), tot[A].sum()) == (19, 35)


def test_spec_rejects_bad_policies():
    with pytest.raises(ValueError, match="`abstain` must be one of"):
        _pairs._spec(abstain="ignore")
    with pytest.raises(ValueError, match="`absent` must be one of"):
        _pairs._spec(absent="zero")
    with pytest.raises(ValueError, match="`delta` must be one of"):
        _pairs._spec(stat="kappa", delta="cubic")


@pytest.mark.parametrize(
    "spec",
    [dict(abstain="category"), dict(abstain="drop"), dict(abstain="half", absent="half"), dict(stat="s", distance="squared"),
     dict(stat="kappa", delta="linear"), dict(stat="pi", delta="quadratic")],
)
def test_fast_gram_path_equals_full_joint_tables(spec):
    # the production path (Gram matrices of features) against the 3x3 joint tables
    rng = np.random.default_rng(7)
    M = rng.choice([1, 2, 3, 8, 9], size=(60, 12), p=[0.5, 0.2, 0.15, 0.1, 0.05]).astype(np.int8)
    sp = _pairs._spec(**spec)
    W = rng.random((60, 12, 3)) < 0.4
    for left, right in [(None, None), (np.arange(12), np.array([3])), (None, W), (W, W)]:
        T, shared = _pairs._joint_tables(M, left=left, right=right)
        v_ref, n_ref = _pairs._measure(T, shared, sp)
        st = _pairs._pair_stats(M, left, right, marginals=True)
        v, n = _pairs._value(st, sp)
        np.testing.assert_allclose(v, v_ref, rtol=1e-10, atol=1e-12)
        np.testing.assert_array_equal(n, n_ref)
        np.testing.assert_array_equal(st["shared"], shared)
