"""`unvotes report` end to end into a temporary folder, and its helpers.

External values: the tallies of A/RES/ES-11/7 (93-18-65, 17 absent) and A/RES/ES-11/8 (93-8-73,
19 absent) from the UN Digital Library voting records 4076672 and 4076673; the G20's 19 member
states from g20.org ("About the G20"); the Soviet Union's seat passing to the Russian Federation
on 1991-12-24 (UN, "Growth in United Nations membership").
"""

import csv
import re
import xml.etree.ElementTree as ET

import pytest

from unvotes import report
from test_cli import run

EXPECTED = {"report.md", "report.html", "briefing_check.csv", "a_es11_by_bloc.png", "a_es11_by_bloc.svg",
            "b_us_alignment.png", "b_us_alignment.svg", "c_g20_agreement.png", "c_g20_agreement.svg"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "out"
    r = run("report", "--out", str(out), timeout=300)
    assert r.returncode == 0, r.stderr
    return out, r.stdout


@pytest.mark.slow
def test_report_writes_the_folder(folder):
    out, stdout = folder
    assert {p.name for p in out.iterdir()} == EXPECTED
    assert re.search(rf"wrote 9 files to {re.escape(str(out.resolve()))} in [0-9.]+ s", stdout)
    steps = [ln for ln in stdout.splitlines() if ln.startswith("[")]
    assert len(steps) == 6 and steps[0].startswith("[1/6]") and "(c) G20" in steps[3]
    for stem in ("a_es11_by_bloc", "b_us_alignment", "c_g20_agreement"):
        assert (out / f"{stem}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        ET.parse(out / f"{stem}.svg")  # well-formed SVG


@pytest.mark.slow
def test_report_pages(folder):
    out, _ = folder
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "yes 93, no 18, abstain 65, absent 17" in md
    assert "yes 93, no 8, abstain 73, absent 19" in md
    assert "European Union 26 yes / 1 no / 0 abstain / 0 absent of 27" in md
    assert "Succession followed" in md and "1991-12-24" in md
    assert "G20 member states: agreement in 2025 beside 2015" in md
    assert "9 of 10 hold" in md
    for stem in ("a_es11_by_bloc", "b_us_alignment", "c_g20_agreement"):
        assert f"]({stem}.png)" in md
    page = (out / "report.html").read_text(encoding="utf-8")
    srcs = re.findall(r'src="([^"]*)"', page)
    assert len(srcs) == 3 and all(s.startswith("data:image/png;base64,") for s in srcs)  # self-contained
    assert "href=" not in page and "does not hold" in page


@pytest.mark.slow
def test_report_claims_table(folder):
    out, _ = folder
    with open(out / "briefing_check.csv", newline="", encoding="utf-8") as fh:
        rows = {r["id"]: r for r in csv.DictReader(fh)}
    assert rows["us_plus_18_others"]["verdict"] == "does not hold"
    assert rows["us_plus_18_others"]["observed"] == "17 others"
    assert rows["yes_93"]["verdict"] == "holds" and rows["no_18"]["verdict"] == "holds"
    assert sum(r["verdict"] == "holds" for r in rows.values()) == 9


def test_g20_members_are_un_members(record):
    assert len(report.G20_MEMBERS) == len(set(report.G20_MEMBERS)) == 19
    on_day = set(record["A/RES/ES-11/7"].votes.index)
    assert set(report.G20_MEMBERS) <= on_day


@pytest.mark.slow
def test_russia_series_follows_the_soviet_seat(folder, record):
    # the report's table gives Russia's 2015 value; the 1990 value in the chart is the USSR's
    import unvotes

    us = unvotes.agreement_with(record.select(years=[1990, 2015]), "USA", states=["RUS"],
                                follow_succession="seat")
    assert sorted(us["period"]) == [1990, 2015]
    apart = unvotes.agreement_with(record.select(years=[1990]), "USA", states=["SUN"])
    assert us.loc[us.period == 1990, "value"].item() == pytest.approx(apart["value"].item())
    md = (folder[0] / "report.md").read_text(encoding="utf-8")
    v2015 = us.loc[us.period == 2015, "value"].item()
    n2015 = us.loc[us.period == 2015, "n"].item()
    assert re.search(rf"\| 2015 \|.*\| {v2015:.2f} \({n2015} votes\) \|$", md, re.M)


def test_latest_full_year(record):
    assert report.latest_full_year(record.select(end="2025-12-31")) == 2025
    assert report.latest_full_year(record.select(end="2026-06-30")) == 2025


def test_g20_states_fall_back_to_the_documented_list():
    import unvotes

    # blocs.csv has no G20: the report's documented list (g20.org) is used
    assert "G20" not in set(unvotes.list_blocs().index)
    assert report.g20_states("2025-12-31") == list(report.G20_MEMBERS)


def test_write_report_checks_its_arguments(record, tmp_path):
    with pytest.raises(TypeError, match=r"`record` of write_report\(\) must be a unvotes.VotingRecord.*DataFrame"):
        report.write_report(tmp_path / "a", record=record.votes, progress=None)
    with pytest.raises(TypeError, match=r"`progress` of write_report\(\) must be a text stream .*got 'yes'"):
        report.write_report(tmp_path / "b", record=record, progress="yes")
    with pytest.raises(TypeError, match=r"`out` of write_report\(\) must be a folder path"):
        report.write_report(3, progress=None)
    existing = tmp_path / "report.txt"
    existing.write_text("not a folder")
    with pytest.raises(ValueError, match=r"`out` '.*report.txt' cannot be a report folder: .* is an existing file"):
        report.write_report(existing, record=record, progress=None)
    with pytest.raises(ValueError, match=r"is an existing file"):
        report.write_report(existing / "sub", record=record, progress=None)
    # nothing was written for the bad calls
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]


@pytest.mark.slow
def test_write_report_progress_true_and_false(record, tmp_path, capsys):
    small = record.select(start="2013-01-01")
    report.write_report(tmp_path / "quiet", record=small, progress=False)
    assert capsys.readouterr().out == ""
    report.write_report(tmp_path / "loud", record=small, progress=True)
    steps = [ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("[")]
    assert len(steps) == 6 and steps[0].startswith("[1/6] loading the record")
