"""Heatmap of pairwise agreement, ordered by hierarchical clustering."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import _style
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence
    from matplotlib.axes import Axes
    from typing import Any
    from ..metrics.pairwise import AgreementMatrix

__all__ = ["agreement_matrix", "cluster_order"]

_METHODS = ("average", "complete", "single", "weighted")


def _square(data, n):
    if hasattr(data, "value") and hasattr(data, "n") and not isinstance(data, pd.DataFrame):
        value, n = data.value, data.n if n is None else n
    else:
        value = data
    if not isinstance(value, pd.DataFrame):
        raise TypeError("`data` of unvotes.plot.agreement_matrix() must be the AgreementMatrix of "
                        f"unvotes.agreement_matrix() or a square DataFrame, got {type(data).__name__}")
    if value.shape[0] != value.shape[1] or list(map(str, value.index)) != list(map(str, value.columns)):
        raise ValueError("`data` must be square with the same states (ISO3) as index and columns, got "
                         f"shape {value.shape}")
    if value.shape[0] == 0:
        raise ValueError("no data to plot: `data` of unvotes.plot.agreement_matrix() has no states")
    if value.shape[0] < 2:
        raise ValueError(f"`data` needs at least 2 states to draw a matrix, got {value.shape[0]}")
    if n is not None:
        n = n.reindex(index=value.index, columns=value.columns)
    return value.astype(float), n


def cluster_order(
    value: pd.DataFrame,
    *,
    measure: str = "voeten",
    method: str = "average",
) -> tuple[list[str], np.ndarray]:
    """Leaf order and linkage of states clustered on 1 - agreement.

    Parameters
    ----------
    value : pandas.DataFrame
        Square agreement matrix (states x states); the diagonal is ignored.
    measure : str, default "voeten"
        The measure of `value`; distance is ``(ymax - value) / (ymax - ymin)``
        over its range, so 0 for identical voting.
    method : {"average", "complete", "single", "weighted"}, default "average"
        Linkage method of :func:`scipy.cluster.hierarchy.linkage`.

    Returns
    -------
    order : list of str
        States in dendrogram leaf order (optimal leaf ordering; of the two
        readings of the tree, the one whose first state comes earlier in
        `value`).
    linkage : numpy.ndarray of shape (k - 1, 4)
        The scipy linkage matrix (rows refer to the original order of
        `value`).

    Raises
    ------
    ValueError
        If a pair of states has no value (NaN: no shared vote), naming the
        pairs, or for an unknown method.

    References
    ----------
    .. [1] Bar-Joseph, Z., Gifford, D. K. and Jaakkola, T. S. (2001). Fast
       optimal leaf ordering for hierarchical clustering. Bioinformatics
       17(suppl 1): S22-S29 (``scipy.cluster.hierarchy.optimal_leaf_ordering``).

    Examples
    --------
    >>> import pandas as pd
    >>> v = pd.DataFrame([[1, .9, .2], [.9, 1, .3], [.2, .3, 1]], index=list("ABC"), columns=list("ABC"))
    >>> cluster_order(v)[0]
    ['A', 'B', 'C']
    """
    from scipy.cluster.hierarchy import linkage, optimal_leaf_ordering, leaves_list
    from scipy.spatial.distance import squareform

    if method not in _METHODS:
        raise ValueError(f"`method` must be one of {_METHODS}, got {method!r}")
    _, (lo, hi) = _style.MEASURE_LABELS.get(measure, ("", (0.0, 1.0)))
    v = value.to_numpy(dtype=float).copy()
    np.fill_diagonal(v, hi)
    bad = np.argwhere(np.triu(~np.isfinite(v), 1))
    if len(bad):
        pairs = [(str(value.index[i]), str(value.columns[j])) for i, j in bad[:10]]
        missing = ~np.isfinite(v)
        np.fill_diagonal(missing, False)
        counts = pd.Series(missing.sum(axis=1), index=[str(c) for c in value.index])
        worst = counts[counts > 0].sort_values(ascending=False)
        # the states that lack a value with most others: usually states that cast no vote in the period
        lead = worst[worst >= worst.iloc[0] * 0.5] if len(worst) else worst
        raise ValueError(f"no agreement value for {len(bad)} pair(s) of states, e.g. {pairs} (no shared vote); "
                         f"most of them involve {', '.join(f'{k} ({n} pairs)' for k, n in lead.head(8).items())}, "
                         "probably states that cast no vote in the period; clustering needs every pair: leave "
                         "those states out (states=[...]) or use order=[...]")
    d = (hi - (v + v.T) / 2) / (hi - lo)
    np.fill_diagonal(d, 0.0)
    y = squareform(np.clip(d, 0, None), checks=False)
    Z = linkage(y, method=method)
    Z = optimal_leaf_ordering(Z, y)
    leaves = leaves_list(Z)
    if leaves[0] > leaves[-1]:  # the tree can be read either way: start nearer the given order
        leaves = leaves[::-1]
    return [str(value.index[i]) for i in leaves], Z


def agreement_matrix(data: AgreementMatrix | pd.DataFrame, *, n: pd.DataFrame | None = None,
                     measure: str = "voeten", order: str | Sequence[str] = "cluster", method: str = "average",
                     dendrogram: bool = False, annotate: bool | None = None, min_n: int = 10, cmap: str = "cividis",
                     title: str | None = None, source: str | None = _style.DEFAULT_SOURCE, colorbar: bool = True,
                     ax: Axes | None = None, **kwargs: Any) -> Axes:
    """Plot a heatmap of pairwise agreement, ordered by hierarchical clustering.

    Parameters
    ----------
    data : AgreementMatrix or pandas.DataFrame
        The result of :func:`unvotes.agreement_matrix` (named tuple
        ``(value, n)``) or a square DataFrame of values, states (ISO
        3166-1 alpha-3) as index and columns.
    n : pandas.DataFrame, optional
        Square table of denominators (taken from an AgreementMatrix).
        Cells with ``n < min_n`` are hatched.
    measure : str, default "voeten"
        Measure of the values; fixes the colour scale to its full range
        (0 to 1 for the agreement family) and the colour-bar label. When
        the data record their measure (``data.value.attrs["measure"]``, set
        by :func:`unvotes.agreement_matrix`), that one is used and another
        non-default measure is an error.
    order : "cluster", "given" or list of str, default "cluster"
        Row/column order: clustered (average linkage on 1 - agreement,
        optimal leaf order), as given, or an explicit list of states.
    method : str, default "average"
        Linkage method (see :func:`cluster_order`).
    dendrogram : bool, default False
        Draw the clustering tree above the heatmap (an inset Axes, so the
        function still returns one Axes; only with ``order="cluster"``).
    annotate : bool or "lower", optional
        Write each value (two decimals) in its cell; default when there are
        at most 25 states. "lower": only below the diagonal (each pair once;
        the matrix is symmetric).
    min_n : int, default 10
        Cells resting on fewer votes are hatched.
    cmap : str, default "cividis"
        A perceptually uniform colour map readable by colour-blind readers.
    title : str, optional
        Axes title.
    source : str, optional
        Source line under the Axes.
    colorbar : bool, default True
        Draw a colour bar (an inset Axes right of the heatmap).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on (default ``plt.gca()``).
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.imshow`.

    Returns
    -------
    matplotlib.axes.Axes
        The heatmap Axes. ``ax.images[0].get_array()`` holds the values in
        the drawn order (diagonal masked); tick labels are the ISO3 codes;
        the dendrogram and colour bar are in ``ax.child_axes``.

    Raises
    ------
    TypeError
        If `data` is not an AgreementMatrix or DataFrame, or `order` is a
        str other than "cluster" or "given".
    ValueError
        If `data` is empty ("no data to plot") or not square, `measure`
        contradicts the data, a pair has no value while clustering, or
        `order` names unknown states.

    References
    ----------
    .. [1] Voeten, E. (2013). Data and analyses of voting in the UN General
       Assembly (agreement index).
    .. [2] Mullner, D. (2011). Modern hierarchical, agglomerative clustering
       algorithms. arXiv:1109.2378 (scipy's linkage).
    .. [3] Nunez, J. R., Anderton, C. R. and Renslow, R. S. (2018). Optimizing
       colormaps with consideration for color vision deficiency. PLoS ONE
       13(7): e0199239 (cividis).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> import unvotes.plot
    >>> v = pd.DataFrame([[1, .9, .2], [.9, 1, .3], [.2, .3, 1]],
    ...                  index=["GBR", "FRA", "RUS"], columns=["GBR", "FRA", "RUS"])
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> ax = unvotes.plot.agreement_matrix(v, dendrogram=True, ax=ax)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['GBR', 'FRA', 'RUS']
    >>> plt.close(fig)
    """
    value, n = _square(data, n)
    measure = _style.from_data(value, "measure", measure, _style.MEASURE_LABELS, "voeten", "agreement_matrix")
    _check_options(order, annotate)
    ax = _style.get_ax(ax)
    states = [str(s) for s in value.index]
    value.index, value.columns = states, states
    order, Z = _resolve_order(value, order, measure, method, dendrogram)
    k = len(order)
    v = value.loc[order, order].to_numpy(dtype=float)
    label, (lo, hi) = _style.MEASURE_LABELS[measure]
    im = _draw_heatmap(ax, v, order, {**dict(cmap=cmap, vmin=lo, vmax=hi, interpolation="nearest",
                                             aspect="equal"), **kwargs})
    if annotate if annotate is not None else k <= 25:
        _annotate_cells(ax, im, v, lo, hi, lower=annotate == "lower")
    few = _hatch_few(ax, n, order, min_n) if n is not None else 0
    if colorbar:
        _colorbar(ax, im, label + (f"\nhatched: fewer than {min_n} shared votes" if few else ""))
    if dendrogram:
        _draw_dendrogram(ax, Z, k)
    if title is None:
        period = str(value.attrs.get("period", "") or "")  # "year 2025" / "session 79", set by unvotes.agreement_matrix
        title = ("Agreement in the UN General Assembly" + (f", {period}" if period else "")
                 + (", clustered" if Z is not None else ""))
    ax.set_title(title, y=1.19 if dendrogram else None)
    ax.set_xlabel("Member state (ISO 3166-1 alpha-3)")
    _style.add_source(ax, source)
    return ax


def _draw_heatmap(ax, v, order, opts):
    """imshow of `v` (diagonal masked) with the states as tick labels and no frame; returns the image."""
    k = len(order)
    im = ax.imshow(np.ma.masked_invalid(np.where(np.eye(k, dtype=bool), np.nan, v)), **opts)
    ax.set_xticks(np.arange(k), order, rotation=90, fontsize=8)
    ax.set_yticks(np.arange(k), order, fontsize=8)
    ax.tick_params(length=0)
    for sp in ax.spines.values():
        sp.set_visible(False)
    return im


def _resolve_order(value, order, measure, method, dendrogram):
    """(drawn order of the states, linkage matrix or None)."""
    states = list(value.index)
    if isinstance(order, str) and order == "cluster":
        return cluster_order(value, measure=measure, method=method)
    if isinstance(order, str) and order == "given":
        return states, None
    order = [str(s) for s in order]
    bad = [s for s in order if s not in states]
    if bad:
        raise ValueError(f"`order` names states not in `data`: {bad}; states are {states}")
    if dendrogram:
        raise ValueError("`dendrogram=True` needs order='cluster'")
    return order, None


def _annotate_cells(ax, im, v, lo, hi, lower=False):
    """Write each off-diagonal value (two decimals, no leading zero) in its cell, dark or light on the fill."""
    k = len(v)
    cm = im.get_cmap()
    for i in range(k):
        for j in range(i if lower else k):
            if i != j and np.isfinite(v[i, j]):
                rgba = cm((v[i, j] - lo) / (hi - lo))
                ax.text(j, i, f"{v[i, j]:.2f}".replace("0.", ".", 1), ha="center", va="center",
                        fontsize=7 if k <= 12 else 6.5 if k <= 20 else 5.5,
                        color="black" if _style.relative_luminance(rgba[:3]) > 0.35 else "white")


def _hatch_few(ax, n, order, min_n):
    """Hatch the cells resting on fewer than `min_n` shared votes; return how many."""
    from matplotlib.patches import Rectangle

    k = len(order)
    nn = n.loc[order, order].to_numpy(dtype=float)
    few = np.argwhere((nn < min_n) & ~np.eye(k, dtype=bool))
    for i, j in few:
        ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, hatch="xxx", edgecolor="#888888",
                               linewidth=0, gid="few-votes"))
    return len(few)


def _colorbar(ax, im, label):
    cb = ax.figure.colorbar(im, cax=ax.inset_axes([1.03, 0.0, 0.035, 1.0]))
    cb.set_label(label, fontsize=8)
    cb.ax.tick_params(labelsize=7)


def _draw_dendrogram(ax, Z, k):
    from scipy.cluster.hierarchy import dendrogram

    dax = ax.inset_axes([0.0, 1.01, 1.0, 0.16])
    dendrogram(Z, ax=dax, no_labels=True, color_threshold=0, above_threshold_color="#555555")
    dax.set_xlim(0, 10 * k)
    dax.set_axis_off()


def _check_options(order, annotate) -> None:
    if isinstance(order, str) and order not in ("cluster", "given"):
        raise TypeError(f"`order` takes 'cluster', 'given' or a list of ISO3 codes, got the str {order!r}")
    if annotate not in (True, False, None, "lower"):
        raise ValueError(f"`annotate` must be True, False, None or 'lower', got {annotate!r}")
