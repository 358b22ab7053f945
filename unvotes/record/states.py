"""State identity, names and codes, UN membership on a date, and succession.

Every state in unvotes is keyed by its ISO 3166-1 alpha-3 code, with the
historic codes of ISO 3166-3 for former Members (``SUN`` USSR, ``YUG``
Socialist Federal Republic of Yugoslavia, ``SCG`` Serbia and Montenegro,
``CSK`` Czechoslovakia, ``DDR`` German Democratic Republic, ``YMD``
Democratic Yemen) and three project codes: ``TWN`` for the China seat held by
the Republic of China until 1971-10-25, ``YAR`` for the Yemen Arab Republic
and ``ZZB`` for Zanzibar. The membership table is
``datasets/raw/reference-tables/members.csv`` (one row per membership spell;
its ``SOURCES.md`` gives the sources of every date).

* :func:`state` resolves a name ("Russia", "Soviet Union", "Türkiye",
  "Ivory Coast", "Burma"), an ISO3 or ISO2 code, or a Correlates of War state
  number to a :class:`State`. ISO names and codes come from ``pycountry``
  (ISO 3166-1 and 3166-3); unvotes adds only what the UN adds: UN names,
  former Members, COW codes and the alias table ``state_aliases.csv``.
* :func:`members` lists the Members on a date and :func:`members_per_year`
  counts them at the end of each year (the UN's "Growth in United Nations
  membership" table).
* :func:`successions` lists the seat successions and
  :func:`merge_successions` merges predecessor columns of a vote matrix into
  their successors (``record.matrix(follow_succession=True)``).

Succession rules
----------------
``"seat"`` (the default of :func:`merge_successions`)
    The UN's own view of a continuing seat: the successor's admission date in
    the UN list is the predecessor's (``admitted`` earlier than ``seat_from``
    in ``members.csv``). This gives SUN -> RUS (1991-12-24, continuation),
    TWN -> CHN (1971-10-25, GA res 2758 (XXVI)), YAR -> YEM (1990-05-22,
    merger: the UN dates Yemen's admission from the Yemen Arab Republic's,
    1947-09-30) and SCG -> SRB (2006-06-03, continuation).
``"lineage"``
    The seat rule plus links between a predecessor and a successor that share
    a Correlates of War state number: YUG -> SCG (COW 345; the UN admitted the
    Federal Republic of Yugoslavia as a new Member on 2000-11-01, so this is a
    lineage, not a UN seat). With it ``SRB`` is one series back to 1946, as in
    Voeten's data.

Never merged: YMD (it overlaps YAR until 1990, and its seat is not the one the
UN dates Yemen from), DDR (it overlaps the Federal Republic, DEU, from
1973-09-18 to 1990-10-03), ZZB (it overlaps Tanganyika, TZA, in 1963-64), CSK
and YUG's other successors (dissolutions into several states). Analyses keep
states apart unless asked: ``record.matrix()`` does not merge.

References
----------
United Nations, "Growth in United Nations membership" and "Member States"
(un.org), via ``members.csv`` and its ``SOURCES.md``.
ISO 3166-1 and ISO 3166-3 country codes, via the pycountry package.
Correlates of War Project, State System Membership v2016.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NoReturn

import numpy as np
import pandas as pd

from .codes import NON_MEMBER
from ._types import DateLike, StateLike, StatesLike
from ..errors import (
    AmbiguousStateError,
    DataIntegrityError,
    StateNotMemberError,
    UnknownStateError,
    close_matches,
)

__all__ = [
    "State",
    "state",
    "resolve_states",
    "state_name",
    "state_table",
    "members",
    "members_per_year",
    "successions",
    "merge_successions",
    "SUCCESSION_RULES",
]

#: The UN Charter entered into force on this date; no Member before it.
UN_FOUNDED = pd.Timestamp("1945-10-24")

#: Names of the succession rules accepted by :func:`merge_successions`.
SUCCESSION_RULES = ("seat", "lineage")

# What an absence in members.csv's ``absent_periods`` means for the UN's count
# of Members (documented in members.csv ``notes`` and SOURCES.md):
#   "merged":    the state's seat was merged into another Member's (Syria in
#                the United Arab Republic, 1958-61): no seat of its own;
#   "withdrawn": the state had announced its withdrawal (Indonesia 1965-66):
#                the UN's growth table does not count it;
#   "excluded":  a Member barred from taking part in the GA (South Africa
#                1974-94): still a Member and counted.
# A state with absent periods that is not listed here stops the loading with
# DataIntegrityError, so a new row cannot be misread silently.
_ABSENCE_KIND = {"SYR": "merged", "IDN": "withdrawn", "ZAF": "excluded"}

# Names that everyday usage applies to several states although one of them
# is also a UN short name (the issue tracker's examples). Resolving them to
# one state would be a guess; the error lists the candidates.
_AMBIGUOUS_NAMES = {
    "CONGO": ("COG", "COD"),
    "KOREA": ("KOR", "PRK"),
    "GUINEA": ("GIN", "GNB", "GNQ", "PNG"),
}

_FAR_FUTURE = pd.Timestamp("2262-04-11")
_FAR_PAST = pd.Timestamp("1677-09-22")


# --------------------------------------------------------------------------
# dates
# --------------------------------------------------------------------------


def _as_date(value, name: str = "on") -> pd.Timestamp:
    """Parse a user date (a year stands for its 1 January) and check it lies in the UN era (1945-10-24 to today)."""
    from ._dates import parse_date

    d = parse_date(value, name)
    if d < UN_FOUNDED:
        raise ValueError(
            f"`{name}`={d.date()} is outside the record: the United Nations exists from "
            f"{UN_FOUNDED.date()} (the Charter's entry into force); pass a later date"
        )
    today = pd.Timestamp(_dt.date.today())
    if d > today:
        raise ValueError(
            f"`{name}`={d.date()} is outside the record: it is in the future (today is {today.date()}); "
            "the membership and bloc tables describe the situation as of late 2025"
        )
    return d


def _ts(s: str):
    return pd.Timestamp(s) if s else None


def _periods(s: str) -> tuple:
    out = []
    for part in filter(None, (p.strip() for p in s.split(";"))):
        a, b = part.split("/")
        out.append((pd.Timestamp(a), pd.Timestamp(b) if b else None))
    return tuple(out)


def _fmt(d) -> str:
    return "" if d is None else str(pd.Timestamp(d).date())


# --------------------------------------------------------------------------
# the State object
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class State:
    """A state as unvotes knows it: codes, names, UN membership and succession.

    Attributes
    ----------
    iso3 : str
        ISO 3166-1 alpha-3 (or ISO 3166-3 / project code for former Members),
        the key used in every table of unvotes.
    name : str
        UN short name (``un_name`` of ``members.csv``); display only.
    status : str
        ``"current"`` Member, ``"former"`` Member, ``"observer"`` (non-member
        observer State) or ``"non-member"`` (a bloc member that is neither,
        such as the Sahrawi Arab Democratic Republic, ``ESH``).
    iso2 : str
        ISO 3166-1 alpha-2 ("" where ISO has none, e.g. ``YAR``).
    iso_name, official_name : str
        Names in ISO 3166 (pycountry); "" where none.
    admitted, seat_from, left : pandas.Timestamp or None
        UN admission date listed for the seat, start of this state's holding
        of it, end of the holding (exclusive; None while a Member).
    absent_periods : tuple of (Timestamp, Timestamp)
        Periods of non-participation, end exclusive (``members.csv``).
    cow_codes : tuple of (int, Timestamp, Timestamp or None)
        Correlates of War state numbers and their validity.
    predecessors, successors : tuple of str
        ISO3 codes linked by ``members.csv`` (both directions merged).
    succession_type : str
        ``continuation``, ``seat_transfer``, ``merger``, ``absorption``,
        ``union``, ``dissolution``, ``pred_dissolved``, ``secession`` or "".
    notes : str
        Notes of ``members.csv`` (name changes, credentials, Article 19).
    """

    iso3: str
    name: str
    status: str
    iso2: str = ""
    iso_name: str = ""
    official_name: str = ""
    admitted: pd.Timestamp | None = None
    seat_from: pd.Timestamp | None = None
    left: pd.Timestamp | None = None
    absent_periods: tuple = ()
    cow_codes: tuple = ()
    predecessors: tuple = ()
    successors: tuple = ()
    succession_type: str = ""
    notes: str = field(default="", repr=False)

    @property
    def cow_code(self) -> int | None:
        """The latest Correlates of War state number (None if none)."""
        return self.cow_codes[-1][0] if self.cow_codes else None

    @property
    def is_member(self) -> bool:
        """True for a current UN Member."""
        return self.status == "current"

    @property
    def membership(self) -> pd.DataFrame:
        """Membership spells split at absences.

        Returns
        -------
        pandas.DataFrame
            One row per interval: ``start``, ``end`` (exclusive, NaT while
            open), ``status`` (``"member"``, or the kind of absence:
            ``"merged"``, ``"withdrawn"``, ``"excluded"``).
        """
        return _spells_frame(self)

    def held_seat(self, on: DateLike) -> bool:
        """Whether the state held its own UN seat on date `on`.

        A Member excluded from participation (South Africa 1974-94) still
        held its seat; Syria inside the United Arab Republic (1958-61) and
        Indonesia after its withdrawal (1965-66) did not.
        """
        return _held(self, _as_date(on))

    def __str__(self) -> str:
        span = f"UN seat {_fmt(self.seat_from)} to {_fmt(self.left) or 'today'}" if self.seat_from else self.status
        return f"{self.iso3} ({self.name}; {span})"


def _held(st: State, d: pd.Timestamp) -> bool:
    return any(a <= d and (b is None or d < b) for a, b, k in _spell_list(st) if k in ("member", "excluded"))


def _spell_list(st: State) -> list:
    rows: list[tuple] = []
    if st.seat_from is not None:
        start = st.seat_from
        kind = _ABSENCE_KIND.get(st.iso3)
        for a, b in st.absent_periods:
            rows.append((start, a, "member"))
            rows.append((a, b, kind))
            start = b
        rows.append((start, st.left, "member"))
    return rows


def _spells_frame(st: State) -> pd.DataFrame:
    rows = _spell_list(st)
    df = pd.DataFrame(rows, columns=["start", "end", "status"])
    df["start"] = pd.to_datetime(df["start"])
    df["end"] = pd.to_datetime(df["end"])
    return df


# --------------------------------------------------------------------------
# the registry (built lazily from the compiled tables, then cached)
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Name:
    iso3: str
    valid_from: pd.Timestamp | None
    valid_to: pd.Timestamp | None
    source: str


_PAREN = re.compile(r"\s*\(.*\)\s*$")


def _name_variants(name: str) -> list[str]:
    """A name, plus its form without a trailing "(...)" and the part before ", "."""
    out = [name]
    short = _PAREN.sub("", name)
    if short and short != name:
        out.append(short)
        inner = name[len(short):].strip()[1:-1].strip()
        # "Yemen (Yemen Arab Republic)" -> "Yemen Arab Republic", but not "(Islamic Republic of)"
        if inner and not re.search(r"\b(of|the)$", inner, flags=re.IGNORECASE):
            out.append(inner)
    if ", " in name:
        head, tail = name.split(", ", 1)
        out.append(head)
        out.append(f"{tail} {head}")  # "Korea, Republic of" -> "Republic of Korea"
    return out


class _Registry:
    def __init__(self, table: pd.DataFrame, observers: pd.DataFrame, aliases: pd.DataFrame, extra: Iterable[str]):
        import pycountry

        from ._names import normalize_name

        self.normalize = normalize_name
        self.table = table
        states: dict[str, State] = {}
        preds: dict[str, set] = {}
        succs: dict[str, set] = {}
        for r in table.itertuples(index=False):
            for p in filter(None, r.predecessor_iso3.split(";")):
                preds.setdefault(r.iso3, set()).add(p)
                succs.setdefault(p, set()).add(r.iso3)
            for s in filter(None, r.successor_iso3.split(";")):
                succs.setdefault(r.iso3, set()).add(s)
                preds.setdefault(s, set()).add(r.iso3)
        for r in table.itertuples(index=False):
            if r.absent_periods and r.iso3 not in _ABSENCE_KIND:
                raise DataIntegrityError(
                    f"members.csv gives absent_periods {r.absent_periods!r} for {r.iso3}, but unvotes.states "
                    f"does not know whether that absence is a merger, a withdrawal or an exclusion; "
                    f"add {r.iso3} to states._ABSENCE_KIND"
                )
            iso = _iso_record(pycountry, r.iso3)
            cows = []
            for part in filter(None, r.cow_code_periods.split(";")):
                code, span = part.split(":")
                a, b = span.split("/")
                cows.append((int(code), pd.Timestamp(a), _ts(b)))
            states[r.iso3] = State(
                iso3=r.iso3,
                name=r.un_name,
                status=r.status,
                iso2=iso[0],
                iso_name=iso[1],
                official_name=iso[2],
                admitted=_ts(r.admitted),
                seat_from=_ts(r.seat_from),
                left=_ts(r.left),
                absent_periods=_periods(r.absent_periods),
                cow_codes=tuple(cows),
                predecessors=tuple(sorted(preds.get(r.iso3, ()))),
                successors=tuple(sorted(succs.get(r.iso3, ()))),
                succession_type=r.succession_type,
                notes=r.notes,
            )
        for r in observers.itertuples(index=False):
            if r.iso3 in states:
                continue
            iso = _iso_record(pycountry, r.iso3)
            states[r.iso3] = State(r.iso3, r.name, "observer", iso[0], iso[1], iso[2], notes=r.milestones)
        for code in sorted(set(extra) - set(states)):
            iso = _iso_record(pycountry, code)
            states[code] = State(code, iso[3] or iso[1] or code, "non-member", iso[0], iso[1], iso[2])
        self.states = states

        names: dict[str, list[_Name]] = {}

        def add(name, iso3, vf=None, vt=None, source=""):
            if not name:
                return
            key = normalize_name(name)
            entry = _Name(iso3, vf, vt, source)
            if entry not in names.setdefault(key, []):
                names[key].append(entry)

        for st in states.values():
            add(st.iso3, st.iso3, source="ISO 3166 alpha-3")
            add(st.iso2, st.iso3, source="ISO 3166 alpha-2")
            for nm in _name_variants(st.name):
                add(nm, st.iso3, source="UN name (members.csv)")
            for nm in (st.iso_name, st.official_name, _iso_record(pycountry, st.iso3)[3]):
                for v in _name_variants(nm) if nm else ():
                    add(v, st.iso3, source="ISO 3166 (pycountry)")
        # Former ISO 3166 names whose codes were withdrawn (ISO 3166-3): the
        # last two letters of the alpha-4 code are the new alpha-2 code
        # (BUMM Burma -> MM Myanmar, ZRCD Zaire -> CD, DYBJ Dahomey -> BJ).
        by_iso2 = {st.iso2: st.iso3 for st in states.values() if st.iso2 and st.status != "former"}
        for h in pycountry.historic_countries:
            if h.alpha_3 in states:
                continue
            succ = by_iso2.get(h.alpha_4[2:])
            if succ is None:
                continue
            for v in _name_variants(h.name):
                add(v, succ, source=f"ISO 3166-3 {h.alpha_4}")
        for r in aliases.itertuples(index=False):
            if r.iso3 not in states:
                raise DataIntegrityError(
                    f"state_aliases.csv maps {r.name!r} to {r.iso3!r}, which is not in members.csv, observers.csv "
                    "or the bloc table"
                )
            add(r.name, r.iso3, _ts(r.valid_from), _ts(r.valid_to), r.source)
        self.names = names

        cow = []
        for st in states.values():
            for code, a, b in st.cow_codes:
                cow.append((code, st.iso3, a, b))
        self.cow = cow

    # display name -> iso3, for suggestions
    def display_names(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for st in self.states.values():
            out.setdefault(st.name, st.iso3)
        for key, entries in self.names.items():
            if len(key) > 3:
                out.setdefault(key.title(), entries[0].iso3)
        return out


def _iso_record(pycountry, code: str) -> tuple[str, str, str, str]:
    """(alpha_2, name, official_name, common_name) from ISO 3166-1 or 3166-3."""
    c = pycountry.countries.get(alpha_3=code)
    if c is None:
        c = pycountry.historic_countries.get(alpha_3=code)
    if c is None:
        return ("", "", "", "")
    return (
        getattr(c, "alpha_2", "") or "",
        getattr(c, "name", "") or "",
        getattr(c, "official_name", "") or "",
        getattr(c, "common_name", "") or "",
    )


@lru_cache(maxsize=1)
def _registry() -> _Registry:
    from ._resources import read_table

    blocs = read_table("blocs")
    return _Registry(read_table("states"), read_table("observers"), read_table("state_aliases"), set(blocs["iso3"]))


# --------------------------------------------------------------------------
# resolution
# --------------------------------------------------------------------------


def _holder_on(iso3: str, d: pd.Timestamp, rule: str = "seat") -> str | None:
    """The state of `iso3`'s seat lineage (under `rule`) that held a seat on `d`."""
    reg = _registry()
    pairs = _succession_pairs(rule)
    back: dict[str, list[str]] = {}
    for p, s in pairs.items():
        back.setdefault(s, []).append(p)
    seen, todo = set(), [iso3]
    while todo:  # the whole lineage: predecessors and successors
        x = todo.pop()
        if x in seen:
            continue
        seen.add(x)
        todo.extend(back.get(x, []))
        if x in pairs:
            todo.append(pairs[x])
    for x in sorted(seen):
        if reg.states[x].seat_from is not None and _held(reg.states[x], d):
            return x
    return None


