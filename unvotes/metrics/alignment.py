"""Pairwise alignment: agreement indices, S-score, Cohen's kappa, Scott's pi, State Department coincidence.

The public path of the pairwise measures (``unvotes.alignment``). The code
lives in one module per concept: the agreement family in
:mod:`unvotes.metrics.pairwise`, its presets in
:mod:`unvotes.metrics._measures`, State Department coincidence in
:mod:`unvotes.metrics.state_dept`; the joint counts they share in
:mod:`unvotes.metrics._pairs`.

Every measure is a function of the joint counts of two states' positions
(yes / abstain / no) over the roll calls they shared, and all pairs are
counted at once with a few matrix products per period. Every result carries
its denominator ``n``; a pair with no shared vote gets ``NaN``, never 0 or 1.

Measures (``measure=``), with their treatment of abstentions and absences:

==================  ======================================================  ==============  ===========
measure             value                                                   abstention      absence
==================  ======================================================  ==============  ===========
``percent``         identical votes / n                                     own category    dropped
``yes_no``          identical yes/no votes / votes where both voted yes/no  dropped         dropped
``lijphart``        (identical + partial / 2) / n  (Lijphart 1963)          half agreement  dropped
``voeten``          mean of 1 - |o_i - o_j| / 2, unanimous roll calls out   half agreement  dropped
                    (Voeten's ``DyadicAgreementScores.R``; *not* BSV's
                    released ``USAgree`` columns)
``state_dept_2016`` I / (I + O) (reports up to 2016)                        dropped         dropped
``state_dept_2017`` (same + partial / 2) / (V - absent) (2017-2020)         half agreement  dropped
``state_dept_2021`` (same + partial / 2 + absent / 2) / V (2021 on)         half agreement  half
``s_score``         1 - 2 sum|d| / (n d_max), d_max = 2                     middle position dropped
``s_score_squared`` 1 - 2 sum d^2 / (n d_max), d_max = 4                    middle position dropped
``kappa``           Cohen's kappa, 1 - D_o / D_e, own marginals             a category      dropped
``pi``              Scott's pi, 1 - D_o / D_e, pooled marginals             a category      dropped
==================  ======================================================  ==============  ===========

The formulas, variants and worked examples are those of the project's
methods reference (``docs/methods.md``, after METRICS.md).
"""

from __future__ import annotations

from ._measures import MEASURES
from .pairwise import AgreementMatrix, agreement, agreement_matrix, agreement_with, bloc_agreement, state_bloc_agreement
from .state_dept import REGIMES, _coincidence_core, _regime_for_year, coincidence

__all__ = [
    "MEASURES",
    "REGIMES",
    "AgreementMatrix",
    "agreement",
    "agreement_matrix",
    "agreement_with",
    "bloc_agreement",
    "state_bloc_agreement",
    "coincidence",
]
