"""Benchmark: every pair's agreement for every calendar year, each measure.

Compares unvotes.agreement() with the naive pandas approach a notebook user
would write (self-merge of the long vote table on rcid, then groupby) on one
decade, and times every measure on the whole record (1946-2026).

Each measurement runs in a fresh subprocess so that peak memory is its own:
``tracemalloc`` peak (Python and numpy allocations) and the growth of the
process's peak resident set size (``resource.getrusage``) over the resident
size just before the measured call.

Run:  python benchmarks/bench_alignment.py [--decade 2010] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
import tracemalloc


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _naive(record, first, last):
    """The notebook approach: long votes, self-merge on rcid, groupby pair and year."""
    import pandas as pd

    votes = record.votes.merge(record.roll_calls[["rcid", "date", "kind"]], on="rcid")
    votes = votes[votes["kind"].astype(str).isin(["resolution", "decision", "procedural", "unknown"])]
    votes = votes[votes["vote"].isin(["yes", "abstain", "no"])].copy()
    votes["year"] = votes["date"].dt.year
    votes = votes[(votes["year"] >= first) & (votes["year"] <= last)]
    votes["o"] = votes["vote"].map({"yes": 1, "abstain": 2, "no": 3}).astype(int)
    votes["state"] = votes["state"].astype(str)
    votes = votes[["rcid", "year", "state", "o"]]
    pairs = votes.merge(votes, on=["rcid", "year"], suffixes=("_a", "_b"))
    pairs = pairs[pairs["state_a"] < pairs["state_b"]]
    pairs["agree"] = 1 - (pairs["o_a"] - pairs["o_b"]).abs() / 2
    return pairs.groupby(["state_a", "state_b", "year"], observed=True)["agree"].agg(["mean", "size"]).reset_index()


def _child(task: str, measure: str, first: int, last: int, repeat: int) -> dict:
    import numpy as np

    import unvotes

    rec = unvotes.load()
    if task != "full":
        rec = rec.select(start=f"{first}-01-01", end=f"{last}-12-31")
    rec.matrix()  # warm-up (first-call costs); agreement() builds the matrix again inside the timing
    _ = rec.votes, rec.roll_calls

    def call():
        if task == "naive":
            return _naive(rec, first, last)
        return unvotes.agreement(rec, measure=measure, by="year")

    times = []
    rss0 = _rss_mb()
    for _ in range(repeat):  # timings without tracemalloc (it slows Python allocations)
        t0 = time.perf_counter()
        out = call()
        times.append(time.perf_counter() - t0)
    rss_growth = max(0.0, _maxrss_mb() - rss0)
    del out
    tracemalloc.start()
    out = call()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    res = {"task": task, "measure": measure, "seconds": min(times), "tracemalloc_peak_mb": peak,
           "rss_growth_mb": rss_growth, "rows": int(len(out))}
    if task == "decade_check":
        naive = _naive(rec, first, last)
        ours = out.assign(state_a=out.state_a.astype(str), state_b=out.state_b.astype(str))
        m = naive.merge(ours, left_on=["state_a", "state_b", "year"], right_on=["state_a", "state_b", "period"])
        res["pairs_compared"] = int(len(m))
        res["pairs_naive"] = int(len(naive))
        res["max_abs_diff"] = float(np.nanmax(np.abs(m["mean"] - m["value"]))) if len(m) else float("nan")
        res["n_equal"] = bool((m["size"] == m["n"]).all())
    return res


def _run(args_list):
    out = subprocess.run([sys.executable, __file__, "--child", *args_list], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--decade", type=int, default=2010, help="first year of the baseline decade")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--child", nargs=5, metavar=("TASK", "MEASURE", "FIRST", "LAST", "REPEAT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        task, measure, first, last, repeat = args.child
        print(json.dumps(_child(task, measure, int(first), int(last), int(repeat))))
        return
    from unvotes.alignment import MEASURES

    first, last = args.decade, args.decade + 9
    print(f"Baseline: naive pandas self-merge + groupby, Lijphart agreement, every pair, years {first}-{last}")
    naive = _run(["naive", "lijphart", str(first), str(last), "1"])
    check = _run(["decade_check", "lijphart", str(first), str(last), str(args.repeat)])
    print(f"  naive pandas      : {naive['seconds']:8.3f} s   tracemalloc peak {naive['tracemalloc_peak_mb']:8.1f} MB"
          f"   peak RSS growth {naive['rss_growth_mb']:8.1f} MB   rows {naive['rows']}")
    print(f"  unvotes.agreement : {check['seconds']:8.3f} s   tracemalloc peak {check['tracemalloc_peak_mb']:8.1f} MB"
          f"   peak RSS growth {check['rss_growth_mb']:8.1f} MB   rows {check['rows']}")
    print(f"  speed-up          : {naive['seconds'] / check['seconds']:8.1f} x  (target >= 100 x)")
    print(f"  same values       : {check['pairs_compared']} of {check['pairs_naive']} naive pairs matched, "
          f"max |diff| = {check['max_abs_diff']:.2e}, n equal: {check['n_equal']}")
    print()
    print("Whole record, every pair, every calendar year (targets: < 1 s, peak < 500 MB)")
    print(f"  {'measure':<17} {'seconds':>8} {'tracemalloc MB':>15} {'RSS growth MB':>14} {'rows':>9}")
    for m in MEASURES:
        r = _run(["full", m, "0", "0", str(args.repeat)])
        print(f"  {m:<17} {r['seconds']:8.3f} {r['tracemalloc_peak_mb']:15.1f} {r['rss_growth_mb']:14.1f} {r['rows']:9d}")


if __name__ == "__main__":
    main()
