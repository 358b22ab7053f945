"""Benchmark: read a 950,000-row long UN Digital Library file.

The file is synthetic in size only: it is the embedded record (``unvotes.load()``)
written out in the UNDL v5 long schema (``undl_id, ms_code, ms_name, ms_vote,
date, session, resolution, ..., undl_link``), the first 950,000 vote rows in
record order, roughly the size of UNDL version 5 (947,434 rows, DATA-NOTES.md §3).
Titles and agenda titles are repeated on every row, as in the UN's file.

Target: ``read_undl`` under 5 s. Baseline: ``pandas.read_csv`` of the same file
with every column as text (parsing alone, no validation); the ratio says what the
validation, state mapping, absent check and record construction cost on top.

Run::

    python benchmarks/bench_read_undl.py [--rows 950000] [--gzip] [--size-matched]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pandas as pd

import unvotes
from unvotes.record import _resources
from unvotes.readers import read_undl

_CODE = {"yes": "Y", "no": "N", "abstain": "A", "absent": "X"}


def write_file(path: Path, n_rows: int, compress: bool, pad: bool = False, edition: str = "official") -> int:
    rec = unvotes.load(edition=edition)
    v = rec.votes.iloc[:n_rows].copy()
    rc = rec.roll_calls.set_index("rcid")
    names = _resources.read_table("states").drop_duplicates("iso3").set_index("iso3")["un_name"]
    counts = rec.votes.groupby(["rcid", "vote"], observed=False).size().unstack(fill_value=0)
    rcid = v["rcid"]
    undl_id = (rcid + 5_000_000).astype(str)  # synthetic record ids, distinct from real UNDL ids
    df = pd.DataFrame(
        {
            "undl_id": undl_id,
            "ms_code": v["state"],
            "ms_name": v["state"].map(names),
            "ms_vote": v["vote"].astype(str).map(_CODE),
            "date": rcid.map(rc["date"].dt.strftime("%Y-%m-%d")),
            "session": rcid.map(rc["session"]).astype(str),
            "resolution": rcid.map(rc["symbol"]),
            "draft": "",
            "committee_report": "",
            "meeting": "",
            "title": rcid.map(rc["title"]),
            "agenda_title": rcid.map(rc["agenda_title"]),
            "subjects": "",
            "vote_note": "",
            "total_yes": rcid.map(counts["yes"]),
            "total_no": rcid.map(counts["no"]),
            "total_abstentions": rcid.map(counts["abstain"]),
            "total_non_voting": rcid.map(counts["absent"]),
            "total_ms": rcid.map(counts.sum(axis=1)),
            "undl_link": "https://digitallibrary.un.org/record/" + undl_id,
        }
    )
    if pad:
        # size-matched variant: the real v5 file is ~364 MB for 947,434 rows (DATA-NOTES.md §3);
        # the record has no draft, committee report, meeting or subject text for most roll calls,
        # so these columns are filled with the roll call's own title text as padding
        df["subjects"] = df["title"] + " | " + df["agenda_title"]
        df["meeting"] = df["resolution"] + " plenary meeting"
        df["vote_note"] = df["title"].str.slice(0, 60)
    df.to_csv(path, index=False, compression="gzip" if compress else None)
    return len(df)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=950_000)
    ap.add_argument("--gzip", action="store_true", help="also time the gzip-compressed file")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--size-matched", action="store_true",
                    help="also time a file padded to about the real release's bytes per row")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = [(Path(tmp) / "undl_long.csv", False)]
        if args.gzip:
            paths.append((Path(tmp) / "undl_long.csv.gz", False))
        if args.size_matched:
            paths.append((Path(tmp) / "undl_long_padded.csv", True))
        for p, pad in paths:
            n = write_file(p, args.rows, p.suffix == ".gz", pad=pad)
            size = p.stat().st_size / 1e6
            base = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                pd.read_csv(p, dtype=str, keep_default_na=False)
                base.append(time.perf_counter() - t0)
            ours = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                rec, rep = read_undl(p)
                ours.append(time.perf_counter() - t0)
            b, o = min(base), min(ours)
            print(f"file: {p.name}, {n:,} rows, {size:.0f} MB, {rep.roll_calls:,} roll calls")
            print(f"  rows kept {rep.rows_kept:,}, rejected {len(rep.rejected):,}, absent filled {rep.absent_filled:,}")
            print(f"  baseline pandas.read_csv(dtype=str): {b:6.2f} s (best of {args.repeat})")
            print(f"  unvotes.read_undl:                   {o:6.2f} s (best of {args.repeat})")
            print(f"  ratio read_undl / read_csv:          {o / b:6.2f}")
            print(f"  target < 5 s:                        {'met' if o < 5 else 'NOT met'}")


if __name__ == "__main__":
    main()
