"""Short text reprs and small HTML reprs of the result objects (issue 15, item 6): one line, never a
whole frame. Values: 2022 had 89 recorded final votes (State Department, Voting Practices in the
United Nations 2022)."""

import re
from pathlib import Path

import pytest

import unvotes

FIX = Path(__file__).resolve().parent / "fixtures"


def _rows(html: str) -> int:
    return len(re.findall(r"<tr>", html.split("<tbody>", 1)[1])) if "<tbody>" in html else 0


def test_agreement_matrix_reprs(record):
    m = unvotes.agreement_matrix(record, year=2022, states=["United States", "United Kingdom", "France",
                                                            "Russia", "China"])
    text = repr(m)
    assert "\n" not in text and len(text) < 200
    assert text.startswith("<AgreementMatrix (voeten, year 2022): 5 x 5 states")
    assert "to 89 roll calls per pair" in text
    full = unvotes.agreement_matrix(record, year=2022)
    assert "193 x 193 states" in repr(full) and "\n" not in repr(full)
    html = full._repr_html_()
    assert _rows(html) == 8 and "showing 8 of 193 rows" in html


def test_read_and_update_report_reprs(record):
    undl, report = unvotes.read_undl(FIX / "undl_v5_2025.csv.gz")
    assert "\n" not in repr(report) and repr(report).startswith("ReadReport(undl-long-v5:")
    assert "<pre>" in report._repr_html_() and "rows" in report._repr_html_()
    base = record.select(years=2025)
    _, upd = base.update(undl)
    assert "\n" not in repr(upd) and repr(upd).startswith("UpdateReport(")
    assert "unchanged" in upd._repr_html_()


@pytest.mark.slow
def test_ideal_points_reprs(record):
    fit = unvotes.ideal_points(record.select(years=[2022, 2023]), progress=False)
    assert "\n" not in repr(fit) and repr(fit).startswith("<IdealPoints dynamic ordinal by session")
    html = fit._repr_html_()
    assert _rows(html) == 8 and "United States" in html  # the anchor is among the highest
