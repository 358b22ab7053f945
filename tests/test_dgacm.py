"""read_dgacm: the UN DGACM machine-readable resolutions (JSON lines).

External values: A/RES/ES-11/1 (2 March 2022) was adopted 141-5-35, with Belarus, the DPRK,
Eritrea, the Russian Federation and Syria against (UN press release GA/12407); the eleventh
emergency special session adopted six resolutions in 2022-2023 (ES-11/1 to ES-11/6), which
is what ES-11.json holds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from unvotes.io.dgacm import dgacm_count, read_dgacm
from unvotes.io.errors import CorruptFileError, EmptyFileError

UNXML = Path(__file__).resolve().parents[1] / "datasets" / "raw" / "unxml"


def test_es11_1_lists_the_official_vote():
    recs = read_dgacm(UNXML / "ES-11.json")
    assert sorted(r["symbol"] for r in recs) == [f"A/RES/ES-11/{i}" for i in range(1, 7)]
    r = next(x for x in recs if x["symbol"] == "A/RES/ES-11/1")
    assert (len(r["MS_in_favour"]), len(r["MS_against"]), len(r["MS_abstaining"])) == (141, 5, 35)
    assert sorted(r["MS_against"]) == ["BELARUS", "DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA", "ERITREA",
                                       "RUSSIAN FEDERATION", "SYRIAN ARAB REPUBLIC"]
    assert r["adoption_date"] == "2 March 2022" and r["_file"] == "ES-11.json:1"


def test_a_folder_reads_every_file_in_name_order():
    recs = read_dgacm(UNXML)
    files = list(dict.fromkeys(r["_file"].split(":")[0] for r in recs))
    assert files == sorted(p.name for p in UNXML.glob("*.json"))
    assert sum(r["_file"].startswith("ES-11.json:") for r in recs) == 6


def test_bad_lines_and_folders_name_the_place(tmp_path):
    (tmp_path / "80.json").write_text('{"symbol": "A/RES/80/1"}\n\n{"symbol": \n', encoding="utf-8")
    with pytest.raises(CorruptFileError, match=r"80.json: line 3 is not JSON") as e:
        read_dgacm(tmp_path)
    assert e.value.line == 3
    (tmp_path / "80.json").write_text('["A/RES/80/1"]\n', encoding="utf-8")
    with pytest.raises(CorruptFileError, match="line 1 is a JSON list, not a record"):
        read_dgacm(tmp_path / "80.json")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(EmptyFileError, match="holds no .json file"):
        read_dgacm(empty)
    with pytest.raises(FileNotFoundError, match="no such file"):
        read_dgacm(tmp_path / "81.json")


def test_stated_counts():
    assert [dgacm_count(x) for x in ("141", " 5 ", "N.A.", "", None, 35)] == [141, 5, None, None, None, 35]
