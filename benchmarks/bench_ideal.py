"""Benchmark of unvotes.ideal_points: before/after acceleration, the 10x record, agreement with BSV, and R pscl.

Each fit runs in a fresh Python process of its own (paired whole processes, alternating
before/after), so that each reports its own peak memory (peak resident set of that process,
with the record loaded) and CPU time; the answers are compared before any time is:

1. **before vs after**, dynamic ordinal by session on the whole record (what a user runs:
   ``unvotes.ideal_points(record)``).  "before" is the EM core as it was on main 43c3814
   (plain EM, float64, ``log_ndtr`` E-step, ``bincount`` M-step), kept in
   ``benchmarks/baselines/ideal_core_before.py`` and swapped in for the package's core; "after"
   is the package (SQUAREM, float32 cells, segment sums).  Both are correlated with the
   published Bailey-Strezhnev-Voeten estimates, April 2020 release
   (``datasets/raw/validation/voeten-idealpoints``), pooled and per session, and with each other.
2. **the 10x record**: every roll call repeated ten times (new rcids, same votes), "after" only
   (the target: under 60 s; ``--before-10x`` also times "before", about 5 minutes).
3. **two dimensions**: ``ideal_points(record, dims=2)`` on the whole record (targets: under
   120 s, under 2 GB), its fit statistics next to one dimension's, and W-NOMINATE's UN example
   (sessions 1-3; Poole, Lewis, Lo and Carroll 2011) next to our statistics on the same sessions.
4. **R pscl::ideal** (Clinton, Jackman and Rivers 2004; Jackman's ``pscl``) on one session,
   binary (yes = 1, no = 0, abstain/absent missing), if ``Rscript`` and pscl are installed,
   against ``ideal_points(model="binary", dynamic=False)`` on the same votes: correlation first,
   then the times of the whole R process and of our whole process.

Targets (issue 17): at least 5x faster than before, memory under 500 MB, the 10x record under
60 s; BSV pooled r >= 0.98 and per-session minimum >= 0.975 (sessions with >= 50 states).
CPU time is the process's own (the machine is shared); wall time is printed beside it.

Run:  python benchmarks/bench_ideal.py [--quick] [--before-10x] [--no-r]
      (--quick: sessions 60-74 instead of the whole record)
"""

from __future__ import annotations

import json
import pathlib
import resource
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd

ROOT = pathlib.Path(__file__).resolve().parents[1]
BSV = ROOT / "datasets/raw/validation/voeten-idealpoints/IdealpointestimatesAll_Apr2020.csv"
R_SESSION = 74


def _record(kind: str, quick: bool):
    import unvotes

    rec = unvotes.load()
    if quick:
        rec = rec.select(sessions=range(60, 75))
    if kind == "x10":
        rc, votes = rec.roll_calls, rec.votes
        step = int(rc["rcid"].max()) + 1
        rcs, vs = [], []
        for k in range(10):
            rcs.append(rc.assign(rcid=rc["rcid"] + k * step, symbol=rc["symbol"].astype(str) + f"#{k}"))
            vs.append(votes.assign(rcid=votes["rcid"] + k * step))
        rec = unvotes.VotingRecord(pd.concat(rcs, ignore_index=True), pd.concat(vs, ignore_index=True), rec.states)
    return rec


def _use_before_core():
    """Swap the package's EM core for the one of main 43c3814 (plain EM, float64)."""
    import types

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from baselines import ideal_core_before as old

    from unvotes.ideal import _core, _prepare, model

    shim = types.SimpleNamespace(fit=old.fit, make_data=old.make_data, Data=old.Data, first_pc=_core.first_pc,
                                 cell_mean=_core.cell_mean, category_probs=_core.category_probs)
    model._core = shim
    _prepare._core = shim


