"""Tests of unvotes.ideal.model (ideal_points, vote_probabilities).

External values: the worked examples of METRICS.md §6.1, §6.2 and §6.4
(recomputed there from BSV's code, the emIRT documentation, Poole 2005 Fig.
2.3 and the §0.3 toy data), and the published Bailey-Strezhnev-Voeten April
2020 estimates (datasets/raw/validation/voeten-idealpoints).  Recovery tests
simulate votes from known ideal points under the model.
"""

from __future__ import annotations

import pathlib

import numpy as np
import pandas as pd
import pytest

import unvotes
from unvotes.errors import UnknownStateError
from unvotes.ideal._reference import bsv_reference as _bsv_reference
from unvotes.ideal._reference import compare_with_reference as _compare_with_reference
from unvotes.ideal.baselines import pca_baseline
from unvotes.ideal.model import ideal_points, vote_probabilities

ROOT = pathlib.Path(__file__).resolve().parents[1]
BSV = ROOT / "datasets/raw/validation/voeten-idealpoints/IdealpointestimatesAll_Apr2020.csv"

LABELS = {1: "yes", 2: "abstain", 3: "no", 8: "absent"}


# ----------------------------------------------------------------------------- simulated records


def make_record(codes: np.ndarray, sessions: np.ndarray, states: list[str]) -> unvotes.VotingRecord:
    """A VotingRecord from a (roll calls x states) code matrix; 9 = no row."""
    n_rc = codes.shape[0]
    rc = pd.DataFrame(
        {
            "rcid": np.arange(1, n_rc + 1, dtype=np.int64),
            "session": sessions.astype(np.int64),
            "date": pd.Timestamp("1990-01-01") + pd.to_timedelta(np.arange(n_rc), unit="D"),
            "symbol": [f"A/RES/T/{k}" for k in range(n_rc)],
        }
    )
    for c in ("me", "nu", "di", "hr", "co", "ec", "important"):
        rc[c] = pd.array([k % 3 == 0 for k in range(n_rc)], dtype="boolean")
    r, c = np.nonzero(codes != 9)
    votes = pd.DataFrame(
        {"rcid": rc["rcid"].to_numpy()[r], "state": np.asarray(states)[c], "vote": [LABELS[v] for v in codes[r, c]]}
    )
    return unvotes.VotingRecord(rc, votes)


def simulate(n_states=60, n_periods=8, per_period=40, seed=1, walk_sd=0.3, absent=0.08, ordinal=True):
    """Votes from known ideal points: a random walk per state, roll calls
    with beta ~ N(0, 1.5^2) and cut points around the middle of the states."""
    rng = np.random.default_rng(seed)
    x = np.cumsum(rng.normal(0, walk_sd, (n_periods, n_states)), axis=0) + rng.normal(0, 1, n_states)
    x[:, 0] = np.abs(x[:, 0]) + 1.5  # the anchor ("S00") on the positive side
    codes, sessions = [], []
    for t in range(n_periods):
        beta = rng.normal(0, 1.5, per_period)
        beta = np.where(np.abs(beta) < 0.3, 0.3 * np.sign(beta + 1e-9), beta)
        c1 = rng.normal(-0.5, 0.8, per_period)
        c2 = c1 + rng.uniform(0.2, 1.0, per_period)
        z = beta[:, None] * x[t][None, :] + rng.normal(0, 1, (per_period, n_states))
        v = np.where(z < c1[:, None], 1, np.where(z < c2[:, None], 2, 3))
        if not ordinal:
            v = np.where(z < (c1[:, None] + c2[:, None]) / 2, 1, 3)
        v = np.where(rng.random(v.shape) < absent, 8, v)
        codes.append(v)
        sessions.append(np.full(per_period, 40 + t))
    codes = np.vstack(codes).astype(np.int8)
    # states 50-59 join in period 3 (non-members before)
    codes[: 3 * per_period, 50:] = 9
    states = [f"S{k:02d}" for k in range(n_states)]
    return codes, np.concatenate(sessions), states, x


@pytest.fixture(scope="module")
def sim():
    codes, sessions, states, x = simulate()
    return make_record(codes, sessions, states), codes, sessions, states, x


def true_table(x, states, first_session=40, codes=None):
    t, i = np.indices(x.shape)
    df = pd.DataFrame({"state": np.asarray(states)[i.ravel()], "period": first_session + t.ravel(), "true": x.ravel()})
    return df


# ----------------------------------------------------------------------------- METRICS worked examples


