"""The main job: a report folder with the charts that explain A/RES/ES-11/7.

:func:`write_report` (the ``unvotes report`` command) builds, from the
embedded record alone:

(a) A/RES/ES-11/7 on the world map, and it and A/RES/ES-11/8 (24 February
    2025) split by bloc;
(b) the agreement of the United States with the United Kingdom, France,
    Germany and Russia from 1946 to the latest year (Russia's series follows
    the seat back through the Soviet Union);
(c) agreement matrices of the G20 member states for the latest full calendar
    year beside the same ten years earlier, in one order;
(d) the check of a news briefing's claims about A/RES/ES-11/7;

and writes a Markdown page, a self-contained HTML page (charts embedded as
base64 PNG) rendered from the same Markdown, every chart as PNG and SVG (text
kept as text), and the claim table as CSV.

Everything is computed first (:func:`_compute`); then each chart is drawn
once on an Agg canvas, the PNG cut from that one drawing, and the SVG drawn
once more by the SVG backend with the same bounding box (:func:`_save`): two
drawings per chart, none to measure.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import sys
import time
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import numpy as np
import pandas as pd

from .record._types import DateLike

if TYPE_CHECKING:
    from .record.core import VotingRecord

__all__ = ["write_report", "G20_MEMBERS", "g20_states", "latest_full_year"]

#: The G20's member states (19 countries; its other two members, the European
#: Union and the African Union, are not states and have no UN vote). Source:
#: G20, "About the G20" (g20.org/about-the-g20/, 2025), and the Leaders'
#: Declarations of the 2023 New Delhi and 2024 Rio de Janeiro summits. The
#: bloc table of unvotes (blocs.csv) has no G20 entry, so the list lives here.
G20_MEMBERS = ("ARG", "AUS", "BRA", "CAN", "CHN", "DEU", "FRA", "GBR", "IDN", "IND", "ITA", "JPN", "KOR",
               "MEX", "RUS", "SAU", "TUR", "USA", "ZAF")

#: The roll calls of chart (a) and the blocs they are split by.
ROLL_CALLS = ("A/RES/ES-11/7", "A/RES/ES-11/8")
BLOCS = ("EU", "NATO", "G7", "BRICS", "AU", "ARAB_LEAGUE")
BLOC_LABELS = {"EU": "European Union", "NATO": "NATO", "G7": "G7", "BRICS": "BRICS", "AU": "African Union",
               "ARAB_LEAGUE": "Arab League"}

#: Chart (b): reference state and partners.
REFERENCE = "USA"
PARTNERS = ("GBR", "FRA", "DEU", "RUS")

#: The claims file (seeds/, shipped as package data ``unvotes._seeds``).
CLAIMS_FILE = "briefing-2025-02-24-claims.json"

MEASURE = "voeten"

#: The record of what write_report wrote into a folder (name -> sha256), so that a
#: rerun may replace its own files and never a user's.
MANIFEST = ".unvotes-report.json"

#: Style of the report's charts, inside an rc_context only (never global): SVG text
#: stays text (searchable, selectable, small), fixed hash salt for identical reruns.
_RC: dict[Any, Any] = {"svg.fonttype": "none", "svg.hashsalt": "unvotes", "font.size": 9}
_DPI = 150

def latest_full_year(record: VotingRecord) -> int:
    """The latest calendar year the record covers to its end.

    A year counts as full when the record has a roll call after it (or its
    last roll call is in December, when the General Assembly's main part
    ends).

    Examples
    --------
    >>> import unvotes
    >>> from unvotes.report import latest_full_year
    >>> latest_full_year(unvotes.load().select(end="2025-12-31"))
    2025
    """
    last = pd.Timestamp(record.roll_calls["date"].max())
    return int(last.year if last.month == 12 else last.year - 1)




class _Steps:
    """One line per step on `stream`, with the step's own duration; a tqdm bar on a terminal."""

    def __init__(self, stream, total):
        self.stream, self.total, self.i, self.bar = stream, total, 0, None
        if stream is not None and getattr(stream, "isatty", lambda: False)():
            from tqdm import tqdm

            self.bar = tqdm(total=total, file=stream, leave=False, bar_format="{desc} [{n_fmt}/{total_fmt}] {elapsed}")

    @contextmanager
    def __call__(self, what):
        self.i += 1
        t0 = time.perf_counter()
        if self.bar is not None:
            self.bar.set_description_str(what)
        yield
        line = f"[{self.i}/{self.total}] {what}: {time.perf_counter() - t0:.1f} s"
        if self.bar is not None:
            self.bar.write(line, file=self.stream)
            self.bar.update()
            if self.i == self.total:
                self.bar.close()
        elif self.stream is not None:
            print(line, file=self.stream, flush=True)


