"""The main job: a report folder with the charts that explain A/RES/ES-11/7.

:func:`write_report` (the ``unvotes report`` command) builds, from the
embedded record alone:

(a) A/RES/ES-11/7 and A/RES/ES-11/8 (24 February 2025) split by bloc;
(b) the agreement of the United States with the United Kingdom, France,
    Germany and Russia from 1946 to the latest year (Russia's series follows
    the seat back through the Soviet Union);
(c) a clustered agreement matrix of the G20 member states for the latest full
    calendar year beside the same ten years earlier;
(d) the check of a news briefing's claims about A/RES/ES-11/7;

and writes a Markdown page, a self-contained HTML page (charts embedded as
base64 PNG), every chart as PNG and SVG, and the claim table as CSV.
"""

from __future__ import annotations

import base64
import html
import os
import sys
import time
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

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


def latest_full_year(record) -> int:
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


class _Progress:
    def __init__(self, stream, total):
        self.stream, self.total, self.i, self.t0 = stream, total, 0, time.perf_counter()

    def step(self, what):
        self.i += 1
        if self.stream is not None:
            print(f"[{self.i}/{self.total}] {what} ... ({time.perf_counter() - self.t0:.1f} s)", file=self.stream,
                  flush=True)


def _progress_stream(progress):
    """The stream of `progress` (True: standard output; False or None: none)."""
    if progress is None or progress is False:
        return None
    if progress is True:
        return sys.stdout
    if not callable(getattr(progress, "write", None)):
        raise TypeError(
            f"`progress` of write_report() must be a text stream (e.g. sys.stdout), True or False/None, "
            f"got {progress!r}"
        )
    return progress


def _save(fig, out: Path, stem: str, written: list):
    for ext in ("png", "svg"):
        p = out / f"{stem}.{ext}"
        fig.savefig(p, dpi=150 if ext == "png" else None, bbox_inches="tight", metadata=_metadata(ext))
        written.append(p)


def _metadata(ext):
    # fixed metadata so that a rerun gives the same files
    if ext == "svg":
        return {"Date": None, "Creator": "unvotes"}
    return {"Software": "unvotes"}


def _chart_roll_calls(record, out, written):
    import matplotlib.pyplot as plt

    from . import plot

    fig, axes = plt.subplots(len(ROLL_CALLS), 1, figsize=(10, 3.4 * len(ROLL_CALLS)))
    facts = []
    for ax, sym in zip(np.atleast_1d(axes), ROLL_CALLS):
        rc = record[sym]
        counts = rc.by_bloc(list(BLOCS))
        plot.roll_call(rc, counts, scale="share", labels=BLOC_LABELS, ax=ax, source="")
        t = rc.tally
        ax.set_title(f"{sym} \u201c{rc.title}\u201d, {rc.date.day} {rc.date:%B %Y}\n"
                     f"yes {t['yes']}, no {t['no']}, abstain {t['abstain']}, absent {t['absent']}",
                     fontsize=10)
        facts.append((rc, counts))
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    fig.text(0.01, 0.005, "Source: UN General Assembly recorded votes (UN Digital Library, non-commercial use with "
                          "attribution), via unvotes.\nBloc membership on the vote date from the bloc table of unvotes. "
                          "Numbers in the bars count states.", fontsize=7, color="#444444",
             gid="unvotes-source")
    _save(fig, out, "a_es11_by_bloc", written)
    plt.close(fig)
    return facts


