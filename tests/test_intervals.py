"""Bootstrap intervals of agreement, coincidence and cohesion (issue 16 item 3).

The vectorised bootstrap (one matrix product of resample counts per
statistic) is checked against the plain definition: draw the roll calls of
the period with replacement, recompute the measure, take the percentiles.
"""

import numpy as np
import pytest

import unvotes
from unvotes.metrics import _bootstrap, _pairs


@pytest.fixture(scope="module")
def rec2022(record):
    return record.select(years=[2022])


def test_percentile_is_numpys_linear_quantile_without_nan():
    x = np.random.default_rng(1).normal(size=(400, 4))
    x[:150, 1] = np.nan
    x[:, 3] = np.nan
    lo, hi = _bootstrap.percentile(x, 0.9)
    np.testing.assert_allclose(lo[:3], np.nanquantile(x[:, :3], 0.05, axis=0), rtol=0, atol=1e-12)
    np.testing.assert_allclose(hi[:3], np.nanquantile(x[:, :3], 0.95, axis=0), rtol=0, atol=1e-12)
    assert np.isnan(lo[3]) and np.isnan(hi[3])


def test_agreement_interval_is_the_plain_bootstrap(rec2022):
    # GBR-USA 2022 (Voeten agreement 0.787 over 89 roll calls): the same resamples, recomputed one by one
    n_boot = 200
    df = unvotes.agreement(rec2022, states=["GBR", "USA"], ci=0.9, n_boot=n_boot, seed=7).iloc[0]
    M = rec2022.matrix()
    M = M.to_numpy()[~_pairs._unanimous_rows(M.to_numpy())]
    pair = M[:, [list(rec2022.matrix().columns).index(s) for s in ("GBR", "USA")]]
    C = _bootstrap.draws(len(M), n_boot, 7, 2022).astype(int)
    spec = _pairs._spec(abstain="half")
    vals = []
    for c in C:
        rows = np.repeat(np.arange(len(M)), c)
        T, shared = _pairs._joint_tables(pair[rows])
        vals.append(_pairs._measure(T, shared, spec)[0][0, 1])
    assert round(df["value"], 3) == 0.787
    assert df["lower"] == pytest.approx(np.quantile(vals, 0.05), abs=1e-12)
    assert df["upper"] == pytest.approx(np.quantile(vals, 0.95), abs=1e-12)


def test_intervals_same_seed_same_answer_and_period_independent(record, rec2022):
    a = unvotes.agreement_with(rec2022, "USA", states=["GBR", "RUS"], ci=0.95)
    b = unvotes.agreement_with(rec2022, "USA", states=["GBR", "RUS"], ci=0.95)
    c = unvotes.agreement_with(rec2022, "USA", states=["GBR", "RUS"], ci=0.95, seed=1)
    assert a.equals(b) and not a[["lower", "upper"]].equals(c[["lower", "upper"]])
    # a period's interval does not depend on the other periods of the record, nor on the function
    whole = unvotes.agreement_with(record, "USA", states=["GBR", "RUS"], ci=0.95)
    whole = whole[whole.period == 2022].reset_index(drop=True)
    np.testing.assert_array_equal(whole[["lower", "upper"]].to_numpy(), a[["lower", "upper"]].to_numpy())
    tidy = unvotes.agreement(rec2022, states=["GBR", "USA"], ci=0.95).iloc[0]
    assert (tidy["lower"], tidy["upper"]) == tuple(a.set_index("state").loc["GBR", ["lower", "upper"]])
    assert a.attrs["ci"] == 0.95


def test_thin_period_has_a_wide_interval(record):
    # 2026 so far has 11 roll calls, 2024 had 92 (the record): the interval says how thin 2026 is
    df = unvotes.agreement_with(record, "USA", states=["GBR"], ci=0.95).set_index("period")
    width = df["upper"] - df["lower"]
    assert df.loc[2026, "n"] == 11 and df.loc[2024, "n"] == 92
    assert width[2026] > 2.5 * width[2024]
    assert ((df["lower"] <= df["value"]) & (df["value"] <= df["upper"])).all()


def test_coincidence_interval(record):
    t = unvotes.coincidence(record, "USA", 2022, ci=0.95).set_index("state")
    # Algeria 30 % in the State Department's 2022 table; Venezuela missed all 89 votes: exactly 0.5 in
    # every resample under the 2021 rule
    assert t.loc["DZA", "lower"] < round(t.loc["DZA", "coincidence"], 2) == 0.30 < t.loc["DZA", "upper"]
    assert t.loc["VEN", "lower"] == t.loc["VEN", "upper"] == 0.5


