"""The read report: what a reader did with every row of a file (:class:`ReadReport`)."""

from __future__ import annotations

import dataclasses

import pandas as pd


__all__ = ["ReadReport"]


_REJECT_COLUMNS = ["row", "line", "rcid", "state", "iso3", "vote", "reason"]


_INCONSISTENT_COLUMNS = ["row", "line", "rcid", "column", "value", "taken", "agreeing", "of"]


def _empty_inconsistent() -> pd.DataFrame:
    df = pd.DataFrame({c: pd.Series(dtype=object) for c in _INCONSISTENT_COLUMNS})
    for c in ("row", "line", "rcid", "agreeing", "of"):
        df[c] = df[c].astype("Int64")
    return df


@dataclasses.dataclass(frozen=True)
class ReadReport:
    """What a reader did with every row of a file.

    ``rows_read == rows_kept + len(rejected) + duplicates_merged + non_member_rows``
    always holds, so no row goes unaccounted for. In the wide form a "row" is
    a non-empty Member cell.

    Attributes
    ----------
    path : str
        The file read.
    schema : str
        ``"undl-long-v5"``, ``"undl-long-v1"``, ``"undl-wide"``, ``"voeten-csv"``
        or ``"voeten-rdata"``.
    encoding : str
        The text encoding used (``"utf-8"``, ``"latin-1"``, ...).
    rows_read : int
        Vote rows in the file.
    rows_kept : int
        Vote rows that became rows of ``record.votes``.
    rejected : pandas.DataFrame
        One row per rejected vote row, columns ``row`` (1-based data row),
        ``line`` (file line, header = 1, counted as ``row + 1``, so exact unless
        a quoted field spans lines; NA where the file has no lines),
        ``rcid``, ``state`` and ``vote`` (as written in the file), ``iso3`` (the
        state resolved, or None) and ``reason``.
    duplicates_merged : int
        Rows that repeated a (roll call, state) pair with the same vote.
    non_member_rows : int
        Rows coded "not a Member" (Voeten 9); the record keeps no row for them.
    absent_filled : int
        Rows added as ``absent`` for Members without a row (see ``fill_absent``).
    roll_calls : int
        Roll calls in the returned record.
    incomplete : pandas.DataFrame
        Roll calls where Members on the date have no row and were not filled:
        columns ``rcid``, ``symbol``, ``date``, ``missing`` (space-separated
        ISO3 codes), ``reason``.
    tally_mismatches : pandas.DataFrame
        Roll calls whose kept yes/no/abstain counts differ from the totals the
        release states: ``rcid``, ``symbol``, ``vote``, ``stated``, ``counted``.
    notes : tuple of str
        Other things worth knowing (a dropped second header row, rcids numbered
        in file order, totals or record ids that are not whole numbers, ...).
    inconsistent : pandas.DataFrame
        Rows whose roll-call field (date, resolution, title, totals, ...)
        disagrees with the value held by most rows of the same roll call; the
        roll call takes the majority's value and the row's vote is kept.
        Columns ``row``, ``line``, ``rcid``, ``column`` (the file's column),
        ``value`` (as written on the row), ``taken`` (the majority's value),
        ``agreeing`` (rows holding it) and ``of`` (rows of the roll call). A
        roll call where no value is held by more than half its rows has all its
        rows rejected instead.
    """

    path: str
    schema: str
    encoding: str
    rows_read: int
    rows_kept: int
    rejected: pd.DataFrame
    duplicates_merged: int
    non_member_rows: int
    absent_filled: int
    roll_calls: int
    incomplete: pd.DataFrame
    tally_mismatches: pd.DataFrame
    notes: tuple = ()
    # filled by the readers (not a constructor argument, so the signature stays that of earlier releases)
    inconsistent: pd.DataFrame = dataclasses.field(default_factory=lambda: _empty_inconsistent(), init=False)

    def reasons(self) -> pd.Series:
        """Count the rejected rows by reason (a Series, most frequent first)."""
        return self.rejected["reason"].value_counts()

    def summary(self) -> str:
        """A few lines that account for every row."""
        lines = [
            f"{self.path} ({self.schema}, {self.encoding})",
            f"  rows read          {self.rows_read:>10,}",
            f"  rows kept          {self.rows_kept:>10,}",
            f"  rejected           {len(self.rejected):>10,}",
            f"  duplicates merged  {self.duplicates_merged:>10,}",
            f"  non-member rows    {self.non_member_rows:>10,}",
            f"  absent filled      {self.absent_filled:>10,}",
            f"  roll calls         {self.roll_calls:>10,}",
            f"  incomplete         {len(self.incomplete):>10,}",
            f"  tally mismatches   {len(self.tally_mismatches):>10,}",
        ]
        if len(self.rejected):
            for reason, n in self.reasons().head(5).items():
                lines.append(f"    {n:>8,} x {reason}")
        if len(self.inconsistent):
            lines.append(f"  inconsistent       {len(self.inconsistent):>10,} rows (roll-call field outvoted)")
            for r in self.inconsistent.head(5).itertuples():
                lines.append(f"    line {r.line}: {r.column} {r.value!r}, roll call {r.rcid} has {r.taken!r} "
                             f"({r.agreeing} of {r.of} rows)")
        lines.extend(f"  note: {n}" for n in self.notes)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from ..record._html import html_block

        return html_block(repr(self), pre=self.summary())

    def __repr__(self) -> str:
        return (
            f"ReadReport({self.schema}: {self.rows_read:,} read, {self.rows_kept:,} kept, "
            f"{len(self.rejected):,} rejected, {self.duplicates_merged:,} duplicates merged, "
            f"{self.non_member_rows:,} non-member, {self.absent_filled:,} absent filled, "
            f"{self.roll_calls:,} roll calls)"
        )
