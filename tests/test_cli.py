"""The ``unvotes`` console script, run as an installed program (subprocess).

External values: A/RES/ES-11/7, 93-18-65 with Hungary the EU's one vote against (UN Digital Library
voting record 4076672); A/RES/ES-11/8, 93-8-73 (record 4076673).
"""

import csv
import io
import json
import os
import re
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
    no = lines.index("NO (18)")
    assert any("Hungary (HUN)" in ln for ln in lines[no:lines.index("ABSTAIN (65)")])
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
    assert r.stdout.strip() == f"wrote {out}: agreement (voeten) of Russia, United Kingdom with United States, year 1990-2026"
    r = run("alignment", "USA", "RUS", "--since", "1990", "--by", "session", "-o", str(tmp_path / "s.svg"),
            cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "session 45-80" in r.stdout and (tmp_path / "s.svg").read_text().lstrip().startswith("<?xml")


def test_alignment_takes_names_as_typed(tmp_path):
    """`unvotes alignment USA "United Kingdom"` (issue 15): names, codes in any case, no upper-casing."""
    out = tmp_path / "uk.png"
    r = run("alignment", "usa", "United Kingdom", "--since", "2020", "-o", str(out), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == f"wrote {out}: agreement (voeten) of United Kingdom with United States, year 2020-2026"


def test_alignment_bad_input(tmp_path):
    r = run("alignment", "USA", "Untied Kingdom", "-o", str(tmp_path / "c.png"), cwd=tmp_path)
    # the user's spelling, not upper-cased, and no Python parameter name
    assert r.returncode == 2 and "'Untied Kingdom'" in r.stderr and "`" not in r.stderr, r.stderr
    r = run("alignment", "USA", "XXX", "-o", str(tmp_path / "c.png"), cwd=tmp_path)
    assert r.returncode == 2 and "'XXX'" in r.stderr and "`" not in r.stderr, r.stderr
    r = run("alignment", "USA", cwd=tmp_path)
    assert r.returncode == 2 and "at least one other state" in r.stderr
    r = run("alignment", "USA", "GBR", "--since", "2020", "--until", "2010", cwd=tmp_path)
    assert r.returncode == 2 and "--since 2020 is after --until 2010" in r.stderr
    assert not (tmp_path / "c.png").exists()


def test_stdout_closed_is_an_error_not_a_silent_success(tmp_path):
    # old: exit 0 and nothing written anywhere (`unvotes show ... >&-`)
    r = subprocess.run([_script(), "show", "A/RES/ES-11/7"], capture_output=False, stderr=subprocess.PIPE, text=True,
                       cwd=tmp_path, timeout=120, preexec_fn=lambda: os.close(1))
    assert r.returncode == 2
    assert r.stderr.strip() == ("unvotes: error: standard output is closed, so nothing could be written; send it to "
                                "a terminal, a file (> out.txt) or a pipe")


def test_a_closed_pipe_is_reported_with_a_non_zero_exit(tmp_path):
    # old: exit 0 and no word when the reader of the pipe had gone
    read, write = os.pipe()
    os.close(read)  # nobody will read: every write to the pipe fails (EPIPE)
    try:
        r = subprocess.run([_script(), "show", "A/RES/ES-11/7"], stdout=write, stderr=subprocess.PIPE, text=True,
                           cwd=tmp_path, timeout=120)
    finally:
        os.close(write)
    assert r.returncode == 1
    assert "standard output was closed before everything was written (broken pipe)" in r.stderr
    assert "Traceback" not in r.stderr


def test_show_wraps_to_the_terminal_and_groups_names_by_regional_group(tmp_path):
    r = subprocess.run([_script(), "show", "A/RES/ES-11/7"], capture_output=True, text=True, cwd=tmp_path,
                       env={**os.environ, "MPLBACKEND": "Agg", "COLUMNS": "72"})
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert max(map(len, lines)) <= 72
    no = lines.index("NO (18)")
    block = "\n".join(lines[no:lines.index("ABSTAIN (65)")])
    # Hungary in the Eastern European Group (UN regional groups, blocs.csv); the US belongs to none
    assert re.search(r"Eastern European Group \(\d+\): .*Hungary", block, re.S)
    assert "Not in a regional group (1): United States (USA)" in block


def test_show_as_csv_and_json(tmp_path):
    r = run("show", "A/RES/ES-11/7", "--format", "csv", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert len(rows) == 193 and set(rows[0]) == {"rcid", "symbol", "date", "iso3", "name", "vote", "regional_group"}
    votes = {row["iso3"]: row["vote"] for row in rows}
    assert votes["USA"] == votes["RUS"] == votes["HUN"] == "no" and votes["CHN"] == "abstain"
    assert sum(v == "yes" for v in votes.values()) == 93
    r = run("show", "A/RES/ES-11/7", "--format", "json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["symbol"] == "A/RES/ES-11/7" and doc["date"] == "2025-02-24"
    assert doc["tally"] == {"yes": 93, "no": 18, "abstain": 65, "absent": 17}
    assert len(doc["votes"]) == 193 and {"iso3": "HUN", "name": "Hungary", "vote": "no",
                                          "regional_group": "Eastern European Group"} in doc["votes"]
    eu = next(b for b in doc["by_bloc"] if b["bloc"] == "EU")
    assert (eu["yes"], eu["no"], eu["n_members"]) == (26, 1, 27)


def test_show_writes_a_map(tmp_path):
    out = tmp_path / "es11-7.png"
    r = run("show", "A/RES/ES-11/7", "--map", str(out), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and f"wrote {out}" in r.stdout
    folder = tmp_path / "maps"
    folder.mkdir()
    r = run("show", "A/RES/ES-11/7", "--map", str(folder), "--format", "json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert [p.name for p in folder.iterdir()] == ["map_A-RES-ES-11-7.png"]
    json.loads(r.stdout)  # the note of the map goes to stderr, stdout stays JSON


def test_output_naming_an_existing_folder_writes_inside_it(tmp_path):
    folder = tmp_path / "outdir"
    folder.mkdir()
    r = run("alignment", "USA", "RUS", "--since", "2020", "-o", str(folder), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert [p.name for p in folder.iterdir()] == ["alignment.png"] and not (tmp_path / "outdir.png").exists()


def test_show_errors_name_the_input(tmp_path):
    r = run("show", "A/RES/ES-11/7", "--format", "xml", cwd=tmp_path)
    assert r.returncode == 2 and "'xml'" in r.stderr
    r = run("show", "A/RES/ES-11/7", "--blocs", "EU", "NOTABLOC", cwd=tmp_path)
    assert r.returncode == 2 and "'NOTABLOC'" in r.stderr


def test_an_existing_file_is_never_replaced_without_force(tmp_path):
    # old: `unvotes alignment ... -o thesis.pdf` and `unvotes show ... --map precious.png` replaced a user's file
    for args, name in ((("alignment", "USA", "GBR", "--since", "2020", "-o"), "thesis.pdf"),
                       (("show", "A/RES/ES-11/7", "--format", "csv", "--map"), "precious.png")):
        mine = tmp_path / name
        mine.write_bytes(b"the user's own work")
        r = run(*args, str(mine), cwd=tmp_path)
        assert r.returncode == 2 and r.stdout == ""
        assert f"'{mine}' exists: unvotes does not replace a file it did not write; pass --force" in r.stderr
        assert mine.read_bytes() == b"the user's own work"
        r = run(*args, str(mine), "--force", cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        assert mine.read_bytes() != b"the user's own work"
