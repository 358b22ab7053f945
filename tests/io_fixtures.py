"""Shared fixtures of the io tests (paths of the fixture files, official totals, record comparisons).

External values:
* ES-11/7 93-18-65 with 17 non-voting, ES-11/8 93-8-73 with 19, ES-11/9
  91-12-57 with 33: the official totals (DATA-NOTES.md §7, UNDL records
  4076672, 4076673, 4094643); Hungary and the United States voted no on
  ES-11/7, the United States and Ukraine abstained on ES-11/8 (the official
  lists in DATA-NOTES.md §7).
* UN_DATA.csv.zip: 5,238 GA records and 859,284 GA country-vote cells
  (DATA-NOTES.md §3.1); A/76/L.14 twice, as UNDL records 3949879 and 3949880.
* The 3DL wide file's "No Vote" count is 2 below the official non-voting count
  on every row because AFG and VEN have no column (DATA-NOTES.md §3.3).
* Fixtures are real rows of the embedded record (tests/fixtures/make_fixtures.py):
  reading them back must give the record's votes exactly.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd


HERE = Path(__file__).resolve().parent
FIX = HERE / "fixtures"
RAW = HERE.parent / "datasets" / "raw" / "undl-scrapes"

V5 = FIX / "undl_v5_2025.csv.gz"
V1 = FIX / "undl_v1_2025.csv.gz"
WIDE = FIX / "undl_wide_2025.zip"
VOETEN = FIX / "voeten_sample.csv.gz"
VOETEN_RDATA = FIX / "voeten_sample.RData"

# official totals, DATA-NOTES.md §7: (yes, no, abstain, absent)
OFFICIAL = {
    "A/RES/ES-11/7": (93, 18, 65, 17),
    "A/RES/ES-11/8": (93, 8, 73, 19),
    "A/RES/ES-11/9": (91, 12, 57, 33),
}


def _by_symbol(rec) -> pd.DataFrame:
    """(symbol, state) -> vote label, for roll calls with a unique symbol."""
    rc = rec.roll_calls[["rcid", "symbol"]]
    v = rec.votes.merge(rc, on="rcid")
    v = v.assign(vote=v["vote"].astype(str), state=v["state"].astype(str), symbol=v["symbol"].astype(str))
    return v.set_index(["symbol", "state"])["vote"].sort_index()


def _tally(rec, symbol) -> tuple[int, int, int, int]:
    rcid = rec.roll_calls.loc[rec.roll_calls["symbol"] == symbol, "rcid"]
    assert len(rcid) == 1
    c = rec.votes.loc[rec.votes["rcid"] == rcid.iat[0], "vote"].astype(str).value_counts()
    return tuple(int(c.get(k, 0)) for k in ("yes", "no", "abstain", "absent"))


def _same_votes_as_record(read_rec, record):
    got = _by_symbol(read_rec)
    want = _by_symbol(record)
    want = want[want.index.get_level_values(0).isin(set(got.index.get_level_values(0)))]
    pd.testing.assert_series_equal(got, want, check_names=False)
    return got


def _v5_frame():
    return pd.read_csv(V5, dtype=str, keep_default_na=False)


def _write(df, tmp_path, name="u.csv"):
    p = tmp_path / name
    df.to_csv(p, index=False)
    return p


def _es117_rows(df):
    return df.index[df["resolution"] == "A/RES/ES-11/7"]

