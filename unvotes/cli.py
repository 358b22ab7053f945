"""The ``unvotes`` command line.

``unvotes show SYMBOL [--format text|csv|json] [--map FILE]``
    A roll call's tally, the states on each side (grouped by UN regional
    group, wrapped to the terminal) and the split by bloc; optionally a map.
``unvotes report [--out DIR] [--force]``
    The main job: a folder with Markdown and HTML pages and PNG/SVG charts
    (see :mod:`unvotes.report`).
``unvotes alignment REF STATE [STATE ...] [--since YEAR] [--by session] -o chart.png``
    One chart: agreement of each STATE with the reference state REF.
"""

from __future__ import annotations

import argparse
import sys
import time

from .errors import AmbiguousSymbolError, UnvotesError

__all__ = ["main", "build_parser"]


#: The UN regional groups (bloc ids of blocs.csv) that `unvotes show` groups the states by.
_GROUPS = {"UNRG_AFR": "African Group", "UNRG_APG": "Asia-Pacific Group", "UNRG_EEG": "Eastern European Group",
           "UNRG_GRULAC": "Latin American and Caribbean Group", "UNRG_WEOG": "Western European and Others Group"}
_NO_GROUP = "Not in a regional group"


def _roll_call(record, symbol):
    key = int(symbol) if symbol.isdigit() else symbol
    try:
        return record[key]
    except AmbiguousSymbolError as e:
        raise AmbiguousSymbolError(
            str(e).split("; look one up by rcid")[0] + f"; show one by rcid, e.g. `unvotes show {e.suggestions[0]}`",
            key=e.key, suggestions=e.suggestions) from None


def _vote_rows(rc):
    """One row per Member on the date: iso3, short name, vote, UN regional group."""
    import pandas as pd

    from .plot._style import display_name
    from .record.blocs import bloc

    group = {}
    for gid, gname in _GROUPS.items():
        for iso3 in bloc(gid, on=rc.date)["iso3"]:
            group.setdefault(iso3, gname)
    votes = rc.votes.astype(str)
    return pd.DataFrame({"rcid": rc.rcid, "symbol": rc.symbol, "date": str(rc.date.date()), "iso3": votes.index,
                         "name": [display_name(s) for s in votes.index], "vote": votes.to_numpy(),
                         "regional_group": [group.get(s, _NO_GROUP) for s in votes.index]})


def _output_path(path, default_name, force=False):
    """`path`, or `default_name` inside it when `path` is an existing folder; an existing file needs `force`.

    unvotes never replaces a file it did not write: without ``--force`` an existing file is an error
    (FileExistsError, reported as ``unvotes: error: ...``), raised before anything is computed.
    """
    from pathlib import Path

    p = Path(path)
    p = p / default_name if p.is_dir() else p
    if p.exists() and not force:
        raise FileExistsError(f"{str(p)!r} exists: unvotes does not replace a file it did not write; pass --force "
                              "to replace it, or give another file name")
    return p


def _write_map(rc, path):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    from . import plot

    fig = Figure(figsize=(11, 6.2), layout="constrained")
    plot.vote_map(rc, ax=fig.subplots())
    fig.savefig(path, dpi=150)


def _print_text(rc, rows, counts, width):
    import textwrap

    t = rc.tally
    print(f"{rc.symbol} (rcid {rc.rcid}), {rc.date.date()}, session {rc.session}")
    if rc.title:
        print(textwrap.fill(str(rc.title), width))
    print(f"yes {t['yes']}, no {t['no']}, abstain {t['abstain']}, absent {t['absent']}")
    order = list(_GROUPS.values()) + [_NO_GROUP]
    for k in ("yes", "no", "abstain", "absent"):
        sub = rows[rows["vote"] == k]
        print(f"\n{k.upper()} ({len(sub)})")
        for g in [g for g in order if g in set(sub["regional_group"])]:
            # a no-break space keeps each name with its code on one line; put back after wrapping
            names = sorted(f"{n}\u00a0({c})".replace(" ", "\u00a0")
                           for n, c in sub.loc[sub["regional_group"] == g, ["name", "iso3"]].to_numpy())
            print(textwrap.fill(", ".join(names), width, initial_indent=f"  {g} ({len(names)}): ",
                                subsequent_indent="    ", break_on_hyphens=False).replace("\u00a0", " "))
    if counts is not None:
        cols = ["n_members", "yes", "abstain", "no", "absent", "non_member"]
        table = counts[cols].rename(columns={"n_members": "members", "non_member": "not_UN_member"})
        print(f"\nBY BLOC (members on {rc.date.date()}):")
        print(table.to_string())
    src = rc.info
    print("\n" + textwrap.fill(f"source: {src['source']} ({src['source_id']}), terms: {src['terms']}", width))


