"""Bloc cohesion (Rice, Hix-Noury-Roland AI, Attina), majority alignment, divisiveness.

Expected values: METRICS.md sections 5.4 (bloc = all five toy states), 7.2
(alignment with the majority) and 7.3 (divisiveness of a tally).
"""

import numpy as np
import pytest

from unvotes import cohesion

from toy import TOY  # METRICS.md 0.3  # noqa: E402


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


# --------------------------------------------------------------------------------------
# Public functions on the compiled record

import pandas as pd  # noqa: E402

import unvotes  # noqa: E402

# the 27 EU member states since 2020-02-01 (test input, not package data)
EU27 = ("AUT BEL BGR HRV CYP CZE DNK EST FIN FRA DEU GRC HUN IRL ITA LVA LTU LUX MLT NLD POL PRT ROU "
        "SVK SVN ESP SWE").split()


def test_eu_on_es_11_7(record):
    # A/RES/ES-11/7 (2025-02-24): EU 26 yes, 1 no (Hungary), per the official voting record
    rc = record["A/RES/ES-11/7"]
    one = record.select(rcids=[rc.rcid])
    r = unvotes.rice(one, {"EU": EU27}, by=None).iloc[0]
    assert (r["yes"], r["no"], r["abstain"]) == (26, 1, 0)
    assert r["value"] == pytest.approx(25 / 27)
    ai = unvotes.agreement_index(one, {"EU": EU27}, by=None).iloc[0]
    assert ai["value"] == pytest.approx((26 - 0.5 * 1) / 27)
    att = unvotes.agreement_index(one, {"EU": EU27}, by=None, scale="attina").iloc[0]
    assert att["value"] == pytest.approx(25 / 27)
    share = unvotes.majority_share(one, {"EU": EU27}, by=None).iloc[0]
    assert share["value"] == pytest.approx(26 / 27)


@pytest.mark.parametrize(
    "symbol, tally",
    [("A/RES/ES-11/1", (141, 5, 35)), ("A/RES/ES-11/2", (140, 5, 38)), ("A/RES/ES-11/3", (93, 24, 58)),
     ("A/RES/ES-11/4", (143, 5, 35))],
)
def test_divisiveness_uses_the_assembly_tally(record, symbol, tally):
    # official tallies (DATA-NOTES.md section 7)
    d = unvotes.divisiveness(record.select(rcids=[record[symbol].rcid])).iloc[0]
    y, n, a = tally
    assert (d["yes"], d["no"], d["abstain"]) == tally
    assert d["minority_share"] == pytest.approx(min(y, n) / (y + n))
    assert d["closeness"] == pytest.approx(1 - abs(y - n) / (y + n))


def test_period_aggregation_is_mean_of_roll_calls(record):
    rec = record.select(years=[2022])
    per = unvotes.agreement_index(rec, {"EU": EU27}, by=None)
    agg = unvotes.agreement_index(rec, {"EU": EU27}, by="year").iloc[0]
    assert agg["n"] == 89 and agg["value"] == pytest.approx(per["value"].mean())
    w = per["yes"] + per["no"] + per["abstain"]
    aggw = unvotes.agreement_index(rec, {"EU": EU27}, by="year", weight="T").iloc[0]
    assert aggw["value"] == pytest.approx((per["value"] * w).sum() / w.sum())


def test_majority_alignment_on_es_11_1(record):
    # ES-11/1: 141-5-35, a yes majority; Russia voted no, India abstained
    one = record.select(rcids=[record["A/RES/ES-11/1"].rcid])
    m = unvotes.majority_alignment(one, states=["RUS", "IND", "GBR"]).set_index("state")
    assert m.loc["GBR", "value"] == 1.0 and m.loc["RUS", "value"] == 0.0
    assert "IND" not in m.index  # no yes/no vote: not counted with abstain="drop"
    h = unvotes.majority_alignment(one, states=["IND"], abstain="half").set_index("state")
    assert h.loc["IND", "value"] == 0.5 and h.loc["IND", "n"] == 1


def test_cohesion_bad_arguments(record):
    rec = record.select(years=[2022])
    with pytest.raises(ValueError, match="`weight` of rice"):
        unvotes.rice(rec, {"EU": EU27}, weight="members")
    with pytest.raises(ValueError, match="`scale` must be"):
        unvotes.agreement_index(rec, {"EU": EU27}, scale="rice")
    with pytest.raises(unvotes.UnknownStateError, match="'FRX'"):
        unvotes.rice(rec, {"mine": ["FRA", "FRX"]})
    with pytest.raises(TypeError, match="must be a list of ISO3 codes"):
        unvotes.rice(rec, {"mine": "FRA"})
    with pytest.raises(ValueError, match="has no member"):
        unvotes.rice(rec, {"mine": []})
    with pytest.raises(TypeError, match="DataFrame"):
        unvotes.rice(rec, pd.DataFrame({"iso3": ["FRA"]}))


def test_bloc_ids_use_dated_membership_or_say_what_works(record):
    one = record.select(rcids=[record["A/RES/ES-11/7"].rcid])
    try:
        import unvotes.blocs  # noqa: F401  (the bloc table, branch `states`)
    except ImportError:
        with pytest.raises(unvotes.UnknownBlocError, match=r"pass a dict such as \{'P3'"):
            unvotes.rice(one, "EU", by=None)
        return
    r = unvotes.rice(one, "EU", by=None).iloc[0]
    assert (r["bloc"], r["yes"], r["no"]) == ("EU", 26, 1)  # official record: Hungary the only EU no


def test_dated_bloc_tallies_match_votes_by_bloc(record):
    # membership on each roll call's date, as unvotes.blocs counts it (UK in the EU until 2020-01-31)
    rec = record.select(start="2019-01-01", end="2021-12-31")
    ours = unvotes.rice(rec, ["EU", "AU"], by=None)
    theirs = unvotes.votes_by_bloc(rec, ["EU", "AU"])
    m = ours.merge(theirs, on=["rcid", "bloc"], suffixes=("", "_b"))
    assert len(m) == len(ours) == 2 * len(rec)
    for c in ("yes", "no", "abstain"):
        assert (m[c] == m[c + "_b"]).all()
    gbr = rec.matrix()["GBR"].to_numpy()
    eu = ours[ours.bloc == "EU"].reset_index(drop=True)
    before = (eu["date"] < "2020-02-01").to_numpy() & (gbr == 1)
    assert before.any()
    with_gbr = unvotes.rice(rec, {"EU28": EU27 + ["GBR"]}, by=None)
    assert (eu.loc[before, "yes"].to_numpy() == with_gbr.loc[before, "yes"].to_numpy()).all()
    after = (eu["date"] >= "2020-02-01").to_numpy() & (gbr == 1)
    assert (eu.loc[after, "yes"].to_numpy() == with_gbr.loc[after, "yes"].to_numpy() - 1).all()


def test_majority_alignment_states_any_case_no_duplicates(record):
    rec = record.select(years=[2022])
    lower = unvotes.majority_alignment(rec, states=["usa", "bra"])
    upper = unvotes.majority_alignment(rec, states=["USA", "BRA"])
    pd.testing.assert_frame_equal(lower, upper)
    with pytest.raises(ValueError, match=r"'USA' is given twice in `states`"):
        unvotes.majority_alignment(rec, states=["USA", "usa"])
