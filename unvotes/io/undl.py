"""Read the UN Digital Library's "General Assembly Voting Data" (long and wide forms): :func:`read_undl`.

The rules (state identity, vote codes, duplicates, dates, roll-call fields by majority, record ids,
verified absences) are stated in :mod:`unvotes.io.readers`.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ._fields import _clean, _date_out_of_range, _int_count, _kind_from_symbol, _normalize_symbol, _parse_dates, _session_and_special, _to_number, _value_codes
from .files import _check_choice, _check_date_format, _check_path, _colmap, _load_table, _read_bytes
from ._majority import _consensus, _whole_number_notes
from ._pipeline import _Long, _Rejects, _build, _subset
from ._states import _norm_many, _resolve_undl_states, _state_tables
from .read_report import ReadReport
from .errors import EmptyFileError, MissingColumnsError, ReadError, UnknownSchemaError

if TYPE_CHECKING:
    from ..record.core import VotingRecord

__all__ = ["read_undl", "read_undl_table"]


_UNDL_CODES = {"Y": "yes", "N": "no", "A": "abstain", "X": "absent", "NV": "absent"}


_WIDE_CODES = {**_UNDL_CODES, "YES": "yes", "NO": "no", "ABSTAIN": "abstain", "NON-VOTING": "absent"}


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


def read_undl(path: str | os.PathLike, *, unknown_codes: str = "raise", fill_absent: str = "verified",
              date_format: str | None = None) -> tuple[VotingRecord, ReadReport]:
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
    date_format : str, optional
        The ``strftime`` format of dates written with numbers only, such as
        ``"%m/%d/%Y"`` for ``03/04/2025`` meaning 4 March (a US-locale
        spreadsheet) or ``"%d/%m/%Y"`` for 3 April. Without it such dates are an
        :class:`AmbiguousDateError`; ISO dates (``2025-03-04``) and dates with
        month names (``4 March 2025``) are read either way.

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
        If the header matches neither the long nor the wide form, or the file is
        an R data file (use :func:`read_voeten` for Voeten's .RData).
    MissingColumnsError
        If a long-form file lacks a required column (the vote, a state code or
        name, the date, and the record id or resolution symbol).
    UnknownVoteCodeError
        If a vote code is unknown and ``unknown_codes="raise"``.
    AmbiguousDateError
        If dates are written with numbers only (``03/04/2025``) and no `date_format`
        is given; the message names a value, both readings and the format to pass.
    FileTooLargeError
        If a compressed file expands beyond ``unvotes.io.files.MAX_UNCOMPRESSED_BYTES`` (2 GiB).
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
    _check_date_format(date_format)
    return _read_undl_form(path, unknown_codes, fill_absent, date_format)


def _read_undl_form(path, unknown_codes, fill_absent, date_format):
    """Read the file and dispatch on its form: long (v5 or v1 columns) or wide."""
    p, df, enc, container = _load_table(path)
    cm = _colmap(df)
    v5 = [k for k in _LONG_V5.values() if k in cm]
    v1 = [k for k in _LONG_V1.values() if k in cm]
    if v5 or v1:
        version = "v5" if len(v5) >= len(v1) else "v1"
        return _read_undl_long(p, df, cm, version, enc, unknown_codes, fill_absent, date_format)
    return _read_undl_wide(p, df, cm, enc, unknown_codes, fill_absent, date_format)


def read_undl_table(path: str | os.PathLike, *, council: str | None = "General Assembly") -> pd.DataFrame:
    """A UN Digital Library scrape's table as text, cell for cell (no vote is interpreted).

    For tables that are laid into the embedded record by rules of their own (the build's
    ``UN_DATA.csv.zip`` and 3DL scrapes, ``datasets/build.py``); to read a release into a
    record, use :func:`read_undl`.

    Parameters
    ----------
    path : str or path-like
        A CSV, plain or in a zip (one file inside) or gzip, UTF-8 with or without a byte-order mark.
    council : str or None, default "General Assembly"
        Keep the rows whose ``Council`` column holds this value (the scrapes also hold Security
        Council records); None keeps every row.

    Returns
    -------
    pandas.DataFrame
        Every column as str, empty cells as ``""`` (nothing read as NA), column names as in
        the file, rows in file order, index 0, 1, ...

    Raises
    ------
    FileNotFoundError, CorruptFileError
        As for :func:`read_undl`.
    MissingColumnsError
        If `council` is given and the file has no ``Council`` column.

    Examples
    --------
    The UN_DATA scrape holds 5,238 General Assembly records (DATA-NOTES.md section 3.1):

    >>> t = read_undl_table("datasets/raw/undl-scrapes/UN_DATA.csv.zip")
    >>> len(t), t["Council"].unique().tolist()
    (5238, ['General Assembly'])
    """
    p = _check_path(path)
    data, _ = _read_bytes(p)
    d = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    if council is None:
        return d
    if "Council" not in d.columns:
        raise MissingColumnsError(f"{p}: no 'Council' column in the header (line 1), so rows of the "
                                  f"{council} cannot be told apart; pass council=None to keep every row",
                                  path=p, line=1, column="Council")
    return d[d["Council"] == council].reset_index(drop=True)


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
        rcid[(rcid != np.round(rcid)) | (rcid < 1)] = np.nan  # UNDL record numbers count from 1
        ids_ok = ~np.isnan(rcid)
    need = np.isnan(rcid)
    if "undl_link" in meta and need.any():
        link = _clean(df[meta["undl_link"]].iloc[np.flatnonzero(need)])
        rcid[need] = pd.to_numeric(link.str.extract(r"record/(\d+)")[0], errors="coerce").to_numpy(dtype=float)
    has = ~np.isnan(rcid)
    no_id = np.zeros(n, dtype=bool)
    reason = np.full(n, None, dtype=object)
    if "undl_id" in meta and (ids_ok.any() or has.all()):
        raw = df[meta["undl_id"]]
        rescued = ~ids_ok & has
        if rescued.any():
            i = np.flatnonzero(rescued)
            notes.append(
                f"{meta['undl_id']} is not a UNDL record number on {len(i):,} row(s), e.g. line {lines[i[0]]} "
                f"{str(raw.iloc[i[0]]).strip()!r}; their roll call was taken from {meta['undl_link']}"
            )
        if not has.all():
            no_id = ~has
            i = np.flatnonzero(no_id)
            vals = _clean(raw.iloc[i]).to_numpy(dtype=object).astype(str)
            why = np.char.add(np.char.add(f"{meta['undl_id']} '", vals),
                              "' is not a UNDL record number (a whole number from 1)")
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


def _read_undl_long(p, df, cm, version, enc, unknown_codes, fill_absent, date_format=None):
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
    notes: list = list(df.attrs.get("read_notes", ()))
    n = len(df)
    rows, lines = np.arange(1, n + 1), np.arange(2, n + 2)
    raw_date = df[meta["date"]]
    dates, bad_date, date_reason = _parse_dates(raw_date, date_format=date_format, path=p, column=meta["date"],
                                                lines=lines)
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
        rejects.add(lg, bad_date, date_reason, present=False)
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


def _wide_state_columns(p, df, cm, meta) -> tuple[list, list]:
    """The Member columns of a wide file (named by ISO3 code or name) and the other unknown columns."""
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
    return state_cols, [c for c in candidates if c not in set(state_cols)]


def _wide_cells(p, df, meta, all_cols, state_cols, notes):
    """The non-empty Member cells of a wide file: ``(df, lines, cells, row index, column index)``.

    A second header row of full Member names (3DL wide files) is skipped and noted.
    """
    lines = np.arange(2, len(df) + 2)
    res = df[meta["resolution"]].astype(str).str.strip()
    if len(df) and res.iat[0] == "" and not df[state_cols].iloc[0].astype(str).str.strip().str.upper().isin(
        _WIDE_CODES.keys() | {""}
    ).any():
        notes.append("line 2 is a second header row (full Member names) and was skipped")
        df, lines = df.iloc[1:], lines[1:]
    cells = df[all_cols].to_numpy(dtype=object)
    cells = np.where(pd.isna(cells), "", cells).astype(str)
    r_idx, c_idx = np.nonzero(np.char.strip(cells) != "")
    if len(r_idx) == 0:
        raise EmptyFileError(f"{p}: the wide file has rows but every Member cell is empty; expected votes",
                             path=p, line=2)
    return df, lines, cells, r_idx, c_idx


def _read_undl_wide(p, df, cm, enc, unknown_codes, fill_absent, date_format=None):
    meta = _meta_columns(cm, wide=True)
    state_cols, unknown_cols = _wide_state_columns(p, df, cm, meta)
    notes: list = list(df.attrs.get("read_notes", ()))
    df, lines, cells, r_idx, c_idx = _wide_cells(p, df, meta, state_cols + unknown_cols, state_cols, notes)
    n_read = len(r_idx)
    all_cols = state_cols + unknown_cols
    nrow = len(df)
    raw_date = df[meta["date"]]
    dates_row, bad_date_row, date_reason_row = _parse_dates(raw_date, date_format=date_format, path=p,
                                                            column=meta["date"], lines=lines)
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
    rejects.add(lg, bad_date, pd.Series(date_reason_row.to_numpy()[r_idx]), present=False)
    drop |= bad_date
    for row_mask, row_reason in ((late_row, late_reason_row), (no_id_row, no_id_reason_row),
                                 (no_major_row, no_major_reason_row)):
        m = row_mask[r_idx] & ~drop
        if m.any():
            rejects.add(lg, m, row_reason[r_idx], present=False)
            drop |= m
    keep = ~drop
    lg, labels = _subset(lg, keep, reset_index=True), labels[keep].reset_index(drop=True)
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
