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
``bsv``             identical votes / n, unanimous roll calls out; every    own category    dropped
                    kind to session 44, whole-resolution votes after
                    (BSV's released ``USAgree``-style columns)
``widyr``           Pearson r of the positions 1/2/3 with every non-vote    value 2         value 0
                    filled with 0, over every roll call of the period
                    (widyr's ``pairwise_cor`` on R unvotes)
==================  ======================================================  ==============  ===========

Compatibility presets (reproduce a peer's published numbers on the Voeten
edition of the record, the 6,202 roll calls of 1946-2019 from R unvotes
0.3.0):

- ``bsv``: Bailey, Strezhnev and Voeten's agreement columns (their June
  2024 release): US agreement with GBR 0.6225 in session 40 and 0.6301 in
  session 70, with ISR 0.8767 in session 70, with the Soviet seat (SUN)
  0.1126 in session 40; Russia with CHN 0.7222 in session 70 (use
  ``by="session"``). The roll-call rule is BSV's ``UN_DataProcessing.R``
  (``year > 1989 & (para == 1 | amend == 1)`` dropped, unanimous roll calls
  dropped); their ``NVotes`` of April 2020 (USA 152 and 73 in sessions 40
  and 70) are the counts it leaves.
- ``widyr``: the "United Nations voting" vignette of the R package widyr
  (Robinson), ``pairwise_cor(country, rcid, vote)`` on R unvotes' table,
  which fills every non-vote (absent, not a Member) with 0: US-UK 0.575,
  US-Canada 0.570, US-Israel 0.546, US-Russia -0.261, Slovakia-Czechia
  0.989 (``agreement_matrix(..., follow_succession=True)``: R unvotes'
  "Russia" carries the Soviet seat). ``n`` is the number of roll calls
  counted. The 0 fill makes shared membership raise the correlation; use
  it to reproduce, not to measure.
- ``voeten`` is *not* BSV's columns: it is the 1 - |d|/2 index of Voeten's
  ``DyadicAgreementScores.R`` (abstention = half agreement): US-GBR in
  session 40 is 0.7649 there against BSV's 0.6225.

The formulas, variants and worked examples are those of the project's
methods reference (``docs/methods.md``, after METRICS.md).
"""

from __future__ import annotations

from ._measures import MEASURES, _resolve_measure  # noqa: F401  (_resolve_measure: used by .explain)
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
