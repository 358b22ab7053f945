"""The ``unvotes`` console script, run as an installed program (subprocess).

External values: A/RES/ES-11/7, 93-18-65 with Hungary the EU's one vote against (UN Digital Library
voting record 4076672); A/RES/ES-11/8, 93-8-73 (record 4076673).
"""

import os
import shutil
import subprocess
import sysconfig
from pathlib import Path

import pytest

# every test starts the installed program (a fresh interpreter that loads the record): 2-11 s each
pytestmark = pytest.mark.slow


def _script():
    exe = Path(sysconfig.get_path("scripts")) / "unvotes"
    if exe.exists():
        return str(exe)
    found = shutil.which("unvotes")
    if not found:
        pytest.fail("the `unvotes` console script is not installed; run `pip install -e .`")
    return found


def run(*args, cwd=None, timeout=120):
    return subprocess.run([_script(), *args], capture_output=True, text=True, cwd=cwd, timeout=timeout,
                          env={**os.environ, "MPLBACKEND": "Agg"})


def test_show_prints_the_tally_and_the_bloc_split(tmp_path):
    r = run("show", "A/RES/ES-11/7", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert "yes 93, no 18, abstain 65, absent 17" in lines
    assert any(ln.startswith("NO (18): ") and "Hungary (HUN)" in ln for ln in lines)
    bloc = next(i for i, ln in enumerate(lines) if ln.startswith("BY BLOC"))
    eu = next(ln for ln in lines[bloc:] if ln.startswith("EU "))
    assert eu.split() == ["EU", "27", "26", "0", "1", "0", "0"]  # members, yes, abstain, no, absent, not_UN


def test_show_without_blocs(tmp_path):
    r = run("show", "A/RES/ES-11/8", "--blocs", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "yes 93, no 8, abstain 73, absent 19" in r.stdout and "BY BLOC" not in r.stdout


def test_show_unknown_symbol(tmp_path):
    r = run("show", "A/RES/99/999", cwd=tmp_path)
    assert r.returncode == 2
    assert "no roll call with symbol 'A/RES/99/999'" in r.stderr


def test_show_adopted_without_a_vote(tmp_path):
    # DGACM 77.json: A/RES/77/11 adopted without a vote at the 2022-11-21 plenary meeting
    r = run("show", "A/RES/77/11", cwd=tmp_path)
    assert r.returncode == 2
    assert "A/RES/77/11 was adopted without a vote on 2022-11-21" in r.stderr


def test_alignment_writes_one_chart(tmp_path):
    out = tmp_path / "chart.png"
    r = run("alignment", "USA", "RUS", "GBR", "--since", "1990", "-o", str(out), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert r.stdout.strip() == f"wrote {out}: agreement (voeten) of RUS, GBR with USA, year 1990-2026"
    r = run("alignment", "USA", "RUS", "--since", "1990", "--by", "session", "-o", str(tmp_path / "s.svg"),
            cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "session 45-80" in r.stdout and (tmp_path / "s.svg").read_text().lstrip().startswith("<?xml")


def test_alignment_bad_input(tmp_path):
    r = run("alignment", "USA", "XXX", "-o", str(tmp_path / "c.png"), cwd=tmp_path)
    assert r.returncode == 2 and "'XXX'" in r.stderr and "ISO 3166-1 alpha-3" in r.stderr
    r = run("alignment", "USA", cwd=tmp_path)
    assert r.returncode == 2 and "at least one other state" in r.stderr
    r = run("alignment", "USA", "GBR", "--since", "2020", "--until", "2010", cwd=tmp_path)
    assert r.returncode == 2 and "--since 2020 is after --until 2010" in r.stderr
    assert not (tmp_path / "c.png").exists()