def test_vote_probabilities_bsv_worked_example():
    # METRICS.md §6.1: theta 1.2, beta 0.8, cuts -0.5, 0.7 -> 0.0721, 0.3253, 0.6026
    p = vote_probabilities(1.2, 0.8, -0.5, 0.7).iloc[0]
    assert p["yes"] == pytest.approx(0.0721, abs=5e-5)
    assert p["abstain"] == pytest.approx(0.3253, abs=5e-5)
    assert p["no"] == pytest.approx(0.6026, abs=5e-5)


def test_vote_probabilities_ordirt_worked_example():
    # METRICS.md §6.2: tau1 -1, tau2 0.5, beta 0.6, x 0.9 -> P(y=1) 0.0618, P(y=3) 0.5160
    p = vote_probabilities(0.9, 0.6, -1.0, 0.5).iloc[0]
    assert p["yes"] == pytest.approx(0.0618, abs=5e-5)
    assert p["no"] == pytest.approx(0.5160, abs=5e-5)
    with pytest.raises(ValueError, match="cut2"):
        vote_probabilities(0.9, 0.6, 0.5, -1.0)


from toy import TOY_FRAME as TOY  # METRICS.md 0.3  # noqa: E402


# ----------------------------------------------------------------------------- recovery


def _corr_with_truth(fit, x, states):
    est = fit.estimates.merge(true_table(x, states), on=["state", "period"])
    return np.corrcoef(est["ideal_point"], est["true"])[0, 1], est


def test_recovery_dynamic_ordinal(sim):
    rec, codes, sessions, states, x = sim
    fit = ideal_points(rec, anchor="S00", min_votes=5, progress=False)
    assert fit.converged
    r, est = _corr_with_truth(fit, x, states)
    assert r > 0.95
    # within every period as well (40 roll calls per period, 8 % absences)
    per = est.groupby("period").apply(lambda d: np.corrcoef(d["ideal_point"], d["true"])[0, 1])
    assert per.min() > 0.95
    # the random walk pools information across periods: better than each period alone
    static = ideal_points(rec, anchor="S00", dynamic=False, min_votes=5, progress=False)
    r_static, _ = _corr_with_truth(static, x, states)
    assert r > r_static


def test_recovery_static_and_binary(sim):
    rec, codes, sessions, states, x = sim
    static = ideal_points(rec, anchor="S00", dynamic=False, min_votes=5, progress=False)
    r, est = _corr_with_truth(static, x, states)
    per = est.groupby("period").apply(lambda d: np.corrcoef(d["ideal_point"], d["true"])[0, 1])
    assert per.min() > 0.93
    codes_b, sessions_b, states_b, xb = simulate(seed=2, ordinal=False)
    binary = ideal_points(make_record(codes_b, sessions_b, states_b), model="binary", anchor="S00", min_votes=5,
                          progress=False)
    rb, _ = _corr_with_truth(binary, xb, states_b)
    assert rb > 0.95
    assert "cut" in binary.roll_calls.columns and "cut2" not in binary.roll_calls.columns


def test_recovered_roll_call_parameters_predict_votes(sim):
    rec, codes, sessions, states, x = sim
    fit = ideal_points(rec, anchor="S00", min_votes=5, progress=False)
    # the modal predicted category matches most observed votes (an ordinal probit with these
    # simulation settings gets about 3 in 4 right; chance is at most the majority share)
    est = fit.estimates.set_index(["state", "period"])["ideal_point"]
    rcp = fit.roll_calls.set_index("rcid")
    m = rec.matrix()
    hits = total = 0
    for rcid in rcp.index[::7]:
        row = m.loc[rcid]
        period = rcp.loc[rcid, "period"]
        voted = row[row.isin([1, 2, 3])]
        xs = est.reindex([(s, period) for s in voted.index]).to_numpy()
        ok = np.isfinite(xs)
        p = vote_probabilities(xs[ok], rcp.loc[rcid, "beta"], rcp.loc[rcid, "cut1"], rcp.loc[rcid, "cut2"])
        pred = p.to_numpy().argmax(axis=1) + 1
        hits += int((pred == voted.to_numpy()[ok]).sum())
        total += int(ok.sum())
    assert hits / total > 0.65


# ----------------------------------------------------------------------------- identification


