"""Time and memory of `import unvotes; unvotes.load()` in a fresh process, by store of the votes.

What a user pays in a new notebook: `import unvotes; unvotes.load()`, against the baseline
of a fresh process doing only `import pandas` (what any notebook pays anyway). The votes
(1.1 million rows) are read from one of three stores, each in its own fresh processes:

* ``npz``: the roll-call x state int8 matrix of ``datasets/compiled/votes.npz``
  (unvotes.record._store; what ``load()`` reads). ``load()`` checks the matrix and keeps it;
  the long table ``record.votes`` is built from it when first used, so the benchmark times
  both ``load()`` alone (the target) and ``load()`` followed by ``len(record.votes)``;
* ``csv.gz``: the gzipped CSV ``votes.csv.gz`` (what ``load()`` read before), with the full
  checks of ``VotingRecord.__init__`` (what a record of any other table pays);
* ``parquet``: the same table as Parquet (pyarrow, snappy). pandas 3 imports pyarrow at
  ``import pandas`` whenever it is installed, so pyarrow taxes every variant of a user who has
  it: the Parquet group runs with pyarrow on the path, against its own ``import pandas``
  baseline, and only if pyarrow is importable or its folder is given (``--pyarrow DIR``, e.g.
  after ``pip install --no-deps --target DIR pyarrow``). unvotes does not depend on pyarrow.

Bytecode: pip compiles every module of an installed package (pandas' and unvotes') to
``__pycache__``; an editable install under ``PYTHONDONTWRITEBYTECODE=1`` would instead compile
unvotes' sources in every process (about 20 ms here) while pandas' stay compiled. The child
processes therefore run without that variable, after one warm-up run that writes the bytecode.

Paired: every round runs each variant once, in turn, so the machine's load hits them alike;
medians of the rounds. The stores' tables are first checked equal. Targets (issue 17):
load within 1.3x of `import pandas`, peak RSS under 200 MB.

Run: python benchmarks/bench_load.py [rounds] [--pyarrow DIR]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

MEASURE = ("import resource, time; t=time.perf_counter(); {code}; dt=time.perf_counter()-t; "
           "print(dt, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024)")
CSV_READER = ("from unvotes.record import _resources as _r, dataset as _d; from unvotes.record.codes import VOTE_DTYPE; "
              "_d._store = lambda: None; _d.read_votes = lambda: _r.read_table('votes', dtype={'rcid': 'int64', "
              "'state': 'category', 'vote': VOTE_DTYPE}, keep_default_na=False)")
PARQUET_READER = ("from unvotes.record import dataset as _d; import pandas as _pd; "
                  "_d._store = lambda: None; _d.read_votes = lambda: _pd.read_parquet({path!r})")
GROUP_DEFAULT = {  # what `pip install unvotes` gives: no pyarrow
    "import pandas": "import pandas",
    "load() from npz": "import unvotes; r = unvotes.load()",
    "load() + votes from npz": "import unvotes; r = unvotes.load(); n = len(r.votes)",
    "load() + votes from csv.gz": f"import unvotes; {CSV_READER}; r = unvotes.load(); n = len(r.votes)",
}
GROUP_PYARROW = {  # a user who has pyarrow installed (pandas then imports it)
    "import pandas (+pyarrow)": "import pandas",
    "load() from npz (+pyarrow)": "import unvotes; r = unvotes.load()",
    "load() + votes, npz (+pyarrow)": "import unvotes; r = unvotes.load(); n = len(r.votes)",
    "load() from parquet": "import unvotes; {parquet}; r = unvotes.load(); n = len(r.votes)",
}


def check_equal(parquet_path: Path | None, env: dict) -> None:
    """The stores hold the same table (checked before anything is timed)."""
    import pandas as pd

    from unvotes.record import _resources
    from unvotes.record.codes import VOTE_DTYPE

    store = _resources.read_votes()
    csv = _resources.read_table("votes", dtype={"rcid": "int64", "state": "category", "vote": VOTE_DTYPE},
                                keep_default_na=False)
    pd.testing.assert_frame_equal(store, csv)
    print(f"stores equal: {len(store):,} votes, {store['rcid'].nunique():,} roll calls x "
          f"{store['state'].nunique()} states")
    if parquet_path is not None:  # written and compared in a process that has pyarrow
        code = ("import pandas as pd; from unvotes.record import _resources as r; from unvotes.record.codes import "
                "VOTE_DTYPE; v = r.read_table('votes', dtype={'rcid': 'int64', 'state': 'category', 'vote': "
                f"VOTE_DTYPE}}, keep_default_na=False); v.to_parquet({str(parquet_path)!r}, index=False); "
                f"pd.testing.assert_frame_equal(pd.read_parquet({str(parquet_path)!r}), v); print('parquet equal')")
        print(subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True,
                             text=True).stdout.strip())
    for name in ("votes_store", "votes"):
        p = _resources.table_path(name)
        print(f"  {p.name:14s} {len(p.read_bytes()) / 1e6:6.2f} MB")
    if parquet_path is not None:
        print(f"  {'votes.parquet':14s} {parquet_path.stat().st_size / 1e6:6.2f} MB")


def run_group(variants: dict, rounds: int, env: dict) -> tuple[dict, dict]:
    times = {k: [] for k in variants}
    mems = {k: [] for k in variants}
    for _ in range(rounds):
        for k, code in variants.items():
            out = subprocess.run([sys.executable, "-c", MEASURE.format(code=code)], capture_output=True, text=True,
                                 check=True, env=env).stdout.split()
            times[k].append(float(out[0]))
            mems[k].append(float(out[1]))
    return times, mems


def report(times: dict, mems: dict) -> float:
    base = statistics.median(next(iter(times.values())))
    for k in times:
        t = statistics.median(times[k])
        print(f"  {k:32s} {t:6.3f} s  {max(mems[k]):6.0f} MB   {t / base:5.2f}x import pandas")
    return base


def main(rounds: int = 7, pyarrow_dir: str | None = None) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as pip installs it
    env_pa = dict(env, PYTHONPATH=os.pathsep.join(filter(None, [pyarrow_dir, env.get("PYTHONPATH")])))
    has_pa = subprocess.run([sys.executable, "-c", "import pyarrow"], env=env_pa, capture_output=True).returncode == 0
    parquet = Path(tempfile.mkdtemp()) / "votes.parquet" if has_pa else None
    check_equal(parquet, env_pa)
    for e in (env, env_pa):  # warm the file cache and write the bytecode of unvotes and pyarrow (see above)
        subprocess.run([sys.executable, "-c", "import unvotes; unvotes.load()"], check=True, env=e)
    times, mems = run_group(GROUP_DEFAULT, rounds, env)
    print(f"\n{rounds} paired rounds of fresh processes (median time, max peak RSS), without pyarrow:")
    base = report(times, mems)
    t_npz = statistics.median(times["load() from npz"])
    t_votes = statistics.median(times["load() + votes from npz"])
    t_csv = statistics.median(times["load() + votes from csv.gz"])
    print(f"load() + votes: the npz store saves {t_csv - t_votes:.3f} s per process "
          f"({t_csv / t_votes:.2f}x as whole processes); the long table costs {t_votes - t_npz:.3f} s when first used")
    m = max(mems["load() from npz"])
    print(f"targets: load within 1.3x of import pandas: {t_npz / base:.2f}x "
          f"{'OK' if t_npz / base <= 1.3 else 'MISSED'}; peak under 200 MB: {m:.0f} MB {'OK' if m < 200 else 'MISSED'}")
    if has_pa:
        group = {k: v.format(parquet=PARQUET_READER.format(path=str(parquet))) for k, v in GROUP_PYARROW.items()}
        times, mems = run_group(group, rounds, env_pa)
        print(f"\nwith pyarrow installed ({rounds} paired rounds):")
        report(times, mems)
    else:
        print("\n(pyarrow not found: Parquet not measured; pass --pyarrow DIR)")


if __name__ == "__main__":
    args = sys.argv[1:]
    pa = None
    if "--pyarrow" in args:
        i = args.index("--pyarrow")
        pa = args[i + 1]
        del args[i:i + 2]
    main(int(args[0]) if args else 7, pa)
