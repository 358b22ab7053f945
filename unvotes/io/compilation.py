"""Compiling the embedded record: laying the raw sources together in their order of precedence.

``datasets/build.py`` reads each raw source with the public readers of :mod:`unvotes.io`
(:func:`~unvotes.io.voeten.read_voeten_r`, :func:`~unvotes.io.dgacm.read_dgacm`,
:func:`~unvotes.io.undl.read_undl_table`, :func:`~unvotes.io.press.read_press_list`) and
hands them, one step per source, to a :class:`Compilation`:

1. :func:`add_voeten_r`: 1946 to 2019-12-27, the R package ``unvotes`` 0.3.0 tables (Voeten's
   data); absent and non-member are rebuilt from ``members.csv`` in :func:`vote_table`.
2. :func:`add_dgacm`: from 2019-11-07, the UN DGACM machine-readable resolutions, deduplicated
   and name-normalised. Session 74 is in both: the R roll call is kept (it carries Voeten's
   rcid and issue codes) and the two are cross-checked (:func:`cross_check_dgacm`).
3. :func:`add_undl_gaps`: gaps of both, from the UN Digital Library scrape ``UN_DATA.csv.zip``.
4. :func:`add_3dl`: 2025 gaps, from the 3DL scrape of the UN Digital Library (cross-checked
   where it repeats a roll call, :func:`cross_check_3dl`).
5. :func:`add_press_list`: a roll call from a press-compiled list.

A step adds only roll calls whose resolution symbol no earlier step holds, so the order of
the calls is the order of precedence. :func:`compile_record` then numbers, dates, checks and
codes the whole (:func:`roll_call_table`, :func:`assign_rcids`, :func:`vote_table`,
:func:`check_tallies`, :func:`fill_es_agenda`, :func:`subject_table`), and
:func:`write_compiled` writes the tables and their manifest, deterministically.

Every state is keyed by ISO 3166-1 alpha-3; an unknown or ambiguous name stops the build with
:class:`~unvotes.UnknownStateError` naming it. A broken invariant (a duplicate vote, a vote
without a seat, a tally that does not match, two sources that disagree) raises
:class:`~unvotes.DataIntegrityError`. The rules and their sources: DATA-NOTES.md sections 2-7.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import io
import json
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import DataIntegrityError
from ..record import symbol_key
from ..record._names import NameIndex, normalize_name
from ..record._store import votes_store_bytes
from .dgacm import dgacm_count

__all__ = [
    "Compilation", "Membership", "CompiledRecord",
    "add_voeten_r", "add_dgacm", "add_undl_gaps", "add_3dl", "add_press_list",
    "compile_record", "roll_call_table", "assign_rcids", "vote_table", "check_tallies",
    "cross_check_dgacm", "cross_check_3dl", "fill_es_agenda", "subject_table", "output_tables",
    "write_compiled", "voeten_symbol", "undl_symbol", "undl_title", "special_session_of",
    "NEW_RCID_START", "MAX_DATE_SLACK_DAYS", "UNDL_FILL_FROM",
]

#: rcids of roll calls not in Voeten's data start here (Voeten's end at 9147).
NEW_RCID_START = 100_001
#: tolerance (days) for approximate early Voeten dates outside a membership spell.
MAX_DATE_SLACK_DAYS = 62
#: UN_DATA fills Voeten's missing roll calls from this date on.
UNDL_FILL_FROM = "1990-01-01"

_ISSUES = ["me", "nu", "di", "hr", "co", "ec"]
_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
          (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
_DGACM_LISTS = (("MS_in_favour", "yes"), ("MS_against", "no"), ("MS_abstaining", "abstain"))
_OUTPUT_COLUMNS = ["rcid", "session", "special_session", "date", "symbol", "unres", "title", "description",
                   "agenda_title", "kind", "important", *_ISSUES, "issue_source", "tally_yes", "tally_no",
                   "tally_abstain", "tally_absent", "source", "source_id", "terms"]


def _log_stderr(*a) -> None:
    print(*a, file=sys.stderr)


def _roman(n: int) -> str:
    out = ""
    for v, s in _ROMAN:
        while n >= v:
            out += s
            n -= v
    return out


# --------------------------------------------------------------------------- symbols
def voeten_symbol(unres: str) -> str:
    """Official-style symbol from Voeten's ``unres`` code (mechanical conversion).

    ``R/<s>/<n><part>`` -> ``A/RES/<s>/<n> <part>`` from session 31, ``A/RES/<n>(<roman s>) <part>``
    before; ``ESS/<s>/<n>`` -> ``A/RES/ES-<s>/<n>``; ``SS/<s>/<n>`` -> ``A/RES/S-<s>/<n>``.

    Examples
    --------
    >>> voeten_symbol("R/74/1"), voeten_symbol("R/1/1"), voeten_symbol("ESS/10/14")
    ('A/RES/74/1', 'A/RES/1(I)', 'A/RES/ES-10/14')
    """
    u = (unres or "").strip()
    if not u:
        return ""
    if u.startswith("A/RES/"):
        return u
    m = re.fullmatch(r"R/(\d+)/(\d+)([A-Z]*)(?:/(.*))?", u)
    if m:
        s, n, part, extra = int(m[1]), m[2], m[3], m[4]
        base = f"A/RES/{s}/{n}" if s >= 31 else f"A/RES/{n}({_roman(s)})"
        tail = " ".join(x for x in (part, extra) if x)
        return f"{base} {tail}".strip()
    m = re.fullmatch(r"(ESS|SS)/(\d+)/(\d+)([A-Z]*)", u)
    if m:
        pre = "ES-" if m[1] == "ESS" else "S-"
        return f"A/RES/{pre}{m[2]}/{m[3]}{(' ' + m[4]) if m[4] else ''}"
    return u


def undl_symbol(s: str) -> str:
    """Normalise a UN Digital Library symbol.

    Examples
    --------
    >>> undl_symbol("A/RES/73/268B"), undl_symbol("[A/RES/ES-11/7]")
    ('A/RES/73/268 B', 'A/RES/ES-11/7')
    """
    s = str(s).strip().replace("[", "").replace("]", "")
    m = re.fullmatch(r"(A/RES/(?:ES-|S-)?\d+/\d+)\s*([A-Z]{1,2}(?:-[A-Z])?)?", s)
    if m:
        return f"{m[1]} {m[2]}".strip() if m[2] else m[1]
    return s


def undl_title(t: str) -> str:
    """Strip the UN Digital Library's ``' : resolution / adopted by the General Assembly'`` suffix.

    Examples
    --------
    >>> undl_title("Aggression against Ukraine : resolution / adopted by the General Assembly")
    'Aggression against Ukraine'
    """
    return re.sub(r"\s*:\s*(?:resolutions?|decision) / adopted by the General Assembly.*$", "", str(t)).strip()


def special_session_of(symbol: str) -> str:
    """The special or emergency special session of a symbol (``"ES-11"``, ``"S-32"``), else ``""``.

    Examples
    --------
    >>> special_session_of("A/RES/ES-11/7"), special_session_of("A/RES/79/1")
    ('ES-11', '')
    """
    m = re.match(r"A/(?:RES|DEC)/(ES-\d+|S-\d+)/", symbol)
    return m[1] if m else ""


# --------------------------------------------------------------------------- membership
class Membership:
    """Who held a seat on a date, from members.csv (``[seat_from, left)``, minus ``absent_periods``).

    Parameters
    ----------
    members : pandas.DataFrame
        ``reference-tables/members.csv`` as text (columns ``iso3``, ``seat_from``, ``left``,
        ``absent_periods``).
    """

    def __init__(self, members: pd.DataFrame):
        self.m = members
        rows = []
        for r in members.itertuples(index=False):
            start = pd.Timestamp(r.seat_from)
            end = pd.Timestamp(r.left) if r.left else pd.Timestamp("2262-01-01")
            cuts = []
            if r.absent_periods:
                for p in r.absent_periods.split(";"):
                    a, b = p.split("/")
                    cuts.append((pd.Timestamp(a), pd.Timestamp(b)))
            pieces, cur = [], start
            for a, b in sorted(cuts):
                pieces.append((cur, a))
                cur = b
            pieces.append((cur, end))
            rows += [(r.iso3, a, b) for a, b in pieces if a < b]
        self.spells = pd.DataFrame(rows, columns=["iso3", "start", "end"])

    def members_on(self, dates: pd.Series) -> pd.DataFrame:
        """Cross join of unique dates with the states seated on each (columns ``date``, ``state``)."""
        d = pd.DataFrame({"date": pd.Series(dates.unique())})
        x = d.merge(self.spells, how="cross")
        x = x[(x.date >= x.start) & (x.date < x.end)]
        return x[["date", "iso3"]].rename(columns={"iso3": "state"})


@dataclasses.dataclass
class Compilation:
    """The record being compiled: roll calls and votes added source by source.

    Parameters
    ----------
    members, aliases : pandas.DataFrame
        ``reference-tables/members.csv`` and ``aliases/state_aliases.csv`` as text.
    log : callable, optional
        Called with each message of the build (default: print to stderr).

    Attributes
    ----------
    roll_calls : list of dict
        One dict per roll call (the compiled table's columns, ``rcid`` None until numbered).
    r_votes : pandas.DataFrame or None
        The R package's votes (``rcid``, ``state``, ``vote``).
    listed_votes : list of tuple
        ``(symbol key, ISO3, vote)`` of the other sources.
    subjects : list of tuple
        ``(symbol key, UNBIS subject)``.
    """

    members: pd.DataFrame
    aliases: pd.DataFrame
    log: Any = None  # a callable taking one message; None: print to stderr
    roll_calls: list = dataclasses.field(default_factory=list, init=False)
    r_votes: pd.DataFrame | None = dataclasses.field(default=None, init=False)
    listed_votes: list = dataclasses.field(default_factory=list, init=False)
    subjects: list = dataclasses.field(default_factory=list, init=False)
    #: symbol key -> R roll call (dict) of step 1
    r_keys: dict = dataclasses.field(default_factory=dict, init=False)
    #: symbol -> DGACM record of step 2 (deduplicated, with its normalised "_lists")
    dgacm: dict = dataclasses.field(default_factory=dict, init=False)
    dgacm_overlap: int = dataclasses.field(default=0, init=False)
    #: symbol key -> non-voting marks of the FR Yugoslavia nameplate without a seat (step 3)
    fry_marks: dict = dataclasses.field(default_factory=dict, init=False)
    #: (symbol, date, states) of UN_DATA roll calls rejected in step 3
    rejected_undl: list = dataclasses.field(default_factory=list, init=False)
    #: the 3DL processed table of step 4, for its cross-check
    tdl: Any = dataclasses.field(default=None, init=False)  # a DataFrame once step 4 ran

    def __post_init__(self):
        if self.log is None:
            self.log = _log_stderr
        self.names = NameIndex(self.members, self.aliases)
        self.seats = Membership(self.members)

    def iso(self, name: str, date: pd.Timestamp) -> str:
        """ISO3 of a state name on a date (raises UnknownStateError naming it)."""
        return self.names.lookup(name, date)

    def known(self) -> set:
        """Symbol keys of the roll calls added so far."""
        return {symbol_key(x["symbol"]) for x in self.roll_calls}

    def add_roll_call(self, **fields: Any) -> None:
        """Add one roll call; issue codes not given are NA."""
        row = {**fields}
        for c in _ISSUES:
            row.setdefault(c, pd.NA)
        self.roll_calls.append(row)


def _source_row(*, symbol, date, session, title, agenda_title="", kind="resolution", source, source_id, terms,
                tallies=(pd.NA, pd.NA, pd.NA, pd.NA)) -> dict:
    """A roll call of a source other than Voeten's (no rcid yet, no issue codes)."""
    return dict(
        rcid=None, session=session, special_session=special_session_of(symbol), date=date, symbol=symbol,
        unres="", title=title, description="", agenda_title=agenda_title, kind=kind, important=pd.NA,
        issue_source="", source=source, source_id=source_id, terms=terms,
        tally_yes=tallies[0], tally_no=tallies[1], tally_abstain=tallies[2], tally_absent=tallies[3],
    )


# --------------------------------------------------------------------------- 1. R unvotes (Voeten)
def _voeten_kind(amend, para) -> str:
    if pd.notna(amend) and amend == 1:
        return "amendment"
    if pd.notna(para) and para == 1:
        return "paragraph"
    if pd.notna(amend) and pd.notna(para):
        return "resolution"
    return "unknown"


def add_voeten_r(comp: Compilation, roll_calls: pd.DataFrame, votes: pd.DataFrame, issues: pd.DataFrame) -> None:
    """Step 1: the R package ``unvotes`` tables (:func:`~unvotes.io.voeten.read_voeten_r`).

    Each roll call keeps Voeten's rcid, session, date, ``unres`` (and its official-style symbol,
    :func:`voeten_symbol`), short title, description and issue codes; ``important`` is NA in
    sessions before the first vote Voeten marked important. Each vote's country name is mapped
    to ISO3 on the roll call's date.
    """
    rc = roll_calls.sort_values("rcid")
    imp_start = int(rc.loc[rc.importantvote == 1, "session"].min())
    v = votes.merge(rc[["rcid", "date"]], on="rcid", how="left", validate="many_to_one")
    if v["date"].isna().any():
        raise DataIntegrityError("R un_votes has rcids unknown to un_roll_calls")
    pairs = v[["country", "date"]].drop_duplicates()  # map (name, date) -> iso3 once per distinct pair
    pairs["state"] = [comp.iso(n, d) for n, d in zip(pairs.country, pairs.date)]
    v = v.merge(pairs, on=["country", "date"], how="left")
    comp.r_votes = v[["rcid", "state", "vote"]]
    issue_sets = issues.groupby("rcid")["short_name"].agg(set)
    for r in rc.itertuples(index=False):
        imp = pd.NA if (pd.isna(r.importantvote) or r.session < imp_start) else bool(r.importantvote)
        codes = issue_sets.get(r.rcid, set())
        symbol = voeten_symbol(r.unres if pd.notna(r.unres) else "")
        row = dict(
            rcid=int(r.rcid), session=int(r.session), special_session=special_session_of(symbol), date=r.date,
            symbol=symbol, unres=r.unres if pd.notna(r.unres) else "",
            title=r.short if pd.notna(r.short) else "", description=r.descr if pd.notna(r.descr) else "",
            agenda_title="", kind=_voeten_kind(r.amend, r.para), important=imp, issue_source="voeten",
            source="voeten_r", source_id=f"rcid {int(r.rcid)}", terms="CC0",
        )
        row.update({c: c in codes for c in _ISSUES})
        comp.roll_calls.append(row)
    comp.r_keys = {symbol_key(x["symbol"]): x for x in comp.roll_calls if x["symbol"]}
    comp.log(f"R unvotes: {len(rc)} roll calls, {len(v)} votes; important votes coded from session {imp_start}")


# --------------------------------------------------------------------------- 2. DGACM
def _parse_date(s: str) -> pd.Timestamp:
    s = str(s).replace("\u00a0", " ").strip()
    return pd.Timestamp(pd.to_datetime(s, format="mixed")).normalize()


def _dedupe_dgacm(records: list[dict]) -> tuple[dict, int]:
    """Symbol -> record, with the name lists normalised; duplicate records must agree."""
    by_symbol: dict[str, dict] = {}
    dup_count = 0
    for r in records:
        lists = {k: sorted({normalize_name(x) for x in (r.get(k) or [])}) for k, _ in _DGACM_LISTS}
        r["_lists"] = lists
        s = r["symbol"].strip()
        if s in by_symbol:
            if by_symbol[s]["_lists"] != lists:
                raise DataIntegrityError(
                    f"unxml: duplicate records of {s} disagree ({by_symbol[s]['_file']} vs {r['_file']})")
            dup_count += 1
            continue
        by_symbol[s] = r
    return by_symbol, dup_count


def add_dgacm(comp: Compilation, records: list[dict]) -> None:
    """Step 2: the DGACM records (:func:`~unvotes.io.dgacm.read_dgacm`) with name lists.

    A record already in step 1 (session 74, autumn 2019) keeps the R roll call, takes the
    DGACM title, agenda title and subjects, and is cross-checked later
    (:func:`cross_check_dgacm`). A recorded vote without name lists is left to step 3.
    """
    by_symbol, dup_count = _dedupe_dgacm(records)
    comp.dgacm = by_symbol
    for s, r in sorted(by_symbol.items()):
        lists = r["_lists"]
        n_listed = sum(len(x) for x in lists.values())
        counts = [dgacm_count(r.get(k)) for k in ("MS_in_favour_count", "MS_against_count", "MS_abstaining_count")]
        recorded = ("recorded" in (r.get("adoption_type") or "").lower()
                    or r.get("voting_type") == "adoptedRecordedVote")
        if n_listed == 0:
            if recorded or any(counts):
                comp.log(f"unxml: {s} is a recorded vote without name lists (counts {counts}); "
                         "taken from the UNDL scrape")
            continue
        date = _parse_date(r["adoption_date"])
        key = symbol_key(s)
        subjects = [(key, subj[0]) for subj in r.get("subjects") or []]
        if key in comp.r_keys:  # session 74, autumn 2019: keep the R roll call, cross-check
            rr = comp.r_keys[key]
            rr["kind"] = "resolution"
            rr["title"], rr["agenda_title"] = r.get("title", ""), r.get("agenda_item_name", "")
            rr["_xml"] = (r, lists, counts)
            comp.dgacm_overlap += 1
            comp.subjects += subjects
            continue
        m: Any = re.match(r"(?:ES-|S-)?(\d+)/", r["resolution_number"])
        comp.add_roll_call(**_source_row(
            symbol=s, date=date, session=None if special_session_of(s) else int(m[1]), title=r.get("title", ""),
            agenda_title=r.get("agenda_item_name", ""), source="unxml", source_id=r["_file"], terms="UN",
            tallies=tuple(c if c is not None else 0 for c in counts) + (pd.NA,)))
        comp.subjects += subjects
        for k, lab in _DGACM_LISTS:
            for nm in lists[k]:
                comp.listed_votes.append((key, comp.iso(nm, date), lab))
    comp.log(f"unxml: {len(by_symbol)} unique symbols ({dup_count} duplicate records merged, lists equal); "
             f"{comp.dgacm_overlap} session-74 roll calls already in R unvotes")


# --------------------------------------------------------------------------- 3. UN_DATA gaps
def _undl_gap_rows(comp: Compilation, und: pd.DataFrame) -> pd.DataFrame:
    """The UN_DATA records that fill gaps of steps 1 and 2 (three rules, DATA-NOTES.md 6)."""
    known = set(comp.r_keys) | {symbol_key(x["symbol"]) for x in comp.roll_calls if x["source"] == "unxml"}
    r_end = max(x["date"] for x in comp.roll_calls if x["source"] == "voeten_r")
    xml_start: dict[int, pd.Timestamp] = {}
    for r in comp.dgacm.values():
        m = re.match(r"(\d+)/", r["resolution_number"])
        if m and sum(map(len, r["_lists"].values())):
            d = _parse_date(r["adoption_date"])
            xml_start[int(m[1])] = min(d, xml_start.get(int(m[1]), d))
    # (a) gap windows: after each source's end and before the next one's start
    r_last_73 = max(x["date"] for x in comp.roll_calls if x["source"] == "voeten_r" and x["session"] == 73)
    windows = [(r_last_73, min(xml_start.values())), (r_end, xml_start[75])]
    take = und[np.array([any(a < d < b for a, b in windows) if pd.notna(d) else False for d in und.date_ts])
               & ~und.symbol.map(symbol_key).isin(known)]
    # (b) multi-part records that DGACM gives as one record with counts and no lists ("A/RES/75/254 A-C"):
    # take each part (A, B, C) from the UNDL scrape
    combined = {symbol_key(s) for s, r in comp.dgacm.items() if not sum(map(len, r["_lists"].values()))
                and ("recorded" in (r.get("adoption_type") or "").lower())}
    bases = [re.sub(r"[A-Z]-[A-Z]$", "", c) for c in combined]
    parts = und[und.symbol.map(lambda s: any(re.fullmatch(re.escape(b) + r"[A-Z]", symbol_key(s)) for b in bases))]
    # (c) recorded votes that Voeten's data lack inside their own span (e.g. A/RES/ES-10/1-18 and 20, A/RES/73/8):
    # resolution symbols absent from the R tables, dated on a day with no R roll call at all, from 1990 on
    # (before 1990 the scrape's symbols and Voeten's approximate dates do not match reliably)
    r_dates = {x["date"] for x in comp.roll_calls if x["source"] == "voeten_r"}
    inside = und[(und.date_ts >= pd.Timestamp(UNDL_FILL_FROM)) & (und.date_ts <= r_end)
                 & und.symbol.str.startswith("A/RES/") & ~und.symbol.map(symbol_key).isin(known)
                 & ~und.date_ts.isin(r_dates)]
    return pd.concat([take, parts, inside]).drop_duplicates("token")


def _unseated(comp: Compilation, cast, date, seated_on) -> list:
    unseated = []
    for c, _ in cast:
        try:
            if (date, comp.iso(c, date)) not in seated_on:
                unseated.append(c)
        except Exception:  # a name with no seat on the date (e.g. a dated alias)
            unseated.append(c)
    return unseated


def add_undl_gaps(comp: Compilation, und: pd.DataFrame) -> None:
    """Step 3: gaps of steps 1 and 2 from the UN_DATA scrape (:func:`~unvotes.io.undl.read_undl_table`).

    A record whose cast votes include a state without a seat on its date is rejected (its
    list cannot belong to that date) and listed in the manifest. A non-voting mark of the FR
    Yugoslavia's nameplate while no Yugoslav seat was held (1992-09-22 to 2000-11-01) is read
    as non-member, not absent (counted in ``comp.fry_marks``).
    """
    und = und.copy()
    und["symbol"] = und["Resolution"].map(undl_symbol)
    und["date_ts"] = pd.to_datetime(und["Date"], format="%Y-%m-%d", errors="coerce")
    take = _undl_gap_rows(comp, und)
    seated_on = comp.seats.members_on(take.date_ts.dropna())
    seated_on = set(zip(seated_on.date, seated_on.state))
    non_voting_outside = []
    country_cols = [c for c in und.columns[11:] if c not in ("symbol", "date_ts")]
    code = {"Y": "yes", "N": "no", "A": "abstain", "X": "absent"}
    for r in take.sort_values(["date_ts", "symbol"]).itertuples(index=False):
        key = symbol_key(r.symbol)
        rowvals = und.loc[und.token == r.token, country_cols].iloc[0]
        cast = [(c.strip(), v) for c, v in rowvals.items() if v in ("Y", "N", "A")]
        unseated = _unseated(comp, cast, r.date_ts, seated_on)
        if unseated:  # the record's list cannot belong to that date: reject the roll call, say so
            comp.rejected_undl.append((r.symbol, str(r.date_ts.date()), sorted(unseated)))
            continue
        comp.add_roll_call(**_source_row(
            symbol=r.symbol, date=r.date_ts, title=undl_title(r.Title),
            session=int(re.match(r"A/RES/(\d+)/", r.symbol)[1])  # type: ignore[index]  # matched upstream
            if not special_session_of(r.symbol) else None,
            source="undl_un_data", source_id=f"UNDL record {r.token}", terms="UNDL-NC",
            tallies=(int(r._8), int(r._7), int(r._6), int(r._5))))
        for col, val in rowvals.items():
            if val:
                lab = code[val]
                if lab == "absent" and col.strip().upper() == "YUGOSLAVIA" and not any(
                        (r.date_ts, c) in seated_on for c in ("YUG", "SCG", "SRB")):
                    # the FR Yugoslavia's nameplate 1992-2000 (no seat in members.csv): not a Member's absence
                    non_voting_outside.append((r.symbol, col.strip()))
                    continue
                comp.listed_votes.append((key, comp.iso(col.strip(), r.date_ts), lab))
    rejected = {y[0] for y in comp.rejected_undl}
    comp.log(f"UN_DATA.csv.zip: took {len(take) - len(comp.rejected_undl)} roll calls: "
             f"{', '.join(x for x in take.symbol if x not in rejected)}")
    for sym_, date_, who in comp.rejected_undl:
        comp.log(f"UN_DATA.csv.zip: REJECTED {sym_} ({date_}): votes cast by states without a UN seat on that "
                 f"date: {who}")
    for sym_, _ in non_voting_outside:
        comp.fry_marks[symbol_key(sym_)] = comp.fry_marks.get(symbol_key(sym_), 0) + 1
    if non_voting_outside:
        comp.log(f"UN_DATA.csv.zip: {len(non_voting_outside)} non-voting marks of YUGOSLAVIA while no Yugoslav "
                 f"seat was held (1992-09-22 to 2000-11-01) read as non-member: "
                 f"{sorted({x[0] for x in non_voting_outside})}")


# --------------------------------------------------------------------------- 4. 3DL 2025
_3DL_CODES = {"YES": "yes", "NO": "no", "ABSTAIN": "abstain"}


def _3dl_iso_columns(tdl: pd.DataFrame) -> list:
    return list(tdl.columns[16:])


def add_3dl(comp: Compilation, processed: pd.DataFrame, wide: pd.DataFrame) -> None:
    """Step 4: 2025 gaps from the 3DL scrape (processed table; UNBIS subjects from the wide one).

    Subjects come from the wide file's ``"Topic Tags"`` (``"; "``-separated; the processed file's
    comma-separated ``tags`` splits headings that contain commas). A roll call already present is
    cross-checked later (:func:`cross_check_3dl`).
    """
    comp.tdl = processed
    wide = wide[wide.Resolution != ""]  # the second header row holds country names
    tags3 = {symbol_key(undl_symbol(a)): list(dict.fromkeys(t.strip() for t in b.split(";") if t.strip()))
             for a, b in zip(wide.Resolution, wide["Topic Tags"])}
    iso_cols = _3dl_iso_columns(processed)
    known = comp.known()
    added3, check3 = [], 0
    for r in processed.itertuples(index=False):
        sym = undl_symbol(r.Resolution)
        key = symbol_key(sym)
        if key in known:
            check3 += 1
            continue
        row_votes = processed.loc[processed.token == r.token, iso_cols].iloc[0]
        added3.append(sym)
        m = re.match(r"A/(?:RES|DEC)/(\d+)/", sym)
        comp.add_roll_call(**_source_row(
            symbol=sym, date=pd.Timestamp(r.Date).normalize(), session=int(m[1]) if m else None,
            title=undl_title(r.Title), kind="decision" if "/DEC/" in sym else "resolution", source="undl_3dl",
            source_id=f"UNDL record {r.token}", terms="UNDL-NC",
            tallies=(int(r._10), int(r._11), int(r._12), int(r._13))))
        comp.subjects += [(key, t) for t in tags3.get(key, [])]
        for c, x in row_votes.items():
            if x:
                if c not in comp.names.codes:
                    raise DataIntegrityError(f"3DL: unknown ISO3 column {c!r}")
                comp.listed_votes.append((key, c, _3DL_CODES[x]))
    comp.log(f"3DL 2025: added {len(added3)} roll calls ({', '.join(added3)}); {check3} already present")


# --------------------------------------------------------------------------- 5. press list
def add_press_list(comp: Compilation, press: pd.DataFrame, *, symbol: str, date: str | pd.Timestamp, title: str,
                   source_id: str) -> None:
    """Step 5: one roll call from a press-compiled list (:func:`~unvotes.io.press.read_press_list`).

    The roll call's symbol, date and title are those the list's README names; it has no stated
    totals (``tally_*`` NA) and ``source`` ``"press"``. Skipped if an earlier step holds the symbol.
    """
    if symbol_key(symbol) in comp.known():
        return
    date = pd.Timestamp(date)
    comp.add_roll_call(**_source_row(symbol=symbol, date=date, session=None, title=title, source="press",
                                     source_id=source_id, terms="press"))
    for c, lab in zip(press.country, press.vote):
        comp.listed_votes.append((symbol_key(symbol), comp.iso(c, date), lab))


# --------------------------------------------------------------------------- assembly
def roll_call_table(comp: Compilation) -> pd.DataFrame:
    """The roll calls as one table; sessions of special-session votes filled.

    A special or emergency special session's vote gets the regular session in progress on its
    date (the last regular session opened, by its first roll call, on or before the date).
    """
    R = pd.DataFrame(comp.roll_calls)
    opening = (R[R.special_session == ""].groupby("session").date.min()).sort_index()
    miss = R.session.isna()
    R.loc[miss, "session"] = [int(opening.index[opening.searchsorted(d, side="right") - 1]) for d in R.loc[miss, "date"]]
    R["session"] = R["session"].astype("int64")
    return R


def assign_rcids(R: pd.DataFrame, registry: dict) -> dict:
    """Number the roll calls not in Voeten's data; returns the registry (symbol -> rcid) extended.

    A symbol in `registry` (``datasets/rcid_registry.csv``) keeps its rcid; a new one gets the
    next number from :data:`NEW_RCID_START`, in (date, symbol) order. So rcids stay stable as
    sources are added.
    """
    regmap = dict(registry)
    new = R[R.rcid.isna()].sort_values(["date", "symbol"])
    nxt = max([NEW_RCID_START - 1, *regmap.values()]) + 1
    for i in new.index:
        s = R.at[i, "symbol"]
        if s not in regmap:
            regmap[s] = nxt
            nxt += 1
        R.at[i, "rcid"] = regmap[s]
    R["rcid"] = R["rcid"].astype("int64")
    if R.rcid.duplicated().any():
        raise DataIntegrityError(f"duplicate rcids: {R.rcid[R.rcid.duplicated()].tolist()}")
    return regmap


def _key_to_rcid(R: pd.DataFrame) -> dict:
    return {symbol_key(s): r for s, r, src in zip(R.symbol, R.rcid, R.source) if src != "voeten_r"}


def vote_table(comp: Compilation, R: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every (roll call, seated state) pair with its vote; absent where a seated state cast none.

    Returns the votes (``rcid``, ``state``, ``vote``; sorted) and the report of votes that fall
    outside the voter's membership spell by at most :data:`MAX_DATE_SLACK_DAYS` (Voeten's early
    dates are approximate, often the first of a month: such a state counts as seated on that
    roll call). A vote farther outside raises DataIntegrityError.
    """
    X = pd.DataFrame(comp.listed_votes, columns=["key", "state", "vote"])
    X["rcid"] = X.key.map(_key_to_rcid(R))
    V = pd.concat([comp.r_votes, X[["rcid", "state", "vote"]]], ignore_index=True)
    dup = V.duplicated(["rcid", "state"], keep=False)
    if dup.any():
        raise DataIntegrityError(f"duplicate (rcid, state) votes:\n{V[dup].head(20)}")
    V = V.merge(R[["rcid", "date"]], on="rcid", how="left", validate="many_to_one")
    seats = comp.seats
    full = R[["rcid", "date"]].merge(seats.members_on(R.date), on="date")
    chk = V.merge(full[["rcid", "state"]], on=["rcid", "state"], how="left", indicator=True)
    outside = chk[chk._merge == "left_only"].merge(seats.spells, left_on="state", right_on="iso3", how="left")
    # distance (days) from the vote's date to the nearest seat spell of that state
    gap = np.minimum((outside.start - outside.date).dt.days.abs(), (outside.date - outside.end).dt.days.abs())
    outside = outside.assign(gap=gap).groupby(["rcid", "state", "date"], as_index=False).gap.min()
    far = outside[outside.gap > MAX_DATE_SLACK_DAYS]
    if len(far):
        raise DataIntegrityError("votes by states without a seat on the date (members.csv):\n" + far.to_string())
    full = pd.concat([full[["rcid", "state"]], outside[["rcid", "state"]]], ignore_index=True)
    by_state = outside.groupby("state").agg(n=("rcid", "size"), first=("date", "min"), last=("date", "max"))
    comp.log(f"{len(outside)} votes fall outside members.csv spells by at most {MAX_DATE_SLACK_DAYS} days "
             f"(approximate source dates); kept:\n{by_state.to_string()}")
    V = full[["rcid", "state"]].merge(V[["rcid", "state", "vote"]], on=["rcid", "state"], how="left")
    V["vote"] = V["vote"].fillna("absent")
    return V.sort_values(["rcid", "state"]).reset_index(drop=True), by_state


def check_tallies(comp: Compilation, R: pd.DataFrame, V: pd.DataFrame, exceptions: dict) -> list:
    """Per-state counts equal every recorded tally, except the `exceptions` listed.

    `exceptions` maps ``(symbol, vote)`` to the reason the source's stated count differs from
    its own list. An unlisted difference, or a listed one not seen, raises DataIntegrityError.
    Returns the differences seen: ``(symbol, vote, stated, counted)``.
    """
    counts = V.pivot_table(index="rcid", columns="vote", values="state", aggfunc="size", fill_value=0)
    for c in ("yes", "no", "abstain", "absent"):
        if c not in counts:
            counts[c] = 0
    RC = R.set_index("rcid")
    mism = []
    for cat in ("yes", "no", "abstain", "absent"):
        t = RC[f"tally_{cat}"]
        has = t.notna()
        expected = t.fillna(-1).astype("int64")
        if cat == "absent":  # UNDL counts the FR Yugoslavia nameplate (1992-2000, no seat) as non-voting
            expected = expected - RC["symbol"].map(lambda x: comp.fry_marks.get(symbol_key(x), 0)).astype("int64")
        bad = has & (expected != counts.reindex(RC.index)[cat])
        for rcid in RC.index[bad]:
            mism.append((RC.at[rcid, "symbol"], cat, int(t[rcid]), int(counts.at[rcid, cat])))
    unexpected = [m for m in mism if (m[0], m[1]) not in exceptions]
    missing_exc = set(exceptions) - {(m[0], m[1]) for m in mism}
    if unexpected or missing_exc:
        raise DataIntegrityError(f"tally check failed: unexpected {unexpected}; expected but not seen {missing_exc}")
    comp.log(f"tallies: {int(RC.tally_yes.notna().sum())} roll calls with recorded totals match their per-state "
             f"counts, except {mism}")
    return mism


def cross_check_dgacm(comp: Compilation, V: pd.DataFrame) -> None:
    """Session 74: the R (Voeten) votes equal the DGACM lists on every shared roll call."""
    dis = 0
    for rr in comp.roll_calls:
        if "_xml" not in rr:
            continue
        _, lists, _ = rr["_xml"]
        mine = V[V.rcid == rr["rcid"]].set_index("state").vote
        for k, lab in _DGACM_LISTS:
            for nm in lists[k]:
                if mine.get(comp.iso(nm, rr["date"])) != lab:
                    dis += 1
    if dis:
        raise DataIntegrityError(f"session 74: {dis} votes differ between R unvotes and DGACM")
    comp.log(f"session 74 overlap: {comp.dgacm_overlap} roll calls, 0 votes differ between R unvotes and DGACM")


def cross_check_3dl(comp: Compilation, R: pd.DataFrame, V: pd.DataFrame) -> None:
    """3DL rows of roll calls taken from another source equal that source's votes.

    AFG and VEN have no 3DL column: read as absent (DATA-NOTES.md 3.3).
    """
    tdl = comp.tdl
    key2rcid = _key_to_rcid(R)
    iso_cols = _3dl_iso_columns(tdl)
    dis3 = 0
    for r in tdl.itertuples(index=False):
        key = symbol_key(undl_symbol(r.Resolution))
        if key not in key2rcid:
            continue
        rcid = key2rcid[key]
        if R.loc[R.rcid == rcid, "source"].iloc[0] == "undl_3dl":
            continue
        mine = V[V.rcid == rcid].set_index("state").vote
        row_votes = tdl.loc[tdl.token == r.token, iso_cols].iloc[0]
        for c, x in row_votes.items():
            lab = {**_3DL_CODES, "": "absent"}[x]
            if mine.get(c, "non_member") != lab:
                dis3 += 1
    comp.log(f"3DL cross-check: {dis3} votes differ from the DGACM lists on the shared roll calls")
    if dis3:
        raise DataIntegrityError("3DL and DGACM disagree")


def fill_es_agenda(comp: Compilation, R: pd.DataFrame) -> None:
    """An emergency special session with a single DGACM agenda item gives it to its roll calls without one."""
    es_agenda: dict[str, set] = {}
    for r in comp.dgacm.values():
        sp = special_session_of(r["symbol"])
        if sp and r.get("agenda_item_name"):
            es_agenda.setdefault(sp, set()).add(r["agenda_item_name"])
    for sp, items in es_agenda.items():
        if len(items) == 1:
            fill = (R.special_session == sp) & (R.agenda_title == "")
            R.loc[fill, "agenda_title"] = next(iter(items))
            if fill.any():
                comp.log(f"{sp}: agenda title of {int(fill.sum())} roll calls taken from the session's single "
                         "DGACM agenda item")


def subject_table(comp: Compilation, R: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The UNBIS subjects by rcid, and the roll calls with issue codes filled.

    Voeten's codes where they exist, the documented keyword rule elsewhere
    (:func:`unvotes.record.issues.fill_issue_codes`).
    """
    from ..record.issues import fill_issue_codes

    S = pd.DataFrame(comp.subjects, columns=["key", "subject"])
    allkeys = {symbol_key(s): r for s, r in zip(R.symbol, R.rcid) if s}
    S["rcid"] = S.key.map(allkeys).astype("int64")
    S = S[["rcid", "subject"]].drop_duplicates().sort_values(["rcid", "subject"])
    for c in _ISSUES:
        R[c] = R[c].astype("boolean")
    R = fill_issue_codes(R, subjects=S)
    comp.log("issue codes: " + ", ".join(f"{k} {int(n)}" for k, n in R.issue_source.value_counts().items()))
    return S, R


def output_tables(R: pd.DataFrame) -> pd.DataFrame:
    """The roll-call table as written: sorted by (date, rcid), flags as "1"/"0"/"", dates ISO."""
    R = R.sort_values(["date", "rcid"]).reset_index(drop=True)
    for c in ("tally_yes", "tally_no", "tally_abstain", "tally_absent"):
        R[c] = R[c].astype("Int64")
    R["date"] = R["date"].dt.strftime("%Y-%m-%d")
    R["important"] = R["important"].map({True: "1", False: "0"}).fillna("")
    for c in _ISSUES:
        R[c] = R[c].astype(object).map({True: "1", False: "0"}).fillna("")
    return R[_OUTPUT_COLUMNS]


@dataclasses.dataclass
class CompiledRecord:
    """The compiled tables: ``roll_calls`` (as written), ``votes``, ``subjects``, the rcid ``registry``
    (symbol -> rcid), and the ``tally_exceptions`` and ``rejected`` source records seen."""

    roll_calls: pd.DataFrame
    votes: pd.DataFrame
    subjects: pd.DataFrame
    registry: dict
    tally_exceptions: list
    rejected: list


def compile_record(comp: Compilation, *, registry: dict, tally_exceptions: dict) -> CompiledRecord:
    """Number, date, check and code the roll calls and votes added to `comp`."""
    R = roll_call_table(comp)
    regmap = assign_rcids(R, registry)
    V, _ = vote_table(comp, R)
    mism = check_tallies(comp, R, V, tally_exceptions)
    cross_check_dgacm(comp, V)
    cross_check_3dl(comp, R, V)
    fill_es_agenda(comp, R)
    S, R = subject_table(comp, R)
    rejected = [{"source": "undl_un_data", "symbol": a, "date": b,
                 "reason": f"votes cast by states without a UN seat on that date: {c}"} for a, b, c in comp.rejected_undl]
    return CompiledRecord(output_tables(R), V[["rcid", "state", "vote"]], S, regmap, mism, rejected)


# --------------------------------------------------------------------------- write
def _csv_bytes(df: pd.DataFrame, name: str) -> bytes:
    """CSV bytes (LF line ends); gzip without a timestamp for ``.gz`` names, so reruns are identical."""
    buf = io.StringIO()
    df.to_csv(buf, index=False, lineterminator="\n")
    data = buf.getvalue().encode("utf-8")
    if name.endswith(".gz"):
        out = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0, compresslevel=9) as gz:
            gz.write(data)
        data = out.getvalue()
    return data


