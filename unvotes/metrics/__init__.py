"""Metrics: the agreement family, State Department coincidence and bloc cohesion.

Layer 2 of unvotes (docs/DESIGN.md). The agreement family
(:mod:`~unvotes.metrics.pairwise`, presets in :mod:`~unvotes.metrics._measures`),
State Department coincidence (:mod:`~unvotes.metrics.state_dept`; both
re-exported by :mod:`~unvotes.metrics.alignment`) and
:mod:`~unvotes.metrics.cohesion` share the joint counts of
:mod:`~unvotes.metrics._pairs`, the record checks and filters of
:mod:`~unvotes.metrics._filters` and the docstring fragments of
:mod:`~unvotes.metrics._docs`. Imports the record layer only.
"""

from .alignment import (
    MEASURES,
    AgreementMatrix,
    agreement,
    agreement_matrix,
    agreement_with,
    bloc_agreement,
    coincidence,
    state_bloc_agreement,
)
from .explain import ChangeExplanation, explain_change
from .cohesion import agreement_index, divisiveness, majority_alignment, majority_share, rice

__all__ = [
    "MEASURES", "AgreementMatrix", "agreement", "agreement_matrix", "agreement_with", "bloc_agreement",
    "coincidence", "state_bloc_agreement", "rice", "agreement_index", "majority_share",
    "majority_alignment", "divisiveness", "ChangeExplanation", "explain_change",
]
