"""State Department voting coincidence.

Expected values: METRICS.md 2.6 (toy reference B, listed A, C = 20) and
2.4 (published 2022 figures for Afghanistan, Algeria and Venezuela).
"""

import numpy as np
import pytest

from unvotes import alignment

TOY = np.array(
    [
        [1, 1, 3, 1, 2, 1, 3, 1, 8, 1],  # A
        [1, 1, 3, 2, 2, 1, 1, 3, 1, 1],  # B
    ],
    dtype=np.int8,
).T


@pytest.mark.parametrize(
    "regime, value, cons",
    [("2016", 0.714, 0.920), ("2017", 0.722, None), ("2021", 0.700, 0.900)],
)
def test_worked_example_regimes(regime, value, cons):
    out = alignment._coincidence_core(TOY[:, 1], TOY[:, :1], regime, consensus=20)
    assert (out["same"][0], out["opposite"][0], out["partial"][0], out["absent"][0]) == (6, 2, 1, 1)
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
