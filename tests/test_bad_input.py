"""Bad and hostile input (issue 14): each case first reproduced, then answered with a
documented error that names the bad value, or with the right result.

Values checked are the official ones: A/RES/ES-11/7 (2025-02-24) was adopted 93-18-65
with 17 not voting, the United States and the Russian Federation voting no (UN press
release GA/12675; DATA-NOTES.md section 7); A/RES/ES-11/8, the same day, 93-8-73
with the United States abstaining.
"""

from __future__ import annotations

import ast
import gzip
import importlib
import inspect
import pkgutil
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import unvotes
from unvotes.errors import AmbiguousStateError, StateNotMemberError, UnknownStateError, UnknownSymbolError
from unvotes.io.readers import ReadError


@pytest.fixture(scope="module")
def record():
    return unvotes.load()


@pytest.fixture(scope="module")
def feb24(record):
    return record.select(start="2025-02-24", end="2025-02-24")


# ----------------------------------------------------------------------------- record: caches


def test_matrix_generator_of_states_does_not_poison_the_cache(feb24):
    # old: the cache key consumed the generator, 0 columns then and on every later call
    m = feb24.matrix(states=(s for s in ["USA", "RUS"]))
    assert m.to_numpy().tolist() == [[3, 3], [2, 3]]  # ES-11/7: no, no; ES-11/8: abstain, no
    assert feb24.matrix(states=["USA", "RUS"]).to_numpy().tolist() == [[3, 3], [2, 3]]


def test_editing_votes_in_place_leaves_record_and_caches_in_step(feb24):
    rec = feb24.select(states=None)
    before = rec.matrix()
    # old: an in-place edit showed in record["..."] but not in matrix() (stale cache)
    v = rec.votes
    v.loc[v["state"] == "USA", "vote"] = "yes"
    with pytest.warns(pd.errors.ChainedAssignmentError):
        rec.votes.loc[rec.votes["state"] == "RUS", "vote"] = "yes"
    assert rec["A/RES/ES-11/7"].tally == {"yes": 93, "no": 18, "abstain": 65, "absent": 17}
    assert rec["A/RES/ES-11/7"].vote_of("USA") == "no"
    assert rec.matrix().equals(before)
    assert (v.loc[v["state"] == "USA", "vote"] == "yes").all()  # the user's own copy did change


# ----------------------------------------------------------------------------- record: lookups


def test_rcid_as_text_hints_to_pass_a_number(record):
    rcid = record["A/RES/ES-11/7"].rcid
    with pytest.raises(UnknownSymbolError, match=rf"an rcid is a number, not text; pass record\[{rcid}\]"):
        record[str(rcid)]
    with pytest.raises(UnknownSymbolError, match=r"no roll call with rcid 99999999 either"):
        record["99999999"]


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"sessions": 999}, ValueError, r"no roll call with sessions=999 in this record; this record has sessions 1 to \d+"),
        ({"sessions": [77, 999]}, ValueError, r"sessions=999 "),
        ({"special_session": "ES-99"}, ValueError, r"special_session='ES-99' in this record; this record has \[.*'ES-11'"),
        ({"rcids": [-1]}, UnknownSymbolError, r"no roll call with rcid -1 in this record"),
        ({"states": []}, ValueError, r"`states`=\[\] selects no state; leave states=None"),
        ({"sessions": []}, ValueError, r"`sessions`=\[\] selects nothing"),
        ({"years": []}, ValueError, r"`years`=\[\] selects nothing; leave years=None"),
        ({"issue": []}, ValueError, r"`issue`=\[\] selects nothing"),
        ({"kind": ()}, ValueError, r"`kind`=\[\] selects nothing"),
        ({"states": ["USA", "XYZ"]}, UnknownStateError, r"unknown state 'XYZ'"),
    ],
)
def test_select_of_values_found_nowhere_is_an_error(record, kwargs, error, message):
    # old: each returned an empty record without a word
    with pytest.raises(error, match=message):
        record.select(**kwargs)


def test_select_real_but_empty_selection_stays_empty(record):
    # the General Assembly recorded no vote in 1964 (session 19, Article 19 crisis; PITFALLS/DATA-NOTES)
    assert len(record.select(years=1964)) == 0
    # the eleventh emergency special session adopted ES-11/1 to ES-11/5 by recorded vote in 2022
    es11 = record.select(special_session="ES-11", years=2022)
    assert list(es11.roll_calls["symbol"]) == [f"A/RES/ES-11/{i}" for i in range(1, 6)]


