"""Every notebook in ``examples/`` runs top to bottom on the embedded record, and shows real values.

The notebooks are stored without outputs; this test executes each one with
nbclient (the runner behind ``jupyter nbconvert --execute``) in a fresh
``python3`` kernel, from the ``examples/`` folder, and fails if a cell
raises. Cells tagged ``check-...`` show a value that the test compares with a
figure from outside the project: the official tally of a vote, a published
table, or a figure computed here independently of the notebook's own code.

Notebooks are found relative to this file (CI runs ``pytest`` from the
repository root against the installed wheel). The runner and kernel come with
the ``test`` extra (``nbclient``, ``ipykernel``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="install the test extra: pip install '.[test]'")
nbclient = pytest.importorskip("nbclient", reason="install the test extra: pip install '.[test]'")

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
NOTEBOOKS = sorted(EXAMPLES.glob("*.ipynb"))

# Seconds a single cell may take before the run fails (the notebooks are meant
# to take well under a minute in all; benchmarks/bench_notebooks.py times them).
CELL_TIMEOUT = 300


def _run(path: Path):
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=CELL_TIMEOUT, kernel_name="python3", resources={"metadata": {"path": str(EXAMPLES)}},
        record_timing=False,
    )
    client.execute()
    return nb


_executed: dict[Path, object] = {}


def executed(path: Path):
    """The notebook after execution (run once per test session)."""
    if path not in _executed:
        _executed[path] = _run(path)
    return _executed[path]


def tagged_output(nb, tag: str) -> str:
    """The text/plain (or stream) output of the one cell tagged `tag`."""
    cells = [c for c in nb.cells if tag in c.get("metadata", {}).get("tags", [])]
    assert len(cells) == 1, f"expected one cell tagged {tag!r}, found {len(cells)}"
    texts = []
    for out in cells[0].outputs:
        if out.output_type == "stream":
            texts.append(out.text)
        elif "data" in out and "text/plain" in out.data:
            texts.append(out.data["text/plain"])
    return "".join(texts)


def test_there_are_notebooks():
    assert NOTEBOOKS, f"no notebook found in {EXAMPLES}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_stored_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    dirty = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and (c.outputs or c.execution_count)]
    assert not dirty, f"{path.name}: cells {dirty} carry outputs; clear them before committing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path):
    nb = executed(path)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors


# ---------------------------------------------------------------------------
# values the notebooks show
# ---------------------------------------------------------------------------


def _nb(name: str):
    path = EXAMPLES / name
    if not path.exists():
        pytest.fail(f"missing notebook {name}")
    return executed(path)


def test_teaching_lab_2024_shares_match_an_independent_count(record):
    """The lab's 2024 table equals a count made here straight from the vote matrix.

    Independent path: ``record.matrix()`` codes (1 yes, 2 abstain, 3 no) and the
    roll calls' issue flags, without the lab's merges.
    """
    import numpy as np

    out = tagged_output(_nb("teaching_lab_yes_share.ipynb"), "check-2024")
    lines = [ln.split() for ln in out.strip().splitlines()]
    header = lines[0][1:]  # state codes (first token is the columns' name)
    rows = {ln[0]: [float(x) for x in ln[1:]] for ln in lines[2:]}
    rec = record.select(years=2024)
    m = rec.matrix()
    rc = rec.roll_calls.set_index("rcid").loc[m.index]
    for issue, values in rows.items():
        flag = rc[issue].fillna(False).to_numpy(dtype=bool)
        for state, shown in zip(header, values):
            x = m.loc[flag, state].to_numpy()
            cast = np.isin(x, (1, 2, 3))
            assert shown == pytest.approx(round((x[cast] == 1).mean(), 2), abs=0.005), (issue, state)
    assert set(rows) == {"me", "nu", "di", "hr", "co", "ec"}
    assert header == ["GBR", "IND", "USA"]
