"""Blocs with dated membership, and roll calls counted by bloc.

External values and their sources:

* NATO (nato.int "Member countries"): 32 Allies; Finland joined 2023-04-04 and
  Sweden 2024-03-07.
* EU (EUR-Lex glossary "enlargement"): 27 member states; the United Kingdom a
  third country as of 2020-02-01; Croatia from 2013-07-01.
* League of Arab States: Syria's membership suspended from 2011-11-16,
  readmitted 2023-05-07 (Reuters, AP); 22 members including Palestine.
* BRICS: Indonesia a full member from 2025-01-06 (Brazilian MFA statement);
  10 members (Saudi Arabia has not taken up membership).
* ASEAN: Timor-Leste admitted 2025-10-26 (47th Summit, Kuala Lumpur).
* African Union: 55 members including the Sahrawi Arab Democratic Republic;
  Morocco rejoined 2017-01-31.
* Charter of the United Nations, Art. 23 (P5), GA res 2758 (XXVI) (China seat,
  1971-10-25) and the 1991-12-24 letter (Soviet seat to Russia).
* g77.org member list (134 listed, China included); the Non-Aligned Movement
  (121 members after South Sudan, Kampala 2024-01-17).
* The official record of A/RES/ES-11/7 (2025-02-24, 93-18-65; UN Digital
  Library record 4076672, list in DATA-NOTES.md section 7): within the EU 26 yes
  and 1 no (Hungary); the United States, Russia, Hungary and Israel voted no;
  China abstained.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

import unvotes
from unvotes.blocs import roll_call_by_bloc, votes_by_bloc
from unvotes.errors import UnknownBlocError

# ---------------------------------------------------------------------------
# membership on a date
# ---------------------------------------------------------------------------


def _members(bloc_id, on, **kw):
    return set(unvotes.bloc(bloc_id, on=on, **kw).iso3)


def test_nato_enlargements():
    assert len(_members("NATO", "2025-02-24")) == 32
    assert "FIN" not in _members("NATO", "2023-04-03")
    assert "FIN" in _members("NATO", "2023-04-04")
    assert "SWE" not in _members("NATO", "2024-03-06")
    assert "SWE" in _members("NATO", "2024-03-07")
    assert len(_members("NATO", "1949-08-24")) == 12  # the founding signatories


def test_eu_brexit_and_croatia():
    assert len(_members("EU", "2025-02-24")) == 27
    assert "GBR" in _members("EU", "2020-01-30")
    assert "GBR" not in _members("EU", "2020-02-01")  # a third country as of 2020-02-01
    assert len(_members("EU", "2020-01-30")) == 28
    assert "HRV" not in _members("EU", "2013-06-30") and "HRV" in _members("EU", "2013-07-01")
    assert len(_members("EU", "1958-01-01")) == 6  # the six founders of the EEC


def test_arab_league_syria_suspension():
    assert len(_members("ARAB_LEAGUE", "2025-02-24")) == 22
    assert "SYR" in _members("ARAB_LEAGUE", "2011-11-15")
    assert "SYR" not in _members("ARAB_LEAGUE", "2011-11-16")
    assert "SYR" not in _members("ARAB_LEAGUE", "2023-05-06")
    assert "SYR" in _members("ARAB_LEAGUE", "2023-05-07")
    b = unvotes.bloc("ARAB_LEAGUE", on="2015-01-01", include_suspended=True).set_index("iso3")
    assert b.loc["SYR", "suspended"] and "2011-11-16/2023-05-07" in b.loc["SYR", "note"]
    assert not b.drop("SYR").suspended.any()


def test_brics_asean_au():
    assert _members("BRICS", "2025-02-24") == {"BRA", "RUS", "IND", "CHN", "ZAF", "EGY", "ETH", "IRN", "ARE", "IDN"}
    assert "IDN" not in _members("BRICS", "2025-01-05")
    assert "SAU" not in _members("BRICS", "2025-02-24")
    assert len(_members("ASEAN", "2025-02-24")) == 10
    assert "TLS" in _members("ASEAN", "2025-10-26")
    au = unvotes.bloc("AU", on="2025-02-24").set_index("iso3")
    assert len(au) == 55 and not au.loc["ESH", "un_member"]
    assert "MAR" not in _members("AU", "2017-01-30") and "MAR" in _members("AU", "2017-01-31")


def test_p5_follows_the_seats():
    assert _members("P5", "1971-10-24") == {"FRA", "GBR", "SUN", "TWN", "USA"}
    assert _members("P5", "1971-10-25") == {"FRA", "GBR", "SUN", "CHN", "USA"}
    assert _members("P5", "1991-12-24") == {"FRA", "GBR", "RUS", "CHN", "USA"}


def test_current_counts_published_by_each_bloc():
    b = unvotes.list_blocs()
    published = {"EU": 27, "NATO": 32, "G7": 7, "BRICS": 10, "AU": 55, "ARAB_LEAGUE": 22, "ASEAN": 11, "P5": 5,
                 "OIC": 57, "NAM": 121, "G77": 134, "SCO": 10, "UNRG_AFR": 54, "UNRG_EEG": 23,
                 "UNRG_GRULAC": 33}
    for k, v in published.items():
        assert b.loc[k, "current"] == v, k
    assert b.loc["OAU", "current"] == 0  # dissolved 2002-07-09 into the AU


def test_un_regional_groups_partition_the_members():
    """Counting Türkiye (WEOG and APG) and the USA (WEOG observer) once, the groups cover the 193 Members."""
    on = "2025-02-24"
    groups = ["UNRG_AFR", "UNRG_APG", "UNRG_EEG", "UNRG_GRULAC", "UNRG_WEOG"]
    seen = []
    for g in groups:
        b = unvotes.bloc(g, on=on, all_roles=True)
        seen += list(b.iso3[b.un_member])
    counts = pd.Series(seen).value_counts()
    assert set(counts.index) == set(unvotes.members(on=on).iso3)
    assert set(counts[counts > 1].index) == {"TUR"}
    assert "USA" not in _members("UNRG_WEOG", on)  # observer only, unless all_roles=True
    assert "USA" in _members("UNRG_WEOG", on, all_roles=True)


def test_date_precision_is_reported_not_invented():
    nam = unvotes.bloc("NAM", on="2025-02-24")
    assert len(nam) == 121
    # SOURCES.md: the joining years of 97 current NAM members were not verified
    assert int((~nam.certain).sum()) == 97
    assert nam.loc[~nam.certain, "note"].str.startswith("joining date unknown").all()
    g77 = unvotes.bloc("G77", on="2025-02-24")
    assert len(g77) == 134 and int((~g77.certain).sum()) == 61
    # OAU: Zambia's joining is known to the year only (1964); it is uncertain during 1964
    oau = unvotes.bloc("OAU", on="1964-06-01").set_index("iso3")
    assert not oau.loc["ZMB", "certain"] and "1964 (year precision only)" in oau.loc["ZMB", "note"]
    assert "ZMB" not in set(unvotes.bloc("OAU", on="1964-06-01", include_uncertain=False).iso3)
    assert unvotes.bloc("OAU", on="1965-06-01").set_index("iso3").loc["ZMB", "certain"]
    # NAM: Yugoslavia left in 1992 (year only)
    assert "YUG" in _members("NAM", "1992-06-01") and "YUG" not in _members("NAM", "1992-06-01",
                                                                          include_uncertain=False)
    # before the founding summit of Belgrade (1961-09-01) NAM has no members, dated or assumed
    with pytest.raises(ValueError, match="earliest member joined on 1961-09-01"):
        unvotes.bloc("NAM", on="1961-08-31")


def test_unknown_bloc_lists_known_ids():
    with pytest.raises(UnknownBlocError, match="unknown bloc id 'NATOO'; did you mean NATO") as exc:
        unvotes.bloc("NATOO")
    assert "Known bloc ids: ARAB_LEAGUE, ASEAN, AU, BRICS" in str(exc.value)
    assert "{'Nordics'" in str(exc.value)
    assert isinstance(exc.value, KeyError)


def test_bloc_names_accepted():
    assert unvotes.bloc("Arab League", on="2025-02-24").attrs["bloc"] == "ARAB_LEAGUE"
    assert unvotes.bloc("european union", on="2025-02-24").attrs["bloc"] == "EU"
    assert unvotes.bloc("g7", on="2025-02-24").attrs["bloc"] == "G7"


@pytest.mark.parametrize(
    "on, exc, pattern",
    [
        ("1900-01-01", ValueError, "outside the record"),
        ("2999-01-01", ValueError, "in the future"),
        ("2000-01-01", ValueError, "BRICS .* had no members on that date; its earliest member joined on 2009-06-16"),
        (["2020-01-01"], TypeError, "must be a date"),
    ],
)
def test_bloc_bad_dates(on, exc, pattern):
    with pytest.raises(exc, match=pattern):
        unvotes.bloc("BRICS", on=on)


def test_oau_after_dissolution():
    with pytest.raises(ValueError, match="last members left on 2002-07-09"):
        unvotes.bloc("OAU", on="2010-01-01")


# ---------------------------------------------------------------------------
# roll calls by bloc on a toy roll call (no compiled votes needed)
# ---------------------------------------------------------------------------


def _toy_roll_call():
    votes = pd.Series({"FRA": "yes", "DEU": "yes", "HUN": "no", "USA": "no", "GBR": "abstain", "MLT": "absent"})
    return SimpleNamespace(date=pd.Timestamp("2025-02-24"), votes=votes, rcid=1, symbol="TOY")


def test_roll_call_by_custom_bloc():
    out = roll_call_by_bloc(_toy_roll_call(), {"mine": ["France", "Germany", "Hungary", "Malta", "Spain"]})
    row = out.loc["mine"]
    assert (row.n_members, row.yes, row.no, row.absent, row.non_member) == (5, 2, 1, 1, 1)
    assert row.no_states == ("HUN",) and row.non_member_states == ("ESP",)


def test_roll_call_by_bloc_bad_input():
    with pytest.raises(TypeError, match="RollCall"):
        roll_call_by_bloc("A/RES/ES-11/7", "EU")
    with pytest.raises(UnknownBlocError, match="Known bloc ids"):
        roll_call_by_bloc(_toy_roll_call(), ["EU", "FRA"])
    with pytest.raises(TypeError, match="list of states"):
        roll_call_by_bloc(_toy_roll_call(), {"mine": "FRA"})
    with pytest.raises(ValueError, match="empty"):
        roll_call_by_bloc(_toy_roll_call(), [])


def test_votes_by_bloc_on_a_toy_record():
    rc = pd.DataFrame({"rcid": [10, 20], "date": pd.to_datetime(["2020-01-30", "2020-02-03"]), "symbol": ["a", "b"]})
    mat = pd.DataFrame({"GBR": [1, 3], "FRA": [1, 1], "DEU": [2, 1]}, index=pd.Index([10, 20], name="rcid"),
                       dtype="int8")
    rec = SimpleNamespace(roll_calls=rc, matrix=lambda: mat)
    out = votes_by_bloc(rec, ["EU", "G7"])
    assert list(out.columns) == ["rcid", "date", "symbol", "bloc", "n_members", "yes", "abstain", "no", "absent",
                                 "non_member", "n_uncertain"]
    eu = out[out.bloc == "EU"].set_index("rcid")
    # 28 members while the UK was in, 27 after 2020-01-31; states absent from the toy matrix count as non_member
    assert eu.loc[10, "n_members"] == 28 and eu.loc[20, "n_members"] == 27
    assert (eu.loc[10, "yes"], eu.loc[10, "abstain"]) == (2, 1)
    assert (eu.loc[20, "yes"], eu.loc[20, "no"]) == (2, 0)
    g7 = out[out.bloc == "G7"].set_index("rcid")
    assert g7.loc[20, "no"] == 1 and g7.loc[20, "non_member"] == 4
    assert list(out.bloc) == ["EU", "G7", "EU", "G7"]


# ---------------------------------------------------------------------------
# the real record (needs the compiled record of the Build commit)
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def record():
    return unvotes.load()


def test_es11_7_by_bloc(record):
    rc = record["A/RES/ES-11/7"]
    out = roll_call_by_bloc(rc, ["EU", "NATO", "G7", "BRICS", "AU", "ARAB_LEAGUE", "P5"])
    eu = out.loc["EU"]
    assert (eu.n_members, eu.yes, eu.no, eu.abstain, eu.absent) == (27, 26, 1, 0, 0)
    assert eu.no_states == ("HUN",)
    assert set(out.loc["NATO", "no_states"]) == {"HUN", "USA"}
    p5 = out.loc["P5"]
    assert p5.yes_states == ("FRA", "GBR") and p5.no_states == ("RUS", "USA") and p5.abstain_states == ("CHN",)
    assert out.loc["G7", "no_states"] == ("USA",)
    assert out.loc["AU", "non_member_states"] == ("ESH",)
    assert out.loc["ARAB_LEAGUE", "non_member_states"] == ("PSE",)
    # every count adds up to the bloc's size
    assert (out[["yes", "abstain", "no", "absent", "non_member"]].sum(axis=1) == out.n_members).all()


def test_by_bloc_method_of_roll_call(record):
    rc = record["A/RES/ES-11/7"]
    pd.testing.assert_frame_equal(rc.by_bloc(["EU"]), roll_call_by_bloc(rc, ["EU"]))


def test_votes_by_bloc_equals_roll_call_by_bloc(record):
    sub = record.select(start="2025-02-24", end="2025-02-24")
    tidy = votes_by_bloc(sub, ["EU", "NATO", "AU"])
    for rcid in sub.roll_calls.rcid:
        one = roll_call_by_bloc(record[int(rcid)], ["EU", "NATO", "AU"])
        got = tidy[tidy.rcid == rcid].set_index("bloc")[one.columns[1:8]]
        pd.testing.assert_frame_equal(got, one[one.columns[1:8]].astype("int64"), check_names=False)
    es117 = tidy[(tidy.symbol == "A/RES/ES-11/7") & (tidy.bloc == "EU")].iloc[0]
    assert (es117.yes, es117.no) == (26, 1)
    # A/RES/ES-11/8 (UNDL record 4076673): Hungary abstained, the other 26 EU states voted yes
    es118 = tidy[(tidy.symbol == "A/RES/ES-11/8") & (tidy.bloc == "EU")].iloc[0]
    assert (es118.yes, es118.abstain, es118.no) == (26, 1, 0)


def test_votes_by_bloc_over_the_whole_record(record):
    tidy = votes_by_bloc(record, ["P5"])
    assert len(tidy) == len(record.roll_calls)
    # five permanent seats on every roll call, whoever held them
    assert (tidy.n_members == 5).all()
    assert np.array_equal(tidy.rcid.to_numpy(), record.roll_calls.rcid.to_numpy())
