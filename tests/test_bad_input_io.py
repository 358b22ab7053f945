"""Bad and hostile input files (issue 14, the readers): each case reproduced first, then answered.

The files are the real fixture rows of the embedded record (tests/fixtures/make_fixtures.py):
A/RES/ES-11/7 (2025-02-24) 93-18-65 with 17 not voting, A/RES/ES-11/8 93-8-73 with 19,
A/RES/ES-11/9 91-12-57 with 33 (DATA-NOTES.md section 7), rewritten the way a user's tools
rewrite them (a US-locale spreadsheet's dates, a European Excel's semicolons, a zip of the
.gz download, one line pasted from a Latin-1 file).
"""

from __future__ import annotations

import gzip
import zipfile

import pandas as pd
import pytest

from io_fixtures import OFFICIAL, V5, VOETEN, VOETEN_RDATA, _same_votes_as_record, _tally  # noqa: E402
from unvotes.io import files as _files
from unvotes.readers import (
    AmbiguousDateError,
    CorruptFileError,
    FileTooLargeError,
    UnknownSchemaError,
    read_undl,
    read_voeten,
)


def _v5() -> pd.DataFrame:
    return pd.read_csv(V5, dtype=str, keep_default_na=False)


# ----------------------------------------------------------------------------- dates


def _us_dates(tmp_path) -> tuple:
    df = _v5()
    df["date"] = pd.to_datetime(df["date"]).dt.strftime("%m/%d/%Y")
    p = tmp_path / "undl_us.csv"
    df.to_csv(p, index=False)
    return p, df


def test_month_first_dates_are_an_error_naming_both_readings(tmp_path):
    # old: read day-first where possible and month-first elsewhere: 6 of 14 roll calls moved
    # (2025-03-04 read as 3 April, 2025-06-12 as 6 December), 0 rejected, no note
    p, _ = _us_dates(tmp_path)
    with pytest.raises(AmbiguousDateError) as e:
        read_undl(p)
    msg = str(e.value)
    assert "'03/04/2025'" in msg and "2025-04-03 (day first) or 2025-03-04 (month first)" in msg
    assert "date_format='%m/%d/%Y'" in msg and "'02/24/2025'" in msg  # a value only month-first can read
    assert e.value.column == "date" and e.value.line is not None


def test_month_first_dates_read_with_their_format(tmp_path, record):
    p, _ = _us_dates(tmp_path)
    rec, rep = read_undl(p, date_format="%m/%d/%Y")
    _same_votes_as_record(rec, record)
    base, _ = read_undl(V5)
    pd.testing.assert_series_equal(rec.roll_calls.set_index("rcid")["date"], base.roll_calls.set_index("rcid")["date"])
    for symbol, tally in OFFICIAL.items():
        assert _tally(rec, symbol) == tally
    assert len(rep.rejected) == 0


def test_the_wrong_format_rejects_the_rows_it_cannot_read(tmp_path):
    p, df = _us_dates(tmp_path)
    rec, rep = read_undl(p, date_format="%d/%m/%Y")
    bad = df["date"].map(lambda s: int(s[3:5]) > 12)  # 02/24/2025: no 24th month
    assert len(rep.rejected) == bad.sum() > 0
    assert rep.rejected["reason"].str.contains("does not match date_format '%d/%m/%Y'").all()


def test_unambiguous_dates_still_read_without_a_format(tmp_path, record):
    df = _v5()
    df["date"] = pd.to_datetime(df["date"]).dt.strftime("%d %B %Y")  # "24 February 2025"
    p = tmp_path / "names.csv"
    df.to_csv(p, index=False)
    rec, rep = read_undl(p)
    _same_votes_as_record(rec, record)
    assert len(rep.rejected) == 0


def test_voeten_month_first_dates(tmp_path):
    raw = pd.read_csv(VOETEN, dtype=str, keep_default_na=False, encoding="latin-1")
    raw["date"] = pd.to_datetime(raw["date"]).dt.strftime("%m/%d/%Y")
    p = tmp_path / "UNVotes.csv"
    raw.to_csv(p, index=False, encoding="latin-1")
    with pytest.raises(AmbiguousDateError, match="date_format="):
        read_voeten(p)
    rec, _ = read_voeten(p, date_format="%m/%d/%Y")
    base, _ = read_voeten(VOETEN)
    pd.testing.assert_frame_equal(rec.votes, base.votes)


# ----------------------------------------------------------------------------- encodings, containers