def _progress_stream(progress):
    """The stream of `progress` (True: standard error; False or None: none)."""
    if progress is None or progress is False:
        return None
    if progress is True:
        return sys.stderr
    if not callable(getattr(progress, "write", None)):
        raise TypeError(
            f"`progress` of write_report() must be a text stream (e.g. sys.stderr), True or False/None, "
            f"got {progress!r}"
        )
    return progress


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _check_folder(out: Path, force: bool):
    """Refuse (FileExistsError) a folder holding files that unvotes report did not write, unless `force`."""
    for parent in (out, *out.parents):
        if parent.exists() and not parent.is_dir():
            raise ValueError(
                f"`out` {str(out)!r} cannot be a report folder: {str(parent)!r} is an existing file; "
                f"pass a folder path (it is created if needed)"
            )
        if parent.exists():
            break
    if force or not out.is_dir():
        return
    try:
        ours = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        ours = {}
    foreign = []
    for p in sorted(out.iterdir()):
        if p.name == MANIFEST:
            continue
        if p.name not in ours:
            foreign.append(f"{p.name} (not written by unvotes report)")
        elif not p.is_file() or _sha256(p) != ours[p.name]:
            foreign.append(f"{p.name} (changed since unvotes wrote it)")
    if foreign:
        more = f" and {len(foreign) - 5} more" if len(foreign) > 5 else ""
        raise FileExistsError(
            f"`out` {str(out)!r} holds files unvotes report did not write: {'; '.join(foreign[:5])}{more}. "
            "Choose a new or empty folder, or pass force=True (`unvotes report --force`) to write there anyway "
            "(files of the report's names are then replaced, other files left alone)"
        )


def _save(fig, out: Path, stem: str, title: str, written: list):
    """Write `fig` as PNG and SVG, drawing it once per format.

    The Agg drawing gives the PNG (cut to the tight bounding box measured on
    that same drawing, from matplotlib's text layout cache) and the box for
    the SVG, which the SVG backend draws once with text as text.
    """
    import matplotlib.image as mimage
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.transforms import Bbox

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    w, h = fig.get_size_inches()
    box = Bbox.intersection(fig.get_tightbbox(canvas.get_renderer()).padded(0.1),
                            Bbox.from_bounds(0, 0, w, h)) or Bbox.from_bounds(0, 0, w, h)
    px = np.array([[np.floor(box.x0 * _DPI), np.floor(box.y0 * _DPI)],
                   [np.ceil(box.x1 * _DPI), np.ceil(box.y1 * _DPI)]]).astype(int)
    rgba = np.asarray(canvas.buffer_rgba())
    rows = rgba.shape[0]
    png, svg = out / f"{stem}.png", out / f"{stem}.svg"
    mimage.imsave(png, rgba[max(rows - px[1, 1], 0):rows - px[0, 1], px[0, 0]:px[1, 0]], format="png", dpi=_DPI,
                  metadata={"Software": "unvotes", "Title": title})
    fig.savefig(svg, format="svg", bbox_inches=Bbox(px / _DPI),
                metadata={"Date": None, "Creator": "unvotes", "Title": title})
    written += [png, svg]