def _not_member_message(st: State, d: pd.Timestamp) -> str:
    reg = _registry()
    head = f"{st.iso3} did not hold a UN seat on {d.date()}"
    if st.seat_from is None:
        return f"{head}: {st.name} is a {st.status} State, not a UN Member"
    holder = _holder_on(st.iso3, d, "seat")
    hint = "pass follow_succession=True to use the seat's holder on that date, or"
    if holder is None or holder == st.iso3:
        holder = _holder_on(st.iso3, d, "lineage")
        hint = "pass follow_succession='lineage' to use the holder of its lineage on that date, or"
    if d < st.seat_from:
        if holder and holder != st.iso3:
            h = reg.states[holder]
            return (
                f"{head}: the seat was held by {h.iso3} ({h.name}) until {_fmt(h.left)}; {hint} "
                f"a date from {_fmt(st.seat_from)}"
            )
        return f"{head}: {st.name} was admitted on {_fmt(st.seat_from)}; pass a date from {_fmt(st.seat_from)}"
    if st.left is not None and d >= st.left:
        nxt = ", ".join(st.successors) or "no successor"
        tail = f"its seat passed to {nxt} on {_fmt(st.left)} ({st.succession_type})"
        if holder and holder != st.iso3:
            return f"{head}: {tail}; {hint} a date before {_fmt(st.left)}"
        return f"{head}: {tail}; pass a date before {_fmt(st.left)}"
    for a, b in st.absent_periods:
        if a <= d < b:
            return (
                f"{head}: {st.iso3} was {_ABSENCE_KIND[st.iso3]} from {_fmt(a)} to {_fmt(b)} "
                f"(members.csv: {st.notes.split(';')[0]})"
            )
    return head


