"""Pairwise agreement family, S-score, kappa and pi.

Expected values are the worked examples of the methods reference
(/work/shared/reference/METRICS.md, sections 0.3, 1.4, 3.5, 4.3 and 4.4),
each recomputed there independently of the sources.
"""

import numpy as np
import pytest

from unvotes.metrics import _pairs

# METRICS.md 0.3: five states (rows A-E) and ten roll calls (r1-r10); the
# matrix used by the library is roll calls x states.
from toy import TOY  # METRICS.md 0.3  # noqa: E402
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


# --------------------------------------------------------------------------------------
# Public functions on the compiled record

import pandas as pd  # noqa: E402

import unvotes  # noqa: E402
from unvotes import alignment  # noqa: E402


@pytest.fixture(scope="module")
def rec2022(record):
    return record.select(years=[2022])


def test_tidy_matrix_and_reference_shapes_agree(rec2022):
    tidy = unvotes.agreement(rec2022, measure="lijphart")
    assert list(tidy.columns) == ["state_a", "state_b", "period", "value", "n"]
    assert (tidy["state_a"].astype(str) < tidy["state_b"].astype(str)).all()
    m = unvotes.agreement_matrix(rec2022, measure="lijphart", year=2022)
    assert m.value.shape == m.n.shape == (193, 193)  # the 193 Members of 2022
    np.testing.assert_allclose(m.value.to_numpy(), m.value.to_numpy().T, equal_nan=True)
    assert np.isnan(np.diag(m.value.to_numpy())).all()
    row = tidy[(tidy.state_a == "GBR") & (tidy.state_b == "USA")].iloc[0]
    assert row["value"] == m.value.loc["USA", "GBR"] and row["n"] == m.n.loc["USA", "GBR"] == 89
    us = unvotes.agreement_with(rec2022, "USA", measure="lijphart").set_index("state")
    assert us.loc["GBR", "value"] == row["value"] and us.loc["GBR", "n"] == 89
    assert "USA" not in us.index


def test_venezuela_2022_no_shared_vote_is_nan(rec2022):
    # Venezuela cast no vote in 2022 (Article 19 arrears; State Department 2022 report)
    for measure in alignment.MEASURES:
        us = unvotes.agreement_with(rec2022, "USA", measure=measure).set_index("state")
        if measure == "state_dept_2021":
            assert us.loc["VEN", "value"] == 0.5 and us.loc["VEN", "n"] == 89
        elif measure == "widyr":  # every roll call counted, 0-filled: a constant vector has no correlation
            assert us.loc["VEN", "n"] == 89 and np.isnan(us.loc["VEN", "value"])
        else:
            assert us.loc["VEN", "n"] == 0 and np.isnan(us.loc["VEN", "value"]), measure


def test_voeten_drops_unanimous_roll_calls_of_the_whole_assembly(record):
    rec = record.select(start="1946-01-01", end="1979-12-31")
    mat = rec.matrix()
    M = mat.to_numpy()[rec.roll_calls["kind"].isin(["resolution", "decision", "procedural", "unknown"]).to_numpy()]
    unanimous = _pairs._unanimous_rows(M)
    both = np.isin(M[:, mat.columns.get_loc("USA")], (1, 2, 3)) & np.isin(M[:, mat.columns.get_loc("GBR")], (1, 2, 3))
    v = unvotes.agreement_with(rec, "USA", measure="voeten", states=["GBR"], by="session")
    lij = unvotes.agreement_with(rec, "USA", measure="lijphart", states=["GBR"], by="session")
    dropped = (lij["n"] - v["n"]).sum()
    assert dropped == int((unanimous & both).sum()) > 40  # 1955 alone had 10 unanimous roll calls
    v2 = unvotes.agreement_with(rec, "USA", measure="lijphart", states=["GBR"], by="session", drop_unanimous=True)
    pd.testing.assert_frame_equal(v, v2)


def test_s_score_is_rescaled_lijphart_on_real_data(rec2022):
    s = unvotes.agreement(rec2022, measure="s_score")
    lij = unvotes.agreement(rec2022, measure="lijphart")
    np.testing.assert_allclose(s["value"], 2 * lij["value"] - 1, equal_nan=True)  # METRICS.md 3.2


