"""Line chart of agreement over time (pairs of states, or states with a reference)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import _style
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping
    from matplotlib.axes import Axes
    from typing import Any
    from ..record._types import StatesLike

__all__ = ["alignment"]

_PERIOD_LABELS = {"year": "Calendar year", "session": "General Assembly session"}


def alignment(data: pd.DataFrame, *, states: StatesLike | None = None, measure: str | None = "voeten",
              by: str = "year", smooth: int | None = None, min_n: int = 10, labels: Mapping[str, str] | None = None,
              title: str | None = None, legend: str | None = "outside", source: str | None = _style.DEFAULT_SOURCE,
              ax: Axes | None = None, **kwargs: Any) -> Axes:
    """Plot agreement of pairs of states, or of states with a reference, over time.

    One line per series; points resting on fewer than `min_n` votes get a
    hollow marker, and periods without a value break the line.

    Parameters
    ----------
    data : pandas.DataFrame
        Either the output of :func:`unvotes.agreement_with` (columns
        ``state``, ``reference``, ``period``, ``value``, ``n``: one series
        per state, compared with its reference), or of
        :func:`unvotes.agreement` (columns ``state_a``, ``state_b``,
        ``period``, ``value``, ``n``: one series per pair). With the
        interval columns ``lower`` and ``upper`` (``ci=0.95`` of those
        functions) each series' interval is shaded behind its line.
    states : list of str, optional
        ISO 3166-1 alpha-3 codes of the series to draw (the ``state`` of
        ``agreement_with`` output, or either member of a pair), in legend
        order. Default: every series, in order of appearance.
    measure : str, default "voeten"
        The measure that produced `data` (one of
        :data:`unvotes.alignment.MEASURES`); sets the y-axis label and range.
        When `data` records its measure (``data.attrs["measure"]``, set by
        :func:`unvotes.agreement_with` and :func:`unvotes.agreement`), that
        one is used and another non-default measure is an error.
    by : {"year", "session"}, default "year"
        What ``period`` counts (x-axis label); likewise ``data.attrs["by"]``
        wins and a contradicting non-default value is an error.
    smooth : int, optional
        Width of a centred rolling window, in periods: the main line is the
        mean of the period values in the window (each period weighs the
        same, so a year of many votes such as 2025 does not spill into its
        neighbours) and the raw values are drawn as a thin line.
    min_n : int, default 10
        Points whose ``n`` (votes counted) is below this get a hollow marker.
    labels : dict, optional
        ISO3 code -> display name (default: short UN names).
    title : str, optional
        Axes title (default built from the reference or pairs).
    legend : {"outside", "best"} or None, default "outside"
        Legend right of the Axes (off the data), inside where it hides
        least, or none. With more than 12 series there is no legend (it
        would cover the plot); a note says to pass a few states instead.
    source : str, optional
        Source line written under the Axes (None or "" for none).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on (default ``plt.gca()``).
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.plot` for every series line
        (overriding the house colour, line style and width).

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on. Each series line has ``gid="series:<label>"``.

    Raises
    ------
    TypeError
        If `data` is not a DataFrame or `ax` is not an Axes.
    ValueError
        If `data` has no rows ("no data to plot") or lacks the columns
        above, `measure` or `by` is unknown or contradicts ``data.attrs``,
        `smooth` or `min_n` is not a positive int, or a state in `states`
        has no series in `data`.

    See Also
    --------
    unvotes.agreement_with, unvotes.agreement : compute `data`.

    References
    ----------
    .. [1] Voeten, E. (2013). Data and analyses of voting in the UN General
       Assembly. In Reinalda (ed.), Routledge Handbook of International
       Organization (agreement index).
    .. [2] Tol, P. (2021) and Okabe & Ito (2008), colour schemes (see
       ``unvotes.plot._style``).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> import unvotes.plot
    >>> df = pd.DataFrame({"state": ["GBR", "GBR", "RUS", "RUS"], "reference": "USA",
    ...                    "period": [2024, 2025, 2024, 2025], "value": [0.8, 0.6, 0.2, 0.5],
    ...                    "n": [80, 120, 80, 9]})
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> ax = unvotes.plot.alignment(df, ax=ax)
    >>> [line.get_label() for line in ax.get_lines() if line.get_gid().startswith("series:")]
    ['United Kingdom', 'Russia']
    >>> [float(y) for y in ax.get_ylim()]
    [0.0, 1.0]
    >>> plt.close(fig)
    """
    kind, keys = _series_keys(data)
    measure = _style.from_data(data, "measure", measure, _style.MEASURE_LABELS, "voeten", "alignment")
    by = _style.from_data(data, "by", by, _PERIOD_LABELS, "year", "alignment")
    _check_windows(smooth, min_n)
    ax = _style.get_ax(ax)
    name = _namer(dict(labels or {}))
    few_any = _draw_all(ax, data, keys, _chosen(list(dict.fromkeys(keys)), states, kind), kind, name, min_n, smooth,
                        kwargs)
    ylabel, ylim = _style.MEASURE_LABELS[measure]
    ax.set_ylim(*ylim)
    ax.set_ylabel(ylabel)
    ax.set_xlabel(_PERIOD_LABELS[by])
    if title is None:
        title = _style.wrap_title(ax, _default_title(data, kind, name, by, smooth))
    ax.set_title(title)
    _style.mark_partial_year(ax, data, by)
    band = data.attrs.get("ci", 0.95) if _style.interval_of(data) is not None else None
    return _style.finish_series_axes(ax, legend=legend, few_any=few_any, min_n=min_n, source=source, band=band)


def _draw_all(ax, data, keys, chosen, kind, name, min_n, smooth, kwargs) -> bool:
    """Draw the chosen series (line, hollow few-vote markers, interval band); True if any point rests on few votes."""
    few_any = False
    for key in chosen:
        sub = data[keys.to_numpy() == key]
        label = name(key) if kind == "reference" else " - ".join(name(c) for c in key.split("-"))
        _style.draw_series(ax, sub["period"].to_numpy(), sub["value"].to_numpy(), sub["n"].to_numpy(),
                           label=label, key=key, min_n=min_n, smooth=smooth, band=_style.interval_of(sub), **kwargs)
        few_any |= bool(((sub["n"] < min_n) & sub["value"].notna()).any())
    return few_any


def _namer(labels):
    """code -> display name: `labels` first, else the short UN name."""
    return lambda code: labels.get(code, _style.display_name(code))


def _series_keys(data):
    """("reference" or "pairs", the series key of each row); checks the columns and rows."""
    _style.check_columns(data, ["period", "value", "n"], "alignment",
                         "the output of unvotes.agreement_with() or unvotes.agreement()")
    if "state" in data.columns and "reference" in data.columns:
        kind, keys = "reference", data["state"].astype(str)
    elif "state_a" in data.columns and "state_b" in data.columns:
        kind, keys = "pairs", data["state_a"].astype(str) + "-" + data["state_b"].astype(str)
    else:
        raise ValueError("`data` of unvotes.plot.alignment() needs the columns state and reference "
                         "(unvotes.agreement_with) or state_a and state_b (unvotes.agreement); it has "
                         f"{list(data.columns)}")
    _style.check_not_empty(data, "alignment", "no pair of states shared a vote after the filters; widen "
                           "record.select(...) or the states")
    _style.check_values(data, "alignment", "no pair had a vote that counts for the measure; widen record.select(...) or choose another measure")
    return kind, keys


def _check_windows(smooth, min_n):
    if smooth is not None and (not isinstance(smooth, (int, np.integer)) or isinstance(smooth, bool) or smooth < 1):
        raise ValueError(f"`smooth` must be a positive int (window in periods) or None, got {smooth!r}")
    if not isinstance(min_n, (int, np.integer)) or isinstance(min_n, bool) or min_n < 0:
        raise ValueError(f"`min_n` must be a non-negative int, got {min_n!r}")


def _chosen(present, states, kind):
    """The series keys to draw, in legend order (every series when `states` is None)."""
    if states is None:
        return present
    from ..record.states import resolve_states

    wanted = resolve_states(states, among={c for k in present for c in str(k).split("-")})
    chosen = []
    for s in wanted:
        hit = [k for k in present if k == s or (kind == "pairs" and s in k.split("-"))]
        if not hit:
            raise ValueError(f"no series for {s!r} in `data`; series present: {present}")
        chosen += [h for h in hit if h not in chosen]
    return chosen


def _default_title(data, kind, name, by, smooth):
    if kind == "reference":
        refs = list(dict.fromkeys(data["reference"].astype(str)))
        title = f"Agreement with {', '.join(_style.with_article(name(r)) for r in refs)} in the UN General Assembly"
    else:
        title = "Agreement between pairs of states in the UN General Assembly"
    p = pd.to_numeric(data["period"])
    if len(p):
        title += f", {p.min()}-{p.max()}" if by == "year" else f", sessions {p.min()}-{p.max()}"
    if smooth:
        title += f" ({smooth}-{by} rolling mean)"
    return title