@pytest.mark.slow
def test_identification_sign_scale_and_determinism(sim):
    rec, *_ = sim
    a = ideal_points(rec, anchor="S00", min_votes=5, progress=False)
    # scale: mean 0, SD 1 over all state-periods (dynamic)
    assert a.estimates["ideal_point"].mean() == pytest.approx(0, abs=1e-9)
    assert a.estimates["ideal_point"].std(ddof=0) == pytest.approx(1, abs=1e-9)
    # sign: the anchor is positive on average
    assert a.estimates.query("state == 'S00'")["ideal_point"].mean() > 0
    # choosing an anchor on the other side reflects the whole solution
    low = a.estimates.groupby("state")["ideal_point"].mean().idxmin()
    b = ideal_points(rec, anchor=low, min_votes=5, progress=False)
    j = a.estimates.merge(b.estimates, on=["state", "period"])
    assert np.corrcoef(j["ideal_point_x"], j["ideal_point_y"])[0, 1] < -0.999
    # deterministic for a seed; other seeds agree to the tolerance
    c = ideal_points(rec, anchor="S00", min_votes=5, progress=False)
    pd.testing.assert_frame_equal(a.estimates, c.estimates)
    d = ideal_points(rec, anchor="S00", min_votes=5, seed=7, progress=False, tol=1e-5, max_iter=5000)
    e = ideal_points(rec, anchor="S00", min_votes=5, seed=0, progress=False, tol=1e-5, max_iter=5000)
    assert np.abs(d.estimates["ideal_point"] - e.estimates["ideal_point"]).max() < 0.01


def test_static_is_standardised_and_signed_per_period(sim):
    rec, *_ = sim
    f = ideal_points(rec, anchor="S00", dynamic=False, min_votes=5, progress=False)
    g = f.estimates.groupby("period")["ideal_point"]
    np.testing.assert_allclose(g.mean(), 0, atol=1e-9)
    np.testing.assert_allclose(g.std(ddof=0), 1, atol=1e-9)
    assert (f.estimates.query("state == 'S00'")["ideal_point"] > 0).all()


# ----------------------------------------------------------------------------- missing data


def test_absent_and_non_member_are_missing_not_votes(sim):
    rec, codes, sessions, states, x = sim
    base = ideal_points(rec, anchor="S00", min_votes=5, progress=False)
    # non-members before admission have no estimate; n_votes counts only yes/abstain/no
    assert base.estimates.query("state == 'S55' and period < 43").empty
    m = rec.matrix()
    n = m.isin([1, 2, 3]).groupby(sessions).sum()
    nv = base.estimates.set_index(["period", "state"])["n_votes"]
    kept = set(base.roll_calls["rcid"])
    n_kept = m.loc[m.index.isin(kept)].isin([1, 2, 3]).groupby(sessions[m.index.isin(kept)]).sum()
    assert nv.loc[(44, "S10")] == n_kept.loc[44, "S10"] <= n.loc[44, "S10"]
    # recoding absent cells as non-member (no row) changes nothing
    codes2 = np.where(codes == 8, 9, codes)
    alt = ideal_points(make_record(codes2, sessions, states), anchor="S00", min_votes=5, progress=False)
    pd.testing.assert_frame_equal(base.estimates, alt.estimates)
    # binary model: an abstention is missing, exactly like an absence
    b1 = ideal_points(rec, model="binary", anchor="S00", min_votes=5, progress=False)
    codes3 = np.where(codes == 2, 8, codes)
    b2 = ideal_points(make_record(codes3, sessions, states), model="binary", anchor="S00", min_votes=5,
                      progress=False)
    pd.testing.assert_frame_equal(b1.estimates, b2.estimates)
    # ordinal model: abstentions are information (the estimates change)
    o2 = ideal_points(make_record(codes3, sessions, states), anchor="S00", min_votes=5, progress=False)
    assert not np.allclose(base.estimates["ideal_point"], o2.estimates["ideal_point"])


def test_gap_in_membership_is_bridged(sim):
    rec, codes, sessions, states, x = sim
    codes2 = codes.copy()
    codes2[sessions == 44, 20] = 8  # S20 absent throughout session 44
    f = ideal_points(make_record(codes2, sessions, states), anchor="S00", min_votes=5, progress=False)
    s20 = f.estimates.query("state == 'S20'")
    assert 44 not in set(s20["period"]) and {43, 45} <= set(s20["period"])


# ----------------------------------------------------------------------------- filters and options


def test_lopsided_unanimous_and_min_votes_filters(sim):
    rec, codes, sessions, states, x = sim
    codes2 = codes.copy()
    codes2[0] = np.where(codes2[0] == 9, 9, 1)  # unanimous yes
    codes2[1] = np.where(codes2[1] == 9, 9, 1)
    codes2[1, 0] = 3  # one no among about 50 voters: minority share < 0.025
    codes2[sessions == 41, 30] = np.where(np.arange((sessions == 41).sum()) < 3, 1, 8)  # S30: 3 votes in 41
    f = ideal_points(make_record(codes2, sessions, states), anchor="S00", min_votes=5, progress=False)
    dr = f.dropped_roll_calls.set_index("rcid")
    assert dr.loc[1, "reason"] == "unanimous"
    assert dr.loc[2, "reason"] == "lopsided" and dr.loc[2, "minority_share"] < 0.025
    assert not set(dr.index) & set(f.roll_calls["rcid"])
    ds = f.dropped_states
    assert ((ds["state"] == "S30") & (ds["period"] == 41)).any()
    assert f.estimates.query("state == 'S30' and period == 41").empty
    g = ideal_points(make_record(codes2, sessions, states), anchor="S00", min_votes=5, lop=0.0, progress=False)
    assert 2 in set(g.roll_calls["rcid"]) and 1 not in set(g.roll_calls["rcid"])