def state(query: StateLike, *, on: DateLike | None = None, follow_succession: bool | str = False) -> State:
    """Resolve a state name or code to a :class:`State`.

    Parameters
    ----------
    query : str, int or State
        A name in any spelling unvotes knows (UN names, ISO 3166 names,
        common English and historical names from ``state_aliases.csv``, names
        from the raw sources; case, accents and apostrophes are ignored), an
        ISO 3166 alpha-3 or alpha-2 code, or a Correlates of War state number
        (an ``int`` or a string of digits, e.g. ``365``).
    on : str or datetime-like, optional
        A date between 1945-10-24 and today. Names and COW numbers whose seat
        changed hands resolve to the holder on that date ("Russia" and COW 365
        give ``SUN`` before 1991-12-24); the result must hold a UN seat on
        that date. Without `on`, a name shared over time resolves to the
        current Member.
    follow_succession : bool or {"seat", "lineage"}, default False
        With a date: return the state of the seat's lineage that held the
        seat on `on` (``True`` means the ``"seat"`` rule, see the module
        notes) instead of raising :class:`~unvotes.errors.StateNotMemberError`.

    Returns
    -------
    State

    Raises
    ------
    UnknownStateError
        No state has that name or code; ``suggestions`` lists close names.
    AmbiguousStateError
        The name fits several states ("Congo", "Korea", "Guinea");
        ``suggestions`` lists their ISO3 codes.
    StateNotMemberError
        With `on`: the state did not hold a UN seat that day; the message
        names the seat's holder.
    TypeError, ValueError
        A query or a date of the wrong kind; a date before 1945-10-24 or in
        the future.

    Examples
    --------
    >>> import unvotes
    >>> unvotes.state("Russia").iso3
    'RUS'
    >>> unvotes.state("Soviet Union").iso3, unvotes.state(365, on="1980-01-01").iso3
    ('SUN', 'SUN')
    >>> unvotes.state("Ivory Coast").iso3, unvotes.state("Burma").name
    ('CIV', 'Myanmar')
    >>> unvotes.state("RUS", on="1980-01-01", follow_succession=True).iso3
    'SUN'
    >>> unvotes.state("Korea")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    unvotes.errors.AmbiguousStateError: 'Korea' is ambiguous: it may mean KOR (Republic of Korea), PRK (...)...

    References
    ----------
    UN Member States list and "Growth in United Nations membership" (un.org),
    via ``members.csv``; ISO 3166-1 and 3166-3 via pycountry; Correlates of
    War State System Membership v2016.
    """
    d = None if on is None else _as_date(on)
    st = _resolve(query, d)
    if d is not None and st.seat_from is not None and not _held(st, d):
        if follow_succession:
            rule = "seat" if follow_succession is True else _check_rule(follow_succession)
            holder = _holder_on(st.iso3, d, rule)
            if holder is not None:
                return _registry().states[holder]
        raise StateNotMemberError(_not_member_message(st, d), key=st.iso3, suggestions=[])
    if d is not None and st.seat_from is None and st.status != "observer":
        raise StateNotMemberError(_not_member_message(st, d), key=st.iso3)
    return st


