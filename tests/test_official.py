"""The official record (issue 13): UN values where an official record exists, Voeten's on request.

External values:
* Official tallies (UN Digital Library voting records; the UN Yearbook): A/RES/47/19 59-3-71,
  48/16 88-4-57, 49/9 101-2-48, 53/4 157-2-12, 38/7 108-9-27, 31/44 116-0-1 (issue 13);
  A/RES/3379(XXX) 72-35-32 on 1975-11-10; A/RES/1514(XV) 89-0-9 on 1960-12-14; A/RES/2758(XXVI)
  76-35-17 on 1971-10-25; A/RES/377(V) A-C ("Uniting for Peace") 52-5-2 on 1950-11-03;
  A/RES/181(II) 33-13-10 on 1947-11-29; A/RES/194(III) 35-15-8 on 1948-12-11; A/RES/217(III) A
  48-0-8 on 1948-12-10; A/RES/ES-10/14 90-8-74 on 2003-12-08.
* DATA-NOTES.md §7: ES-11/7 93-18-65 with 17 absent.
* US State Department, Voting Practices in the United Nations 2020: Israel 87 same / 6 opposite /
  6 partial / 1 absent -> 0.91, Canada 54/26/20/0 -> 0.64, United Kingdom 52/31/17/0 -> 0.61
  (100 recorded votes, the vote on A/RES/75/254 A-C as a whole among them).
* R unvotes 0.3.0: 869,937 yes/no/abstain votes (DATA-NOTES.md §1); its published 1946 figures
  (README): Afghanistan 17 votes / 41.2 % yes, Argentina 43 / 69.8 %, Canada 42 / 64.3 %.
"""

from __future__ import annotations

import pandas as pd
import pytest

import unvotes
from unvotes.io.official import VOTE_REASONS


@pytest.fixture(scope="module")
def record():
    return unvotes.load()


@pytest.fixture(scope="module")
def voeten():
    return unvotes.load(edition="voeten")


def _yna(rc):
    t = rc.tally
    return t["yes"], t["no"], t["abstain"]


@pytest.mark.parametrize("symbol, tally, voeten_tally", [
    ("A/RES/47/19", (59, 3, 71), (58, 3, 71)),
    ("A/RES/48/16", (88, 4, 57), (87, 4, 57)),
    ("A/RES/49/9", (101, 2, 48), (99, 2, 46)),
    ("A/RES/53/4", (157, 2, 12), (157, 2, 15)),
    ("A/RES/38/7", (108, 9, 27), (107, 9, 28)),
    ("A/RES/31/44", (116, 0, 1), (132, 0, 1)),
])
def test_official_tallies(record, voeten, symbol, tally, voeten_tally):
    assert _yna(record[symbol]) == tally
    assert _yna(voeten[symbol]) == voeten_tally
    assert record[symbol].rcid == voeten[symbol].rcid  # Voeten's rcid carries over


@pytest.mark.parametrize("symbol, date, tally", [
    ("A/RES/1514(XV)", "1960-12-14", (89, 0, 9)),
    ("A/RES/194(III)", "1948-12-11", (35, 15, 8)),
    ("A/RES/181(II)", "1947-11-29", (33, 13, 10)),
    ("A/RES/181(II) A", "1947-11-29", (33, 13, 10)),
    ("A/RES/217(III) A", "1948-12-10", (48, 0, 8)),
    ("A/RES/377(V) A", "1950-11-03", (52, 5, 2)),
    ("A/RES/ES-10/14", "2003-12-08", (90, 8, 74)),
    ("A/RES/2758(XXVI)", "1971-10-25", (76, 35, 17)),
    ("A/RES/3379(XXX)", "1975-11-10", (72, 35, 32)),
])
def test_famous_resolutions_by_official_symbol(record, symbol, date, tally):
    rc = record[symbol]
    assert str(rc.date.date()) == date
    assert _yna(rc) == tally


def test_voeten_symbols_and_dates_stay_in_the_voeten_edition(voeten):
    assert voeten["A/RES/1273(XV) D"].rcid == unvotes.load()["A/RES/1514(XV)"].rcid
    assert str(voeten["A/RES/3379(XXX)"].date.date()) == "1975-11-01"
    with pytest.raises(unvotes.UnknownSymbolError):
        voeten["A/RES/ES-10/14"]


def test_voeten_edition_has_r_unvotes_votes(voeten):
    v = voeten.votes[voeten.votes["rcid"] < 100_001]
    assert v["vote"].astype(str).value_counts()[["yes", "abstain", "no"]].tolist() == [693_544, 110_893, 65_500]
    assert int(v["vote"].isin(["yes", "no", "abstain"]).sum()) == 869_937
    assert int((voeten.roll_calls["rcid"] < 100_001).sum()) == 6_202
    assert (voeten.roll_calls.loc[voeten.roll_calls["rcid"] < 100_001, "source"] == "voeten_r").all()


@pytest.mark.parametrize("iso, n, pct", [("AFG", 17, 41.2), ("ARG", 43, 69.8), ("CAN", 42, 64.3)])
def test_r_unvotes_1946_figures_on_the_voeten_edition(voeten, iso, n, pct):
    rc = voeten.roll_calls
    v = voeten.votes[voeten.votes["rcid"].isin(rc.loc[rc["date"].dt.year == 1946, "rcid"])]
    v = v[(v["state"] == iso) & v["vote"].isin(["yes", "no", "abstain"])]
    assert (len(v), round(100 * (v["vote"] == "yes").mean(), 1)) == (n, pct)