def _figure(figsize):
    """A Figure outside pyplot (no figure manager, nothing global), at the report's resolution."""
    from matplotlib.figure import Figure

    return Figure(figsize=figsize, dpi=_DPI)


def _compute(record) -> dict:
    """Everything the charts and pages show, computed before any drawing."""
    from .claims import check_claims, read_claims
    from .metrics.alignment import agreement_matrix, agreement_with
    from .plot import cluster_order

    last = pd.Timestamp(record.roll_calls["date"].max())
    full = latest_full_year(record)
    facts = [(record[sym], record[sym].by_bloc(list(BLOCS))) for sym in ROLL_CALLS]
    us = agreement_with(record, REFERENCE, states=list(PARTNERS), measure=MEASURE, by="year",
                        follow_succession="seat")
    us = us[us["state"].isin(PARTNERS)]
    mats = {y: agreement_matrix(record, measure=MEASURE, year=y, states=g20_states(f"{y}-12-31"))
            for y in (full - 10, full)}
    order, linkage = cluster_order(mats[full].value, measure=MEASURE)  # one order for both years
    from .record._resources import package_files

    with resources.as_file(package_files("unvotes._seeds") / CLAIMS_FILE) as p:
        claims = read_claims(p)
    return {"record": record, "last": last, "full": full, "facts": facts, "us": us, "mats": mats,
            "order": order, "check": check_claims(record, claims), "changes": _changes(record, full)}


#: The allies of the "why it changed" section: the United States' six partners in the G7.
ALLIES = ("GBR", "FRA", "DEU", "CAN", "ITA", "JPN")


def _changes(record, full: int) -> dict:
    """explain_change of US agreement with each ally and with the G7's other members, year full-1 -> full."""
    from .metrics.explain import explain_change

    out = {s: explain_change(record, REFERENCE, s, full - 1, full, measure=MEASURE) for s in ALLIES}
    out["G7"] = explain_change(record, REFERENCE, "G7", full - 1, full, measure=MEASURE)
    return out


def _chart_change(data):
    from . import plot

    ex = data["changes"]["G7"]
    fig = _figure((15, 4.8))
    axes = fig.subplots(1, 2)
    plot.change(ex, by="part", ax=axes[0], source=None,
                title=f"US and the other G7 members: {ex.before:.2f} in {ex.periods[0]}, "
                      f"{ex.after:.2f} in {ex.periods[1]}")
    plot.change(ex, by="issue", ax=axes[1], source=None, title="The same change by issue")
    fig.subplots_adjust(left=0.15, right=0.98, top=0.88, bottom=0.22, wspace=0.55)
    fig.text(0.01, 0.01, "Source: UN General Assembly recorded votes (UN DGACM, UN Digital Library), via unvotes. "
                         "Measure: Voeten's agreement index of the United States with the votes of the other six G7 "
                         "members.\nDecomposition: unvotes.explain_change (changed votes on the same resolution "
                         "lineage vs. the mix of roll calls; the parts add up to the change).",
             fontsize=7.5, color="#444444", va="bottom", gid="unvotes-source")
    y0, y1 = ex.periods
    verb = "fell" if ex.change < 0 else "rose"
    return fig, f"Why US agreement with its allies {verb} in {y1}"