def _resolve(query, d: pd.Timestamp | None) -> State:
    reg = _registry()
    if isinstance(query, State):
        return reg.states.get(query.iso3, query)
    if isinstance(query, (bool, np.bool_)):
        raise TypeError(f"`query` must be a state name, an ISO code or a COW number, got {query!r}")
    if isinstance(query, (int, np.integer)):
        return _by_cow(int(query), d)
    if not isinstance(query, str):
        raise TypeError(
            f"`query` must be one state name or code (str) or a COW number (int), got a {type(query).__name__}; "
            "for several states use unvotes.state_table([...])"
        )
    text = query.strip()
    if text.isdigit():
        return _by_cow(int(text), d)
    if not text:
        raise ValueError("`query` is empty; pass a state name or code such as 'France' or 'FRA'")
    key = reg.normalize(text)
    if key in _AMBIGUOUS_NAMES:
        _raise_ambiguous(query, _AMBIGUOUS_NAMES[key], "usage applies it to several states")
    entries = reg.names.get(key)
    if not entries:
        entries = _by_words(key)
    if not entries:
        pool = reg.display_names()
        sugg = close_matches(text, pool, n=5, cutoff=0.6)
        msg = f"unknown state {query!r}"
        msg += f" (close names: {', '.join(repr(s) for s in sugg)})" if sugg else ""
        msg += ": pass a UN name, an ISO3 code (e.g. 'FRA') or a COW number; unvotes.state_table() lists all"
        raise UnknownStateError(msg, key=query, suggestions=sugg)
    isos = sorted({e.iso3 for e in entries})
    if d is not None:
        valid = sorted({e.iso3 for e in entries
                        if (e.valid_from is None or d >= e.valid_from) and (e.valid_to is None or d < e.valid_to)})
        if len(valid) > 1:
            holding = [i for i in valid if reg.states[i].seat_from is not None and _held(reg.states[i], d)]
            valid = holding or valid
        if len(valid) == 1:
            return reg.states[valid[0]]
        if not valid:
            spans = "; ".join(f"{e.iso3} from {_fmt(e.valid_from) or 'always'} to {_fmt(e.valid_to) or 'today'}"
                              for e in entries)
            raise StateNotMemberError(f"{query!r} names no state on {d.date()} ({spans})", key=query,
                                      suggestions=isos)
        _raise_ambiguous(query, valid, f"several states of that name held a seat on {d.date()}")
    if len(isos) == 1:
        return reg.states[isos[0]]
    # Without a date, a name's undated meanings (UN and ISO names, aliases
    # valid at all times) come before spellings tied to a period of a source,
    # and a current Member before former ones.
    canon = sorted({e.iso3 for e in entries if e.valid_from is None and e.valid_to is None})
    if len(canon) == 1:
        return reg.states[canon[0]]
    cands = canon or isos
    current = [i for i in cands if reg.states[i].status == "current"]
    if len(current) == 1:
        return reg.states[current[0]]
    _raise_ambiguous(query, cands, "the name was used for several states")


