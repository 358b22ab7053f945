"""The ``unvotes`` command line.

``unvotes show SYMBOL``
    A roll call's tally, the states on each side and the split by bloc.
``unvotes report [--out DIR]``
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


def _cmd_show(args) -> int:
    from .record.dataset import load

    record = load()
    key = int(args.symbol) if args.symbol.isdigit() else args.symbol
    try:
        rc = record[key]
    except AmbiguousSymbolError as e:
        raise AmbiguousSymbolError(
            str(e).split("; look one up by rcid")[0] + f"; show one by rcid, e.g. `unvotes show {e.suggestions[0]}`",
            key=e.key, suggestions=e.suggestions) from None
    blocs = [b for b in (args.blocs or []) if b.lower() != "none"]
    counts = rc.by_bloc(blocs) if blocs else None  # checks the bloc ids before anything is printed
    t = rc.tally
    print(f"{rc.symbol} (rcid {rc.rcid}), {rc.date.date()}, session {rc.session}")
    if rc.title:
        print(rc.title)
    print(f"yes {t['yes']}, no {t['no']}, abstain {t['abstain']}, absent {t['absent']}")
    for k in ("yes", "no", "abstain", "absent"):
        names = sorted(f"{record.state_name(s)} ({s})" for s in rc.states(k))
        print(f"\n{k.upper()} ({len(names)}): " + "; ".join(names))
    if counts is not None:
        cols = ["n_members", "yes", "abstain", "no", "absent", "non_member"]
        table = counts[cols].rename(columns={"n_members": "members", "non_member": "not_UN_member"})
        print(f"\nBY BLOC (members on {rc.date.date()}):")
        print(table.to_string())
    src = rc.info
    print(f"\nsource: {src['source']} ({src['source_id']}), terms: {src['terms']}")
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

    codes = [s.upper() for s in args.states]
    if len(codes) < 2:
        raise ValueError(f"give a reference state and at least one other state (ISO3), got {args.states}")
    ref, others = codes[0], codes[1:]
    if args.since is not None and args.until is not None and args.since > args.until:
        raise ValueError(f"--since {args.since} is after --until {args.until}")
    record = load()
    if args.since is not None or args.until is not None:
        record = record.select(start=f"{args.since}-01-01" if args.since is not None else None,
                               end=f"{args.until}-12-31" if args.until is not None else None)
    data = agreement_with(record, ref, states=others, measure=args.measure, by=args.by,
                          follow_succession=not args.no_succession)
    fig, ax = plt.subplots(figsize=(10, 5))
    plot.alignment(data, states=others, measure=args.measure, by=args.by, smooth=args.smooth, ax=ax,
                   legend="outside", source=plot._style.source_text(record) + (
                       "" if args.no_succession else "; successions followed (e.g. USSR seat as RUS)"))
    fig.tight_layout()
    fig.savefig(args.output, dpi=150, bbox_inches="tight")
    plt.close(fig)
    periods = data["period"]
    print(f"wrote {args.output}: agreement ({args.measure}) of {', '.join(others)} with {ref}, "
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
                   help="ISO 3166-1 alpha-3 codes: the reference state first, then the states compared with it")
    a.add_argument("--since", type=int, help="first calendar year (default: 1946)")
    a.add_argument("--until", type=int, help="last calendar year (default: the latest)")
    a.add_argument("--by", choices=["year", "session"], default="year", help="period (default: year)")
    a.add_argument("--measure", default="voeten", help="agreement measure of unvotes.agreement_with "
                                                       "(default: voeten)")
    a.add_argument("--smooth", type=int, help="centred rolling mean over this many periods")
    a.add_argument("--no-succession", action="store_true",
                   help="keep predecessor seats apart (by default the USSR's votes count as Russia's, etc.)")
    a.add_argument("-o", "--output", default="alignment.png", help="image file to write (.png, .svg, .pdf)")
    a.set_defaults(func=_cmd_alignment)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the ``unvotes`` command line with `argv` (default ``sys.argv[1:]``); return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except (UnvotesError, ValueError, TypeError, OSError) as e:
        print(f"unvotes: error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
