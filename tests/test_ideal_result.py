"""Tests of unvotes.ideal.result (the IdealPoints container), on a hand-made result."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from unvotes.ideal.result import IdealPoints


def _result():
    est = pd.DataFrame({"state": ["USA", "USA", "RUS", "RUS", "FRA"], "period": [70, 71, 70, 71, 71],
                        "ideal_point": [2.0, 2.5, -1.0, -1.5, 0.5], "se": 0.1, "n_votes": [80, 81, 79, 81, 80]})
    est["lower"], est["upper"] = est["ideal_point"] - 0.196, est["ideal_point"] + 0.196
    rc = pd.DataFrame({"rcid": [1, 2, 3], "period": [70, 71, 71], "beta": [1.0, -0.5, 2.0]})
    dropped = pd.DataFrame({"rcid": [4], "period": [71], "reason": ["unanimous"], "minority_share": [0.0]})
    return IdealPoints(estimates=est, roll_calls=rc, dropped_roll_calls=dropped,
                       dropped_states=pd.DataFrame(columns=["state", "period", "n_votes"]), model="ordinal",
                       by="session", dynamic=True, anchor="USA", iterations=12, converged=True, max_change=4e-4,
                       tol=1e-3, loglik=-123.0, seconds=0.5)


def test_pivot_spreads_one_column_by_period_and_state():
    p = _result().pivot()
    assert list(p.index) == [70, 71] and sorted(p.columns) == ["FRA", "RUS", "USA"]
    assert p.loc[71, "USA"] == 2.5 and p.loc[70, "RUS"] == -1.0
    assert np.isnan(p.loc[70, "FRA"])  # no estimate: NaN, not 0
    assert _result().pivot("n_votes").loc[71, "FRA"] == 80
    with pytest.raises(ValueError, match="'theta'"):
        _result().pivot("theta")


def test_to_frame_is_a_copy():
    r = _result()
    f = r.to_frame()
    f.loc[0, "ideal_point"] = 99.0
    assert r.estimates.loc[0, "ideal_point"] == 2.0


def test_repr_is_one_short_line_with_the_counts():
    text = repr(_result())
    assert "\n" not in text and len(text) < 260
    for part in ("dynamic ordinal by session", "5 state-periods", "3 states", "periods 70-71",
                 "3 roll calls (1 dropped)", "converged after 12 iterations", "anchor USA > 0"):
        assert part in text