def _chart_alignment(record, out, written, last_year):
    import matplotlib.pyplot as plt

    from . import plot
    from .metrics.alignment import agreement_with

    data = agreement_with(record, REFERENCE, states=list(PARTNERS), measure=MEASURE, by="year",
                          follow_succession="seat")
    data = data[data["state"].isin(PARTNERS)]
    fig, ax = plt.subplots(figsize=(11, 5.2))
    labels = {"RUS": "Russia (Soviet Union to 1991)", "DEU": "Germany (from 1973)"}
    plot.alignment(data, states=list(PARTNERS), measure=MEASURE, labels=labels, ax=ax, source=None,
                   legend="outside",
                   title=f"Agreement of the United States with the UK, France, Germany and Russia, "
                         f"1946-{last_year}")
    ax.axvspan(2024.5, 2025.5, color="#BBBBBB", alpha=0.35, linewidth=0, zorder=0)
    ax.annotate("2025", xy=(2025, 0.97), ha="center", va="top", fontsize=8, color="#333333")
    ax.set_xlim(1945, last_year + 1)
    plot._style.add_source(ax, "Source: UN General Assembly recorded votes (Voeten, CC0, to 2019; UN DGACM and "
                               "UN Digital Library from 2020), via unvotes. Measure: Voeten's agreement index, "
                               "unanimous votes left out; hollow markers: fewer than 10 votes. "
                               f"{last_year}: votes to the last date of the record.", width=110)
    fig.tight_layout()
    _save(fig, out, "b_us_alignment", written)
    plt.close(fig)
    return data


def g20_states(on) -> list[str]:
    """The G20's member states on date `on`: from the bloc table if it has a "G20" bloc, else G20_MEMBERS."""
    from .record.blocs import bloc
    from .errors import UnknownBlocError

    try:
        b = bloc("G20", on=on)
    except UnknownBlocError:
        return list(G20_MEMBERS)
    return sorted(b.loc[b["un_member"], "iso3"]) if "un_member" in b else sorted(b["iso3"])


def _chart_g20(record, out, written, year):
    import matplotlib.pyplot as plt

    from . import plot
    from .metrics.alignment import agreement_matrix

    years = (year - 10, year)
    fig, axes = plt.subplots(1, 2, figsize=(15, 7.8))
    mats = {}
    for ax, y in zip(axes, years):
        m = agreement_matrix(record, measure=MEASURE, year=y, states=g20_states(f"{y}-12-31"))
        mats[y] = m
        n_rc = int(np.nanmax(m.n.to_numpy()))
        plot.agreement_matrix(m, measure=MEASURE, dendrogram=True, ax=ax, source=None,
                              title=f"G20 member states, {y} (up to {n_rc} votes per pair)")
    fig.subplots_adjust(left=0.04, right=0.93, bottom=0.12, top=0.86, wspace=0.28)
    fig.text(0.04, 0.02, "Source: UN General Assembly recorded votes (UN DGACM, UN Digital Library, Voeten), via "
                         "unvotes. Measure: Voeten's agreement index (0 = always opposed, 1 = always together), "
                         "unanimous votes left out.\nOrder: average-linkage clustering on 1 - agreement, optimal "
                         "leaf order; the tree above each matrix shows the clusters. G20: its 19 member states "
                         "(g20.org); the EU and the African Union have no UN vote.",
             fontsize=7.5, color="#444444", va="bottom", gid="unvotes-source")
    _save(fig, out, "c_g20_agreement", written)
    plt.close(fig)
    return mats


def _md_table(df: pd.DataFrame) -> str:
    cols = list(df.columns)
    esc = lambda x: str(x).replace("|", "\\|").replace("\n", " ")  # noqa: E731
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    lines += ["| " + " | ".join(esc(v) for v in row) + " |" for row in df.itertuples(index=False)]
    return "\n".join(lines)


def _fmt(x, n=None):
    return "n/a" if x is None or not np.isfinite(x) else f"{x:.2f}" + (f" ({int(n)} votes)" if n is not None else "")