def test_issue_subset(sim):
    rec, *_ = sim
    f = ideal_points(rec, anchor="S00", issue="hr", min_votes=3, progress=False)
    hr = set(rec.roll_calls.loc[rec.roll_calls["hr"].fillna(False).astype(bool), "rcid"])
    assert set(f.roll_calls["rcid"]) <= hr
    assert set(f.dropped_roll_calls.query("reason == 'issue'")["rcid"]) == set(rec.roll_calls["rcid"]) - hr


def test_by_year(sim):
    rec, *_ = sim
    f = ideal_points(rec, by="year", anchor="S00", min_votes=5, progress=False)
    years = set(pd.to_datetime(rec.roll_calls["date"]).dt.year)
    assert set(f.estimates["period"]) == years


def test_progress_callback_and_stderr(sim, capsys):
    rec, *_ = sim
    seen = []
    f = ideal_points(rec, anchor="S00", min_votes=5, progress=seen.append)
    assert len(seen) == f.iterations and seen[-1]["max_change"] < f.tol
    with pytest.warns(RuntimeWarning, match="did not converge"):
        ideal_points(rec, anchor="S00", min_votes=5, progress=True, max_iter=3)
    assert "ideal_points: iteration" in capsys.readouterr().err


def test_not_converged_warns(sim):
    rec, *_ = sim
    with pytest.warns(RuntimeWarning, match="max_iter=2"):
        f = ideal_points(rec, anchor="S00", min_votes=5, max_iter=2, progress=False)
    assert not f.converged and f.iterations == 2


@pytest.mark.parametrize(
    "kwargs, exc, match",
    [
        ({"by": "month"}, ValueError, "`by`"),
        ({"model": "poisson"}, ValueError, "`model`"),
        ({"min_votes": -1}, ValueError, "min_votes"),
        ({"lop": 0.7}, ValueError, "lop"),
        ({"evolution_var": 0}, ValueError, "evolution_var"),
        ({"max_iter": 0}, ValueError, "max_iter"),
        ({"issue": "xx"}, ValueError, "issue code"),
        ({"dynamic": "yes"}, TypeError, "dynamic"),
        ({"anchor": "ZZZ"}, UnknownStateError, "'ZZZ'"),
        ({"progress": "loud"}, ValueError, "progress"),
    ],
)
def test_bad_arguments(sim, kwargs, exc, match):
    rec, *_ = sim
    kw = {"anchor": "S00", "progress": False}
    kw.update(kwargs)
    with pytest.raises(exc, match=match):
        ideal_points(rec, **kw)


def test_record_type_checked():
    with pytest.raises(TypeError, match="VotingRecord"):
        ideal_points(TOY)


# ----------------------------------------------------------------------------- real record vs BSV


def test_bsv_reference_keys_on_ccode(record):
    ref = _bsv_reference(BSV, record.states)
    # METRICS.md §6.1 anchors: US session 1 = 1.675 (42 votes), session 74 = 2.695; USSR (365) session 1 = -2.038
    us = ref.query("iso3 == 'USA'").set_index("session")
    assert us.loc[1, "ref"] == pytest.approx(1.675, abs=5e-4) and us.loc[1, "ref_n_votes"] == 42
    assert us.loc[74, "ref"] == pytest.approx(2.695, abs=5e-4)
    assert ref.query("iso3 == 'SUN' and session == 1")["ref"].iloc[0] == pytest.approx(-2.038, abs=5e-4)
    # 260 (FRG) and 255 (Germany) are both DEU; 365 is SUN and RUS only in session 46
    assert set(ref.query("iso3 == 'DEU'")["ccode"]) == {255, 260}
    both = ref.query("ccode == 365").groupby("session")["iso3"].nunique()
    assert list(both[both > 1].index) == [46]
    # 10,469 published rows (DATA-NOTES.md §4)
    assert ref.drop_duplicates(["ccode", "session"]).shape[0] >= 10_400


