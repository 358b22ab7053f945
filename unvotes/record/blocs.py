"""Blocs with dated membership, and roll calls counted by bloc.

The bloc table is ``datasets/raw/reference-tables/blocs.csv`` (its
``SOURCES.md`` and ``docs/blocs.md`` give the source and the uncertainty of
each bloc): the EU, NATO, the G7, BRICS, the African Union and its
predecessor the OAU, the League of Arab States, ASEAN, the P5, the OIC, the
Non-Aligned Movement, the Group of 77, the CIS, the SCO and the five UN
regional groups. Each row is one state's membership with ``joined``,
``left`` (the date of the event that ended it: exclusive), their precision
(``day``, ``month``, ``year`` or ``unknown``) and suspensions.

Honest dates
------------
A date that the source gives only to the month or the year is a window, not
a day: on a date inside that window membership is *uncertain*. A row whose
joining date is ``unknown`` (97 NAM members, 61 G77 members, the UN regional
groups, whose table describes their current composition only) is a member
as of the table's data state (late 2025); unvotes assumes it a member from
the later of the bloc's founding (the earliest dated ``joined`` in the table;
none for the regional groups) and the state's UN admission, and marks it
uncertain on every date. Results carry this in a ``certain`` column (and
``n_uncertain`` counts); ``include_uncertain=False`` keeps only certain
members. Suspended members (Syria in the Arab League 2011-11-16 to
2023-05-07) are left out unless ``include_suspended=True``.

Roles other than ``member`` (the United States attends WEOG as an
observer; Türkiye participates in the Asia-Pacific group; Turkmenistan is a
CIS associate; Ukraine a CIS participating state) are left out unless
``all_roles=True``; China, which the G77 lists but which does not consider
itself a member ("G77 and China"), is counted.

References
----------
``blocs.csv`` and ``SOURCES.md`` of the reference tables (sources per bloc:
EUR-Lex, nato.int, the Arab League, AU and OIC member lists, g77.org, the
UN DGACM regional groups page, and others; see ``docs/blocs.md``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from .codes import ABSENT, ABSTAIN, NO, NON_MEMBER, VOTE_CODES, YES
from ..errors import UnknownBlocError, close_matches
from .states import _FAR_FUTURE, _FAR_PAST, _as_date, _held, _registry, resolve_states, state
from ._types import DateLike, StrsLike

from ._types import RollCallLike as RollCall, VotingRecordLike as VotingRecord  # not from .core: core imports this module

__all__ = ["bloc", "bloc_membership", "list_blocs", "roll_call_by_bloc", "votes_by_bloc"]

# Roles counted as members by default (see the module notes).
_DEFAULT_ROLES = ("member", "listed")

_COUNT_COLUMNS = ["n_members", "yes", "abstain", "no", "absent", "non_member", "n_uncertain"]


@dataclass(frozen=True)
class _Spec:
    """One bloc as arrays over its rows (a bloc of the table, or a user's list)."""

    label: str
    name: str
    rows: pd.DataFrame  # iso3, role, joined, left, date_precision, left_precision, counted, notes
    lo: np.ndarray  # possible start
    hi: np.ndarray  # certain start
    end_lo: np.ndarray  # certain end (exclusive)
    end_hi: np.ndarray  # possible end (exclusive)
    suspended: tuple  # (row index, start, end)


def _shift(dates: pd.Series, prec: pd.Series) -> pd.Series:
    """The end of each date's precision window (day -> same day)."""
    out = dates.copy()
    m = prec.eq("month")
    out[m] = dates[m] + pd.DateOffset(months=1)
    y = prec.eq("year")
    out[y] = dates[y] + pd.DateOffset(years=1)
    return out


@lru_cache(maxsize=1)
def _table() -> pd.DataFrame:
    from ._resources import read_table

    t = read_table("blocs")
    return t


@lru_cache(maxsize=1)
def _founding() -> dict[str, pd.Timestamp | None]:
    t = _table()
    out = {}
    for b, g in t.groupby("bloc", sort=True):
        known = g.loc[g.joined.ne(""), "joined"]
        # The regional-group rows describe the current composition only; their
        # few dated rows (Palestine 1986, Israel 2000) are not a founding.
        out[b] = None if b.startswith("UNRG_") or known.empty else pd.Timestamp(known.min())
    return out


@lru_cache(maxsize=None)
def _table_spec(bloc_id: str) -> _Spec:
    t = _table()
    g = t[t.bloc == bloc_id].reset_index(drop=True)
    reg = _registry()
    joined = pd.to_datetime(g.joined.replace("", None))
    left = pd.to_datetime(g.left.replace("", None))
    founded = _founding()[bloc_id]
    seat = pd.to_datetime(pd.Series([reg.states[i].seat_from if i in reg.states else None for i in g.iso3]))
    unknown = g.date_precision.eq("unknown") | joined.isna()
    assumed = pd.Series(_FAR_PAST, index=g.index)
    if founded is not None:
        assumed[:] = founded
    assumed = assumed.where(seat.isna() | (seat < assumed), seat)
    lo = joined.where(~unknown, assumed)
    hi = _shift(joined, g.date_precision).where(~unknown, _FAR_FUTURE)
    end_lo = left.fillna(_FAR_FUTURE)
    end_hi = _shift(left, g.left_precision).fillna(_FAR_FUTURE)
    susp = []
    for j, s in enumerate(g.suspended_periods):
        for part in filter(None, (p.strip() for p in s.split(";"))):
            a, b = part.split("/")
            susp.append((j, np.datetime64(pd.Timestamp(a)), np.datetime64(pd.Timestamp(b) if b else _FAR_FUTURE)))
    rows = g[["iso3", "role", "joined", "left", "date_precision", "left_precision", "suspended_periods", "notes"]].copy()
    rows["assumed_from"] = lo.where(unknown)
    rows["counted"] = g.role.str.startswith(_DEFAULT_ROLES)
    return _Spec(
        label=bloc_id,
        name=g.bloc_name.iloc[0],
        rows=rows,
        lo=lo.to_numpy("datetime64[ns]"),
        hi=hi.to_numpy("datetime64[ns]"),
        end_lo=end_lo.to_numpy("datetime64[ns]"),
        end_hi=end_hi.to_numpy("datetime64[ns]"),
        suspended=tuple(susp),
    )


def _custom_spec(label: str, members) -> _Spec:
    if isinstance(members, str) or not isinstance(members, Iterable):
        raise TypeError(
            f"the members of your bloc {label!r} must be a list of states, got {members!r}; "
            "e.g. {'Nordics': ['DNK', 'FIN', 'ISL', 'NOR', 'SWE']}"
        )
    isos = list(dict.fromkeys(resolve_states(list(members), param=f"the members of {label!r}")))
    if not isos:
        raise ValueError(f"your bloc {label!r} has no members; pass a non-empty list of states")
    n = len(isos)
    rows = pd.DataFrame(
        {
            "iso3": isos,
            "role": "member",
            "joined": "",
            "left": "",
            "date_precision": "given",
            "left_precision": "",
            "suspended_periods": "",
            "notes": "your list",
            "assumed_from": pd.NaT,
            "counted": True,
        }
    )
    far_past = np.full(n, np.datetime64(_FAR_PAST, "ns"))
    far_future = np.full(n, np.datetime64(_FAR_FUTURE, "ns"))
    return _Spec(str(label), "your list", rows, far_past, far_past, far_future, far_future, ())


def _norm_id(s: str) -> str:
    return re.sub(r"[\s\-]+", "_", str(s).strip().upper())


def _resolve_bloc(x) -> str:
    t = _table()
    ids = sorted(t.bloc.unique())
    if not isinstance(x, str):
        raise TypeError(f"a bloc id must be a string such as 'EU', got {x!r}")
    key = _norm_id(x)
    if key in ids:
        return key
    names = {}
    for b, n in t.groupby("bloc").bloc_name.first().items():
        names[_norm_id(n)] = b
        names[_norm_id(re.sub(r"\s*\(.*\)\s*$", "", n))] = b
        m = re.search(r"\(([A-Z]+)\)", n)
        if m:
            names[m.group(1)] = b
    names.setdefault("ARAB_LEAGUE", "ARAB_LEAGUE")
    if key in names:
        return names[key]
    sugg = close_matches(key, ids + sorted(names), n=5, cutoff=0.5)
    sugg = list(dict.fromkeys(names.get(s, s) for s in sugg))
    msg = f"unknown bloc id {x!r}"
    if sugg:
        msg += f"; did you mean {', '.join(sugg)}?"
    msg += f" Known bloc ids: {', '.join(ids)}."
    msg += " For your own bloc pass a dict such as {'Nordics': ['DNK', 'FIN', 'ISL', 'NOR', 'SWE']}."
    raise UnknownBlocError(msg, key=x, suggestions=sugg or ids)


def _specs(blocs) -> list[_Spec]:
    if isinstance(blocs, str):
        return [_table_spec(_resolve_bloc(blocs))]
    if isinstance(blocs, Mapping):
        return [_custom_spec(k, v) for k, v in blocs.items()]
    if isinstance(blocs, (pd.DataFrame, pd.Series)):
        raise TypeError("`blocs` must be bloc ids such as ['EU', 'NATO'] or a dict {name: [states]}, got a "
                        f"{type(blocs).__name__}")
    if isinstance(blocs, Iterable):
        blocs = list(blocs)
        if not blocs:
            raise ValueError("`blocs` is empty; pass bloc ids such as ['EU', 'NATO'] (see unvotes.list_blocs())")
        out = []
        for b in blocs:
            out.append(_table_spec(_resolve_bloc(b)) if isinstance(b, str) else _resolve_any(b))
        return out
    raise TypeError(f"`blocs` must be bloc ids such as ['EU', 'NATO'] or a dict {{name: [states]}}, got {blocs!r}")


def _resolve_any(b):
    raise TypeError(f"a bloc id must be a string such as 'EU', got {b!r}; for your own bloc pass a dict "
                    "{'name': [states]}")


def _membership(spec: _Spec, dates: np.ndarray):
    """possible, certain, suspended: bool arrays of shape (n_dates, n_rows)."""
    d = dates[:, None]
    possible = (spec.lo[None, :] <= d) & (d < spec.end_hi[None, :])
    certain = (spec.hi[None, :] <= d) & (d < spec.end_lo[None, :])
    suspended = np.zeros_like(possible)
    for j, a, b in spec.suspended:
        suspended[:, j] |= (dates >= a) & (dates < b)
    return possible, certain & possible, suspended


def _member_mask(spec, dates, include_uncertain, include_suspended, all_roles):
    possible, certain, suspended = _membership(spec, dates)
    m = possible.copy()
    if not include_uncertain:
        m &= certain
    if not include_suspended:
        m &= ~suspended
    if not all_roles:
        m &= spec.rows.counted.to_numpy()[None, :]
    return m, certain, suspended


# --------------------------------------------------------------------------
# public functions
# --------------------------------------------------------------------------


def list_blocs() -> pd.DataFrame:
    """The blocs of the bloc table.

    Returns
    -------
    pandas.DataFrame
        One row per bloc, index ``bloc`` (the id to pass to :func:`bloc`):
        ``bloc_name``; ``founded`` (earliest dated ``joined``; NaT for the UN
        regional groups, whose table gives current composition only);
        ``rows`` (membership rows, former members included);
        ``current`` (rows with no ``left`` and a counted role);
        ``unknown_dates`` (rows whose joining date is unknown);
        ``year_or_month_dates`` (rows dated to the year or month only).

    Examples
    --------
    >>> import unvotes
    >>> b = unvotes.list_blocs()
    >>> b.loc[["EU", "NATO", "BRICS", "NAM"], ["current", "unknown_dates"]]
    ... # doctest: +NORMALIZE_WHITESPACE
           current  unknown_dates
    bloc
    EU          27              0
    NATO        32              0
    BRICS       10              0
    NAM        121             98

    References
    ----------
    ``blocs.csv`` and its ``SOURCES.md`` (see ``docs/blocs.md``).
    """
    t = _table()
    counted = t.role.str.startswith(_DEFAULT_ROLES)
    g = t.assign(
        current=t.left.eq("") & counted,
        unknown=t.date_precision.eq("unknown"),
        coarse=t.date_precision.isin(["year", "month"]),
    ).groupby("bloc", sort=True)
    out = pd.DataFrame(
        {
            "bloc_name": g.bloc_name.first(),
            "founded": pd.to_datetime(pd.Series(_founding())),
            "rows": g.size(),
            "current": g.current.sum(),
            "unknown_dates": g.unknown.sum(),
            "year_or_month_dates": g.coarse.sum(),
        }
    )
    out.index.name = "bloc"
    return out


def bloc(bloc_id: str, on: DateLike | None = None, *, include_uncertain: bool = True, include_suspended: bool = False,
         all_roles: bool = False) -> pd.DataFrame:
    """The members of a bloc on a date.

    Parameters
    ----------
    bloc_id : str
        A bloc id of :func:`list_blocs` (``"EU"``, ``"NATO"``, ``"G7"``,
        ``"BRICS"``, ``"AU"``, ``"ARAB_LEAGUE"``, ``"UNRG_WEOG"`` ...; case
        and spaces are ignored, and names such as "Arab League" work).
    on : str or datetime-like, optional
        The date (1945-10-24 to today). Default: today; the table describes
        membership as of late 2025.
    include_uncertain : bool, default True
        Keep members whose membership on `on` rests on a date known only to
        the month or year, or on an unknown joining date (``certain`` False).
    include_suspended : bool, default False
        Keep suspended members (``suspended`` True).
    all_roles : bool, default False
        Keep observers, participants and associates (see ``role``).

    Returns
    -------
    pandas.DataFrame
        One row per member, sorted by ``iso3``: ``iso3``, ``name`` (UN name),
        ``role``, ``joined`` and ``left`` (dates as in the table, "" where
        none), ``date_precision``, ``left_precision``, ``certain`` (bool:
        the dates put the state in the bloc on `on` for sure),
        ``suspended`` (bool), ``un_member`` (bool: holds a UN seat on `on`),
        ``note`` (why a row is uncertain or suspended). ``attrs`` holds
        ``bloc``, ``bloc_name`` and ``on``.

    Raises
    ------
    UnknownBlocError
        An unknown bloc id; the message lists the known ones.
    ValueError
        A date before 1945-10-24 or in the future, or a date on which the
        bloc had no members (before its founding).

    Examples
    --------
    >>> import unvotes
    >>> nato = unvotes.bloc("NATO", on="2025-02-24")
    >>> len(nato), {"FIN", "SWE"} <= set(nato.iso3)
    (32, True)
    >>> len(unvotes.bloc("NATO", on="2023-04-03")), len(unvotes.bloc("NATO", on="2023-04-04"))
    (30, 31)
    >>> "GBR" in set(unvotes.bloc("EU", on="2020-01-30").iso3)
    True
    >>> "SYR" in set(unvotes.bloc("ARAB_LEAGUE", on="2015-01-01").iso3)
    False
    >>> nam = unvotes.bloc("NAM", on="2025-02-24")
    >>> len(nam), int((~nam.certain).sum())
    (121, 97)

    References
    ----------
    ``blocs.csv`` and its ``SOURCES.md``; the source of each bloc is in
    ``docs/blocs.md``.
    """
    spec = _table_spec(_resolve_bloc(bloc_id))
    d = _as_date(pd.Timestamp.today().normalize() if on is None else on)
    dates = np.array([np.datetime64(d, "ns")])
    m, certain, suspended = _member_mask(spec, dates, include_uncertain, include_suspended, all_roles)
    possible_any = _membership(spec, dates)[0][0]
    if not possible_any.any():
        first = pd.Timestamp(spec.lo.min())
        if d < first:
            when = f"its earliest member joined on {first.date()}"
        else:
            when = f"its last members left on {pd.Timestamp(spec.end_hi.max()).date()}"
        raise ValueError(f"`on`={d.date()}: {spec.label} ({spec.name}) had no members on that date; {when}")
    keep = m[0]
    rows = spec.rows[keep].copy()
    cert = certain[0][keep]
    susp = suspended[0][keep]
    reg = _registry()
    rows.insert(1, "name", [reg.states[i].name if i in reg.states else i for i in rows.iso3])
    rows["certain"] = cert
    rows["suspended"] = susp
    rows["un_member"] = [i in reg.states and reg.states[i].seat_from is not None and _held(reg.states[i], d)
                         for i in rows.iso3]
    rows["note"] = [_note(r, d, c, s) for r, c, s in zip(rows.itertuples(index=False), cert, susp)]
    out = rows[["iso3", "name", "role", "joined", "left", "date_precision", "left_precision", "certain",
                "suspended", "un_member", "note"]].sort_values("iso3", ignore_index=True)
    out.attrs.update(bloc=spec.label, bloc_name=spec.name, on=d)
    return out


def _note(r, d: pd.Timestamp, certain: bool, suspended: bool) -> str:
    parts = []
    if r.date_precision == "unknown" or r.joined == "":
        parts.append(
            f"joining date unknown (a member as of late 2025); assumed a member from {pd.Timestamp(r.assumed_from).date()}"
        )
    elif not certain and r.date_precision in ("year", "month") and d < _shift(
        pd.Series([pd.Timestamp(r.joined)]), pd.Series([r.date_precision])
    )[0]:
        parts.append(f"joined {r.joined[:4] if r.date_precision == 'year' else r.joined[:7]} "
                     f"({r.date_precision} precision only)")
    if r.left and not certain and d >= pd.Timestamp(r.left):
        parts.append(f"left {r.left[:4] if r.left_precision == 'year' else r.left[:7]} "
                     f"({r.left_precision} precision only)")
    if suspended:
        parts.append(f"suspended ({r.suspended_periods})")
    return "; ".join(parts)


def _codes_of(votes: pd.Series) -> pd.Series:
    """Vote labels (or codes) indexed by iso3 -> int8 codes."""
    if votes.dtype.kind in "iu":
        return votes.astype("int8")
    lab = votes.astype(str)
    bad = sorted(set(lab) - set(VOTE_CODES))
    if bad:
        raise ValueError(f"roll call votes contain unknown labels {bad}; expected {sorted(VOTE_CODES)}")
    return lab.map(VOTE_CODES).astype("int8")


def roll_call_by_bloc(roll_call: RollCall, blocs: StrsLike, *, include_uncertain: bool = True, include_suspended: bool = False,
                      all_roles: bool = False) -> pd.DataFrame:
    """Count one roll call's votes within each bloc.

    ``record[symbol].by_bloc(blocs)`` calls this.

    Parameters
    ----------
    roll_call : RollCall
        A roll call (``.date`` and ``.votes``, a Series of vote labels indexed
        by ISO3 for every Member on that date).
    blocs : str, list of str, or dict
        Bloc ids of :func:`list_blocs`, or your own blocs as
        ``{name: [states]}`` (states as names or codes; they count on every
        date on which they hold a seat).
    include_uncertain, include_suspended, all_roles : bool
        As in :func:`bloc`.

    Returns
    -------
    pandas.DataFrame
        One row per bloc, index ``bloc``: ``bloc_name``, ``n_members``
        (members on the vote date), ``yes``, ``abstain``, ``no``,
        ``absent`` (Members that cast no vote), ``non_member`` (bloc members
        without a UN seat, such as the Sahrawi Republic in the AU or
        Palestine in the Arab League), ``n_uncertain`` (members whose
        membership on the date is uncertain, counted in the totals), then the
        ISO3 codes in tuples: ``members``, ``yes_states``,
        ``abstain_states``, ``no_states``, ``absent_states``,
        ``non_member_states``.

    Raises
    ------
    UnknownBlocError
        An unknown bloc id.
    TypeError
        `roll_call` is not a roll call, or `blocs` of the wrong kind.

    Examples
    --------
    >>> import unvotes
    >>> rc = unvotes.load()["A/RES/ES-11/7"]
    >>> rc.by_bloc(["EU", "NATO", "P5"])[["n_members", "yes", "abstain", "no", "absent", "no_states"]]
    ... # doctest: +NORMALIZE_WHITESPACE
          n_members  yes  abstain  no  absent   no_states
    bloc
    EU           27   26        0   1       0      (HUN,)
    NATO         32   29        1   2       0  (HUN, USA)
    P5            5    2        1   2       0  (RUS, USA)

    References
    ----------
    ``blocs.csv`` (see ``docs/blocs.md``); the votes of the roll call's
    source (UN DGACM / UN Digital Library).
    """
    if not (hasattr(roll_call, "date") and hasattr(roll_call, "votes")):
        raise TypeError(f"`roll_call` must be a RollCall (record[symbol]), got a {type(roll_call).__name__}")
    specs = _specs(blocs)
    codes = _codes_of(roll_call.votes)
    d = pd.Timestamp(roll_call.date)
    dates = np.array([np.datetime64(d, "ns")])
    out = []
    for spec in specs:
        m, certain, _ = _member_mask(spec, dates, include_uncertain, include_suspended, all_roles)
        m = m[0]
        iso = spec.rows.iso3.to_numpy()[m]
        v = codes.reindex(iso).fillna(NON_MEMBER).astype("int8").to_numpy()
        row = {
            "bloc": spec.label,
            "bloc_name": spec.name,
            "n_members": int(m.sum()),
            "yes": int((v == YES).sum()),
            "abstain": int((v == ABSTAIN).sum()),
            "no": int((v == NO).sum()),
            "absent": int((v == ABSENT).sum()),
            "non_member": int((v == NON_MEMBER).sum()),
            "n_uncertain": int((m & ~certain[0]).sum()),
            "members": tuple(sorted(iso)),
        }
        for lab, code in (("yes", YES), ("abstain", ABSTAIN), ("no", NO), ("absent", ABSENT),
                          ("non_member", NON_MEMBER)):
            row[f"{lab}_states"] = tuple(sorted(iso[v == code]))
        out.append(row)
    df = pd.DataFrame(out).set_index("bloc")
    df.attrs.update(rcid=getattr(roll_call, "rcid", None), symbol=getattr(roll_call, "symbol", None), date=d)
    return df


def bloc_membership(blocs: StrsLike | Mapping[str, Iterable[str]], dates: Iterable[DateLike],
                    states: Iterable[str], *, include_uncertain: bool = True, include_suspended: bool = False,
                    all_roles: bool = False) -> tuple[np.ndarray, list[str]]:
    """Membership of blocs on many dates at once, as a boolean array.

    The vectorised form of :func:`bloc` for metrics over many roll calls.

    Parameters
    ----------
    blocs : str, sequence of str, or dict
        Bloc ids of the bloc table (``"EU"``, ``["EU", "NATO"]``) or your own
        blocs as ``{name: [iso3, ...]}``.
    dates : sequence of datetime-like, length n_dates
        The dates (e.g. the roll calls' dates).
    states : sequence of str or pandas.Index, length n_states
        ISO3 codes of the columns (e.g. ``record.matrix().columns``).
    include_uncertain, include_suspended, all_roles : bool
        As in :func:`bloc`.

    Returns
    -------
    member : numpy.ndarray of bool, shape (n_dates, n_states, n_blocs)
        ``member[d, s, b]`` is True if state s belongs to bloc b on date d.
    labels : list of str
        The bloc labels, in the order of the last axis.

    Raises
    ------
    UnknownBlocError, TypeError, ValueError
        As :func:`bloc`.

    Examples
    --------
    >>> import unvotes
    >>> m, labels = unvotes.blocs.bloc_membership(["NATO"], ["2023-01-01", "2023-06-01"], ["FIN", "SWE"])
    >>> labels, m[:, :, 0].tolist()
    (['NATO'], [[False, False], [True, False]])
    """
    specs = _specs(blocs)
    columns = pd.Index([str(x) for x in states])
    d = pd.to_datetime(pd.Series(list(dates))).to_numpy("datetime64[ns]")
    out = np.zeros((len(d), len(columns), len(specs)), dtype=bool)
    for b, spec in enumerate(specs):  # loop over the few blocs; vectorised over dates and members
        m, _, _ = _member_mask(spec, d, include_uncertain, include_suspended, all_roles)
        col = columns.get_indexer(spec.rows["iso3"].to_numpy())
        ok = col >= 0  # members with no column have no vote in the record
        onehot = np.zeros((int(ok.sum()), len(columns)), dtype=np.float32)
        onehot[np.arange(int(ok.sum())), col[ok]] = 1.0  # a state may have several rows (left and rejoined)
        out[:, :, b] = (m[:, ok].astype(np.float32) @ onehot) > 0
    return out, [spec.label for spec in specs]


def votes_by_bloc(record: VotingRecord, blocs: StrsLike, *, include_uncertain: bool = True, include_suspended: bool = False,
                  all_roles: bool = False) -> pd.DataFrame:
    """Count the votes of every roll call of a record within each bloc (tidy).

    Membership is taken on each roll call's date, so a bloc's composition
    changes over the record (the UK in the EU until 2020-01-31, Finland in
    NATO from 2023-04-04). Vectorised over the vote matrix.

    Parameters
    ----------
    record : VotingRecord
        The record (``record.roll_calls`` and ``record.matrix()``); use
        ``record.select(...)`` first to restrict it.
    blocs : str, list of str, or dict
        As in :func:`roll_call_by_bloc`.
    include_uncertain, include_suspended, all_roles : bool
        As in :func:`bloc`.

    Returns
    -------
    pandas.DataFrame
        One row per (roll call, bloc), ordered as ``record.roll_calls`` then
        as `blocs`: ``rcid``, ``date``, ``symbol``, ``bloc``, ``n_members``,
        ``yes``, ``abstain``, ``no``, ``absent``, ``non_member``,
        ``n_uncertain`` (int64; see :func:`roll_call_by_bloc`).

    Raises
    ------
    UnknownBlocError
        An unknown bloc id.
    TypeError
        `record` is not a VotingRecord, or `blocs` of the wrong kind.

    Examples
    --------
    >>> import unvotes
    >>> rec = unvotes.load().select(start="2025-02-24", end="2025-02-24")
    >>> unvotes.votes_by_bloc(rec, ["EU", "AU"])[["symbol", "bloc", "n_members", "yes", "abstain", "no",
    ...                                            "absent", "non_member"]]
    ... # doctest: +NORMALIZE_WHITESPACE
              symbol bloc  n_members  yes  abstain  no  absent  non_member
    0  A/RES/ES-11/7   EU         27   26        0   1       0           0
    1  A/RES/ES-11/7   AU         55   13       24   8       9           1
    2  A/RES/ES-11/8   EU         27   26        1   0       0           0
    3  A/RES/ES-11/8   AU         55   17       26   4       7           1

    References
    ----------
    ``blocs.csv`` (see ``docs/blocs.md``); the record's sources.
    """
    if not (hasattr(record, "roll_calls") and hasattr(record, "matrix")):
        raise TypeError(f"`record` must be a VotingRecord (unvotes.load()), got a {type(record).__name__}")
    specs = _specs(blocs)
    rc = record.roll_calls
    mat = record.matrix()
    if len(mat.index) != len(rc) or not np.array_equal(mat.index.to_numpy(), rc["rcid"].to_numpy()):
        mat = mat.reindex(rc["rcid"].to_numpy())
    V = mat.to_numpy()
    col = {c: i for i, c in enumerate(mat.columns)}
    dates = pd.to_datetime(rc["date"]).to_numpy("datetime64[ns]")
    n = len(rc)
    frames = []
    for spec in specs:
        m, certain, _ = _member_mask(spec, dates, include_uncertain, include_suspended, all_roles)
        idx = np.array([col.get(i, -1) for i in spec.rows.iso3], dtype=np.int64)
        if V.shape[1]:
            Vr = np.where(idx[None, :] >= 0, V[:, np.clip(idx, 0, None)], NON_MEMBER)
        else:
            Vr = np.full((n, len(idx)), NON_MEMBER)
        Vr = np.where(m, Vr, 0)
        f = pd.DataFrame(
            {
                "rcid": rc["rcid"].to_numpy(),
                "date": dates,
                "symbol": rc["symbol"].to_numpy() if "symbol" in rc else "",
                "bloc": spec.label,
                "n_members": m.sum(axis=1),
                "yes": (Vr == YES).sum(axis=1),
                "abstain": (Vr == ABSTAIN).sum(axis=1),
                "no": (Vr == NO).sum(axis=1),
                "absent": (Vr == ABSENT).sum(axis=1),
                "non_member": (Vr == NON_MEMBER).sum(axis=1),
                "n_uncertain": (m & ~certain).sum(axis=1),
            }
        )
        f["_order"] = np.arange(n)
        frames.append(f)
    out = pd.concat(frames, ignore_index=True)
    out["_b"] = np.repeat(np.arange(len(specs)), n)
    out = out.sort_values(["_order", "_b"], kind="stable").drop(columns=["_order", "_b"]).reset_index(drop=True)
    for c in _COUNT_COLUMNS:
        out[c] = out[c].astype("int64")
    return out