def _chart_roll_calls(data):
    from . import plot

    fig = _figure((10, 4.4 * len(ROLL_CALLS)))
    axes = fig.subplots(len(ROLL_CALLS), 1)
    for ax, (rc, counts) in zip(np.atleast_1d(axes), data["facts"]):
        plot.roll_call(rc, counts, scale="share", labels=BLOC_LABELS, highlight=(REFERENCE, "RUS"), ax=ax, source="")
        t = rc.tally
        ax.set_title(f"{rc.symbol} \u201c{rc.title}\u201d, {rc.date.day} {rc.date:%B %Y}\n"
                     f"yes {t['yes']}, no {t['no']}, abstain {t['abstain']}, absent {t['absent']}",
                     fontsize=10)
    fig.subplots_adjust(left=0.2, right=0.8, top=0.92, bottom=0.1, hspace=0.45)
    fig.text(0.01, 0.005, "Source: UN General Assembly recorded votes (UN Digital Library, non-commercial use with "
                          "attribution), via unvotes.\nBloc membership on the vote date from the bloc table of unvotes. "
                          "Numbers in the bars count states.", fontsize=7, color="#444444",
             gid="unvotes-source")
    return fig, "A/RES/ES-11/7 and A/RES/ES-11/8 (24 February 2025) by bloc"


def _chart_map(data):
    from . import plot

    rc = data["facts"][0][0]
    fig = _figure((11, 6.2))
    ax = fig.subplots()
    plot.vote_map(rc, ax=ax)
    fig.subplots_adjust(left=0.01, right=0.99, top=0.92, bottom=0.08)
    return fig, f"{rc.symbol} on the world map: each Member by its vote"


def _chart_alignment(data):
    from . import plot

    last_year = data["last"].year
    fig = _figure((11, 5.2))
    ax = fig.subplots()
    labels = {"RUS": "Russia (Soviet Union to 1991)", "DEU": "Germany (from 1973)"}
    title = f"Agreement of the United States with the UK, France, Germany and Russia, 1946-{last_year}"
    plot.alignment(data["us"], states=list(PARTNERS), measure=MEASURE, labels=labels, ax=ax, source=None,
                   legend="outside", title=title)
    ax.axvspan(2024.5, 2025.5, color="#BBBBBB", alpha=0.35, linewidth=0, zorder=0)
    ax.annotate("2025", xy=(2025, 0.03), ha="center", va="bottom", fontsize=8, color="#333333")  # the top holds "2026 so far"
    ax.set_xlim(1945, last_year + 1)
    plot._style.add_source(ax, "Source: UN General Assembly recorded votes (Voeten, CC0, to 2019; UN DGACM and "
                               "UN Digital Library from 2020), via unvotes. Measure: Voeten's agreement index, "
                               "unanimous votes left out; hollow markers: fewer than 10 votes. "
                               f"{last_year}: votes to the last date of the record.", width=110)
    fig.subplots_adjust(left=0.07, right=0.76, top=0.92, bottom=0.2)
    return fig, title


def g20_states(on: DateLike) -> list[str]:
    """The G20's member states on date `on`: from the bloc table if it has a "G20" bloc, else G20_MEMBERS."""
    from .record.blocs import bloc
    from .errors import UnknownBlocError

    try:
        b = bloc("G20", on=on)
    except UnknownBlocError:
        return list(G20_MEMBERS)
    return sorted(b.loc[b["un_member"], "iso3"]) if "un_member" in b else sorted(b["iso3"])


def _chart_g20(data):
    from . import plot

    full, order = data["full"], data["order"]
    fig = _figure((15, 7.8))
    axes = fig.subplots(1, 2)
    for ax, (y, m) in zip(axes, data["mats"].items()):
        n_rc = int(np.nanmax(m.n.to_numpy()))
        same = "" if y == full else f", in the order of {full}"
        plot.agreement_matrix(m, measure=MEASURE, order=order, annotate="lower", ax=ax, source=None,
                              title=f"G20 member states, {y} (up to {n_rc} votes per pair{same})")
    fig.subplots_adjust(left=0.04, right=0.93, bottom=0.12, top=0.9, wspace=0.28)
    fig.text(0.04, 0.02, "Source: UN General Assembly recorded votes (UN DGACM, UN Digital Library, Voeten), via "
                         "unvotes. Measure: Voeten's agreement index (0 = always opposed, 1 = always together), "
                         f"unanimous votes left out.\nOrder (both years): average-linkage clustering of {full} on "
                         "1 - agreement, optimal leaf order. Each pair's value is written once, below the diagonal. "
                         "G20: its 19 member states (g20.org); the EU and the African Union have no UN vote.",
             fontsize=7.5, color="#444444", va="bottom", gid="unvotes-source")
    return fig, f"Agreement of the G20 member states in the UN General Assembly, {full - 10} and {full}"


