"""Time and memory of `import unvotes; unvotes.load()` in a fresh process.

Baseline: a fresh process doing only `import pandas` (what any notebook pays anyway).
Targets (issue 2): median <= 1.0 s and peak RSS <= 300 MB on a 2-core machine.
"""

import statistics
import subprocess
import sys

CODE_LOAD = ("import resource, time; t=time.perf_counter(); import unvotes; r=unvotes.load(); "
             "n=len(r.votes); dt=time.perf_counter()-t; "
             "print(dt, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024)")
CODE_BASE = ("import resource, time; t=time.perf_counter(); import pandas; dt=time.perf_counter()-t; "
             "print(dt, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024)")


def run(code, n=7):
    times, mems = [], []
    for _ in range(n):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
        times.append(float(out[0]))
        mems.append(float(out[1]))
    return statistics.median(times), max(mems)


if __name__ == "__main__":
    subprocess.run([sys.executable, "-c", "import unvotes; unvotes.load()"], check=True)  # warm the file cache
    t_load, m_load = run(CODE_LOAD)
    t_base, m_base = run(CODE_BASE)
    print(f"import unvotes; unvotes.load(): median {t_load:.3f} s, peak RSS {m_load:.0f} MB (7 fresh processes)")
    print(f"baseline import pandas:          median {t_base:.3f} s, peak RSS {m_base:.0f} MB")
    print(f"ratio load / baseline: time {t_load / t_base:.2f}x, memory {m_load / m_base:.2f}x")
    print(f"targets: time <= 1.0 s {'OK' if t_load <= 1.0 else 'MISSED'}; memory <= 300 MB {'OK' if m_load <= 300 else 'MISSED'}")
