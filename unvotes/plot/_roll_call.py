"""Stacked bars of one roll call split by bloc."""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import _style
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from matplotlib.axes import Axes
    from typing import Any
    from ..record.core import RollCall
    from ..record._types import StatesLike

__all__ = ["roll_call", "DEFAULT_BLOCS"]

#: Blocs drawn by default (ids of :func:`unvotes.list_blocs`).
DEFAULT_BLOCS = ("EU", "NATO", "G7", "BRICS", "AU", "ARAB_LEAGUE")

#: Segment order: as the title reads (yes, no, abstain), then the two non-votes.
_ORDER = ("yes", "no", "abstain", "absent", "non_member")
#: The Security Council's permanent members: the default states named on the bars.
_P5 = ("USA", "RUS", "CHN", "GBR", "FRA")

#: Display names of common bloc ids (others show their id).
_BLOC_NAMES = {"AU": "African Union", "ARAB_LEAGUE": "Arab League", "OAU": "Organisation of African Unity",
               "NAM": "Non-Aligned Movement", "OIC": "OIC", "UNRG_AFR": "African Group",
               "UNRG_APG": "Asia-Pacific Group", "UNRG_EEG": "Eastern European Group",
               "UNRG_GRULAC": "GRULAC", "UNRG_WEOG": "WEOG"}


def _counts_from_dict(rc, blocs: dict) -> pd.DataFrame:
    from ..errors import AmbiguousStateError, UnknownStateError
    from ..record.states import state as _state

    if not blocs:
        raise ValueError("`blocs` is an empty dict; give {name: [iso3, ...]} or bloc ids such as ['EU', 'NATO']")
    votes = rc.votes.astype(str)
    rows = []
    for name, members in blocs.items():
        members = [members] if isinstance(members, str) else list(members)
        if not members:
            raise ValueError(f"bloc {name!r} in `blocs` has no member")
        codes = []
        for m in members:
            try:
                codes.append(_state(m).iso3)
            except (UnknownStateError, AmbiguousStateError) as e:
                raise type(e)(f"{m!r} in bloc {name!r} of `blocs`: {e.message}", key=m,
                              suggestions=e.suggestions) from None
        members = codes
        v = votes.reindex(members).fillna("non_member")
        c = v.value_counts()
        rows.append({"bloc": str(name), "bloc_name": str(name), "n_members": len(members),
                     **{k: int(c.get(k, 0)) for k in _ORDER}})
    return pd.DataFrame(rows).set_index("bloc")


def _bloc_counts(rc, blocs) -> pd.DataFrame:
    if isinstance(blocs, pd.DataFrame):
        missing = [c for c in ("yes", "abstain", "no", "absent") if c not in blocs.columns]
        if missing:
            raise ValueError(f"`blocs` as a DataFrame must be the output of RollCall.by_bloc(); it lacks {missing}")
        out = blocs.copy()
        if "bloc" in out.columns:
            out = out.set_index("bloc")
        if "non_member" not in out.columns:
            out["non_member"] = 0
        return out
    if isinstance(blocs, dict) and all(not isinstance(v, str) for v in blocs.values()):
        return _counts_from_dict(rc, blocs)
    return rc.by_bloc(blocs)


