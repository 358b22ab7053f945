"""Wall time and peak memory of `unvotes report` (and `unvotes alignment`), each in a fresh process.

Paired run (issue 17, target: `unvotes report` at least 3x faster than before, same files): pass
`--baseline PYTHON`, a Python whose environment has the earlier unvotes installed (e.g. a venv with
`pip install` of commit 762750c); both versions then run alternately in the same session, each as a
fresh whole process (what a user runs), and the two report folders are checked to hold the same
file names and the same Markdown tallies before the times are compared.

Floor: a fresh process doing `import unvotes; unvotes.load()` (every command pays it).
"Same charts": the report of now without the charts added since (the map and the "why" chart),
as a fresh process too, so that the ratio compares the same files.

Bytecode: the processes run without PYTHONDONTWRITEBYTECODE (pip compiles an installed package;
an editable install under that variable would compile unvotes' sources in every process).

Run from anywhere with the package installed:
    python benchmarks/bench_report.py [--repeat N] [--baseline /path/to/old/venv/bin/python]
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TIMED = ("import resource, subprocess, sys, time; t=time.perf_counter(); "
         "rc=subprocess.run(sys.argv[1:]).returncode; dt=time.perf_counter()-t; "
         "m=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024; print(rc, dt, m, file=sys.stderr)")


def script(python):
    exe = Path(python).parent / "unvotes"
    if not exe.exists():
        raise SystemExit(f"no `unvotes` script beside {python}")
    return str(exe)


ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "MPLBACKEND": "Agg"}
SAME = ("import sys, unvotes.report as R; from unvotes.cli import main; "
        "R._CHARTS = tuple(c for c in R._CHARTS if c[0] not in sys.argv[2:]); main(['report', '--quiet', '--out', sys.argv[1]])")


def timed_once(cmd, cwd):
    """Wall time (s) and peak RSS (MB) of `cmd` as one fresh process."""
    r = subprocess.run([sys.executable, "-c", TIMED, *cmd], capture_output=True, text=True, cwd=cwd, env=ENV)
    rc, dt, mem = r.stderr.strip().splitlines()[-1].split()
    if int(rc) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{r.stderr}")
    return float(dt), float(mem)


WARM = ("import sys, tempfile, time, unvotes, unvotes.report as R; rec = unvotes.load(); "
        "R._CHARTS = tuple(c for c in getattr(R, '_CHARTS', ()) if c[0] not in sys.argv[2:]) or "
        "getattr(R, '_CHARTS', None)\n"
        "if R._CHARTS is None: del R._CHARTS\n"
        "R.write_report(tempfile.mkdtemp(), record=rec, progress=None); ts = []\n"
        "for _ in range(int(sys.argv[1])):\n"
        "    t = time.perf_counter(); R.write_report(tempfile.mkdtemp(), record=rec, progress=None); "
        "ts.append(time.perf_counter() - t)\n"
        "print(sorted(ts)[len(ts) // 2])")


def warm(python, n, leave_out=()):
    """Median time (s) of write_report in a process that already ran it once (imports and record warm).

    `leave_out`: chart stems not drawn (to time the same charts as an earlier version).
    """
    r = subprocess.run([python, "-c", WARM, str(n), *leave_out], capture_output=True, text=True, env=ENV, check=True)
    return float(r.stdout.split()[-1])


def report_files(folder):
    return sorted(p.name for p in Path(folder).iterdir() if not p.name.startswith("."))


def tallies(folder):
    return sorted(set(re.findall(r"yes \d+, no \d+, abstain \d+, absent \d+", (Path(folder) / "report.md").read_text())))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--baseline", help="Python of an environment with the earlier unvotes installed")
    args = ap.parse_args()
    n = args.repeat
    versions = {"now": sys.executable}
    if args.baseline:
        versions = {"before": args.baseline, **versions}
    t0 = time.perf_counter()
    res = {k: {"t": [], "m": []} for k in [*versions, "same charts"]}
    leave_out = ("a_es11_map", "b2_us_allies_change") if args.baseline else ()
    with tempfile.TemporaryDirectory() as tmp:
        for py in versions.values():
            subprocess.run([py, "-c", "import unvotes, unvotes.report; unvotes.load()"], check=True, env=ENV)  # warm
        t_base, m_base = zip(*(timed_once([sys.executable, "-c", "import unvotes; unvotes.load()"], tmp)
                               for _ in range(n)))
        for i in range(n):  # alternate the versions, so that machine load hits both alike
            for k, py in versions.items():
                folder = Path(tmp) / f"{k}-{i}"
                dt, mem = timed_once([script(py), "report", "--quiet", "--out", str(folder)], tmp)
                res[k]["t"].append(dt)
                res[k]["m"].append(mem)
            if leave_out:
                dt, mem = timed_once([sys.executable, "-c", SAME, str(Path(tmp) / f"same-{i}"), *leave_out], tmp)
                res["same charts"]["t"].append(dt)
                res["same charts"]["m"].append(mem)
        outs = {k: Path(tmp) / f"{k}-0" for k in versions}
        files = {k: report_files(f) for k, f in outs.items()}
        sizes = {k: {p.name: p.stat().st_size for p in f.iterdir() if not p.name.startswith(".")}
                 for k, f in outs.items()}
        new_files = []
        if leave_out:  # the same charts give the same files as before
            assert report_files(Path(tmp) / "same-0") == files["before"], report_files(Path(tmp) / "same-0")
        if args.baseline:
            assert set(files["before"]) <= set(files["now"]), files  # every file of before, and maybe more
            new_files = sorted(set(files["now"]) - set(files["before"]))
            assert tallies(outs["before"]) == tallies(outs["now"]), (tallies(outs["before"]), tallies(outs["now"]))
        t_warm = {k: warm(py, n) for k, py in versions.items()}
        new_stems = sorted({f.rsplit(".", 1)[0] for f in new_files})
        t_same = warm(sys.executable, n, new_stems) if new_stems else None
        t_ali, m_ali = timed_once([script(sys.executable), "alignment", "USA", "RUS", "GBR", "--since", "1990",
                                   "-o", str(Path(tmp) / "chart.png")], tmp)
    print(f"fresh processes, median of {n}, versions alternated (total {time.perf_counter() - t0:.0f} s)")
    print(f"floor     import unvotes; unvotes.load():     {statistics.median(t_base):6.2f} s  "
          f"peak RSS {max(m_base):5.0f} MB")
    for k in versions:
        t = statistics.median(res[k]["t"])
        print(f"unvotes report ({k:6s}):                      {t:6.2f} s  peak RSS {max(res[k]['m']):5.0f} MB  "
              f"(runs: {', '.join(f'{x:.1f}' for x in res[k]['t'])} s)")
    if args.baseline:
        ratio = statistics.median(res["before"]["t"]) / statistics.median(res["now"]["t"])
        same = statistics.median(res["same charts"]["t"])
        print(f"unvotes report (now, same charts as before):  {same:6.2f} s  peak RSS {max(res['same charts']['m']):5.0f} MB"
              f"  (runs: {', '.join(f'{x:.1f}' for x in res['same charts']['t'])} s; the same {len(files['before'])} files)")
        r2 = statistics.median(res["before"]["t"]) / same
        print(f"speed-up now vs before: {ratio:.2f}x with {len(new_files)} new files ({', '.join(new_files)}); "
              f"{r2:.2f}x on the same files (target >= 3x: {'OK' if r2 >= 3 else 'MISSED'}); tallies checked equal")
    for k in versions:
        print(f"write_report in a warm process ({k:6s}):       {t_warm[k]:6.2f} s  (the report's own work: "
              f"computing and drawing, imports and load paid before)")
    if args.baseline:
        print(f"speed-up of the report's own work: {t_warm['before'] / t_warm['now']:.2f}x")
    if t_same is not None:
        print(f"write_report, warm, the same charts as before (without {', '.join(new_stems)}): {t_same:6.2f} s, "
              f"{t_warm['before'] / t_same:.2f}x faster than before")
    print(f"unvotes alignment USA RUS GBR --since 1990: {t_ali:6.2f} s  peak RSS {m_ali:5.0f} MB")
    for k in versions:
        print(f"report folder ({k}): {sum(sizes[k].values()) / 1e6:.2f} MB: "
              + ", ".join(f"{name} {size / 1e3:.0f} kB" for name, size in sizes[k].items()))


if __name__ == "__main__":
    main()