def _by_words(key: str) -> list[_Name]:
    """Entries of names that contain every word of `key` (e.g. "IRAN" in "IRAN (ISLAMIC REPUBLIC OF)")."""
    reg = _registry()
    words = set(re.findall(r"[A-Z0-9']+", key))
    if not words:
        return []
    hits: list[_Name] = []
    same: list[_Name] = []
    for name, entries in reg.names.items():
        if len(name) <= 3:
            continue
        nwords = set(re.findall(r"[A-Z0-9']+", name))
        if words <= nwords:
            hits.extend(e for e in entries if e.valid_to is None)
            if words == nwords:  # the same words in another order
                same.extend(e for e in entries if e.valid_to is None)
    return same or hits


def _raise_ambiguous(query, isos, why: str) -> NoReturn:
    reg = _registry()
    cands = ", ".join(f"{i} ({reg.states[i].name})" for i in isos)
    raise AmbiguousStateError(
        f"{query!r} is ambiguous: it may mean {cands} ({why}); pass an ISO3 code or a fuller name"
        + ("" if why.startswith("several states of that name held") else ", or a date with on=..."),
        key=query,
        suggestions=list(isos),
    )


def _by_cow(code: int, d: pd.Timestamp | None) -> State:
    reg = _registry()
    rows = [r for r in reg.cow if r[0] == code]
    if not rows:
        known = sorted({r[0] for r in reg.cow})
        near = [str(c) for c in known if abs(c - code) <= 5]
        raise UnknownStateError(
            f"unknown Correlates of War state number {code}; COW numbers of UN Members near it: "
            f"{', '.join(near) or 'none'}",
            key=code,
            suggestions=near,
        )
    if d is not None:
        hit = [r for r in rows if r[2] <= d and (r[3] is None or d < r[3])]
        if hit:
            return reg.states[hit[0][1]]
        spans = "; ".join(f"{r[1]} {_fmt(r[2])} to {_fmt(r[3]) or 'today'}" for r in rows)
        raise StateNotMemberError(f"COW state number {code} held no UN seat on {d.date()} ({spans})", key=code,
                                  suggestions=sorted({r[1] for r in rows}))
    rows.sort(key=lambda r: (r[3] is None, r[3] or r[2]))
    return reg.states[rows[-1][1]]


def resolve_states(values: StatesLike, *, among: Iterable[str] | None = None, on: DateLike | None = None,
                   param: str = "states") -> list[str]:
    """ISO 3166-1 alpha-3 codes of states given by name, code or number, in the order given.

    The one resolver behind every function that takes states (``record.select``, the metrics,
    the blocs, the plots, the ``unvotes`` program): a value may be an ISO3 code in any case
    (``"usa"``), a name or former name (``"United Kingdom"``, ``"Soviet Union"``, ``"Burma"``)
    or a Correlates of War number (``2``), as :func:`state` reads it.

    Parameters
    ----------
    values : str, int or iterable of str/int
        One state or several.
    among : iterable of str, optional
        The ISO3 codes the caller knows (e.g. the columns of a vote matrix). A code among them is
        taken as it is (``"SUN"``, ``"YUG"``), and a name that could mean several states is read
        as the one among them, if only one is.
    on : str or datetime-like, optional
        Read names as on this date (``"Yemen"`` in 1980 is ambiguous, in 2000 it is not).
    param : str, default "states"
        The argument's name, for messages.

    Returns
    -------
    list of str
        ISO3 codes, one per value (duplicates kept: the caller decides).

    Raises
    ------
    TypeError
        For a value that is neither a str nor an int (bool included).
    UnknownStateError, AmbiguousStateError, StateNotMemberError
        As :func:`state`; the message quotes the value as written.

    Examples
    --------
    >>> import unvotes
    >>> unvotes.resolve_states(["United States", "gbr", 365, "Soviet Union"])
    ['USA', 'GBR', 'RUS', 'SUN']
    """
    if isinstance(values, (str, int, np.integer)) and not isinstance(values, bool):
        values = [values]
    if isinstance(values, (pd.DataFrame, pd.Series)) or not isinstance(values, Iterable):
        raise TypeError(f"`{param}` takes state names, ISO3 codes or COW numbers (one or a list), got "
                        f"{type(values).__name__ if isinstance(values, (pd.DataFrame, pd.Series)) else repr(values)}")
    known = None if among is None else {str(c) for c in among}
    d = None if on is None else _as_date(on)
    out = []
    for v in values:
        if isinstance(v, bool) or not isinstance(v, (str, int, np.integer)):
            raise TypeError(f"`{param}` takes state names, ISO3 codes or COW numbers, got {v!r}")
        if isinstance(v, str) and known is not None and v.strip().upper() in known:
            out.append(v.strip().upper())
            continue
        try:
            out.append(_resolve(int(v) if isinstance(v, np.integer) else v, d).iso3)
        except AmbiguousStateError as e:
            hits = [c for c in e.suggestions if known is not None and c in known]
            if len(hits) != 1:
                raise
            out.append(hits[0])
        except UnknownStateError as e:
            near = close_matches(str(v).strip().upper(), known) if known and isinstance(v, str) else []
            if not near:
                raise
            raise UnknownStateError(f"{e.message}; did you mean {', '.join(near)}?", key=v,
                                    suggestions=near + e.suggestions) from None
    return out


