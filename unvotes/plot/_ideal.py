"""Plots of ideal points (private module; the functions are exported by
:mod:`unvotes.plot`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import _style
from ..record.states import resolve_states
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from typing import Any
    from ..ideal.result import IdealPoints
    from ..record._types import StatesLike

__all__ = ["plot_ideal_points", "plot_ideal_map"]

_SOURCE = "Source: UN General Assembly roll calls (unvotes); ideal points by unvotes.ideal_points"


def _check_fit(fit):
    from ..ideal.model import IdealPoints

    if not isinstance(fit, IdealPoints):
        raise TypeError(f"`fit` must be the result of unvotes.ideal_points(...), got {type(fit).__name__}")


def _axes(ax):
    from ._style import get_ax

    return get_ax(ax)


def _source_line(ax, fit, text):
    import textwrap

    kind = "dynamic" if fit.dynamic else "static"
    text = text or f"{_SOURCE} ({kind} {fit.model}, anchor {fit.anchor} > 0)"
    # wrapped to the Axes' width so that it stays inside the figure
    chars = max(40, int(ax.figure.get_figwidth() * ax.get_position().width * 72 / (0.55 * 7)))
    ax.annotate(
        "\n".join(textwrap.fill(part, chars) for part in str(text).split("\n")),
        xy=(0, 0), xycoords="axes fraction", xytext=(0, -30), textcoords="offset points",
        ha="left", va="top", fontsize="x-small", color="0.4",
    )



def _check_highlight(highlight, fit, d, period):
    """ISO3 codes (any case) to label; unknown codes raise, codes absent from the period warn."""
    import warnings

    from ..errors import UnknownStateError, close_matches

    if isinstance(highlight, str):
        highlight = [highlight]
    out = []
    have = set(fit.estimates["state"])
    here = set(d["state"])
    for s in highlight:
        code = resolve_states(s, among=have, param="highlight")[0]  # a name, code or COW number
        if code not in have:
            sug = close_matches(code, have, cutoff=0.5)
            raise UnknownStateError(
                f"{s!r} in `highlight` has no ideal point in this fit; use ISO3 codes such as 'USA'"
                + (f" (close codes: {', '.join(sug)})" if sug else ""),
                key=s,
                suggestions=sug,
            )
        if code not in here:
            warnings.warn(f"{code} in `highlight` has no ideal point in period {period}; it is not labelled",
                          UserWarning, stacklevel=3)
        out.append(code)
    return out


def _label(fit, state):
    return state


def plot_ideal_points(
    fit: IdealPoints,
    states: StatesLike,
    *,
    ax: Axes | None = None,
    band: bool = True,
    title: str | None = None,
    source: str | None = None,
    **kwargs: Any,
) -> Axes:
    """Ideal points over time for chosen states.

    One line per state (``Axes.plot``), with a shaded band of
    ``lower``-``upper`` (``Axes.fill_between``; the variational interval,
    too narrow, see :func:`unvotes.ideal_points`).

    Parameters
    ----------
    fit : IdealPoints
        Result of :func:`unvotes.ideal_points`.
    states : str or sequence of str
        ISO 3166-1 alpha-3 codes (``["USA", "RUS", "CHN"]``).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on (default: the current Axes).
    band : bool, default True
        Draw the ``lower``-``upper`` band.
    title : str, optional
        Title (default names the model and the anchor).
    source : str, optional
        Source line under the plot (default names unvotes and the model).
    **kwargs
        Passed to ``Axes.plot`` over the defaults ``linewidth=1.5``,
        ``marker="o"``, ``markersize=2``.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError
        If ``fit`` is not an :class:`~unvotes.IdealPoints`.
    UnknownStateError
        If a state has no estimate in ``fit`` (suggests close codes).

    References
    ----------
    Bailey, Strezhnev and Voeten (2017), *JCR* 61(2): 430-456, Fig. 2 (ideal
    points of chosen states over sessions).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import unvotes
    >>> from unvotes.plot import plot_ideal_points
    >>> fit = unvotes.ideal_points(unvotes.load().select(sessions=range(70, 75)), progress=False)
    >>> ax = plot_ideal_points(fit, ["USA", "RUS", "CHN"])
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['USA', 'RUS', 'CHN']
    >>> ax.get_xlabel()
    'Session'
    """
    from ..errors import UnknownStateError, close_matches

    _check_fit(fit)
    states = resolve_states(states, among=set(fit.estimates["state"]))  # names, codes or COW numbers
    est = fit.estimates
    have = set(est["state"])
    for s in states:
        if s not in have:
            sug = close_matches(s, have, cutoff=0.5)
            raise UnknownStateError(
                f"state {s!r} has no ideal point in this fit; states are ISO3 codes such as 'USA'; "
                f"close codes: {sug}",
                key=s,
                suggestions=sug,
            )
    ax = _axes(ax)
    opts: dict[str, Any] = {"linewidth": 1.5, "marker": "o", "markersize": 2}
    opts.update(kwargs)
    for s in states:
        color, style, _ = _style.series_style(s)  # the state's colour in every chart
        d = est[est["state"] == s].sort_values("period")
        # break the line where a state has no estimate (gaps in membership)
        full = pd.RangeIndex(d["period"].min(), d["period"].max() + 1)
        d = d.set_index("period").reindex(full)
        (line,) = ax.plot(d.index.to_numpy(), d["ideal_point"].to_numpy(), label=s,
                          **{"color": color, "linestyle": style, **opts})
        if band:
            ax.fill_between(d.index.to_numpy(), d["lower"].to_numpy(), d["upper"].to_numpy(),
                            color=line.get_color(), alpha=0.2, linewidth=0)
    ax.axhline(0, color="0.6", linewidth=0.8, zorder=0)
    ax.set_xlabel("Session" if fit.by == "session" else "Year")
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # sessions and years are whole numbers (no 75.5)
    ax.set_ylabel(f"Ideal point (SD units; higher = closer to {fit.anchor})")
    kind = "Dynamic" if fit.dynamic else "Static"
    ax.set_title(title if title is not None else f"{kind} {fit.model} ideal points, UN General Assembly")
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))  # off the lines
    _source_line(ax, fit, source)
    return ax


def plot_ideal_map(
    fit: IdealPoints,
    period: int,
    *,
    ax: Axes | None = None,
    highlight: StatesLike | None = None,
    title: str | None = None,
    source: str | None = None,
    **kwargs: Any,
) -> Axes:
    """A one-period map of all states on the ideal-point line.

    States are sorted by ideal point and drawn as dots (``Axes.scatter``)
    with their ``lower``-``upper`` interval (``Axes.hlines``); the
    highlighted states are labelled.

    Parameters
    ----------
    fit : IdealPoints
        Result of :func:`unvotes.ideal_points`.
    period : int
        Session (or year, for ``by="year"`` fits) to draw.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on (default: the current Axes).
    highlight : sequence of str, optional
        ISO3 codes to label, any case (default: the anchor and the two
        states at each end).
    title, source : str, optional
        Title and source line (defaults name the period, model and anchor).
    **kwargs
        Passed to ``Axes.scatter`` over the defaults ``s=10``, ``color="0.3"``.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError
        If ``fit`` is not an :class:`~unvotes.IdealPoints` or a code in
        ``highlight`` is not a str.
    ValueError
        If ``period`` has no estimates (names the periods that do).
    UnknownStateError
        If a code in ``highlight`` has no ideal point in ``fit`` (suggests
        close codes). A state of the fit with no estimate in ``period`` is
        skipped with a warning naming it.

    References
    ----------
    Bailey, Strezhnev and Voeten (2017), *JCR* 61(2): 430-456.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import unvotes
    >>> from unvotes.plot import plot_ideal_map
    >>> fit = unvotes.ideal_points(unvotes.load().select(sessions=range(70, 75)), progress=False)
    >>> ax = plot_ideal_map(fit, 74, highlight=["USA", "CHN"])
    >>> ax.collections[1].get_offsets().shape  # one dot per state
    (193, 2)
    >>> sorted(t.get_text() for t in ax.texts if t.get_text() in ("USA", "CHN"))
    ['CHN', 'USA']
    """
    _check_fit(fit)
    est = fit.estimates
    d = est[est["period"] == period].sort_values("ideal_point").reset_index(drop=True)
    if d.empty:
        ps = sorted(set(est["period"]))
        raise ValueError(f"no ideal points for period {period!r}; this fit has periods {ps[0]} to {ps[-1]}")
    if highlight is None:
        highlight = list(d["state"].iloc[:2]) + list(d["state"].iloc[-2:])
        if fit.anchor is not None and fit.anchor not in highlight:
            highlight.append(fit.anchor)
    else:
        highlight = _check_highlight(highlight, fit, d, period)
    ax = _axes(ax)
    y = np.arange(len(d))
    ax.hlines(y, d["lower"], d["upper"], color="0.75", linewidth=1)
    opts: dict[str, Any] = {"s": 10, "color": "0.3"}
    opts.update(kwargs)
    ax.scatter(d["ideal_point"], y, zorder=3, **opts)
    hl = d[d["state"].isin(highlight)]
    colors = [_style.series_style(st)[0] for st in hl["state"]]  # each state's colour in every chart
    ax.scatter(hl["ideal_point"], hl.index, color=colors, s=opts["s"] * 2, zorder=4)
    for (k, row), c in zip(hl.iterrows(), colors):
        ax.annotate(row["state"], (row["ideal_point"], k), xytext=(5, 0), textcoords="offset points",
                    va="center", fontsize="small", color=c)
    ax.set_yticks([])
    ax.set_xlabel(f"Ideal point (SD units; higher = closer to {fit.anchor})")
    ax.set_ylabel(f"States, sorted ({len(d)})")
    unit = "session" if fit.by == "session" else "year"
    kind = "dynamic" if fit.dynamic else "static"
    ax.set_title(title if title is not None else f"Ideal points of all states, {unit} {period} ({kind} {fit.model})")
    _source_line(ax, fit, source)
    return ax