def worker(variant: str, kind: str, quick: bool, out: str) -> None:
    """One fit in this process; writes the estimates (pickle) and a JSON line of figures."""
    import unvotes

    rec = _record(kind, quick)
    rec.matrix()  # build the matrix cache outside the timed fit (both variants alike)
    if variant == "before":
        _use_before_core()
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0, c0 = time.perf_counter(), time.process_time()
    if variant == "binary":
        fit = unvotes.ideal_points(rec.select(sessions=[R_SESSION]), model="binary", dynamic=False, progress=False)
    elif variant == "dims2":
        fit = unvotes.ideal_points(rec, dims=2, progress=False)
    else:
        fit = unvotes.ideal_points(rec, progress=False)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    fit.estimates.to_pickle(out)
    print(json.dumps(dict(variant=variant, kind=kind, wall=wall, cpu=cpu, em_seconds=fit.seconds,
                          iterations=fit.iterations, converged=bool(fit.converged), loglik=fit.loglik,
                          rss_before=rss0, rss=rss, n=len(fit.estimates),
                          stats={k: v for k, v in fit.fit_statistics.items()})))


def _run(variant, kind, quick, tmp):
    out = str(pathlib.Path(tmp) / f"{variant}-{kind}.pkl")
    cmd = [sys.executable, __file__, "--worker", variant, kind, out] + (["--quick"] if quick else [])
    t0 = time.perf_counter()
    res = subprocess.run(cmd, capture_output=True, text=True, check=True)
    fig = json.loads(res.stdout.strip().splitlines()[-1])
    fig["process_wall"] = time.perf_counter() - t0
    return fig, pd.read_pickle(out)


def _bsv(est, ref):
    from unvotes.ideal._reference import compare_with_reference

    cmp = compare_with_reference(est, ref)
    big = cmp[cmp["n"] >= 50]
    return cmp.attrs["pooled_r"], float(big["r"].min()), int(big["r"].idxmin()), cmp.attrs["n_matched"]


