"""The binary store of the compiled votes (unvotes.record._store, datasets/compiled/votes.npz).

It must hold exactly the table of votes.csv.gz (the readable reference), be rebuilt byte for
byte from it (the build is deterministic, the catalogue keeps its sha256), and give the
official tallies: A/RES/ES-11/7 93-18-65 with 17 not voting (DATA-NOTES.md section 7).
"""

from __future__ import annotations

import hashlib
import io

import pandas as pd
import pytest

from unvotes.record import _resources
from unvotes.record._store import read_votes_store, votes_store_bytes
from unvotes.record.codes import VOTE_DTYPE


@pytest.fixture(scope="module")
def csv_votes():
    return _resources.read_table("votes", dtype={"rcid": "int64", "state": "category", "vote": VOTE_DTYPE},
                                 keep_default_na=False)


def test_the_store_holds_the_csv_table_exactly(csv_votes):
    pd.testing.assert_frame_equal(_resources.read_votes(), csv_votes)


def test_the_store_is_rebuilt_byte_for_byte_and_catalogued(csv_votes):
    data = _resources.table_path("votes_store").read_bytes()
    assert votes_store_bytes(csv_votes) == data
    entry = _resources.catalogue()["outputs"]["votes.npz"]
    assert entry == {"rows": len(csv_votes), "sha256": hashlib.sha256(data).hexdigest()}


def test_official_tally_from_the_store(record):
    rcid = int(record.roll_calls.loc[record.roll_calls["symbol"] == "A/RES/ES-11/7", "rcid"].iat[0])
    v = _resources.read_votes()
    counts = v.loc[v["rcid"] == rcid, "vote"].value_counts()
    assert [int(counts[k]) for k in ("yes", "no", "abstain", "absent")] == [93, 18, 65, 17]


def test_a_round_trip_keeps_every_vote_and_refuses_what_it_cannot_hold():
    t = pd.DataFrame({"rcid": [5, 5, 7], "state": ["USA", "RUS", "USA"], "vote": ["no", "absent", "abstain"]})
    back = read_votes_store(io.BytesIO(votes_store_bytes(t)))
    assert back.assign(state=back["state"].astype(str), vote=back["vote"].astype(str)).values.tolist() == [
        [5, "RUS", "absent"], [5, "USA", "no"], [7, "USA", "abstain"]]
    with pytest.raises(ValueError, match="repeats a"):
        votes_store_bytes(pd.concat([t, t.iloc[:1]]))
    with pytest.raises(ValueError, match="'non_member' cannot be stored"):
        votes_store_bytes(t.assign(vote=["no", "non_member", "yes"]))


def _npz(**arrays) -> io.BytesIO:
    import numpy as np

    buf = io.BytesIO()
    np.savez(buf, **{k: np.asarray(v, dtype=np.int8 if k == "matrix" else None) for k, v in arrays.items()})
    buf.seek(0)
    return buf


def test_a_damaged_store_is_refused_not_read():
    # the checks that let load() skip VotingRecord's pair check: unique increasing rcids, unique states,
    # a matrix of their shape, and vote codes only (1 yes, 2 abstain, 3 no, 8 absent, 9 not a Member)
    from unvotes import DataIntegrityError
    from unvotes.record._store import read_store

    ok = dict(matrix=[[1, 9], [3, 8]], rcid=[5, 7], state=["RUS", "USA"])
    assert read_store(_npz(**ok)).rcid.tolist() == [5, 7]
    with pytest.raises(DataIntegrityError, match="not a vote"):
        read_store(_npz(**{**ok, "matrix": [[1, 4], [3, 8]]}))
    with pytest.raises(DataIntegrityError, match="increasing unique rcids"):
        read_store(_npz(**{**ok, "rcid": [7, 7]}))
    with pytest.raises(DataIntegrityError, match="unique states"):
        read_store(_npz(**{**ok, "state": ["USA", "USA"]}))


def test_load_keeps_the_matrix_and_builds_the_same_long_table_on_first_use(csv_votes):
    import unvotes

    rec = unvotes.load()
    assert callable(rec._votes_table)  # not built by load()
    assert rec["A/RES/ES-11/7"].tally == {"yes": 93, "no": 18, "abstain": 65, "absent": 17}
    pd.testing.assert_frame_equal(rec.votes, csv_votes)


def test_load_refuses_a_store_whose_rcids_are_not_roll_calls(monkeypatch):
    import numpy as np

    import unvotes
    from unvotes import DataIntegrityError
    from unvotes.record import dataset
    from unvotes.record._store import VotesStore

    s = dataset._store()
    bad = VotesStore(s.matrix, np.r_[s.rcid[:-1], 10**9], s.state)
    monkeypatch.setattr(dataset, "_store", lambda: bad)
    with pytest.raises(DataIntegrityError, match="1000000000"):
        unvotes.load()