def test_cohesion_interval(rec2022):
    p5 = {"P5": ["USA", "GBR", "FRA", "CHN", "RUS"]}
    r = unvotes.rice(rec2022, p5, ci=0.95).iloc[0]
    assert round(r["value"], 3) == 0.547 and r["lower"] < r["value"] < r["upper"]
    with pytest.raises(ValueError, match="needs periods"):
        unvotes.rice(rec2022, p5, by=None, ci=0.95)


@pytest.mark.parametrize("kwargs, match", [
    (dict(ci=1.5), "strictly between 0 and 1"),
    (dict(ci=0.95, n_boot=3), "at least 10"),
])
def test_bad_interval_arguments(rec2022, kwargs, match):
    with pytest.raises(ValueError, match=match):
        unvotes.agreement(rec2022, states=["GBR", "USA"], **kwargs)


def _plain_pooled(rec, state, members, n_boot, seed, ci):
    """The plain bootstrap of a state's pooled Voeten agreement with a bloc (the roll calls drawn, recomputed)."""
    M = rec.matrix()
    cols = list(M.columns)
    M = M.to_numpy()[~_pairs._unanimous_rows(M.to_numpy())]
    a = M[:, cols.index(state)]
    points = np.zeros(len(M))
    den = np.zeros(len(M))
    for m in members:  # the state with each other member: 1 - |o_a - o_m| / 2 where both voted yes, abstain or no
        b = M[:, cols.index(m)]
        both = np.isin(a, [1, 2, 3]) & np.isin(b, [1, 2, 3])
        points += np.where(both, 1 - np.abs(a.astype(float) - b) / 2, 0)
        den += both
    C = _bootstrap.draws(len(M), n_boot, seed, 2022).astype(int)
    vals = [(c @ points) / (c @ den) for c in C]
    return points.sum() / den.sum(), den.sum(), np.quantile(vals, (1 - ci) / 2), np.quantile(vals, (1 + ci) / 2)


def test_state_bloc_interval_is_the_plain_bootstrap(rec2022):
    # Russia with the P3 in 2022 (0.442 over 267 pair-votes): the resamples draw roll calls, not members
    bloc = {"P3": ["USA", "GBR", "FRA"]}
    df = unvotes.state_bloc_agreement(rec2022, bloc, states=["RUS", "USA"], ci=0.9, n_boot=300, seed=3)
    rus = df.set_index("state").loc["RUS"]
    value, n, lo, hi = _plain_pooled(rec2022, "RUS", ["USA", "GBR", "FRA"], 300, 3, 0.9)
    assert (round(rus["value"], 3), int(rus["n"])) == (0.442, 267) == (round(value, 3), n)
    assert rus["lower"] == pytest.approx(lo, abs=1e-6) and rus["upper"] == pytest.approx(hi, abs=1e-6)
    usa = df.set_index("state").loc["USA"]  # a member is not paired with itself: USA with GBR and FRA only
    value, n, lo, hi = _plain_pooled(rec2022, "USA", ["GBR", "FRA"], 300, 3, 0.9)
    assert (round(usa["value"], 3), int(usa["n"])) == (0.770, 178) == (round(value, 3), n)
    assert usa["lower"] == pytest.approx(lo, abs=1e-6) and usa["upper"] == pytest.approx(hi, abs=1e-6)
    assert df.attrs["ci"] == 0.9 and df.attrs["measure"] == "voeten"


def test_bloc_agreement_interval_brackets_the_value_and_names_its_level(rec2022):
    blocs = {"P3": ["USA", "GBR", "FRA"], "P2": ["CHN", "RUS"]}
    df = unvotes.bloc_agreement(rec2022, blocs, ci=0.95)
    assert df[["value", "n"]].round(3).values.tolist() == [[0.835, 534], [0.427, 531], [0.812, 176]]
    assert (df["lower"] <= df["value"]).all() and (df["value"] <= df["upper"]).all()
    assert (df["upper"] - df["lower"] > 0.02).all() and df.attrs["ci"] == 0.95
    with pytest.raises(ValueError, match="`ci` must be a confidence level"):
        unvotes.bloc_agreement(rec2022, blocs, ci=95)
