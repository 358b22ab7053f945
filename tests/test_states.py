"""State identity, succession and membership on a date.

External values and their sources:

* UN "Growth in United Nations membership, 1945-present" (un.org): Members at
  the end of each year (51 in 1945 ... 193 since 2011).
* GA res 2758 (XXVI) of 1971-10-25: the China seat passes from the Republic of
  China (TWN) to the People's Republic (CHN).
* The Russian Federation's letter of 1991-12-24 (UN Member States page): the
  Soviet seat continues as Russia's.
* Correlates of War State System Membership v2016: state numbers 2 (USA),
  255/260 (Germany / German Federal Republic), 265 (GDR), 345 (Yugoslavia,
  Serbia), 365 (Russia/USSR), 678/680 (Yemen Arab Republic / Democratic Yemen),
  710/713 (PRC / ROC).
* PITFALLS.md sections 1 and 8 (spellings in UNxml, the State Department
  report, R unvotes, and the historical names that must map to entities).
* The State Department's "Voting Practices in the United Nations 2022" table
  (COUNTRY, ISO columns) and Bailey-Strezhnev-Voeten's ideal-point file
  (Countryname, ccode columns), both in ``datasets/raw/validation``.
"""

from __future__ import annotations

import pandas as pd
import pytest

import unvotes
from unvotes.errors import AmbiguousStateError, DataIntegrityError, StateNotMemberError, UnknownStateError
from unvotes.states import merge_successions, successions

# ---------------------------------------------------------------------------
# names and codes
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, iso3",
    [
        # the list for Russia, and COW 365 (Correlates of War "Russia")
        ("Russia", "RUS"),
        ("Russian Federation", "RUS"),
        ("RUS", "RUS"),
        ("RU", "RUS"),
        ("ru", "RUS"),
        (365, "RUS"),
        ("365", "RUS"),
        ("USSR", "SUN"),
        ("Soviet Union", "SUN"),
        ("Union of Soviet Socialist Republics", "SUN"),
        # PITFALLS 8: UNxml spells Türkiye five ways
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("TURKIYE", "TUR"),
        ("TÜRKİYE", "TUR"),
        ("TÜRKÝYE", "TUR"),
        # Côte d'Ivoire: UN name, State Department spelling, common English name
        ("Côte d'Ivoire", "CIV"),
        ("Côte d\u2019Ivoire", "CIV"),
        ("Cote D'Ivoire", "CIV"),
        ("Ivory Coast", "CIV"),
        # R unvotes 0.2.0 vs 0.3.0 (PITFALLS 8)
        ("United States of America", "USA"),
        ("United States", "USA"),
        ("NETHERLANDS", "NLD"),
        ("NETHERLANDS (KINGDOM OF THE)", "NLD"),
        # State Department 2022 spelling
        ("Czechia (Czech Republic)", "CZE"),
        ("Czech Republic", "CZE"),
        # historical names (PITFALLS 8)
        ("Burma", "MMR"),
        ("Ceylon", "LKA"),
        ("Dahomey", "BEN"),
        ("Upper Volta", "BFA"),
        ("Zaire", "COD"),
        ("Siam", "THA"),
        ("United Arab Republic", "EGY"),
        ("Swaziland", "SWZ"),
        ("Macedonia", "MKD"),
        ("Byelorussian SSR", "BLR"),
        # UN M49 / UN names with parentheses
        ("Iran (Islamic Republic of)", "IRN"),
        ("Iran", "IRN"),
        ("Bolivia (Plurinational State of)", "BOL"),
        ("Venezuela", "VEN"),
        ("United Republic of Tanzania", "TZA"),
        ("Tanzania", "TZA"),
        ("Lao People's Democratic Republic", "LAO"),
        ("Micronesia", "FSM"),
        ("Republic of Moldova", "MDA"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("North Korea", "PRK"),
        ("Republic of Korea", "KOR"),
        ("Republic of the Congo", "COG"),
        ("Democratic Republic of the Congo", "COD"),
        ("Yugoslavia", "YUG"),
        ("Czechoslovakia", "CSK"),
        ("German Democratic Republic", "DDR"),
        ("Zanzibar", "ZZB"),
        # BSV / R unvotes labels (PITFALLS 1)
        ("German Federal Republic", "DEU"),
        ("Yemen Arab Republic", "YAR"),
        ("Yemen People's Republic", "YMD"),
        ("Taiwan", "TWN"),
        # COW numbers (Correlates of War v2016)
        (2, "USA"),
        (255, "DEU"),
        (260, "DEU"),
        (265, "DDR"),
        (678, "YAR"),
        (680, "YMD"),  # BSV label this "YAR" (PITFALLS 1); it is Democratic Yemen
        (713, "TWN"),
        (710, "CHN"),
        # non-member observer States and a bloc member without a UN seat
        ("Holy See", "VAT"),
        ("State of Palestine", "PSE"),
        ("Western Sahara", "ESH"),
    ],
)
def test_state_resolves_names_and_codes(query, iso3):
    assert unvotes.state(query).iso3 == iso3