def test_filters_compose_with_record_select(record):
    sub = record.select(start="1990-01-01", end="2026-12-31")
    a = unvotes.agreement_with(sub, "USA", measure="voeten", issue="hr", states=["GBR", "RUS", "BRA"])
    b = unvotes.agreement_with(sub.select(issue="hr"), "USA", measure="voeten", states=["GBR", "RUS", "BRA"])
    pd.testing.assert_frame_equal(a, b)
    # kinds: the default leaves out paragraph and amendment votes; kinds="all" puts them back
    allk = unvotes.agreement_with(sub, "USA", measure="lijphart", kinds="all", states=["GBR"]).set_index("period")
    final = unvotes.agreement_with(sub, "USA", measure="lijphart", states=["GBR"]).set_index("period")
    rc = sub.roll_calls
    para_2005 = int(((rc.date.dt.year == 2005) & rc.kind.isin(["paragraph", "amendment"])).sum())
    assert para_2005 > 0
    assert allk.loc[2005, "n"] - final.loc[2005, "n"] <= para_2005
    assert allk.loc[2005, "n"] > final.loc[2005, "n"]


def test_by_session_groups_by_ga_session(record):
    rec = record.select(sessions=[77])
    df = unvotes.agreement_with(rec, "USA", measure="percent", by="session", states=["GBR"])
    assert df["period"].tolist() == [77]
    # session 77 voted in 2022 and 2023 (calendar years)
    by_year = unvotes.agreement_with(rec, "USA", measure="percent", by="year", states=["GBR"])
    assert by_year["period"].tolist() == [2022, 2023]
    assert by_year["n"].sum() == df["n"].iloc[0]


def test_bloc_agreement_pools_pairs_of_distinct_states(rec2022):
    p3 = ["FRA", "GBR", "USA"]
    within = unvotes.bloc_agreement(rec2022, {"P3": p3}, measure="percent").iloc[0]
    tidy = unvotes.agreement(rec2022, measure="percent", states=p3)
    same = (tidy["value"] * tidy["n"]).sum()
    assert within["n"] == 2 * tidy["n"].sum()  # ordered pairs of distinct members
    assert within["value"] == pytest.approx(same / tidy["n"].sum())
    sb = unvotes.state_bloc_agreement(rec2022, {"P3": p3}, measure="percent", states=["USA"]).iloc[0]
    us = tidy[(tidy.state_b == "USA")]
    assert sb["n"] == us["n"].sum()  # the US is not paired with itself
    assert sb["value"] == pytest.approx((us["value"] * us["n"]).sum() / us["n"].sum())


def test_bad_arguments_name_the_value(rec2022):
    with pytest.raises(ValueError, match="`measure` must be one of .*'agree'"):
        unvotes.agreement(rec2022, measure="agree")
    with pytest.raises(ValueError, match="`by` must be one of"):
        unvotes.agreement(rec2022, by="month")
    with pytest.raises(ValueError, match="unknown kind"):
        unvotes.agreement(rec2022, kinds=["final"])
    with pytest.raises(ValueError, match="unknown issue flag"):
        unvotes.agreement(rec2022, issue="xx")
    with pytest.raises(ValueError, match="agreement family"):
        unvotes.agreement(rec2022, measure="kappa", abstain="half")
    with pytest.raises(ValueError, match="`delta` applies"):
        unvotes.agreement(rec2022, measure="voeten", delta="linear")
    with pytest.raises(unvotes.UnknownStateError, match="did you mean") as err:
        unvotes.agreement_with(rec2022, "USAA")
    assert "USA" in err.value.suggestions
    with pytest.raises(ValueError, match="not both"):
        unvotes.agreement_matrix(rec2022, year=2022, session=77)
    with pytest.raises(ValueError, match="no roll call in year 1950"):
        unvotes.agreement_matrix(rec2022, year=1950)
    with pytest.raises(TypeError, match="VotingRecord"):
        unvotes.agreement(rec2022.roll_calls)
    with pytest.raises(TypeError, match="indexed by rcid"):
        unvotes.agreement(rec2022, measure="s_score", weights=[1.0] * 89)


