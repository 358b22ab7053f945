"""Bad and hostile input (issue 14): each case first reproduced, then answered with a
documented error that names the bad value, or with the right result.

Values checked are the official ones: A/RES/ES-11/7 (2025-02-24) was adopted 93-18-65
with 17 not voting, the United States and the Russian Federation voting no (UN press
release GA/12675; DATA-NOTES.md section 7); A/RES/ES-11/8, the same day, 93-8-73
with the United States abstaining.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import unvotes
from unvotes.errors import UnknownStateError, UnknownSymbolError


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
        ({"states": ["USA", "XYZ"]}, UnknownStateError, r"unknown state code 'XYZ'"),
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
