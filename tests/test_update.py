"""record.update(other): laying a newer release over the embedded record.

External values:
* DATA-NOTES.md §6: the DGACM (UNxml) lists and the 3DL scrape of the UN
  Digital Library agree on every country vote they share (0 disagreements);
  the embedded 2025 votes come from those two sources, so laying the real 3DL
  scrape over the embedded record must change nothing.
* DATA-NOTES.md §6, expected counts: 192 recorded votes in calendar 2025.
* Official totals of A/RES/ES-11/9, 91-12-57 with 33 non-voting (DATA-NOTES.md §7,
  UNDL record 4094643); Hungary voted no on A/RES/ES-11/7 (official list, §7).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import unvotes
from unvotes import VotingRecord
from unvotes.record.overlay import update_record
from unvotes.readers import read_undl

RAW = Path(__file__).resolve().parents[1] / "datasets" / "raw" / "undl-scrapes"


@pytest.fixture(scope="module")
def base():
    return unvotes.load()


@pytest.fixture(scope="module")
def scrape():
    return read_undl(RAW / "3dl_un_votes_2025_processed.csv")[0]


def _without(rec, symbols):
    rc = rec.roll_calls[~rec.roll_calls["symbol"].isin(symbols)]
    return VotingRecord(rc, rec.votes[rec.votes["rcid"].isin(rc["rcid"])], rec.states, source="test base")


def _only(rec, symbols):
    rc = rec.roll_calls[rec.roll_calls["symbol"].isin(symbols)]
    return rc, rec.votes[rec.votes["rcid"].isin(rc["rcid"])]


@pytest.mark.slow
def test_real_scrape_over_embedded_changes_nothing(base, scrape):
    assert int((base.roll_calls["date"].dt.year == 2025).sum()) == 192  # DATA-NOTES.md §6
    new, rep = base.update(scrape)
    assert rep.unchanged == 192
    assert len(rep.added) == 0 and len(rep.replaced) == 0 and len(rep.disagreements) == 0
    assert len(rep.ambiguous) == 0 and len(rep.skipped) == 0 and len(rep.date_differs) == 0
    pd.testing.assert_frame_equal(
        new.votes.astype({"state": str}), base.votes.astype({"state": str}), check_categorical=False
    )
    # the UNDL fields are joined onto the matched roll calls
    assert new["A/RES/ES-11/7"].rcid == base["A/RES/ES-11/7"].rcid
    assert new.roll_calls.set_index("symbol").loc["A/RES/ES-11/7", "undl_id"] == "4076672"


@pytest.mark.slow
def test_added_roll_call_keeps_its_votes(base, scrape):
    b = _without(base, ["A/RES/ES-11/9"])
    new, rep = update_record(b, scrape)
    assert rep.added[["other_rcid", "symbol", "n_votes"]].values.tolist() == [[4094643, "A/RES/ES-11/9", 193]]
    assert rep.unchanged == 191
    assert new["A/RES/ES-11/9"].tally == {"yes": 91, "no": 12, "abstain": 57, "absent": 33}
    assert new["A/RES/ES-11/9"].rcid == 4094643  # the UNDL record id, unused in base
    added = new.roll_calls.set_index("symbol").loc["A/RES/ES-11/9"]
    assert (added["source"], added["terms"], added["undl_id"]) == ("undl", "UNDL-NC", "4094643")
    assert len(new) == len(base)
    assert new.roll_calls["date"].is_monotonic_increasing


@pytest.mark.slow
def test_added_rcid_collision_gets_a_new_number(base):
    b = _without(base, ["A/RES/ES-11/9"])
    rc, votes = _only(base, ["A/RES/ES-11/9"])
    taken = int(base["A/RES/ES-11/7"].rcid)
    other = VotingRecord(rc.assign(rcid=taken), votes.assign(rcid=taken), source="collision")
    new, rep = update_record(b, other)
    assert rep.added["rcid"].tolist() == [int(b.roll_calls["rcid"].max()) + 1]
    assert new["A/RES/ES-11/9"].tally == {"yes": 91, "no": 12, "abstain": 57, "absent": 33}
    assert new["A/RES/ES-11/7"].rcid == taken


@pytest.mark.slow
def test_disagreement_replaced_or_kept(base):
    rc, votes = _only(base, ["A/RES/ES-11/7"])
    votes = votes.copy()
    votes.loc[votes["state"] == "HUN", "vote"] = "yes"  # officially "no"
    votes = votes[votes["state"] != "AFG"]  # and one Member without a row
    other = VotingRecord(rc.assign(source="edited-source"), votes, source="edited")
    new, rep = update_record(base, other)
    r = rep.replaced.iloc[0]
    assert (r["symbol"], r["n_changed"], r["n_only_other"], r["n_only_base"], r["action"]) == (
        "A/RES/ES-11/7", 1, 0, 1, "replaced")
    dis = rep.disagreements.astype({"base_vote": object, "other_vote": object})
    assert dis[["state", "base_vote"]].values.tolist() == [["AFG", "absent"], ["HUN", "no"]]
    assert new["A/RES/ES-11/7"].vote_of("HUN") == "yes"
    assert new.roll_calls.set_index("symbol").loc["A/RES/ES-11/7", "source"] == "edited-source"
    kept, rep2 = update_record(base, other, prefer="base")
    assert rep2.replaced["action"].tolist() == ["kept"] and len(rep2.disagreements) == 2
    assert kept["A/RES/ES-11/7"].vote_of("HUN") == "no"


@pytest.mark.slow
def test_shared_symbol_dates_and_missing_symbol_are_paired_by_the_matcher(base):
    counts = base.roll_calls["symbol"].value_counts()
    shared = counts[(counts > 1) & (counts.index != "")].index[0]  # paragraph votes share the symbol
    rc_amb, v_amb = _only(base, [shared])
    rc_amb, v_amb = rc_amb.iloc[[1]], v_amb[v_amb["rcid"] == rc_amb["rcid"].iat[1]]
    rc_d, v_d = _only(base, ["A/RES/ES-11/8"])
    rc_d = rc_d.assign(date=rc_d["date"] + pd.Timedelta(days=1))
    rc_s, v_s = _only(base, ["A/RES/ES-11/9"])
    rc_s = rc_s.assign(symbol="")
    other = VotingRecord(pd.concat([rc_amb, rc_d, rc_s]), pd.concat([v_amb, v_d, v_s]), source="mixed")
    new, rep = update_record(base, other)
    # the votes tell which of the roll calls sharing the symbol it is; the one without a symbol is
    # paired on its votes
    m = rep.matches.dropna(subset=["rcid_b"]).set_index("rcid_b")
    assert m.loc[int(rc_amb["rcid"].iat[0]), "status"] == "exact"
    assert m.loc[int(rc_amb["rcid"].iat[0]), "rcid_a"] == rc_amb["rcid"].iat[0]
    assert m.loc[int(rc_s["rcid"].iat[0]), "status"] == "votes"
    assert rep.date_differs["symbol"].tolist() == ["A/RES/ES-11/8"]
    assert rep.unchanged == 3 and len(rep.added) == 0 and len(rep.ambiguous) == 0 and len(rep.skipped) == 0
    assert len(new) == len(base)


@pytest.mark.slow
def test_a_different_vote_under_the_same_symbol_is_added_not_laid_over(base):
    # the whole-resolution vote of a release must not replace a different vote that shares its symbol
    # (before the matcher, update() did so on 41 roll calls of UN_DATA.csv.zip, 1,700 false differences)
    rc7, _ = _only(base, ["A/RES/ES-11/7"])
    rc8, v8 = _only(base, ["A/RES/ES-11/8"])
    other = VotingRecord(rc8.assign(symbol="A/RES/ES-11/7", rcid=1), v8.assign(rcid=1), source="same symbol")
    new, rep = update_record(_without(base, ["A/RES/ES-11/8"]), other)
    assert rep.matches.set_index("rcid_b").loc[1, "status"] == "only_b"
    assert rep.added["symbol"].tolist() == ["A/RES/ES-11/7"] and len(rep.replaced) == 0
    assert new[int(rc7["rcid"].iat[0])].tally == {"yes": 93, "no": 18, "abstain": 65, "absent": 17}  # untouched


def test_ambiguous_and_skipped(base):
    rc, v = _only(base, ["A/RES/ES-11/7"])
    r0 = int(rc["rcid"].iat[0])
    twin = VotingRecord(pd.concat([rc, rc.assign(rcid=r0 + 1)]), pd.concat([v, v.assign(rcid=r0 + 1)]), source="twins")
    rc9, v9 = _only(base, ["A/RES/ES-11/9"])
    other = VotingRecord(pd.concat([rc, rc9.assign(symbol="")]), pd.concat([v, v9]), source="mixed")
    new, rep = update_record(twin, other)
    assert rep.ambiguous["symbol"].tolist() == ["A/RES/ES-11/7"]  # identical votes, same symbol and date
    assert rep.skipped["other_rcid"].tolist() == rc9["rcid"].tolist()  # no symbol, no pair
    assert len(new) == 2 and len(rep.added) == 0


@pytest.mark.slow
def test_bad_arguments(base, scrape):
    with pytest.raises(TypeError, match="pass the record"):
        update_record(base, (scrape, None))
    with pytest.raises(ValueError, match="`prefer` must be 'other' or 'base'; got 'newest'"):
        update_record(base, scrape, prefer="newest")
    assert "added" in update_record(base, scrape)[1].summary()