def test_a_utf8_file_with_one_latin1_line_is_decoded_line_by_line(tmp_path, record):
    # old: the whole file was decoded as Latin-1: "Côte d’Ivoire" became mojibake and the
    # names-only rows of three states were rejected as unknown, with no word of the mixed encoding
    df = _v5().drop(columns=["ms_code"])
    text = df.to_csv(index=False).encode("utf-8").split(b"\n")
    i = next(k for k, line in enumerate(text) if "Türkiye".encode() in line)
    text[i] = text[i].decode("utf-8").encode("latin-1")
    p = tmp_path / "mixed.csv"
    p.write_bytes(b"\n".join(text))
    rec, rep = read_undl(p)
    assert len(rep.rejected) == 0
    _same_votes_as_record(rec, record)
    assert rep.encoding == "utf-8 (1 line latin-1)"
    assert any(f"line {i + 1} is not UTF-8 and was decoded as Latin-1" in n for n in rep.notes)


def test_a_semicolon_separated_file_is_read(tmp_path, record):
    # old: CorruptFileError "the CSV does not parse ... (a truncated download ...)"
    p = tmp_path / "excel.csv"
    _v5().to_csv(p, index=False, sep=";")
    rec, rep = read_undl(p)
    _same_votes_as_record(rec, record)
    assert "fields are separated by ';'" in " ".join(rep.notes)


def test_a_zip_holding_a_gzipped_csv_is_read(tmp_path, record):
    # old: CorruptFileError, the gzip bytes parsed as CSV text and called a truncated download
    p = tmp_path / "download.zip"
    with zipfile.ZipFile(p, "w") as zf:
        zf.write(V5, arcname="undl_v5_2025.csv.gz")
    rec, rep = read_undl(p)
    _same_votes_as_record(rec, record)
    assert rep.rows_read == len(_v5())


def test_read_undl_on_rdata_points_to_read_voeten():
    # old: CorruptFileError "the CSV does not parse"
    with pytest.raises(UnknownSchemaError, match=r"an R data file.*unvotes.read_voeten"):
        read_undl(VOETEN_RDATA)


def _gzip_bomb(path, mib: int) -> None:
    member = gzip.compress(bytes(1 << 20), compresslevel=9)  # 1 MiB of zeros in about 1 kB
    path.write_bytes(member * mib)  # concatenated gzip members: mib MiB when decompressed


def test_a_gzip_bomb_is_refused_with_the_limit(tmp_path, monkeypatch):
    # old: MemoryError from inside gzip
    monkeypatch.setattr(_files, "MAX_UNCOMPRESSED_BYTES", 16 << 20)
    p = tmp_path / "bomb.csv.gz"
    _gzip_bomb(p, 64)
    with pytest.raises(FileTooLargeError, match=r"more than 16,777,216 bytes .*MAX_UNCOMPRESSED_BYTES"):
        read_undl(p)
    z = tmp_path / "bomb.zip"
    with zipfile.ZipFile(z, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("votes.csv", bytes(64 << 20))
    with pytest.raises(FileTooLargeError, match="votes.csv"):
        read_undl(z)


def test_the_default_limit_is_far_above_a_real_release():
    # the UNDL v5 release (947,434 rows) is about 260 MB as text: 270 bytes a row in the fixture
    per_row = len(gzip.decompress(V5.read_bytes())) / len(_v5())
    assert _files.MAX_UNCOMPRESSED_BYTES > 5 * 947_434 * per_row


def test_a_truncated_gzip_is_still_called_truncated(tmp_path):
    raw = V5.read_bytes()
    p = tmp_path / "cut.csv.gz"
    p.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(CorruptFileError, match="truncated"):
        read_undl(p)


# ----------------------------------------------------------------------------- record ids


def test_a_negative_undl_id_is_quoted_as_written(tmp_path):
    df = _v5()
    df.loc[0, "undl_id"] = "-5"
    p = tmp_path / "neg.csv"
    df.drop(columns=["undl_link"]).to_csv(p, index=False)
    _, rep = read_undl(p)
    r = rep.rejected.iloc[0]
    assert r["reason"] == "undl_id '-5' is not a UNDL record number (a whole number from 1)"
    assert pd.isna(r["rcid"])  # no record id: NA, not a made-up -1
    df.to_csv(p, index=False)  # with the link, the roll call comes from it, and a note says so
    _, rep = read_undl(p)
    assert rep.notes == ("undl_id is not a UNDL record number on 1 row(s), e.g. line 2 '-5'; their roll call "
                         "was taken from undl_link",)


def test_every_undl_id_unusable_is_noted_not_silent(tmp_path):
    # old: no note at all when no row had a usable undl_id but every row had a link
    df = _v5()
    df["undl_id"] = "-5"
    p = tmp_path / "neg.csv"
    df.to_csv(p, index=False)
    rec, rep = read_undl(p)
    assert rep.notes == (f"undl_id is not a UNDL record number on {len(df):,} row(s), e.g. line 2 '-5'; "
                         "their roll call was taken from undl_link",)
    assert 4076672 in set(rec.roll_calls["rcid"])
