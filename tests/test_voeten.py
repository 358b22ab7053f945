"""read_voeten: Voeten's UNVotes CSV and .RData, COW codes by date, encodings, flags and roll-call fields.

Moved from tests/test_readers.py with their assertions unchanged; the external values are listed
in tests/io_fixtures.py.
"""

from __future__ import annotations

import gzip

import pandas as pd
import pytest

from unvotes.readers import (
    UnknownVoteCodeError,
    read_voeten,
)
from io_fixtures import OFFICIAL, VOETEN, VOETEN_RDATA, _tally, _write  # noqa: E402


def test_voeten_csv_latin1_crlf(record):
    raw = gzip.decompress(VOETEN.read_bytes())
    assert b"\r\n" in raw and b"C\xf4te" in raw  # Latin-1 "Côte d'Ivoire", Windows line ends
    rec, rep = read_voeten(VOETEN)
    assert rep.schema == "voeten-csv" and rep.encoding == "latin-1"
    want = record.votes[record.votes["rcid"].isin(rec.roll_calls["rcid"])]
    got = rec.votes.astype({"state": str})
    want = want.astype({"state": str})
    pd.testing.assert_frame_equal(
        got.sort_values(["rcid", "state"]).reset_index(drop=True),
        want.sort_values(["rcid", "state"]).reset_index(drop=True)[got.columns],
    )
    assert rep.non_member_rows == int((pd.read_csv(VOETEN, encoding="latin-1")["vote"] == 9).sum()) > 0
    assert rep.rows_read == rep.rows_kept + rep.non_member_rows and len(rep.rejected) == 0
    for symbol, tally in OFFICIAL.items():
        assert _tally(rec, symbol) == tally


def test_voeten_cow_codes_by_date():
    rec, _ = read_voeten(VOETEN)
    years = rec.roll_calls.set_index("rcid")["date"].dt.year
    states = set(rec.votes.loc[rec.votes["rcid"].map(years) == 1989, "state"])
    assert {"SUN", "DEU", "DDR", "YAR", "YMD"} <= states and not {"RUS", "YEM"} & states
    assert "RUS" in set(rec.votes.loc[rec.votes["rcid"].map(years) == 1992, "state"])
    oct71 = rec.roll_calls.loc[rec.roll_calls["date"] < "1971-10-25", "rcid"]
    assert "TWN" in set(rec.votes.loc[rec.votes["rcid"].isin(oct71), "state"])
    assert "CHN" in set(rec.votes.loc[~rec.votes["rcid"].isin(oct71) & (rec.votes["rcid"].map(years) == 1971), "state"])


@pytest.mark.parametrize("variant", ["utf8-bom-lf", "latin1-bom-crlf", "utf8-crlf"])
def test_voeten_encoding_variants(tmp_path, variant):
    text = gzip.decompress(VOETEN.read_bytes()).decode("latin-1")
    if variant == "utf8-bom-lf":
        data = b"\xef\xbb\xbf" + text.replace("\r\n", "\n").encode("utf-8")
    elif variant == "latin1-bom-crlf":
        data = b"\xef\xbb\xbf" + text.encode("latin-1")
    else:
        data = text.encode("utf-8")
    p = tmp_path / "UNVotes.csv"
    p.write_bytes(data)
    rec, rep = read_voeten(p)
    base, _ = read_voeten(VOETEN)
    pd.testing.assert_frame_equal(rec.votes, base.votes)
    assert rep.encoding == {"utf8-bom-lf": "utf-8-sig", "latin1-bom-crlf": "latin-1-sig", "utf8-crlf": "utf-8"}[variant]
    civ = rec.votes[rec.votes["state"] == "CIV"]
    assert len(civ) == rec.roll_calls["date"].ge("1960-09-20").sum()  # a Member since 1960-09-20


@pytest.mark.slow
def test_voeten_rdata_matches_csv():
    import rdata  # noqa: F401  (in the test extra; reading .RData needs it)
    rec, rep = read_voeten(VOETEN_RDATA)
    base, brep = read_voeten(VOETEN)
    assert rep.schema == "voeten-rdata"
    pd.testing.assert_frame_equal(rec.votes, base.votes)
    assert rep.non_member_rows == brep.non_member_rows


def test_voeten_flags_kept():
    rec, _ = read_voeten(VOETEN)
    rc = rec.roll_calls
    assert {"amend", "para", "importantvote", "me", "nu", "di", "hr", "co", "ec"} <= set(rc.columns)
    assert set(rc["issue_source"]) == {"voeten"}
    assert set(rc["source"]) == {"voeten"} and set(rc["terms"]) == {"CC0"}


def test_voeten_unknown_code(tmp_path):
    df = pd.read_csv(VOETEN, encoding="latin-1", dtype=str, keep_default_na=False)
    df.loc[2, "vote"] = "7"
    p = tmp_path / "v.csv"
    df.to_csv(p, index=False)
    with pytest.raises(UnknownVoteCodeError, match=r"'7' in column 'vote' at line 4.*1 \(yes\), 2 \(abstain\)"):
        read_voeten(p)


def test_rdata_missing_names_the_feature(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "rdata", None)  # import rdata -> ImportError
    with pytest.raises(ImportError, match=r"Voeten's \.RData release .* pip install 'unvotes\[rdata\]'"):
        read_voeten(VOETEN_RDATA)


def test_voeten_dates_and_roll_call_fields(tmp_path):
    df = pd.read_csv(VOETEN, encoding="latin-1", dtype=str, keep_default_na=False)
    first_rcid = df["rcid"].iat[0]
    rows = df.index[df["rcid"] == first_rcid]
    df.loc[rows, "date"] = "2099-01-01"
    other = df.index[df["rcid"] == df["rcid"].iat[len(df) - 1]]
    df.loc[other[3], "session"] = "99"
    df.loc[other[4], "unres"] = "R/99/1"
    p = _write(df, tmp_path, "UNVotes.csv")
    rec, rep = read_voeten(p)
    assert int(first_rcid) not in set(rec.roll_calls["rcid"])
    assert len(rep.rejected) == len(rows)
    assert rep.rejected["reason"].iat[0].startswith(f"date 2099-01-01 on line {rows[0] + 2} is in the future")
    base, _ = read_voeten(VOETEN)
    rc = rec.roll_calls.set_index("rcid").loc[int(df["rcid"].iat[-1])]
    want = base.roll_calls.set_index("rcid").loc[int(df["rcid"].iat[-1])]
    assert rc["session"] == want["session"] and rc["symbol"] == want["symbol"]
    assert rep.inconsistent[["line", "column", "value"]].values.tolist() == [
        [other[3] + 2, "session", "99"], [other[4] + 2, "unres", "R/99/1"]]
