"""read_undl: every UN Digital Library schema (long v1/v5, wide), the real scrapes, rejected rows, roll-call fields by majority.

Moved from tests/test_readers.py with their assertions unchanged; the external values are listed
in tests/io_fixtures.py.
"""

from __future__ import annotations

import pandas as pd
import pytest

from unvotes.readers import (
    MissingColumnsError,
    UnknownSchemaError,
    UnknownVoteCodeError,
    read_undl,
    read_voeten,
)
from io_fixtures import HERE, OFFICIAL, RAW, V1, V5, VOETEN, WIDE, _by_symbol, _es117_rows, _same_votes_as_record, _tally, _v5_frame, _write  # noqa: E402


@pytest.mark.parametrize("path, schema", [(V5, "undl-long-v5"), (V1, "undl-long-v1"), (WIDE, "undl-wide")])
def test_undl_fixtures_reproduce_the_record(path, schema, record):
    rec, rep = read_undl(path)
    assert rep.schema == schema
    got = _same_votes_as_record(rec, record)
    assert got.index.get_level_values(0).nunique() == 14
    assert rep.rows_read == rep.rows_kept == len(got)
    assert len(rep.rejected) == 0 and rep.duplicates_merged == 0 and rep.absent_filled == 0
    assert len(rep.incomplete) == 0 and len(rep.tally_mismatches) == 0
    for symbol, tally in OFFICIAL.items():
        assert _tally(rec, symbol) == tally
    # the source's own fields are kept as roll-call columns
    rc = rec.roll_calls.set_index("symbol")
    assert rc.loc["A/RES/ES-11/7", "undl_id"] == "4076672"
    assert rc.loc["A/RES/ES-11/8", "undl_link"] == "https://digitallibrary.un.org/record/4076673"
    assert rc.loc["A/RES/ES-11/7", "special_session"] == "ES-11"
    assert rc.loc["A/RES/ES-11/7", "session"] == 79  # ES-11/7 fell in the 79th regular session
    assert rc.loc["A/RES/ES-11/7", "source"] == "undl" and rc.loc["A/RES/ES-11/7", "terms"] == "UNDL-NC"


def test_undl_official_lists(record):
    rec, _ = read_undl(V5)
    votes = _by_symbol(rec)
    assert votes[("A/RES/ES-11/7", "HUN")] == "no"
    assert votes[("A/RES/ES-11/7", "USA")] == "no"
    assert votes[("A/RES/ES-11/8", "USA")] == "abstain"
    assert votes[("A/RES/ES-11/8", "UKR")] == "abstain"
    assert votes[("A/RES/ES-11/7", "AFG")] == "absent"


def test_v1_keeps_modality_and_reads_nv():
    rec, rep = read_undl(V1)
    assert set(rec.roll_calls["modality"]) == {"Recorded"}
    raw = pd.read_csv(V1, dtype=str, keep_default_na=False)
    assert (raw["ms_votes"] == "NV").sum() == (rec.votes["vote"] == "absent").sum() > 0


def test_verified_absent_fill(tmp_path):
    """Drop the X rows: the stated non-voting total confirms them, so they come back."""
    df = pd.read_csv(V5, dtype=str, keep_default_na=False)
    no_x = df[df["ms_vote"] != "X"]
    p = tmp_path / "no_x.csv"
    no_x.to_csv(p, index=False)
    rec, rep = read_undl(p)
    assert rep.absent_filled == (df["ms_vote"] == "X").sum()
    assert _tally(rec, "A/RES/ES-11/7") == OFFICIAL["A/RES/ES-11/7"]
    # without the totals nothing can be verified: Members stay without a row, reported
    p2 = tmp_path / "no_totals.csv"
    no_x.drop(columns=["total_non_voting"]).to_csv(p2, index=False)
    rec2, rep2 = read_undl(p2)
    assert rep2.absent_filled == 0
    inc = rep2.incomplete.set_index("symbol")
    assert "AFG" in inc.loc["A/RES/ES-11/7", "missing"].split()
    assert len(inc.loc["A/RES/ES-11/7", "missing"].split()) == 17
    assert "no non-voting total" in inc.loc["A/RES/ES-11/7", "reason"]
    rec3, rep3 = read_undl(p2, fill_absent="all")
    assert _tally(rec3, "A/RES/ES-11/7") == OFFICIAL["A/RES/ES-11/7"]