@pytest.mark.parametrize(
    "value, message",
    [
        ("03/04/2025", r"could be 2025-04-03 \(day first\) or 2025-03-04 \(month first\)"),
        ("4.3.2025", r"could be 2025-03-04 \(day first\) or 2025-04-03 \(month first\)"),
        ("13/04/2025", r"write it as '2025-04-13'"),
    ],
)
def test_select_refuses_a_numbers_only_date(record, value, message):
    # old: "03/04/2025" was read as 4 March without a word
    with pytest.raises(ValueError, match=rf"`start`={value!r} is a numbers-only date.*" + message):
        record.select(start=value)


def test_select_unambiguous_dates_still_read(record):
    a = record.select(start="2025-02-24", end="2025-02-24")
    b = record.select(start="24 February 2025", end="Feb 24, 2025")
    assert list(a.roll_calls["symbol"]) == list(b.roll_calls["symbol"]) == ["A/RES/ES-11/7", "A/RES/ES-11/8"]


def test_select_from_a_validated_parent_keeps_every_vote(record):
    # select() no longer re-validates; the subset must still be exactly the rows of the parent
    sub = record.select(years=2022)
    votes = record.votes
    rcids = record.roll_calls.loc[record.roll_calls["date"].dt.year == 2022, "rcid"]
    expected = votes[votes["rcid"].isin(rcids)].reset_index(drop=True)
    pd.testing.assert_frame_equal(sub.votes, expected)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        again = unvotes.record.core.VotingRecord(sub.roll_calls, sub.votes, record.states)  # passes the full checks
    assert again.summary().equals(sub.summary())


# ----------------------------------------------------------------------------- states

def test_an_observer_state_on_a_date_is_not_a_member():
    # old: state("Holy See", on=...) returned the observer although the docs promise StateNotMemberError
    with pytest.raises(StateNotMemberError, match=r"^VAT did not hold a UN seat on 2000-01-01: Holy See is an "
                                                  r"observer State, not a UN Member$"):
        unvotes.state("Holy See", on="2000-01-01")
    assert unvotes.state("Holy See").status == "observer"  # without a date it is found as before


@pytest.mark.parametrize("name, iso3", [("Congo", "COG"), ("Guinea", "GIN")])
def test_a_un_name_on_a_date_is_that_member(name, iso3):
    # old: AmbiguousStateError even with on=, although the message suggested on=
    assert unvotes.state(name, on="2000-01-01").iso3 == iso3  # un.org Member States list: "Congo", "Guinea"
    with pytest.raises(AmbiguousStateError, match=rf"'{name}' is ambiguous: .* or a date with on=\.\.\."):
        unvotes.state(name)


def test_a_name_that_is_no_members_un_name_stays_ambiguous_on_a_date():
    with pytest.raises(AmbiguousStateError, match=r"'Korea' is ambiguous: it may mean KOR \(Republic of Korea\), "
                                                  r"PRK .*; pass an ISO3 code or a fuller name$"):
        unvotes.state("Korea", on="2000-01-01")


@pytest.mark.parametrize(
    "query, on, holder",
    [
        (678, "1995-01-01", "YEM"),  # COW 678 Yemen Arab Republic; merged into Yemen 1990-05-22
        (713, "1980-01-01", "CHN"),  # COW 713 Taiwan (the Republic of China's seat until 1971-10-25)
        ("YAR", "1995-01-01", "YEM"),
        ("TWN", "1980-01-01", "CHN"),
    ],
)
def test_cow_numbers_follow_succession_like_codes(query, on, holder):
    # old: COW numbers raised StateNotMemberError whatever follow_succession said
    assert unvotes.state(query, on=on, follow_succession=True).iso3 == holder
    with pytest.raises(StateNotMemberError, match=r"held no UN seat on|did not hold a UN seat on"):
        unvotes.state(query, on=on)


@pytest.mark.parametrize(
    "code, cow_number, iso3",
    # Correlates of War State System Membership v2016 letter codes and numbers
    [("UKG", 200, "GBR"), ("FRN", 220, "FRA"), ("GFR", 260, "DEU"), ("GDR", 265, "DDR"), ("ROK", 732, "KOR"),
     ("TAW", 713, "TWN"), ("YPR", 680, "YMD"), ("RUS", 365, "RUS"), ("ukg", 200, "GBR")],
)
def test_cow_letter_codes_are_accepted(code, cow_number, iso3):
    # old: UnknownStateError ("unknown state 'UKG'")
    st = unvotes.state(code)
    assert st.iso3 == iso3
    assert cow_number in {c for c, _, _ in st.cow_codes}