@pytest.mark.parametrize(
    "query, on, iso3",
    [
        ("China", "1960-01-01", "TWN"),  # GA res 2758 (XXVI), 1971-10-25
        ("China", "1971-10-24", "TWN"),
        ("China", "1971-10-25", "CHN"),
        ("Russia", "1980-01-01", "SUN"),  # R unvotes labels the Soviet seat "Russia"
        ("Russia", "1991-12-24", "RUS"),
        (365, "1991-12-23", "SUN"),
        (345, "1980-01-01", "YUG"),  # COW 345 is Yugoslavia, then Serbia
        (345, "2003-01-01", "SCG"),
        (345, "2010-01-01", "SRB"),
        (260, "1980-01-01", "DEU"),  # the FRG seat is DEU in members.csv
        ("Federal Republic of Germany", "1980-01-01", "DEU"),
    ],
)
def test_state_resolves_on_a_date(query, on, iso3):
    assert unvotes.state(query, on=on).iso3 == iso3


def test_state_attributes_russia():
    rus = unvotes.state("Russia")
    assert rus.name == "Russian Federation"
    assert rus.iso2 == "RU"
    assert rus.cow_code == 365
    assert rus.admitted == pd.Timestamp("1945-10-24")  # UN lists the seat's original date
    assert rus.seat_from == pd.Timestamp("1991-12-24")
    assert rus.predecessors == ("SUN",)
    assert rus.succession_type == "continuation"
    assert rus.is_member
    spells = rus.membership
    assert list(spells.columns) == ["start", "end", "status"]
    assert spells.start.iloc[0] == pd.Timestamp("1991-12-24") and pd.isna(spells.end.iloc[0])


def test_south_africa_excluded_but_member():
    # GA President's ruling 1974-11-12; GA res 48/258 on 1994-06-23
    zaf = unvotes.state("South Africa")
    sp = zaf.membership
    assert list(sp.status) == ["member", "excluded", "member"]
    assert sp.start.iloc[1] == pd.Timestamp("1974-11-12") and sp.end.iloc[1] == pd.Timestamp("1994-06-23")
    assert zaf.held_seat("1980-01-01")
    m = unvotes.members(on="1980-01-01").set_index("iso3")
    assert not m.loc["ZAF", "participating"]


@pytest.mark.parametrize(
    "query, candidates",
    [
        ("Congo", {"COG", "COD"}),
        ("Korea", {"KOR", "PRK"}),
        ("Guinea", {"GIN", "GNB", "GNQ", "PNG"}),
    ],
)
def test_ambiguous_names_list_candidates(query, candidates):
    with pytest.raises(AmbiguousStateError, match="ambiguous") as exc:
        unvotes.state(query)
    assert set(exc.value.suggestions) == candidates
    for c in candidates:
        assert c in str(exc.value)
    assert isinstance(exc.value, KeyError)


