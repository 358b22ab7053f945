"""Read the official and academic releases of the GA voting record.

Two public readers turn a file the user downloaded into a
:class:`~unvotes.VotingRecord` keyed by ISO 3166-1 alpha-3 codes, like the
embedded record, and return with it a :class:`ReadReport` that accounts for
every row of the file (nothing is dropped silently):

* :func:`read_undl`: the UN Dag Hammarskjöld Library's "General Assembly
  Voting Data" (UNDL), in its long form (one row per Member and roll call;
  schema v1 ``ms_codes/ms_names/ms_votes`` with ``NV`` and ``modality``, and
  schema v5 ``ms_code/ms_name/ms_vote`` with ``X``) and in its resolution-level
  wide form (one row per resolution, one column per Member);
* :func:`read_voeten`: Erik Voeten's Dataverse release (``UNVotes.csv``, or its
  ``.RData`` through the optional ``rdata`` package), with codes 1 yes,
  2 abstain, 3 no, 8 absent, 9 non-member.

Files may be plain, gzip (``.gz``) or zip (``.zip``, one CSV inside), UTF-8
(with or without a byte-order mark) or Latin-1, with Unix or Windows line ends.
The format is recognised from the file's bytes and header, not its name.

Rules
-----
State identity
    UNDL ``ms_code`` is matched as an ISO 3166-1 alpha-3 code against the
    membership spells of ``reference-tables/members.csv``, on the date of the
    vote: a seat held under a continuing code before the successor's own spell
    (``RUS`` before 1991-12-24, ``CHN`` before 1971-10-25, ``SRB`` before
    2006-06-03, ``YEM`` before 1990-05-22) is given to the state that held it
    then (``SUN``, ``TWN``, ``SCG``, ``YAR``). A code that does not resolve is
    tried as a name, then ``ms_name`` through ``unvotes.record._names`` (normalised
    names and the dated alias table). Voeten's COW ``ccode`` is matched through
    the dated ``cow_code_periods`` of the same table (260 -> DEU to 1990-10-02,
    365 -> SUN / RUS), and its ``Country`` column is used when ``ccode`` is
    empty. A state that cannot be resolved, or that held no seat on the date,
    is a rejected row with that reason.
Vote codes
    UNDL ``Y``/``N``/``A`` -> yes/no/abstain, ``X`` (v5) and ``NV`` (v1) ->
    absent; the wide form also accepts ``YES``/``NO``/``ABSTAIN``. Voeten 1 yes,
    2 abstain, 3 no, 8 absent; code 9 (not a Member) rows are counted in the
    report but, as in the embedded record, non-members have no row. Any other
    code raises :class:`UnknownVoteCodeError`, or with
    ``unknown_codes="reject"`` becomes a rejected row.
Duplicates
    Rows repeating a (roll call, state) pair with the same vote are merged and
    counted; with different votes all of them are rejected, and the state has
    no row on that roll call.
Dates
    A row dated before 1945-10-24 (the UN Charter in force) or after today is
    a rejected row whose reason names the line and the value, as is a row
    whose date does not parse.
Roll-call fields
    The fields of a roll call (date, resolution, title, the totals, ...) are
    written on each of its rows. Where its rows disagree, the roll call takes
    the value held by more than half of them (dates compared as dates, text
    with surrounding spaces stripped), keeps every row's vote, and lists each
    row that disagrees in ``report.inconsistent``. Where no value is held by
    more than half the rows, every row of the roll call is rejected with that
    reason. Each row's state is read on its roll call's date.
Record ids and totals
    A UNDL row's roll call is its ``undl_id``, or the record number in its
    ``undl_link`` where ``undl_id`` is not a whole number (noted); a row with
    neither is rejected. Totals that are not whole numbers are noted, and a
    roll call whose rows mostly hold one has that total NA.
Absent Members without a row (``fill_absent="verified"``, the default)
    A Member on the date (membership spells of members.csv) with no row on a
    roll call is added as ``absent`` only when the release is complete for that
    roll call: the release's own non-voting total equals the number of its
    ``X``/``NV`` rows plus the Members without a row. Otherwise the Members are
    left without a row (``matrix()`` then shows them as 9) and the roll call is
    listed in ``report.incomplete``. ``fill_absent="all"`` adds them anyway,
    ``"none"`` never.
"""

from __future__ import annotations

import dataclasses
import gzip
import io
import os
import re
import zipfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..errors import UnvotesError

if TYPE_CHECKING:
    from ..record.core import VotingRecord

__all__ = [
    "read_undl",
    "read_voeten",
    "ReadReport",
    "ReadError",
    "MissingColumnsError",
    "UnknownSchemaError",
    "UnknownVoteCodeError",
    "EmptyFileError",
    "CorruptFileError",
    "HTMLFileError",
]


# --------------------------------------------------------------------------------------
# Exceptions
# --------------------------------------------------------------------------------------


class ReadError(UnvotesError, ValueError):
    """A file that cannot be read as a voting release.

    Attributes ``path``, ``line`` (1-based file line, header = 1, or None) and
    ``column`` (or None) locate the problem; the message says what was expected.
    """

    def __init__(self, message: str, *, path=None, line=None, column=None):
        super().__init__(message)
        self.path = None if path is None else str(path)
        self.line = line
        self.column = column


class MissingColumnsError(ReadError):
    """A recognised release whose header lacks a required column."""


class UnknownSchemaError(ReadError):
    """A table whose header matches no release schema unvotes knows."""


class UnknownVoteCodeError(ReadError):
    """A vote code outside the release's vocabulary."""


class EmptyFileError(ReadError):
    """A file with no bytes, or a header and no data rows."""


class CorruptFileError(ReadError):
    """A truncated or damaged gzip or zip file, or a CSV that does not parse."""


class HTMLFileError(ReadError):
    """An HTML page (an error or login page) saved under a data file's name."""


# --------------------------------------------------------------------------------------
# The read report
# --------------------------------------------------------------------------------------

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


# --------------------------------------------------------------------------------------
# Bytes -> table
# --------------------------------------------------------------------------------------

_GZIP_MAGIC = b"\x1f\x8b"
_ZIP_MAGIC = b"PK\x03\x04"
_UTF8_BOM = b"\xef\xbb\xbf"


def _check_path(path) -> Path:
    if isinstance(path, (pd.DataFrame, pd.Series)):
        raise TypeError(
            "`path` must be the path of a downloaded file (str or pathlib.Path), got a "
            f"{type(path).__name__}; write it to a file first or pass the file's path"
        )
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"`path` must be a file path (str or pathlib.Path), got {path!r}")
    p = Path(path).expanduser()
    if not p.exists():
        raise FileNotFoundError(f"no such file: {str(p)!r}")
    if p.is_dir():
        raise IsADirectoryError(f"{str(p)!r} is a folder; pass the path of the release file inside it")
    return p


