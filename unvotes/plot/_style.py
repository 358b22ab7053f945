"""Shared helpers of the plots: vote colours, measure labels, the source line.

Nothing here touches matplotlib's global state: no ``rcParams`` change, no
``plt.style.use``, no ``plt.show()``. Every helper draws on the Axes or Figure
it is given.

The vote colours are Paul Tol's "high-contrast" scheme, designed to stay
distinct for colour-blind readers and in grayscale print: its three colours
differ clearly in lightness (blue darkest, red, then yellow), and "absent" and
"non-member" are light greys with a hatch, so a photocopy still tells the five
vote states apart.

A state has one colour in every chart (:func:`series_style`): the United
States, Russia, China, the United Kingdom, France and Germany have fixed
Okabe-Ito colours (:data:`FIXED_STATE_COLORS`); any other series takes the
next colour of :data:`SERIES_COLORS` the first time it is drawn in a session.

References
----------
.. [1] Tol, P. (2021). Colour Schemes. SRON technical note
   SRON/EPS/TN/09-002, issue 3.2, section "high-contrast" (personal.sron.nl/~pault/).
.. [2] Okabe, M. and Ito, K. (2008). Color Universal Design (CUD): how to make
   figures and presentations that are friendly to colorblind people
   (jfly.uni-koeln.de/color/), the palette used for line series.
"""

from __future__ import annotations


import numpy as np

__all__: list[str] = []

#: Vote label -> fill colour (Tol high-contrast + light greys).
VOTE_COLORS = {
    "yes": "#004488",
    "no": "#BB5566",
    "abstain": "#DDAA33",
    "absent": "#DDDDDD",
    "non_member": "#FFFFFF",
}
#: Vote label -> hatch (extra cue in grayscale for the two non-votes).
VOTE_HATCHES = {"yes": "", "no": "", "abstain": "", "absent": "///", "non_member": "..."}
#: Vote label -> legend text.
VOTE_TEXT = {"yes": "Yes", "no": "No", "abstain": "Abstain", "absent": "Absent (Member, no vote)",
             "non_member": "Not a UN Member"}

#: One colour per state in every chart (Okabe & Ito 2008, colour-blind safe): the six
#: states most charts are about keep the same colour whatever the order or company.
FIXED_STATE_COLORS = {
    "USA": "#0072B2",  # blue
    "RUS": "#D55E00",  # vermillion
    "CHN": "#CC79A7",  # reddish purple
    "GBR": "#000000",  # black
    "FRA": "#E69F00",  # orange
    "DEU": "#009E73",  # bluish green
}
#: Colours for every other series (state, pair or bloc), handed out in order of first
#: appearance in a Python session and then kept for that key: Okabe-Ito's sky blue, then
#: Paul Tol's "muted" scheme (also colour-blind safe). Pale yellows are left out (lines on white).
SERIES_COLORS = ("#56B4E9", "#882255", "#117733", "#332288", "#999933", "#44AA99", "#AA4499", "#CC6677",
                 "#88CCEE", "#DDCC77")
#: Line styles and markers, so that series also differ in grayscale and after the
#: colours run out (paired with the colour: a key keeps its style too).
SERIES_STYLES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1)), (0, (3, 1)), "-", "--", "-.", ":")
SERIES_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*", "h", "p")
_FIXED_STYLES = {"USA": 0, "RUS": 3, "CHN": 2, "GBR": 0, "FRA": 1, "DEU": 2}
_SESSION_KEYS: dict = {}

#: More series than this get no legend (it would cover the plot); a note says so.
MAX_LEGEND = 12

#: Measure id -> (axis label, (ymin, ymax)) for the measures of unvotes.alignment.
MEASURE_LABELS = {
    "percent": ("Agreement, share of identical votes (0 to 1)", (0.0, 1.0)),
    "yes_no": ("Agreement on yes/no votes, share (0 to 1)", (0.0, 1.0)),
    "lijphart": ("Lijphart index of agreement (0 to 1)", (0.0, 1.0)),
    "voeten": ("Agreement index, Voeten (0 to 1)", (0.0, 1.0)),
    "state_dept_2016": ("Voting coincidence, State Dept. rule to 2016 (0 to 1)", (0.0, 1.0)),
    "state_dept_2017": ("Voting coincidence, State Dept. rule 2017-2020 (0 to 1)", (0.0, 1.0)),
    "state_dept_2021": ("Voting coincidence, State Dept. rule from 2021 (0 to 1)", (0.0, 1.0)),
    "s_score": ("S-score, absolute distance (-1 to 1)", (-1.0, 1.0)),
    "s_score_squared": ("S-score, squared distance (-1 to 1)", (-1.0, 1.0)),
    "kappa": ("Cohen's kappa (-1 to 1)", (-1.0, 1.0)),
    "pi": ("Scott's pi (-1 to 1)", (-1.0, 1.0)),
    "bsv": ("Agreement, share of identical votes, BSV's rule (0 to 1)", (0.0, 1.0)),
    "widyr": ("Pearson correlation, non-votes as 0, widyr (-1 to 1)", (-1.0, 1.0)),
}