#: Short display names where the UN name is too long for a table, legend or title (display only).
_SHORT_NAMES = {
    "USA": "United States",
    "GBR": "United Kingdom",
    "RUS": "Russia",
    "SUN": "USSR",
    "KOR": "South Korea",
    "PRK": "North Korea",
    "IRN": "Iran",
    "SYR": "Syria",
    "VEN": "Venezuela",
    "BOL": "Bolivia",
    "TZA": "Tanzania",
    "COD": "DR Congo",
    "LAO": "Laos",
    "FSM": "Micronesia",
    "MDA": "Moldova",
    "VNM": "Viet Nam",
}


def state_name(code: StateLike, style: str = "short") -> str:
    """The display name of a state, for tables, legends, titles and reprs.

    Parameters
    ----------
    code : str or int
        An ISO3 code, or anything :func:`state` reads (a name, a COW number).
    style : {"short", "un"}, default "short"
        ``"short"``: the name a newspaper prints ("United Kingdom", "Russia", "Iran", "China");
        ``"un"``: the state's name in the UN's list of Member States ("United Kingdom of Great
        Britain and Northern Ireland", "China (the People's Republic of)").

    Returns
    -------
    str

    Raises
    ------
    ValueError
        For another `style`.
    UnknownStateError, AmbiguousStateError
        As :func:`state`.

    Examples
    --------
    >>> import unvotes
    >>> [unvotes.state_name(c) for c in ["GBR", "CHN", "BHS", "IRN", "SUN"]]
    ['United Kingdom', 'China', 'Bahamas', 'Iran', 'USSR']
    >>> unvotes.state_name("GBR", style="un")
    'United Kingdom of Great Britain and Northern Ireland'
    """
    if style not in ("short", "un"):
        raise ValueError(f'`style` must be "short" or "un", got {style!r}')
    iso3 = code.strip().upper() if isinstance(code, str) else code
    reg = _registry()
    st = reg.states[iso3] if isinstance(iso3, str) and iso3 in reg.states else state(code)
    if style == "un":
        return st.name
    if st.iso3 in _SHORT_NAMES:
        return _SHORT_NAMES[st.iso3]
    # "Iran (Islamic Republic of)" -> "Iran", "China (the People's Republic of)" -> "China"
    return re.sub(r"\s*\(.*\)$", "", st.name) or st.name


def state_table(queries: Iterable[StateLike] | None = None, *, on: DateLike | None = None) -> pd.DataFrame:
    """Table of states: all that unvotes knows, or the ones in `queries`.

    Parameters
    ----------
    queries : iterable of (str or int), optional
        Names or codes, each resolved with :func:`state`. Default: every state
        of ``members.csv``, ``observers.csv`` and the bloc table.
    on : str or datetime-like, optional
        Passed to :func:`state` for each query.

    Returns
    -------
    pandas.DataFrame
        One row per state, index ``iso3``; columns ``name``, ``status``,
        ``iso2``, ``cow_code`` (latest, nullable Int64), ``admitted``,
        ``seat_from``, ``left`` (datetime64, NaT if open),
        ``predecessors``, ``successors`` (";"-joined ISO3),
        ``succession_type``.

    Raises
    ------
    UnknownStateError, AmbiguousStateError, StateNotMemberError
        As :func:`state`, for the first query that fails.

    Examples
    --------
    >>> import unvotes
    >>> unvotes.state_table(["USSR", "Burma", "Swaziland"])[["name", "status"]]
    ... # doctest: +NORMALIZE_WHITESPACE
                                         name   status
    iso3
    SUN   Union of Soviet Socialist Republics   former
    MMR                               Myanmar  current
    SWZ                              Eswatini  current

    References
    ----------
    ``members.csv`` (UN Member States list), ISO 3166 via pycountry.
    """
    reg = _registry()
    if queries is None:
        sts = list(reg.states.values())
    else:
        if isinstance(queries, (str, int)):
            queries = [queries]
        sts = [state(q, on=on) for q in queries]
    df = pd.DataFrame(
        {
            "iso3": [s.iso3 for s in sts],
            "name": [s.name for s in sts],
            "status": [s.status for s in sts],
            "iso2": [s.iso2 for s in sts],
            "cow_code": pd.array([s.cow_code for s in sts], dtype="Int64"),
            "admitted": pd.to_datetime([s.admitted for s in sts]),
            "seat_from": pd.to_datetime([s.seat_from for s in sts]),
            "left": pd.to_datetime([s.left for s in sts]),
            "predecessors": [";".join(s.predecessors) for s in sts],
            "successors": [";".join(s.successors) for s in sts],
            "succession_type": [s.succession_type for s in sts],
        }
    )
    return df.set_index("iso3")