def test_cow_letter_codes_keep_their_dates():
    with pytest.raises(StateNotMemberError, match=r"COW code 'GFR' \(German Federal Republic, state number 260\) "
                                                  r"held no UN seat on 2000-01-01 \(DEU 1973-09-18 to 1990-10-03\)"):
        unvotes.state("GFR", on="2000-01-01")
    assert unvotes.state("GFR", on="2000-01-01", follow_succession=True).iso3 == "DEU"
    with pytest.raises(UnknownStateError, match=r"'BAV' is the Correlates of War code of Bavaria \(COW 245\), "
                                                r"which never held a UN seat"):
        unvotes.state("BAV")
    # a COW letter code that is also an ISO 3166 code of a place without a seat is not guessed
    with pytest.raises(UnknownStateError, match=r"'MAC' is the ISO 3166 code of Macao, which holds no UN seat, and "
                                                r"the Correlates of War code of Macedonia \(COW 343\)"):
        unvotes.state("MAC")
    assert unvotes.state(343).iso3 == "MKD"
    assert unvotes.state("AUS").iso3 == "AUS"  # ISO first: Australia, not COW's AUS (Austria, 305)
    assert unvotes.state(305).iso3 == "AUT"


# ----------------------------------------------------------------------------- working from a checkout

ROOT = Path(__file__).resolve().parents[1]


def test_load_works_in_the_repository_root_after_pip_install():
    # old: `python -c "import unvotes; unvotes.load()"` in the root imported the source folder,
    # which has no unvotes/data, and failed with "No module named 'unvotes.data'"
    code = ("import sys; sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in repr(f).lower()]; "
            "import unvotes; print(unvotes.__file__); print(unvotes.load()['A/RES/ES-11/7'].tally)")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    where, tally = r.stdout.splitlines()
    assert Path(where) == ROOT / "unvotes" / "__init__.py"  # the source folder, as in the issue
    assert tally == "{'yes': 93, 'no': 18, 'abstain': 65, 'absent': 17}"


def test_source_folder_without_data_beside_it_says_what_to_do(monkeypatch):
    from unvotes.record import _resources

    monkeypatch.setitem(_resources._CHECKOUT_DIRS, "unvotes._nowhere", ("no-such-folder",))
    with pytest.raises(ModuleNotFoundError, match=r"unvotes cannot find its data package 'unvotes._nowhere': .*"
                                                  r"`pip install unvotes` \(or `pip install -e \.` in a checkout\)"):
        _resources.package_files.__wrapped__("unvotes._nowhere")


# ----------------------------------------------------------------------------- every documented error is pinned

def test_a_zip_of_several_files_is_a_read_error(tmp_path):
    body = gzip.decompress((ROOT / "tests" / "fixtures" / "undl_v5_2025.csv.gz").read_bytes())
    z = tmp_path / "two.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("a.csv", body)
        zf.writestr("b.csv", body)
    with pytest.raises(ReadError, match=r"two.zip: the zip archive holds 2 candidate files \['a.csv', 'b.csv'\]; "
                                        r"expected exactly one CSV"):
        unvotes.read_undl(z)


def _error_classes():
    out = {}
    for m in pkgutil.walk_packages(unvotes.__path__, "unvotes."):
        if m.name in ("unvotes.data", "unvotes.__main__"):
            continue
        for name, obj in vars(importlib.import_module(m.name)).items():
            if inspect.isclass(obj) and issubclass(obj, unvotes.errors.UnvotesError) and obj.__module__ == m.name:
                out[name] = m.name
    return out


def test_every_documented_error_has_a_test_that_pins_its_message():
    """Each exception class of unvotes (errors.py and the modules' own) appears in some
    ``pytest.raises(TheClass, match=...)`` of tests/; the two base classes are exempt."""
    pinned = set()
    for p in (ROOT / "tests").glob("*.py"):
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and ast.unparse(node.func) == "pytest.raises" and node.args
                    and any(k.arg == "match" for k in node.keywords)):
                a = node.args[0]
                pinned |= {ast.unparse(x).split(".")[-1] for x in (a.elts if isinstance(a, ast.Tuple) else [a])}
    classes = _error_classes()
    assert {"UnknownSymbolError", "StateNotMemberError", "DataHomeError", "ReadError"} <= set(classes)
    missing = sorted(f"{mod}.{name}" for name, mod in classes.items()
                     if name not in pinned and name not in ("UnvotesError", "_LookupError"))
    assert not missing, f"exception classes no test pins with pytest.raises(..., match=...): {missing}"


def test_messages_found_by_a_new_user():
    # from a fresh-eyes session: "None" leaked into a message, a scrape's typo column was suggested,
    # and RollCall.states("non_member") called a documented vote value unknown
    import unvotes

    r = unvotes.load()
    with pytest.raises(ValueError, match=r"no roll call on or after 2030-01-01; the record runs from 1946-01-01"):
        r.select(start="2030-01-01")
    with pytest.raises(unvotes.UnknownStateError) as e:
        unvotes.agreement_with(r, "Untied States")
    assert "'United States'" in str(e.value) and "Aa United States" not in str(e.value)
    with pytest.raises(ValueError, match=r"lists only the Members on its date"):
        r["A/RES/ES-11/7"].states("non_member")