def test_real_3dl_processed_scrape(record):
    rec, rep = read_undl(RAW / "3dl_un_votes_2025_processed.csv")
    assert rep.schema == "undl-wide"
    assert rep.roll_calls == 192  # GA rows (DATA-NOTES.md §3.2)
    for symbol, tally in OFFICIAL.items():
        assert _tally(rec, symbol) == tally
    # AFG and VEN have no column; the official non-voting totals confirm them absent
    assert len(rep.incomplete) == 0 and len(rep.tally_mismatches) == 0
    assert set(rep.reasons().index) == {"not a General Assembly record (Council=Security Council)"}
    afg = rec.votes[rec.votes["state"] == "AFG"]
    assert len(afg) == 192 and set(afg["vote"].astype(str)) == {"absent"}


def test_real_3dl_wide_scrape_no_vote_count_is_two_low():
    rec, rep = read_undl(RAW / "3dl_unga_2025_resolutions_wide.csv")
    assert rep.roll_calls == 192
    assert any("second header row" in n for n in rep.notes)
    assert len(rep.incomplete) == 192
    row = rep.incomplete.set_index("symbol").loc["A/RES/ES-11/7"]
    assert row["reason"].startswith("the release's non-voting total is 15")  # official: 17
    assert {"AFG", "VEN"} <= set(row["missing"].split())
    rec2, _ = read_undl(RAW / "3dl_unga_2025_resolutions_wide.csv", fill_absent="all")
    assert _tally(rec2, "A/RES/ES-11/7") == OFFICIAL["A/RES/ES-11/7"]


@pytest.mark.slow
def test_real_un_data_scrape():
    rec, rep = read_undl(RAW / "UN_DATA.csv.zip", unknown_codes="reject")
    sc = rep.rejected["reason"].str.startswith("not a General Assembly").sum()
    assert rep.rows_read - sc == 859_284  # GA cells, DATA-NOTES.md §3.1
    assert rep.rows_read == rep.rows_kept + len(rep.rejected) + rep.duplicates_merged + rep.non_member_rows
    # 5,238 GA records (DATA-NOTES.md §3.1): 5,236 read, 2 with a year-only date rejected whole
    assert rep.roll_calls == 5_236
    assert any(n.startswith("2 roll call(s) had every row rejected") for n in rep.notes)
    assert {3949879, 3949880} <= set(rec.roll_calls["rcid"])  # A/76/L.14 twice
    # year-only dates (A/RES/66/230 "2011", A/RES/32/105[M] "1977") are rejected, not set to 1 January
    partial = rep.rejected[rep.rejected["reason"].str.startswith("unparseable or partial date")]
    assert set(partial["reason"].str.extract(r"date (\d+)$")[0]) == {"2011", "1977"}


@pytest.mark.slow
def test_un_data_scrape_historical_names_reject_no_member():
    """Every UN_DATA column naming a Member under a historical name is read (issue 13 item 4)."""
    rec, rep = read_undl(RAW / "UN_DATA.csv.zip")
    reasons = rep.rejected["reason"]
    assert not reasons.str.startswith("unknown state column").any()
    # what is still rejected, pinned: Security Council rows, the two year-only dates, and cells of
    # states without a seat on the record's date (the FR Yugoslavia's nameplate 1992-09-22 to
    # 2000-11-01, GA res 47/1 and 55/12; 22 cells dated before the state's admission)
    assert reasons.str.startswith("not a General Assembly").sum() == 38_379
    assert reasons.str.startswith("unparseable or partial date").sum() == 342
    no_seat = rep.rejected[reasons.str.startswith("state held no UN seat")]
    assert len(no_seat) == 596
    assert (no_seat["state"] == "YUGOSLAVIA").sum() == 574
    assert len(rep.rejected) == 38_379 + 342 + 596
    # official tallies (UN Yearbook / UN Digital Library voting records) need the historical columns:
    # GERMANY, FEDERAL REPUBLIC OF (no on 3379), UNITED REPUBLIC OF CAMEROON, YEMEN before 1990
    r3379 = rec[rec.roll_calls.loc[rec.roll_calls["symbol"] == "A/RES/3379(XXX)", "rcid"].iloc[0]]
    assert r3379.tally == {"yes": 72, "no": 35, "abstain": 32, "absent": 3}
    assert (r3379.vote_of("DEU"), r3379.vote_of("CMR"), r3379.vote_of("YAR")) == ("no", "yes", "yes")
    r2758 = rec[rec.roll_calls.loc[rec.roll_calls["symbol"] == "A/RES/2758(XXVI)", "rcid"].iloc[0]]
    assert {k: r2758.tally[k] for k in ("yes", "no", "abstain")} == {"yes": 76, "no": 35, "abstain": 17}
    assert (r2758.vote_of("COG"), r2758.vote_of("COD")) == ("yes", "no")  # CONGO (BRAZZAVILLE), (LEOPOLDVILLE)
    assert len(rep.incomplete) == 21 and len(rep.tally_mismatches) == 4  # were 2,720 and 4,279


