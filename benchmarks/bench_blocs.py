"""Benchmark: counting every roll call of the record by bloc, and merging successions.

Run from the repository root (after ``pip install -e .``)::

    python benchmarks/bench_blocs.py

Prints, for the whole record and the 18 blocs alive today plus the OAU:

* ``votes_by_bloc`` (vectorised over the vote matrix) against the named
  baseline "per-roll-call loop": ``roll_call_by_bloc`` called once per roll
  call (timed on a sample of roll calls and scaled to the record);
* ``merge_successions(record.matrix())`` and ``members_per_year()``;
* peak Python memory (tracemalloc) of ``votes_by_bloc``.
"""

from __future__ import annotations

import statistics
import time
import tracemalloc

import numpy as np


def _median_time(fn, repeat=5):
    ts = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t)
    return statistics.median(ts)


def main():
    import unvotes
    from unvotes.blocs import roll_call_by_bloc, votes_by_bloc
    from unvotes.states import members_per_year, merge_successions

    t0 = time.perf_counter()
    record = unvotes.load()
    print(f"load: {time.perf_counter() - t0:.2f} s")
    blocs = list(unvotes.list_blocs().index)
    n_rc = len(record.roll_calls)
    mat = record.matrix()
    print(f"record: {n_rc} roll calls x {mat.shape[1]} states; {len(blocs)} blocs")

    votes_by_bloc(record, blocs)  # warm the caches (bloc specs, registry)
    t_vec = _median_time(lambda: votes_by_bloc(record, blocs), repeat=5)
    print(f"votes_by_bloc, whole record, all blocs: {t_vec:.3f} s (median of 5)")

    rng = np.random.default_rng(0)
    sample = rng.choice(record.roll_calls.rcid.to_numpy(), size=min(200, n_rc), replace=False)
    rcs = [record[int(r)] for r in sample]
    t = time.perf_counter()
    for rc in rcs:
        roll_call_by_bloc(rc, blocs)
    t_loop = (time.perf_counter() - t) / len(rcs) * n_rc
    print(f"baseline per-roll-call loop (roll_call_by_bloc x {n_rc}, scaled from {len(rcs)}): {t_loop:.1f} s")
    print(f"speed-up of votes_by_bloc over the per-roll-call loop: {t_loop / t_vec:.0f}x")

    tracemalloc.start()
    votes_by_bloc(record, blocs)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"votes_by_bloc peak traced memory: {peak / 2**20:.0f} MiB")

    t_merge = _median_time(lambda: merge_successions(mat, rule="lineage"), repeat=5)
    print(f"merge_successions(record.matrix(), rule='lineage'): {t_merge * 1000:.1f} ms (median of 5)")
    t_mpy = _median_time(lambda: members_per_year(), repeat=5)
    print(f"members_per_year(): {t_mpy * 1000:.1f} ms (median of 5)")


if __name__ == "__main__":
    main()
