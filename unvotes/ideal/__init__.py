"""Ideal points: the ordinal and binary item-response models (static and dynamic) and their baselines.

Layer 2 of unvotes (docs/DESIGN.md), beside the metrics. :mod:`~unvotes.ideal.model`
holds :func:`ideal_points` and :func:`vote_probabilities`; :mod:`~unvotes.ideal.result`
the :class:`IdealPoints` result; :mod:`~unvotes.ideal.baselines` the model-free
PCA and MDS scalings. Private: ``_checks`` (argument validation), ``_prepare``
(issue subset, filters, observed cells), ``_core`` (the numeric core of the EM:
truncated-normal moments, Kalman smoother), ``_reference`` (comparison with the
published BSV estimates). Loaded on first use (``unvotes.ideal_points``) so that
``import unvotes`` does not import scipy.special.
"""

from .baselines import classical_mds, mds_baseline, pca_baseline
from .model import ideal_points, vote_probabilities
from .result import IdealPoints

__all__ = ["IdealPoints", "ideal_points", "pca_baseline", "mds_baseline", "classical_mds", "vote_probabilities"]