#: Default source line.
DEFAULT_SOURCE = "Source: UN General Assembly recorded votes (Voeten; UN DGACM; UN Digital Library) via unvotes"

_SOURCE_NAMES = {
    "voeten_r": "Voeten (Harvard Dataverse, CC0)",
    "unxml": "UN DGACM",
    "undl_un_data": "UN Digital Library",
    "undl_3dl": "UN Digital Library",
    "press": "UN press releases",
}


def source_text(record=None, sources=None) -> str:
    """The source line for the roll calls of `record` (or a list of source ids).

    Names each source of the roll calls drawn (``roll_calls.source``), in
    order of first use, e.g. ``"Source: UN DGACM; UN Digital Library, via
    unvotes"``.
    """
    if sources is None and record is not None and "source" in record.roll_calls:
        sources = list(record.roll_calls["source"].astype(str).unique())
    if not sources:
        return DEFAULT_SOURCE
    names = list(dict.fromkeys(_SOURCE_NAMES.get(str(s), str(s)) for s in sources))
    return "Source: UN General Assembly recorded votes, " + "; ".join(names) + ", via unvotes"


def add_source(target, text: str | None, width: int = 120):
    """Write the source line under `target` (an Axes, or a Figure for multi-panel plots).

    On an Axes the line is an annotation placed under the x-axis label, left
    aligned with the Axes, so ``tight_layout``, ``constrained_layout`` and
    ``bbox_inches="tight"`` make room for it. On a Figure it is a figure
    text at the bottom left. Lines longer than `width` characters are
    wrapped. Returns the Text artist (``gid`` is
    ``"unvotes-source"``), or None when `text` is empty.
    """
    from matplotlib.figure import Figure

    if not text:
        return None
    import textwrap

    text = "\n".join(textwrap.fill(part, width) for part in str(text).split("\n"))
    if isinstance(target, Figure):
        return target.text(0.01, 0.01, text, ha="left", va="bottom", fontsize=7, color="#444444",
                           gid="unvotes-source")
    label = target.xaxis.label
    anchor = label if label.get_text() else target
    return target.annotate(text, xy=(0, 0), xycoords=("axes fraction", anchor), xytext=(0, -6),
                           textcoords="offset points", ha="left", va="top", fontsize=7, color="#444444",
                           annotation_clip=False, gid="unvotes-source")


def get_ax(ax):
    """`ax`, or the current Axes (``plt.gca()``) when `ax` is None.

    When no figure is open, the new figure gets constrained layout (on that
    figure only, never through ``rcParams``), so that the title, the axis
    labels and the source line fit inside it even when it is saved without
    ``bbox_inches="tight"``.
    """
    if ax is None:
        import matplotlib.pyplot as plt  # only here: a report or a user's own Figure never needs pyplot

        if not plt.get_fignums():
            plt.figure(layout="constrained")
        return plt.gca()
    if not hasattr(ax, "plot") or not hasattr(ax, "figure"):
        raise TypeError(f"`ax` must be a matplotlib Axes or None, got {type(ax).__name__}")
    return ax


def relative_luminance(color) -> float:
    """WCAG 2 relative luminance of a colour (0 black to 1 white)."""
    from matplotlib.colors import to_rgb

    c = np.asarray(to_rgb(color))
    lin = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return float(lin @ np.array([0.2126, 0.7152, 0.0722]))


def wrap_title(ax, text: str) -> str:
    """Wrap a default title to the width of the Axes' figure (so it is not cut off)."""
    import textwrap

    from matplotlib.font_manager import FontProperties

    fig = ax.figure
    width_in = fig.get_figwidth() * ax.get_position().width if fig is not None else 6.4
    size = FontProperties(size=ax.title.get_fontsize()).get_size_in_points()
    chars = max(30, int(width_in * 72 / (0.55 * size)))
    return textwrap.fill(text, chars)


def check_not_empty(data, func: str, hint: str):
    """Raise ValueError when `data` has no row (nothing would be drawn but an empty frame)."""
    if len(data) == 0:
        raise ValueError(f"no data to plot: `data` of unvotes.plot.{func}() has no rows ({hint})")


