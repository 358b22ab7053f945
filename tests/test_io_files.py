"""Shared file handling of the readers (unvotes.io._files): containers, line ends, empty, truncated and HTML files, bad arguments.

Moved from tests/test_readers.py with their assertions unchanged; the external values are listed
in tests/io_fixtures.py.
"""

from __future__ import annotations

import gzip
import zipfile

import pandas as pd
import pytest

from unvotes.readers import (
    CorruptFileError,
    EmptyFileError,
    HTMLFileError,
    ReadError,
    read_undl,
    read_voeten,
)
from io_fixtures import V5, WIDE, _same_votes_as_record  # noqa: E402


def test_plain_csv_and_zip_and_windows_line_ends(tmp_path, record):
    text = gzip.decompress(V5.read_bytes())
    plain = tmp_path / "undl.csv"
    plain.write_bytes(text.replace(b"\n", b"\r\n"))
    rec, rep = read_undl(plain)
    _same_votes_as_record(rec, record)
    z = tmp_path / "undl.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("undl_ga_voting.csv", text)
    rec2, rep2 = read_undl(z)
    assert rep2.rows_kept == rep.rows_kept
    pd.testing.assert_frame_equal(rec2.votes, rec.votes)


def test_empty_files(tmp_path):
    p = tmp_path / "e.csv"
    p.write_bytes(b"")
    with pytest.raises(EmptyFileError, match=r"e\.csv: the file is empty \(0 bytes\)"):
        read_undl(p)
    header_only = tmp_path / "h.csv"
    header_only.write_text("undl_id,ms_code,ms_name,ms_vote,date,resolution\n")
    with pytest.raises(EmptyFileError, match="header line .* but no data rows") as e:
        read_undl(header_only)
    assert e.value.line == 2


def test_truncated_gzip_and_zip(tmp_path):
    data = V5.read_bytes()
    p = tmp_path / "t.csv.gz"
    p.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptFileError, match=r"t\.csv\.gz: the gzip stream is truncated"):
        read_undl(p)
    z = tmp_path / "t.zip"
    zdata = WIDE.read_bytes()
    z.write_bytes(zdata[: len(zdata) // 2])
    with pytest.raises(CorruptFileError, match=r"t\.zip: damaged or truncated zip"):
        read_undl(z)


def test_html_page_saved_as_csv(tmp_path):
    p = tmp_path / "undl_ga_voting.csv"
    p.write_text(
        "<!DOCTYPE html>\n<html><head><title>Request Rejected</title></head>"
        "<body>The requested URL was rejected.</body></html>\n"
    )
    with pytest.raises(HTMLFileError, match=r"undl_ga_voting\.csv: this is an HTML page \(title 'Request Rejected'\)"):
        read_undl(p)
    with pytest.raises(HTMLFileError):
        read_voeten(p)


def test_bad_arguments(tmp_path):
    with pytest.raises(TypeError, match="got a DataFrame"):
        read_undl(pd.DataFrame())
    with pytest.raises(ValueError, match="`unknown_codes` must be one of 'raise', 'reject'; got 'skip'"):
        read_undl(V5, unknown_codes="skip")
    with pytest.raises(ValueError, match="`fill_absent`"):
        read_undl(V5, fill_absent=True)
    with pytest.raises(FileNotFoundError, match="no such file"):
        read_undl(tmp_path / "nope.csv")
    assert issubclass(ReadError, ValueError)