def write_compiled(out: Path, compiled: CompiledRecord, *, copies: dict, raw: Path, summary: dict | None = None) -> dict:
    """Write the compiled tables and ``catalogue.json`` into `out`; returns the manifest.

    Parameters
    ----------
    out : pathlib.Path
        The folder (``datasets/compiled``), created if needed.
    compiled : CompiledRecord
        From :func:`compile_record`.
    copies : dict
        Output name -> table (text) written as is (states, blocs, observers, aliases, notes).
    raw : pathlib.Path
        The raw sources' folder: the manifest records the sha256 of every file in it.
    summary : dict, optional
        More entries for the manifest's ``summary`` (e.g. ``official_record``, the
        reconciliation's figures).

    Returns
    -------
    dict
        The manifest: ``outputs`` (name -> ``rows``, ``sha256``), ``inputs`` (raw file ->
        sha256) and ``summary``.
    """
    out.mkdir(parents=True, exist_ok=True)
    manifest: dict = {"outputs": {}, "inputs": {}}
    tables = {"roll_calls.csv.gz": compiled.roll_calls, "votes.csv.gz": compiled.votes,
              "subjects.csv.gz": compiled.subjects, **copies}
    for name, df in tables.items():
        data = _csv_bytes(df, name)
        (out / name).write_bytes(data)
        manifest["outputs"][name] = {"rows": len(df), "sha256": hashlib.sha256(data).hexdigest()}
    # the same votes as a roll-call x state int8 matrix, which unvotes.load() reads (record/_store.py)
    data = votes_store_bytes(compiled.votes)
    (out / "votes.npz").write_bytes(data)
    manifest["outputs"]["votes.npz"] = {"rows": len(compiled.votes), "sha256": hashlib.sha256(data).hexdigest()}
    for p in sorted(raw.rglob("*")):
        if p.is_file():
            manifest["inputs"][str(p.relative_to(raw))] = hashlib.sha256(p.read_bytes()).hexdigest()
    R, V = compiled.roll_calls, compiled.votes
    manifest["summary"] = {
        "roll_calls": len(R), "votes": len(V),
        "first_date": R.date.min(), "last_date": R.date.max(),
        "votes_by_value": {k: int(x) for k, x in V.vote.value_counts().sort_index().items()},
        "roll_calls_by_source": {k: int(x) for k, x in R.source.value_counts().sort_index().items()},
        "tally_exceptions": [list(m) for m in compiled.tally_exceptions],
        "rejected_source_records": compiled.rejected,
        **(summary or {}),
    }
    (out / "catalogue.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return manifest