def _cmd_show(args) -> int:
    import shutil

    from .record.dataset import load

    rc = _roll_call(load(), args.symbol)
    blocs = [b for b in (args.blocs or []) if b.lower() != "none"]
    counts = rc.by_bloc(blocs) if blocs else None  # checks the bloc ids before anything is printed
    rows = _vote_rows(rc)
    if args.map:
        path = _output_path(args.map, "map_" + str(rc.symbol or rc.rcid).replace("/", "-") + ".png", args.force)
        _write_map(rc, path)
    if args.format == "csv":
        rows.to_csv(sys.stdout, index=False)
    elif args.format == "json":
        import json

        doc = {"rcid": int(rc.rcid), "symbol": rc.symbol, "date": str(rc.date.date()), "session": int(rc.session),
               "title": rc.title, "tally": {k: int(v) for k, v in rc.tally.items()},
               "votes": rows[["iso3", "name", "vote", "regional_group"]].to_dict("records"),
               "by_bloc": [] if counts is None else json.loads(
                   counts.drop(columns=[c for c in counts.columns if c == "non_member_states"])
                   .reset_index().to_json(orient="records")),
               "source": {k: str(v) for k, v in dict(rc.info).items()}}
        print(json.dumps(doc, ensure_ascii=False, indent=1))
    else:
        _print_text(rc, rows, counts, shutil.get_terminal_size((100, 24)).columns)
    if args.map:
        print(f"wrote {path}: map of {rc.symbol or rc.rcid}", file=sys.stdout if args.format == "text" else sys.stderr)
    return 0


def _cmd_report(args) -> int:
    from .report import write_report

    t0 = time.perf_counter()
    files = write_report(args.out, progress=None if args.quiet else sys.stderr, force=args.force)
    page = next(p for p in files if p.name == "report.html")
    print(f"wrote {len(files)} files to {page.parent.resolve()} in {time.perf_counter() - t0:.1f} s "
          f"(open {page.name} or report.md)")
    return 0


