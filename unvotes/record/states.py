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
from functools import lru_cache
from typing import NoReturn

import numpy as np
import pandas as pd

from ._types import DateLike, StateLike, StatesLike
from ..errors import (
    AmbiguousStateError,
    StateNotMemberError,
    UnknownStateError,
    UnvotesError,
    close_matches,
)
# the registry and the succession rules live in their own modules; their public names are
# part of unvotes.states (and the private ones blocs.py uses are re-exported for it)
from ._state_registry import (  # noqa: F401
    _ABSENCE_KIND,
    _FAR_FUTURE,
    _FAR_PAST,
    UN_FOUNDED,
    State,
    _as_date,
    _fmt,
    _held,
    _Name,
    _registry,
)
from .succession import SUCCESSION_RULES, _check_rule, _holder_on, merge_successions, successions  # noqa: F401

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

# Names that everyday usage applies to several states although one of them
# is also a UN short name (the issue tracker's examples). Resolving them to
# one state would be a guess; the error lists the candidates.
_AMBIGUOUS_NAMES = {
    "CONGO": ("COG", "COD"),
    "KOREA": ("KOR", "PRK"),
    "GUINEA": ("GIN", "GNB", "GNQ", "PNG"),
}

# --------------------------------------------------------------------------
# resolution
# --------------------------------------------------------------------------