def test_unknown_state_is_a_rejected_row(tmp_path):
    df = _v5_frame()
    extra = df.iloc[[0]].assign(ms_code="XXA", ms_name="Atlantis", ms_vote="Y")
    p = tmp_path / "u.csv"
    pd.concat([df, extra]).to_csv(p, index=False)
    rec, rep = read_undl(p)
    assert len(rep.rejected) == 1
    r = rep.rejected.iloc[0]
    assert r["reason"] == "unknown state" and r["state"] == "XXA Atlantis" and r["line"] == len(df) + 2
    assert rep.rows_read == rep.rows_kept + 1


def test_duplicates_merged_or_rejected(tmp_path):
    df = _v5_frame()
    es117 = df[df["resolution"] == "A/RES/ES-11/7"]
    usa = es117[es117["ms_code"] == "USA"]
    hun = es117[es117["ms_code"] == "HUN"]
    p = tmp_path / "dup.csv"
    pd.concat([df, usa, hun.assign(ms_vote="Y")]).to_csv(p, index=False)
    rec, rep = read_undl(p)
    assert rep.duplicates_merged == 1  # USA twice, both "N"
    conflict = rep.rejected
    assert len(conflict) == 2 and set(conflict["iso3"]) == {"HUN"}
    assert conflict["reason"].iat[0] == "duplicate with a conflicting vote (no vs yes)"
    votes = _by_symbol(rec)
    assert ("A/RES/ES-11/7", "HUN") not in votes.index
    assert votes[("A/RES/ES-11/7", "USA")] == "no"
    assert rep.rows_read == rep.rows_kept + len(rep.rejected) + rep.duplicates_merged


def test_unknown_vote_code_raises_then_rejects(tmp_path):
    df = _v5_frame()
    df.loc[5, "ms_vote"] = "Z"
    p = tmp_path / "z.csv"
    df.to_csv(p, index=False)
    with pytest.raises(UnknownVoteCodeError, match=r"unknown vote code 'Z' in column 'ms_vote' at line 7") as e:
        read_undl(p)
    assert e.value.line == 7 and e.value.column == "ms_vote" and e.value.path == str(p)
    assert "expected one of Y (yes), N (no), A (abstain), X" in str(e.value)
    rec, rep = read_undl(p, unknown_codes="reject")
    assert rep.rejected[["line", "vote", "reason"]].values.tolist() == [[7, "Z", "unknown vote code"]]


def test_missing_columns(tmp_path):
    p = tmp_path / "m.csv"
    _v5_frame().drop(columns=["ms_vote"]).to_csv(p, index=False)
    with pytest.raises(MissingColumnsError, match=r"lacks 'ms_vote' \(the vote\)") as e:
        read_undl(p)
    assert e.value.line == 1 and e.value.column == "ms_vote"
    p2 = tmp_path / "v.csv"
    pd.read_csv(VOETEN, encoding="latin-1").drop(columns=["ccode", "Country"]).to_csv(p2, index=False)
    with pytest.raises(MissingColumnsError, match=r"'ccode' or 'Country'"):
        read_voeten(p2)