def test_bloc_ids_match_the_same_members_given_as_a_dict(record):
    # after Brexit (2020-01-31) the EU of the bloc table is the 27 listed here
    eu27 = ("AUT BEL BGR HRV CYP CZE DNK EST FIN FRA DEU GRC HUN IRL ITA LVA LTU LUX MLT NLD POL PRT ROU "
            "SVK SVN ESP SWE").split()
    rec = record.select(years=[2022, 2023])
    by_id = unvotes.state_bloc_agreement(rec, "EU", measure="kappa", states=["USA", "FRA"])
    by_dict = unvotes.state_bloc_agreement(rec, {"EU": eu27}, measure="kappa", states=["USA", "FRA"])
    pd.testing.assert_frame_equal(by_id, by_dict)
    # France is compared with the 26 other members: pair-votes = sum of its pairwise n
    pair_n = unvotes.agreement_with(rec, "FRA", measure="kappa", states=[s for s in eu27 if s != "FRA"])
    fra = by_id[by_id.state == "FRA"].set_index("period")["n"]
    assert fra.to_dict() == pair_n.groupby("period")["n"].sum().to_dict()


def test_follow_succession_joins_ussr_and_russia(record):
    rec = record.select(start="1946-01-01", end="1995-12-31")
    apart = unvotes.agreement_with(rec, "USA", measure="lijphart", states=["SUN", "RUS"]).set_index(["state", "period"])
    joined = unvotes.agreement_with(rec, "USA", measure="lijphart", states=["RUS"], follow_succession=True)
    joined = joined.set_index("period")
    # the USSR seat passed to Russia on 1991-12-24: 1946-1990 of the joined series are the USSR's
    for year in (1946, 1970, 1990):
        assert joined.loc[year, "value"] == apart.loc[("SUN", year), "value"]
        assert joined.loc[year, "n"] == apart.loc[("SUN", year), "n"]
    assert joined.loc[1993, "value"] == apart.loc[("RUS", 1993), "value"]
    with pytest.raises(unvotes.UnknownStateError):
        unvotes.agreement_with(rec, "USA", states=["SUN"], follow_succession=True)


def test_weighted_s_score_public(rec2022):
    rc = rec2022.roll_calls
    ones = pd.Series(1.0, index=rc["rcid"])
    plain = unvotes.agreement_with(rec2022, "USA", measure="s_score", states=["GBR", "RUS"])
    w1 = unvotes.agreement(rec2022, measure="s_score", states=["GBR", "RUS", "USA"], weights=ones)
    w1 = w1[w1.state_b == "USA"].set_index("state_a")
    assert np.allclose(w1.loc[["GBR", "RUS"], "value"], plain.set_index("state").loc[["GBR", "RUS"], "value"])
    # weight 2 on the ES-11 roll calls: S_w = 1 - 2 sum(w d) / sum(w d_max), n unchanged
    es = rc["special_session"].eq("ES-11").to_numpy()
    w = pd.Series(np.where(es, 2.0, 1.0), index=rc["rcid"])
    got = unvotes.agreement(rec2022, measure="s_score", states=["RUS", "USA"], weights=w).iloc[0]
    M = rec2022.matrix()[["RUS", "USA"]].to_numpy()
    both = np.isin(M, (1, 2, 3)).all(axis=1)
    d = np.abs(M[both, 0] - M[both, 1])
    assert got["value"] == pytest.approx(1 - 2 * (w.to_numpy()[both] * d).sum() / (2 * w.to_numpy()[both].sum()))
    assert got["n"] == both.sum() == 89
    with pytest.raises(ValueError, match="no value for rcid"):
        unvotes.agreement(rec2022, measure="s_score", weights=w.iloc[1:])


# --- bugs found by the new-user test ---------------------------------------------------

P3 = {"P3": ["USA", "GBR", "FRA"]}


@pytest.fixture(scope="module")
def paragraph_only(record):
    # A/RES/67/279 (2013-06-28) was a paragraph vote: the default kinds drop it
    rec = record.select(rcids=[5940])
    assert rec.roll_calls["kind"].tolist() == ["paragraph"]
    return rec


