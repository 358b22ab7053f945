"""Wall time and peak memory of `unvotes report` and `unvotes alignment`, each in a fresh process.

Baseline: a fresh process doing `import unvotes; unvotes.load()` (the floor every command pays).
Targets (issue 5): `unvotes report` < 30 s; `unvotes alignment USA RUS GBR --since 1990` < 5 s.

Run from anywhere with the package installed:  python benchmarks/bench_report.py [--repeat N]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

TIMED = ("import resource, subprocess, sys, time; t=time.perf_counter(); "
         "rc=subprocess.run(sys.argv[1:]).returncode; dt=time.perf_counter()-t; "
         "m=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024; print(rc, dt, m, file=sys.stderr)")


def script():
    exe = Path(sysconfig.get_path("scripts")) / "unvotes"
    return str(exe) if exe.exists() else shutil.which("unvotes")


def timed(cmd, n, cwd):
    """Median wall time (s) and peak RSS (MB) of `cmd` over `n` fresh processes."""
    times, mems = [], []
    for _ in range(n):
        r = subprocess.run([sys.executable, "-c", TIMED, *cmd], capture_output=True, text=True, cwd=cwd,
                           env={**os.environ, "MPLBACKEND": "Agg"})
        rc, dt, mem = r.stderr.strip().splitlines()[-1].split()
        if int(rc) != 0:
            raise SystemExit(f"{' '.join(cmd)} failed:\n{r.stderr}")
        times.append(float(dt))
        mems.append(float(mem))
    return statistics.median(times), max(mems)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    n = ap.parse_args().repeat
    exe = script()
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-c", "import unvotes; unvotes.load()"], check=True)  # warm file cache
        t_base, m_base = timed([sys.executable, "-c", "import unvotes; unvotes.load()"], n, tmp)
        t0 = time.perf_counter()
        t_rep, m_rep = timed([exe, "report", "--quiet", "--out", str(Path(tmp) / "report")], n, tmp)
        t_ali, m_ali = timed([exe, "alignment", "USA", "RUS", "GBR", "--since", "1990", "-o",
                              str(Path(tmp) / "chart.png")], n, tmp)
        files = sorted(p.name for p in (Path(tmp) / "report").iterdir())
        size = sum(p.stat().st_size for p in (Path(tmp) / "report").iterdir()) / 1e6
    print(f"fresh processes, median of {n} (total {time.perf_counter() - t0:.0f} s)")
    print(f"baseline  import unvotes; unvotes.load():     {t_base:6.2f} s  peak RSS {m_base:5.0f} MB")
    print(f"unvotes report:                               {t_rep:6.2f} s  peak RSS {m_rep:5.0f} MB  "
          f"({t_rep / t_base:.1f}x baseline; target < 30 s: {'OK' if t_rep < 30 else 'MISSED'})")
    print(f"unvotes alignment USA RUS GBR --since 1990:   {t_ali:6.2f} s  peak RSS {m_ali:5.0f} MB  "
          f"({t_ali / t_base:.1f}x baseline; target < 5 s: {'OK' if t_ali < 5 else 'MISSED'})")
    print(f"report folder: {len(files)} files, {size:.1f} MB: {', '.join(files)}")


if __name__ == "__main__":
    main()