def test_unknown_schema(tmp_path):
    p = tmp_path / "s.csv"
    pd.DataFrame({"player": ["a"], "goals": [3]}).to_csv(p, index=False)
    with pytest.raises(UnknownSchemaError, match=r"matches no UN Digital Library schema: found \['player', 'goals'\]"):
        read_undl(p)
    # a UNDL file given to read_voeten says which reader to use
    with pytest.raises(MissingColumnsError, match="use unvotes.read_undl"):
        read_voeten(V5)


@pytest.mark.slow
def test_whole_record_round_trip_in_the_un_schema(tmp_path, voeten_record):
    """The embedded record (Voeten edition) written in the UNDL v5 schema (as the benchmark does) reads back exactly."""
    record = voeten_record
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench", HERE.parent / "benchmarks" / "bench_read_undl.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    p = tmp_path / "undl_all.csv.gz"
    n = bench.write_file(p, len(record.votes), compress=True, edition="voeten")
    rec, rep = read_undl(p)
    assert rep.rows_read == rep.rows_kept == n == len(record.votes)
    assert len(rep.rejected) == 0 and len(rep.incomplete) == 0 and len(rep.tally_mismatches) == 0
    # Voeten's approximate dates: cast votes a few days before the voter's admission are kept, and said so
    assert any("dated up to 62 days outside" in note and "ISR on 1949-05-0" in note for note in rep.notes)
    got = rec.votes.assign(rcid=rec.votes["rcid"] - 5_000_000).astype({"state": str})
    want = record.votes.astype({"state": str})
    pd.testing.assert_frame_equal(got, want, check_categorical=False)


def test_names_only_long_file(tmp_path, record):
    """Without ms_code the UN names (Côte d’Ivoire, Türkiye, ...) identify the Members."""
    p = tmp_path / "names.csv"
    _v5_frame().drop(columns=["ms_code"]).to_csv(p, index=False)
    rec, rep = read_undl(p)
    assert rep.rows_read == rep.rows_kept == 14 * 193 and len(rep.rejected) == 0
    _same_votes_as_record(rec, record)
    # a name spelt wrongly (Latin-1 '?' for a typographic apostrophe) is rejected, not guessed
    bad = _v5_frame().drop(columns=["ms_code"])
    bad["ms_name"] = bad["ms_name"].str.replace("\u2019", "?")
    bad.to_csv(p, index=False)
    rec, rep = read_undl(p)
    assert set(rep.rejected["state"]) == {
        "Côte d?Ivoire", "Lao People?s Democratic Republic", "Democratic People?s Republic of Korea"}
    assert set(rep.rejected["reason"]) == {"unknown state"} and len(rep.rejected) == 3 * 14


def test_first_row_with_an_impossible_date_does_not_date_the_roll_call(tmp_path, record):
    """New-user repro: ES-11/7's first row (Afghanistan, X) dated 1900-01-01, the others 2025-02-24."""
    df = _v5_frame()
    first = _es117_rows(df)[0]
    assert df.loc[first, "ms_code"] == "AFG" and df.loc[first, "ms_vote"] == "X"
    df.loc[first, "date"] = "1900-01-01"
    rec, rep = read_undl(_write(df, tmp_path))
    rc = rec.roll_calls.set_index("symbol").loc["A/RES/ES-11/7"]
    assert rc["date"] == pd.Timestamp("2025-02-24") and rc["session"] == 79
    # the row is rejected for its date, naming line and value; not "no UN seat"
    assert len(rep.rejected) == 1
    r = rep.rejected.iloc[0]
    assert r["line"] == first + 2 and r["iso3"] == "AFG"
    assert "1900-01-01" in r["reason"] and f"line {first + 2}" in r["reason"] and "1945-10-24" in r["reason"]
    # the release's non-voting total (17) confirms Afghanistan absent: it is filled, and said so
    assert rep.absent_filled == 1
    assert _tally(rec, "A/RES/ES-11/7") == OFFICIAL["A/RES/ES-11/7"]
    assert rep.rows_read == rep.rows_kept + len(rep.rejected)
    updated, _ = record.update(rec)
    assert updated["A/RES/ES-11/7"].vote_of("AFG") == "absent"
    assert updated.roll_calls["session"].max() == record.roll_calls["session"].max()


