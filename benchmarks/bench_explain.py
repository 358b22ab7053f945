"""explain_change for one pair: time and memory, next to what it costs to get the two plain figures.

No other tool decomposes a change of agreement, so the paired baseline is what a user would run
without it: ``unvotes.agreement`` for the pair in the two years (the numbers explain_change splits).
Answers are checked equal first (explain_change's before/after are the agreement values).

    python benchmarks/bench_explain.py
"""

from __future__ import annotations

import time
import tracemalloc

import unvotes


def main() -> None:
    t0 = time.perf_counter()
    record = unvotes.load()
    t_load = time.perf_counter() - t0
    sub = record.select(years=[2024, 2025])
    t0 = time.perf_counter()
    plain = unvotes.agreement(sub, states=["USA", "GBR"]).set_index("period")
    t_plain = time.perf_counter() - t0
    tracemalloc.start()
    t0 = time.perf_counter()
    ex = unvotes.explain_change(record, "USA", "GBR", 2024, 2025)  # first call (imports, lineage of the two years)
    t_first = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert abs(ex.before - plain.loc[2024, "value"]) < 1e-12 and abs(ex.after - plain.loc[2025, "value"]) < 1e-12
    assert abs(ex.mix + ex.behaviour - ex.change) < 1e-12
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        unvotes.explain_change(record, "USA", "FRA", 2024, 2025)
        times.append(time.perf_counter() - t0)
    t_next = min(times)
    print(f"load() {t_load:.2f} s; agreement of the pair in 2024-2025 (the plain figures) {t_plain * 1e3:.0f} ms")
    print(f"explain_change, first call {t_first:.2f} s, "
          f"peak {peak / 2**20:.0f} MiB traced")
    print(f"explain_change, next calls {t_next * 1e3:.0f} ms = {t_next / t_plain:.1f}x the plain figures")
    print(f"answers equal: before {ex.before:.4f} after {ex.after:.4f}; parts add up (mix {ex.mix:+.4f}, "
          f"changed votes {ex.behaviour:+.4f})")


if __name__ == "__main__":
    main()