@pytest.mark.slow
def test_dynamic_ordinal_correlates_with_bsv_sessions_60_74(record):
    # BSV (2017) April 2020 release; the issue's targets: >= 0.95 pooled, >= 0.90 per session
    rec = record.select(sessions=range(60, 75))
    fit = ideal_points(rec, progress=False)
    assert fit.converged
    cmp = _compare_with_reference(fit.estimates, _bsv_reference(BSV, record.states))
    assert cmp.attrs["n_matched"] > 2500
    assert cmp.attrs["pooled_r"] >= 0.95
    assert cmp["r"].min() >= 0.90
    # the model does better than the per-session PCA baseline on the same sessions
    pc = pd.concat(
        [pca_baseline(rec.select(sessions=[s])).assign(period=s).rename(columns={"score": "ideal_point"})
         for s in range(60, 75)]
    )
    cmp_pc = _compare_with_reference(pc, _bsv_reference(BSV, record.states))
    assert cmp.attrs["pooled_r"] > cmp_pc.attrs["pooled_r"]


@pytest.mark.slow
def test_follow_succession_links_sun_and_rus(record):
    rec = record.select(sessions=range(44, 49))
    apart = ideal_points(rec, progress=False)
    merged = ideal_points(rec, follow_succession=True, progress=False)
    assert {"SUN", "RUS"} <= set(apart.estimates["state"])
    assert "SUN" not in set(merged.estimates["state"])
    # the merged RUS series covers the USSR's sessions (44-46) and Russia's (46-48)
    assert set(merged.estimates.query("state == 'RUS'")["period"]) == set(range(44, 49))


# ----------------------------------------------------------------------------- plots


def test_plot_ideal_points_draws_the_estimates(sim):
    import matplotlib as mpl
    import matplotlib.pyplot as plt

    from unvotes.plot import plot_ideal_points

    rec, *_ = sim
    fit = ideal_points(rec, anchor="S00", min_votes=5, progress=False)
    before = dict(mpl.rcParams)
    fig, ax = plt.subplots()
    out = plot_ideal_points(fit, ["S00", "S55"], ax=ax, color="k")
    assert out is ax
    lines = {ln.get_label(): ln for ln in ax.get_lines()}
    s55 = fit.estimates.query("state == 'S55'").sort_values("period")
    np.testing.assert_allclose(lines["S55"].get_ydata(), s55["ideal_point"])
    np.testing.assert_array_equal(lines["S55"].get_xdata(), s55["period"])
    assert lines["S00"].get_color() == "k"  # kwargs reach Axes.plot
    assert ax.get_xlabel() == "Session" and "S00" in ax.get_ylabel() and ax.get_title()
    assert any(t.get_text().startswith("Source:") for t in ax.texts)
    assert dict(mpl.rcParams) == before
    with pytest.raises(UnknownStateError, match="'S99'"):
        plot_ideal_points(fit, ["S99"], ax=ax)
    with pytest.raises(TypeError, match="ideal_points"):
        plot_ideal_points(fit.estimates, ["S00"])


def test_plot_ideal_map_one_dot_per_state(sim):
    import matplotlib.pyplot as plt

    from unvotes.plot import plot_ideal_map

    rec, *_ = sim
    fit = ideal_points(rec, anchor="S00", min_votes=5, progress=False)
    fig, ax = plt.subplots()
    plot_ideal_map(fit, 41, ax=ax, highlight=["S00", "S07"])
    x41 = np.sort(fit.estimates.query("period == 41")["ideal_point"].to_numpy())
    np.testing.assert_allclose(ax.collections[1].get_offsets()[:, 0], x41)
    assert {t.get_text() for t in ax.texts} >= {"S00", "S07"}
    assert "41" in ax.get_title()
    with pytest.raises(ValueError, match="no ideal points for period 12"):
        plot_ideal_map(fit, 12, ax=ax)


@pytest.mark.slow
def test_estep_truncated_normal_moments_match_scipy():
    # the E-step's moments of z for yes (z < 0), abstain (0 <= z < 1) and no (z >= 1) cells, including
    # cells far in the tails, against scipy.stats.truncnorm
    from scipy.stats import truncnorm

    from unvotes.ideal import _core as core

    mu = np.array([-9.0, -1.0, 0.3, 2.0, 12.0])
    s = np.array([1.0, 0.5, 2.0, 0.3, 1.5])
    for cat, (lo, hi) in enumerate([(-np.inf, 0.0), (0.0, 1.0), (1.0, np.inf)]):
        n = len(mu)
        d = core.make_data(np.arange(n), np.zeros(n, dtype=int), np.full(n, cat), np.arange(n), 1, n)
        zm, zv, ll = core.estep(d, mu, np.zeros(n), s, np.zeros(n), "ordinal")
        ref_m, ref_v = truncnorm.stats((lo - mu) / s, (hi - mu) / s, loc=mu, scale=s, moments="mv")
        np.testing.assert_allclose(zm, ref_m, rtol=1e-6, atol=1e-9)
        np.testing.assert_allclose(zv, ref_v, rtol=1e-4, atol=1e-9)
        from scipy.stats import norm

        with np.errstate(divide="ignore"):
            ref_ll = np.log(norm.cdf((hi - mu) / s) - norm.cdf((lo - mu) / s)).sum()
        if np.isfinite(ref_ll):
            assert ll == pytest.approx(ref_ll, rel=1e-8)


