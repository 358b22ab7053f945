"""ReadReport: every row accounted for; the summary and the frames' columns.

Moved from tests/test_readers.py with their assertions unchanged; the external values are listed
in tests/io_fixtures.py.
"""

from __future__ import annotations

from unvotes.readers import (
    read_undl,
)
from io_fixtures import V5  # noqa: E402


def test_report_summary_accounts_for_rows():
    _, rep = read_undl(V5)
    s = rep.summary()
    assert f"rows read          {rep.rows_read:>10,}" in s
    assert "undl-long-v5" in repr(rep)
    assert str(rep.rejected["row"].dtype) == "Int64" and list(rep.rejected.columns) == [
        "row", "line", "rcid", "state", "iso3", "vote", "reason"]


def test_consistent_files_report_nothing_new():
    _, rep = read_undl(V5)
    assert len(rep.inconsistent) == 0 and rep.notes == ()
    assert list(rep.inconsistent.columns) == ["row", "line", "rcid", "column", "value", "taken", "agreeing", "of"]