def from_data(data, key: str, given, valid, default, func: str, param: str | None = None):
    """The value of `key` (measure, index, by) to label a plot with.

    ``data.attrs[key]`` (set by the function that computed `data`) wins
    over the signature's default; an argument other than the default that
    contradicts it raises ValueError (so a label never contradicts the
    data). Without attrs the argument is used.
    """
    param = param or key
    have = getattr(data, "attrs", {}).get(key)
    if given == default:
        given = None
    if given is not None and given not in valid:
        raise ValueError(f"`{param}` must be one of {tuple(valid)}, got {given!r}")
    if have is not None and have in valid:
        if given is not None and given != have:
            raise ValueError(
                f"`{param}`={given!r} contradicts `data`, which holds {key} {have!r} (data.attrs[{key!r}], set "
                f"by the function that computed it); leave `{param}` out to use the data's own"
            )
        return have
    return default if given is None else given


def check_columns(data, needed, func: str, hint: str):
    """Raise TypeError/ValueError unless `data` is a DataFrame with the `needed` columns."""
    import pandas as pd

    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"`data` of unvotes.plot.{func}() must be a pandas DataFrame ({hint}), "
                        f"got {type(data).__name__}")
    missing = [c for c in needed if c not in data.columns]
    if missing:
        raise ValueError(f"`data` of unvotes.plot.{func}() lacks the column(s) {missing}; it has "
                         f"{list(data.columns)} ({hint})")


def display_name(iso3: str) -> str:
    """A short display name for an ISO3 code (:func:`unvotes.state_name`; the code if unknown)."""
    from ..record.states import _display_name

    return _display_name(iso3)


def with_article(name: str) -> str:
    """`name` with "the" where English needs it ("the United States", "the Netherlands")."""
    starts = ("United ", "Russian Federation", "Netherlands", "Republic of ", "Democratic ", "Philippines",
              "Central African", "Dominican Republic", "Gambia", "Bahamas", "Comoros", "Maldives",
              "Marshall Islands", "Solomon Islands", "Holy See", "Sudan", "Czech Republic", "Syrian ",
              "Lao ", "Islamic Republic", "Kingdom of ", "Federal ", "Plurinational", "Bolivarian")
    return f"the {name}" if name.startswith(starts) else name


def _un_names() -> dict:
    global _UN_NAMES
    if _UN_NAMES is None:
        from ..record._resources import read_table

        st = read_table("states")
        _UN_NAMES = dict(zip(st["iso3"], st["un_name"]))
    return _UN_NAMES


_UN_NAMES: dict | None = None


