"""Read Erik Voeten's UNVotes release (CSV or .RData): :func:`read_voeten`.

The rules (COW codes by date, codes 1/2/3/8/9, duplicates, dates, roll-call fields by majority) are
stated in :mod:`unvotes.io.readers`.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import pandas as pd

from ._fields import _date_out_of_range, _int_count, _normalize_symbol, _parse_dates, _session_and_special, _value_codes
from .files import _check_choice, _check_date_format, _is_rdata, _check_not_empty_or_html, _check_path, _colmap, _load_table
from ._majority import _consensus, _whole_number_notes
from ._pipeline import _ISSUES, _Long, _Rejects, _build, _subset
from ._states import _dated_lookup, _no_state_reason, _state_tables
from .read_report import ReadReport
from .errors import CorruptFileError, EmptyFileError, MissingColumnsError, ReadError, UnknownSchemaError

if TYPE_CHECKING:
    from ..record.core import VotingRecord

__all__ = ["read_voeten", "read_voeten_r", "VoetenRTables", "R_TABLES"]


_VOETEN_CODES = {"1": "yes", "2": "abstain", "3": "no", "8": "absent", "9": "non_member"}


#: The three tables of the R package ``unvotes`` (one ``<name>.rda`` file each).
R_TABLES = ("un_votes", "un_roll_calls", "un_roll_call_issues")


class VoetenRTables(NamedTuple):
    """The R package ``unvotes``'s tables of Voeten's data, as published (see :func:`read_voeten_r`)."""

    roll_calls: pd.DataFrame
    votes: pd.DataFrame
    issues: pd.DataFrame


def read_voeten_r(folder: str | os.PathLike) -> VoetenRTables:
    """Read the tables of the R package ``unvotes`` (Voeten's data as David Robinson packaged it).

    Unlike :func:`read_voeten`, which turns Voeten's Dataverse release into a record, this reads
    the R package's own three tables as they are, for the build of the embedded record
    (``datasets/build.py``): no row is dropped or changed beyond the types below.

    Parameters
    ----------
    folder : str or path-like
        A folder holding ``un_votes.rda``, ``un_roll_calls.rda`` and ``un_roll_call_issues.rda``
        (``datasets/raw/unvotes-r``). Needs the optional ``rdata`` package.

    Returns
    -------
    VoetenRTables
        ``roll_calls`` (``rcid`` int64, ``session``, ``importantvote``, ``date`` datetime64 from R's
        days since 1970-01-01, ``unres``, ``amend``, ``para``, ``short``, ``descr``), ``votes``
        (``rcid`` int64, ``country``, ``country_code``, ``vote`` str: yes/abstain/no; absent and
        non-member have no row) and ``issues`` (``rcid`` int64, ``short_name`` one of
        ``me nu di hr co ec``, ``issue``).

    Raises
    ------
    FileNotFoundError
        If a table's file is missing from `folder`.
    ImportError
        If the ``rdata`` package is not installed.

    References
    ----------
    David Robinson and Nicholas Goguen-Compagnoni, ``unvotes`` 0.3.0 (CRAN, 2021), the tables of
    Erik Voeten, Anton Strezhnev and Michael Bailey, "United Nations General Assembly Voting
    Data", Harvard Dataverse, doi:10.7910/DVN/LEJUQZ.

    Examples
    --------
    The counts of the CRAN 0.3.0 build, which ``datasets/build.py`` pins (skipped in the test
    suite: reading the 869,937 votes takes about 20 s):

    >>> t = read_voeten_r("datasets/raw/unvotes-r")  # doctest: +SKIP
    >>> len(t.roll_calls), len(t.votes), len(t.issues)  # doctest: +SKIP
    (6202, 869937, 5745)
    """
    try:
        import rdata
    except ImportError as exc:
        raise ImportError("read_voeten_r reads R data files and needs the optional package 'rdata': "
                          "pip install 'unvotes[build]' (or pip install rdata)") from exc
    folder = Path(folder).expanduser()
    paths = {n: folder / f"{n}.rda" for n in R_TABLES}
    for n, p in paths.items():
        if not p.is_file():
            raise FileNotFoundError(f"no such file: {str(p)!r}; expected the R package unvotes table {n}.rda")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t = {n: rdata.read_rda(p)[n] for n, p in paths.items()}
    rc = t["un_roll_calls"].reset_index(drop=True)
    rc["rcid"] = rc["rcid"].astype("int64")
    rc["date"] = pd.to_datetime(rc["date"].astype("float64"), unit="D")
    v = t["un_votes"].reset_index(drop=True)
    v["rcid"] = v["rcid"].astype("int64")
    v["vote"] = v["vote"].astype(str)
    iss = t["un_roll_call_issues"].reset_index(drop=True)
    iss["rcid"] = iss["rcid"].astype("int64")
    return VoetenRTables(rc, v, iss)


def read_voeten(
    path: str | os.PathLike,
    *,
    unknown_codes: str = "raise",
    fill_absent: str = "verified",
    date_format: str | None = None,
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
    date_format : str, optional
        The ``strftime`` format of dates written with numbers only (``"%m/%d/%Y"``
        or ``"%d/%m/%Y"``), as for :func:`read_undl`.

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
    AmbiguousDateError
        If dates are written with numbers only and no `date_format` is given.
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
    _check_date_format(date_format)
    p = _check_path(path)
    if p.suffix.lower() in (".rdata", ".rda", ".rds") or _is_rdata(p):
        df, enc, schema, has_lines = _read_rdata(p), "R", "voeten-rdata", False
    else:
        p, df, enc, _ = _load_table(p)
        schema, has_lines = "voeten-csv", True
    return _read_voeten_table(p, df, enc, schema, has_lines, unknown_codes, fill_absent, date_format)


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


def _check_voeten_columns(p, df, cm, has_lines) -> None:
    """Raise MissingColumnsError unless the header has rcid, vote, date and ccode or Country."""
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


def _voeten_states(df, cm, eff):
    """ISO3 on the roll call's date from COW ``ccode``, then ``Country``: ``(iso3, other, near, as written)``."""
    t = _state_tables()
    d_fill = eff.fillna(pd.Timestamp("1900-01-01"))
    iso = pd.Series(np.full(len(df), None, dtype=object), index=df.index)
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
    return iso, other, near, state_raw


def _voeten_roll_calls(sub_all, cm, cons, rc_date, rcid_ok, rows_ok, lines_ok, notes) -> pd.DataFrame:
    """The roll-call table: each field is the value most of the roll call's rows hold."""
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
    _whole_number_notes(sub_all, tallies, lines_ok, rows_ok, rcid_ok,
                        {r: (cons["uniq"], cons["rep"][c]) for r, c in tallies.items()}, notes)
    rc["source"] = "voeten"
    rc["source_id"] = rc["rcid"].astype(str)
    rc["terms"] = "CC0"
    for c in ("amend", "para", "importantvote"):
        if c in cm:
            rc[c] = _voeten_bool(pd.Series(col(c))).to_numpy()
    return rc


def _read_voeten_table(p, df, enc, schema, has_lines, unknown_codes, fill_absent, date_format=None):
    cm = _colmap(df)
    _check_voeten_columns(p, df, cm, has_lines)
    n = len(df)
    notes: list = list(df.attrs.get("read_notes", ()))
    rows = np.arange(1, n + 1)
    lines = np.arange(2, n + 2) if has_lines else None
    rcid_num = pd.to_numeric(df[cm["rcid"]].astype(str).str.strip(), errors="coerce")
    rcid_num = rcid_num.where(rcid_num == rcid_num.round())
    rcid_arr = rcid_num.fillna(-1).to_numpy(dtype="int64")
    dates, bad_date, date_reason = _parse_dates(df[cm["date"]], date_format=date_format, path=p, column=cm["date"],
                                                lines=lines)
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
    iso, other, near, state_raw = _voeten_states(df, cm, eff)
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
                       date_reason)
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
    rc = _voeten_roll_calls(sub_all, cm, cons, rc_date, rcid_arr[ok], rows[ok],
                            None if lines is None else lines[ok], notes)
    return _build(lg, labels, rc, path=p, schema=schema, encoding=enc,
                  vote_column=cm["vote"], unknown_codes=unknown_codes, fill_absent=fill_absent, rejects=rejects,
                  notes=notes, rows_read=n, source=f"Voeten UNVotes ({p.name})", inconsistent=inconsistent)