def test_yemen_in_1980_is_ambiguous_between_two_seats():
    # Yemen Arab Republic (1947) and Democratic Yemen (1967) both sat until 1990-05-22
    with pytest.raises(AmbiguousStateError) as exc:
        unvotes.state("Yemen", on="1980-01-01")
    assert set(exc.value.suggestions) == {"YAR", "YMD"}
    assert unvotes.state("Yemen").iso3 == "YEM"


def test_unknown_name_suggests_close_names():
    with pytest.raises(UnknownStateError, match="France") as exc:
        unvotes.state("Frnace")
    assert "France" in exc.value.suggestions


def test_unknown_cow_code():
    with pytest.raises(UnknownStateError, match="Correlates of War state number 999"):
        unvotes.state(999)


def test_state_not_member_names_the_seat_holder():
    with pytest.raises(StateNotMemberError) as exc:
        unvotes.state("RUS", on="1980-01-01")
    msg = str(exc.value)
    assert msg.startswith(
        "RUS did not hold a UN seat on 1980-01-01: the seat was held by SUN "
        "(Union of Soviet Socialist Republics) until 1991-12-24; pass follow_succession=True"
    )
    assert unvotes.state("RUS", on="1980-01-01", follow_succession=True).iso3 == "SUN"


@pytest.mark.parametrize(
    "query, on, pattern",
    [
        ("SUN", "2000-01-01", "its seat passed to RUS on 1991-12-24"),
        ("DDR", "1990-10-03", "its seat passed to DEU on 1990-10-03"),  # PITFALLS 1: no GDR votes after unification
        ("YAR", "1990-05-22", "its seat passed to YEM on 1990-05-22"),  # no YAR votes after the merger
        ("SSD", "2000-01-01", "admitted on 2011-07-14"),
        ("SYR", "1960-01-01", "merged from 1958-02-21 to 1961-10-13"),
        ("CHN", "1971-10-24", "held by TWN"),
        ("SRB", "1980-01-01", "follow_succession='lineage'"),
    ],
)
def test_state_not_member_messages(query, on, pattern):
    with pytest.raises(StateNotMemberError, match=pattern):
        unvotes.state(query, on=on)


def test_follow_succession_lineage_reaches_yugoslavia():
    assert unvotes.state("SRB", on="1980-01-01", follow_succession="lineage").iso3 == "YUG"
    assert unvotes.state("SRB", on="2003-01-01", follow_succession=True).iso3 == "SCG"


@pytest.mark.parametrize(
    "bad, exc, pattern",
    [
        (["FRA"], TypeError, "for several states use unvotes.state_table"),
        (True, TypeError, "state name"),
        ("", ValueError, "empty"),
    ],
)
def test_state_bad_queries(bad, exc, pattern):
    with pytest.raises(exc, match=pattern):
        unvotes.state(bad)


@pytest.mark.parametrize(
    "on, pattern",
    [
        ("1900-01-01", "outside the record: the United Nations exists from 1945-10-24"),
        ("2999-01-01", "outside the record: it is in the future"),
        ("not a date", "is not a date"),
    ],
)
def test_dates_outside_the_record(on, pattern):
    with pytest.raises(ValueError, match=pattern):
        unvotes.members(on=on)
    with pytest.raises(ValueError, match=pattern):
        unvotes.state("France", on=on)


def test_every_state_department_2022_name_resolves():
    """The State Department's 2022 report spells 192 states; each gives its own ISO code."""
    from importlib import resources  # noqa: F401  (raw files are read from the repository)

    sd = pd.read_csv(_raw("validation/state-dept/un-coincidence-2022.csv"), encoding="utf-8-sig", dtype=str)
    assert len(sd) == 192
    for name, iso in zip(sd.COUNTRY, sd.ISO):
        if name == "Guinea":  # deliberately ambiguous (issue 3): Guinea-Bissau, Equatorial Guinea ...
            with pytest.raises(AmbiguousStateError):
                unvotes.state(name)
            continue
        assert unvotes.state(name).iso3 == iso, name