@pytest.mark.slow
def test_parametric_bootstrap_widens_the_variational_intervals(sim):
    # Imai, Lo and Olmsted (2016): variational variances are too small; the parametric bootstrap is
    # their remedy. The bootstrap SE must exceed the variational SD on average and is seeded.
    rec, codes, sessions, states, x = sim
    f = ideal_points(rec, anchor="S00", min_votes=5, n_boot=5, seed=3, progress=False)
    assert "boot_se" in f.estimates.columns
    assert (f.estimates["boot_se"] > 0).all()
    assert f.estimates["boot_se"].mean() > f.estimates["se"].mean()
    g = ideal_points(rec, anchor="S00", min_votes=5, n_boot=5, seed=3, progress=False)
    pd.testing.assert_frame_equal(f.estimates, g.estimates)
    with pytest.raises(ValueError, match="n_boot"):
        ideal_points(rec, anchor="S00", n_boot=1, progress=False)


@pytest.mark.parametrize("seed", ["abc", -1, 2.5, True])
def test_seed_must_be_a_non_negative_integer(sim, seed):
    # issue 14: ideal_points(seed="abc") failed inside numpy; now a documented error naming the value
    from unvotes.errors import ArgumentError

    rec, *_ = sim
    with pytest.raises(ArgumentError, match=r"`seed` must be a non-negative integer") as err:
        ideal_points(rec, anchor="S00", seed=seed, progress=False)
    assert repr(seed) in str(err.value)
    assert isinstance(err.value, TypeError) and isinstance(err.value, ValueError)


def test_float32_estep_matches_scipy_truncated_normal():
    # the fit holds the cells in float32 (issue 17); its moments still match scipy's truncnorm
    from scipy.stats import truncnorm

    from unvotes.ideal import _core as core

    mu = np.array([-4.0, -1.0, 0.3, 0.8, 2.0, 5.0])
    s = np.array([1.0, 0.5, 2.0, 0.7, 0.3, 1.5])
    for cat, (lo, hi) in enumerate([(-np.inf, 0.0), (0.0, 1.0), (1.0, np.inf)]):
        n = len(mu)
        d = core.make_data(np.arange(n), np.zeros(n, dtype=int), np.full(n, cat), np.arange(n), 1, n)
        zm, zv, _ = core.estep(d, mu, np.zeros(n), s, np.zeros(n), "ordinal", np.float32)
        assert zm.dtype == np.float32
        ref_m, ref_v = truncnorm.stats((lo - mu) / s, (hi - mu) / s, loc=mu, scale=s, moments="mv")
        np.testing.assert_allclose(zm, ref_m, rtol=1e-5, atol=1e-5)
        np.testing.assert_allclose(zv, ref_v, rtol=1e-3, atol=1e-6)


def test_squarem_reaches_the_plain_em_fixed_point_in_fewer_evaluations(sim):
    # Varadhan and Roland (2008): the accelerated map has the same fixed points as EM
    from unvotes.ideal import _core as core
    from unvotes.ideal._prepare import prepare
    from unvotes.ideal.model import _identify

    rec, *_ = sim
    prep = prepare(rec, by="session", model="ordinal", issue=None, min_votes=5, lop=0.025, follow_succession=False)
    k, x0 = _identify(prep, "S00", np.random.default_rng(0))
    plain = core.fit(prep.data, x0, anchor=k, tol=1e-6, max_iter=20000, accelerate=False, dtype=np.float64)
    fast = core.fit(prep.data, x0, anchor=k, tol=1e-6, max_iter=20000, accelerate=True, dtype=np.float64)
    assert plain.converged and fast.converged
    assert np.nanmax(np.abs(plain.x - fast.x)) < 1e-3
    assert fast.iterations < plain.iterations / 2
    f32 = core.fit(prep.data, x0, anchor=k, tol=1e-6, max_iter=20000)  # the default: float32 cells
    assert np.nanmax(np.abs(f32.x - fast.x)) < 1e-3


# ----------------------------------------------------------------------------- fit statistics


