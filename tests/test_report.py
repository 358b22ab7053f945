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

EXPECTED = {"report.md", "report.html", "briefing_check.csv", "a_es11_map.png", "a_es11_map.svg",
            "a_es11_by_bloc.png", "a_es11_by_bloc.svg",
            "b_us_alignment.png", "b_us_alignment.svg", "b2_us_allies_change.png", "b2_us_allies_change.svg",
            "c_g20_agreement.png", "c_g20_agreement.svg"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "out"
    r = run("report", "--out", str(out), timeout=300)
    assert r.returncode == 0, r.stderr
    return out, r.stdout, r.stderr


@pytest.mark.slow
def test_report_writes_the_folder(folder):
    out, stdout, stderr = folder
    assert {p.name for p in out.iterdir()} == EXPECTED | {report.MANIFEST}
    assert re.search(rf"wrote 13 files to {re.escape(str(out.resolve()))} in [0-9.]+ s", stdout)
    # progress goes to stderr, one line per step with the step's own duration
    steps = [ln for ln in stderr.splitlines() if ln.startswith("[")]
    assert [ln.split("]")[0] for ln in steps] == [f"[{i}/{len(steps)}" for i in range(1, len(steps) + 1)]
    assert all(re.search(r": [0-9]+\.[0-9] s$", ln) for ln in steps), steps
    assert any("(c) G20" in ln for ln in steps) and not any(ln.startswith("[") for ln in stdout.splitlines())
    for stem in ("a_es11_map", "a_es11_by_bloc", "b_us_alignment", "b2_us_allies_change", "c_g20_agreement"):
        assert (out / f"{stem}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        ET.parse(out / f"{stem}.svg")  # well-formed SVG


SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("stem, words", [("a_es11_map", ["A/RES/ES-11/7", "Yes (93)", "Natural Earth"]),
                                         ("a_es11_by_bloc", ["A/RES/ES-11/7", "European Union", "Yes"]),
                                         ("b_us_alignment", ["United Kingdom", "Russia"]),
                                         ("c_g20_agreement", ["G20", "USA", "RUS"])])
@pytest.mark.slow
def test_svg_text_stays_text_with_a_real_title(folder, stem, words):
    root = ET.parse(folder[0] / f"{stem}.svg").getroot()
    title = root.find(f"{SVG}title")
    assert title is not None and title.text and title.text != "unvotes"
    texts = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    for w in words:
        assert w in texts, (w, texts[:300])
    # no glyph outlines (matplotlib's default svg.fonttype "path" writes <path id="DejaVuSans-...">)
    assert not [e for e in root.iter(f"{SVG}path") if "DejaVu" in (e.get("id") or "")]


@pytest.mark.slow
def test_report_pages(folder):
    out = folder[0]
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "yes 93, no 18, abstain 65, absent 17" in md
    assert "yes 93, no 8, abstain 73, absent 19" in md
    assert "European Union 26 yes / 1 no / 0 abstain / 0 absent of 27" in md
    assert "Succession followed" in md and "1991-12-24" in md
    assert "G20 member states: agreement in 2025 beside 2015" in md
    # the "why it changed" section: US agreement with the UK as unvotes.agreement gives it (Voeten index),
    # split into changed votes and mix by explain_change
    assert "Why US agreement with its allies fell in 2025" in md
    assert "| United Kingdom | 0.79 (92) | 0.28 (192) | -0.51 | -0.08 | -0.42 |" in md
    assert "9 of 10 hold" in md
    for stem in ("a_es11_map", "a_es11_by_bloc", "b_us_alignment", "b2_us_allies_change", "c_g20_agreement"):
        assert f"]({stem}.png)" in md
    page = (out / "report.html").read_text(encoding="utf-8")
    srcs = re.findall(r'src="([^"]*)"', page)
    assert len(srcs) == 5 and all(s.startswith("data:image/png;base64,") for s in srcs)  # self-contained
    # links only to files of the folder itself
    assert all((out / h).is_file() for h in re.findall(r'href="([^"]*)"', page))
    assert "does not hold" in page


def _plain(s, page=False):
    import html as _html

    if page:  # the HTML page: tags out, entities decoded
        s = _html.unescape(re.sub(r"<[^>]+>", "", s))
    return re.sub(r"\s+", " ", re.sub(r"[*`]", "", s)).strip()


@pytest.mark.slow
def test_markdown_and_html_say_the_same(folder):
    # one source: the same headings, the same table cells, the same paragraphs in both pages
    out = folder[0]
    md = (out / "report.md").read_text(encoding="utf-8")
    page = (out / "report.html").read_text(encoding="utf-8")
    heads_md = [_plain(ln.lstrip("#")) for ln in md.splitlines() if ln.startswith("#")]
    heads_html = [_plain(h, True) for h in re.findall(r"<h[12]>(.*?)</h[12]>", page, re.S)]
    assert heads_md == heads_html and len(heads_md) >= 5
    cells_md = [_plain(c).replace("\\|", "|") for ln in md.splitlines() if ln.startswith("|") and "---" not in ln
                for c in re.split(r"(?<!\\)\|", ln.strip()[1:-1])]
    cells_html = [_plain(c, True) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", page, re.S)]
    assert cells_md == cells_html and len(cells_md) > 50
    text_html = _plain(page, True)
    paras = [ln[2:] if ln.startswith("- ") else ln for para in md.split("\n\n")
             for ln in (para.splitlines() if para.startswith("- ") else [para])]
    for para in paras:
        if para and not para.startswith(("|", "!", "#")):
            assert _plain(re.sub(r"\[([^]]*)\]\([^)]*\)", r"\1", para)) in text_html, para[:80]


@pytest.mark.slow
def test_report_refuses_a_folder_with_files_it_did_not_write(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "report.md").write_text("my own notes", encoding="utf-8")
    r = run("report", "--out", str(out), "--quiet", timeout=300)
    assert r.returncode == 2
    assert "report.md" in r.stderr and "--force" in r.stderr and str(out) in r.stderr
    assert (out / "report.md").read_text(encoding="utf-8") == "my own notes"
    assert sorted(p.name for p in out.iterdir()) == ["report.md"]  # nothing written


@pytest.mark.slow
def test_report_may_replace_its_own_files_but_not_edited_ones(record, tmp_path):
    small = record.select(start="2013-01-01")
    out = tmp_path / "r"
    first = report.write_report(out, record=small, progress=None)
    again = report.write_report(out, record=small, progress=None)  # its own files: replaced without a word
    assert [p.name for p in first] == [p.name for p in again]
    (out / "briefing_check.csv").write_text("edited by hand", encoding="utf-8")
    (out / "analysis.ipynb").write_text("{}", encoding="utf-8")  # a user's file beside them
    with pytest.raises(FileExistsError, match=r"analysis\.ipynb \(not written by unvotes report\); "
                                              r"briefing_check\.csv \(changed since unvotes wrote it\).*force=True"):
        report.write_report(out, record=small, progress=None)
    assert (out / "briefing_check.csv").read_text(encoding="utf-8") == "edited by hand"
    report.write_report(out, record=small, progress=None, force=True)
    assert (out / "briefing_check.csv").read_text(encoding="utf-8") != "edited by hand"
    assert (out / "analysis.ipynb").read_text(encoding="utf-8") == "{}"


@pytest.mark.slow
def test_each_figure_is_drawn_once_per_format(record, tmp_path, monkeypatch):
    from matplotlib.figure import Figure

    draws = []
    orig = Figure.draw

    def counting(self, renderer):
        draws.append(type(getattr(renderer, "_renderer", renderer)).__name__)  # SVG: MixedModeRenderer
        return orig(self, renderer)

    monkeypatch.setattr(Figure, "draw", counting)
    files = report.write_report(tmp_path / "r", record=record.select(start="2013-01-01"), progress=None)
    n_fig = len([p for p in files if p.suffix == ".png"])
    assert n_fig >= 3
    assert sorted(draws) == sorted(["RendererAgg"] * n_fig + ["RendererSVG"] * n_fig)


@pytest.mark.slow
def test_the_two_g20_matrices_share_one_order(record):
    data = report._compute(record)
    figs = report._draw(data)
    fig = figs["c_g20_agreement"][0]
    heat = [ax for ax in fig.axes if ax.images and len(ax.get_yticklabels()) == 19]
    assert len(heat) == 2
    rows = [[t.get_text() for t in ax.get_yticklabels()] for ax in heat]
    assert rows[0] == rows[1] and set(rows[0]) == set(report.G20_MEMBERS)
    titles = [ax.get_title() for ax in heat]
    assert "2015" in titles[0] and "2025" in titles[1]


@pytest.mark.slow
def test_report_claims_table(folder):
    out = folder[0]
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
    cap = capsys.readouterr()
    steps = [ln for ln in cap.err.splitlines() if ln.startswith("[")]
    assert cap.out == "" and len(steps) >= 6 and steps[0].startswith(f"[1/{len(steps)}] loading the record")