def test_select_a_state_without_a_seat_then_names_the_holder_not_an_empty_record(record):
    # the Soviet seat: the USSR (SUN) voted until 24 December 1991, the Russian Federation (RUS) after
    with pytest.raises(unvotes.StateNotMemberError, match=r"'Russia' \(RUS\) had no seat .*held by SUN"):
        record.select(years=[1950], states=["Russia"])
    with pytest.raises(unvotes.StateNotMemberError, match=r"held by RUS then: select states=\['RUS'\]"):
        record.select(years=[2020]).select(states=["SUN"])
    # Germany was admitted on 18 September 1973 (A/RES/3050(XXVIII))
    with pytest.raises(unvotes.StateNotMemberError, match="UN seat 1973-09-18 to today"):
        record.select(years=[1950], states=["DEU", "USA"])
    # a state that held a seat on some of the roll calls selected is kept (South Sudan from 14 July 2011)
    assert set(record.select(years=range(2000, 2020), states=["SSD"]).votes["state"].astype(str)) == {"SSD"}


def test_metrics_refuse_states_without_a_seat_instead_of_an_empty_table(record):
    r20 = record.select(start="2020-01-01")
    # Czechoslovakia's seat ended on 31 December 1992 (members.csv); the user's spelling is named
    with pytest.raises(unvotes.StateNotMemberError, match=r"'Czechoslovakia' in `states`: CSK was not a UN Member"):
        unvotes.agreement_with(r20, "USA", states=["Czechoslovakia"])
    with pytest.raises(unvotes.StateNotMemberError, match=r"held by RUS .*use states='RUS' \(or pass follow_succession"):
        unvotes.agreement_with(r20, "USA", states=["GBR", "SUN"])
    with pytest.raises(unvotes.StateNotMemberError, match=r"'RUS' in `states`.*held by SUN in 1980"):
        unvotes.agreement(record.select(years=1980), states=["RUS", "USA"])
    with pytest.raises(unvotes.StateNotMemberError, match="held by SUN in 1980: use states='SUN'$"):
        unvotes.majority_alignment(record.select(years=1980), states=["RUS"])
    with pytest.raises(ValueError, match=r"holds only the reference USA"):
        unvotes.agreement_with(r20, "USA", states=["USA"])
    with pytest.raises(ValueError, match=r"`states`=\[\] selects no state"):
        unvotes.agreement_with(r20, "USA", states=[])
    # with follow_succession the USSR's votes of 1980 are Russia's: US agreement 0.312 over 109 roll calls
    row = unvotes.agreement_with(record.select(years=1980), "USA", states=["RUS"], follow_succession=True).iloc[0]
    assert (round(row["value"], 3), int(row["n"])) == (0.312, 109)


@pytest.mark.parametrize("years", [1800, 2030, -5, [2024, 1800]])
def test_select_a_year_outside_the_record_is_refused(record, years):
    with pytest.raises(ValueError, match=r"this record runs from 1946 to 2026"):
        record.select(years=years)


def test_year_arguments_say_they_take_years(record):
    with pytest.raises(TypeError, match=r"e\.g\. years=\[2024, 2025\]\), got '2025'"):
        record.select(years="2025")
    with pytest.raises(TypeError, match=r"`year` must be an int \(e\.g\. year=2025\), got '2025'"):
        unvotes.agreement_matrix(record, year="2025", states=["USA", "GBR"])
    assert len(record.select(years=1964)) == 0  # inside the record, no recorded vote (DATA-NOTES: session 19)


def test_ideal_points_anchor_takes_names_and_cow_numbers_like_every_state_argument(record):
    sub = record.select(sessions=[79])
    by_code = unvotes.ideal_points(sub, anchor="USA", progress=False, dynamic=False).estimates
    for anchor in ("United States", "usa", 2):  # COW 2 is the United States
        est = unvotes.ideal_points(sub, anchor=anchor, progress=False, dynamic=False).estimates
        pd.testing.assert_frame_equal(est, by_code)
    with pytest.raises(unvotes.UnknownStateError, match="close names: 'United States'"):
        unvotes.ideal_points(sub, anchor="Untied States", progress=False)
    with pytest.raises(unvotes.UnknownStateError, match=r"anchor state 'Yugoslavia' \(YUG\) has no votes"):
        unvotes.ideal_points(sub, anchor="Yugoslavia", progress=False)