def _not_member_message(st: State, d: pd.Timestamp) -> str:
    reg = _registry()
    head = f"{st.iso3} did not hold a UN seat on {d.date()}"
    if st.seat_from is None:
        return f"{head}: {st.name} is {'an' if st.status[0] in 'aeiou' else 'a'} {st.status} State, not a UN Member"
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
        ISO 3166 alpha-3 or alpha-2 code, a Correlates of War state number
        (an ``int`` or a string of digits, e.g. ``365``) or a COW letter code
        (``"UKG"``, ``"FRN"``, ``"GFR"``; ``cow_state_abbreviations.csv``).
        Five COW letter codes are also ISO codes of another state and are
        read as ISO codes: AUS (Australia, not COW's Austria), CZE, MNG, SLV
        and SWZ; pass COW numbers for those (Austria is ``305``). ``"MAC"``
        (ISO's Macao, COW's Macedonia) is refused rather than guessed.
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
        ``suggestions`` lists their ISO3 codes. With `on`, a name that is
        exactly the UN name of one Member on that date is that Member
        ("Congo" is COG, "Guinea" GIN).
    StateNotMemberError
        With `on`: the state did not hold a UN seat that day (an observer
        State such as the Holy See never did); the message names the seat's
        holder.
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
    >>> unvotes.state("UKG").iso3, unvotes.state("GFR", on="1980-01-01").iso3
    ('GBR', 'DEU')
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
    rule = None
    if follow_succession:
        rule = "seat" if follow_succession is True else _check_rule(follow_succession)
    st = _resolve(query, d, rule)
    if d is not None and st.seat_from is not None and not _held(st, d):
        if rule is not None:
            holder = _holder_on(st.iso3, d, rule)
            if holder is not None:
                return _registry().states[holder]
        raise StateNotMemberError(_not_member_message(st, d), key=st.iso3, suggestions=[])
    if d is not None and st.seat_from is None:  # an observer or another non-member: never a seat
        raise StateNotMemberError(_not_member_message(st, d), key=st.iso3)
    return st


def _resolve(query, d: pd.Timestamp | None, rule: str | None = None) -> State:
    reg = _registry()
    if isinstance(query, State):
        return reg.states.get(query.iso3, query)
    if isinstance(query, (bool, np.bool_)):
        raise TypeError(f"`query` must be a state name, an ISO code or a COW number, got {query!r}")
    if isinstance(query, (int, np.integer)):
        return _by_cow(int(query), d, rule)
    if not isinstance(query, str):
        raise TypeError(
            f"`query` must be one state name or code (str) or a COW number (int), got a {type(query).__name__}; "
            "for several states use unvotes.state_table([...])"
        )
    text = query.strip()
    if text.isdigit():
        return _by_cow(int(text), d, rule)
    if not text:
        raise ValueError("`query` is empty; pass a state name or code such as 'France' or 'FRA'")
    key = reg.normalize(text)
    if key in _AMBIGUOUS_NAMES:
        return _resolve_usage_name(query, key, d)
    entries = reg.names.get(key)
    if not entries and text.upper() in reg.cow_abb:
        return _by_cow_abb(text.upper(), d, rule)
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


def _resolve_usage_name(query, key: str, d: pd.Timestamp | None) -> State:
    """A name usage applies to several states ("Congo"): with a date, the one Member whose UN name it is."""
    reg = _registry()
    cands = _AMBIGUOUS_NAMES[key]
    own = [i for i in cands if reg.states[i].seat_from is not None and reg.normalize(reg.states[i].name) == key]
    if d is not None:
        holding = [i for i in own if _held(reg.states[i], d)]
        if len(holding) == 1:
            return reg.states[holding[0]]
        _raise_ambiguous(query, cands, "usage applies it to several states", date_helps=False)
    _raise_ambiguous(query, cands, "usage applies it to several states", date_helps=bool(own))


def _raise_ambiguous(query, isos, why: str, *, date_helps: bool | None = None) -> NoReturn:
    reg = _registry()
    cands = ", ".join(f"{i} ({reg.states[i].name})" for i in isos)
    if date_helps is None:
        date_helps = not why.startswith("several states of that name held")
    raise AmbiguousStateError(
        f"{query!r} is ambiguous: it may mean {cands} ({why}); pass an ISO3 code or a fuller name"
        + (", or a date with on=... (on a date it means the Member whose UN name it is)" if date_helps else ""),
        key=query,
        suggestions=list(isos),
    )


def _by_cow_abb(abb: str, d: pd.Timestamp | None, rule: str | None) -> State:
    """A Correlates of War letter code (``UKG``, ``FRN``, ``GFR``) through its COW state number."""
    import pycountry

    code, name = _registry().cow_abb[abb]
    iso = pycountry.countries.get(alpha_3=abb) or pycountry.historic_countries.get(alpha_3=abb)
    if iso is not None:  # MAC: ISO's Macao (no UN seat) and COW's Macedonia; never guess which
        raise UnknownStateError(
            f"{abb!r} is the ISO 3166 code of {iso.name}, which holds no UN seat, and the Correlates of War code "
            f"of {name} (COW {code}); pass the ISO3 code or the COW number ({code}) of the state you mean",
            key=abb, suggestions=[str(code)])
    if not any(r[0] == code for r in _registry().cow):
        raise UnknownStateError(f"{abb!r} is the Correlates of War code of {name} (COW {code}), which never held "
                                "a UN seat", key=abb)
    return _by_cow(code, d, rule, label=f"COW code {abb!r} ({name}, state number {code})")


def _by_cow(code: int, d: pd.Timestamp | None, rule: str | None = None, label: str = "") -> State:
    """The state of COW number `code` (on date `d`: its holder then; with `rule`, the seat's holder then)."""
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
        if rule is not None:  # like state("YAR", on=..., follow_succession=True)
            holders = sorted({h for r in rows if (h := _holder_on(r[1], d, rule)) is not None})
            if len(holders) == 1:
                return reg.states[holders[0]]
        spans = "; ".join(f"{r[1]} {_fmt(r[2])} to {_fmt(r[3]) or 'today'}" for r in rows)
        raise StateNotMemberError(f"{label or f'COW state number {code}'} held no UN seat on {d.date()} ({spans})"
                                  + ("; pass follow_succession=True for the seat's holder on that date" if rule is None
                                     else ""), key=code,
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



def _display_name(code) -> str:
    """:func:`state_name`, or the code itself when it names no state (a bloc id such as "G7")."""
    try:
        return state_name(str(code))
    except (UnvotesError, ValueError):
        return str(code)

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