def _read_bytes(path: Path) -> tuple[bytes, str]:
    """Return the (decompressed) bytes of `path` and a label of its container."""
    raw = path.read_bytes()
    if raw.startswith(_GZIP_MAGIC):
        try:
            data = gzip.decompress(raw)
        except EOFError as exc:
            raise CorruptFileError(
                f"{path}: the gzip stream is truncated ({len(raw):,} compressed bytes end before the "
                "end-of-stream marker); the download was probably interrupted: download the file again",
                path=path,
            ) from exc
        except (OSError, zlib.error) as exc:
            raise CorruptFileError(
                f"{path}: damaged gzip data ({exc}); expected a complete .gz file: download it again",
                path=path,
            ) from exc
        return data, "gzip"
    if raw.startswith(_ZIP_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as zf:
                names = [n for n in zf.namelist() if not n.endswith("/") and not n.startswith("__MACOSX")]
                csvs = [n for n in names if n.lower().endswith((".csv", ".txt"))] or names
                if len(csvs) != 1:
                    raise ReadError(
                        f"{path}: the zip archive holds {len(csvs)} candidate files {csvs!r}; "
                        "expected exactly one CSV: extract the one you want and pass its path",
                        path=path,
                    )
                data = zf.read(csvs[0])
        except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
            raise CorruptFileError(
                f"{path}: damaged or truncated zip archive ({exc}); expected a complete .zip with one "
                "CSV inside: download it again",
                path=path,
            ) from exc
        return data, f"zip:{csvs[0]}"
    return raw, "plain"


def _check_not_empty_or_html(data: bytes, path: Path) -> None:
    # look at the start only: a large file is not copied
    stripped = data[:65536].lstrip(_UTF8_BOM).strip() if len(data) > 65536 else data.lstrip(_UTF8_BOM).strip()
    if not stripped:
        raise EmptyFileError(
            f"{path}: the file is empty ({len(data)} bytes); expected a CSV with a header line and "
            "data rows: download it again",
            path=path,
            line=1,
        )
    head = stripped[:4096].lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in head or b"<body" in head:
        m = re.search(rb"<title[^>]*>(.*?)</title>", stripped[:65536], re.I | re.S)
        title = m.group(1).decode("utf-8", "replace").strip() if m else ""
        raise HTMLFileError(
            f"{path}: this is an HTML page"
            + (f" (title {title!r})" if title else "")
            + ", not a CSV data file; the download probably returned an error or login page. "
            "Download the release again (in a browser for the UN Digital Library) and check that the "
            "saved file starts with a CSV header line",
            path=path,
            line=1,
        )


def _decode_table(data: bytes, path: Path) -> tuple[pd.DataFrame, str]:
    """Parse CSV bytes into a DataFrame of strings, trying UTF-8 then Latin-1."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = data.decode("utf-16").encode("utf-8")
        encodings = ["utf-16"]
    else:
        encodings = []
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
        bom = True
    else:
        bom = False
    nl = data.find(b"\n", 0, 1 << 20)
    first_line = data[: nl if nl >= 0 else 1 << 20]
    sep = "\t" if first_line.count(b"\t") > first_line.count(b",") else ","
    last_exc = None
    for enc in ("utf-8", "latin-1"):
        try:
            df = pd.read_csv(
                io.BytesIO(data),
                sep=sep,
                # categorical parsing hashes repeated values without making a
                # Python string per cell: about 1.5x faster on a UNDL file
                dtype="category",
                keep_default_na=False,
                na_filter=False,
                encoding=enc,
                skipinitialspace=False,
            )
        except UnicodeDecodeError as exc:
            last_exc = exc
            continue
        except pd.errors.EmptyDataError as exc:
            raise EmptyFileError(
                f"{path}: no header line found; expected a CSV with a header line and data rows",
                path=path,
                line=1,
            ) from exc
        except pd.errors.ParserError as exc:
            m = re.search(r"line (\d+)", str(exc))
            raise CorruptFileError(
                f"{path}: the CSV does not parse ({exc}); expected one header line and rows with the "
                "same number of fields (a truncated download ends in a broken row: download it again)",
                path=path,
                line=int(m.group(1)) if m else None,
            ) from exc
        label = "+".join(encodings + [enc + ("-sig" if bom else "")])
        raw_cols = [str(c).replace("\ufeff", "") for c in df.columns]
        stripped = [c.strip() for c in raw_cols]
        # strip spaces around names unless that makes two columns share a name
        # (the UN_DATA scrape has both ' ALGERIA' and 'ALGERIA')
        counts = pd.Series(stripped).value_counts()
        df.columns = [s if counts[s] == 1 else r for s, r in zip(stripped, raw_cols)]
        if len(df) == 0:
            raise EmptyFileError(
                f"{path}: the file has a header line ({', '.join(map(str, df.columns[:6]))}, ...) but no "
                "data rows; expected at least one vote row",
                path=path,
                line=2,
            )
        return df, label
    raise CorruptFileError(f"{path}: cannot decode the text ({last_exc})", path=path)  # pragma: no cover


def _load_table(path) -> tuple[Path, pd.DataFrame, str, str]:
    p = _check_path(path)
    data, container = _read_bytes(p)
    _check_not_empty_or_html(data, p)
    df, enc = _decode_table(data, p)
    return p, df, enc, container


def _colmap(df: pd.DataFrame) -> dict[str, str]:
    """Lower-cased, stripped column name -> actual column name (first wins)."""
    out: dict[str, str] = {}
    for c in df.columns:
        out.setdefault(str(c).strip().lower(), c)
    return out


# --------------------------------------------------------------------------------------
# States: codes and names -> ISO3 on a date
# --------------------------------------------------------------------------------------

_FAR_PAST = pd.Timestamp("1900-01-01")
_FAR_FUTURE = pd.Timestamp("2262-01-01")


def _to_ts(s: pd.Series, default: pd.Timestamp) -> pd.Series:
    out = pd.to_datetime(s.astype(object).where(s.astype(str).str.strip() != "", None), errors="coerce")
    return out.fillna(default).astype("datetime64[ns]")


_STATE_CACHE: dict = {}


def _state_tables() -> dict:
    """Dated lookup tables built from the compiled states and alias tables (cached)."""
    if _STATE_CACHE:
        return _STATE_CACHE
    from ..record import _names, _resources

    st = _resources.read_table("states").copy()
    st["iso3"] = st["iso3"].astype(str).str.strip().str.upper()
    st["seat_from_ts"] = _to_ts(st["seat_from"], _FAR_PAST)
    st["admitted_ts"] = _to_ts(st["admitted"], _FAR_PAST)
    st["left_ts"] = _to_ts(st["left"], _FAR_FUTURE)

    # ISO3 code -> the state holding the seat under that code on the date.
    code_rows = [st[["iso3"]].assign(key=st["iso3"], start=st["seat_from_ts"], end=st["left_ts"])]
    by_iso = st.set_index("iso3")
    for _, row in st.iterrows():
        preds = [p.strip() for p in str(row.get("predecessor_iso3", "") or "").split(";") if p.strip()]
        for p in preds:
            if p in by_iso.index and by_iso.at[p, "admitted_ts"] == row["admitted_ts"]:
                # a continuing seat: the successor's code used before its own spell
                code_rows.append(
                    pd.DataFrame(
                        {
                            "iso3": [p],
                            "key": [row["iso3"]],
                            "start": [by_iso.at[p, "seat_from_ts"]],
                            "end": [row["seat_from_ts"]],
                        }
                    )
                )
    codes = pd.concat(code_rows, ignore_index=True)[["key", "iso3", "start", "end"]]

    # COW code -> ISO3 (dated cow_code_periods, e.g. "260:1973-09-18/1990-10-03;255:1990-10-03/").
    cow_rows = []
    for _, row in st.iterrows():
        for part in str(row.get("cow_code_periods", "") or "").split(";"):
            part = part.strip()
            if not part:
                continue
            code, _, span = part.partition(":")
            start, _, end = span.partition("/")
            cow_rows.append(
                {
                    "key": str(int(float(code))),
                    "iso3": row["iso3"],
                    "start": pd.Timestamp(start) if start else _FAR_PAST,
                    "end": pd.Timestamp(end) if end else _FAR_FUTURE,
                }
            )
    cows = pd.DataFrame(cow_rows)

    # Names: the alias table (dated) plus the UN names of the spells.
    al = _resources.read_table("state_aliases").copy()
    names = pd.DataFrame(
        {
            "key": al["name"].map(_names.normalize_name),
            "iso3": al["iso3"].astype(str).str.strip().str.upper(),
            "start": _to_ts(al.get("valid_from", pd.Series([""] * len(al))), _FAR_PAST),
            "end": _to_ts(al.get("valid_to", pd.Series([""] * len(al))), _FAR_FUTURE),
        }
    )
    un_names = pd.DataFrame(
        {
            "key": st["un_name"].map(_names.normalize_name),
            "iso3": st["iso3"],
            "start": st["seat_from_ts"],
            "end": st["left_ts"],
        }
    )
    names = pd.concat([names, un_names], ignore_index=True).drop_duplicates()
    _STATE_CACHE.update(
        states_raw=_resources.read_table("states"),
        states=st,
        codes=codes,
        cows=cows,
        names=names,
        normalize=_names.normalize_name,
        spells=st[["iso3", "seat_from_ts", "left_ts"]].reset_index(drop=True),
    )
    return _STATE_CACHE


# A cast vote dated up to this many days outside its state's membership spell
# is kept when the code names one state only: Voeten dates some roll calls
# approximately (in R unvotes 0.3.0, 262 cast votes fall 1 to 42 days before
# the voter's admission, e.g. Israel on 1949-05-02 and 1949-05-07, admitted
# 1949-05-11).
_DATE_SLACK = np.timedelta64(62, "D")


def _dated_lookup(keys: pd.Series, dates: pd.Series, table: pd.DataFrame):
    """Map (key, date) to ISO3 with a table of (key, iso3, start, end).

    Returns ``(on_date, any_date, near)``, object Series aligned with `keys`
    (None where nothing matches): the state holding the key on the date; some
    state the key names at another date (for messages); and, where the key
    names a single state, that state if the date is within ``_DATE_SLACK`` of
    one of its spells.
    """
    n = len(keys)
    k = pd.Series(keys.to_numpy(dtype=object), dtype=object)
    codes, uniques = pd.factorize(k)
    tab = table[table["key"].isin(set(uniques))]
    on_date = np.full(n, None, dtype=object)
    any_date = np.full(n, None, dtype=object)
    near = np.full(n, None, dtype=object)
    if len(tab) == 0:
        return (pd.Series(on_date, index=keys.index), pd.Series(any_date, index=keys.index),
                pd.Series(near, index=keys.index))
    key_pos = pd.Index(uniques).get_indexer(tab["key"])
    single = tab.assign(_k=key_pos).groupby("_k")["iso3"].nunique()
    is_single = np.zeros(len(uniques), dtype=bool)
    is_single[single.index[single.to_numpy() == 1]] = True
    d = dates.to_numpy(dtype="datetime64[ns]")
    # each candidate is tried in turn; candidates of one key are few (1-3)
    tab = tab.assign(_k=key_pos).sort_values(["_k", "start"])
    for k_rank in range(int(tab.groupby("_k").size().max())):
        sub = tab.groupby("_k").nth(k_rank)
        pos = np.full(len(uniques), -1)
        pos[sub["_k"].to_numpy()] = np.arange(len(sub))
        row_pos = np.where(codes >= 0, pos[np.maximum(codes, 0)], -1)
        has = row_pos >= 0
        rp = row_pos[has]
        iso = sub["iso3"].to_numpy(dtype=object)[rp]
        start = sub["start"].to_numpy(dtype="datetime64[ns]")[rp]
        end = sub["end"].to_numpy(dtype="datetime64[ns]")[rp]
        dh = d[has]
        ok = (dh >= start) & (dh < end)
        idx = np.flatnonzero(has)
        free = pd.isna(on_date[idx])
        on_date[idx[ok & free]] = iso[ok & free]
        fill_any = pd.isna(any_date[idx])
        any_date[idx[fill_any]] = iso[fill_any]
        close = (dh >= start - _DATE_SLACK) & (dh < end + _DATE_SLACK) & is_single[codes[idx]]
        near[idx[close]] = iso[close]
    return (pd.Series(on_date, index=keys.index), pd.Series(any_date, index=keys.index),
            pd.Series(near, index=keys.index))


def _members_on(dates: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Boolean matrix (len(dates), n_spells) of Members taking part, and the spells' ISO3 codes.

    A Member takes part on a date inside its spell ``[seat_from, left)`` and
    outside its ``absent_periods`` (Syria in the UAR 1958-1961, Indonesia
    1965-1966, South Africa 1974-1994), as in the embedded record.
    """
    t = _state_tables()
    sp = t["spells"]
    d = np.asarray(dates, dtype="datetime64[ns]")[:, None]
    held = (d >= sp["seat_from_ts"].to_numpy()[None, :]) & (d < sp["left_ts"].to_numpy()[None, :])
    pos = {iso: i for i, iso in enumerate(sp["iso3"])}
    for iso, periods in zip(t["states"]["iso3"], t["states"].get("absent_periods", [])):
        for span in str(periods or "").split(";"):
            start, _, end = span.strip().partition("/")
            if start:
                a = np.datetime64(pd.Timestamp(start), "ns")
                b = np.datetime64(pd.Timestamp(end), "ns") if end else np.datetime64(_FAR_FUTURE, "ns")
                held[:, pos[iso]] &= ~((d[:, 0] >= a) & (d[:, 0] < b))
    return held, sp["iso3"].to_numpy(dtype=object)


# --------------------------------------------------------------------------------------
# Roll-call metadata helpers
# --------------------------------------------------------------------------------------

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman(s: str) -> int | None:
    s = s.upper()
    if not s or any(ch not in _ROMAN for ch in s):
        return None
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = _ROMAN[a]
        total += -v if b in _ROMAN and _ROMAN[b] > v else v
    return total


def _third_tuesday_of_september(year: int) -> pd.Timestamp:
    first = pd.Timestamp(year=year, month=9, day=1)
    return first + pd.Timedelta(days=(1 - first.weekday()) % 7 + 14)


def _session_from_date(date: pd.Timestamp) -> int:
    """Regular session in progress on `date` (opening taken as the third Tuesday of September).

    Rule 1 of the GA Rules of Procedure (A/520/Rev.20) opens each regular
    session on the Tuesday of the third week of September; sessions 1 (1946)
    and 2 (1947) are special-cased by year.
    """
    if pd.isna(date):
        return -1
    y = int(date.year)
    if y <= 1946:
        return 1
    return y - 1945 if date >= _third_tuesday_of_september(y) else y - 1946


_SYM_REGULAR = re.compile(r"^A/(?:RES|DEC)/(\d+)/")
_SYM_SPECIAL = re.compile(r"^A/(?:RES|DEC)/((?:ES|S)-\d+)/")
_SYM_OLD = re.compile(r"^A/RES/\d+\s*\((?:(ES|S)-)?([IVXLC]+)\)")


def _normalize_symbol(s: str) -> str:
    s = re.sub(r"\s+", " ", str(s or "")).strip()
    if not s or s.upper() in {"MISSING_DATA", "NA", "N/A", "NAN"}:
        return ""
    m = re.match(r"^R/(\d+)/(.+)$", s)  # Voeten's R/<session>/<n>
    if m:
        return f"A/RES/{m.group(1)}/{m.group(2)}"
    return s


def _session_and_special(symbols: pd.Series, dates: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    sess = np.full(len(symbols), -1, dtype=np.int64)
    special = np.full(len(symbols), "", dtype=object)
    for i, (sym, date) in enumerate(zip(symbols, dates)):
        m = _SYM_SPECIAL.match(sym)
        if m:
            special[i] = m.group(1)
            sess[i] = _session_from_date(date)
            continue
        m = _SYM_REGULAR.match(sym)
        if m:
            sess[i] = int(m.group(1))
            continue
        m = _SYM_OLD.match(sym)
        if m:
            num = _roman(m.group(2))
            if m.group(1):
                special[i] = f"{m.group(1)}-{num}"
                sess[i] = _session_from_date(date)
            elif num:
                sess[i] = num
            continue
        sess[i] = _session_from_date(date)
    return sess, special


def _kind_from_symbol(symbols: pd.Series) -> np.ndarray:
    s = symbols.astype(str)
    return np.select(
        [s.str.startswith("A/RES/"), s.str.startswith("A/DEC/")], ["resolution", "decision"], "unknown"
    )


_ISO_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}")


def _parse_dates(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse date strings (on unique values); returns (datetime Series, bad-value mask).

    ISO dates (with or without a time) and "21 September 2020" forms are read;
    a bare year or year-month is rejected, not silently set to 1 January.
    """
    codes, uniques = pd.factorize(values)
    u = pd.Series(uniques, dtype=object).astype(str).str.replace("\u00a0", " ").str.strip()
    parsed = pd.Series(pd.NaT, index=u.index, dtype="datetime64[ns]")
    iso = u.str.match(_ISO_DATE)
    parsed[iso] = pd.to_datetime(u[iso].str.slice(0, 10), format="%Y-%m-%d", errors="coerce")
    other = ~iso & ~u.str.fullmatch(r"\d{4}(-\d{1,2})?") & (u != "")
    if other.any():
        parsed[other] = pd.to_datetime(u[other], format="mixed", errors="coerce", dayfirst=True)
    num = u.str.fullmatch(r"-?\d+(\.\d+)?") & ~u.str.fullmatch(r"\d{4}")
    if num.any():  # R Date as days since 1970-01-01
        parsed[num] = pd.Timestamp("1970-01-01") + pd.to_timedelta(u[num].astype(float), unit="D")
    out = pd.Series(parsed.to_numpy()[np.maximum(codes, 0)], index=values.index)
    out[codes < 0] = pd.NaT
    return out, out.isna()


# The UN Charter came into force on 24 October 1945: no roll call is older.
_UN_FOUNDED = pd.Timestamp("1945-10-24")


def _where(lines, rows) -> np.ndarray:
    """"line N" (or "data row N" where the file has no lines), one per row."""
    if lines is not None:
        return np.char.add("line ", np.asarray(lines).astype(str)).astype(object)
    return np.char.add("data row ", np.asarray(rows).astype(str)).astype(object)


def _date_out_of_range(dates: pd.Series, raw: pd.Series, lines, rows) -> tuple[np.ndarray, np.ndarray]:
    """Rows dated before 1945-10-24 or after today, and a reason naming line and value."""
    d = dates.to_numpy(dtype="datetime64[ns]")
    today = pd.Timestamp.today().normalize()
    early = d < np.datetime64(_UN_FOUNDED, "ns")
    late = d > np.datetime64(today, "ns")
    bad = early | late
    reason = np.full(len(d), None, dtype=object)
    if bad.any():
        val = _clean(pd.Series(raw.to_numpy()[bad], dtype=object)).to_numpy(dtype=object).astype(str)
        where = _where(None if lines is None else np.asarray(lines)[bad], np.asarray(rows)[bad]).astype(str)
        head = np.char.add(np.char.add(np.char.add("date ", val), " on "), where)
        tail = np.where(early[bad], " is before 1945-10-24 (the UN Charter in force)",
                        f" is in the future (after {today:%Y-%m-%d})")
        reason[bad] = np.char.add(head, tail).astype(object)
    return bad, reason


def _value_codes(s: pd.Series) -> np.ndarray:
    """Integer codes, equal where the stripped text is equal (computed on the unique values)."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        cats = pd.Series(s.cat.categories.astype(str)).str.strip()
        cc, _ = pd.factorize(cats)
        codes = s.cat.codes.to_numpy()
        return np.where(codes >= 0, cc[np.maximum(codes, 0)], -1)
    if pd.api.types.is_datetime64_any_dtype(s):
        return pd.factorize(s.to_numpy())[0]
    return pd.factorize(_clean(s))[0]


def _consensus(rcid: np.ndarray, fields: dict, row: np.ndarray, line) -> dict:
    """Roll-call fields by majority of the roll call's rows.

    `fields` maps a file column name to ``(codes, values)``: integer codes per
    row (equal codes = equal values) and the Series of values as written.
    Returns a dict: ``uniq`` (rcids in order of first appearance), ``group``
    (position of each row's rcid in ``uniq``), ``first`` (first row of each
    roll call), ``rep`` (column -> for each roll call, a row holding the value
    taken), ``inconsistent`` (the report's frame), ``no_majority`` (rows of roll
    calls where some column has no value held by more than half the rows) and
    ``reason`` (why, for those rows).
    """
    n = len(rcid)
    g, uniq = pd.factorize(rcid)
    k = len(uniq)
    size = np.bincount(g, minlength=k)
    first = np.flatnonzero(~pd.Series(g).duplicated().to_numpy())
    rep: dict = {}
    parts = []
    no_major = np.zeros(n, dtype=bool)
    reason = np.full(n, None, dtype=object)
    for name, (codes, values) in fields.items():
        r = first.copy()
        diff = codes != codes[first][g]
        if diff.any():
            bad_g = np.zeros(k, dtype=bool)
            bad_g[g[diff]] = True
            pos = np.flatnonzero(bad_g[g])
            t = pd.DataFrame({"g": g[pos], "c": codes[pos], "pos": pos})
            cnt = t.groupby(["g", "c"], sort=False)["pos"].agg(["size", "first"]).reset_index()
            cnt = cnt.sort_values(["g", "size"], ascending=[True, False], kind="stable")
            top = cnt.drop_duplicates("g")
            tg, tc, tn, tp = (top[c].to_numpy() for c in ("g", "c", "size", "first"))
            ok = tn * 2 > size[tg]
            maj = np.full(k, -1, dtype=np.int64)
            maj[tg[ok]] = tc[ok]
            r[tg[ok]] = tp[ok]
            agreeing = np.zeros(k, dtype=np.int64)
            agreeing[tg] = tn
            gp = g[pos]
            dpos = pos[(maj[gp] >= 0) & (codes[pos] != maj[gp])]
            if len(dpos):
                parts.append(pd.DataFrame({
                    "row": row[dpos],
                    "line": np.asarray(line)[dpos] if line is not None else np.full(len(dpos), np.nan),
                    "rcid": uniq[g[dpos]],
                    "column": name,
                    "value": _clean(values.iloc[dpos]).to_numpy(dtype=object),
                    "taken": _clean(values.iloc[r[g[dpos]]]).to_numpy(dtype=object),
                    "agreeing": agreeing[g[dpos]],
                    "of": size[g[dpos]],
                }))
            if (~ok).any():
                nm = cnt[np.isin(cnt["g"].to_numpy(), tg[~ok])]
                shown = _clean(values.iloc[nm["first"].to_numpy()]).to_numpy(dtype=object)
                desc = (pd.Series([str(v) + " on " + str(c) for v, c in zip(shown, nm["size"])])
                        .groupby(nm["g"].to_numpy()).agg(", ".join))
                why = np.full(k, None, dtype=object)
                for gi, d in desc.items():  # one per roll call without a majority
                    why[gi] = (f"no value of {name!r} is held by a majority of the roll call's {size[gi]} rows "
                               f"({d})")
                rows_nm = ~no_major & (why[g] != None)  # noqa: E711 - first reason wins
                reason[rows_nm] = why[g][rows_nm]
                no_major |= rows_nm
        rep[name] = r
    inc = pd.concat(parts, ignore_index=True) if parts else _empty_inconsistent()
    for c in ("row", "line", "rcid", "agreeing", "of"):
        inc[c] = pd.to_numeric(inc[c]).astype("Int64")
    inc = inc.sort_values(["row", "column"], kind="stable").reset_index(drop=True)
    return {"uniq": np.asarray(uniq), "group": g, "first": first, "rep": rep, "inconsistent": inc,
            "no_majority": no_major, "reason": reason}


def _whole_number_notes(df: pd.DataFrame, meta: dict, lines, rows, rcid, rc_rows: dict, notes: list) -> None:
    """Note the totals that are not whole numbers (such a roll-call total becomes NA)."""
    for role in ("tally_yes", "tally_no", "tally_abstain", "tally_absent", "total_ms"):
        if role not in meta:
            continue
        col = df[meta[role]]
        codes, uniques = pd.factorize(col)
        u = pd.Series(uniques, dtype=object).astype(str).str.strip()
        num = pd.to_numeric(u, errors="coerce")
        bad_u = ((u != "") & (num.isna() | (num != num.round()) | (num < 0))).to_numpy()
        if not bad_u.any():
            continue
        bad = np.zeros(len(col), dtype=bool)
        bad[codes >= 0] = bad_u[codes[codes >= 0]]
        i = np.flatnonzero(bad)
        where = _where(None if lines is None else np.asarray(lines)[i[:1]], np.asarray(rows)[i[:1]])[0]
        msg = (f"{meta[role]} is not a whole number on {len(i):,} row(s) of {len(np.unique(rcid[i])):,} "
               f"roll call(s), e.g. {where} {str(col.iloc[i[0]]).strip()!r}")
        if role in rc_rows:
            held = rc_rows[role]  # (rcids, rows of the value taken)
            na = bad[held[1]]
            if na.any():
                msg += (f"; the roll call's {role} is left NA where most rows hold such a value: "
                        + ", ".join(str(x) for x in held[0][na][:10]) + (" ..." if na.sum() > 10 else ""))
        notes.append(msg)


# --------------------------------------------------------------------------------------
# The common pipeline: long rows -> record + report
# --------------------------------------------------------------------------------------

_UNDL_CODES = {"Y": "yes", "N": "no", "A": "abstain", "X": "absent", "NV": "absent"}
_WIDE_CODES = {**_UNDL_CODES, "YES": "yes", "NO": "no", "ABSTAIN": "abstain", "NON-VOTING": "absent"}
_VOETEN_CODES = {"1": "yes", "2": "abstain", "3": "no", "8": "absent", "9": "non_member"}

_RC_BASE_COLUMNS = [
    "rcid",
    "session",
    "special_session",
    "date",
    "symbol",
    "unres",
    "title",
    "description",
    "agenda_title",
    "kind",
    "important",
    "me",
    "nu",
    "di",
    "hr",
    "co",
    "ec",
    "issue_source",
    "tally_yes",
    "tally_no",
    "tally_abstain",
    "tally_absent",
    "source",
    "source_id",
    "terms",
]
_ISSUES = ["me", "nu", "di", "hr", "co", "ec"]
_KINDS = ["resolution", "amendment", "paragraph", "decision", "procedural", "unknown"]


@dataclasses.dataclass
class _Long:
    """Vote rows in a common form, before validation."""

    row: np.ndarray  # 1-based data row in the file
    line: np.ndarray | None  # file line (header = 1) or None
    rcid: np.ndarray  # int64
    state_raw: pd.Series  # as written (code / name), for reports
    state_raw2: pd.Series | None  # a second part (the name next to a code), or None
    iso3: pd.Series  # resolved ISO3 or None
    state_reason: pd.Series  # reason when iso3 is None
    vote_raw: pd.Series
    date: pd.Series
    near: pd.Series  # the one state a code names, where the date is just outside its spell


def _state_text(lg: _Long, mask: np.ndarray) -> np.ndarray:
    a = lg.state_raw.to_numpy(dtype=object)[mask].astype(str)
    if lg.state_raw2 is None:
        return a.astype(object)
    b = lg.state_raw2.to_numpy(dtype=object)[mask].astype(str)
    return np.char.add(np.char.add(a, " "), b).astype(object)


class _Rejects:
    def __init__(self):
        self.parts: list[pd.DataFrame] = []

    def add(self, lg: _Long, mask: np.ndarray, reason, *, present: bool = True) -> None:
        """Reject the rows of `mask`; ``present=False`` for rows whose vote is
        not the state's (bad date, no roll call), so that the state still counts
        as without a row for the absent check."""
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        reasons = reason[mask] if isinstance(reason, (np.ndarray, pd.Series)) else reason
        self.parts.append(
            pd.DataFrame(
                {
                    "row": lg.row[mask],
                    "line": (lg.line[mask] if lg.line is not None else np.full(mask.sum(), np.nan)),
                    "rcid": lg.rcid[mask],
                    "state": _state_text(lg, mask),
                    "iso3": lg.iso3.to_numpy(dtype=object)[mask],
                    "vote": lg.vote_raw.to_numpy(dtype=object)[mask],
                    "reason": np.asarray(reasons, dtype=object) if not isinstance(reasons, str) else reasons,
                    "_present": present,
                }
            )
        )

    def present(self) -> pd.DataFrame:
        """Rejected rows that still show the state took part (rcid, iso3)."""
        if not self.parts:
            return pd.DataFrame({"rcid": pd.Series(dtype="int64"), "iso3": pd.Series(dtype=object)})
        df = pd.concat(self.parts, ignore_index=True)
        return df.loc[df["_present"].astype(bool) & df["iso3"].notna(), ["rcid", "iso3"]]

    def frame(self) -> pd.DataFrame:
        if not self.parts:
            df = pd.DataFrame({c: pd.Series(dtype=object) for c in _REJECT_COLUMNS})
        else:
            df = pd.concat(self.parts, ignore_index=True).drop(columns="_present")
        df["row"] = df["row"].astype("Int64")
        df["line"] = pd.to_numeric(df["line"]).astype("Int64")
        df["rcid"] = df["rcid"].astype("Int64")
        return df.sort_values(["row"], kind="stable").reset_index(drop=True)


def _build(
    lg: _Long,
    labels: pd.Series,
    rc: pd.DataFrame,
    *,
    path: Path,
    schema: str,
    encoding: str,
    vote_column: str,
    unknown_codes: str,
    fill_absent: str,
    rejects: _Rejects,
    notes: list,
    rows_read: int,
    source: str,
    inconsistent: pd.DataFrame | None = None,
):
    """Validate rows, merge duplicates, fill verified absences, build the record."""
    from ..record.core import VotingRecord

    n = len(labels)
    lab = labels.to_numpy(dtype=object)
    unknown = pd.isna(labels).to_numpy()
    if unknown.any():
        if unknown_codes == "raise":
            first = int(np.flatnonzero(unknown)[0])
            bad = lg.vote_raw[unknown].astype(str).value_counts()
            where = f"line {int(lg.line[first])}" if lg.line is not None else f"data row {int(lg.row[first])}"
            raise UnknownVoteCodeError(
                f"{path}: unknown vote code {str(lg.vote_raw.iloc[first])!r} in column {vote_column!r} "
                f"at {where} ({int(unknown.sum()):,} rows; values {dict(bad.head(5))}); expected one of "
                f"{_expected_codes(schema)}. Pass unknown_codes='reject' to keep the other rows and list "
                "these in report.rejected",
                path=path,
                line=int(lg.line[first]) if lg.line is not None else None,
                column=vote_column,
            )
        rejects.add(lg, unknown, "unknown vote code")

    # a cast vote dated just outside the spell of the one state its code names is kept
    near = pd.isna(lg.iso3).to_numpy() & pd.notna(lg.near).to_numpy() & np.isin(lab, ["yes", "no", "abstain"])
    if near.any():
        iso_fixed = lg.iso3.to_numpy(dtype=object).copy()
        iso_fixed[near] = lg.near.to_numpy(dtype=object)[near]
        lg.iso3 = pd.Series(iso_fixed, index=lg.iso3.index)
        ex = pd.DataFrame({"s": iso_fixed[near], "d": pd.Series(lg.date.to_numpy()[near])})
        ex = ex.drop_duplicates("s").head(5)
        notes.append(
            f"{int(near.sum()):,} cast vote(s) are dated up to {int(_DATE_SLACK / np.timedelta64(1, 'D'))} days "
            "outside the voter's membership spell in members.csv and were kept (the code names one state; "
            "the source's dates may be approximate), e.g. "
            + ", ".join(f"{r.s} on {pd.Timestamp(r.d):%Y-%m-%d}" for r in ex.itertuples())
        )

    # a row coded "not a Member" needs no seat (nor a resolvable code): counted, not kept
    non_member = (lab == "non_member") & ~unknown
    n_non_member = int(non_member.sum())

    no_state = pd.isna(lg.iso3).to_numpy() & ~unknown & ~non_member
    rejects.add(lg, no_state, lg.state_reason.to_numpy(dtype=object))

    good = ~unknown & ~no_state & ~non_member
    df = pd.DataFrame(
        {
            "i": np.flatnonzero(good),
            "rcid": lg.rcid[good],
            "state": lg.iso3.to_numpy(dtype=object)[good],
            "vote": lab[good],
        }
    )
    # duplicates: same vote -> merged; different votes -> all rejected
    dup_all = df.duplicated(["rcid", "state"], keep=False).to_numpy()
    n_merged = 0
    if dup_all.any():
        d = df[dup_all]
        nvotes = d.groupby(["rcid", "state"])["vote"].transform("nunique")
        conflict_idx = d.index[nvotes.to_numpy() > 1]
        if len(conflict_idx):
            cmask = np.zeros(n, dtype=bool)
            cmask[df.loc[conflict_idx, "i"].to_numpy()] = True
            detail = (
                d.loc[conflict_idx]
                .groupby(["rcid", "state"])["vote"]
                .transform(lambda v: " vs ".join(sorted(set(v))))
            )
            reason = np.full(n, None, dtype=object)
            reason[df.loc[conflict_idx, "i"].to_numpy()] = (
                "duplicate with a conflicting vote (" + detail.astype(str) + ")"
            ).to_numpy()
            rejects.add(lg, cmask, reason)
            df = df.drop(index=conflict_idx)
        before = len(df)
        df = df.drop_duplicates(["rcid", "state"], keep="first")
        n_merged = before - len(df)

    # roll calls that still have rows, plus those whose every row was rejected
    rc = rc.sort_values(["date", "rcid"], kind="stable").reset_index(drop=True)
    kept_rc = set(df["rcid"].unique())
    dropped_rc = rc[~rc["rcid"].isin(kept_rc)]
    if len(dropped_rc):
        notes.append(
            f"{len(dropped_rc)} roll call(s) had every row rejected and are not in the record: "
            + ", ".join(f"{r.rcid} {r.symbol}".strip() for r in dropped_rc.head(10).itertuples())
            + (" ..." if len(dropped_rc) > 10 else "")
        )
    rc = rc[rc["rcid"].isin(kept_rc)].reset_index(drop=True)

    # absent Members without a row
    filled, incomplete = _fill_absent(df, rc, lg, rejects, fill_absent)
    n_filled = len(filled)
    votes = pd.concat([df[["rcid", "state", "vote"]], filled], ignore_index=True)

    mismatches = _tally_mismatches(votes, rc)

    from ..record.codes import VOTE_DTYPE

    votes["vote"] = votes["vote"].astype(VOTE_DTYPE)
    votes["rcid"] = votes["rcid"].astype("int64")
    votes["state"] = votes["state"].astype(str)
    # the embedded record's conventions: votes sorted by (rcid, state); state categorical
    votes = votes.sort_values(["rcid", "state"], kind="stable").reset_index(drop=True)
    votes["state"] = pd.Categorical(votes["state"], categories=sorted(votes["state"].unique()))
    rc = _finish_roll_calls(rc)
    record = VotingRecord(rc, votes, _state_tables()["states_raw"], source=source)
    rej = rejects.frame()
    report = ReadReport(
        path=str(path),
        schema=schema,
        encoding=encoding,
        rows_read=int(rows_read),
        rows_kept=int(len(df)),
        rejected=rej,
        duplicates_merged=int(n_merged),
        non_member_rows=n_non_member,
        absent_filled=int(n_filled),
        roll_calls=int(len(rc)),
        incomplete=incomplete,
        tally_mismatches=mismatches,
        notes=tuple(notes),
    )
    if inconsistent is not None:
        object.__setattr__(report, "inconsistent", inconsistent)
    if report.rows_read != report.rows_kept + len(rej) + report.duplicates_merged + report.non_member_rows:
        raise UnvotesError(  # pragma: no cover - an internal invariant
            f"internal error: rows do not add up in {report!r}; please report this"
        )
    return record, report


def _expected_codes(schema: str) -> str:
    if schema.startswith("voeten"):
        return "1 (yes), 2 (abstain), 3 (no), 8 (absent), 9 (not a Member)"
    if schema == "undl-wide":
        return "Y, N, A, X (v5), NV (v1), YES, NO, ABSTAIN, or an empty cell"
    return "Y (yes), N (no), A (abstain), X (non-voting, v5) or NV (non-voting, v1)"


def _fill_absent(df, rc, lg, rejects, fill_absent):
    empty_inc = pd.DataFrame(
        {"rcid": pd.Series(dtype="int64"), "symbol": pd.Series(dtype=object),
         "date": pd.Series(dtype="datetime64[ns]"), "missing": pd.Series(dtype=object),
         "reason": pd.Series(dtype=object)}
    )
    empty_fill = pd.DataFrame({"rcid": pd.Series(dtype="int64"), "state": pd.Series(dtype=object),
                               "vote": pd.Series(dtype=object)})
    if len(rc) == 0:
        return empty_fill, empty_inc
    held, spell_iso = _members_on(rc["date"].to_numpy())
    rc_pos = pd.Series(np.arange(len(rc)), index=rc["rcid"].to_numpy())
    iso_pos = pd.Series(np.arange(len(spell_iso)), index=spell_iso)
    # a state counts as present if it has a kept row, or rows rejected for its vote
    present = np.zeros_like(held)
    pr = rc_pos.reindex(df["rcid"]).to_numpy()
    ps = iso_pos.reindex(df["state"]).to_numpy()
    ok = ~np.isnan(pr) & ~np.isnan(ps)
    present[pr[ok].astype(int), ps[ok].astype(int)] = True
    rj = rejects.present()
    if len(rj):
        # a Member whose row was rejected (bad code, conflicting duplicate) is not "missing";
        # one whose row was rejected for its date or record id is
        rpr = rc_pos.reindex(rj["rcid"].to_numpy(dtype="int64")).to_numpy()
        rps = iso_pos.reindex(rj["iso3"].astype(object)).to_numpy()
        ok = ~np.isnan(rpr) & ~np.isnan(rps)
        present[rpr[ok].astype(int), rps[ok].astype(int)] = True
    missing = held & ~present
    n_missing = missing.sum(axis=1)
    n_x = (
        df[df["vote"] == "absent"].groupby("rcid").size().reindex(rc["rcid"], fill_value=0).to_numpy()
    )
    stated = pd.to_numeric(rc["tally_absent"], errors="coerce").to_numpy(dtype=float)
    if fill_absent == "all":
        verified = np.ones(len(rc), dtype=bool)
    elif fill_absent == "none":
        verified = np.zeros(len(rc), dtype=bool)
    else:
        verified = ~np.isnan(stated) & (n_x + n_missing == stated)
    do_fill = verified & (n_missing > 0)
    r_idx, s_idx = np.nonzero(missing & do_fill[:, None])
    filled = pd.DataFrame(
        {"rcid": rc["rcid"].to_numpy()[r_idx], "state": spell_iso[s_idx], "vote": "absent"}
    )
    inc = (n_missing > 0) & ~do_fill
    if inc.any():
        rows = []
        rcids = rc["rcid"].to_numpy()
        syms = rc["symbol"].to_numpy(dtype=object)
        dts = rc["date"].to_numpy()
        for i in np.flatnonzero(inc):
            miss = " ".join(sorted(spell_iso[missing[i]]))
            if fill_absent == "none":
                why = "fill_absent='none'"
            elif np.isnan(stated[i]):
                why = "the release states no non-voting total to verify against"
            else:
                why = (
                    f"the release's non-voting total is {int(stated[i])} but it has {int(n_x[i])} "
                    f"non-voting rows and {int(n_missing[i])} Member(s) without a row"
                )
            rows.append((rcids[i], syms[i], dts[i], miss, why))
        inc_df = pd.DataFrame(rows, columns=["rcid", "symbol", "date", "missing", "reason"])
    else:
        inc_df = empty_inc
    return filled, inc_df


def _tally_mismatches(votes: pd.DataFrame, rc: pd.DataFrame) -> pd.DataFrame:
    counts = votes.groupby(["rcid", "vote"], observed=True).size().unstack(fill_value=0)
    idx = rc["rcid"].to_numpy()
    parts = []
    for v in ("yes", "no", "abstain"):
        stated = pd.to_numeric(rc[f"tally_{v}"], errors="coerce").to_numpy(dtype=float)
        counted = (counts[v] if v in counts.columns else pd.Series(0, index=counts.index)).reindex(idx, fill_value=0)
        counted = counted.to_numpy(dtype=float)
        bad = ~np.isnan(stated) & (stated != counted)
        parts.append(
            pd.DataFrame(
                {"rcid": idx[bad], "symbol": rc["symbol"].to_numpy()[bad], "vote": v,
                 "stated": stated[bad].astype("int64"), "counted": counted[bad].astype("int64")}
            )
        )
    out = pd.concat(parts, ignore_index=True).astype({"rcid": "int64"})
    return out.sort_values(["rcid", "vote"], kind="stable").reset_index(drop=True)


def _finish_roll_calls(rc: pd.DataFrame) -> pd.DataFrame:
    """Give the roll-call table the record's columns and dtypes; extras follow."""
    out = rc.copy()
    defaults = {
        "unres": "", "title": "", "description": "", "agenda_title": "", "issue_source": "",
        "source": "", "source_id": "", "terms": "", "special_session": "", "symbol": "",
    }
    for c, v in defaults.items():
        if c not in out:
            out[c] = v
        out[c] = out[c].fillna("").astype(str)
    if "kind" not in out:
        out["kind"] = "unknown"
    out["kind"] = pd.Categorical(out["kind"], categories=_KINDS)
    if "important" not in out:
        out["important"] = pd.NA
    out["important"] = out["important"].astype("boolean")
    for c in _ISSUES:
        if c not in out:
            out[c] = pd.NA
        out[c] = out[c].astype("boolean")
    for c in ("tally_yes", "tally_no", "tally_abstain", "tally_absent"):
        if c not in out:
            out[c] = pd.NA
        out[c] = pd.to_numeric(out[c], errors="coerce").astype("Int64")
    out["rcid"] = out["rcid"].astype("int64")
    out["session"] = out["session"].astype("int64")
    out["date"] = out["date"].astype("datetime64[ns]")
    extras = [c for c in out.columns if c not in _RC_BASE_COLUMNS]
    return out[_RC_BASE_COLUMNS + extras].reset_index(drop=True)


def _clean(s: pd.Series, upper: bool = False) -> pd.Series:
    """``s.astype(str).str.strip()`` (and ``.str.upper()``), computed on the unique values."""
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    u = pd.Series(uniques, dtype=object).astype(str).str.strip()
    if upper:
        u = u.str.upper()
    out = u.to_numpy(dtype=object)[np.maximum(codes, 0)]
    out[codes < 0] = ""
    return pd.Series(out, index=s.index, dtype=object)


def _to_number(s: pd.Series) -> pd.Series:
    """``pd.to_numeric(s, errors="coerce")`` computed on the unique values (float)."""
    codes, uniques = pd.factorize(s)
    u = pd.to_numeric(pd.Series(uniques, dtype=object).astype(str).str.strip(), errors="coerce")
    out = u.to_numpy(dtype=float)[np.maximum(codes, 0)]
    out[codes < 0] = np.nan
    return pd.Series(out, index=s.index)


def _int_count(s: pd.Series) -> pd.Series:
    """Whole, non-negative counts as Int64; anything else NA (the readers note such values)."""
    v = pd.to_numeric(s.astype(str).str.strip().replace("", None), errors="coerce")
    return v.where((v == v.round()) & (v >= 0)).astype("Int64")


# --------------------------------------------------------------------------------------
# UNDL
# --------------------------------------------------------------------------------------

# Column roles, by lower-cased header name.
_LONG_V5 = {"code": "ms_code", "name": "ms_name", "vote": "ms_vote"}
_LONG_V1 = {"code": "ms_codes", "name": "ms_names", "vote": "ms_votes"}
_UNDL_META = {
    # output column: candidate header names (lower case)
    "undl_id": ["undl_id", "token", "record_id"],
    "resolution": ["resolution", "symbol"],
    "date": ["date", "vote_date"],
    "title": ["title"],
    "draft": ["draft"],
    "committee_report": ["committee_report"],
    "meeting": ["meeting"],
    "agenda_title": ["agenda_title"],
    "subjects": ["subjects", "tags", "topic tags"],
    "vote_note": ["vote_note"],
    "modality": ["modality"],
    "undl_session": ["session"],
    "total_ms": ["total_ms", "total votes"],
    "undl_link": ["undl_link", "link", "un digital library link"],
    "council": ["council"],
    "tally_yes": ["total_yes", "yes count", "yes"],
    "tally_no": ["total_no", "no count", "no"],
    "tally_abstain": ["total_abstentions", "abstain count", "abstain"],
    "tally_absent": ["total_non_voting", "no-vote count", "no vote"],
}
# Other metadata headers of known wide scrapes (not state columns).
_WIDE_OTHER_META = {"scrape_year", "country", "subregion", "continent", "absent count"}


def _meta_columns(cm: dict[str, str], *, wide: bool) -> dict[str, str]:
    out = {}
    for role, cands in _UNDL_META.items():
        for c in cands:
            if c in cm:
                out[role] = cm[c]
                break
    if wide and "absent count" in cm and "abstain count" not in cm and "abstain" not in cm:
        # UN_DATA.csv scrape: its "ABSENT COUNT" is the abstention count (DATA-NOTES 3.1, problem 1)
        out["tally_abstain"] = cm["absent count"]
    return out


def read_undl(
    path: str | os.PathLike,
    *,
    unknown_codes: str = "raise",
    fill_absent: str = "verified",
) -> tuple[VotingRecord, ReadReport]:
    """Read a UN Digital Library "General Assembly Voting Data" file.

    Parameters
    ----------
    path : str or path-like
        The downloaded file: the long form (one row per Member and roll call;
        schema v5 with ``ms_code, ms_name, ms_vote`` and ``X``, or schema v1
        with ``ms_codes, ms_names, ms_votes``, ``NV`` and ``modality``), or a
        resolution-level wide form (one row per resolution, one column per
        Member named by ISO3 code or name, cells ``Y/N/A/X`` or
        ``YES/NO/ABSTAIN``, empty for no vote). Plain, ``.gz`` or ``.zip``.
    unknown_codes : {"raise", "reject"}, default "raise"
        What to do with a vote code outside the vocabulary: raise
        :class:`UnknownVoteCodeError`, or list the row in ``report.rejected``.
    fill_absent : {"verified", "all", "none"}, default "verified"
        Members on the date with no row: add them as ``absent`` only where the
        release's non-voting total confirms it (``"verified"``), always
        (``"all"``), or never (``"none"``). See the module notes.

    Returns
    -------
    record : VotingRecord
        ``record.roll_calls`` has the record's columns (``rcid`` = the UNDL
        record id ``undl_id``, ``source`` ``"undl"``, ``terms`` ``"UNDL-NC"``,
        ``tally_*`` the release's totals) plus the source's own fields as extra
        columns: ``undl_id``, ``resolution`` (as written), ``draft``,
        ``committee_report``, ``meeting``, ``subjects``, ``vote_note``,
        ``modality``, ``undl_session``, ``total_ms``, ``undl_link`` (those the
        file has). ``record.votes`` has ``rcid``, ``state`` (ISO3), ``vote``.
    report : ReadReport
        Rows read and kept, rejected rows with reasons (among them rows dated
        before 1945-10-24 or after today, and roll calls whose rows hold no
        majority value of a field), merged duplicates, absences filled,
        incomplete roll calls, tally mismatches, rows whose roll-call fields
        were outvoted by the roll call's other rows (``inconsistent``), and
        notes (totals or record ids that are not whole numbers).

    Raises
    ------
    FileNotFoundError
        If `path` does not exist.
    EmptyFileError
        If the file has no bytes, or a header and no rows.
    HTMLFileError
        If the file is an HTML page saved under a data file's name.
    CorruptFileError
        If a gzip or zip file is truncated or damaged, or the CSV does not parse.
    UnknownSchemaError
        If the header matches neither the long nor the wide form.
    MissingColumnsError
        If a long-form file lacks a required column (the vote, a state code or
        name, the date, and the record id or resolution symbol).
    UnknownVoteCodeError
        If a vote code is unknown and ``unknown_codes="raise"``.
    ValueError
        If `unknown_codes` or `fill_absent` is not one of the allowed values.

    References
    ----------
    UN Dag Hammarskjöld Library, "General Assembly Voting Data",
    https://digitallibrary.un.org/record/4060887 (version 5, 2026-02-06:
    resolution 1 of 11 Dec 1946 to 80/246 of 30 Dec 2025, 947,434 rows),
    (c) United Nations, non-commercial use with attribution. Field names and
    the v1 -> v5 changes: DATA-NOTES.md §3 and PITFALLS.md §6.

    Examples
    --------
    Write the embedded record's votes on A/RES/ES-11/7 in the UNDL v5 long
    schema (UNDL record 4076672), then read the file back:

    >>> import pathlib, tempfile
    >>> import unvotes
    >>> es117 = unvotes.load()["A/RES/ES-11/7"]
    >>> code = {"yes": "Y", "no": "N", "abstain": "A", "absent": "X"}
    >>> rows = [f"4076672,{iso3},{code[v]},2025-02-24,A/RES/ES-11/7,17"
    ...         for iso3, v in es117.votes.items()]
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "undl.csv"
    >>> _ = path.write_text("\\n".join(
    ...     ["undl_id,ms_code,ms_vote,date,resolution,total_non_voting"] + rows))
    >>> record, report = read_undl(path)
    >>> record["A/RES/ES-11/7"].tally
    {'yes': 93, 'no': 18, 'abstain': 65, 'absent': 17}
    >>> report
    ReadReport(undl-long-v5: 193 read, 193 kept, 0 rejected, 0 duplicates merged, 0 non-member, 0 absent filled, 1 roll calls)
    >>> rc = record.roll_calls.iloc[0]
    >>> int(rc["rcid"]), int(rc["session"]), rc["special_session"], rc["source"], rc["terms"]
    (4076672, 79, 'ES-11', 'undl', 'UNDL-NC')

    Without its X rows the file is still complete: the stated non-voting
    total (17) confirms the 17 Members without a row, who are added as absent:

    >>> _ = path.write_text("\\n".join(
    ...     ["undl_id,ms_code,ms_vote,date,resolution,total_non_voting"]
    ...     + [r for r in rows if ",X," not in r]))
    >>> record, report = read_undl(path)
    >>> report.absent_filled, record["A/RES/ES-11/7"].tally["absent"]
    (17, 17)
    """
    _check_choice("unknown_codes", unknown_codes, ("raise", "reject"))
    _check_choice("fill_absent", fill_absent, ("verified", "all", "none"))
    p, df, enc, container = _load_table(path)
    cm = _colmap(df)
    v5 = [k for k in _LONG_V5.values() if k in cm]
    v1 = [k for k in _LONG_V1.values() if k in cm]
    if v5 or v1:
        version = "v5" if len(v5) >= len(v1) else "v1"
        return _read_undl_long(p, df, cm, version, enc, unknown_codes, fill_absent)
    return _read_undl_wide(p, df, cm, enc, unknown_codes, fill_absent)


def _check_choice(name, value, allowed):
    if value not in allowed:
        raise ValueError(f"`{name}` must be one of {', '.join(map(repr, allowed))}; got {value!r}")


def _rcids(p: Path, meta: dict[str, str], df: pd.DataFrame, notes: list, lines: np.ndarray):
    """The UNDL record id as rcid; else number roll calls in file order.

    Returns ``(rcid, no_id, reason)``: the rcid of each row, the rows without
    one (rejected) and why. A row's record id is its ``undl_id`` when that is a
    whole number, else the number in its ``undl_link``; a ``undl_id`` that is
    not a whole number is noted. When no row has a record id, roll calls are
    numbered 1, 2, ... in file order (by resolution, date and meeting).
    """
    n = len(df)
    rcid = np.full(n, np.nan)
    ids_ok = np.zeros(n, dtype=bool)
    if "undl_id" in meta:
        rcid = _to_number(df[meta["undl_id"]]).to_numpy(dtype=float, copy=True)
        rcid[(rcid != np.round(rcid)) | (rcid < 0)] = np.nan
        ids_ok = ~np.isnan(rcid)
    need = np.isnan(rcid)
    if "undl_link" in meta and need.any():
        link = _clean(df[meta["undl_link"]].iloc[np.flatnonzero(need)])
        rcid[need] = pd.to_numeric(link.str.extract(r"record/(\d+)")[0], errors="coerce").to_numpy(dtype=float)
    has = ~np.isnan(rcid)
    no_id = np.zeros(n, dtype=bool)
    reason = np.full(n, None, dtype=object)
    if "undl_id" in meta and ids_ok.any():
        raw = df[meta["undl_id"]]
        rescued = ~ids_ok & has
        if rescued.any():
            i = np.flatnonzero(rescued)
            notes.append(
                f"{meta['undl_id']} is not a whole number on {len(i):,} row(s), e.g. line {lines[i[0]]} "
                f"{str(raw.iloc[i[0]]).strip()!r}; their roll call was taken from {meta['undl_link']}"
            )
        if not has.all():
            no_id = ~has
            i = np.flatnonzero(no_id)
            vals = _clean(raw.iloc[i]).to_numpy(dtype=object).astype(str)
            why = np.char.add(np.char.add(f"{meta['undl_id']} '", vals), "' is not a UNDL record number (a whole number)")
            why = np.char.add(why, f" and no {meta['undl_link']} gives one" if "undl_link" in meta else "")
            reason[i] = why.astype(object)
        return np.where(has, rcid, -1).astype("int64"), no_id, reason
    if has.all():
        return rcid.astype("int64"), no_id, reason
    keys = [df[meta[k]].astype(str) for k in ("resolution", "date", "meeting") if k in meta]
    key = keys[0].str.cat(keys[1:], sep="|") if len(keys) > 1 else keys[0]
    codes, _ = pd.factorize(key)
    note = "the file has no complete UNDL record id: rcid numbers roll calls 1, 2, ... in file order"
    if "undl_id" in meta:
        raw = _clean(df[meta["undl_id"]])
        filled = np.flatnonzero((raw != "").to_numpy())
        if len(filled):
            note += (f" ({meta['undl_id']} holds no whole number, e.g. line {lines[filled[0]]} "
                     f"{raw.iloc[filled[0]]!r})")
    notes.append(note)
    return codes.astype("int64") + 1, no_id, reason


# roll-call columns whose value must agree across the rows of one roll call
_CONSENSUS_ROLES = ["resolution", "title", "draft", "committee_report", "meeting", "agenda_title", "subjects",
                    "vote_note", "modality", "undl_session", "total_ms", "undl_link", "tally_yes", "tally_no",
                    "tally_abstain", "tally_absent"]


def _undl_consensus(df: pd.DataFrame, meta: dict, rcid: np.ndarray, dates: pd.Series, rows, lines) -> dict:
    fields = {meta["date"]: (pd.factorize(dates.to_numpy())[0], df[meta["date"]])}
    for role in _CONSENSUS_ROLES:
        if role in meta and meta[role] not in fields:
            fields[meta[role]] = (_value_codes(df[meta[role]]), df[meta[role]])
    return _consensus(rcid, fields, rows, lines)


def _roll_call_meta(df: pd.DataFrame, meta: dict[str, str], cons: dict, dates: pd.Series) -> pd.DataFrame:
    """One row per roll call of `cons`; each field is the value most of its rows hold."""
    first, rep = cons["first"], cons["rep"]

    def take(role) -> pd.Series:
        return df[meta[role]].iloc[rep.get(meta[role], first)]

    rc = pd.DataFrame({"rcid": cons["uniq"].astype("int64"),
                       "date": dates.to_numpy()[rep.get(meta["date"], first)]})
    k = len(rc)
    raw_sym = take("resolution").astype(str).to_numpy() if "resolution" in meta else np.full(k, "")
    rc["symbol"] = [_normalize_symbol(s) for s in raw_sym]
    rc["session"], rc["special_session"] = _session_and_special(rc["symbol"], rc["date"])
    rc["kind"] = _kind_from_symbol(rc["symbol"])
    rc["title"] = take("title").to_numpy() if "title" in meta else ""
    rc["agenda_title"] = take("agenda_title").to_numpy() if "agenda_title" in meta else ""
    for t in ("tally_yes", "tally_no", "tally_abstain", "tally_absent"):
        rc[t] = _int_count(take(t)).to_numpy() if t in meta else pd.NA
    rc["issue_source"] = ""
    rc["source"] = "undl"
    rc["source_id"] = rc["rcid"].astype(str)
    rc["terms"] = "UNDL-NC"
    rc["undl_id"] = rc["rcid"].astype(str)
    rc["resolution"] = raw_sym
    for key in ("draft", "committee_report", "meeting", "subjects", "vote_note", "modality", "undl_session",
                "total_ms", "undl_link"):
        if key in meta:
            rc[key] = take(key).astype(str).to_numpy()
    return rc


def _resolve_undl_states(codes: pd.Series | None, names: pd.Series | None, dates: pd.Series):
    """ISO3 on the date from UNDL codes, then names; returns (iso3, reason, near)."""
    t = _state_tables()
    n = len(dates)
    iso = np.full(n, None, dtype=object)
    other = np.full(n, None, dtype=object)
    near = np.full(n, None, dtype=object)

    def merge(need: np.ndarray, result) -> None:
        on, anyd, nr = (r.to_numpy(dtype=object) for r in result)
        iso[need] = on
        o, nn = other[need], near[need]
        other[need] = np.where(pd.isna(o), anyd, o)
        near[need] = np.where(pd.isna(nn), nr, nn)

    if codes is not None:
        merge(np.ones(n, dtype=bool), _dated_lookup(_clean(codes, upper=True), dates, t["codes"]))
    for col in (names, codes):  # names, then a code column that holds names (some exports)
        need = pd.isna(iso)
        if col is not None and need.any():
            merge(need, _dated_lookup(_norm_many(col[need], t), dates[need], t["names"]))
    idx = dates.index
    iso_s = pd.Series(iso, index=idx)
    return iso_s, _no_state_reason(iso_s, pd.Series(other, index=idx)), pd.Series(near, index=idx)


def _no_state_reason(iso: pd.Series, other: pd.Series) -> pd.Series:
    i = iso.to_numpy(dtype=object)
    o = other.to_numpy(dtype=object)
    reason = np.full(len(i), None, dtype=object)
    miss = pd.isna(i)
    if miss.any():
        no_seat = miss & pd.notna(o)
        reason[no_seat] = np.char.add("state held no UN seat on the date (members.csv): ",
                                      o[no_seat].astype(str)).astype(object)
        reason[miss & ~no_seat] = "unknown state"
    return pd.Series(reason, index=iso.index)


def _norm_many(s: pd.Series, t) -> pd.Series:
    codes, uniques = pd.factorize(s.astype(str))
    normed = np.array([t["normalize"](u) for u in uniques], dtype=object)
    out = normed[np.maximum(codes, 0)]
    out[codes < 0] = ""
    return pd.Series(out, index=s.index)


def _read_undl_long(p, df, cm, version, enc, unknown_codes, fill_absent):
    cols = _LONG_V5 if version == "v5" else _LONG_V1
    schema = f"undl-long-{version}"
    meta = _meta_columns(cm, wide=False)
    missing = []
    if cols["vote"] not in cm:
        missing.append(f"{cols['vote']!r} (the vote)")
    if cols["code"] not in cm and cols["name"] not in cm:
        missing.append(f"{cols['code']!r} or {cols['name']!r} (the Member)")
    if "date" not in meta:
        missing.append("'date'")
    if "undl_id" not in meta and "resolution" not in meta:
        missing.append("'undl_id' or 'resolution' (the roll call)")
    if missing:
        raise MissingColumnsError(
            f"{p}: this looks like a UN Digital Library long file ({schema}) but its header (line 1) lacks "
            f"{', '.join(missing)}; it has {list(df.columns)[:25]}. Expected the columns of "
            "https://digitallibrary.un.org/record/4060887 (v5: undl_id, ms_code, ms_name, ms_vote, date, "
            "resolution, ...; v1: ms_codes, ms_names, ms_votes)",
            path=p,
            line=1,
            column=missing[0].split("'")[1],
        )
    notes: list = []
    n = len(df)
    rows, lines = np.arange(1, n + 1), np.arange(2, n + 2)
    raw_date = df[meta["date"]]
    dates, bad_date = _parse_dates(raw_date)
    bad_date = bad_date.to_numpy()
    rcid, no_id, no_id_reason = _rcids(p, meta, df, notes, lines)
    out_of_range, range_reason = _date_out_of_range(dates, raw_date, lines, rows)
    ok = ~(bad_date | out_of_range | no_id)
    if not ok.any():
        raise ReadError(f"{p}: no row has a readable date from 1945-10-24 to today in column {meta['date']!r} "
                        "(and a record id); expected YYYY-MM-DD", path=p, column=meta["date"])
    sub = df if ok.all() else df[ok]
    dates_ok = dates[ok]
    # roll-call fields by majority of the roll call's rows
    cons = _undl_consensus(sub, meta, rcid[ok], dates_ok, rows[ok], lines[ok])
    rc_date = dates_ok.to_numpy()[cons["rep"][meta["date"]]]
    # every row is read on its roll call's date (a rejected row too, where its roll call has one)
    eff = dates.to_numpy().copy()
    eff[ok] = rc_date[cons["group"]]
    if not ok.all():
        gi = pd.Index(cons["uniq"]).get_indexer(rcid[~ok])
        e = eff[~ok]
        e[gi >= 0] = rc_date[gi[gi >= 0]]
        eff[~ok] = e
    eff = pd.Series(eff, index=df.index)
    codes = df[cm[cols["code"]]] if cols["code"] in cm else None
    names = df[cm[cols["name"]]] if cols["name"] in cm else None
    iso, reason, near = _resolve_undl_states(codes, names, eff.fillna(pd.Timestamp("1900-01-01")))
    state_raw = codes if codes is not None else names
    state_raw2 = names if (codes is not None and names is not None) else None
    vote_raw = df[cm[cols["vote"]]]
    labels = _clean(vote_raw, upper=True).map(_UNDL_CODES)
    lg = _Long(
        row=rows,
        line=lines,
        rcid=rcid,
        state_raw=state_raw,
        state_raw2=state_raw2,
        iso3=iso,
        state_reason=reason,
        vote_raw=vote_raw,
        date=eff,
        near=near,
    )
    rejects = _Rejects()
    # rows whose date or record id is unusable do not show how their state voted
    if bad_date.any():
        rejects.add(lg, bad_date, "unparseable or partial date " + raw_date.astype(str), present=False)
    rejects.add(lg, out_of_range, range_reason, present=False)
    rejects.add(lg, no_id, no_id_reason, present=False)
    no_major = np.zeros(n, dtype=bool)
    no_major[np.flatnonzero(ok)[cons["no_majority"]]] = True
    if no_major.any():
        why = np.full(n, None, dtype=object)
        why[ok] = cons["reason"]
        rejects.add(lg, no_major, why, present=False)
    inconsistent = cons["inconsistent"]
    if no_major.any():
        inconsistent = inconsistent[~inconsistent["rcid"].isin(set(rcid[no_major]))].reset_index(drop=True)
    keep = ok & ~no_major
    if not keep.all():
        lg, labels = _subset(lg, keep), labels[keep]
    rc = _roll_call_meta(sub, meta, cons, dates_ok)
    # roll calls whose every row was rejected for its date or record id
    lost_rows = np.flatnonzero(~ok & (rcid >= 0) & ~np.isin(rcid, cons["uniq"]))
    if len(lost_rows):
        first_lost = lost_rows[~pd.Series(rcid[lost_rows]).duplicated().to_numpy()]
        sym = (df[meta["resolution"]].iloc[first_lost].astype(str).to_numpy() if "resolution" in meta
               else np.full(len(first_lost), ""))
        notes.append(
            f"{len(first_lost)} roll call(s) had every row rejected and are not in the record: "
            + ", ".join(f"{r} {s_}".strip() for r, s_ in zip(rcid[first_lost][:10], sym[:10]))
            + (" ..." if len(first_lost) > 10 else "")
        )
    _whole_number_notes(sub, meta, lines[ok], rows[ok], rcid[ok],
                        {r: (cons["uniq"], cons["rep"][meta[r]]) for r in _CONSENSUS_ROLES if r in meta and r.startswith("tally_")}, notes)
    return _build(lg, labels, rc, path=p, schema=schema, encoding=enc, vote_column=cm[cols["vote"]],
                  unknown_codes=unknown_codes, fill_absent=fill_absent, rejects=rejects, notes=notes,
                  rows_read=n, source=f"UN Digital Library voting data ({p.name})", inconsistent=inconsistent)


def _subset(lg: _Long, keep: np.ndarray) -> _Long:
    return _Long(
        row=lg.row[keep],
        line=None if lg.line is None else lg.line[keep],
        rcid=lg.rcid[keep],
        state_raw=lg.state_raw[keep],
        state_raw2=None if lg.state_raw2 is None else lg.state_raw2[keep],
        iso3=lg.iso3[keep],
        state_reason=lg.state_reason[keep],
        vote_raw=lg.vote_raw[keep],
        date=lg.date[keep],
        near=lg.near[keep],
    )


def _read_undl_wide(p, df, cm, enc, unknown_codes, fill_absent):
    meta = _meta_columns(cm, wide=True)
    known_meta = {c for c in meta.values()} | {cm[c] for c in _WIDE_OTHER_META if c in cm}
    candidates = [c for c in df.columns if c not in known_meta]
    t = _state_tables()
    # a column names a state if it resolves as a code or a name at some date
    col_keys = pd.Series(candidates, dtype=object)
    as_code = col_keys.astype(str).str.strip().str.upper().isin(set(t["codes"]["key"]))
    as_name = _norm_many(col_keys, t).isin(set(t["names"]["key"]))
    state_cols = [c for c, a, b in zip(candidates, as_code, as_name) if a or b]
    if "resolution" not in meta or len(state_cols) < 20:
        raise UnknownSchemaError(
            f"{p}: the header (line 1) matches no UN Digital Library schema: found "
            f"{list(df.columns)[:12]}{' ...' if len(df.columns) > 12 else ''}. Expected either the long form "
            "(v5 columns undl_id, ms_code, ms_name, ms_vote, date, resolution, ...; v1 ms_codes, ms_names, "
            "ms_votes, modality) or the wide form (a 'Resolution' and a 'Date' column and one column per "
            f"Member named by ISO3 code or name; {len(state_cols)} Member columns found). For Voeten's "
            "UNVotes files use unvotes.read_voeten",
            path=p,
            line=1,
        )
    if "date" not in meta:
        raise MissingColumnsError(
            f"{p}: wide UN Digital Library file without a 'Date' column (header, line 1); expected a "
            "'Date' column with YYYY-MM-DD dates",
            path=p, line=1, column="Date",
        )
    unknown_cols = [c for c in candidates if c not in set(state_cols)]
    notes: list = []
    lines = np.arange(2, len(df) + 2)
    res = df[meta["resolution"]].astype(str).str.strip()
    # 3DL wide files carry a second header row of full names under the codes
    if len(df) and res.iat[0] == "" and not df[state_cols].iloc[0].astype(str).str.strip().str.upper().isin(
        _WIDE_CODES.keys() | {""}
    ).any():
        notes.append("line 2 is a second header row (full Member names) and was skipped")
        df, lines = df.iloc[1:], lines[1:]
    all_cols = state_cols + unknown_cols
    cells = df[all_cols].to_numpy(dtype=object)
    cells = np.where(pd.isna(cells), "", cells).astype(str)
    filled = np.char.strip(cells) != ""
    r_idx, c_idx = np.nonzero(filled)
    n_read = len(r_idx)
    if n_read == 0:
        raise EmptyFileError(f"{p}: the wide file has rows but every Member cell is empty; expected votes",
                             path=p, line=2)
    nrow = len(df)
    raw_date = df[meta["date"]]
    dates_row, bad_date_row = _parse_dates(raw_date)
    bad_date_row = bad_date_row.to_numpy()
    rcid_row, no_id_row, no_id_reason_row = _rcids(p, meta, df, notes, lines)
    late_row, late_reason_row = _date_out_of_range(dates_row, raw_date, lines, lines - 1)
    if "council" in meta:
        council_row = df[meta["council"]].astype(str).str.strip().to_numpy()
        not_ga_row = (council_row != "General Assembly") & (council_row != "")
    else:
        not_ga_row = np.zeros(nrow, dtype=bool)
    has_cells = np.zeros(nrow, dtype=bool)
    has_cells[r_idx] = True
    # roll-call fields by majority of the file rows that share a record id
    ui = np.flatnonzero(has_cells & ~(not_ga_row | bad_date_row | late_row | no_id_row))
    sub = df.iloc[ui]
    dates_u = dates_row.iloc[ui]
    cons = _undl_consensus(sub, meta, rcid_row[ui], dates_u, lines[ui] - 1, lines[ui])
    rc_date = dates_u.to_numpy()[cons["rep"][meta["date"]]]
    eff_row = dates_row.to_numpy().copy()
    gi = pd.Index(cons["uniq"]).get_indexer(rcid_row)
    eff_row[gi >= 0] = rc_date[gi[gi >= 0]]
    no_major_row = np.zeros(nrow, dtype=bool)
    no_major_row[ui[cons["no_majority"]]] = True
    no_major_reason_row = np.full(nrow, None, dtype=object)
    no_major_reason_row[ui] = cons["reason"]
    col_names = np.array(all_cols, dtype=object)
    dates = pd.Series(eff_row[r_idx])
    state_raw = pd.Series(col_names[c_idx], dtype=object)
    iso_col, reason_col, near_col = _resolve_undl_states(
        pd.Series(state_raw.to_numpy()), pd.Series(state_raw.to_numpy()), dates.fillna(pd.Timestamp("1900-01-01"))
    )
    vote_raw = pd.Series(cells[r_idx, c_idx], dtype=object)
    labels = vote_raw.str.strip().str.upper().map(_WIDE_CODES)
    lg = _Long(
        row=(lines[r_idx] - 1),
        line=lines[r_idx],
        rcid=rcid_row[r_idx],
        state_raw=state_raw,
        state_raw2=None,
        iso3=iso_col,
        state_reason=reason_col,
        vote_raw=vote_raw,
        date=dates,
        near=near_col,
    )
    rejects = _Rejects()
    drop = np.zeros(n_read, dtype=bool)
    if "council" in meta:
        council = council_row[r_idx]
        not_ga = not_ga_row[r_idx]
        rejects.add(lg, not_ga, "not a General Assembly record (Council=" + pd.Series(council).astype(str) + ")")
        drop |= not_ga
    if unknown_cols:
        unk = np.isin(c_idx, np.arange(len(state_cols), len(all_cols)))
        rejects.add(lg, unk & ~drop, "unknown state column " + state_raw.astype(str))
        drop |= unk
        notes.append(f"{len(unknown_cols)} column(s) name no known Member: {unknown_cols[:8]}")
    # cells of a row whose date or record id is unusable do not show how their state voted
    bad_date = bad_date_row[r_idx] & ~drop
    rejects.add(lg, bad_date, "unparseable or partial date " + pd.Series(raw_date.astype(str).to_numpy()[r_idx]),
                present=False)
    drop |= bad_date
    for row_mask, row_reason in ((late_row, late_reason_row), (no_id_row, no_id_reason_row),
                                 (no_major_row, no_major_reason_row)):
        m = row_mask[r_idx] & ~drop
        if m.any():
            rejects.add(lg, m, row_reason[r_idx], present=False)
            drop |= m
    keep = ~drop
    lg, labels = _subset(lg, keep), labels[keep].reset_index(drop=True)
    lg.state_raw = lg.state_raw.reset_index(drop=True)
    lg.iso3 = lg.iso3.reset_index(drop=True)
    lg.state_reason = lg.state_reason.reset_index(drop=True)
    lg.vote_raw = lg.vote_raw.reset_index(drop=True)
    lg.date = lg.date.reset_index(drop=True)
    lg.near = lg.near.reset_index(drop=True)
    rows_with_votes = np.unique(r_idx[keep])
    ga_rows = np.unique(r_idx[~not_ga_row[r_idx]])
    lost = np.setdiff1d(ga_rows, rows_with_votes)
    if len(lost):
        syms = df[meta["resolution"]].astype(str).to_numpy()[lost]
        notes.append(
            f"{len(lost)} roll call(s) had every row rejected and are not in the record: "
            + ", ".join(f"line {int(lines[i])} {syms[k]}" for k, i in enumerate(lost[:10]))
        )
    rc = _roll_call_meta(sub, meta, cons, dates_u)
    rc = rc[rc["rcid"].isin(set(np.unique(lg.rcid)))].reset_index(drop=True)
    inconsistent = cons["inconsistent"]
    if no_major_row.any():
        inconsistent = inconsistent[~inconsistent["rcid"].isin(set(rcid_row[no_major_row]))].reset_index(drop=True)
    _whole_number_notes(sub, meta, lines[ui], lines[ui] - 1, rcid_row[ui],
                        {r: (cons["uniq"], cons["rep"][meta[r]]) for r in _CONSENSUS_ROLES
                         if r in meta and r.startswith("tally_")}, notes)
    return _build(lg, labels, rc, path=p, schema="undl-wide", encoding=enc, vote_column="(Member columns)",
                  unknown_codes=unknown_codes, fill_absent=fill_absent, rejects=rejects, notes=notes,
                  rows_read=n_read, source=f"UN Digital Library voting data, wide form ({p.name})",
                  inconsistent=inconsistent)


# --------------------------------------------------------------------------------------
# Voeten
# --------------------------------------------------------------------------------------


def read_voeten(
    path: str | os.PathLike,
    *,
    unknown_codes: str = "raise",
    fill_absent: str = "verified",
) -> tuple[VotingRecord, ReadReport]:
    """Read Erik Voeten's UNVotes release (CSV or .RData).

    Parameters
    ----------
    path : str or path-like
        ``UNVotes.csv`` (UTF-8 or Latin-1, with or without a byte-order mark,
        Unix or Windows line ends; plain, ``.gz`` or ``.zip``) or the
        ``.RData`` / ``.rda`` release (needs the optional ``rdata`` package:
        ``pip install rdata``). Required columns: ``rcid``, ``vote``, ``date``
        and ``ccode`` (COW code) or ``Country`` (ISO3).
    unknown_codes : {"raise", "reject"}, default "raise"
        A vote code other than 1, 2, 3, 8, 9: raise
        :class:`UnknownVoteCodeError`, or list the row in ``report.rejected``.
    fill_absent : {"verified", "all", "none"}, default "verified"
        Members on the date with no row at all (Voeten's full release codes
        them 8 or 9, so normally there are none): Voeten states no non-voting
        total, so ``"verified"`` never fills and lists such roll calls in
        ``report.incomplete``; ``"all"`` adds them as ``absent``.

    Returns
    -------
    record : VotingRecord
        ``roll_calls``: Voeten's ``rcid``, ``session``, ``date``, ``unres``,
        ``symbol`` (``R/74/1`` -> ``A/RES/74/1``), ``title`` (``short``),
        ``description`` (``descr``), ``kind`` (``amend == 1`` -> amendment,
        ``para == 1`` -> paragraph, both 0 before session 40 -> resolution,
        else unknown: Voeten coded the flags only to 1985), ``important``
        (``importantvote``; NA in sessions with no vote marked important, which
        were not classified), the issue flags ``me nu di hr co ec``
        (``issue_source`` ``"voeten"``), ``tally_yes/no/abstain`` (Voeten's
        ``yes``, ``no``, ``abstain``), ``source`` ``"voeten"``, ``terms``
        ``"CC0"``, and the raw flags ``amend``, ``para``, ``importantvote`` as
        extra columns. ``votes``: ``rcid``, ``state`` (ISO3), ``vote``.
    report : ReadReport
        As for :func:`read_undl`; rows coded 9 are counted in
        ``non_member_rows``.

    Raises
    ------
    FileNotFoundError, EmptyFileError, HTMLFileError, CorruptFileError
        As for :func:`read_undl`.
    MissingColumnsError
        If a required column is missing.
    UnknownSchemaError
        If an .RData file holds no table with ``rcid`` and ``vote`` columns.
    UnknownVoteCodeError
        If a vote code is unknown and ``unknown_codes="reject"`` is not given.
    ImportError
        For an .RData file when the ``rdata`` package is not installed.

    References
    ----------
    Erik Voeten, Anton Strezhnev and Michael Bailey, "United Nations General
    Assembly Voting Data", Harvard Dataverse, doi:10.7910/DVN/LEJUQZ
    (hdl:1902.1/12379), CC0. Codes 1 yes, 2 abstain, 3 no, 8 absent, 9 not a
    member: Voeten (2013), "Data and Analyses of Voting in the UN General
    Assembly", Routledge Handbook of International Organization.

    Examples
    --------
    Write the embedded record's votes on A/RES/ES-11/8 in Voeten's codes
    (COW code 2 is the United States, 369 Ukraine), then read them back:

    >>> import pathlib, tempfile
    >>> import unvotes
    >>> from unvotes.record import _resources
    >>> cow = _resources.read_table("states").set_index("iso3")["cow_code"]
    >>> es118 = unvotes.load()["A/RES/ES-11/8"]
    >>> code = {"yes": 1, "abstain": 2, "no": 3, "absent": 8}
    >>> rows = [f"1,{cow[iso3]},{code[v]},2025-02-24,A/RES/ES-11/8,80"
    ...         for iso3, v in es118.votes.items()]
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "UNVotes.csv"
    >>> _ = path.write_text("\\n".join(["rcid,ccode,vote,date,unres,session"] + rows))
    >>> record, report = read_voeten(path)
    >>> record[1].tally
    {'yes': 93, 'no': 8, 'abstain': 73, 'absent': 19}
    >>> record[1].vote_of("USA"), record[1].vote_of("UKR")
    ('abstain', 'abstain')
    >>> report.rows_kept, len(report.rejected)
    (193, 0)
    """
    _check_choice("unknown_codes", unknown_codes, ("raise", "reject"))
    _check_choice("fill_absent", fill_absent, ("verified", "all", "none"))
    p = _check_path(path)
    if p.suffix.lower() in (".rdata", ".rda", ".rds"):
        df, enc, schema, has_lines = _read_rdata(p), "R", "voeten-rdata", False
    else:
        p, df, enc, _ = _load_table(p)
        schema, has_lines = "voeten-csv", True
    return _read_voeten_table(p, df, enc, schema, has_lines, unknown_codes, fill_absent)


def _read_rdata(p: Path) -> pd.DataFrame:
    try:
        import rdata
    except ImportError as exc:
        raise ImportError(
            "reading Voeten's .RData release (read_voeten on an .RData/.rda file) needs the optional "
            "package 'rdata': pip install 'unvotes[rdata]' (or pip install rdata); or read the "
            "release's UNVotes.csv instead"
        ) from exc
    raw = p.read_bytes()
    if not raw.strip():
        raise EmptyFileError(f"{p}: the file is empty; expected an R data file", path=p)
    _check_not_empty_or_html(raw[:65536], p)
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            objs = rdata.read_rda(p) if p.suffix.lower() != ".rds" else {"data": rdata.read_rds(p)}
    except EOFError as exc:
        raise CorruptFileError(f"{p}: the R data file is truncated ({exc}); download it again", path=p) from exc
    except Exception as exc:  # rdata raises several types on bad input
        raise CorruptFileError(
            f"{p}: not a readable R data file ({type(exc).__name__}: {exc}); expected Voeten's .RData release",
            path=p,
        ) from exc
    tables = {k: v for k, v in objs.items() if isinstance(v, pd.DataFrame)}
    for name, t in tables.items():
        lower = {str(c).lower() for c in t.columns}
        if {"rcid", "vote"} <= lower:
            out = t.reset_index(drop=True).copy()
            for c in out.columns:
                s = out[c]
                if str(c).lower() == "date" and pd.api.types.is_numeric_dtype(s):
                    s = (pd.Timestamp("1970-01-01") + pd.to_timedelta(s, unit="D")).dt.strftime("%Y-%m-%d")
                elif pd.api.types.is_datetime64_any_dtype(s):
                    s = s.dt.strftime("%Y-%m-%d")
                elif pd.api.types.is_float_dtype(s) and s.dropna().eq(s.dropna().round()).all():
                    s = s.astype("Int64")
                out[c] = s.astype(object).where(s.notna(), "").astype(str)
            return out
    raise UnknownSchemaError(
        f"{p}: no table with 'rcid' and 'vote' columns among the R objects {list(objs)[:10]}; expected "
        "Voeten's UNVotes data frame (columns rcid, ccode, vote, date, ...)",
        path=p,
    )


def _voeten_bool(s: pd.Series) -> pd.Series:
    v = pd.to_numeric(s.astype(str).str.strip().replace({"": None, "NA": None}), errors="coerce")
    return v.map({1.0: True, 0.0: False}).astype("boolean")


def _read_voeten_table(p, df, enc, schema, has_lines, unknown_codes, fill_absent):
    cm = _colmap(df)
    missing = [f"'{c}'" for c in ("rcid", "vote", "date") if c not in cm]
    if "ccode" not in cm and "country" not in cm:
        missing.append("'ccode' or 'Country'")
    if missing:
        if not ({"rcid", "vote"} & set(cm)) and ({"ms_vote", "ms_votes"} & set(cm)):
            hint = " This is a UN Digital Library file: use unvotes.read_undl."
        else:
            hint = ""
        raise MissingColumnsError(
            f"{p}: Voeten UNVotes file without column(s) {', '.join(missing)} in its header "
            f"(line 1); it has {list(df.columns)[:20]}. Expected rcid, ccode (or Country), vote, date, session, "
            f"unres, ... as in Voeten's UNVotes.csv.{hint}",
            path=p,
            line=1 if has_lines else None,
            column=missing[0].split("'")[1],
        )
    n = len(df)
    notes: list = []
    rows = np.arange(1, n + 1)
    lines = np.arange(2, n + 2) if has_lines else None
    rcid_num = pd.to_numeric(df[cm["rcid"]].astype(str).str.strip(), errors="coerce")
    rcid_num = rcid_num.where(rcid_num == rcid_num.round())
    rcid_arr = rcid_num.fillna(-1).to_numpy(dtype="int64")
    dates, bad_date = _parse_dates(df[cm["date"]])
    out_of_range, range_reason = _date_out_of_range(dates, df[cm["date"]], lines, rows)
    bad = bad_date.to_numpy() | rcid_num.isna().to_numpy()
    ok = ~bad & ~out_of_range
    if not ok.any():
        raise ReadError(f"{p}: no row has both a numeric rcid and a readable date from 1945-10-24 to today; "
                        "expected YYYY-MM-DD dates", path=p)
    # roll-call fields by majority of the roll call's rows
    sub_all = df if ok.all() else df[ok]
    dates_ok = dates[ok]
    fields = {cm["date"]: (pd.factorize(dates_ok.to_numpy())[0], sub_all[cm["date"]])}
    for name in ("session", "unres", "short", "descr", "amend", "para", "importantvote", *_ISSUES,
                 "yes", "no", "abstain"):
        if name in cm:
            fields[cm[name]] = (_value_codes(sub_all[cm[name]]), sub_all[cm[name]])
    cons = _consensus(rcid_arr[ok], fields, rows[ok], None if lines is None else lines[ok])
    rc_date = dates_ok.to_numpy()[cons["rep"][cm["date"]]]
    eff = dates.to_numpy().copy()
    gi = pd.Index(cons["uniq"]).get_indexer(rcid_arr)
    eff[gi >= 0] = rc_date[gi[gi >= 0]]
    eff = pd.Series(eff, index=df.index)
    vote_raw = df[cm["vote"]].astype(str)
    vnum = pd.to_numeric(vote_raw.str.strip(), errors="coerce")
    vstr = vnum.where(vnum == vnum.round()).astype("Int64").astype(str)
    labels = vstr.map(_VOETEN_CODES)
    t = _state_tables()
    d_fill = eff.fillna(pd.Timestamp("1900-01-01"))
    iso = pd.Series(np.full(n, None, dtype=object), index=df.index)
    other = iso.copy()
    near = iso.copy()
    if "ccode" in cm:
        cc = pd.to_numeric(df[cm["ccode"]].astype(str).str.strip(), errors="coerce")
        key = cc.astype("Int64").astype(str).where(cc.notna(), "")
        iso, other, near = _dated_lookup(key, d_fill, t["cows"])
        state_raw = "ccode " + df[cm["ccode"]].astype(str)
    else:
        state_raw = df[cm["country"]].astype(str)
    if "country" in cm:
        need = iso.isna()
        if need.any():
            c = df.loc[need, cm["country"]].astype(str).str.strip().str.upper()
            on, anyd, nr = _dated_lookup(c, d_fill[need], t["codes"])
            iso[need] = on.to_numpy()
            other[need] = other[need].where(other[need].notna(), anyd)
            near[need] = near[need].where(near[need].notna(), nr)
        if "ccode" in cm:
            state_raw = state_raw + " " + df[cm["country"]].astype(str)
    reason = _no_state_reason(iso, other)
    lg = _Long(
        row=rows,
        line=lines,
        rcid=rcid_arr,
        state_raw=state_raw,
        state_raw2=None,
        iso3=iso,
        state_reason=reason,
        vote_raw=vote_raw,
        date=eff,
        near=near,
    )
    rejects = _Rejects()
    if bad.any():
        why = np.where(rcid_num.isna(), "rcid is not a number: " + df[cm["rcid"]].astype(str),
                       "unparseable or partial date " + df[cm["date"]].astype(str))
        rejects.add(lg, bad, why, present=False)
    rejects.add(lg, out_of_range & ~bad, range_reason, present=False)
    no_major = np.zeros(n, dtype=bool)
    no_major[np.flatnonzero(ok)[cons["no_majority"]]] = True
    if no_major.any():
        why = np.full(n, None, dtype=object)
        why[ok] = cons["reason"]
        rejects.add(lg, no_major, why, present=False)
    inconsistent = cons["inconsistent"]
    if no_major.any():
        inconsistent = inconsistent[~inconsistent["rcid"].isin(set(rcid_arr[no_major]))].reset_index(drop=True)
    keep = ok & ~no_major
    if not keep.all():
        lg, labels = _subset(lg, keep), labels[keep]
    lost_rows = np.flatnonzero(~ok & (rcid_arr >= 0) & ~np.isin(rcid_arr, cons["uniq"]))
    if len(lost_rows):
        lost = np.unique(rcid_arr[lost_rows])
        notes.append(f"{len(lost)} roll call(s) had every row rejected and are not in the record: "
                     + ", ".join(map(str, lost[:10])) + (" ..." if len(lost) > 10 else ""))
    # roll-call table: each field is the value most of the roll call's rows hold
    sub_all = sub_all.reset_index(drop=True)
    rc = pd.DataFrame({"rcid": cons["uniq"].astype("int64"), "date": rc_date})

    def col(name, default=""):
        if name not in cm:
            return np.full(len(rc), default, dtype=object)
        return sub_all[cm[name]].iloc[cons["rep"][cm[name]]].astype(str).str.strip().to_numpy()

    sess = pd.to_numeric(pd.Series(col("session")), errors="coerce")
    rc["unres"] = col("unres")
    rc["symbol"] = [_normalize_symbol(s) for s in rc["unres"]]
    computed_sess, special = _session_and_special(rc["symbol"], rc["date"])
    rc["session"] = np.where(sess.notna(), sess.fillna(-1).to_numpy(), computed_sess).astype("int64")
    rc["special_session"] = special
    rc["title"] = col("short")
    rc["description"] = col("descr")
    amend = _voeten_bool(pd.Series(col("amend")))
    para = _voeten_bool(pd.Series(col("para")))
    kind = np.where(amend.fillna(False).to_numpy(dtype=bool), "amendment",
                    np.where(para.fillna(False).to_numpy(dtype=bool), "paragraph",
                             np.where((amend == False).fillna(False).to_numpy(dtype=bool)  # noqa: E712
                                      & (para == False).fillna(False).to_numpy(dtype=bool)  # noqa: E712
                                      & (rc["session"].to_numpy() < 40), "resolution", "unknown")))
    rc["kind"] = kind
    imp = _voeten_bool(pd.Series(col("importantvote")))
    classified = pd.Series(imp.fillna(False).to_numpy(dtype=bool)).groupby(rc["session"].to_numpy()).transform("any")
    rc["important"] = imp.where(classified.to_numpy(), pd.NA).astype("boolean")
    has_issue = False
    for c in _ISSUES:
        if c in cm:
            rc[c] = _voeten_bool(pd.Series(col(c))).to_numpy()
            has_issue = True
    rc["issue_source"] = "voeten" if has_issue else ""
    for t_col, src in (("tally_yes", "yes"), ("tally_no", "no"), ("tally_abstain", "abstain")):
        rc[t_col] = _int_count(pd.Series(col(src))).to_numpy() if src in cm else pd.NA
    rc["tally_absent"] = pd.NA
    tallies = {t_col: cm[src] for t_col, src in (("tally_yes", "yes"), ("tally_no", "no"), ("tally_abstain", "abstain"))
               if src in cm}
    _whole_number_notes(sub_all, tallies, None if lines is None else lines[ok], rows[ok], rcid_arr[ok],
                        {r: (cons["uniq"], cons["rep"][c]) for r, c in tallies.items()}, notes)
    rc["source"] = "voeten"
    rc["source_id"] = rc["rcid"].astype(str)
    rc["terms"] = "CC0"
    for c in ("amend", "para", "importantvote"):
        if c in cm:
            rc[c] = _voeten_bool(pd.Series(col(c))).to_numpy()
    return _build(lg, labels, rc, path=p, schema=schema, encoding=enc,
                  vote_column=cm["vote"], unknown_codes=unknown_codes, fill_absent=fill_absent, rejects=rejects,
                  notes=notes, rows_read=n, source=f"Voeten UNVotes ({p.name})", inconsistent=inconsistent)