def test_a_date_in_the_future_is_rejected(tmp_path):
    """New-user repro: 2099-01-01 on every row of ES-11/7."""
    df = _v5_frame()
    rows = _es117_rows(df)
    df.loc[rows, "date"] = "2099-01-01"
    rec, rep = read_undl(_write(df, tmp_path))
    assert "A/RES/ES-11/7" not in set(rec.roll_calls["symbol"])
    assert len(rep.rejected) == len(rows) == 193
    assert set(rep.rejected["line"]) == set(rows + 2)
    first = rep.rejected.iloc[0]
    assert first["reason"].startswith(f"date 2099-01-01 on line {rows[0] + 2} is in the future")
    assert rec.roll_calls["session"].max() == 80  # A/RES/ES-10/27 (2025-09-12), not 153
    assert any("had every row rejected" in n and "A/RES/ES-11/7" in n for n in rep.notes)


@pytest.mark.parametrize("value", ["1945-10-23", "1812-06-18"])
def test_a_date_before_the_charter_is_rejected(tmp_path, value):
    df = _v5_frame()
    df.loc[3, "date"] = value
    rec, rep = read_undl(_write(df, tmp_path))
    assert rep.rejected["line"].tolist() == [5]
    assert rep.rejected["reason"].iat[0] == f"date {value} on line 5 is before 1945-10-24 (the UN Charter in force)"


def test_a_plausible_date_that_disagrees_is_outvoted_and_reported(tmp_path):
    df = _v5_frame()
    row = _es117_rows(df)[5]
    df.loc[row, "date"] = "2025-02-25"
    rec, rep = read_undl(_write(df, tmp_path))
    assert rec.roll_calls.set_index("symbol").loc["A/RES/ES-11/7", "date"] == pd.Timestamp("2025-02-24")
    assert rep.rows_kept == rep.rows_read and len(rep.rejected) == 0  # the vote is kept
    inc = rep.inconsistent
    assert inc[["line", "column", "value", "taken", "agreeing", "of"]].values.tolist() == [
        [row + 2, "date", "2025-02-25", "2025-02-24", 192, 193]]
    assert inc["rcid"].tolist() == [4076672]
    assert "inconsistent       " in rep.summary() and "date" in rep.summary()


def test_every_disagreeing_row_and_field_is_listed(tmp_path):
    df = _v5_frame()
    rows = _es117_rows(df)
    df.loc[rows[0], "resolution"] = "A/RES/ES-11/70"
    df.loc[rows[1:4], "title"] = "Something else"
    df.loc[rows[4], "total_no"] = "81"
    rec, rep = read_undl(_write(df, tmp_path))
    rc = rec.roll_calls.set_index("rcid").loc[4076672]
    assert rc["symbol"] == "A/RES/ES-11/7" and rc["tally_no"] == 18
    assert rc["title"] == df.loc[rows[10], "title"]
    inc = rep.inconsistent
    assert sorted(inc["line"].tolist()) == sorted((rows[:5] + 2).tolist())
    assert dict(inc["column"].value_counts()) == {"title": 3, "resolution": 1, "total_no": 1}
    assert len(rep.rejected) == 0


def test_no_majority_rejects_the_roll_call(tmp_path):
    df = _v5_frame()
    rows = _es117_rows(df)  # 193 rows: 65 + 64 + 64, no value held by a majority
    df.loc[rows[:65], "date"] = "2025-02-24"
    df.loc[rows[65:129], "date"] = "2025-02-25"
    df.loc[rows[129:], "date"] = "2025-02-26"
    rec, rep = read_undl(_write(df, tmp_path))
    assert "A/RES/ES-11/7" not in set(rec.roll_calls["symbol"])
    assert len(rep.rejected) == 193
    reason = rep.rejected["reason"].iat[0]
    assert set(rep.rejected["reason"]) == {reason}
    assert reason.startswith("no value of 'date' is held by a majority of the roll call's 193 rows")
    assert "2025-02-24 on 65" in reason and "2025-02-25 on 64" in reason
    assert rep.rows_read == rep.rows_kept + len(rep.rejected)