def roll_call(rc: RollCall,
              blocs: str | Iterable[str] | Mapping[str, Iterable[str]] | pd.DataFrame | None = DEFAULT_BLOCS, *,
              scale: str = "share", include_all: bool = True, labels: Mapping[str, str] | None = None,
              annotate: bool = True, highlight: StatesLike | None = None, title: str | None = None,
              source: str | None = None, ax: Axes | None = None, **kwargs: Any) -> Axes:
    """Plot one roll call split by bloc: horizontal bars stacked by vote.

    Each bar is one bloc (its members on the date of the vote); its segments
    count the members voting yes, abstaining, voting no, absent, and (for
    blocs with members outside the UN, such as Palestine in the Arab League)
    not UN Members. The first bar is the whole Assembly. The title gives the
    tally.

    Parameters
    ----------
    rc : unvotes.RollCall
        The roll call (``record["A/RES/ES-11/7"]``).
    blocs : list of str, dict or pandas.DataFrame, default DEFAULT_BLOCS
        Bloc ids of :func:`unvotes.list_blocs` (membership on the vote date,
        via ``rc.by_bloc``), your own blocs as ``{name: [iso3, ...]}``, or a
        table already computed by ``rc.by_bloc(...)``.
    scale : {"share", "count"}, default "share"
        Bar lengths as a share (per cent) of each bar's members, so that a
        bloc of 7 reads as well as the 193 Members, or in Member states. The
        counts are written in the segments either way.
    include_all : bool, default True
        Draw a first bar with every UN Member on the date.
    labels : dict, optional
        Bloc id -> display name (default: a short name for the UN regional
        groups, AU, Arab League, NAM and OAU; the id otherwise).
    annotate : bool, default True
        Write each count inside its segment when it fits.
    highlight : list of str, optional
        States (names or codes, as :func:`unvotes.state` takes them) named
        under the label of every bar they belong to, with their vote
        ("no: United States, Russia"). Default: the permanent members of the
        Security Council that voted with the minority of yes and no (the
        United States and Russia on A/RES/ES-11/7); ``()`` for none.
    title : str, optional
        Axes title (default: symbol, date and tally).
    source : str, optional
        Source line under the Axes (default: the roll call's source).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on (default ``plt.gca()``).
    **kwargs
        Passed to :meth:`matplotlib.axes.Axes.barh` for every segment.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes; the bar containers (``ax.containers``) are labelled
        ``Yes``, ``No``, ``Abstain`` (the order of the title), ``Absent (Member, no vote)`` and
        ``Not a UN Member`` (the last two only when some bar has such
        members), one bar per group from the top, and carry the counts as
        ``container.counts``. The legend is outside the Axes, on the right.

    Raises
    ------
    TypeError
        If `rc` is not a RollCall or `ax` not an Axes.
    ValueError
        For no bloc, a bloc without members or a malformed counts table.
    unvotes.errors.UnknownBlocError
        For an unknown bloc id.
    unvotes.errors.UnknownStateError, unvotes.errors.AmbiguousStateError
        For a member of a ``{name: [iso3, ...]}`` bloc that
        :func:`unvotes.state` cannot resolve (names and codes in any case
        work).

    References
    ----------
    .. [1] Bloc membership: ``blocs.csv`` of unvotes (see ``docs/blocs.md``).
    .. [2] Tol, P. (2021). Colour Schemes, SRON/EPS/TN/09-002 (vote colours).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import unvotes, unvotes.plot
    >>> rc = unvotes.load()["A/RES/ES-11/7"]
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> ax = unvotes.plot.roll_call(rc, {"P5": ["CHN", "FRA", "GBR", "RUS", "USA"]}, ax=ax)
    >>> ax.get_title()
    'A/RES/ES-11/7, 24 Feb 2025: yes 93, no 18, abstain 65, absent 17'
    >>> [round(float(p.get_width()), 1) for p in ax.containers[0]]  # yes, % of each bar: 93 of 193, 2 of 5
    [48.2, 40.0]
    >>> plt.close(fig)
    """
    if not (hasattr(rc, "votes") and hasattr(rc, "tally") and hasattr(rc, "date")):
        raise TypeError(f"`rc` must be a unvotes.RollCall (record[symbol]), got {type(rc).__name__}")
    if scale not in ("count", "share"):
        raise ValueError(f"`scale` must be 'count' or 'share', got {scale!r}")
    ax = _style.get_ax(ax)
    counts = _bloc_counts(rc, blocs)
    table, names = _bar_table(rc, counts, {**_BLOC_NAMES, **dict(labels or {})}, include_all)
    names = _name_states(rc, names, _members(rc, blocs, counts, include_all), _highlighted(rc, highlight))
    y = np.arange(len(table))[::-1]
    size = table.to_numpy().sum(axis=1).astype(float)
    factor = 100.0 / np.where(size > 0, size, 1) if scale == "share" else np.ones(len(table))
    total_width = float((size * factor).max()) if len(table) else 1.0
    _draw_segments(ax, table, y, factor, total_width, annotate, kwargs)
    ax.set_yticks(y, names)
    ax.set_xlabel("Member states (count)" if scale == "count" else "Share of the members of each group (%)")
    ax.set_xlim(0, max(total_width, 1) * (1.0 if scale == "share" else 1.02))
    ax.spines[["top", "right"]].set_visible(False)
    if title is None:
        t = rc.tally
        title = (f"{rc.symbol or f'rcid {rc.rcid}'}, {rc.date.day} {rc.date:%b %Y}: yes {t['yes']}, "
                 f"no {t['no']}, abstain {t['abstain']}, absent {t['absent']}")
    ax.set_title(title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, frameon=False)
    if source is None:
        info = getattr(rc, "info", None)
        src = info.get("source") if info is not None else None
        source = _style.source_text(sources=[src]) if src else _style.DEFAULT_SOURCE
    _style.add_source(ax, source)
    return ax


