"""The states unvotes knows, built once from the compiled tables: :class:`State`, the name and code
registry, and the membership dates (the private half of :mod:`unvotes.states`).

Sources: ``members.csv``, ``observers.csv``, ``state_aliases.csv``, ``cow_state_abbreviations.csv``
and ``blocs.csv`` (see ``datasets/raw/reference-tables/SOURCES.md``); ISO 3166 via pycountry.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from ..errors import DataIntegrityError
from ._types import DateLike

#: The UN Charter entered into force on this date; no Member before it.
UN_FOUNDED = pd.Timestamp("1945-10-24")


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
        self.cow_abb: dict[str, tuple[int, str]] = {}  # set by _registry()
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
                    f"add {r.iso3} to unvotes.record._state_registry._ABSENCE_KIND"
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
            # a typo column of a scrape ("Aa United States") is read, but never suggested to a user
            if len(key) > 3 and not all("typo" in e.source for e in entries):
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
    reg = _Registry(read_table("states"), read_table("observers"), read_table("state_aliases"), set(blocs["iso3"]))
    cow = read_table("cow_abbreviations")
    # COW letter code -> (COW state number, COW name); cow_state_abbreviations.csv, SOURCES.md section 4
    reg.cow_abb = {a: (int(c), n) for a, c, n in zip(cow["cow_abb"], cow["cow_code"], cow["cow_name"])}
    return reg
