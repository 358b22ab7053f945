"""World map of one roll call: each Member coloured by its vote (Natural Earth borders)."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from . import _style

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from ..record.core import RollCall

__all__ = ["vote_map"]

_ORDER = ("yes", "no", "abstain", "absent", "non_member")
#: Members whose land is smaller than this (square degrees) also get a dot, so that their vote shows.
DOT_AREA = 2.0
#: Features smaller than this are drawn above the others (enclaves: Lesotho, San Marino, the Holy See).
_TOP_AREA = 6.0
GEOMETRY_SOURCE = ("Borders: Natural Earth 1:50m admin-0 v4.1.0 (public domain), today's borders for every date; "
                   "small Members as dots")


@lru_cache(maxsize=1)
def _geometry():
    """{iso3 or name: (list of (k, 2) lon/lat rings, area in square degrees)} from the shipped table."""
    from importlib import resources

    import pandas as pd

    with (resources.files("unvotes.data") / "world_geometry.csv.gz").open("rb") as fh:
        t = pd.read_csv(fh, compression="gzip", dtype={"iso3": str, "name": str, "ring": int,
                                                        "lon": float, "lat": float}, keep_default_na=False)
    out = {}
    key = np.where(t["iso3"].to_numpy() != "", t["iso3"].to_numpy(), t["name"].to_numpy())
    xy = t[["lon", "lat"]].to_numpy()
    ring_id = t["ring"].to_numpy()
    starts = np.flatnonzero(np.r_[True, (key[1:] != key[:-1]) | (ring_id[1:] != ring_id[:-1])])
    for a, b in zip(starts, np.r_[starts[1:], len(t)]):
        rings = out.setdefault(key[a], [])
        rings.append(xy[a:b])
    return {k: (rings, sum(_area(r) for r in rings)) for k, rings in out.items()}


def _area(ring):
    x, y = ring[:, 0], ring[:, 1]
    return abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))) / 2


def _centroid(rings):
    big = max(rings, key=_area)
    return big.mean(axis=0) if _area(big) == 0 else big[:-1].mean(axis=0) if len(big) > 3 else big.mean(axis=0)


def equal_earth(lon, lat):
    """Equal Earth projection (Šavrič, Patterson and Jenny 2018) of degrees, in Earth radii."""
    a1, a2, a3, a4 = 1.340264, -0.081106, 0.000893, 0.003796
    lam, phi = np.radians(lon), np.radians(lat)
    th = np.arcsin(np.sqrt(3) / 2 * np.sin(phi))
    x = 2 * np.sqrt(3) * lam * np.cos(th) / (3 * (9 * a4 * th ** 8 + 7 * a3 * th ** 6 + 3 * a2 * th ** 2 + a1))
    y = a4 * th ** 9 + a3 * th ** 7 + a2 * th ** 3 + a1 * th
    return x, y


def _project(ring):
    return np.column_stack(equal_earth(ring[:, 0], ring[:, 1]))


def vote_map(roll_call: RollCall, ax: Axes | None = None, *, title: str | None = None, source: str | None = None,
             legend: bool = True) -> Axes:
    """Draw a world map of one roll call, each Member coloured by its vote.

    Yes, no, abstain, absent and "not a UN Member" (territories, observers,
    states that were not Members on the date) take the colours and hatches
    of the bar charts (:func:`roll_call`). Members too small to see on a
    world map (land under 2 square degrees: Andorra, Monaco, Tuvalu, Nauru,
    the Caribbean and Pacific island states ...) are also drawn as a dot at
    the centre of their largest island or territory, so that every Member's
    vote is visible. Borders are today's (Natural Earth) for every date,
    and the source line says so: a Member of the past takes the land of
    the states now there that were not Members themselves on the date (the
    Soviet Union: Russia and the other republics but the Ukrainian and
    Byelorussian SSRs, which had seats of their own), or is a dot on it
    (the German Democratic Republic beside the Federal Republic).

    Parameters
    ----------
    roll_call : unvotes.RollCall
        The roll call (``record["A/RES/ES-11/7"]``).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on (default ``plt.gca()``).
    title : str, optional
        Axes title (default: symbol, date and tally, then the title of the
        resolution).
    source : str, optional
        Source line under the map (default: the roll call's source and the
        borders' source).
    legend : bool, default True
        A legend of the five categories with their counts, under the map.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes (equal aspect, no axis). Each vote category is one
        PolyCollection of land and one PathCollection of dots; both carry
        the ISO3 codes they draw as ``collection.states`` and their vote as
        ``collection.get_gid()`` (``"land:yes"``, ``"dots:yes"`` ...).

    Raises
    ------
    TypeError
        If `roll_call` is not a RollCall or `ax` not an Axes.

    References
    ----------
    .. [1] Natural Earth, 1:50m Cultural Vectors, Admin 0 - Countries,
       v4.1.0 (public domain), via the world-atlas 2.0.2 TopoJSON; see
       ``datasets/README.md``.
    .. [2] Šavrič, B., Patterson, T. and Jenny, B. (2018). The Equal Earth
       map projection. International Journal of Geographical Information
       Science 33(3): 454-465.
    .. [3] Tol, P. (2021). Colour Schemes, SRON/EPS/TN/09-002 (vote colours).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import unvotes, unvotes.plot
    >>> rc = unvotes.load()["A/RES/ES-11/7"]
    >>> fig, ax = plt.subplots(figsize=(10, 5))
    >>> ax = unvotes.plot.vote_map(rc, ax=ax)
    >>> drawn = {s for c in ax.collections if c.get_gid() != "land:non_member" for s in c.states}
    >>> len(drawn), drawn == set(rc.votes.index)
    (193, True)
    >>> [t.get_text() for t in ax.get_legend().get_texts()][:3]
    ['Yes (93)', 'No (18)', 'Abstain (65)']
    >>> plt.close(fig)
    """
    if not (hasattr(roll_call, "votes") and hasattr(roll_call, "tally") and hasattr(roll_call, "date")):
        raise TypeError(f"`roll_call` must be a unvotes.RollCall (record[symbol]), got {type(roll_call).__name__}")
    ax = _style.get_ax(ax)
    votes = roll_call.votes.astype(str)
    land, dots = _groups(_geometry(), votes)
    _draw_land(ax, land)
    _draw_dots(ax, dots)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_xlim(-2.75, 2.75)
    ax.set_ylim(-1.2, 1.36)
    t = roll_call.tally
    if title is None:
        title = (f"{roll_call.symbol or f'rcid {roll_call.rcid}'}, {roll_call.date.day} {roll_call.date:%B %Y}: "
                 f"yes {t['yes']}, no {t['no']}, abstain {t['abstain']}, absent {t['absent']}")
        if getattr(roll_call, "title", None):
            title += "\n\u201c" + str(roll_call.title) + "\u201d"
    ax.set_title(title, fontsize=10)
    if legend:
        _legend(ax, t)
    if source is None:
        info = getattr(roll_call, "info", None)
        src = info.get("source") if info is not None else None
        source = (_style.source_text(sources=[src]) if src else _style.DEFAULT_SOURCE) + ".\n" + GEOMETRY_SOURCE
    _style.add_source(ax, source)
    return ax


#: Members of the past on today's map: the states now on their land (UN, "Growth in United Nations
#: membership", un.org/en/about-us/growth-in-un-membership). Each takes the land of those that are
#: not Members themselves on the date (the Ukrainian and Byelorussian SSRs had seats of their own).
_FORMER = {
    "SUN": ("RUS", "UKR", "BLR", "EST", "LVA", "LTU", "MDA", "GEO", "ARM", "AZE", "KAZ", "KGZ", "TJK", "TKM",
            "UZB"),
    "YUG": ("SRB", "HRV", "BIH", "SVN", "MKD", "MNE", "Kosovo"),
    "SCG": ("SRB", "MNE", "Kosovo"),
    "CSK": ("CZE", "SVK"),
    "YAR": ("YEM",), "YMD": ("YEM",), "DDR": ("DEU",), "ZZB": ("TZA",),
    # the China seat, held by the Republic of China (TWN) to 1971-10-25 (GA res. 2758 (XXVI)): China's
    # land takes the seat's vote while the People's Republic is not the Member
    "TWN": ("CHN",),
}


def _groups(geo, votes):
    """({vote: [(member or feature, rings, member?)]}, {vote: [(member, (lon, lat))]}) of the dots.

    A Member with no land left on today's map (the GDR beside the Federal
    Republic, Democratic Yemen beside Yemen) is a dot on the state now there.
    """
    members = set(votes.index)
    owner = {k: k for k in geo if k in members}
    hosted = []
    for m in sorted(m for m in members if m in _FORMER or m not in geo):
        parts = [p for p in _FORMER.get(m, ()) if p in geo and p not in owner]
        owner.update({p: m for p in parts})
        if not parts and m not in geo:
            host = next((p for p in _FORMER.get(m, ()) if p in geo), None)
            if host is None:  # a Member without geometry would silently vanish from the map
                raise ValueError(f"no map geometry for the Member {m!r} (datasets/compiled/world_geometry.csv.gz)")
            hosted.append((m, host))
    land = {k: [] for k in _ORDER}
    area = {}
    for key, (rings, a) in geo.items():
        m = owner.get(key)
        land[votes[m] if m else "non_member"].append((m or key, rings, a, m is not None))
        if m:
            area[m] = area.get(m, 0.0) + a
    dots = {k: [] for k in _ORDER}
    for m in sorted(members):
        if m in area and area[m] < DOT_AREA:
            dots[votes[m]].append((m, _centroid([r for k, rings, _, _ in land[votes[m]] if k == m for r in rings])))
    for m, host in hosted:
        dots[votes[m]].append((m, _centroid(geo[host][0])))
    return land, dots


def _draw_land(ax, land):
    from matplotlib.collections import PolyCollection

    for top in (False, True):
        for v, feats in land.items():
            feats = [f for f in feats if (f[2] < _TOP_AREA) == top]
            polys = [_project(r) for _, rings, _, _ in feats for r in rings if len(r) >= 3]
            if not polys:
                continue
            coll = PolyCollection(polys, facecolors=_style.VOTE_COLORS[v], edgecolors="#FFFFFF" if v != "non_member"
                                  else "#BBBBBB", linewidths=0.25, hatch=_style.VOTE_HATCHES[v] or None,
                                  zorder=2 if top else 1, gid=f"land:{v}")
            coll.states = sorted({k for k, _, _, member in feats if member})
            ax.add_collection(coll)


def _draw_dots(ax, dots):
    for v, pts in dots.items():
        if not pts:
            continue
        xy = np.array([equal_earth(*c) for _, c in pts])
        coll = ax.scatter(xy[:, 0], xy[:, 1], s=14, c=_style.VOTE_COLORS[v], edgecolors="#333333",
                          linewidths=0.5, hatch=_style.VOTE_HATCHES[v] or None, zorder=3, gid=f"dots:{v}")
        coll.states = [k for k, _ in pts]


def _legend(ax, tally):
    from matplotlib.patches import Patch

    text = dict(_style.VOTE_TEXT, non_member="Not a UN Member (territory or observer)")
    handles = [Patch(facecolor=_style.VOTE_COLORS[v], hatch=_style.VOTE_HATCHES[v], edgecolor="#555555",
                     linewidth=0.5, label=f"{text[v]} ({tally[v]})" if v in tally else text[v]) for v in _ORDER]
    # over the empty South Pacific, clear of every Member's land and dot
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.0, 0.02), fontsize=7.5, frameon=False,
              handlelength=1.6, title="Vote (Members)", title_fontsize=7.5, alignment="left")