def test_a_non_numeric_total_is_reported(tmp_path):
    df = _v5_frame()
    rows = _es117_rows(df)
    df.loc[rows[2], "total_yes"] = "abc"
    rec, rep = read_undl(_write(df, tmp_path))
    assert rec.roll_calls.set_index("rcid").loc[4076672, "tally_yes"] == 93  # the majority's value
    assert rep.inconsistent[["line", "column", "value"]].values.tolist() == [[rows[2] + 2, "total_yes", "abc"]]
    assert any("total_yes" in n and "'abc'" in n and f"line {rows[2] + 2}" in n for n in rep.notes)
    # on every row of the roll call: the tally is NA, and the note says so
    df.loc[rows, "total_yes"] = "abc"
    df.loc[rows, "total_non_voting"] = "17.5"
    rec, rep = read_undl(_write(df, tmp_path))
    rc = rec.roll_calls.set_index("rcid").loc[4076672]
    assert pd.isna(rc["tally_yes"]) and pd.isna(rc["tally_absent"])
    notes = " ".join(rep.notes)
    assert "total_yes is not a whole number on 193 row(s)" in notes and "left NA" in notes and "4076672" in notes
    assert "total_non_voting" in notes and "'17.5'" in notes
    assert len(rep.inconsistent) == 0


def test_a_non_numeric_undl_id_is_reported(tmp_path):
    df = _v5_frame()
    rows = _es117_rows(df)
    df.loc[rows[0], "undl_id"] = "abc"
    rec, rep = read_undl(_write(df, tmp_path))
    # the record id comes from the row's undl_link; the note names the line and the value
    assert rep.rows_kept == rep.rows_read and len(rep.rejected) == 0
    assert rec["A/RES/ES-11/7"].rcid == 4076672 and rec["A/RES/ES-11/7"].vote_of("AFG") == "absent"
    assert any("undl_id" in n and "'abc'" in n and f"line {rows[0] + 2}" in n and "undl_link" in n for n in rep.notes)
    # without undl_link the row has no roll call: rejected, with the reason
    p = _write(df.drop(columns=["undl_link"]), tmp_path, "nolink.csv")
    rec, rep = read_undl(p)
    assert rep.rejected[["line", "reason"]].values.tolist() == [
        [rows[0] + 2, "undl_id 'abc' is not a UNDL record number (a whole number from 1)"]]
    # Afghanistan's row is gone, but the stated non-voting total confirms it absent
    assert _tally(rec, "A/RES/ES-11/7") == OFFICIAL["A/RES/ES-11/7"]


def test_wide_form_rejects_a_future_date_and_outvotes_a_shared_record(tmp_path, record):
    w = pd.read_csv(WIDE, dtype=str, keep_default_na=False)
    w.loc[0, "Date"] = "2099-01-01"  # A/RES/ES-11/7 (line 2)
    p = _write(w, tmp_path, "wide.csv")
    rec, rep = read_undl(p)
    assert "A/RES/ES-11/7" not in set(rec.roll_calls["symbol"])
    assert set(rep.rejected["line"]) == {2} and len(rep.rejected) == (w.iloc[0, 11:] != "").sum()
    assert set(rep.rejected["reason"]) == {f"date 2099-01-01 on line 2 is in the future (after "
                                           f"{pd.Timestamp.today():%Y-%m-%d})"}
    # the same record id on three rows: the two that agree give the date, the third is listed
    w = pd.read_csv(WIDE, dtype=str, keep_default_na=False)
    w = pd.concat([w, w.iloc[[0, 0]]], ignore_index=True)
    w.loc[len(w) - 1, "Date"] = "2025-02-25"
    rec, rep = read_undl(_write(w, tmp_path, "wide2.csv"))
    assert rec["A/RES/ES-11/7"].date == pd.Timestamp("2025-02-24")
    assert rep.inconsistent[["line", "column", "value", "taken", "agreeing", "of"]].values.tolist() == [
        [len(w) + 1, "Date", "2025-02-25", "2025-02-24", 2, 3]]
