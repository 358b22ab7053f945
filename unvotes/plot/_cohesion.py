"""Line chart of a bloc's cohesion over time."""

from __future__ import annotations

import numpy as np

from . import _style
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd
    from collections.abc import Mapping
    from matplotlib.axes import Axes
    from typing import Any
    from ..record._types import StrsLike

__all__ = ["cohesion"]

#: Index id -> (axis label, (ymin, ymax)).
_INDEX_LABELS = {
    "rice": ("Rice index of cohesion (0 to 1)", (0.0, 1.0)),
    "hnr": ("Agreement index, Hix-Noury-Roland (0 to 1)", (0.0, 1.0)),
    "attina": ("Attina index (-1/3 to 1)", (-1 / 3, 1.0)),
    "majority_share": ("Share of members voting with the bloc majority (0 to 1)", (0.0, 1.0)),
}

_PERIOD_LABELS = {"year": "Calendar year", "session": "General Assembly session"}


def cohesion(data: pd.DataFrame, *, blocs: StrsLike | None = None, index: str = "hnr", by: str = "year",
             smooth: int | None = None, min_n: int = 10, labels: Mapping[str, str] | None = None,
             title: str | None = None, legend: str | None = "outside", source: str | None = _style.DEFAULT_SOURCE,
             ax: Axes | None = None, **kwargs: Any) -> Axes:
    """Plot the cohesion of one or more blocs over time.

    Parameters
    ----------
    data : pandas.DataFrame
        Output of :func:`unvotes.rice`, :func:`unvotes.agreement_index` or
        :func:`unvotes.majority_share` aggregated by period: columns
        ``bloc``, ``period`` (int), ``value`` (float) and ``n`` (roll calls
        averaged, int); with ``lower`` and ``upper`` (``ci=0.95``) the
        interval is shaded behind each line.
    blocs : list of str, optional
        Blocs to draw, in legend order (default: all, in order of appearance).
    index : {"hnr", "rice", "attina", "majority_share"}, default "hnr"
        The index in `data`; sets the y-axis label and range. When `data`
        records its index (``data.attrs["index"]``, set by :func:`unvotes.rice`,
        :func:`unvotes.agreement_index` and :func:`unvotes.majority_share`),
        that one is used and another non-default index is an error.
    by : {"year", "session"}, default "year"
        What ``period`` counts (x-axis label); likewise ``data.attrs["by"]``
        wins and a contradicting non-default value is an error.
    smooth : int, optional
        Centred rolling window in periods; the main line is the mean of the
        period values in the window, the raw values a thin line.
    min_n : int, default 10
        Periods averaging fewer roll calls get a hollow marker.
    labels : dict, optional
        Bloc id -> display name.
    title : str, optional
        Axes title (default "Cohesion of <blocs> in the UN General Assembly").
    legend : {"outside", "best"} or None, default "outside"
        Legend right of the Axes (off the data), inside where it hides
        least, or none. With more than 12 series there is no legend (it
        would cover the plot); a note says to pass a few states instead.
    source : str, optional
        Source line under the Axes (None or "" for none).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on (default ``plt.gca()``).
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.plot` for every bloc line.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on; each bloc line has ``gid="series:<label>"``.

    Raises
    ------
    TypeError
        If `data` is not a DataFrame or `ax` not an Axes.
    ValueError
        If `data` has no rows ("no data to plot"), columns are missing,
        `index`/`by` is unknown or contradicts ``data.attrs``, or a bloc in
        `blocs` is not in `data`.

    References
    ----------
    .. [1] Rice, S. A. (1925). The behavior of legislative groups. Political
       Science Quarterly 40(1): 60-72.
    .. [2] Hix, S., Noury, A. and Roland, G. (2005). Power to the parties:
       cohesion and competition in the European Parliament, 1979-2001.
       British Journal of Political Science 35(2): 209-234.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> import unvotes.plot
    >>> df = pd.DataFrame({"bloc": ["EU"] * 3, "period": [2023, 2024, 2025],
    ...                    "value": [0.95, 0.93, 0.90], "n": [88, 93, 190]})
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> ax = unvotes.plot.cohesion(df, ax=ax)
    >>> ax.get_lines()[0].get_ydata().tolist()
    [0.95, 0.93, 0.9]
    >>> ax.get_ylabel()
    'Agreement index, Hix-Noury-Roland (0 to 1)'
    >>> plt.close(fig)
    """
    _style.check_columns(data, ["bloc", "period", "value", "n"], "cohesion",
                         "the output of unvotes.rice() or unvotes.agreement_index() with by='year' or 'session'")
    _style.check_not_empty(data, "cohesion", "no roll call of the bloc after the filters; widen "
                           "record.select(...)")
    _style.check_values(data, "cohesion", "no bloc had a cohesion value after the filters")
    index = _style.from_data(data, "index", index, _INDEX_LABELS, "hnr", "cohesion")
    by = _style.from_data(data, "by", by, _PERIOD_LABELS, "year", "cohesion")
    if smooth is not None and (not isinstance(smooth, (int, np.integer)) or isinstance(smooth, bool) or smooth < 1):
        raise ValueError(f"`smooth` must be a positive int (window in periods) or None, got {smooth!r}")
    ax = _style.get_ax(ax)
    labels = dict(labels or {})
    key = data["bloc"].astype(str)
    chosen = _chosen_blocs(key, blocs)
    few_any = False
    for b in chosen:
        sub = data[key.to_numpy() == b]
        _style.draw_series(ax, sub["period"].to_numpy(), sub["value"].to_numpy(), sub["n"].to_numpy(),
                           label=labels.get(b, b), key=b, min_n=min_n, smooth=smooth,
                           band=_style.interval_of(sub), **kwargs)
        few_any |= bool(((sub["n"] < min_n) & sub["value"].notna()).any())
    ylabel, ylim = _INDEX_LABELS[index]
    ax.set_ylim(*ylim)
    ax.set_ylabel(ylabel)
    ax.set_xlabel(_PERIOD_LABELS[by])
    if title is None:
        title = f"Cohesion of {', '.join(labels.get(b, b) for b in chosen)} in the UN General Assembly"
        title = _style.wrap_title(ax, title)
    ax.set_title(title)
    _style.mark_partial_year(ax, data, by)
    band = data.attrs.get("ci", 0.95) if _style.interval_of(data) is not None else None
    return _style.finish_series_axes(ax, legend=legend, few_any=few_any, min_n=min_n, source=source, band=band)


def _chosen_blocs(key, blocs) -> list:
    """The blocs to draw: all of `data`'s (in order of appearance), or those asked for, each present."""
    present = list(dict.fromkeys(key))
    if blocs is None:
        return present
    chosen = [blocs] if isinstance(blocs, str) else list(blocs)
    bad = [b for b in chosen if b not in present]
    if bad:
        raise ValueError(f"bloc(s) {bad} not in `data`; blocs present: {present}")
    return chosen