def test_fit_statistics_hand_computed():
    # W-NOMINATE's definitions (Poole 2005): six votes on two roll calls, computed by hand.
    # rc 0: yes, yes, no (majority yes, minority 1); the second yes is predicted "no" (one error)
    # rc 1: abstain, yes, yes (minority 1); all three predicted right
    from unvotes.ideal._fit_statistics import fit_statistics

    cat = np.array([0, 0, 2, 1, 0, 0])
    probs = np.array([[0.7, 0.1, 0.2], [0.2, 0.1, 0.7], [0.1, 0.1, 0.8],
                      [0.3, 0.5, 0.2], [0.6, 0.3, 0.1], [0.5, 0.4, 0.1]])
    st = fit_statistics(cat, probs, np.array([0, 0, 0, 1, 1, 1]), 2)
    assert st["correct_classification"] == pytest.approx(5 / 6)
    assert st["n_minority"] == 2 and st["n_errors"] == 1
    assert st["apre"] == pytest.approx((2 - 1) / 2)
    assert st["gmp"] == pytest.approx((0.7 * 0.2 * 0.8 * 0.5 * 0.6 * 0.5) ** (1 / 6))
    assert st["gmp"] == pytest.approx(0.5061, abs=5e-5)
    assert st["item_errors"].tolist() == [1, 0] and st["item_minority"].tolist() == [1, 1]


def test_perfect_one_dimensional_votes_are_classified_perfectly():
    # Poole (2005, Fig. 2.3) extended: legislator k votes yes on vote v when k > v, a perfect
    # one-dimensional (Guttman) pattern: correct classification 1, APRE 1
    n = 12
    codes = np.array([[1 if k > v else 3 for k in range(n)] for v in range(n - 1)] * 2, dtype=np.int8)
    states = [f"L{k:02d}" for k in range(n)]
    rec = make_record(codes, np.full(codes.shape[0], 40), states)
    for model in ("binary", "ordinal"):
        # a weak prior on beta (emIRT's example prior variance 25); the default N(0, 1) shrinks the
        # extreme roll calls enough to misclassify a few of their votes
        fit = ideal_points(rec, model=model, dynamic=False, anchor="L11", min_votes=1, lop=0.0, beta_var=25.0, tol=1e-6,
                           max_iter=20000, progress=False)
        st = fit.fit_statistics
        assert st["correct_classification"] == 1.0 and st["apre"] == 1.0 and st["n_errors"] == 0
        assert (fit.roll_calls["pre"] == 1.0).all()
        order = fit.estimates.sort_values("ideal_point")["state"].tolist()
        assert order == states  # and the scale orders them as the pattern does


def test_fit_statistics_agree_with_the_reported_parameters(sim):
    # the statistics are those of the published estimates and roll-call parameters
    rec, *_ = sim
    fit = ideal_points(rec, anchor="S00", min_votes=5, progress=False)
    est = fit.estimates.set_index(["state", "period"])["ideal_point"]
    rcp = fit.roll_calls.set_index("rcid")
    m = rec.matrix()
    wrong = total = 0
    for rcid, row in rcp.iterrows():
        v = m.loc[rcid]
        v = v[v.isin([1, 2, 3])]
        xs = est.reindex([(s, row["period"]) for s in v.index])
        ok = xs.notna().to_numpy()
        p = vote_probabilities(xs.to_numpy()[ok], row["beta"], row["cut1"], row["cut2"]).to_numpy()
        wrong += int((p.argmax(axis=1) + 1 != v.to_numpy()[ok]).sum())
        total += int(ok.sum())
    st = fit.fit_statistics
    assert st["n_choices"] == total and st["n_errors"] == wrong
    assert st["correct_classification"] == pytest.approx(1 - wrong / total)
    assert 0 < st["apre"] < 1 and 1 / 3 < st["gmp"] < 1


# ----------------------------------------------------------------------------- two dimensions


def simulate_2d(n_states=70, n_periods=4, per_period=60, seed=5, walk_sd=0.15):
    """Votes from known two-dimensional ideal points (an ordered probit on b . x)."""
    rng = np.random.default_rng(seed)
    base = rng.normal(0, 1, (n_states, 2))
    x = base[None] + np.cumsum(rng.normal(0, walk_sd, (n_periods, n_states, 2)), axis=0)
    x[:, 0] = np.abs(x[:, 0]) + 1.0  # the anchor ("S00") positive on both dimensions
    codes, sessions = [], []
    for t in range(n_periods):
        ang = rng.uniform(0, np.pi, per_period)
        strength = rng.uniform(0.8, 2.5, per_period)
        b = np.c_[np.cos(ang), 0.7 * np.sin(ang)] * strength[:, None]
        c1 = rng.normal(-0.4, 0.7, per_period)
        c2 = c1 + rng.uniform(0.2, 0.8, per_period)
        z = b @ x[t].T + rng.normal(0, 1, (per_period, n_states))
        v = np.where(z < c1[:, None], 1, np.where(z < c2[:, None], 2, 3))
        v = np.where(rng.random(v.shape) < 0.05, 8, v)
        codes.append(v)
        sessions.append(np.full(per_period, 50 + t))
    states = [f"S{k:02d}" for k in range(n_states)]
    return np.vstack(codes).astype(np.int8), np.concatenate(sessions), states, x