def _highlighted(rc, highlight):
    """ISO3 codes of the states to name: `highlight` resolved, or the P5 who voted with the minority."""
    from ..record.states import state as _state

    votes = rc.votes.astype(str)
    if highlight is None:
        t = rc.tally
        minority = "no" if t["yes"] > t["no"] else "yes" if t["no"] > t["yes"] else None
        return [s for s in _P5 if votes.get(s) == minority]
    highlight = [highlight] if isinstance(highlight, str) else list(highlight)
    return [_state(h, on=rc.date).iso3 for h in highlight]


def _members(rc, blocs, counts, include_all):
    """ISO3 members of each bar (the Assembly first), or None where unknown (a counts table of own blocs)."""
    from ..errors import UnknownBlocError
    from ..record.blocs import bloc as _bloc
    from ..record.states import state as _state

    out = [set(rc.votes.index)] if include_all else []
    for b in counts.index:
        if isinstance(blocs, dict) and b in blocs:
            m = blocs[b]
            out.append({_state(x).iso3 for x in ([m] if isinstance(m, str) else m)})
            continue
        try:
            out.append(set(_bloc(str(b), on=rc.date)["iso3"]))
        except UnknownBlocError:
            out.append(None)
    return out


def _name_states(rc, names, members, codes):
    """Bar labels with a second line naming the highlighted members by vote ("no: United States, Russia")."""
    votes = rc.votes.astype(str)
    out = []
    for name, mem in zip(names, members):
        by_vote = {}
        for c in codes:
            if mem is not None and c in mem and c in votes.index:
                by_vote.setdefault(votes[c], []).append(_style.display_name(c))
        extra = "; ".join(f"{_style.VOTE_TEXT[v].split(' (')[0].lower()}: {', '.join(n)}" for v, n in by_vote.items())
        out.append(f"{name}\n{extra}" if extra else name)
    return out


def _bar_table(rc, counts, labels, include_all):
    """(vote counts per bar in segment order, bar labels with member counts), the Assembly first."""
    names = [labels.get(b, str(b)) for b in counts.index]
    table = counts.reindex(columns=list(_ORDER)).fillna(0).astype(int)
    if include_all:
        t = rc.tally
        total = pd.DataFrame([{**{k: t[k] for k in ("yes", "abstain", "no", "absent")}, "non_member": 0}],
                             index=["All Members"])
        table = pd.concat([total, table])
        names = [f"All Members ({sum(t.values())})"] + [
            f"{n} ({int(counts.loc[b, 'n_members']) if 'n_members' in counts else int(table.loc[b].sum())})"
            for n, b in zip(names, counts.index)]
    return table, names


def _draw_segments(ax, table, y, factor, total_width, annotate, kwargs):
    """One barh container per vote (skipping empty absent/non-member), counts written inside when they fit."""
    left = np.zeros(len(table))
    for k in _ORDER:
        c = table[k].to_numpy()
        if k in ("absent", "non_member") and not c.any():
            continue
        w = c * factor
        opts = dict(color=_style.VOTE_COLORS[k], hatch=_style.VOTE_HATCHES[k], edgecolor="#555555",
                    linewidth=0.5, height=0.7)
        opts.update(kwargs)
        bars = ax.barh(y, w, left=left, label=_style.VOTE_TEXT[k], **opts)
        bars.counts = c  # the counts behind the bar lengths
        if annotate:
            dark = _style.relative_luminance(_style.VOTE_COLORS[k]) < 0.3
            for xi, yi, wi, ci in zip(left, y, w, c):
                if ci > 0 and wi >= 0.03 * total_width:
                    ax.text(xi + wi / 2, yi, str(int(ci)), ha="center", va="center", fontsize=7,
                            color="white" if dark else "black", gid=f"count:{k}",
                            bbox=None if k not in ("absent", "non_member") else
                            dict(boxstyle="round,pad=0.1", facecolor="white", edgecolor="none", alpha=0.8))
        left = left + w
