"""Tests of unvotes.issues (the keyword rule for Voeten's six issue codes).

External values: Voeten's own issue codes in ``un_roll_call_issues`` of the R
package ``unvotes`` 0.3.0 (Harvard Dataverse hdl:1902.1/12379), for roll calls
whose official titles are those of the UN Digital Library / DGACM records.
"""

from __future__ import annotations

import importlib.util
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from unvotes.errors import DataIntegrityError
from unvotes.issues import ISSUE_CODES, classify, fill_issue_codes

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "datasets" / "raw" / "unvotes-r"

# (rcid, unres, official UNDL title, Voeten's codes): roll calls on whole
# resolutions from the years the rule was written on (2000-2009).
VOETEN_DEV = [
    (4241, "R/55/20", "Necessity of ending the economic, commercial and financial embargo imposed by the "
                      "United States of America against Cuba", {"ec"}),
    (4261, "R/55/41", "Comprehensive Nuclear-Test-Ban Treaty", {"nu"}),
    (4283, "R/55/123", "Assistance to Palestine refugees", {"me"}),
    (4294, "R/55/137", "Information from Non-Self-Governing Territories transmitted under Article 73 e of "
                       "the Charter of the United Nations", {"co"}),
    (4353, "R/56/150", "The right to development", {"hr", "ec"}),
    (4271, "R/55/87", "The right of the Palestinian people to self-determination", {"me", "hr", "co"}),
    (4255, "R/55/33T", "Nuclear disarmament", {"nu", "di"}),
    (4297, "R/55/145", "Dissemination of information on decolonization", {"co"}),
    (4244, "R/55/32", "Prevention of an arms race in outer space", {"di"}),
]


def _codes(row) -> set[str]:
    return {c for c in ISSUE_CODES if bool(row[c])}


@pytest.mark.parametrize("rcid, unres, title, expected", VOETEN_DEV, ids=[str(r[0]) for r in VOETEN_DEV])
def test_rule_reproduces_voeten_codes_on_dev_titles(rcid, unres, title, expected):
    got = classify([title])
    assert _codes(got.iloc[0]) == expected


def test_undl_suffix_and_typography_are_ignored():
    # UNDL titles end in ": resolution / adopted by the General Assembly"; DGACM
    # files use no-break hyphens (U+2011) as in "non‑proliferation".
    got = classify([
        "Comprehensive Nuclear-Test-Ban Treaty : resolution / adopted by the General Assembly",
        "Promotion of multilateralism in the area of disarmament and non\u2011proliferation",
    ])
    assert _codes(got.iloc[0]) == {"nu"}
    assert _codes(got.iloc[1]) == {"di"}


def test_nuclear_weapon_free_zone_is_nu_not_di():
    # Voeten codes the zone resolutions nu only (e.g. rcid 4261's neighbours
    # "Nuclear-weapon-free southern hemisphere and adjacent areas", 2000-2009).
    got = classify(["Nuclear-weapon-free southern hemisphere and adjacent areas",
                    "Treaty on the Prohibition of Nuclear Weapons"])
    assert _codes(got.iloc[0]) == {"nu"}
    assert _codes(got.iloc[1]) == {"nu", "di"}


def test_agenda_and_subjects_from_dgacm_record():
    # A/RES/74/84 (unxml/74.json): the title names neither Palestine nor Israel;
    # its agenda item is UNRWA and its UNBIS subjects include PALESTINE REFUGEES.
    title = ["Persons displaced as a result of the June 1967 and subsequent hostilities"]
    assert not classify(title).iloc[0]["me"]
    agenda = ["United Nations Relief and Works Agency for Palestine Refugees in the Near East"]
    assert classify(title, agenda_titles=agenda).iloc[0]["me"]
    subjects = [[["Palestine Refugees", "UNBIS Thesaurus"], ["Displaced Persons", "UNBIS Thesaurus"]]]
    assert classify(title, subjects=subjects).iloc[0]["me"]
    assert classify(title, subjects=["PALESTINE REFUGEES; DISPLACED PERSONS"]).iloc[0]["me"]


def test_parent_agenda_item_is_read_only_through_agenda_patterns():
    # unxml/80.json, A/RES/80/248 "International Coffee Day": its agenda item
    # (no sub-item) is "... in the economic, social and related fields"; the
    # word "economic" there must not make it ec.
    got = classify(["International Coffee Day"],
                   agenda_titles=["Integrated and coordinated implementation of and follow-up to the outcomes "
                                  "of the major United Nations conferences and summits in the economic, social "
                                  "and related fields"])
    assert not got.iloc[0].any()
    # unxml/ES-10.json, A/RES/ES-10/21 (2023-10-27): the title names no party,
    # the agenda item of the tenth emergency special session does.
    got = classify(["Protection of civilians and upholding legal and humanitarian obligations"],
                   agenda_titles=["Illegal Israeli actions in Occupied East Jerusalem and the rest of the "
                                  "Occupied Palestinian Territory"])
    assert _codes(got.iloc[0]) == {"me"}