def write_report(out="unvotes-report", *, record=None, progress=sys.stdout):
    """Write the report folder: Markdown and HTML pages, PNG and SVG charts, the claim check.

    Parameters
    ----------
    out : str or os.PathLike, default "unvotes-report"
        Folder to write (created if needed; files of the same names are
        replaced).
    record : VotingRecord, optional
        The record (default: the embedded one, ``unvotes.load()``).
    progress : file-like, bool or None, default sys.stdout
        Where to print one line per step: a text stream (anything with a
        ``write`` method), True (standard output) or False / None (silent).

    Returns
    -------
    list of pathlib.Path
        Every file written: ``report.md``, ``report.html``,
        ``briefing_check.csv``, and ``a_es11_by_bloc``, ``b_us_alignment``,
        ``c_g20_agreement`` as ``.png`` and ``.svg``.

    Raises
    ------
    TypeError
        If `out` is not a path, `record` not a VotingRecord (e.g. the
        ``record.votes`` table) or `progress` neither a stream, a bool nor
        None.
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
    is kept apart).

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

    from .claims import check_claims, read_claims
    from .record.dataset import load

    from .metrics._filters import check_record

    if isinstance(out, bool) or not isinstance(out, (str, os.PathLike)):
        raise TypeError(f"`out` of write_report() must be a folder path (str or pathlib.Path), got {out!r}")
    if record is not None:
        check_record(record, "write_report")
    progress = _progress_stream(progress)
    out = Path(out)
    for parent in (out, *out.parents):
        if parent.exists() and not parent.is_dir():
            raise ValueError(
                f"`out` {str(out)!r} cannot be a report folder: {str(parent)!r} is an existing file; "
                f"pass a folder path (it is created if needed)"
            )
        if parent.exists():
            break
    out.mkdir(parents=True, exist_ok=True)
    prog = _Progress(progress, 6)
    written: list[Path] = []
    prog.step("loading the record")
    if record is None:
        record = load()
    last = pd.Timestamp(record.roll_calls["date"].max())
    full = latest_full_year(record)
    with matplotlib.rc_context({"svg.hashsalt": "unvotes", "font.size": 9}):
        prog.step("(a) A/RES/ES-11/7 and ES-11/8 by bloc")
        facts = _chart_roll_calls(record, out, written)
        prog.step(f"(b) US agreement with GBR, FRA, DEU and RUS, 1946-{last.year}")
        us = _chart_alignment(record, out, written, last.year)
        prog.step(f"(c) G20 agreement matrices, {full - 10} and {full}")
        mats = _chart_g20(record, out, written, full)
    prog.step("(d) checking the briefing's claims")
    from .record._resources import package_files

    with resources.as_file(package_files("unvotes._seeds") / CLAIMS_FILE) as p:
        claims = read_claims(p)
    check = check_claims(record, claims)
    csv = out / "briefing_check.csv"
    check.to_csv(csv, index=False)
    written.append(csv)
    prog.step("writing report.md and report.html")
    md, body = _pages(out, record, facts, us, mats, check, full, last)
    (out / "report.md").write_text(md, encoding="utf-8")
    (out / "report.html").write_text(body, encoding="utf-8")
    written += [out / "report.md", out / "report.html"]
    return written


def _pages(out, record, facts, us, mats, check, full, last):
    def val(state, year):
        r = us[(us["state"] == state) & (us["period"] == year)]
        return (float(r["value"].iloc[0]), int(r["n"].iloc[0])) if len(r) else (np.nan, 0)

    rows = []
    for y in (2015, 2022, 2024, 2025, last.year):
        if y in set(us["period"]):
            rows.append({"year": y if y != last.year or last.month == 12 else f"{y} (to {last.date()})",
                         **{s: _fmt(*val(s, y)) for s in PARTNERS}})
    us_table = pd.DataFrame(rows).rename(columns={"GBR": "United Kingdom", "FRA": "France", "DEU": "Germany",
                                                  "RUS": "Russia"})
    from .plot._style import display_name, with_article

    y0, y1 = 2024, 2025
    turn = []
    if {y0, y1} <= set(us["period"]):
        for st in PARTNERS:
            (a, na), (b, nb) = val(st, y0), val(st, y1)
            turn.append(f"{with_article(display_name(st))} {a:.2f} in {y0}, {b:.2f} in {y1}")
    turn_text = ("The United States' agreement with " + "; ".join(turn) + ".") if turn else ""
    nonmem = {}
    for _, counts in facts:
        for b, r in counts.iterrows():
            for st in r.get("non_member_states", ()) or ():
                nonmem.setdefault(st, BLOC_LABELS.get(b, b))
    outside = (" (" + ", ".join(f"{display_name(st)} ({st}) in the {b}" for st, b in nonmem.items()) + ")"
               if nonmem else "")
    rc_lines = []
    for rc, counts in facts:
        t = rc.tally
        split = "; ".join(f"{BLOC_LABELS.get(b, b)} {int(r['yes'])} yes / {int(r['no'])} no / {int(r['abstain'])} "
                          f"abstain / {int(r['absent'])} absent of {int(r['n_members'])}"
                          for b, r in counts.iterrows())
        rc_lines.append(f"- **{rc.symbol}** ({rc.date.date()}, \u201c{rc.title}\u201d): yes {t['yes']}, no {t['no']}, "
                        f"abstain {t['abstain']}, absent {t['absent']}. By bloc: {split}.")
    g20_lines = []
    for y, m in mats.items():
        v = m.value
        usa = v.loc["USA"].drop("USA").sort_values(ascending=False)
        def nm(code):
            return with_article(display_name(code))

        g20_lines.append(f"- {y}: of the G20 states, the United States agreed most with {nm(usa.index[0])} "
                         f"({usa.iloc[0]:.2f}), then {nm(usa.index[1])} ({usa.iloc[1]:.2f}); least with "
                         f"{nm(usa.index[-1])} ({usa.iloc[-1]:.2f}).")
    holds = int((check["verdict"] == "holds").sum())
    src = record.roll_calls[record.roll_calls["symbol"].isin(ROLL_CALLS)]
    terms = ", ".join(sorted(set(src["terms"].astype(str))))
    ctab = check[["id", "text", "observed", "verdict", "evidence"]]
    sections = [
        ("a", "A/RES/ES-11/7 and A/RES/ES-11/8 by bloc", "a_es11_by_bloc",
         "Members of each bloc on the date of the vote (EU, NATO, G7, BRICS, African Union, Arab League; "
         "membership from the bloc table of unvotes). Each bar is one group, split by vote as shares of its "
         "members; the numbers in the bars count states. Hatched segments: Members that did not vote, "
         f"and bloc members without a UN seat{outside}.", "\n".join(rc_lines)),
        ("b", f"United States agreement with the UK, France, Germany and Russia, 1946-{last.year}", "b_us_alignment",
         "Voeten's agreement index by calendar year (1 = same vote, 0.5 = one abstained, 0 = yes against no; "
         "unanimous votes and absences left out). **Succession followed:** Russia's line is the Soviet Union's "
         "seat to 1991-12-24, then the Russian Federation's. Germany's line starts in 1973 (the Federal Republic's "
         "seat, continued by united Germany). The shaded band marks 2025. "
         f"{last.year} covers votes to {last.date()} only. {turn_text}", _md_table(us_table)),
        ("c", f"G20 member states: agreement in {full} beside {full - 10}", "c_g20_agreement",
         f"Voeten's agreement index for every pair of the 19 G20 member states in the calendar years {full - 10} "
         f"and {full}, each ordered by average-linkage clustering (the tree above each matrix). {full} is the "
         "latest calendar year the record covers to its end.", "\n".join(g20_lines)),
    ]
    md = [f"# unvotes report: the General Assembly vote of 24 February 2025 in context\n",
          f"Written by `unvotes report` from the embedded record ({record!r}).\n",
          "Vote data: UN General Assembly recorded votes; to 2019 Voeten's data (CC0, via the R package unvotes "
          "0.3.0), from 2019 the UN DGACM resolution files and the UN Digital Library (non-commercial use with "
          f"attribution; the roll calls of chart (a) are under the terms: {terms}). Cite with `unvotes.citation()`.\n"]
    for key, head, stem, caption, extra in sections:
        md += [f"## ({key}) {head}\n", f"![{head}]({stem}.png)\n", f"{caption} (SVG: [{stem}.svg]({stem}.svg))\n",
               extra + "\n"]
    md += ["## (d) The briefing check\n",
           "A news briefing of 24 February 2025 made these claims about A/RES/ES-11/7 (restated in our words; "
           "the machine-readable list is `seeds/briefing-2025-02-24-claims.json`, checked with "
           f"`unvotes.check_claims`). {holds} of {len(check)} hold.\n",
           _md_table(ctab) + "\n",
           "\"European\" is read two ways: the EU's member states on the date, and the UN M49 region Europe "
           "(43 UN Members, Russia and Belarus included). The claim that does not hold counts the United States "
           "among its own company: 18 states voted no, the United States one of them, so it had 17 others.\n",
           "Files: " + ", ".join(f"`{n}`" for n in ("a_es11_by_bloc.png/.svg", "b_us_alignment.png/.svg",
                                                       "c_g20_agreement.png/.svg", "briefing_check.csv")) + ".\n"]
    markdown = "\n".join(md)

    def img(stem, alt):
        data = base64.b64encode((out / f"{stem}.png").read_bytes()).decode("ascii")
        return f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{data}" style="max-width:100%">'

    parts = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
             "<title>unvotes report: 24 February 2025</title><style>body{font-family:sans-serif;max-width:1100px;"
             "margin:2em auto;padding:0 1em;line-height:1.45;color:#222}table{border-collapse:collapse;font-size:.85em}"
             "td,th{border:1px solid #ccc;padding:.25em .5em;vertical-align:top}th{background:#f2f2f2}"
             ".holds{font-weight:bold}.not{font-weight:bold;text-decoration:underline}</style></head><body>",
             "<h1>unvotes report: the General Assembly vote of 24 February 2025 in context</h1>",
             f"<p>Written by <code>unvotes report</code> from the embedded record ({html.escape(repr(record))}).</p>",
             "<p>Vote data: UN General Assembly recorded votes; to 2019 Voeten's data (CC0, via the R package "
             "unvotes 0.3.0), from 2019 the UN DGACM resolution files and the UN Digital Library (non-commercial use "
             f"with attribution; terms of the roll calls of chart (a): {html.escape(terms)}).</p>"]
    for key, head, stem, caption, extra in sections:
        parts += [f"<h2>({key}) {html.escape(head)}</h2>", img(stem, head),
                  f"<p>{_md_inline(caption)}</p>", _md_block_html(extra)]
    parts += ["<h2>(d) The briefing check</h2>",
              f"<p>A news briefing of 24 February 2025 made these claims about A/RES/ES-11/7 (restated in our words). "
              f"{holds} of {len(check)} hold.</p>", _html_table(ctab),
              "<p>&ldquo;European&rdquo; is read two ways: the EU's member states on the date, and the UN M49 region "
              "Europe (43 UN Members, Russia and Belarus included). The claim that does not hold counts the United "
              "States among its own company: 18 states voted no, the United States one of them, so it had 17 "
              "others.</p></body></html>"]
    return markdown, "\n".join(parts)


def _md_inline(s):
    import re

    s = html.escape(s)
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", s)


def _md_block_html(block):
    if block.startswith("|"):
        lines = [ln.strip("|").split(" | ") for ln in block.splitlines() if not ln.startswith("|---")]
        head, rows = lines[0], lines[1:]
        return _html_table(pd.DataFrame(rows, columns=[h.strip() for h in head]))
    items = [ln[2:] for ln in block.splitlines() if ln.startswith("- ")]
    return "<ul>" + "".join(f"<li>{_md_inline(i)}</li>" for i in items) + "</ul>"


def _html_table(df):
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in df.columns)
    body = []
    for row in df.itertuples(index=False):
        cells = []
        for c, v in zip(df.columns, row):
            cls = ""
            if c == "verdict":
                cls = " class='holds'" if v == "holds" else " class='not'"
            cells.append(f"<td{cls}>{html.escape(str(v).strip())}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><tr>{head}</tr>{''.join(body)}</table>"