def test_later_votes_unchanged(record, voeten):
    for s in [f"A/RES/ES-11/{i}" for i in range(1, 10)] + ["A/RES/ES-10/23"]:
        a, b = record[s], voeten[s]
        assert a.tally == b.tally and a.rcid == b.rcid
    assert record["A/RES/ES-11/7"].tally == {"yes": 93, "no": 18, "abstain": 65, "absent": 17}
    # from 2019-11-07 the DGACM lists hold the record: nothing there is corrected, only added
    late = record.roll_calls.loc[record.roll_calls["date"] >= "2019-11-07", "rcid"]
    c = record.corrections[record.corrections["rcid"].isin(late)]
    assert c[["field", "official"]].drop_duplicates().values.tolist() == [["roll_call", "added"]]


@pytest.mark.parametrize("iso, row, value", [
    ("ISR", (87, 6, 6, 1), 0.91), ("CAN", (54, 26, 20, 0), 0.64), ("GBR", (52, 31, 17, 0), 0.61)])
def test_state_department_2020(record, iso, row, value):
    t = unvotes.coincidence(record, "USA", 2020).set_index("state")
    assert t.attrs["regime"] == "2017"
    r = t.loc[iso]
    assert (r["same"], r["opposite"], r["partial"], r["absent"]) == row
    assert r["votes"] == 100
    # the report rounds (same + partial/2) / (votes - absent) to two decimals
    assert abs(r["coincidence"] - value) <= 0.005 + 1e-9


def test_a_75_254_a_c_has_its_reserved_rcid(record):
    rc = record["A/RES/75/254 A-C"]
    assert rc.rcid == 100_109  # reserved in datasets/rcid_registry.csv
    assert rc.tally == {"yes": 168, "no": 2, "abstain": 0, "absent": 23}
    assert record["A/RES/75/254 A"].rcid == 100_108  # the parts keep theirs


def test_corrections_table(record):
    c = record.corrections
    assert set(c.columns) == {"rcid", "field", "state", "voeten", "official", "reason"}
    votes = c[c["field"] == "vote"]
    assert set(votes["reason"]) <= set(VOTE_REASONS)
    # identity swaps between neighbours in the alphabet (issue 13): Greece and Grenada exchanged on
    # 27 roll calls of session 65 (official dates 2010-11-30 to 2010-12-21)
    rc = record.roll_calls.set_index("rcid")
    swaps = votes[(votes["reason"] == "identity_swap") & votes["state"].isin(["GRC", "GRD"])]
    d = rc["date"].reindex(swaps["rcid"]).to_numpy()
    grc = swaps[(d >= pd.Timestamp("2010-11-30")) & (d <= pd.Timestamp("2010-12-21"))]
    assert grc["rcid"].nunique() == 27 and len(grc) == 54
    # every added roll call is in the registry range and has official terms
    added = c.loc[c["field"] == "roll_call", "rcid"]
    assert (added > 100_000).all() and (rc.loc[added, "terms"] == "UNDL-NC").all()
    # kind unknown for under 1 % of roll calls
    assert (record.roll_calls["kind"] == "unknown").mean() < 0.01


def test_commercial_selection_holds_only_open_terms(record):
    open_ = record.select(terms=["CC0", "UN"])
    assert set(open_.roll_calls["terms"].astype(str)) == {"CC0", "UN"}
    assert set(open_.votes["rcid"]) <= set(open_.roll_calls["rcid"])
    assert len(open_) == int(record.roll_calls["terms"].isin(["CC0", "UN"]).sum())
    v = unvotes.load(edition="voeten").select(terms=["CC0", "UN"])
    assert int((v.roll_calls["rcid"] < 100_001).sum()) == 6_202  # all of Voeten's data are CC0
    with pytest.raises(ValueError, match="unknown terms"):
        record.select(terms="CC-BY")


def test_bad_edition():
    with pytest.raises(ValueError, match="unknown edition 'voten'"):
        unvotes.load(edition="voten")


def test_adopted_without_a_vote(record):
    # DGACM 77.json: A/RES/77/11 adopted without a vote on 2022-11-21
    with pytest.raises(unvotes.UnknownSymbolError, match="A/RES/77/11 was adopted without a vote on 2022-11-21"):
        record["A/RES/77/11"]
    t = record.adopted_without_vote
    assert t["symbol"].is_unique and (t["terms"] == "UN").all()
    # resolutions the DGACM files record as adopted without a vote in 2022: 244 (the State Department's
    # 2022 report counts 246 consensus resolutions, so its table is reproduced with consensus=246)
    assert int((t["date"].dt.year == 2022).sum()) == 244
    assert not set(t["symbol"]) & set(record.roll_calls["symbol"])  # none is also a recorded vote
    a = unvotes.coincidence(record, "USA", 2022, consensus="record")
    b = unvotes.coincidence(record, "USA", 2022, consensus=244)
    assert a.attrs["consensus"] == 244
    pd.testing.assert_series_equal(a["coincidence_consensus"], b["coincidence_consensus"])
    with pytest.raises(ValueError, match="no resolution adopted without a vote in 2010"):
        unvotes.coincidence(record, "USA", 2010, consensus="record")
