"""Waterfall chart of :func:`unvotes.explain_change`: from one period's agreement to the next."""

from __future__ import annotations

import numpy as np

from . import _style
from ..metrics.explain import _period_text
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from ..metrics.explain import ChangeExplanation

__all__ = ["change"]

_DOWN, _UP, _TOTAL = "#D55E00", "#0072B2", "#7F7F7F"


def _steps_by_part(ex):
    lin = ex.by_lineage
    new = lin["n_before"] == 0
    gone = lin["n_after"] == 0
    p0, p1 = (_period_text(p) for p in ex.periods)
    return [
        ("Changed votes, same resolutions", float(lin["behaviour"].sum())),
        (f"Resolutions not voted in {p0}", float(lin.loc[new, "mix"].sum())),
        (f"{p0} resolutions not voted again", float(lin.loc[gone, "mix"].sum())),
        ("Repeated ones, changed weight", float(lin.loc[~new & ~gone, "mix"].sum())),
    ]


def _steps_by_issue(ex, top):
    df = ex.by_issue.reindex(ex.by_issue["total"].abs().sort_values(ascending=False).index)
    steps = [(str(r.label).capitalize(), float(r.total)) for r in df.head(top).itertuples()]
    rest = float(df["total"].iloc[top:].sum())
    if len(df) > top:
        steps.append((f"{len(df) - top} other issue(s)", rest))
    return steps


def change(
    explanation: ChangeExplanation,
    *,
    by: str = "part",
    top: int = 5,
    title: str | None = None,
    source: str | None = _style.DEFAULT_SOURCE,
    ax: Axes | None = None,
) -> Axes:
    """Waterfall chart of a change of agreement: the first period's value, its parts, the second's.

    Parameters
    ----------
    explanation : unvotes.ChangeExplanation
        The result of :func:`unvotes.explain_change`.
    by : {"part", "issue"}, default "part"
        ``"part"``: changed votes on repeated resolutions, new roll calls,
        resolutions not voted again and other shifts of the mix (they add up
        to the change); ``"issue"``: the change by issue code (changed votes
        and mix together), the `top` largest and the rest.
    top : int, default 5
        Issues drawn with ``by="issue"``.
    title : str, optional
        Axes title (default: "<a> and <b>: agreement fell/rose from <v0> in <p0> to <v1> in <p1>").
    source : str, optional
        Source line under the Axes (None or "" for none).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on (default ``plt.gca()``).

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    TypeError
        If `explanation` is not a ChangeExplanation.
    ValueError
        For an unknown `by`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import unvotes, unvotes.plot
    >>> ex = unvotes.explain_change(unvotes.load(), "USA", "GBR", 2024, 2025)
    >>> ax = unvotes.plot.change(ex)
    >>> [t.get_text() for t in ax.get_yticklabels()][0]
    '2024 (92 roll calls)'
    """
    from ..metrics.explain import ChangeExplanation

    if not isinstance(explanation, ChangeExplanation):
        raise TypeError(f"`explanation` must be the result of unvotes.explain_change(), got "
                        f"{type(explanation).__name__}")
    if by not in ("part", "issue"):
        raise ValueError(f"`by` must be 'part' or 'issue', got {by!r}")
    ex = explanation
    steps = _steps_by_part(ex) if by == "part" else _steps_by_issue(ex, top)
    ax = _style.get_ax(ax)
    p0, p1 = (_period_text(p) for p in ex.periods)
    labels = [f"{p0} ({ex.n_before} roll calls)"] + [s[0].replace("\n", " ") for s in steps] + \
        [f"{p1} ({ex.n_after} roll calls)"]
    y = -np.arange(len(labels), dtype=float)  # top to bottom
    ax.barh(y[0], ex.before, color=_TOTAL, height=0.6)
    ax.barh(y[-1], ex.after, color=_TOTAL, height=0.6)
    level = ex.before
    for i, (_, d) in enumerate(steps, start=1):
        ax.barh(y[i], d, left=level, color=_DOWN if d < 0 else _UP, height=0.6)
        ax.plot([level, level], [y[i - 1] - 0.3, y[i] + 0.3], color="#444444", lw=0.8)
        ax.annotate(f"{d:+.2f}", (min(level, level + d), y[i]), xytext=(-4, 0), textcoords="offset points",
                    ha="right", va="center", fontsize=9)
        level += d
    ax.plot([level, level], [y[-2] - 0.3, y[-1] + 0.3], color="#444444", lw=0.8)
    for i, v in ((0, ex.before), (len(labels) - 1, ex.after)):
        ax.annotate(f"{v:.2f}", (v, y[i]), xytext=(4, 0), textcoords="offset points",
                    ha="left", va="center", fontsize=9, fontweight="bold")
    ax.set_yticks(y, labels, fontsize=9)
    lo, hi = _style.MEASURE_LABELS.get(ex.measure, ("", (0.0, 1.0)))[1]
    ax.set_xlim(lo, hi)
    ax.set_xlabel(_style.MEASURE_LABELS.get(ex.measure, (f"Agreement ({ex.measure})",))[0])
    ax.spines[["top", "right"]].set_visible(False)
    a, b = _style.display_name(ex.a), _style.display_name(ex.b)
    verb = "fell" if ex.change < 0 else "rose"
    ax.set_title(title if title is not None else _style.wrap_title(
        ax, f"{a} and {b}: agreement {verb} from {ex.before:.2f} in {p0} to {ex.after:.2f} in {p1}"
            + (" - what changed" if by == "part" else " - by issue")), fontsize=11)
    _style.add_source(ax, source, width=70)  # the axes start right of long labels: a short line fits
    return ax


