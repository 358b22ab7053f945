"""Time every example notebook, top to bottom, in a fresh kernel (as tests/test_notebooks.py runs them).

Baseline: the budget of 60 s per notebook in CI (the notebooks are meant to run in well under
a minute each). Prints each notebook's wall time, including the kernel start, and its ratio
to the budget.

    python benchmarks/bench_notebooks.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import nbclient
import nbformat

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
BUDGET_S = 60.0


def run_once(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    t0 = time.perf_counter()
    nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(EXAMPLES)}}).execute()
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=1, help="runs per notebook (median reported)")
    args = ap.parse_args()
    print(f"{'notebook':<32} {'median s':>9} {'runs':>5} {'of 60 s budget':>15}")
    total = 0.0
    for path in sorted(EXAMPLES.glob("*.ipynb")):
        times = [run_once(path) for _ in range(args.repeat)]
        med = statistics.median(times)
        total += med
        print(f"{path.name:<32} {med:9.1f} {len(times):5d} {med / BUDGET_S:14.0%}")
    print(f"{'all notebooks':<32} {total:9.1f}")


if __name__ == "__main__":
    main()
