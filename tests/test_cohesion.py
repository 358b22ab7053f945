"""Bloc cohesion (Rice, Hix-Noury-Roland AI, Attina), majority alignment, divisiveness.

Expected values: METRICS.md sections 5.4 (bloc = all five toy states), 7.2
(alignment with the majority) and 7.3 (divisiveness of a tally).
"""

import numpy as np
import pytest

from unvotes import cohesion

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


def test_tallies_and_indices_by_roll_call():
    Y, N, A = (x[:, 0] for x in cohesion._tallies(TOY))
    rice = cohesion._rice(Y, N)
    ai = cohesion._ai(Y, N, A)
    att = cohesion._attina(Y, N, A)
    # METRICS.md 5.4 rows r1, r3, r4, r5, r7
    rows = {0: (5, 0, 0, 1.000, 1.00, 1.00), 2: (3, 2, 0, 0.200, 0.40, 0.20), 3: (3, 0, 2, 1.000, 0.40, 0.20),
            4: (2, 1, 2, 0.333, 0.10, -0.20), 6: (4, 1, 0, 0.600, 0.70, 0.60)}
    for r, (y, n, a, rv, av, tv) in rows.items():
        assert (Y[r], N[r], A[r]) == (y, n, a)
        assert round(rice[r], 3) == rv
        assert round(ai[r], 2) == av
        assert round(att[r], 2) == tv
    np.testing.assert_allclose(ai, (3 * att + 1) / 4)


def test_period_means_unweighted_and_t_weighted():
    Y, N, A = cohesion._tallies(TOY)
    labels = np.zeros(10, dtype=int)
    _, rice, n = cohesion._aggregate(cohesion._rice(Y, N), labels)
    assert round(rice[0, 0], 4) == 0.6933 and n[0, 0] == 10
    _, ai, n = cohesion._aggregate(cohesion._ai(Y, N, A), labels)
    assert round(ai[0, 0], 4) == 0.6400
    _, aiw, _ = cohesion._aggregate(cohesion._ai(Y, N, A), labels, weights=Y + N + A)
    assert round(aiw[0, 0], 4) == 0.6170


def test_rice_and_ai_undefined_without_votes():
    assert np.isnan(cohesion._rice(np.array([0.0]), np.array([0.0]))[0])
    assert np.isnan(cohesion._ai(np.array([0.0]), np.array([0.0]), np.array([0.0]))[0])
    # a yes/abstain split: Rice 1 (abstentions ignored) while AI is below 1
    assert cohesion._rice(np.array([3.0]), np.array([0.0]))[0] == 1.0
    # AI is 0.25 for Y = N with two options (METRICS.md 5.2), Rice 0
    assert cohesion._ai(np.array([5.0]), np.array([5.0]), np.array([0.0]))[0] == 0.25


def test_aggregate_skips_undefined_roll_calls():
    vals = np.array([[1.0], [np.nan], [0.5]])
    _, mean, n = cohesion._aggregate(vals, np.array([1, 1, 1]))
    assert mean[0, 0] == 0.75 and n[0, 0] == 2


def test_majority_alignment_toy():
    # METRICS.md 7.2: every toy roll call has a yes majority
    Y, N, _ = cohesion._tallies(TOY)
    assert (cohesion._majority(Y[:, 0], N[:, 0]) == 1).all()
    _, v, n = cohesion._majority_alignment(TOY, np.zeros(10, dtype=int), abstain="drop")
    assert (v[0, 0], n[0, 0]) == (0.75, 8)  # A: 6 of 8
    assert v[0, 1] == 0.75  # B
    _, v, n = cohesion._majority_alignment(TOY, np.zeros(10, dtype=int), abstain="half")
    assert round(v[0, 0], 4) == 0.7222 and n[0, 0] == 9  # A: 6.5/9
    assert round(v[0, 1], 2) == 0.70 and n[0, 1] == 10  # B: 7/10


def test_majority_share_ties_are_undefined():
    s = cohesion._majority_share(np.array([3.0, 2.0]), np.array([0.0, 2.0]), np.array([2.0, 1.0]))
    assert s[0] == pytest.approx(0.6) and np.isnan(s[1])


@pytest.mark.parametrize(
    "tally, m, close, H, ai",
    [((120, 10, 50), 0.0769, 0.1538, 0.7161, 0.50), ((90, 70, 20), 0.4375, 0.875, 0.8720, 0.25)],
)
def test_divisiveness_of_a_tally(tally, m, close, H, ai):
    # METRICS.md 7.3
    Y, N, A = (np.array([float(x)]) for x in tally)
    got = cohesion._divisiveness(Y, N, A)
    assert round(got[0][0], 4) == m
    assert round(got[1][0], 4) == close
    assert round(got[2][0], 4) == H
    assert round(got[3][0], 2) == ai


def test_majority_alignment_rejects_bad_abstain():
    with pytest.raises(ValueError, match="'drop'"):
        cohesion._majority_alignment(TOY, np.zeros(10, dtype=int), abstain="ignore")
