"""The embedded record: :func:`load`, :func:`citation` and :func:`describe`.

``load`` reads the tables compiled by ``datasets/build.py`` from the package
data (offline; nothing is downloaded). See ``datasets/README.md`` (the data
card) for sources, terms, coverage and the rules used to build it.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from ._resources import catalogue, has_votes_store, read_store, read_table, read_votes
from ._store import long_votes
from .codes import VOTE_DTYPE
from .core import ISSUE_CODES, VotingRecord

__all__ = ["load", "citation", "describe", "EDITIONS"]

_ISSUES = list(ISSUE_CODES)


#: The editions of the embedded record :func:`load` returns.
EDITIONS = ("official", "voeten")


@lru_cache(maxsize=1)
def _corrections() -> pd.DataFrame:
    return read_table("corrections", dtype={"rcid": "int64"}, keep_default_na=False).astype(
        {c: str for c in ("field", "state", "voeten", "official", "reason")})


@lru_cache(maxsize=1)
def _adopted() -> pd.DataFrame:
    t = read_table("adopted_without_vote")
    t["date"] = pd.to_datetime(t["date"])
    return t


def _field_values(field: str, values: pd.Series, like: pd.Series):
    """Voeten's text values of a roll-call field in the dtype of the compiled column."""
    if field == "date":
        return pd.to_datetime(values).to_numpy()
    if field == "session":
        return values.astype("int64").to_numpy()
    if field.startswith("tally_"):
        return pd.array(pd.to_numeric(values.replace("", None)), dtype="Int64")
    return values.to_numpy(dtype=object)


def _voeten_edition(rc: pd.DataFrame, votes: pd.DataFrame, corr: pd.DataFrame):
    """Undo every correction: Voeten's roll-call fields and votes, without the roll calls added."""
    added = corr.loc[corr["field"] == "roll_call", "rcid"]
    rc = rc[~rc["rcid"].isin(added)].set_index("rcid")
    cat = {c: rc[c].dtype for c in rc.columns if isinstance(rc[c].dtype, pd.CategoricalDtype)}
    for c in cat:
        rc[c] = rc[c].astype(object)
    for field, ch in corr[~corr["field"].isin(["roll_call", "vote"])].groupby("field"):
        rc.loc[ch["rcid"].to_numpy(), field] = _field_values(field, ch["voeten"], rc[field])
    for c, d in cat.items():
        rc[c] = pd.Categorical(rc[c], categories=sorted(set(d.categories) | set(rc[c].dropna())))
    rc = rc.reset_index().sort_values(["date", "rcid"], kind="stable").reset_index(drop=True)
    vc = corr[corr["field"] == "vote"]
    v = votes[~votes["rcid"].isin(added)].set_index(["rcid", "state"])["vote"].astype(object)
    v = v.drop(pd.MultiIndex.from_arrays([vc["rcid"], vc["state"]]), errors="ignore")
    back = vc[vc["voeten"] != "non_member"]
    v = pd.concat([v, pd.Series(back["voeten"].to_numpy(), index=pd.MultiIndex.from_arrays(
        [back["rcid"], back["state"]], names=["rcid", "state"]))]).sort_index()
    v = v.reset_index(name="vote")
    v["state"] = v["state"].astype("category")
    v["vote"] = v["vote"].astype(VOTE_DTYPE)
    return rc, v


@lru_cache(maxsize=1)
def _store():
    """The checked arrays of ``votes.npz``, or None where the data folder has no store."""
    return read_store() if has_votes_store() else None


@lru_cache(maxsize=1)
def _official_votes() -> pd.DataFrame:
    """The long votes table of the official edition (built once per process, on first use)."""
    return long_votes(_store()) if _store() is not None else read_votes()


@lru_cache(maxsize=1)
def _voeten_tables():
    rc, states, notes, subjects = _tables()
    rc, votes = _voeten_edition(rc, _official_votes(), _corrections())
    return rc, votes, states, notes, subjects[subjects["rcid"].isin(rc["rcid"])]


@lru_cache(maxsize=1)
def _tables():
    rc = read_table(
        "roll_calls",
        dtype={"rcid": "int64", "session": "int64", "special_session": str, "symbol": str, "unres": str,
               "title": str, "description": str, "agenda_title": str, "kind": "category", "issue_source": str,
               "source": "category", "source_id": str, "terms": "category", "important": "boolean",
               **{c: "boolean" for c in _ISSUES},
               **{f"tally_{k}": "Int64" for k in ("yes", "no", "abstain", "absent")}},
        keep_default_na=False, na_values={c: [""] for c in ["important", *_ISSUES, "tally_yes", "tally_no",
                                                             "tally_abstain", "tally_absent"]},
        parse_dates=["date"],
    )
    rc["kind"] = rc["kind"].cat.set_categories(
        ["resolution", "amendment", "paragraph", "decision", "procedural", "unknown"])
    states = read_table("states")
    notes = read_table("notes")
    subjects = read_table("subjects", dtype={"rcid": "int64", "subject": str}, keep_default_na=False)
    return rc, states, notes, subjects


