"""State Department voting coincidence.

Expected values: METRICS.md 2.6 (toy reference B, listed A, C = 20) and
2.4 (published 2022 figures for Afghanistan, Algeria and Venezuela).
"""

import numpy as np
import pytest

from unvotes import alignment

from toy import TOY as _TOY  # METRICS.md 0.3  # noqa: E402

TOY = _TOY[:, :2]  # states A and B


@pytest.mark.parametrize(
    "regime, counts, value, cons",
    [
        # regime 2016 tables cover the votes where the reference voted yes or no (B abstained on r4, r5)
        ("2016", (5, 2, 0, 1), 0.714, 0.920),
        ("2017", (6, 2, 1, 1), 0.722, None),
        ("2021", (6, 2, 1, 1), 0.700, 0.900),
    ],
)
def test_worked_example_regimes(regime, counts, value, cons):
    out = alignment._coincidence_core(TOY[:, 1], TOY[:, :1], regime, consensus=20)
    assert (out["same"][0], out["opposite"][0], out["partial"][0], out["absent"][0]) == counts
    assert round(out["coincidence"][0], 3) == value
    if cons is not None:
        assert round(out["coincidence_consensus"][0], 3) == cons


def test_regime_2016_counts_identical_yes_no_only():
    out = alignment._coincidence_core(TOY[:, 1], TOY[:, :1], "2016")
    assert (out["yes_no_same"][0], out["yes_no_opposite"][0], out["n"][0]) == (5, 2, 7)


@pytest.mark.parametrize(
    "row, published",
    [((21, 36, 9, 23), 0.42), ((14, 50, 25, 0), 0.30), ((0, 0, 0, 89), 0.50)],
    ids=["AFG", "DZA", "VEN"],
)
def test_regime_2021_formula_on_published_rows(row, published):
    # build a listed state with the published category counts against a reference voting yes
    same, opp, part, absent = row
    ref = np.ones(89, dtype=np.int8)
    listed = np.array([1] * same + [3] * opp + [2] * part + [8] * absent, dtype=np.int8)[:, None]
    out = alignment._coincidence_core(ref, listed, "2021")
    assert round(out["coincidence"][0], 2) == published


def test_algeria_roll_call_and_consensus_2022():
    # METRICS.md 2.4: (26.5 + 246) / (89 + 246) = 81 %
    ref = np.ones(89, dtype=np.int8)
    listed = np.array([1] * 14 + [3] * 50 + [2] * 25, dtype=np.int8)[:, None]
    out = alignment._coincidence_core(ref, listed, "2021", consensus=246)
    assert round(out["coincidence_consensus"][0], 2) == 0.81


def test_regime_2016_afghanistan_2013():
    # METRICS.md 2.4: 32 same, 47 opposite, 1 abstention, 3 absent, C = 200
    ref = np.ones(83, dtype=np.int8)
    listed = np.array([1] * 32 + [3] * 47 + [2] * 1 + [8] * 3, dtype=np.int8)[:, None]
    out = alignment._coincidence_core(ref, listed, "2016", consensus=200)
    assert round(out["coincidence"][0], 3) == 0.405
    assert round(out["coincidence_consensus"][0], 3) == 0.827


def test_regime_defaults_by_report_year():
    assert [alignment._regime_for_year(y) for y in (2013, 2016, 2017, 2020, 2021, 2022)] == [
        "2016", "2016", "2017", "2017", "2021", "2021"]


def test_unknown_regime():
    with pytest.raises(ValueError, match="`regime` must be one of"):
        alignment._coincidence_core(TOY[:, 1], TOY[:, :1], "2030")


# --------------------------------------------------------------------------------------
# The 2022 report table (U.S. Department of State, Voting Practices in the United Nations
# 2022; transcription datasets/raw/validation/state-dept/un-coincidence-2022.csv, 192 rows,
# 89 recorded votes, regime 2021 rule).

from pathlib import Path  # noqa: E402

import pandas as pd  # noqa: E402

import unvotes  # noqa: E402

SD_2022 = Path(__file__).resolve().parents[1] / "datasets/raw/validation/state-dept/un-coincidence-2022.csv"


@pytest.fixture(scope="module")
def published():
    return pd.read_csv(SD_2022, encoding="utf-8-sig")


@pytest.fixture(scope="module")
def table_2022(record):
    return unvotes.coincidence(record, "USA", 2022)


