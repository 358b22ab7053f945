"""Tests of unvotes.ideal.baselines (pca_baseline, classical_mds, mds_baseline).

External values: the worked examples of METRICS.md §6.4 (Poole 2005 Fig. 2.3
and the §0.3 toy data).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from toy import TOY_FRAME as TOY  # METRICS.md 0.3

from unvotes.errors import UnknownStateError
from unvotes.ideal.baselines import classical_mds, mds_baseline, pca_baseline


def test_pca_baseline_toy_worked_example():
    # METRICS.md §6.4 (b): scores 1.6207, 1.6154, -1.8109, -1.6542, 0.2289; PC1 54.35 %; 7 roll calls vary
    pc = pca_baseline(TOY, anchor="B")
    np.testing.assert_allclose(pc["score"], [1.6207, 1.6154, -1.8109, -1.6542, 0.2289], atol=5e-5)
    assert pc.attrs["explained_variance_ratio"] == pytest.approx(0.5435, abs=5e-5)
    assert pc.attrs["n_roll_calls"] == 7
    flipped = pca_baseline(TOY, anchor="C")
    np.testing.assert_allclose(flipped["score"], -pc["score"])


POOLE_NAMES = ["One", "Two", "Three", "Four", "Five", "Six"]


def test_classical_mds_poole_worked_example():
    # METRICS.md §6.4 (a), Poole Fig. 2.3: coordinates -0.5 ... 0.5, first eigenvalue 0.70, others 0,
    # diag(B) = squared coordinates (Five 0.09, Six 0.25, Four 0.01, One 0.25, Two 0.09, Three 0.01)
    codes = [[1 if k > v else 3 for k in range(1, 7)] for v in range(1, 6)]
    m = pd.DataFrame(codes, columns=POOLE_NAMES, dtype="int8")
    out = mds_baseline(m, anchor="Six")
    np.testing.assert_allclose(out["score"], [-0.5, -0.3, -0.1, 0.1, 0.3, 0.5], atol=1e-12)
    eig = out.attrs["eigenvalues"]
    assert eig[0] == pytest.approx(0.70, abs=1e-12)
    np.testing.assert_allclose(eig[1:], 0, atol=1e-12)
    agr = out.attrs["agreement"]
    assert agr.loc["Five", "Six"] == pytest.approx(0.8)  # (1 - 0.8)^2 = 0.04 in the text
    np.testing.assert_allclose(out.set_index("state")["score"] ** 2, [0.25, 0.09, 0.01, 0.01, 0.09, 0.25])


def test_classical_mds_input_checks():
    a = pd.DataFrame(np.eye(3), index=list("abc"), columns=list("abc"))
    with pytest.raises(TypeError, match="DataFrame"):
        classical_mds(np.eye(3))
    with pytest.raises(ValueError, match="symmetric"):
        b = a.copy()
        b.iloc[0, 1] = 0.5
        classical_mds(b)
    with pytest.raises(ValueError, match="missing"):
        b = a.copy()
        b.iloc[0, 1] = b.iloc[1, 0] = np.nan
        classical_mds(b)
    with pytest.raises(ValueError, match="n_components"):
        classical_mds(a, n_components=4)


def test_baselines_bad_input():
    with pytest.raises(TypeError, match="VotingRecord"):
        pca_baseline([[1, 2], [3, 1]])
    with pytest.raises(ValueError, match="vote codes"):
        pca_baseline(pd.DataFrame({"A": [1, 4], "B": [3, 1]}))
    with pytest.raises(UnknownStateError, match="'USA'"):
        pca_baseline(TOY)  # the default anchor is not among A-E