#: (file stem, progress label, drawing function) of each chart, in the report's order.
_CHARTS = (
    ("a_es11_map", lambda d: "(a) A/RES/ES-11/7 on the world map", _chart_map),
    ("a_es11_by_bloc", lambda d: "(a) A/RES/ES-11/7 and ES-11/8 by bloc", _chart_roll_calls),
    ("b_us_alignment", lambda d: f"(b) US agreement with GBR, FRA, DEU and RUS, 1946-{d['last'].year}",
     _chart_alignment),
    ("b2_us_allies_change", lambda d: f"(b) why US agreement with its G7 allies changed in {d['full']}",
     _chart_change),
    ("c_g20_agreement", lambda d: f"(c) G20 agreement matrices, {d['full'] - 10} and {d['full']}", _chart_g20),
)


def _draw(data) -> dict:
    """{file stem: (Figure, title)} of every chart (not saved), inside the report's style context."""
    import matplotlib

    with matplotlib.rc_context(_RC):
        return {stem: draw(data) for stem, _, draw in _CHARTS}


def _md_table(df: pd.DataFrame) -> str:
    cols = list(df.columns)
    esc = lambda x: str(x).replace("|", "\\|").replace("\n", " ").strip()  # noqa: E731
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    lines += ["| " + " | ".join(esc(v) for v in row) + " |" for row in df.itertuples(index=False)]
    return "\n".join(lines)


def _fmt(x, n=None):
    return "n/a" if x is None or not np.isfinite(x) else f"{x:.2f}" + (f" ({int(n)} votes)" if n is not None else "")