# --------------------------------------------------------------------------
# membership on a date
# --------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _seat_intervals() -> pd.DataFrame:
    """All seat-holding intervals: iso3, start, end (exclusive; far future if open), participating."""
    frames = []
    for st in _registry().states.values():
        if st.seat_from is None:
            continue
        f = st.membership
        f = f[f.status.isin(["member", "excluded"])].copy()
        f.insert(0, "iso3", st.iso3)
        frames.append(f)
    out = pd.concat(frames, ignore_index=True)
    out["participating"] = out.pop("status").eq("member")
    out["end"] = out["end"].fillna(_FAR_FUTURE)
    return out


def members(on: DateLike) -> pd.DataFrame:
    """The UN Members on a date.

    A Member is counted as the UN's growth table counts it: from its
    ``seat_from`` to its ``left`` (exclusive), without Syria while it was
    part of the United Arab Republic (1958-02-21 to 1961-10-13) and Indonesia
    during its withdrawal (1965-03-01 to 1966-09-28); South Africa, excluded
    from the General Assembly 1974-11-12 to 1994-06-23, stays a Member with
    ``participating`` False. The Socialist Federal Republic of Yugoslavia
    (``YUG``) ends on 1992-09-22 (GA res 47/1), so head-counts for 1992-09-22
    to 2000-10-31 are one lower than the UN's, which kept the seat.

    Parameters
    ----------
    on : str or datetime-like
        A date from 1945-10-24 to today.

    Returns
    -------
    pandas.DataFrame
        One row per Member, sorted by ``iso3``: ``iso3``, ``name``,
        ``cow_code`` (Int64, the code valid on the date), ``admitted``,
        ``seat_from``, ``left`` (datetime64; NaT while a Member),
        ``participating`` (bool: False while excluded from the GA).

    Raises
    ------
    ValueError
        A date before 1945-10-24 or in the future.

    Examples
    --------
    >>> import unvotes
    >>> m = unvotes.members(on="1971-10-24")
    >>> len(m), "TWN" in set(m.iso3), "CHN" in set(m.iso3)
    (131, True, False)
    >>> len(unvotes.members(on="2011-07-14"))
    193

    References
    ----------
    United Nations, "Growth in United Nations membership, 1945-present"
    (un.org), via ``members.csv`` (see its ``SOURCES.md``).
    """
    d = _as_date(on)
    iv = _seat_intervals()
    hit = iv[(iv.start <= d) & (iv.end > d)]
    reg = _registry()
    sts = [reg.states[i] for i in hit.iso3]
    out = pd.DataFrame(
        {
            "iso3": hit.iso3.to_numpy(),
            "name": [s.name for s in sts],
            "cow_code": pd.array([next((c for c, a, b in s.cow_codes if a <= d and (b is None or d < b)), None)
                                  for s in sts], dtype="Int64"),
            "admitted": pd.to_datetime([s.admitted for s in sts]),
            "seat_from": pd.to_datetime([s.seat_from for s in sts]),
            "left": pd.to_datetime([s.left for s in sts]),
            "participating": hit.participating.to_numpy(),
        }
    )
    return out.sort_values("iso3", ignore_index=True)


def members_per_year(start: int = 1945, end: int | None = None) -> pd.Series:
    """Number of UN Members at the end of each year (31 December; today for the current year).

    Counted as :func:`members` counts (see there for the Yugoslav seat
    1992-2000, which makes these counts one lower than the UN's table for
    1992 to 1999).

    Parameters
    ----------
    start, end : int
        First and last year (default 1945 to the current year).

    Returns
    -------
    pandas.Series
        Index ``year`` (int), values the number of Members (int64), name
        ``members``.

    Raises
    ------
    ValueError
        Years outside 1945 to the current year, or `start` > `end`.

    Examples
    --------
    >>> import unvotes
    >>> n = unvotes.members_per_year()
    >>> int(n[1945]), int(n[1960]), int(n[1980]), int(n[2011])
    (51, 99, 154, 193)

    References
    ----------
    United Nations, "Growth in United Nations membership, 1945-present".
    """
    this_year = _dt.date.today().year
    end = this_year if end is None else end
    for nm, y in (("start", start), ("end", end)):
        if isinstance(y, bool) or not isinstance(y, (int, np.integer)):
            raise TypeError(f"`{nm}` must be a year (int), got {y!r}")
        if not 1945 <= y <= this_year:
            raise ValueError(f"`{nm}`={y} is outside the record: years run from 1945 to {this_year}")
    if start > end:
        raise ValueError(f"`start`={start} is after `end`={end}; pass start <= end")
    years = np.arange(start, end + 1)
    today = np.datetime64(pd.Timestamp(_dt.date.today()), "ns")
    ends = np.minimum(pd.to_datetime([f"{y}-12-31" for y in years]).to_numpy(), today)  # this year: today
    iv = _seat_intervals()
    s = iv.start.to_numpy()[None, :]
    e = iv.end.to_numpy()[None, :]
    counts = ((s <= ends[:, None]) & (e > ends[:, None])).sum(axis=1)
    return pd.Series(counts.astype("int64"), index=pd.Index(years, name="year"), name="members")


# --------------------------------------------------------------------------
# succession
# --------------------------------------------------------------------------


def _check_rule(rule) -> str:
    if rule not in SUCCESSION_RULES:
        raise ValueError(f"`rule`={rule!r} is not a succession rule; use one of {list(SUCCESSION_RULES)} "
                         "or a dict {predecessor: successor}")
    return rule


@lru_cache(maxsize=4)
def _succession_pairs(rule: str) -> dict[str, str]:
    """predecessor -> successor under a named rule (see the module notes)."""
    reg = _registry()
    pairs = {}
    for st in reg.states.values():
        if st.seat_from is None or st.admitted is None:
            continue
        if st.admitted < st.seat_from:  # the UN dates the seat from an earlier holder
            for p in st.predecessors:
                ps = reg.states[p]
                if ps.admitted == st.admitted and ps.left == st.seat_from:
                    pairs[p] = st.iso3
    if rule == "lineage":
        for st in reg.states.values():
            for s in st.successors:
                ss = reg.states[s]
                same_cow = {c for c, _, _ in st.cow_codes} & {c for c, _, _ in ss.cow_codes}
                if same_cow and st.left is not None and ss.seat_from is not None and st.left <= ss.seat_from:
                    pairs.setdefault(st.iso3, s)
    return pairs