def test_every_voeten_name_and_ccode_agree():
    """Each (Countryname, ccode) of BSV's ideal-point file resolves to one state in its first session."""
    v = pd.read_csv(_raw("validation/voeten-idealpoints/IdealpointestimatesAll_Apr2020.csv"), dtype=str,
                    encoding="cp1252")
    g = v.groupby(["ccode", "Countryname"]).session.agg(lambda s: int(s.astype(int).min())).reset_index()
    assert len(g) == 199
    for ccode, name, first in g.itertuples(index=False):
        # the state's first session with votes: session n (n >= 2) runs from September of
        # 1945 + n to September of 1946 + n, so 31 August 1946 + n falls at its end
        on = pd.Timestamp(f"{1946 + first}-08-31")
        by_code = unvotes.state(int(ccode), on=on).iso3
        if name == "Guinea":
            assert by_code == "GIN"
            continue
        assert unvotes.state(name, on=on).iso3 == by_code, (ccode, name)


def _raw(rel: str):
    from pathlib import Path

    p = Path(__file__).resolve().parents[1] / "datasets" / "raw" / rel
    assert p.exists(), f"raw file {rel} missing from datasets/raw"
    return p


# ---------------------------------------------------------------------------
# succession
# ---------------------------------------------------------------------------


def test_succession_links_of_members_csv():
    # the list: SUN to RUS, SCG to SRB, CSK to CZE and SVK, DDR into DEU,
    # YAR and YMD into YEM, TWN to CHN, ZZB into TZA, YUG's successors
    s = lambda q: unvotes.state(q)  # noqa: E731
    assert s("SUN").successors == ("RUS",) and s("SUN").left == pd.Timestamp("1991-12-24")
    assert s("SCG").successors == ("MNE", "SRB") and s("SRB").seat_from == pd.Timestamp("2006-06-03")
    assert s("MNE").succession_type == "secession"
    assert set(s("CSK").successors) == {"CZE", "SVK"}
    assert s("DDR").successors == ("DEU",) and s("DDR").left == pd.Timestamp("1990-10-03")
    assert set(s("YEM").predecessors) == {"YAR", "YMD"} and s("YEM").seat_from == pd.Timestamp("1990-05-22")
    assert s("TWN").successors == ("CHN",) and s("CHN").seat_from == pd.Timestamp("1971-10-25")
    assert s("ZZB").successors == ("TZA",) and s("ZZB").left == pd.Timestamp("1964-04-26")
    assert set(s("YUG").successors) == {"BIH", "HRV", "MKD", "SCG", "SVN"}
    assert "YUG" in s("SCG").predecessors  # linked from YUG's side in members.csv


def test_succession_rules():
    seat = successions("seat")
    assert list(zip(seat.predecessor, seat.successor)) == [("TWN", "CHN"), ("YAR", "YEM"), ("SUN", "RUS"),
                                                          ("SCG", "SRB")]
    lineage = successions("lineage")
    assert ("YUG", "SCG") in set(zip(lineage.predecessor, lineage.successor))
    with pytest.raises(ValueError, match="not a succession rule"):
        successions("everything")


def _toy_matrix():
    idx = pd.Index([1, 2, 3, 4], name="rcid")
    return pd.DataFrame(
        {
            "SUN": [1, 3, 9, 9],
            "RUS": [9, 9, 2, 8],
            "YUG": [1, 9, 9, 9],
            "SCG": [9, 2, 9, 9],
            "SRB": [9, 9, 3, 1],
            "DDR": [3, 3, 9, 9],
            "DEU": [1, 1, 1, 1],
            "USA": [1, 1, 3, 3],
        },
        index=idx,
        dtype="int8",
    )


def test_merge_successions_seat_rule():
    out = merge_successions(_toy_matrix())
    assert list(out.columns) == ["DDR", "DEU", "RUS", "SRB", "USA", "YUG"]
    assert out["RUS"].tolist() == [1, 3, 2, 8]
    assert out["SRB"].tolist() == [9, 2, 3, 1]
    assert out.dtypes.eq("int8").all()
    assert out.attrs["successions"] == {"SUN": "RUS", "SCG": "SRB"}


