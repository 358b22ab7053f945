"""Benchmark: every pair's agreement for every calendar year (issue 17 item 4).

Paired in one run, each measurement in a fresh subprocess (so that peak memory
is its own), answers checked equal before any time is compared:

1. whole record (1946-2026), Voeten's agreement (1 - |d|/2, unanimous roll
   calls out, final votes), every pair of states, every year:
   - ``unvotes.agreement(rec)``;
   - the plain-numpy floor: per year, the member columns only, four Gram
     matrices (participation, signed yes/no, |yes/no|, abstention), the
     upper triangle as tidy rows;
   - a tuned pandas version with integer codes (per year: one pivot to a wide
     int8 table, one-hot frames, ``DataFrame.dot``, ``stack``);
   - R dplyr and data.table (when ``Rscript`` and the packages are
     installed), as whole processes on the same long table;
2. a record with the states tripled (606 state columns: every vote repeated
   under two more codes), unvotes and the floor: time and peak memory;
3. every measure of :data:`unvotes.alignment.MEASURES` on the whole record;
4. bootstrap intervals (``ci=0.95``, 1,000 resamples) for all pairs of one
   year, against a numpy loop over the same resamples (four Grams per
   resample), intervals checked equal first (target: under 5 s).

Memory: ``tracemalloc`` peak (Python and numpy allocations) and the growth of
the process's peak resident set size over the resident size just before the
measured call (``resource.getrusage``).

Run:  python benchmarks/bench_alignment.py [--repeat 3] [--no-r]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc

FINAL = ("resolution", "decision", "procedural", "unknown")
DECADE = 2010  # the R peers' self-join of the whole record needs about 9 GiB (issue 17); they run on 2010-2019


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _record(copies: int):
    import pandas as pd

    import unvotes

    rec = unvotes.load()
    if copies == 1:
        return rec
    v = rec.votes
    parts = [v.assign(state=v["state"].astype(str))]
    for c in range(2, copies + 1):
        parts.append(v.assign(state=v["state"].astype(str) + str(c)))
    votes = pd.concat(parts, ignore_index=True)
    votes["state"] = votes["state"].astype("category")
    return unvotes.VotingRecord(rec.roll_calls, votes, source=f"states x{copies} (benchmark)")


def _floor(rec):
    """Plain numpy: four Grams per year over the member columns; tidy rows with n > 0.

    BLAS is limited to one thread as in unvotes (per-year Grams are small;
    threads cost more than they give on this 2-core shared machine).
    """
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1, user_api="blas"):
        return _floor_body(rec)


def _floor_body(rec):
    import numpy as np
    import pandas as pd

    mat = rec.matrix()
    rc = rec.roll_calls
    keep = rc["kind"].astype(str).isin(FINAL).to_numpy()
    M = mat.to_numpy()[keep]
    years = rc["date"].dt.year.to_numpy()[keep]
    part = M < 4
    used = np.stack([(M == c).any(axis=1) for c in (1, 2, 3)], axis=1).sum(axis=1)
    unan = used <= 1
    cols_all = np.asarray(mat.columns)
    A_, B_, Y_, V_, N_ = [], [], [], [], []
    for y in np.unique(years):
        X = M[years == y]
        cols = np.nonzero((X != 9).any(axis=0))[0]
        X = X[~unan[years == y]][:, cols]
        P = (X < 4).astype(np.float32)
        D = (X == 3).astype(np.float32) - (X == 1).astype(np.float32)
        Q = np.abs(D)
        A = (X == 2).astype(np.float32)
        n = (P.T @ P).astype(np.float64)
        xx = (D.T @ D).astype(np.float64)
        qq = (Q.T @ Q).astype(np.float64)
        aa = (A.T @ A).astype(np.float64)
        same = (qq + xx) / 2 + aa
        opp = (qq - xx) / 2
        iu, ju = np.triu_indices(len(cols), 1)
        nn = n[iu, ju]
        ok = nn > 0
        iu, ju, nn = iu[ok], ju[ok], nn[ok]
        val = (same[iu, ju] + 0.5 * (nn - same[iu, ju] - opp[iu, ju])) / nn
        A_.append(cols[iu]); B_.append(cols[ju]); Y_.append(np.full(len(iu), y)); V_.append(val); N_.append(nn)
    del part
    cat = pd.CategoricalDtype(list(cols_all))
    return pd.DataFrame({
        "state_a": pd.Categorical.from_codes(np.concatenate(A_).astype(np.int16), dtype=cat),
        "state_b": pd.Categorical.from_codes(np.concatenate(B_).astype(np.int16), dtype=cat),
        "period": np.concatenate(Y_).astype(np.int64),
        "value": np.concatenate(V_),
        "n": np.concatenate(N_).astype(np.int64),
    })


def _pandas(rec):
    """Tuned pandas with integer codes: per year a wide int8 pivot, one-hot frames and DataFrame.dot."""
    import numpy as np
    import pandas as pd

    rc = rec.roll_calls
    rc = rc[rc["kind"].astype(str).isin(FINAL)]
    v = rec.votes
    code = v["vote"].cat.codes.astype(np.int8)  # 0 yes, 1 abstain, 2 no, 3 absent, 4 non-member
    long = pd.DataFrame({"rcid": v["rcid"].to_numpy(), "state": v["state"], "code": code.to_numpy()})
    long = long[long["rcid"].isin(rc["rcid"])]
    long["year"] = long["rcid"].map(pd.Series(rc["date"].dt.year.to_numpy(), index=rc["rcid"].to_numpy()))
    member = long[long["code"] <= 3]
    voted = member[member["code"] <= 2]
    npos = voted.groupby("rcid")["code"].nunique()
    contested = npos.index[npos > 1]
    out = []
    for y, g in member.groupby("year", sort=True):
        wide = g.pivot(index="rcid", columns="state", values="code")
        wide = wide.loc[wide.index.isin(contested), sorted(wide.columns, key=str)]  # pairs a < b by ISO3
        P = (wide <= 2).astype(np.float64)
        D = (wide == 2).astype(np.float64) - (wide == 0).astype(np.float64)
        Q = D.abs()
        A = (wide == 1).astype(np.float64)
        n, xx, qq, aa = P.T.dot(P), D.T.dot(D), Q.T.dot(Q), A.T.dot(A)
        same = (qq + xx) / 2 + aa
        opp = (qq - xx) / 2
        val = (same + 0.5 * (n - same - opp)) / n.where(n > 0)
        mask = np.triu(np.ones(n.shape, dtype=bool), 1) & (n.to_numpy() > 0)
        t = pd.DataFrame({"value": val.where(mask).stack(), "n": n.where(mask).stack()})
        t = t[t["n"].notna()]
        t.index.names = ["state_a", "state_b"]
        out.append(t.reset_index().assign(period=y))
    res = pd.concat(out, ignore_index=True)
    res["n"] = res["n"].astype(np.int64)
    return res[["state_a", "state_b", "period", "value", "n"]]


R_SCRIPT = r"""
suppressMessages({library(%(lib)s)})
v <- read.csv("%(csv)s")
t0 <- proc.time()[["elapsed"]]
%(body)s
el <- proc.time()[["elapsed"]] - t0
write.csv(res, "%(out)s", row.names = FALSE)
cat(sprintf("ELAPSED %%.3f\n", el))
"""

R_DPLYR = r"""
v <- v %>% group_by(rcid) %>% filter(n_distinct(o) > 1) %>% ungroup()
res <- inner_join(v, v, by = c("rcid", "year"), suffix = c("_a", "_b"), relationship = "many-to-many") %>%
  filter(state_a < state_b) %>% mutate(agree = 1 - abs(o_a - o_b) / 2) %>%
  group_by(state_a, state_b, year) %>% summarise(value = mean(agree), n = n(), .groups = "drop")