def test_general_disarmament_agenda_does_not_add_di_to_zones():
    # A/RES/74/48: agenda "General and complete disarmament: nuclear-weapon-free
    # southern hemisphere and adjacent areas"; Voeten (rcid 9117) codes nu only.
    got = classify(["Nuclear-weapon-free southern hemisphere and adjacent areas"],
                   agenda_titles=["General and complete disarmament: nuclear-weapon-free southern "
                                  "hemisphere and adjacent areas"])
    assert _codes(got.iloc[0]) == {"nu"}


def test_classify_keeps_series_index_and_returns_bool():
    titles = pd.Series(["Assistance to Palestine refugees", None], index=[101, 205])
    got = classify(titles)
    assert list(got.index) == [101, 205]
    assert list(got.columns) == list(ISSUE_CODES)
    assert all(got.dtypes == bool)
    assert not got.loc[205].any()


def test_classify_accepts_pandas_string_dtype_with_missing():
    titles = pd.Series(["Nuclear disarmament", pd.NA], dtype="string")
    got = classify(titles, agenda_titles=pd.Series([pd.NA, "Question of Palestine"], dtype="string"))
    assert _codes(got.iloc[0]) == {"nu", "di"}
    assert _codes(got.iloc[1]) == {"me"}


def test_classify_bad_input():
    with pytest.raises(TypeError, match="single string"):
        classify("Assistance to Palestine refugees")
    with pytest.raises(ValueError, match="agenda_titles has 1 entries but titles has 2"):
        classify(["a", "b"], agenda_titles=["x"])
    with pytest.raises(ValueError, match="subjects has 3 entries"):
        classify(["a", "b"], subjects=[None, None, None])
    with pytest.raises(TypeError, match="position 1 holds int"):
        classify(["a", 5])
    with pytest.raises(TypeError, match=r"subjects\[0\]"):
        classify(["a"], subjects=[[3]])


def _frame(rows):
    df = pd.DataFrame(rows, columns=["rcid", "title", *ISSUE_CODES])
    for c in ISSUE_CODES:
        df[c] = df[c].astype("boolean")
    return df


def test_fill_keeps_voeten_codes_where_rule_disagrees():
    # rcid 9132 = A/RES/74/149 "The right to food" (2019-12-18): Voeten codes it
    # with no issue, although he coded every earlier "right to food" hr. The rule
    # says hr; Voeten's codes must win.
    na = pd.NA
    rc = _frame([
        (9132, "The right to food", False, False, False, False, False, False),
        (9131, "Situation of human rights in the Islamic Republic of Iran", False, False, False, True, False, False),
        (20001, "The right to food", na, na, na, na, na, na),
    ])
    out = fill_issue_codes(rc)
    assert list(out["issue_source"]) == ["voeten", "voeten", "rule"]
    assert not out.loc[0, "hr"] and out.loc[1, "hr"] and out.loc[2, "hr"]
    assert out.loc[0, ["me", "nu", "di", "co", "ec"]].eq(False).all()
    assert str(out["hr"].dtype) == "boolean"
    # the input is not modified
    assert rc.loc[2, "hr"] is pd.NA


def test_fill_without_text_leaves_codes_missing():
    na = pd.NA
    rc = _frame([(20001, "", na, na, na, na, na, na), (20002, None, na, na, na, na, na, na)])
    out = fill_issue_codes(rc)
    assert list(out["issue_source"]) == ["", ""]
    assert out[list(ISSUE_CODES)].isna().all().all()


def test_fill_uses_agenda_and_long_subject_table():
    rc = pd.DataFrame({"rcid": [20001, 20002],
                       "title": ["Persons displaced as a result of the June 1967 and subsequent hostilities",
                                 "Commodities"],
                       "agenda_title": ["", "Macroeconomic policy questions: commodities"]})
    subjects = pd.DataFrame({"rcid": [20001, 20001], "subject": ["DISPLACED PERSONS", "PALESTINE REFUGEES"]})
    out = fill_issue_codes(rc, subjects=subjects)
    assert out.loc[0, "me"] and not out.loc[0, "ec"]
    assert out.loc[1, "ec"] and not out.loc[1, "me"]
    assert list(out["issue_source"]) == ["rule", "rule"]


def test_fill_bad_input():
    na = pd.NA
    partial = _frame([(1, "x", True, na, na, na, na, na)])
    with pytest.raises(DataIntegrityError, match=r"\[1\]"):
        fill_issue_codes(partial)
    with pytest.raises(ValueError, match="'title'"):
        fill_issue_codes(pd.DataFrame({"rcid": [1]}))
    with pytest.raises(ValueError, match="'rcid' and 'subject'"):
        fill_issue_codes(pd.DataFrame({"rcid": [1], "title": ["x"]}), subjects=pd.DataFrame({"id": [1]}))


