"""Model-free scalings of a vote matrix, for teaching and sanity checks.

* :func:`pca_baseline`: first principal component of the yes=+1 /
  abstain=0 / no=-1 matrix (METRICS.md §6.4 b);
* :func:`classical_mds`: classical (Torgerson) scaling of an agreement
  matrix, and :func:`mds_baseline`, the same on the raw percent agreement of
  the states (Poole 2005, ch. 2; METRICS.md §6.4 a).

Neither bridges sessions: scales fitted to different periods are not
comparable (METRICS.md §6.5); :func:`unvotes.ideal_points` is the model.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from ..record.codes import ABSTAIN, NO, YES
from ._checks import as_matrix, check_anchor
from ._core import first_pc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..record.core import VotingRecord

__all__ = ["pca_baseline", "mds_baseline", "classical_mds"]


def pca_baseline(votes: VotingRecord | pd.DataFrame, *, anchor: str | None = "USA") -> pd.DataFrame:
    """First principal component of the yes=+1 / abstain=0 / no=-1 matrix.

    Absent and non_member are missing and imputed with the roll call's mean
    over the states that voted; roll calls with no variation among the
    voting states are dropped; the columns (roll calls) are centred and the
    scores are the first left singular vector times the singular value
    (METRICS.md §6.4 b; Kim and Russett 1996 used factor analysis of UNGA
    votes in this spirit).

    Parameters
    ----------
    votes : VotingRecord or pandas.DataFrame
        A record, or a vote matrix as returned by ``record.matrix()`` (rows
        roll calls, columns states, integer codes 1/2/3/8/9).
    anchor : str or None, default "USA"
        State whose score is made positive; None leaves the SVD's sign.

    Returns
    -------
    pandas.DataFrame
        Columns ``state``, ``score`` (PC1), ``n_votes``; the share of
        variance of PC1 is in ``.attrs["explained_variance_ratio"]`` and the
        number of roll calls used in ``.attrs["n_roll_calls"]``.

    Raises
    ------
    TypeError
        If ``votes`` is neither a record nor an integer matrix.
    ValueError
        For codes other than 1/2/3/8/9, or when no roll call varies.
    UnknownStateError
        If ``anchor`` has no votes.

    References
    ----------
    Kim, S. Y. and Russett, B. (1996). The new politics of voting alignments
    in the United Nations General Assembly. *International Organization*
    50(4): 629-652.

    Examples
    --------
    The toy data of METRICS.md §0.3 (five states, ten roll calls):

    >>> import pandas as pd
    >>> from unvotes.ideal import pca_baseline
    >>> toy = pd.DataFrame({"A": [1, 1, 3, 1, 2, 1, 3, 1, 8, 1], "B": [1, 1, 3, 2, 2, 1, 1, 3, 1, 1],
    ...                     "C": [1, 1, 1, 1, 1, 3, 1, 1, 1, 2], "D": [1, 1, 1, 2, 1, 3, 1, 1, 9, 1],
    ...                     "E": [1, 8, 1, 1, 3, 1, 1, 1, 1, 1]}, dtype="int8")
    >>> pc = pca_baseline(toy, anchor="B")
    >>> pc.round(4)
      state   score  n_votes
    0     A  1.6207        9
    1     B  1.6154       10
    2     C -1.8109       10
    3     D -1.6542        9
    4     E  0.2289        9
    >>> round(pc.attrs["explained_variance_ratio"], 4)
    0.5435
    """
    m = as_matrix(votes)
    Y = m.to_numpy()
    voted = (Y == YES) | (Y == ABSTAIN) | (Y == NO)
    val = np.where(Y == YES, 1.0, np.where(Y == NO, -1.0, 0.0))
    val = np.where(voted, val, np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        lo = np.nanmin(val, axis=1)
        hi = np.nanmax(val, axis=1)
    varies = np.isfinite(lo) & (hi > lo)
    if not varies.any():
        raise ValueError("no roll call with variation among the voting states: nothing to scale")
    V = val[varies].T  # states x roll calls
    have = voted.any(axis=0)
    states = np.asarray(m.columns)[have]
    k = check_anchor(anchor, states)
    scores, share = first_pc(V[have])
    if k is not None and scores[k] < 0:
        scores = -scores
    out = pd.DataFrame({"state": states.astype(str), "score": scores, "n_votes": voted[:, have].sum(axis=0)})
    out.attrs["explained_variance_ratio"] = share
    out.attrs["n_roll_calls"] = int(varies.sum())
    return out


def classical_mds(
    agreement: pd.DataFrame,
    *,
    anchor: str | None = None,
    n_components: int = 1,
) -> pd.DataFrame:
    """Classical (Torgerson) scaling of an agreement matrix.

    With distances :math:`d_{ij} = 1 - a_{ij}`, double-centre the squared
    distances, :math:`B = -\\tfrac12 J D^{(2)} J` with
    :math:`J = I - 11^T/n`, and take :math:`\\sqrt{\\lambda_k} v_k` for the
    largest eigenvalues (Poole 2005, ch. 2; METRICS.md §6.4 a).

    Parameters
    ----------
    agreement : pandas.DataFrame, shape (n, n)
        Symmetric agreement in [0, 1], the same labels on index and columns,
        no missing values.
    anchor : str or None, default None
        Label whose first coordinate is made positive.
    n_components : int, default 1
        Number of dimensions.

    Returns
    -------
    pandas.DataFrame
        Index: the labels; columns ``dim1`` ... ``dimK``;
        ``.attrs["eigenvalues"]`` holds all eigenvalues of B (descending).

    Raises
    ------
    TypeError
        If ``agreement`` is not a DataFrame.
    ValueError
        If it is not square and symmetric with matching labels, has missing
        values, or ``n_components`` is out of range.
    KeyError
        If ``anchor`` is not a label.

    References
    ----------
    Poole, K. T. (2005). *Spatial Models of Parliamentary Voting*, ch. 2.
    Torgerson, W. S. (1952). Multidimensional scaling: I. Theory and method.
    *Psychometrika* 17: 401-419.

    Examples
    --------
    Poole's six legislators on a line (Fig. 2.3): agreement 1 - |x_i - x_j|.

    >>> import numpy as np, pandas as pd
    >>> from unvotes.ideal import classical_mds
    >>> x = np.array([-0.5, -0.3, -0.1, 0.1, 0.3, 0.5])
    >>> names = ["One", "Two", "Three", "Four", "Five", "Six"]
    >>> a = pd.DataFrame(1 - np.abs(x[:, None] - x[None, :]), index=names, columns=names)
    >>> out = classical_mds(a, anchor="Six")
    >>> out["dim1"].round(4).tolist()
    [-0.5, -0.3, -0.1, 0.1, 0.3, 0.5]
    >>> np.round(out.attrs["eigenvalues"][:2], 4).tolist()
    [0.7, 0.0]
    """
    if not isinstance(agreement, pd.DataFrame):
        raise TypeError(f"`agreement` must be a square pandas DataFrame, got {type(agreement).__name__}")
    A = agreement.to_numpy(dtype=float)
    n = A.shape[0]
    if A.shape[0] != A.shape[1] or not agreement.index.equals(agreement.columns):
        raise ValueError(
            f"`agreement` must be square with the same labels on index and columns, got shape {A.shape}"
        )
    if np.isnan(A).any():
        raise ValueError(
            f"`agreement` has {int(np.isnan(A).sum())} missing values; impute them or drop those states "
            "(mds_baseline imputes the mean agreement)"
        )
    if not np.allclose(A, A.T, atol=1e-9):
        raise ValueError("`agreement` must be symmetric")
    if isinstance(n_components, bool) or not isinstance(n_components, (int, np.integer)) or not 1 <= n_components <= n:
        raise ValueError(f"`n_components` must be an integer in [1, {n}], got {n_components!r}")
    D2 = (1.0 - A) ** 2
    J = np.eye(n) - 1.0 / n
    B = -0.5 * J @ D2 @ J
    lam, vec = np.linalg.eigh(B)
    order = np.argsort(lam)[::-1]
    lam, vec = lam[order], vec[:, order]
    coords = vec[:, :n_components] * np.sqrt(np.clip(lam[:n_components], 0, None))
    out = pd.DataFrame(coords, index=agreement.index, columns=[f"dim{k + 1}" for k in range(n_components)])
    if anchor is not None:
        if anchor not in out.index:
            raise KeyError(f"anchor {anchor!r} is not a label of `agreement`")
        for c in out.columns:
            if out.loc[anchor, c] < 0:
                out[c] = -out[c]
    out.attrs["eigenvalues"] = lam
    return out


def mds_baseline(votes: VotingRecord | pd.DataFrame, *, anchor: str | None = "USA") -> pd.DataFrame:
    """Classical scaling of the raw percent-agreement matrix of the states.

    Agreement is the share of roll calls on which both states voted (yes,
    abstain or no) and voted the same (both abstaining counts as agreement;
    METRICS.md §1, "raw"), computed for all pairs at once; pairs with no
    shared vote get the mean agreement (with a ``UserWarning``); then
    :func:`classical_mds`.

    Parameters
    ----------
    votes : VotingRecord or pandas.DataFrame
        A record or a vote matrix as from ``record.matrix()``.
    anchor : str or None, default "USA"
        State whose coordinate is made positive.

    Returns
    -------
    pandas.DataFrame
        Columns ``state``, ``score`` (first MDS coordinate), ``n_votes``;
        ``.attrs["eigenvalues"]`` and ``.attrs["agreement"]`` (the matrix).

    Raises
    ------
    TypeError, ValueError
        As :func:`pca_baseline`.
    UnknownStateError
        If ``anchor`` has no votes.

    References
    ----------
    Poole, K. T. (2005). *Spatial Models of Parliamentary Voting*, ch. 2.
    Lijphart, A. (1963). The analysis of bloc voting in the General
    Assembly. *American Political Science Review* 57(4): 902-917.

    Examples
    --------
    Poole's Fig. 2.3: six legislators, five votes in a perfect one-dimensional
    pattern (legislator k votes yes on vote v when k > v):

    >>> import numpy as np, pandas as pd
    >>> from unvotes.ideal import mds_baseline
    >>> names = ["One", "Two", "Three", "Four", "Five", "Six"]
    >>> codes = [[1 if k > v else 3 for k in range(1, 7)] for v in range(1, 6)]
    >>> m = pd.DataFrame(codes, columns=names, dtype="int8")
    >>> mds_baseline(m, anchor="Six")["score"].round(4).tolist()
    [-0.5, -0.3, -0.1, 0.1, 0.3, 0.5]
    """
    m = as_matrix(votes)
    Y = m.to_numpy()
    have = ((Y == YES) | (Y == ABSTAIN) | (Y == NO)).any(axis=0)
    Y = Y[:, have]
    states = np.asarray(m.columns)[have].astype(str)
    check_anchor(anchor, states)
    oh = [(Y == c).astype(np.float64) for c in (YES, ABSTAIN, NO)]
    voted = oh[0] + oh[1] + oh[2]
    shared = voted.T @ voted
    same = sum(o.T @ o for o in oh)
    with np.errstate(invalid="ignore", divide="ignore"):
        A = same / shared
    miss = shared == 0
    if miss.any():
        fill = float(np.nanmean(A[~miss]))
        n_pairs = int(np.triu(miss, 1).sum())
        warnings.warn(
            f"{n_pairs} pair(s) of states share no vote; their agreement is set to the mean agreement {fill:.3f}",
            UserWarning,
            stacklevel=2,
        )
        A = np.where(miss, fill, A)
    A = (A + A.T) / 2
    np.fill_diagonal(A, 1.0)
    agr = pd.DataFrame(A, index=states, columns=states)
    mds = classical_mds(agr, anchor=anchor)
    out = pd.DataFrame({"state": states, "score": mds["dim1"].to_numpy(), "n_votes": voted.sum(axis=0).astype(np.int64)})
    out.attrs["eigenvalues"] = mds.attrs["eigenvalues"]
    out.attrs["agreement"] = agr
    return out