@pytest.mark.parametrize(
    "func, args",
    [
        (unvotes.agreement, ()),
        (unvotes.agreement_with, ("USA",)),
        (unvotes.state_bloc_agreement, (P3,)),
        (unvotes.bloc_agreement, (P3,)),
        (unvotes.agreement_matrix, ()),
    ],
)
def test_no_roll_call_after_the_filters_is_a_clear_value_error(paragraph_only, func, args):
    with pytest.raises(ValueError, match=r"no roll call left after the filters .*kinds=default.*issue=None"):
        func(paragraph_only, *args)
    # the paragraph vote itself is there when asked for
    assert len(func(paragraph_only, *args, kinds="all")) > 0


@pytest.mark.parametrize("reference", [None, 2, ["USA", "GBR"], ("USA",)])
def test_reference_must_be_one_iso3_code(rec2022, reference):
    with pytest.raises(TypeError, match=r"`reference` takes one ISO 3166-1 alpha-3 code as a str"):
        unvotes.agreement_with(rec2022, reference)
    with pytest.raises(TypeError, match=r"`reference` takes one ISO 3166-1 alpha-3 code"):
        unvotes.coincidence(rec2022, reference, 2022)


def test_merged_predecessor_names_its_successor(record):
    with pytest.raises(unvotes.errors.UnknownStateError, match=r"seat of SUN is merged into RUS.*ask for 'RUS'") as e:
        unvotes.agreement_with(record, "USA", states=["SUN"], follow_succession=True)
    assert e.value.suggestions == ["RUS"]
    with pytest.raises(unvotes.errors.UnknownStateError, match=r"seat of SUN is merged into RUS"):
        unvotes.agreement_with(record, "sun", follow_succession="seat")
    with pytest.raises(unvotes.errors.UnknownStateError, match=r"seat of TWN is merged into CHN"):
        unvotes.agreement(record.select(years=[1970]), states=["TWN", "USA"], follow_succession=True)
    # without follow_succession SUN is a state of its own
    assert set(unvotes.agreement_with(record.select(years=[1980]), "USA", states=["SUN"])["state"]) == {"SUN"}


def test_states_lists_take_any_case(rec2022):
    upper = unvotes.agreement(rec2022, states=["USA", "GBR"])
    lower = unvotes.agreement(rec2022, states=["usa", "gbr"])
    pd.testing.assert_frame_equal(upper, lower)
    m = unvotes.agreement_matrix(rec2022, states=["usa", "Gbr"])
    assert list(m.value.index) == ["USA", "GBR"]
    w = unvotes.agreement_with(rec2022, "usa", states=["gbr"])
    assert w[["state", "reference"]].values.tolist() == [["GBR", "USA"]]
    sb = unvotes.state_bloc_agreement(rec2022, {"P3": ["usa", "gbr", "fra"]}, states=["rus"])
    assert sb["state"].tolist() == ["RUS"] and round(float(sb["value"].iloc[0]), 3) == 0.442


@pytest.mark.parametrize(
    "func, args, kwargs",
    [
        (unvotes.agreement, (), {}),
        (unvotes.agreement_matrix, (), {}),
        (unvotes.agreement_with, ("USA",), {}),
        (unvotes.state_bloc_agreement, (P3,), {}),
    ],
)
def test_duplicate_states_are_rejected(rec2022, func, args, kwargs):
    with pytest.raises(ValueError, match=r"'GBR' is given twice in `states` \(as 'GBR' and 'gbr'\)"):
        func(rec2022, *args, states=["GBR", "FRA", "gbr"], **kwargs)


