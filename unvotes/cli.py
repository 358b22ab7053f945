"""The ``unvotes`` command line.

``unvotes show SYMBOL`` prints a roll call's tally and the states on each side.
"""

from __future__ import annotations

import argparse
import sys

from .errors import UnvotesError

__all__ = ["main"]


def _cmd_show(args) -> int:
    from .dataset import load

    record = load()
    key = int(args.symbol) if args.symbol.isdigit() else args.symbol
    rc = record[key]
    t = rc.tally
    print(f"{rc.symbol} (rcid {rc.rcid}), {rc.date.date()}, session {rc.session}")
    if rc.title:
        print(rc.title)
    print(f"yes {t['yes']}, no {t['no']}, abstain {t['abstain']}, absent {t['absent']}")
    for k in ("yes", "no", "abstain", "absent"):
        names = sorted(f"{record.state_name(s)} ({s})" for s in rc.states(k))
        print(f"\n{k.upper()} ({len(names)}): " + "; ".join(names))
    src = rc.info
    print(f"\nsource: {src['source']} ({src['source_id']}), terms: {src['terms']}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="unvotes", description="The UN General Assembly voting record, 1946 to today.")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("show", help="show one roll call: tally and the states on each side")
    s.add_argument("symbol", help="resolution symbol (A/RES/ES-11/7) or rcid")
    s.set_defaults(func=_cmd_show)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (UnvotesError, ValueError) as e:
        print(f"unvotes: error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