def series_style(key: str) -> tuple:
    """(colour, line style, marker) of series `key` (an ISO3 code, a pair "USA-RUS" or a bloc id).

    The six states of :data:`FIXED_STATE_COLORS` have fixed colours; any
    other key gets the next colour of :data:`SERIES_COLORS` the first time
    it is drawn in this Python session, and keeps it in every later chart.
    """
    key = str(key)
    if key in FIXED_STATE_COLORS:
        i = _FIXED_STYLES[key]
        return FIXED_STATE_COLORS[key], SERIES_STYLES[i], SERIES_MARKERS[i]
    i = _SESSION_KEYS.setdefault(key, len(_SESSION_KEYS))
    return (SERIES_COLORS[i % len(SERIES_COLORS)], SERIES_STYLES[(i + i // len(SERIES_COLORS)) % len(SERIES_STYLES)],
            SERIES_MARKERS[i % len(SERIES_MARKERS)])


def check_values(data, func: str, hint: str):
    """Raise ValueError when every ``value`` of `data` is NaN (the chart would be empty)."""
    if not data["value"].notna().any():
        raise ValueError(f"no value to plot: every `value` of unvotes.plot.{func}() is NaN ({len(data)} rows; "
                         f"{hint})")


def draw_series(ax, x, y, n, *, label, key, min_n, smooth=None, band=None, **kwargs):
    """Draw one time series on `ax` with the house style; return the main Line2D.

    `x` are integer periods (years or sessions) or dates; gaps between
    integer periods break the line. Points with ``n < min_n`` get a hollow
    marker. With `smooth` (int, window in periods) the centred rolling mean
    of the period values (each period weighs the same, so a year with twice
    the usual number of votes does not leak into its neighbours) is the main
    line and the raw values a thin line beside it. With `band` (the
    ``(lower, upper)`` arrays of an interval, aligned with `x`) the interval
    is shaded in the series' colour behind the line.
    """
    import pandas as pd

    x = np.asarray(x)
    y = np.asarray(y, dtype=float)
    n = np.asarray(n, dtype=float)
    lo, hi = (np.asarray(b, dtype=float) for b in band) if band is not None else (np.full(len(y), np.nan),) * 2
    order = np.argsort(x, kind="stable")
    x, y, n, lo, hi = x[order], y[order], n[order], lo[order], hi[order]
    if np.issubdtype(x.dtype, np.integer) and len(x):
        full = np.arange(x.min(), x.max() + 1)
        pos = np.searchsorted(full, x)
        yy, ll, uu = (np.full(len(full), np.nan) for _ in range(3))
        nn = np.zeros(len(full))
        yy[pos], nn[pos], ll[pos], uu[pos] = y, n, lo, hi
        x, y, n, lo, hi = full, yy, nn, ll, uu
    color, linestyle, marker = series_style(key)
    style = dict(color=color, linestyle=linestyle, linewidth=1.8)
    style.update(kwargs)
    if band is not None:
        ok = np.isfinite(lo) & np.isfinite(hi)
        ax.fill_between(x, lo, hi, where=ok, color=style["color"], alpha=0.18, linewidth=0, gid=f"band:{label}")
    if smooth:
        ys = pd.Series(y).rolling(smooth, center=True, min_periods=1).mean().to_numpy(copy=True)
        ys[~np.isfinite(y)] = np.nan
        ax.plot(x, y, color=style["color"], linewidth=0.7, alpha=0.45, gid=f"raw:{label}")
        line, = ax.plot(x, ys, label=label, gid=f"series:{label}", **style)
    else:
        line, = ax.plot(x, y, label=label, gid=f"series:{label}", **style)
    few = np.isfinite(y) & (n < min_n)
    if few.any():
        ax.plot(x[few], y[few], linestyle="none", marker=marker,
                markersize=5, markerfacecolor="white", markeredgecolor=style["color"], markeredgewidth=1.2,
                gid=f"few:{label}")
    return line


def few_votes_handle(min_n: int):
    """A legend handle explaining the hollow markers."""
    from matplotlib.lines import Line2D

    return Line2D([], [], linestyle="none", marker="o", markerfacecolor="white", markeredgecolor="#444444",
                  label=f"fewer than {min_n} votes (uncertain)")


def band_handle(level):
    """A legend handle explaining the shaded intervals (`level` as in ``data.attrs["ci"]``)."""
    from matplotlib.patches import Patch

    pct = f"{float(level) * 100:g} % " if level is not None else ""
    return Patch(facecolor="#999999", alpha=0.35, linewidth=0, label=f"{pct}interval (bootstrap over roll calls)")


def interval_of(sub):
    """``(lower, upper)`` arrays of a data frame with interval columns, else None."""
    if "lower" in sub.columns and "upper" in sub.columns:
        return sub["lower"].to_numpy(), sub["upper"].to_numpy()
    return None


def mark_partial_year(ax, data, by) -> int | None:
    """Mark the last year of `data` when the record stops before its end (a year still in progress).

    Reads ``data.attrs["last_date"]`` (set by the metrics). Draws a dotted line where that year
    starts and a short label ("2026 so far: to 4 June"); returns the year, or None when nothing is
    marked (periods are sessions, or the last year is complete: votes to 15 December or later).
    """
    import pandas as pd

    last = data.attrs.get("last_date") if hasattr(data, "attrs") else None
    if by != "year" or not last or "period" not in data or not len(data):
        return None
    d = pd.Timestamp(last)
    year = int(data["period"].max())
    if year != d.year or d >= pd.Timestamp(year=d.year, month=12, day=15):
        return None
    ax.axvline(year - 0.5, color="#888888", linestyle=":", linewidth=0.9, zorder=0, gid="partial-year")
    ax.annotate(f"{year} so far:\nto {d.day} {d:%B}", xy=(year - 0.5, 1.0), xycoords=("data", "axes fraction"),
                xytext=(-3, -3), textcoords="offset points", ha="right", va="top", fontsize=7, color="#555555",
                gid="partial-year-label")
    return year


def finish_series_axes(ax, *, legend, few_any: bool, min_n: int, source: str | None, band=None):
    """Legend (with the few-votes handle when needed), horizontal grid and source line of a series plot.

    ``legend="outside"`` puts it right of the Axes, ``"best"`` inside where it
    hides least; `band` (the interval level, or None) adds the key of the shaded intervals; with more than :data:`MAX_LEGEND` series there is no legend
    (it would cover the plot) and a note right of the Axes says how to name a few.
    """
    if legend not in ("best", "outside", None):
        raise ValueError(f"`legend` must be 'outside', 'best' or None, got {legend!r}")
    handles, _ = ax.get_legend_handles_labels()
    if legend is not None and len(handles) > MAX_LEGEND:
        ax.text(1.01, 1.0, f"{len(handles)} series: too many\nfor a legend; pass\nstates=[...] to name\na few",
                transform=ax.transAxes, ha="left", va="top", fontsize=7, color="#444444", gid="legend-note")
        legend = None
    if few_any:
        handles.append(few_votes_handle(min_n))
    if band is not None:
        handles.append(band_handle(band))
    if legend == "outside":
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    elif legend == "best":
        ax.legend(handles=handles, loc="best", fontsize=8, frameon=False)
    ax.grid(True, axis="y", color="#DDDDDD", linewidth=0.6)
    add_source(ax, source)
    return ax