def test_merge_successions_lineage_rule():
    out = merge_successions(_toy_matrix(), rule="lineage")
    assert out["SRB"].tolist() == [1, 2, 3, 1]
    assert "YUG" not in out.columns and "SCG" not in out.columns


def test_merge_successions_refuses_overlapping_seats():
    with pytest.raises(DataIntegrityError, match="cannot merge DDR into DEU: both have a vote on 2 roll call"):
        merge_successions(_toy_matrix(), rule={"DDR": "DEU"})


def test_merge_successions_bad_input():
    with pytest.raises(TypeError, match="record.matrix"):
        merge_successions(_toy_matrix().to_numpy())
    with pytest.raises(ValueError, match="not a succession rule"):
        merge_successions(_toy_matrix(), rule="all")


# ---------------------------------------------------------------------------
# membership on a date
# ---------------------------------------------------------------------------

# UN, "Growth in United Nations membership, 1945-present": Members at the end of each year.
UN_GROWTH = {
    1945: 51, 1946: 55, 1947: 57, 1948: 58, 1949: 59, 1950: 60, 1951: 60, 1952: 60, 1953: 60, 1954: 60,
    1955: 76, 1956: 80, 1957: 82, 1958: 82, 1959: 82, 1960: 99, 1961: 104, 1962: 110, 1963: 113,
    1964: 115, 1965: 117, 1966: 122, 1967: 123, 1968: 126, 1969: 126, 1970: 127, 1971: 132, 1972: 132,
    1973: 135, 1974: 138, 1975: 144, 1976: 147, 1977: 149, 1978: 151, 1979: 152, 1980: 154, 1981: 157,
    1982: 157, 1983: 158, 1984: 159, 1985: 159, 1986: 159, 1987: 159, 1988: 159, 1989: 159, 1990: 159,
    1991: 166, 1992: 179, 1993: 184, 1994: 185, 1995: 185, 1996: 185, 1997: 185, 1998: 185, 1999: 188,
    2000: 189, 2001: 189, 2002: 191, 2003: 191, 2004: 191, 2005: 191, 2006: 192, 2007: 192, 2008: 192,
    2009: 192, 2010: 192, 2011: 193, 2012: 193, 2013: 193, 2014: 193, 2015: 193, 2016: 193, 2017: 193,
    2018: 193, 2019: 193, 2020: 193, 2021: 193, 2022: 193, 2023: 193, 2024: 193, 2025: 193,
}


def test_members_per_year_matches_un_growth_table():
    n = unvotes.members_per_year(1945, 2025)
    for year, un in UN_GROWTH.items():
        if 1992 <= year <= 1999:
            # members.csv ends the SFRY seat on 1992-09-22 (GA res 47/1); the UN kept
            # counting "Yugoslavia" until the FRY's admission on 2000-11-01
            assert n[year] == un - 1, year
        else:
            assert n[year] == un, year


def test_members_on_the_china_seat_transfer():
    before = unvotes.members(on="1971-10-24")
    after = unvotes.members(on="1971-10-25")
    assert "TWN" in set(before.iso3) and "CHN" not in set(before.iso3)
    assert "CHN" in set(after.iso3) and "TWN" not in set(after.iso3)
    assert len(before) == len(after) == 131
    assert list(before.columns) == ["iso3", "name", "cow_code", "admitted", "seat_from", "left", "participating"]
    assert before.set_index("iso3").loc["TWN", "cow_code"] == 713


def test_members_original_and_current():
    first = unvotes.members(on="1945-12-31")
    # the 51 original Members include the Byelorussian and Ukrainian SSRs (PITFALLS 1) and
    # India (admitted 1945-10-30, so its 1946 votes are a Member's)
    assert len(first) == 51
    assert {"BLR", "UKR", "SUN", "TWN", "IND"} <= set(first.iso3)
    assert "IND" not in set(unvotes.members(on="1945-10-24").iso3)
    assert len(unvotes.members(on="2011-07-13")) == 192
    assert len(unvotes.members(on="2011-07-14")) == 193  # South Sudan admitted
    cur = unvotes.members(on="2025-02-24")
    assert len(cur) == 193 and cur.participating.all()
    g = unvotes.members(on="1990-10-02").iso3
    assert "DDR" in set(g) and "DEU" in set(g)
    assert "DDR" not in set(unvotes.members(on="1990-10-03").iso3)