def _procrustes_r(est, truth):
    """Correlation per dimension after the best rotation of the truth onto the estimates."""
    a = est - est.mean(axis=0)
    b = truth - truth.mean(axis=0)
    u, _, vt = np.linalg.svd(b.T @ a)
    bt = b @ (u @ vt)
    return [abs(np.corrcoef(a[:, k], bt[:, k])[0, 1]) for k in range(2)]


@pytest.mark.parametrize("dynamic", [True, False])
def test_two_dimensions_recovered_and_identified(dynamic):
    codes, sessions, states, x = simulate_2d()
    rec = make_record(codes, sessions, states)
    fit = ideal_points(rec, dims=2, dynamic=dynamic, anchor="S00", min_votes=5, progress=False, max_iter=3000)
    assert fit.converged
    est = fit.estimates
    t, i = np.indices(x.shape[:2])
    truth = pd.DataFrame({"state": np.asarray(states)[i.ravel()], "period": 50 + t.ravel(),
                          "t1": x[..., 0].ravel(), "t2": x[..., 1].ravel()})
    j = est.merge(truth, on=["state", "period"])
    groups = [j] if dynamic else [g for _, g in j.groupby("period")]
    for g in groups:  # the plane is recovered up to a rotation
        r = _procrustes_r(g[["ideal_point", "ideal_point_2"]].to_numpy(), g[["t1", "t2"]].to_numpy())
        assert min(r) > 0.9
        # identification: each dimension mean 0 and SD 1, the two uncorrelated (whitened)
        xy = g[["ideal_point", "ideal_point_2"]].to_numpy()
        np.testing.assert_allclose(xy.mean(axis=0), 0, atol=1e-6)
        np.testing.assert_allclose(np.cov(xy, rowvar=False, bias=True), np.eye(2), atol=1e-6)
    # rotation: principal axes of the discriminations, dimension 1 the stronger
    rc = fit.roll_calls
    per = [rc] if dynamic else [g for _, g in rc.groupby("period")]
    for g in per:
        assert (g["beta"] ** 2).sum() >= (g["beta_2"] ** 2).sum()
        assert abs((g["beta"] * g["beta_2"]).sum()) < 1e-6 * (g["beta"] ** 2).sum()
    # sign: the anchor positive on both dimensions
    s00 = est.query("state == 'S00'")
    if dynamic:
        assert s00["ideal_point"].mean() > 0 and s00["ideal_point_2"].mean() > 0
    else:
        assert (s00["ideal_point"] > 0).all() and (s00["ideal_point_2"] > 0).all()
    # the second dimension classifies more votes than one dimension can
    one = ideal_points(rec, dims=1, dynamic=dynamic, anchor="S00", min_votes=5, progress=False)
    assert fit.fit_statistics["correct_classification"] > one.fit_statistics["correct_classification"] + 0.02


def test_dims_argument_checked(sim):
    from unvotes.errors import ArgumentError

    rec, *_ = sim
    with pytest.raises(ArgumentError, match=r"`dims` must be 1 or 2.*got 3"):
        ideal_points(rec, anchor="S00", dims=3, progress=False)
    with pytest.raises(ArgumentError, match="n_boot=5"):
        ideal_points(rec, anchor="S00", dims=2, n_boot=5, progress=False)


def test_wnominate_un_example_sessions_1_to_3(record):
    # W-NOMINATE's UN example (sessions 1-3 scaled together, yea/nay with abstentions missing, lop 0.025,
    # minvotes 20; Poole, Lewis, Lo and Carroll 2011): 89.44 % correct classification and APRE 0.571 in one
    # dimension, 92.58 % and 0.699 in two.  Our binary static model on the same sessions of the record
    # (pooled into one period) is within half a point and 0.01; the data are not the same sample.
    rec = record.select(sessions=[1, 2, 3])
    pooled = unvotes.VotingRecord(rec.roll_calls.assign(session=1), rec.votes, rec.states)
    published = {1: (0.8944, 0.571), 2: (0.9258, 0.699)}
    for dims, (cc, apre) in published.items():
        fit = ideal_points(pooled, model="binary", dynamic=False, dims=dims, min_votes=20, lop=0.025, progress=False)
        st = fit.fit_statistics
        assert st["correct_classification"] == pytest.approx(cc, abs=0.005)
        assert st["apre"] == pytest.approx(apre, abs=0.01)