def test_period_rows_stream_equals_the_tables_on_the_toy():
    # the streaming rows (member columns only, pairs a < b) against the full joint tables;
    # state D is a non-member on r9, state E absent on r2 (METRICS.md 0.3)
    labels = np.array([0] * 5 + [1] * 5)
    for spec in (_pairs._spec(abstain="half"), _pairs._spec(abstain="half", absent="half"),
                 _pairs._spec(stat="kappa")):
        for drop_u in (False, True):
            periods, value, n, shared = _pairs._period_tables(TOY, labels, spec, drop_unanimous=drop_u)
            rows = list(_pairs._period_rows(TOY, labels, spec, np.arange(5), drop_unanimous=drop_u))
            assert [r[0] for r in rows] == [0, 1]
            for g, (_, a, b, v, nn) in enumerate(rows):
                np.testing.assert_array_equal(shared[g][a, b] > 0, True)
                np.testing.assert_allclose(v, value[g][a, b], equal_nan=True)
                np.testing.assert_array_equal(nn, n[g][a, b])
    # METRICS.md 1.4: Voeten's agree for A-B over the ten roll calls, 4.5/7
    (_, a, b, v, nn), = _pairs._period_rows(TOY, np.zeros(10), _pairs._spec(abstain="half"), np.arange(5),
                                             drop_unanimous=True)
    assert round(v[(a == A) & (b == B)][0], 4) == 0.6429 and nn[(a == A) & (b == B)][0] == 7


def test_mid_year_admission_pairs_count_only_shared_roll_calls(record):
    # South Sudan was admitted on 14 July 2011 (A/RES/65/308): its pairs of 2011 count only
    # the roll calls after that, taken here from the long vote table
    rec = record.select(years=[2011])
    tidy = unvotes.agreement(rec, measure="percent").set_index(["state_a", "state_b"])
    v = rec.votes.assign(state=rec.votes.state.astype(str))
    final = rec.roll_calls.rcid[~rec.roll_calls.kind.astype(str).isin(["amendment", "paragraph"])]
    voted = v[v.vote.isin(["yes", "no", "abstain"]) & v.rcid.isin(final)]
    both = voted[voted.state == "SSD"].merge(voted[voted.state == "USA"], on="rcid")
    assert 0 < len(both) < len(final)
    row = tidy.loc[("SSD", "USA")]
    assert row["n"] == len(both)
    assert row["value"] == pytest.approx((both.vote_x == both.vote_y).mean())
    m = unvotes.agreement_matrix(rec, measure="percent", year=2011, states=["SSD", "USA"])
    assert m.n.loc["SSD", "USA"] == len(both)


# Compatibility presets on the Voeten edition of the record (R unvotes 0.3.0, 1946-2019: 6,202 roll calls)


@pytest.fixture(scope="module")
def voeten_edition(record):
    import inspect

    if "edition" in inspect.signature(unvotes.load).parameters:
        # Voeten's values (the Voeten edition), restricted to the roll calls of Voeten's data
        return unvotes.load(edition="voeten").select(source="voeten_r")
    rc = record.roll_calls
    keep = rc["source"] == "voeten_r"  # the roll calls that come from Voeten's data (datasets/build.py)
    return unvotes.VotingRecord(rc[keep], record.votes[record.votes.rcid.isin(rc.rcid[keep])], record.states)


def test_voeten_edition_is_r_unvotes(voeten_edition):
    assert len(voeten_edition.roll_calls) == 6202  # R unvotes 0.3.0 un_roll_calls


@pytest.mark.parametrize(
    "reference, state, session, expected, n",
    [
        # Bailey, Strezhnev and Voeten, agreement columns of their June 2024 release
        ("USA", "GBR", 40, 0.6225, 151),
        ("USA", "GBR", 70, 0.6301, 73),
        ("USA", "ISR", 70, 0.8767, 73),
        ("USA", "SUN", 40, 0.1126, 151),  # BSV's ccode 365 is the Soviet seat in session 40
        ("RUS", "CHN", 70, 0.7222, 72),
    ],
)
def test_bsv_preset_reproduces_bsv_agreement(voeten_edition, reference, state, session, expected, n):
    df = unvotes.agreement_with(voeten_edition, reference, measure="bsv", by="session", states=[state])
    row = df.set_index("period").loc[session]
    assert round(float(row["value"]), 4) == expected
    # n: roll calls both voted; 73 and 151 are BSV's own NVotes of GBR in sessions 70 and 40
    # (IdealpointestimatesAll_Apr2020.csv)
    assert row["n"] == n