def test_2022_counts_89_final_votes(table_2022, record):
    assert table_2022.attrs["regime"] == "2021"
    rcids = table_2022.attrs["roll_calls"]
    assert len(rcids) == 89  # the report: 89 recorded votes
    assert (record.select(rcids=rcids).roll_calls["kind"] == "resolution").all()


def test_2022_table_reproduces_every_row(table_2022, published):
    got = table_2022.set_index("state")
    pub = published.set_index("ISO")
    assert sorted(got.index) == sorted(pub.index)  # the 192 Members other than the US
    cols = {"SAME": "same", "OPPOSE": "opposite", "PARTIAL": "partial", "ABSENT": "absent"}
    for src, ours in cols.items():
        diff = pub.index[pub[src] != got.loc[pub.index, ours]].tolist()
        assert diff == [], f"{src} differs for {diff}"
    assert (got["votes"] == 89).all()
    # published figure: two decimals
    mism = pub.index[(got.loc[pub.index, "coincidence"] - pub["COINCIDENCE"]).abs() > 0.005 + 1e-9].tolist()
    assert mism == []


@pytest.mark.parametrize(
    "iso, row, value",
    [("AFG", (21, 36, 9, 23), 0.42), ("DZA", (14, 50, 25, 0), 0.30), ("VEN", (0, 0, 0, 89), 0.50)],
)
def test_2022_rows_quoted_in_metrics(table_2022, iso, row, value):
    r = table_2022.set_index("state").loc[iso]
    assert (r["same"], r["opposite"], r["partial"], r["absent"]) == row
    assert round(r["coincidence"], 2) == value


def test_2022_algeria_roll_call_and_consensus(record):
    t = unvotes.coincidence(record, "USA", 2022, consensus=246).set_index("state")
    assert round(t.loc["DZA", "coincidence_consensus"], 2) == 0.81


def test_pairwise_preset_equals_the_report(record, published):
    # the agreement family with the 2021 rule, state vs the US, gives the same figures
    us = unvotes.agreement_with(record.select(years=[2022]), "USA", measure="state_dept_2021").set_index("state")
    pub = published.set_index("ISO")
    assert ((us.loc[pub.index, "value"] - pub["COINCIDENCE"]).abs() <= 0.005 + 1e-9).all()
    assert (us.loc[pub.index, "n"] == 89).all()


def test_percent_agreement_denominator_is_votes_not_missed(record, published):
    # raw percent agreement with the US: same / (89 - absent), n = 89 - absent (report counts)
    us = unvotes.agreement_with(record.select(years=[2022]), "USA", measure="percent").set_index("state")
    pub = published.set_index("ISO")
    n = 89 - pub["ABSENT"]
    assert (us.loc[pub.index, "n"] == n).all()
    have = n > 0
    assert (us.loc[pub.index[have], "value"] - (pub["SAME"] / n)[have]).abs().max() < 1e-12
    # Venezuela missed all 89 (Article 19): no shared vote -> NaN, never 0 or 1
    assert us.loc["VEN", "n"] == 0 and pd.isna(us.loc["VEN", "value"])


def test_coincidence_bad_input(record):
    with pytest.raises(ValueError, match="`regime` must be one of"):
        unvotes.coincidence(record, "USA", 2022, regime="2022")
    with pytest.raises(unvotes.UnknownStateError, match="'USQ'"):
        unvotes.coincidence(record, "USQ", 2022)
    with pytest.raises(ValueError, match="no roll call in 1900"):
        unvotes.coincidence(record, "USA", 1900)
    with pytest.raises(TypeError, match="`year` must be an int"):
        unvotes.coincidence(record, "USA", "2022")
    with pytest.raises(TypeError, match="VotingRecord"):
        unvotes.coincidence(pd.DataFrame(), "USA", 2022)


def test_reference_without_a_seat_in_the_year_names_the_holder(record):
    with pytest.raises(unvotes.errors.StateNotMemberError, match=r"SUN was not a UN Member .* 2022.*held by RUS.*reference='RUS'"):
        unvotes.coincidence(record, "SUN", 2022)
    # a Member for part of the year still gets a table (with a warning for the rest)
    with pytest.warns(UserWarning, match=r"SUN did not vote on \d+ roll call"):
        t = unvotes.coincidence(record, "SUN", 1991, kinds="all")
    assert len(t) > 100