def _pscl(tmp):
    """pscl::ideal on session R_SESSION (binary); returns (estimates, figures) or None."""
    import unvotes

    if shutil.which("Rscript") is None:
        print("R: Rscript not found; skipped (apt-get install r-base-core r-cran-pscl)")
        return None
    ok = subprocess.run(["Rscript", "-e", "library(pscl)"], capture_output=True)
    if ok.returncode != 0:
        print("R: pscl not installed; skipped (apt-get install r-cran-pscl)")
        return None
    m = unvotes.load().select(sessions=[R_SESSION]).matrix()
    yn = m.replace({1: 1, 3: 0, 2: -1, 8: -1, 9: -1})
    csv = pathlib.Path(tmp) / "votes.csv"
    yn.T.to_csv(csv)  # states x roll calls; -1 = missing
    out = pathlib.Path(tmp) / "pscl.csv"
    script = f"""
    suppressMessages(library(pscl))
    v <- as.matrix(read.csv("{csv}", row.names = 1, check.names = FALSE))
    v[v < 0] <- NA
    rc <- rollcall(v, yea = 1, nay = 0, missing = NA, legis.names = rownames(v))
    set.seed(1)
    t <- system.time(f <- ideal(rc, d = 1, normalize = TRUE, store.item = FALSE, verbose = FALSE,
                                 dropList = list(lop = 0.025, legisMin = 10)))
    x <- f$xbar
    write.csv(data.frame(state = rownames(x), x = x[, 1]), "{out}", row.names = FALSE)
    cat(t[["elapsed"]], t[["user.self"]], "\\n")
    """
    t0 = time.perf_counter()
    res = subprocess.run(["Rscript", "-e", script], capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if res.returncode != 0:
        print("R: pscl::ideal failed:", res.stderr.strip()[-400:])
        return None
    ideal_elapsed, ideal_user = map(float, res.stdout.split()[-2:])
    return pd.read_csv(out), dict(process_wall=wall, ideal_elapsed=ideal_elapsed, ideal_user=ideal_user)


def _wnominate():
    """W-NOMINATE's UN example (sessions 1-3) next to ours."""
    import unvotes

    rec = unvotes.load().select(sessions=[1, 2, 3])
    pooled = unvotes.VotingRecord(rec.roll_calls.assign(session=1), rec.votes, rec.states)
    print("\nW-NOMINATE's UN example, sessions 1-3 (Poole, Lewis, Lo and Carroll 2011: 1-dim 89.44 % / APRE 0.571, "
          "2-dim 92.58 % / 0.699):")
    print("  fit                                   dims    CC %    APRE    GMP  votes  roll calls  states")
    for name, r, kw in (("binary, static, sessions pooled", pooled, dict(model="binary", dynamic=False)),
                        ("binary, dynamic by session", rec, dict(model="binary")),
                        ("ordinal, static, sessions pooled", pooled, dict(dynamic=False)),
                        ("ordinal, dynamic by session", rec, {})):
        for dims in (1, 2):
            f = unvotes.ideal_points(r, dims=dims, min_votes=20, lop=0.025, progress=False, **kw)
            st = f.fit_statistics
            print(f"  {name:36s} {dims:4d} {100 * st['correct_classification']:7.2f} {st['apre']:7.3f} "
                  f"{st['gmp']:6.3f} {st['n_choices']:6d} {len(f.roll_calls):11d} {f.estimates['state'].nunique():7d}")


def main(quick: bool, before_10x: bool, with_r: bool) -> int:
    from unvotes.ideal._reference import bsv_reference

    import unvotes

    ref = bsv_reference(BSV, unvotes.load().states)
    scope = "sessions 60-74" if quick else "the whole record"
    print(f"dynamic ordinal ideal points by session, {scope}; one fresh process per fit\n")
    with tempfile.TemporaryDirectory() as tmp:
        runs = {}
        for variant in ("before", "after", "before", "after"):  # paired, alternating
            fig, est = _run(variant, "full", quick, tmp)
            runs.setdefault(variant, []).append((fig, est))
        b_est, a_est = runs["before"][0][1], runs["after"][0][1]
        # answers first
        j = b_est.merge(a_est, on=["state", "period"], suffixes=("_before", "_after"))
        r_ba = float(np.corrcoef(j["ideal_point_before"], j["ideal_point_after"])[0, 1])
        print(f"answers: {len(b_est)} / {len(a_est)} state-periods; before vs after r = {r_ba:.5f}, "
              f"largest difference {np.abs(j['ideal_point_before'] - j['ideal_point_after']).max():.3f}")
        same = all(est.equals(runs[v][0][1]) for v in runs for _, est in runs[v])
        print(f"deterministic (the two runs of each variant identical): {same}")
        bsv = {}
        for v, est in (("before", b_est), ("after", a_est)):
            pooled, mn, at, n = _bsv(est, ref)
            bsv[v] = (pooled, mn)
            print(f"  {v:6s} vs BSV April 2020: pooled r = {pooled:.4f} over {n} state-sessions, "
                  f"per-session min {mn:.4f} (session {at})")
        print()
        for v in ("before", "after"):
            figs = [f for f, _ in runs[v]]
            f = min(figs, key=lambda f: f["cpu"])
            print(f"  {v:6s}: {f['iterations']:4d} EM evaluations, fit {f['cpu']:.1f} s CPU ({f['wall']:.1f} s wall), "
                  f"{1000 * f['cpu'] / f['iterations']:.0f} ms CPU per evaluation; loglik {f['loglik']:.1f}; "
                  f"peak RSS {f['rss']:.0f} MiB ({f['rss_before']:.0f} with the record loaded); converged {f['converged']}")
        fb = min((f for f, _ in runs["before"]), key=lambda f: f["cpu"])
        fa = min((f for f, _ in runs["after"]), key=lambda f: f["cpu"])
        speed = fb["cpu"] / fa["cpu"]
        print(f"\n  ratio before/after: {speed:.1f}x CPU ({fb['wall'] / fa['wall']:.1f}x wall), "
              f"{fb['iterations'] / fa['iterations']:.1f}x fewer evaluations, "
              f"{(fb['cpu'] / fb['iterations']) / (fa['cpu'] / fa['iterations']):.1f}x cheaper each "
              f"(target >= 5x); memory {fa['rss']:.0f} MiB (target < 500)")

        print("\n10x record (every roll call repeated ten times):")
        f10, e10 = _run("after", "x10", quick, tmp)
        print(f"  after : {f10['iterations']} evaluations, {f10['cpu']:.1f} s CPU ({f10['wall']:.1f} s wall), "
              f"peak RSS {f10['rss']:.0f} MiB; converged {f10['converged']} (target < 60 s)")
        p10, m10, _, _ = _bsv(e10, ref)
        print(f"          vs BSV: pooled r = {p10:.4f}, per-session min {m10:.4f}")
        ok10 = f10["cpu"] < 60
        if before_10x:
            g10, _ = _run("before", "x10", quick, tmp)
            print(f"  before: {g10['iterations']} evaluations, {g10['cpu']:.1f} s CPU; ratio {g10['cpu'] / f10['cpu']:.1f}x")

        print("\ntwo dimensions (dims=2), dynamic ordinal, whole record:")
        f2, e2 = _run("dims2", "full", quick, tmp)
        p2, m2, _, _ = _bsv(e2, ref)
        st1, st2 = fa["stats"], f2["stats"]
        print(f"  {f2['iterations']} evaluations, {f2['cpu']:.1f} s CPU ({f2['wall']:.1f} s wall), peak RSS "
              f"{f2['rss']:.0f} MiB; converged {f2['converged']} (targets < 120 s, < 2048 MiB)")
        print(f"  dimension 1 vs BSV: pooled r = {p2:.4f}, per-session min {m2:.4f}")
        print(f"  fit: 1-dim CC {100 * st1['correct_classification']:.2f} %, APRE {st1['apre']:.3f}, GMP {st1['gmp']:.3f}; "
              f"2-dim CC {100 * st2['correct_classification']:.2f} %, APRE {st2['apre']:.3f}, GMP {st2['gmp']:.3f}")
        ok2 = f2["cpu"] < 120 and f2["rss"] < 2048
        _wnominate()

        if with_r:
            print(f"\nR pscl::ideal, session {R_SESSION}, binary (yes 1 / no 0, the rest missing), lop 0.025, "
                  "10 votes minimum, default MCMC (10,000 iterations):")
            r = _pscl(tmp)
            if r is not None:
                pr, rfig = r
                ours_fig, ours = _run("binary", "full", False, tmp)
                jj = pr.merge(ours, on="state")
                rr = float(np.corrcoef(jj["x"], jj["ideal_point"])[0, 1])
                print(f"  answers: {len(jj)} states in both; |r| = {abs(rr):.4f} (sign is arbitrary in pscl)")
                print(f"  pscl::ideal {rfig['ideal_elapsed']:.1f} s ({rfig['process_wall']:.1f} s whole R process); "
                      f"unvotes {ours_fig['cpu']:.2f} s CPU fit ({ours_fig['process_wall']:.1f} s whole process); "
                      f"ratio {rfig['process_wall'] / ours_fig['process_wall']:.1f}x whole processes")

    ok = (speed >= 5 and fa["rss"] < 500 and ok10 and ok2 and bsv["after"][0] >= 0.98 and bsv["after"][1] >= 0.975)
    print(f"\nALL TARGETS MET: {ok}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(sys.argv[2], sys.argv[3], "--quick" in sys.argv, sys.argv[4])
        sys.exit(0)
    sys.exit(main(quick="--quick" in sys.argv, before_10x="--before-10x" in sys.argv, with_r="--no-r" not in sys.argv))