def successions(rule: str = "seat") -> pd.DataFrame:
    """The seat successions that :func:`merge_successions` applies.

    Parameters
    ----------
    rule : {"seat", "lineage"}, default "seat"
        See the module notes: ``"seat"`` follows the UN's continuing seats,
        ``"lineage"`` adds links with the same Correlates of War number
        (YUG -> SCG).

    Returns
    -------
    pandas.DataFrame
        One row per link, sorted by date: ``predecessor``, ``successor``,
        ``date`` (the day the successor took the seat), ``succession_type``.

    Raises
    ------
    ValueError
        An unknown rule.

    Examples
    --------
    >>> import unvotes
    >>> unvotes.states.successions()  # doctest: +NORMALIZE_WHITESPACE
      predecessor successor       date succession_type
    0         TWN       CHN 1971-10-25   seat_transfer
    1         YAR       YEM 1990-05-22          merger
    2         SUN       RUS 1991-12-24    continuation
    3         SCG       SRB 2006-06-03    continuation

    References
    ----------
    ``members.csv`` (``admitted``, ``seat_from``, ``predecessor_iso3``,
    ``successor_iso3``, ``cow_code_periods``) and its ``SOURCES.md``.
    """
    pairs = _succession_pairs(_check_rule(rule))
    reg = _registry()
    rows = [
        (p, s, reg.states[p].left, reg.states[p].succession_type or reg.states[s].succession_type)
        for p, s in pairs.items()
    ]
    df = pd.DataFrame(rows, columns=["predecessor", "successor", "date", "succession_type"])
    df["date"] = pd.to_datetime(df["date"])
    return df.sort_values("date", ignore_index=True)


def merge_successions(matrix: pd.DataFrame, rule: str | Mapping[str, str] = "seat") -> pd.DataFrame:
    """Merge predecessor columns of a vote matrix into their successors.

    The column of each successor takes the predecessor's votes on the roll
    calls where the successor has no seat (code 9, non_member), so one column
    follows a seat across succession ("RUS" back to 1946 with the Soviet
    Union's votes). The predecessor columns are dropped. ``record.matrix()``
    keeps states apart; ``record.matrix(follow_succession=True)`` calls this.

    Parameters
    ----------
    matrix : pandas.DataFrame
        The vote matrix of ``record.matrix()``: index ``rcid``, columns ISO3,
        integer codes (1 yes, 2 abstain, 3 no, 8 absent, 9 non_member).
    rule : {"seat", "lineage"} or dict, default "seat"
        The links to follow (see the module notes and :func:`successions`),
        or your own mapping ``{predecessor: successor}``.

    Returns
    -------
    pandas.DataFrame
        Same index and dtype; columns sorted, without the merged
        predecessors. ``attrs["successions"]`` records the merges applied
        (``{predecessor: successor}``).

    Raises
    ------
    TypeError
        `matrix` is not a DataFrame.
    ValueError
        An unknown rule.
    DataIntegrityError
        A predecessor and its successor both have a vote (not 9) on the same
        roll call: their seats overlap and cannot be one column (e.g.
        ``{"DDR": "DEU"}``).

    Examples
    --------
    >>> import pandas as pd
    >>> from unvotes.states import merge_successions
    >>> m = pd.DataFrame({"SUN": [1, 3, 9], "RUS": [9, 9, 2], "USA": [1, 1, 3]},
    ...                  index=pd.Index([10, 20, 30], name="rcid"), dtype="int8")
    >>> merge_successions(m)  # doctest: +NORMALIZE_WHITESPACE
          RUS  USA
    rcid
    10      1    1
    20      3    1
    30      2    3

    References
    ----------
    ``members.csv`` succession links (UN Member States list); vote codes of
    Voeten's UNGA data (Bailey, Strezhnev and Voeten 2017).
    """
    if not isinstance(matrix, pd.DataFrame):
        raise TypeError(f"`matrix` must be the DataFrame of record.matrix(), got a {type(matrix).__name__}")
    if isinstance(rule, Mapping):
        pairs = {str(k): str(v) for k, v in rule.items()}
        if any(k == v for k, v in pairs.items()):
            raise ValueError(f"`rule`={rule!r} maps a state to itself")
    else:
        pairs = dict(_succession_pairs(_check_rule(rule)))

    def final(x, seen=()):
        if x in seen:
            raise ValueError(f"`rule` has a cycle through {x}")
        return final(pairs[x], seen + (x,)) if x in pairs else x

    out = matrix.copy()
    applied = {}
    # merge the oldest links first, so chains (YUG -> SCG -> SRB) collapse in order
    for p in sorted(pairs, key=lambda x: (_seat_start(x), x)):
        if p not in out.columns:
            continue
        target = final(p)
        src = out[p].to_numpy()
        if target not in out.columns:
            out[target] = src
        else:
            dst = out[target].to_numpy()
            both = (src != NON_MEMBER) & (dst != NON_MEMBER)
            if both.any():
                first = out.index[np.argmax(both)]
                raise DataIntegrityError(
                    f"cannot merge {p} into {target}: both have a vote on {int(both.sum())} roll call(s) "
                    f"(first rcid {first}); their seats overlap, so keep them apart"
                )
            out[target] = np.where(dst == NON_MEMBER, src, dst).astype(matrix.dtypes[p])
        out = out.drop(columns=p)
        applied[p] = target
    out = out[sorted(out.columns)]
    out.attrs = dict(matrix.attrs)
    out.attrs["successions"] = applied
    return out


def _seat_start(iso3: str) -> pd.Timestamp:
    st = _registry().states.get(iso3)
    return st.seat_from if st is not None and st.seat_from is not None else _FAR_PAST