def _cmd_alignment(args) -> int:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from . import plot
    from .metrics.alignment import agreement_with
    from .record.dataset import load

    from .record.states import resolve_states, state_name

    if len(args.states) < 2:
        raise ValueError(f"give a reference state and at least one other state, got {' '.join(args.states)}")
    codes = resolve_states(args.states)  # names ("United Kingdom"), codes ("gbr") or COW numbers, as typed
    ref, others = codes[0], codes[1:]
    if args.since is not None and args.until is not None and args.since > args.until:
        raise ValueError(f"--since {args.since} is after --until {args.until}")
    output = _output_path(args.output, "alignment.png", args.force)  # before any work: never replace a file
    record = load()
    if args.since is not None or args.until is not None:
        record = record.select(start=f"{args.since}-01-01" if args.since is not None else None,
                               end=f"{args.until}-12-31" if args.until is not None else None)
    present = set(record.votes["state"].unique())
    absent = [f"{typed!r} ({c})" for typed, c in zip(args.states, codes) if c not in present]
    if absent:
        raise ValueError(f"no vote of {', '.join(absent)} in the record for the years asked")
    data = agreement_with(record, ref, states=others, measure=args.measure, by=args.by,
                          follow_succession=not args.no_succession)
    fig, ax = plt.subplots(figsize=(10, 5))
    plot.alignment(data, states=others, measure=args.measure, by=args.by, smooth=args.smooth, ax=ax,
                   legend="outside", source=plot._style.source_text(record) + (
                       "" if args.no_succession else "; successions followed (e.g. USSR seat as RUS)"))
    fig.tight_layout()
    fig.savefig(output, dpi=150, bbox_inches="tight")
    plt.close(fig)
    periods = data["period"]
    print(f"wrote {output}: agreement ({args.measure}) of {', '.join(state_name(c) for c in others)} with "
          f"{state_name(ref)}, "
          f"{args.by} {periods.min()}-{periods.max()}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="unvotes", description="The UN General Assembly voting record, 1946 to today.")
    from ._version import __version__

    p.add_argument("--version", action="version", version=f"unvotes {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("show", help="show one roll call: tally, the states on each side, the split by bloc")
    s.add_argument("symbol", help="resolution symbol (A/RES/ES-11/7) or rcid")
    s.add_argument("--blocs", nargs="*", default=["EU", "NATO", "G7", "BRICS", "AU", "ARAB_LEAGUE"],
                   metavar="BLOC", help="bloc ids for the split (default: EU NATO G7 BRICS AU ARAB_LEAGUE; "
                                        "none to leave it out)")
    s.add_argument("--format", choices=["text", "csv", "json"], default="text",
                   help="text (wrapped to the terminal, names grouped by UN regional group), csv (one row "
                        "per Member) or json (tally, votes, bloc split, source)")
    s.add_argument("--map", metavar="FILE", help="also write a world map of the vote (.png, .svg, .pdf; a "
                                                 "folder: map_SYMBOL.png inside it)")
    s.add_argument("--force", action="store_true", help="replace an existing map file")
    s.set_defaults(func=_cmd_show)

    r = sub.add_parser("report", help="write the report folder (Markdown, HTML, PNG and SVG charts)")
    r.add_argument("--out", default="unvotes-report", help="folder to write (default: ./unvotes-report)")
    r.add_argument("--quiet", action="store_true", help="do not print progress (one line per step, on stderr)")
    r.add_argument("--force", action="store_true",
                   help="write into a folder that holds files the report did not write (files of the "
                        "report's names are replaced, others left alone)")
    r.set_defaults(func=_cmd_report)

    a = sub.add_parser("alignment", help="chart the agreement of states with a reference state over time")
    a.add_argument("states", nargs="+", metavar="STATE",
                   help='names ("United Kingdom"), ISO 3166-1 alpha-3 codes or COW numbers: the reference state '
                        "first, then the states compared with it")
    a.add_argument("--since", type=int, help="first calendar year (default: 1946)")
    a.add_argument("--until", type=int, help="last calendar year (default: the latest)")
    a.add_argument("--by", choices=["year", "session"], default="year", help="period (default: year)")
    a.add_argument("--measure", default="voeten", help="agreement measure of unvotes.agreement_with "
                                                       "(default: voeten)")
    a.add_argument("--smooth", type=int, help="centred rolling mean over this many periods")
    a.add_argument("--no-succession", action="store_true",
                   help="keep predecessor seats apart (by default the USSR's votes count as Russia's, etc.)")
    a.add_argument("-o", "--output", default="alignment.png",
                   help="image file to write (default: ./alignment.png; .png, .svg, .pdf; a folder: "
                        "alignment.png inside it); an existing file is replaced only with --force")
    a.add_argument("--force", action="store_true", help="replace an existing output file")
    a.set_defaults(func=_cmd_alignment)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the ``unvotes`` command line with `argv` (default ``sys.argv[1:]``); return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if sys.stdout is None:  # started with standard output closed (`unvotes ... >&-`): print() would drop everything
        print("unvotes: error: standard output is closed, so nothing could be written; send it to a terminal, "
              "a file (> out.txt) or a pipe", file=sys.stderr)
        return 2
    try:
        code = args.func(args)
        sys.stdout.flush()  # a closed pipe shows here, not as a lost write at exit
        return code
    except BrokenPipeError:  # the reader stopped early (`| head`, a closed pipe): say so, exit non-zero
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the interpreter's own flush at exit does not fail again
        print("unvotes: error: standard output was closed before everything was written (broken pipe); "
              "the output is incomplete", file=sys.stderr)
        return 1
    except (UnvotesError, ValueError, TypeError, OSError) as e:
        print(f"unvotes: error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