def test_patterns_are_lower_case_and_compile():
    # classify lower-cases the texts and matches without re.IGNORECASE
    import re

    import unvotes.issues as issues

    for table in (issues.TITLE_PATTERNS, issues.TITLE_EXCLUSIONS, issues.AGENDA_PATTERNS):
        assert set(table) == set(ISSUE_CODES)
        for entries in table.values():
            for p in entries:
                assert re.sub(r"\\[a-zA-Z]", "", p) == re.sub(r"\\[a-zA-Z]", "", p).lower(), p
                re.compile(p)


def test_docs_list_every_pattern():
    """docs/issues.md (the data card's source) lists the rule exactly as the module applies it."""
    import unvotes.issues as issues

    doc = (ROOT / "docs" / "issues.md").read_text(encoding="utf-8")
    for table in (issues.TITLE_PATTERNS, issues.TITLE_EXCLUSIONS, issues.AGENDA_PATTERNS, issues.SUBJECT_TERMS):
        for code, entries in table.items():
            for entry in entries:
                assert f"`{entry.replace('|', chr(92) + '|')}`" in doc, (code, entry)


needs_rdata = pytest.mark.skipif(importlib.util.find_spec("rdata") is None,
                                 reason="reading Voeten's .rda files needs the rdata package (pip install rdata)")


@pytest.mark.slow
@needs_rdata
def test_constants_match_voeten_raw_tables():
    import rdata

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rc = rdata.read_rda(RAW / "un_roll_calls.rda")["un_roll_calls"]
        iss = rdata.read_rda(RAW / "un_roll_call_issues.rda")["un_roll_call_issues"]
    unres = dict(zip(rc["rcid"].astype(int), rc["unres"]))
    got = iss.groupby(iss["rcid"].astype(int))["short_name"].agg(lambda s: set(map(str, s)))
    for rcid, sym, _title, expected in VOETEN_DEV:
        assert unres[rcid] == sym
        assert got.get(rcid, set()) == expected
    assert got.get(9132, set()) == set()  # A/RES/74/149, The right to food
    assert got.get(9131) == {"hr"}


# Confusion counts (tp, fp, fn) of the rule against Voeten's codes on every
# roll call dated 2010-2019, as printed by benchmarks/validate_issue_rule.py
# and reported in docs/issues.md.
VALIDATION_2010_2019 = {
    "me": (154, 11, 5), "nu": (185, 37, 4), "di": (216, 87, 13),
    "hr": (182, 10, 35), "co": (65, 12, 51), "ec": (84, 18, 38),
}


@pytest.mark.slow
@needs_rdata
def test_validation_figures_hold():
    """The validation figures of docs/issues.md (926 roll calls, 2010-2019)."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from validate_issue_rule import confusion, load_validation_table
    finally:
        sys.path.pop(0)
    rc = load_validation_table()
    d = rc[rc["year"].between(2010, 2019)]
    assert len(d) == 926
    cm = confusion(d, classify(d["title"]))
    got = {c: (int(cm.loc[c, "tp"]), int(cm.loc[c, "fp"]), int(cm.loc[c, "fn"])) for c in ISSUE_CODES}
    assert got == VALIDATION_2010_2019
    # Voeten's own counts of coded roll calls in these years
    assert {c: got[c][0] + got[c][2] for c in ISSUE_CODES} == {
        "me": 159, "nu": 189, "di": 229, "hr": 217, "co": 116, "ec": 122}


def test_fill_on_the_compiled_record():
    """Voeten's 6,202 roll calls keep his codes (counts as published for R unvotes 0.3.0,
    DATA-NOTES §1: di 1,092, me 1,061, hr 1,015, co 957, nu 855, ec 765); every other roll
    call with a title is coded by the rule."""
    import unvotes

    record = unvotes.load()
    out = fill_issue_codes(record.roll_calls, subjects=record.subjects)
    voeten = out["issue_source"] == "voeten"
    assert int(voeten.sum()) == 6202
    assert {c: int(out.loc[voeten, c].sum()) for c in ISSUE_CODES} == {
        "me": 1061, "nu": 855, "di": 1092, "hr": 1015, "co": 957, "ec": 765}
    # 2,103 Voeten roll calls have no issue (DATA-NOTES §1, problem 8)
    assert int((~out.loc[voeten, list(ISSUE_CODES)].any(axis=1)).sum()) == 2103
    rest = out[~voeten]
    has_title = rest["title"].fillna("").str.strip().ne("")
    assert (rest.loc[has_title, "issue_source"] == "rule").all()
    assert not rest.loc[has_title, list(ISSUE_CODES)].isna().any().any()
    # A/RES/ES-11/1 (Aggression against Ukraine) falls under none of the six issues;
    # A/RES/77/247 (Israeli practices ... human rights of the Palestinian people) is me and hr.
    by_symbol = out.set_index("symbol")
    assert not by_symbol.loc["A/RES/ES-11/1", list(ISSUE_CODES)].any()
    assert {c for c in ISSUE_CODES if by_symbol.loc["A/RES/77/247", c]} == {"me", "hr"}