def test_members_per_year_bad_years():
    with pytest.raises(ValueError, match="outside the record"):
        unvotes.members_per_year(1900)
    with pytest.raises(ValueError, match="after"):
        unvotes.members_per_year(2000, 1990)
    with pytest.raises(TypeError, match="year"):
        unvotes.members_per_year("1990")


def test_state_table():
    t = unvotes.state_table()
    assert t.loc["SUN", "successors"] == "RUS"
    assert (t.status == "current").sum() == 193
    assert (t.status == "former").sum() == 9
    sub = unvotes.state_table(["Burma", "USSR"])
    assert list(sub.index) == ["MMR", "SUN"]


# ---------------------------------------------------------------------------
# succession on the real vote matrix (compiled record)
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def matrix():
    return unvotes.load().matrix()


def test_merged_russia_seat_is_one_series_back_to_1946(matrix):
    merged = merge_successions(matrix)
    # the Soviet/Russian seat sat through every roll call of the record (an original Member)
    assert (merged["RUS"] != 9).all()
    before = matrix["SUN"] != 9
    assert (merged.loc[before, "RUS"] == matrix.loc[before, "SUN"]).all()
    assert (merged.loc[~before, "RUS"] == matrix.loc[~before, "RUS"]).all()
    # the China seat likewise: ROC votes to 1971-10-25, PRC votes after
    assert (merged["CHN"] != 9).all()
    assert {"SUN", "TWN", "YAR", "SCG"}.isdisjoint(merged.columns)
    assert {"DDR", "YMD", "YUG", "CSK", "ZZB"} <= set(merged.columns)


def test_record_matrix_follow_succession(matrix):
    rec = unvotes.load()
    pd.testing.assert_frame_equal(rec.matrix(follow_succession=True), merge_successions(matrix))


def test_overlapping_seats_on_the_real_matrix(matrix):
    # DDR and the Federal Republic both sat 1973-09-18 to 1990-10-03
    with pytest.raises(DataIntegrityError, match="cannot merge DDR into DEU"):
        merge_successions(matrix, rule={"DDR": "DEU"})


def test_iso2_where_iso_has_one():
    # PITFALLS 1: R unvotes lacks ISO2 for the FRG, the Yemen Arab Republic and Zanzibar;
    # ISO 3166 has DE for the Federal Republic's seat, and nothing for YAR and ZZB (project codes)
    assert unvotes.state(260).iso2 == "DE"
    assert unvotes.state("YAR").iso2 == "" and unvotes.state("ZZB").iso2 == ""
    assert unvotes.state("SUN").iso2 == "SU"  # ISO 3166-3


def test_members_per_year_counts_today_for_the_current_year():
    import datetime as dt

    n = unvotes.members_per_year()
    assert n.index[-1] == dt.date.today().year
    assert n.iloc[-1] == len(unvotes.members(on=dt.date.today()))


def test_matrix_of_some_states_follows_succession_like_the_whole_matrix(record):
    # the USSR's seat passed to the Russian Federation on 24 December 1991 (members.csv):
    # asking for RUS in 1980 with follow_succession must give the USSR's 109 votes of that year
    r = record.select(years=1980)
    some = r.matrix(states=["RUS", "USA"], follow_succession=True)
    whole = r.matrix(follow_succession=True)
    assert some["RUS"].value_counts().to_dict() == whole["RUS"].value_counts().to_dict() == {1: 74, 3: 21, 2: 14}
    pd.testing.assert_frame_equal(some, whole[["RUS", "USA"]])
    with pytest.raises(ValueError, match=r"votes of \['SUN'\] are in their successors' columns"):
        r.matrix(states=["SUN"], follow_succession=True)