def load(edition: str = "official") -> VotingRecord:
    """Load the embedded General Assembly record (offline).

    Parameters
    ----------
    edition : {"official", "voeten"}, default "official"
        ``"official"``: where a roll call has an official UN record (UN
        Digital Library, DGACM), its symbol, date, title, session and votes
        come from it, and the recorded votes missing from Voeten's data are
        added; every change against Voeten's values is in
        ``record.corrections``. ``"voeten"``: Voeten's values for 1946-2019
        exactly as R unvotes 0.3.0 ships them (undoing every correction),
        with the same later roll calls.

    Returns
    -------
    VotingRecord
        With these tables:

        ``roll_calls`` (one row per recorded vote, ordered by date then rcid)
            ``rcid`` (int64; Voeten's id for 1946-2019, 100001 and up for the
            roll calls unvotes added), ``session`` (int64, regular session in
            progress on the date), ``special_session`` (``"ES-11"``... or ""),
            ``date`` (datetime64; the official meeting date where the UN has
            a record of the vote, else Voeten's, approximate for some early
            votes), ``symbol`` (``"A/RES/ES-11/7"``; the official symbol where
            the UN has a record, else converted mechanically from Voeten's
            ``unres``), ``unres`` (Voeten's code),
            ``title`` (official title where a source gives one, else Voeten's
            short description), ``description`` (Voeten's), ``agenda_title``,
            ``kind`` (resolution, amendment, paragraph, decision, procedural,
            unknown: Voeten coded amendments and paragraphs only to 1985),
            ``important`` (State Department important vote; NA where not
            classified), ``me nu di hr co ec`` (Voeten's issue codes; NA where
            not coded), ``issue_source``, ``tally_yes tally_no tally_abstain
            tally_absent`` (totals recorded by the source; NA if none),
            ``source``, ``source_id``, ``terms`` (CC0, UN, UNDL-NC, press).
        ``votes``
            ``rcid``, ``state`` (ISO 3166-1 alpha-3, categorical), ``vote``
            (ordered categorical yes < abstain < no, then absent; non-members
            have no row).
        ``states``
            Membership spells from ``members.csv`` (strings as published).

    Raises
    ------
    ValueError
        For an `edition` other than "official" or "voeten".
    unvotes.DataIntegrityError
        If the compiled tables shipped with the package fail their checks
        (a damaged installation: reinstall unvotes).

    Notes
    -----
    Sources: Voeten's UNGA voting data via the R package ``unvotes`` 0.3.0
    (CC0; 1946-2019), the UN DGACM machine-readable resolutions (2019-2026;
    acknowledge the United Nations), scrapes of the UN Digital Library
    (non-commercial use with attribution; ``terms == "UNDL-NC"``), and one
    press-compiled list (A/RES/ES-10/23). See ``unvotes.citation()``.

    Examples
    --------
    >>> import unvotes
    >>> record = unvotes.load()
    >>> int(record.roll_calls["date"].dt.year.min()), int(record.roll_calls["date"].dt.year.max())
    (1946, 2026)
    """
    if edition not in EDITIONS:
        raise ValueError(f"unknown edition {edition!r}; choose one of {list(EDITIONS)}")
    if edition == "voeten":
        rc, votes, states, notes, subjects = _voeten_tables()
        rec = VotingRecord(rc, votes, states, source="embedded, Voeten edition", notes=notes, subjects=subjects)
    elif _store() is not None:  # the votes stay the store's matrix until a method needs the long table
        rc, states, notes, subjects = _tables()
        rec = VotingRecord._from_store(rc, _store(), _official_votes, states, source="embedded", notes=notes,
                                       subjects=subjects)
    else:
        rc, states, notes, subjects = _tables()
        rec = VotingRecord(rc, _official_votes(), states, source="embedded", notes=notes, subjects=subjects)
    rec._corrections = _corrections if edition == "official" else (lambda: _corrections().iloc[0:0])
    rec._adopted = _adopted
    return rec


def citation() -> str:
    """What to cite when you use the embedded record.

    Returns
    -------
    str
        The sources of the data and their terms.

    Examples
    --------
    >>> import unvotes
    >>> "Voeten" in unvotes.citation()
    True
    """
    return (
        "Voting data 1946-2019: Erik Voeten, \"Data and Analyses of Voting in the UN General Assembly\", in "
        "B. Reinalda (ed.), Routledge Handbook of International Organization (2013); data: Harvard Dataverse "
        "hdl:1902.1/12379 (doi:10.7910/DVN/LEJUQZ), CC0, as packaged in the R package unvotes 0.3.0 "
        "(D. Robinson, MIT).\n"
        "Voting data 2019-2026: United Nations, Department for General Assembly and Conference Management, "
        "machine-readable General Assembly resolutions (UNxml/GAresolutions). Source: United Nations.\n"
        "Roll calls marked terms == 'UNDL-NC': United Nations Digital Library, General Assembly voting records "
        "(c) United Nations, non-commercial use with attribution.\n"
        "Membership and blocs: unvotes reference tables (datasets/raw/reference-tables/SOURCES.md).\n"
        "Software: unvotes, a Python library for the UN General Assembly voting record."
    )


def describe() -> dict:
    """The build manifest of the embedded record: row counts, checksums, coverage.

    Returns
    -------
    dict
        ``outputs`` (file -> rows, sha256), ``inputs`` (raw file -> sha256)
        and ``summary`` (roll calls, votes, first and last date, votes by
        value, roll calls by source, tally exceptions).

    Examples
    --------
    >>> import unvotes
    >>> unvotes.describe()["summary"]["first_date"]
    '1946-01-01'
    """
    return catalogue()