"""

R_DT = r"""
setDT(v)
v <- v[, if (uniqueN(o) > 1) .SD, by = rcid]
res <- v[v, on = .(rcid, year), allow.cartesian = TRUE, nomatch = NULL][state < i.state,
  .(value = mean(1 - abs(o - i.o) / 2), n = .N), by = .(state_a = state, state_b = i.state, year)]
"""


def _long_csv(path, first, last):
    import pandas as pd

    rec = _record(1).select(start=f"{first}-01-01", end=f"{last}-12-31")
    rc = rec.roll_calls
    rc = rc[rc["kind"].astype(str).isin(FINAL)]
    v = rec.votes[rec.votes["vote"].isin(["yes", "abstain", "no"])]
    v = v[v["rcid"].isin(rc["rcid"])]
    year = v["rcid"].map(pd.Series(rc["date"].dt.year.to_numpy(), index=rc["rcid"].to_numpy()))
    o = v["vote"].map({"yes": 1, "abstain": 2, "no": 3}).astype(int)
    pd.DataFrame({"rcid": v["rcid"], "year": year, "state": v["state"].astype(str), "o": o}).to_csv(path, index=False)


def _compare(ours, other):
    """Rows of ``other`` matched in ``ours`` (on n > 0) and the largest |difference|."""
    import numpy as np

    a = ours[ours["n"] > 0].assign(state_a=lambda d: d.state_a.astype(str), state_b=lambda d: d.state_b.astype(str))
    b = other.assign(state_a=other.state_a.astype(str), state_b=other.state_b.astype(str))
    m = a.merge(b, on=["state_a", "state_b", "period"], suffixes=("", "_o"))
    return {
        "rows_ours_n_pos": int(len(a)), "rows_other": int(len(b)), "rows_matched": int(len(m)),
        "max_abs_diff": float(np.nanmax(np.abs(m["value"] - m["value_o"]))) if len(m) else float("nan"),
        "n_equal": bool((m["n"] == m["n_o"]).all()),
        "rows_ours_n_zero": int((ours["n"] == 0).sum()),
    }


def _child(task: str, measure: str, copies: int, repeat: int) -> dict:
    import unvotes

    rec = _record(copies)
    if task == "decade":
        rec = rec.select(start=f"{DECADE}-01-01", end=f"{DECADE + 9}-12-31")
    rec.matrix()  # warm-up (first-call costs); every task calls rec.matrix() (a cached copy) inside the timing
    _ = rec.votes, rec.roll_calls

    def call():
        if task == "floor":
            return _floor(rec)
        if task == "pandas":
            return _pandas(rec)
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
    res = {"task": task, "seconds": min(times), "tracemalloc_peak_mb": peak, "rss_growth_mb": rss_growth,
           "rows": int(len(out))}
    if task == "check":
        res["floor"] = _compare(out, _floor(rec))
        if copies == 1:
            res["pandas"] = _compare(out, _pandas(rec))
    return res


def _boot_loop(rec, year, n_boot):
    """The plain bootstrap: for each resample, the rows drawn, four Grams, the percentiles (numpy loop)."""
    import numpy as np
    from threadpoolctl import threadpool_limits

    from unvotes.metrics import _bootstrap, _pairs

    mat = rec.matrix()
    rc = rec.roll_calls
    keep = rc["kind"].astype(str).isin(FINAL).to_numpy() & (rc["date"].dt.year.to_numpy() == year)
    M = mat.to_numpy()[keep]
    M = M[~_pairs._unanimous_rows(M)]
    cols = np.nonzero((M != 9).any(axis=0))[0]
    X = M[:, cols]
    C = _bootstrap.draws(len(X), n_boot, 0, year).astype(int)
    iu, ju = np.triu_indices(len(cols), 1)
    vals = np.empty((n_boot, len(iu)))
    with threadpool_limits(1, user_api="blas"):
        for b, c in enumerate(C):
            Z = np.repeat(X, c, axis=0)
            P = (Z < 4).astype(np.float32)
            D = (Z == 3).astype(np.float32) - (Z == 1).astype(np.float32)
            Q = np.abs(D)
            A = (Z == 2).astype(np.float32)
            n, xx, qq, aa = ((F.T @ F)[iu, ju].astype(np.float64) for F in (P, D, Q, A))
            same = (qq + xx) / 2 + aa
            opp = (qq - xx) / 2
            vals[b] = _pairs._divide(same + 0.5 * (n - same - opp), n)
    lo, hi = np.nanquantile(vals, [0.025, 0.975], axis=0)
    return np.asarray(mat.columns)[cols][iu], np.asarray(mat.columns)[cols][ju], lo, hi


def _bench_intervals(year, n_boot=1000):
    import numpy as np

    import unvotes

    rec = unvotes.load().select(years=[year])
    rec.matrix()
    t0 = time.perf_counter()
    ours = unvotes.agreement(rec, ci=0.95, n_boot=n_boot)
    t_ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    a, b, lo, hi = _boot_loop(rec, year, n_boot)
    t_loop = time.perf_counter() - t0
    o = ours[ours["n"] > 0]
    key = dict(zip(zip(o.state_a.astype(str), o.state_b.astype(str)), zip(o["lower"], o["upper"])))
    got = np.array([key[(x, y)] for x, y in zip(a, b) if (x, y) in key])
    ref = np.array([(L, H) for x, y, L, H in zip(a, b, lo, hi) if (x, y) in key])
    diff = float(np.nanmax(np.abs(got - ref)))
    return {"year": year, "pairs": int(len(ours)), "roll_calls": int(ours["n"].max()), "seconds": t_ours,
            "loop_seconds": t_loop, "pairs_compared": int(len(got)), "max_abs_diff": diff}


def _run(args_list):
    out = subprocess.run([sys.executable, __file__, "--child", *args_list], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _r_peer(lib, body, tmp, csv, first, last):
    """Run one R peer as a whole process; return (seconds inside R, wall seconds, peak RSS MB, comparison)."""
    import pandas as pd

    import unvotes

    out = os.path.join(tmp, f"{lib}.csv")
    script = os.path.join(tmp, f"{lib}.R")
    with open(script, "w") as fh:
        fh.write(R_SCRIPT % {"lib": lib, "csv": csv, "out": out, "body": body})
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "MAXRSS %M", "Rscript", script], capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if p.returncode:
        return None, wall, None, {"error": p.stderr[-300:]}
    el = float(next(line.split()[1] for line in p.stdout.splitlines() if line.startswith("ELAPSED")))
    rss = float(next(line.split()[1] for line in p.stderr.splitlines() if line.startswith("MAXRSS"))) / 1024
    r = pd.read_csv(out).rename(columns={"year": "period"})
    ours = unvotes.agreement(unvotes.load().select(start=f"{first}-01-01", end=f"{last}-12-31"), measure="voeten")
    return el, wall, rss, _compare(ours, r)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-r", action="store_true", help="skip the R peers")
    ap.add_argument("--only-intervals", action="store_true", help="run section 4 only")
    ap.add_argument("--child", nargs=4, metavar=("TASK", "MEASURE", "COPIES", "REPEAT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        task, measure, copies, repeat = args.child
        if task == "intervals":
            print(json.dumps(_bench_intervals(int(copies))))
        else:
            print(json.dumps(_child(task, measure, int(copies), int(repeat))))
        return
    from unvotes.alignment import MEASURES

    rep = str(args.repeat)
    if args.only_intervals:
        for year in (2022, 2025):
            print(_run(["intervals", "voeten", str(year), "1"]))
        return
    print("1. Whole record, every pair, every calendar year, Voeten agreement (final votes, unanimous out)")
    chk = _run(["check", "voeten", "1", rep])
    for name in ("floor", "pandas"):
        c = chk[name]
        print(f"   check vs {name:<6}: {c['rows_matched']} of {c['rows_other']} rows matched "
              f"(ours with n > 0: {c['rows_ours_n_pos']}; ours with n = 0, NaN: {c['rows_ours_n_zero']}), "
              f"max |diff| {c['max_abs_diff']:.1e}, n equal {c['n_equal']}")
    res = {t: _run([t, "voeten", "1", rep]) for t in ("unvotes", "floor", "pandas")}
    for t, r in res.items():
        print(f"   {t:<8}: {r['seconds']:7.3f} s  tracemalloc peak {r['tracemalloc_peak_mb']:7.1f} MB  "
              f"RSS growth {r['rss_growth_mb']:7.1f} MB  rows {r['rows']}")
    f, u, pd_ = res["floor"]["seconds"], res["unvotes"]["seconds"], res["pandas"]["seconds"]
    print(f"   unvotes / numpy floor: {u / f:5.2f} x  (target <= 1.2 x);  tuned pandas / unvotes: {pd_ / u:5.1f} x")
    if not args.no_r and shutil.which("Rscript"):
        dec = _run(["decade", "voeten", "1", rep])
        u = dec["seconds"]
        print(f"   R peers on {DECADE}-{DECADE + 9} (the self-join of the whole record needs ~9 GiB): "
              f"unvotes {u:.3f} s on that decade")
        with tempfile.TemporaryDirectory() as tmp:
            csv = os.path.join(tmp, "votes.csv")
            _long_csv(csv, DECADE, DECADE + 9)
            for lib, body in (("dplyr", R_DPLYR), ("data.table", R_DT)):
                el, wall, rss, c = _r_peer(lib, body, tmp, csv, DECADE, DECADE + 9)
                if el is None:
                    print(f"   R {lib}: failed ({c['error']})")
                    continue
                print(f"   R {lib:<10}: {el:7.2f} s inside R ({wall:6.1f} s whole process, peak RSS {rss:7.0f} MB);"
                      f" {el / u:6.1f} x unvotes; {c['rows_matched']} of {c['rows_other']} rows matched, "
                      f"max |diff| {c['max_abs_diff']:.1e}, n equal {c['n_equal']}")
    else:
        print("   R peers: skipped (no Rscript, or --no-r)")
    print()
    print("2. States tripled (606 columns), same task (target: peak under 1 GB)")
    chk3 = _run(["check", "voeten", "3", "1"])["floor"]
    print(f"   check vs floor: {chk3['rows_matched']} of {chk3['rows_other']} rows matched, "
          f"max |diff| {chk3['max_abs_diff']:.1e}, n equal {chk3['n_equal']}")
    for t in ("unvotes", "floor"):
        r = _run([t, "voeten", "3", "1"])
        print(f"   {t:<8}: {r['seconds']:7.3f} s  tracemalloc peak {r['tracemalloc_peak_mb']:7.1f} MB  "
              f"RSS growth {r['rss_growth_mb']:7.1f} MB  rows {r['rows']}")
    print()
    print("3. Every measure, whole record, every pair, every calendar year")
    print(f"   {'measure':<17} {'seconds':>8} {'tracemalloc MB':>15} {'RSS growth MB':>14} {'rows':>9}")
    for m in MEASURES:
        r = _run(["unvotes", m, "1", rep])
        print(f"   {m:<17} {r['seconds']:8.3f} {r['tracemalloc_peak_mb']:15.1f} {r['rss_growth_mb']:14.1f} {r['rows']:9d}")
    print()
    print("4. Bootstrap intervals, ci=0.95, 1,000 resamples, every pair of one year (target: under 5 s)")
    for year in (2022, 2025):
        r = _run(["intervals", "voeten", str(year), "1"])
        print(f"   {year}: {r['pairs']} pairs, {r['roll_calls']} roll calls: unvotes {r['seconds']:6.2f} s, "
              f"numpy loop over the same resamples {r['loop_seconds']:6.2f} s ({r['loop_seconds'] / r['seconds']:4.1f} x);"
              f" {r['pairs_compared']} intervals compared, max |diff| {r['max_abs_diff']:.1e}")


if __name__ == "__main__":
    main()
