"""Benchmark of unvotes.ideal_points: speed, memory, and agreement with BSV.

Fits the dynamic ordinal model to the whole record (1946 to the latest
session) by session and prints the wall time, peak memory (the process's peak
resident set), iterations and
convergence, then the Pearson correlation with the published estimates of
Bailey, Strezhnev and Voeten (2017), April 2020 release
(``datasets/raw/validation/voeten-idealpoints/IdealpointestimatesAll_Apr2020.csv``),
pooled over all matched state-sessions and per session.

Baselines named in the output: the issue's targets (60 s, 2 GB, r >= 0.95
pooled and >= 0.90 in every session with 50 or more states); the BSV MCMC
(20,000 iterations, reported to run overnight); and a per-session PCA
(:func:`unvotes.pca_baseline`), whose correlation with BSV shows what the
model adds.

Run:  python benchmarks/bench_ideal.py [--quick]   (--quick: sessions 60-74)
"""

from __future__ import annotations

import pathlib
import resource
import sys
import time

import numpy as np
import pandas as pd

import unvotes
from unvotes.ideal._reference import bsv_reference as _bsv_reference, compare_with_reference

ROOT = pathlib.Path(__file__).resolve().parents[1]
BSV = ROOT / "datasets/raw/validation/voeten-idealpoints/IdealpointestimatesAll_Apr2020.csv"


def main(quick: bool = False) -> int:
    record = unvotes.load()
    if quick:
        record = record.select(sessions=range(60, 75))
    n_rc = len(record.roll_calls)
    sessions = record.roll_calls["session"]
    print(f"record: {n_rc} roll calls, sessions {sessions.min()}-{sessions.max()}, "
          f"{record.matrix().shape[1]} states")

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB on Linux
    t0 = time.perf_counter()
    cpu0 = time.process_time()
    fit = unvotes.ideal_points(record, by="session", model="ordinal", dynamic=True, progress=False)
    wall = time.perf_counter() - t0
    cpu = time.process_time() - cpu0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(fit)
    print(f"time: {wall:.1f} s wall, {cpu:.1f} s CPU ({fit.seconds:.1f} s in {fit.iterations} EM iterations, "
          f"{1000 * fit.seconds / fit.iterations:.0f} ms each); target 60 s -> ratio {wall / 60:.2f}; "
          f"BSV's MCMC: overnight")
    print(f"peak memory: {rss:.0f} MiB peak RSS of the process ({rss0:.0f} MiB before the fit, with the record "
          f"loaded); target 2048 MiB -> ratio {rss / 2048:.2f}")
    print(f"converged: {fit.converged} (max change {fit.max_change:.1e}, tol {fit.tol:.0e}); "
          f"roll calls kept {len(fit.roll_calls)}, dropped {len(fit.dropped_roll_calls)} "
          f"({fit.dropped_roll_calls['reason'].value_counts().to_dict()}); "
          f"state-periods {len(fit.estimates)}, dropped below min_votes {len(fit.dropped_states)}")

    ref = _bsv_reference(BSV, record.states)
    cmp = compare_with_reference(fit.estimates, ref)
    pooled = cmp.attrs["pooled_r"]
    per = cmp
    big = per[per["n"] >= 50]
    print(f"\nBSV April 2020 (sessions 1-74): {cmp.attrs['n_matched']} state-sessions matched "
          f"of {ref.drop_duplicates(['ccode', 'session']).shape[0]} published")
    print(f"pooled Pearson r = {pooled:.4f} (target >= 0.95)")
    print(f"per-session r, sessions with >= 50 states: min {big['r'].min():.4f} "
          f"(session {int(big['r'].idxmin())}), median {big['r'].median():.4f} (target >= 0.90 each)")

    # baseline: per-session PCA (no model, no dynamics)
    rows = []
    for s in sorted(set(ref["session"])):
        if quick and s < 60:
            continue
        sub = record.select(sessions=[s])
        if len(sub.roll_calls) == 0:
            continue
        try:
            pc = unvotes.pca_baseline(sub)
        except ValueError:
            continue
        pc = pc.assign(period=s).rename(columns={"score": "ideal_point"})
        rows.append(pc)
    pca = pd.concat(rows, ignore_index=True)
    cmp_pca = compare_with_reference(pca, ref)
    bigp = cmp_pca[cmp_pca["n"] >= 50]
    print(f"baseline per-session PCA: pooled r = {cmp_pca.attrs['pooled_r']:.4f}, "
          f"min per-session r = {bigp['r'].min():.4f}")

    print("\nper-session correlations (n = matched states):")
    table = per.join(cmp_pca[["r"]].rename(columns={"r": "r_pca"}))
    with pd.option_context("display.max_rows", 200, "display.width", 120):
        print(table.round(4).to_string())
    ok = (pooled >= 0.95) and (big["r"].min() >= 0.90) and wall < 60 and rss < 2048
    print(f"\nALL TARGETS MET: {ok}")
    return 0


if __name__ == "__main__":
    sys.exit(main(quick="--quick" in sys.argv))