def write_report(out: str | os.PathLike = "unvotes-report", *, record: VotingRecord | None = None,
                 progress: TextIO | bool | None = sys.stderr, force: bool = False) -> list[Path]:
    """Write the report folder: Markdown and HTML pages, PNG and SVG charts, the claim check.

    Parameters
    ----------
    out : str or os.PathLike, default "unvotes-report"
        Folder to write (created if needed). A folder holding files that
        ``write_report`` did not write (or that changed since it wrote them)
        is refused unless `force`; its own files from an earlier run are
        replaced.
    record : VotingRecord, optional
        The record (default: the embedded one, ``unvotes.load()``).
    progress : file-like, bool or None, default sys.stderr
        Where to print one line per step with the step's duration: a text
        stream (anything with a ``write`` method), True (standard error) or
        False / None (silent). On a terminal a tqdm bar shows the running step.
    force : bool, default False
        Write into a folder holding other files anyway (files of the
        report's names are replaced, other files are left alone).

    Returns
    -------
    list of pathlib.Path
        Every file written: ``report.md``, ``report.html``,
        ``briefing_check.csv``, and ``a_es11_map``, ``a_es11_by_bloc``, ``b_us_alignment``,
        ``c_g20_agreement`` as ``.png`` and ``.svg`` (the folder also gets
        the manifest ``.unvotes-report.json``, name -> sha256 of each file).

    Raises
    ------
    TypeError
        If `out` is not a path, `record` not a VotingRecord (e.g. the
        ``record.votes`` table) or `progress` neither a stream, a bool nor
        None.
    FileExistsError
        If `out` holds files the report did not write (naming them) and
        `force` is False; nothing is written then.
    unvotes.errors.UnknownSymbolError
        If the record lacks A/RES/ES-11/7 or A/RES/ES-11/8.
    ValueError
        If `out` is an existing file (not a folder), or the record has no
        roll call in the years compared.
    OSError
        If the folder cannot be written.

    Notes
    -----
    Agreement is Voeten's index (``measure="voeten"`` of
    :func:`unvotes.agreement_with`): per shared roll call 1 for the same
    vote, 0.5 when one abstained, 0 for yes against no; unanimous roll calls
    and absences left out; by calendar year. Russia's series is the USSR's
    seat to 1991-12-24 (``follow_succession="seat"`` of
    :func:`unvotes.agreement_with`); Germany's is the
    seat held by the Federal Republic from 1973-09-18 (the GDR, 1973-1990,
    is kept apart). Both G20 matrices are in the clustering order of the
    later year, so a cell is the same pair in each.

    References
    ----------
    .. [1] Voeten, E. (2013). Data and analyses of voting in the UN General
       Assembly. In Reinalda (ed.), Routledge Handbook of International
       Organization.
    .. [2] G20, "About the G20" (g20.org), for :data:`G20_MEMBERS`.

    Examples
    --------
    >>> import tempfile, unvotes.report
    >>> files = unvotes.report.write_report(tempfile.mkdtemp(), progress=None)  # doctest: +SKIP
    >>> sorted(p.name for p in files)[:3]  # doctest: +SKIP
    ['a_es11_by_bloc.png', 'a_es11_by_bloc.svg', 'b_us_alignment.png']
    """
    import matplotlib

    from .metrics._filters import check_record
    from .record.dataset import load

    if isinstance(out, bool) or not isinstance(out, (str, os.PathLike)):
        raise TypeError(f"`out` of write_report() must be a folder path (str or pathlib.Path), got {out!r}")
    if record is not None:
        check_record(record, "write_report")
    if not isinstance(force, bool):
        raise TypeError(f"`force` of write_report() must be True or False, got {force!r}")
    stream = _progress_stream(progress)
    out = Path(out)
    _check_folder(out, force)
    step = _Steps(stream, 4 + len(_CHARTS))
    written: list[Path] = []
    with step("loading the record"):
        record = load() if record is None else record
    with step("computing agreement, bloc splits and the claim check"):
        data = _compute(record)
    out.mkdir(parents=True, exist_ok=True)
    with matplotlib.rc_context(_RC):
        for stem, label, draw in _CHARTS:
            with step(label(data)):
                fig, title = draw(data)
                _save(fig, out, stem, title, written)
    with step("(d) writing briefing_check.csv, report.md and report.html"):
        csv = out / "briefing_check.csv"
        data["check"].to_csv(csv, index=False)
        markdown = _markdown(data)
        (out / "report.md").write_text(markdown, encoding="utf-8")
        (out / "report.html").write_text(_html(markdown, out), encoding="utf-8")
        written += [csv, out / "report.md", out / "report.html"]
    with step("writing the manifest"):
        (out / MANIFEST).write_text(json.dumps({"written_by": "unvotes report", "files": {
            p.name: _sha256(p) for p in written}}, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return written


def _context(data) -> dict:
    """The values of the page template (templates/report.md.j2)."""
    from .plot._style import display_name, with_article

    record, us, last, full = data["record"], data["us"], data["last"], data["full"]

    def val(state, year):
        r = us[(us["state"] == state) & (us["period"] == year)]
        return (float(r["value"].iloc[0]), int(r["n"].iloc[0])) if len(r) else (np.nan, 0)

    def nm(code):
        return with_article(display_name(code))

    rows = [{"year": y if y != last.year or last.month == 12 else f"{y} (to {last.date()})",
             **{s: _fmt(*val(s, y)) for s in PARTNERS}}
            for y in (2015, 2022, 2024, 2025, last.year) if y in set(us["period"])]
    us_table = pd.DataFrame(rows).rename(columns={"GBR": "United Kingdom", "FRA": "France", "DEU": "Germany",
                                                  "RUS": "Russia"})
    turn = [f"{nm(st)} {val(st, 2024)[0]:.2f} in 2024, {val(st, 2025)[0]:.2f} in 2025" for st in PARTNERS] \
        if {2024, 2025} <= set(us["period"]) else []
    turn_text = ("The United States' agreement with " + "; ".join(turn) + ".") if turn else ""
    nonmem: dict = {}
    for _, counts in data["facts"]:
        for b, r in counts.iterrows():
            for st in r.get("non_member_states", ()) or ():
                nonmem.setdefault(st, BLOC_LABELS.get(b, b))
    outside = (" (" + ", ".join(f"{display_name(st)} ({st}) in the {b}" for st, b in nonmem.items()) + ")"
               if nonmem else "")
    rc_lines = []
    for rc, counts in data["facts"]:
        t = rc.tally
        split = "; ".join(f"{BLOC_LABELS.get(b, b)} {int(r['yes'])} yes / {int(r['no'])} no / {int(r['abstain'])} "
                          f"abstain / {int(r['absent'])} absent of {int(r['n_members'])}"
                          for b, r in counts.iterrows())
        rc_lines.append(f"**{rc.symbol}** ({rc.date.date()}, \u201c{rc.title}\u201d): yes {t['yes']}, no {t['no']}, "
                        f"abstain {t['abstain']}, absent {t['absent']}. By bloc: {split}.")
    g20_lines = []
    for y, m in data["mats"].items():
        usa = m.value.loc["USA"].drop("USA").sort_values(ascending=False)
        g20_lines.append(f"{y}: of the G20 states, the United States agreed most with {nm(usa.index[0])} "
                         f"({usa.iloc[0]:.2f}), then {nm(usa.index[1])} ({usa.iloc[1]:.2f}); least with "
                         f"{nm(usa.index[-1])} ({usa.iloc[-1]:.2f}).")
    check = data["check"]
    src = record.roll_calls[record.roll_calls["symbol"].isin(ROLL_CALLS)]
    ctab = check[["id", "text", "observed", "verdict", "evidence"]].copy()
    ctab["verdict"] = ["**does not hold**" if v != "holds" else v for v in ctab["verdict"]]
    sections: list[dict[str, Any]] = [
        dict(key="a", head="A/RES/ES-11/7 and A/RES/ES-11/8 by bloc", stem="a_es11_by_bloc", lines=rc_lines,
             map=dict(stem="a_es11_map", head="A/RES/ES-11/7 on the world map",
                      caption="Every Member coloured by its vote on A/RES/ES-11/7 (the colours of the bars below); "
                      "Members too small to see are dots. Borders are today's (Natural Earth 1:50m, public "
                      "domain)."),
             caption="Members of each bloc on the date of the vote (EU, NATO, G7, BRICS, African Union, Arab League; "
             "membership from the bloc table of unvotes). Each bar is one group, split by vote as shares of its "
             "members; the numbers in the bars count states. Hatched segments: Members that did not vote, "
             f"and bloc members without a UN seat{outside}."),
        dict(key="b", head=f"United States agreement with the UK, France, Germany and Russia, 1946-{last.year}",
             stem="b_us_alignment", table=_md_table(us_table),
             caption="Voeten's agreement index by calendar year (1 = same vote, 0.5 = one abstained, 0 = yes "
             "against no; unanimous votes and absences left out). **Succession followed:** Russia's line is the "
             "Soviet Union's seat to 1991-12-24, then the Russian Federation's. Germany's line starts in 1973 (the "
             "Federal Republic's seat, continued by united Germany). The shaded band marks 2025. "
             f"{last.year} covers votes to {last.date()} only. {turn_text}"),
        _change_section(data),
        dict(key="c", head=f"G20 member states: agreement in {full} beside {full - 10}", stem="c_g20_agreement",
             lines=g20_lines,
             caption=f"Voeten's agreement index for every pair of the 19 G20 member states in the calendar years "
             f"{full - 10} and {full}, both in the order of average-linkage clustering of {full}, so that a cell "
             f"is the same pair in each. {full} is the latest calendar year the record covers to its end."),
    ]
    stems = [x for s in sections for x in ([s["map"]["stem"]] if "map" in s else []) + [s["stem"]]]
    return {"record": repr(record), "terms": ", ".join(sorted(set(src["terms"].astype(str)))),
            "sections": sections, "claims_file": CLAIMS_FILE, "claims_table": _md_table(ctab),
            "holds": int((check["verdict"] == "holds").sum()), "n_claims": len(check),
            "files": ", ".join([f"`{s}.png/.svg`" for s in stems] + ["`briefing_check.csv`"])}


def _change_section(data) -> dict:
    """Section (b, continued): why US agreement with its G7 allies changed, computed by explain_change."""
    from .plot._style import display_name

    ch, full = data["changes"], data["full"]
    g7 = ch["G7"]
    rows = [{"ally": display_name(s), f"{full - 1}": f"{e.before:.2f} ({e.n_before})",
             f"{full}": f"{e.after:.2f} ({e.n_after})", "change": f"{e.change:+.2f}",
             "changed votes": f"{e.behaviour:+.2f}", "mix of roll calls": f"{e.mix:+.2f}"}
            for s, e in ch.items() if s != "G7"]
    verb = "fell" if g7.change < 0 else "rose"
    lin = g7.by_lineage
    top = lin[(lin["n_before"] > 0) & (lin["n_after"] > 0)].sort_values("behaviour", kind="stable").head(3)
    lines = g7.summary().split("\n") + [
        "The repeated resolutions where US agreement with the other G7 members dropped most: " + "; ".join(
            f"{r.title} ({r.symbol_before} -> {r.symbol_after}: {r.before:.2f} -> {r.after:.2f})"
            for r in top.itertuples()) + "."]
    return dict(key="b, continued", head=f"Why US agreement with its allies {verb} in {full}",
                stem="b2_us_allies_change", lines=lines, table=_md_table(pd.DataFrame(rows)),
                caption=f"The change of Voeten's agreement index of the United States with the other six G7 "
                f"members from {full - 1} to {full}, split by `unvotes.explain_change` into changed votes on the "
                "same resolutions (the same lineage voted in both years) and the mix of roll calls (resolutions "
                "voted in one year only, or in other proportions); the parts add up to the change exactly. "
                "Left: the parts; right: the same change by Voeten's issue codes. Table: each ally "
                "(agreement, roll calls in brackets).")


def _markdown(data) -> str:
    """report.md, rendered from the one template of both pages (jinja2)."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("unvotes", "templates"), autoescape=False,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                             undefined=jinja2.StrictUndefined)
    return env.get_template("report.md.j2").render(**_context(data))


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;line-height:1.45;color:#222}}
table{{border-collapse:collapse;font-size:.85em}}td,th{{border:1px solid #ccc;padding:.25em .5em;vertical-align:top}}
th{{background:#f2f2f2}}img{{max-width:100%}}</style></head>
<body>
{body}</body></html>
"""


def _html(markdown: str, out: Path) -> str:
    """report.html: the Markdown of report.md rendered by markdown-it-py, the PNG charts embedded."""
    import html

    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    tokens = md.parse(markdown)
    for tok in tokens:
        for child in tok.children or ():
            src = str(child.attrGet("src") or "") if child.type == "image" else None
            if src and (out / src).is_file():
                child.attrSet("src", "data:image/png;base64," + base64.b64encode((out / src).read_bytes()).decode())
    title = next((t.content for t, h in zip(tokens[1:], tokens) if h.type == "heading_open"), "unvotes report")
    return _PAGE.format(title=html.escape(title), body=md.renderer.render(tokens, md.options, {}))