def test_voeten_preset_is_not_bsv(voeten_edition):
    # the "voeten" preset is the 1 - |d|/2 index (abstention = half agreement): 0.7649, not BSV's 0.6225
    df = unvotes.agreement_with(voeten_edition, "USA", measure="voeten", by="session", states=["GBR"])
    assert round(float(df.set_index("period").loc[40, "value"]), 4) == 0.7649


def test_widyr_preset_reproduces_the_widyr_vignette(voeten_edition):
    # widyr's "United Nations voting" vignette: pairwise_cor over R unvotes' 6,202 roll calls, non-votes 0;
    # R unvotes' "Russia" carries the Soviet seat (follow_succession)
    states = ["USA", "GBR", "CAN", "ISR", "RUS", "SVK", "CZE"]
    m = unvotes.agreement_matrix(voeten_edition, measure="widyr", states=states, follow_succession=True)
    v = m.value.round(3)
    assert v.loc["USA", "GBR"] == 0.575
    assert v.loc["USA", "CAN"] == 0.570
    assert v.loc["USA", "ISR"] == 0.546
    assert v.loc["USA", "RUS"] == -0.261
    assert v.loc["SVK", "CZE"] == 0.989
    assert (m.n.to_numpy() == 6202).all()


def test_widyr_rejects_bloc_and_weights(rec2022):
    with pytest.raises(ValueError, match="pairs of states"):
        unvotes.bloc_agreement(rec2022, {"P3": ["USA", "GBR", "FRA"]}, measure="widyr")
    w = pd.Series(1.0, index=rec2022.roll_calls.rcid)
    with pytest.raises(ValueError, match="widyr"):
        unvotes.agreement(rec2022, measure="widyr", weights=w)


def test_agreement_with_a_reference_without_a_seat_explains(record):
    # issue 14: the Soviet seat passed to the Russian Federation on 24 Dec 1991; in 2022 "SUN" held no
    # seat, so there is nothing to compare (before: an empty frame)
    rec = record.select(years=2022)
    with pytest.raises(unvotes.errors.StateNotMemberError, match=r"SUN was not a UN Member .*2022.*held by RUS.*reference='RUS'"):
        unvotes.agreement_with(rec, "SUN")
    # the same explanation for every measure, and a reference that was a Member still works
    with pytest.raises(unvotes.errors.StateNotMemberError, match="held by RUS"):
        unvotes.agreement_with(rec, "sun", measure="kappa", states=["USA"])
    assert len(unvotes.agreement_with(rec, "RUS", states=["USA"])) == 1


def test_bsv_roll_call_rule_gives_bsv_nvotes(voeten_edition):
    # BSV's own counts (IdealpointestimatesAll_Apr2020.csv, NVotes: the non-unanimous roll calls on
    # which a state voted, per session) follow from the roll calls the bsv preset keeps. Left out:
    # session 74 (their April 2020 file has a roll call of 2020 that the 1946-2019 edition lacks) and
    # the seats BSV code differently (ccode 365 "RUS" is also the Soviet seat, "YAR" also South
    # Yemen, "YUG" also Serbia and Montenegro; PITFALLS.md 1).
    import pathlib

    from unvotes.metrics import _measures

    path = pathlib.Path(__file__).resolve().parents[1] / (
        "datasets/raw/validation/voeten-idealpoints/IdealpointestimatesAll_Apr2020.csv")
    bsv = pd.read_csv(path, encoding="latin-1")
    bsv = bsv[(bsv.session < 74) & ~bsv.iso3c.isin(["RUS", "YAR", "YUG"])]
    _, _, rc, M, cols, _ = _measures._setup(voeten_edition, "test", "bsv", None, None, None, None, None, None)
    keep = ~_pairs._unanimous_rows(M)
    voted = pd.DataFrame(np.isin(M[keep], (1, 2, 3)), columns=cols).groupby(rc.session.to_numpy()[keep]).sum()
    ours = voted.stack().rename("ours").reset_index()
    ours.columns = ["session", "iso3c", "ours"]
    m = bsv.merge(ours, on=["session", "iso3c"], how="left")
    assert len(m) == 10073 and m["ours"].notna().all()
    assert (m["ours"] == m["NVotes"]).all(), m[m["ours"] != m["NVotes"]][["iso3c", "session", "NVotes", "ours"]]
