"""Ideal points: the ordinal and binary item-response models (static and dynamic) and their baselines.

Layer 3 of unvotes (docs/DESIGN.md), beside the metrics. :mod:`~unvotes.ideal.model`
holds the public functions and the :class:`IdealPoints` result;
:mod:`~unvotes.ideal._core` the numeric core of the EM (truncated-normal moments,
Kalman smoother). Loaded on first use (``unvotes.ideal_points``) so that
``import unvotes`` does not import scipy.special.
"""

from .model import IdealPoints, classical_mds, ideal_points, mds_baseline, pca_baseline, vote_probabilities

__all__ = ["IdealPoints", "ideal_points", "pca_baseline", "mds_baseline", "classical_mds", "vote_probabilities"]
