"""Fit statistics of a scaling: correct classification, APRE and GMP (private).

The definitions are W-NOMINATE's (Poole and Rosenthal 1997, ch. 2; Poole 2005,
*Spatial Models of Parliamentary Voting*, §3.6 and ch. 4; Poole, Lewis, Lo and
Carroll 2011, *JSS* 42(14)), applied to the choices the model was fitted to:

* **correct classification**: the share of choices equal to the model's most
  probable choice (for a binary model: the side of the cutting line);
* **APRE**, the aggregate proportional reduction in error:
  :math:`\\sum_j (m_j - e_j) / \\sum_j m_j`, where :math:`m_j` is the number of
  choices on roll call :math:`j` not in its largest category (the errors of
  predicting that everybody votes with the majority) and :math:`e_j` the
  model's classification errors on :math:`j`;
* **GMP**, the geometric mean probability of the observed choices:
  :math:`\\exp(\\sum \\log P(\\text{choice}) / n)`.

For the binary model these are exactly W-NOMINATE's statistics (yea / nay,
abstentions missing); for the ordinal model the same formulas run over three
categories (yes, abstain, no), so chance and the majority baseline are both
harder to beat than with two.
"""

from __future__ import annotations

import numpy as np

__all__ = ["fit_statistics"]


def fit_statistics(cat: np.ndarray, probs: np.ndarray, item: np.ndarray, n_items: int) -> dict:
    """Correct classification, APRE and GMP of observed choices.

    Parameters
    ----------
    cat : ndarray of int, shape (K,)
        The observed category of each choice: 0 yes, 1 abstain, 2 no.
    probs : ndarray, shape (K, 3)
        The model's probabilities of yes, abstain and no for each choice.
    item : ndarray of int, shape (K,)
        The roll call (0 .. n_items - 1) of each choice.
    n_items : int
        Number of roll calls.

    Returns
    -------
    dict
        ``correct_classification`` (share in [0, 1]), ``apre``, ``gmp``,
        ``n_choices``, ``n_errors``, ``n_minority`` (the errors of the
        majority baseline), and the per-roll-call arrays ``item_errors`` and
        ``item_minority``.
    """
    cat = np.asarray(cat, dtype=np.intp)
    probs = np.asarray(probs, dtype=np.float64)
    pred = probs.argmax(axis=1)
    wrong = pred != cat
    errors = np.bincount(item, wrong, n_items)
    counts = np.zeros((n_items, 3))
    np.add.at(counts, (item, cat), 1.0)
    minority = counts.sum(axis=1) - counts.max(axis=1)
    p_obs = probs[np.arange(cat.shape[0]), cat]
    with np.errstate(divide="ignore"):
        mean_log = float(np.log(np.clip(p_obs, 1e-300, 1.0)).mean())
    n_min = float(minority.sum())
    return {
        "correct_classification": float(1.0 - wrong.mean()),
        "apre": float((n_min - errors.sum()) / n_min) if n_min > 0 else float("nan"),
        "gmp": float(np.exp(mean_log)),
        "n_choices": int(cat.shape[0]),
        "n_errors": int(wrong.sum()),
        "n_minority": int(n_min),
        "item_errors": errors.astype(np.int64),
        "item_minority": minority.astype(np.int64),
    }
