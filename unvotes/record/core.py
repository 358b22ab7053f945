"""The voting record: roll calls, votes and states, and one roll call.

A :class:`VotingRecord` holds three tidy tables joined by ``rcid`` (the
roll-call id of Voeten's data, kept for 1946-2019, and ids from 100001 for the
roll calls unvotes added). :func:`unvotes.load` returns the embedded record.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .codes import NON_MEMBER, VOTE_CODES, VOTE_DTYPE, VOTE_LABELS
from ..errors import (
    AmbiguousSymbolError,
    DataIntegrityError,
    StateNotMemberError,
    UnknownStateError,
    UnknownSymbolError,
    UnvotesError,
    close_matches,
)
from ._dates import parse_date
from .match import split_symbol
from .issues import ISSUE_LABELS
from ._types import DateLike, IntsLike, StatesLike, StrsLike

if TYPE_CHECKING:
    from .overlay import UpdateReport

__all__ = ["VotingRecord", "RollCall", "ISSUE_CODES", "ROLL_CALL_KINDS", "symbol_key"]

#: Voeten's six issue codes and their labels (the rule that extends them is in :mod:`unvotes.issues`).
ISSUE_CODES = dict(ISSUE_LABELS)

#: The kinds of roll call.
ROLL_CALL_KINDS = ("resolution", "amendment", "paragraph", "decision", "procedural", "unknown")

_VOTE_CHOICES = ("yes", "abstain", "no", "absent")


def symbol_key(symbol: str) -> str:
    """Lookup key of a resolution symbol: upper case, without spaces or brackets.

    Examples
    --------
    >>> symbol_key("A/RES/75/254 [A]")
    'A/RES/75/254A'
    """
    return re.sub(r"[\s\[\]]", "", str(symbol)).upper()


def _as_list(x) -> list:
    if x is None:
        return []
    if isinstance(x, (str, int, np.integer)):
        return [x]
    if isinstance(x, (pd.DataFrame, dict)):
        raise TypeError(f"expected a value or a list of values, got a {type(x).__name__}")
    try:
        return list(x)
    except TypeError:
        raise TypeError(f"expected a value or a list of values, got {x!r}") from None


_INT_EXAMPLES = {"years": "years=[2024, 2025]", "sessions": "sessions=[78, 79]", "rcids": "rcids=[9001, 9002]"}


def _as_ints(x, name: str) -> list[int]:
    example = _INT_EXAMPLES.get(name, f"{name}=[1, 2]")
    if isinstance(x, (float, np.floating)):
        raise TypeError(f"`{name}` takes whole numbers (e.g. {example}), got {x!r}")
    out = []
    for v in _as_list(x):
        if isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, np.integer)):
            raise TypeError(f"`{name}` takes whole numbers (e.g. {example}), got {v!r} ({type(v).__name__})")
        out.append(int(v))
    return out


def _nonempty(values: list, name: str) -> list:
    if not values:
        raise ValueError(f"`{name}`=[] selects nothing; leave {name}=None to keep every roll call")
    return values


class VotingRecord:
    """Recorded votes of the UN General Assembly as three tidy tables.

    Parameters
    ----------
    roll_calls : pandas.DataFrame
        One row per roll call with at least ``rcid`` (int), ``session`` (int),
        ``date`` (datetime64) and ``symbol`` (str). The embedded record's
        columns are described in :func:`unvotes.load`.
    votes : pandas.DataFrame
        Columns ``rcid``, ``state`` (ISO 3166-1 alpha-3) and ``vote`` (one of
        yes, abstain, no, absent). One row per Member of the UN on the date of
        the roll call; states without a row are non-members.
    states : pandas.DataFrame, optional
        Membership spells (``iso3``, ``un_name``, ``seat_from``, ``left``, ...).
    source : str, default ""
        Where the record comes from (shown in the ``repr``).

    Raises
    ------
    DataIntegrityError
        If rcids repeat, a vote's rcid is not a roll call, a (rcid, state)
        pair repeats, or a vote value is not one of the vote labels.

    Examples
    --------
    >>> import unvotes
    >>> record = unvotes.load()
    >>> record["A/RES/ES-11/7"].tally
    {'yes': 93, 'no': 18, 'abstain': 65, 'absent': 17}
    """

    def __init__(self, roll_calls: pd.DataFrame, votes: pd.DataFrame, states: pd.DataFrame | None = None,
                 *, source: str = "", notes: pd.DataFrame | None = None, subjects: pd.DataFrame | None = None):
        for col in ("rcid", "session", "date", "symbol"):
            if col not in roll_calls.columns:
                raise DataIntegrityError(f"roll_calls lacks the column {col!r}; it has {list(roll_calls.columns)}")
        for col in ("rcid", "state", "vote"):
            if col not in votes.columns:
                raise DataIntegrityError(f"votes lacks the column {col!r}; it has {list(votes.columns)}")
        rc = roll_calls
        if rc["rcid"].duplicated().any():
            raise DataIntegrityError(f"duplicate rcids in roll_calls: {rc['rcid'][rc['rcid'].duplicated()].tolist()[:10]}")
        if not isinstance(votes["vote"].dtype, pd.CategoricalDtype) or votes["vote"].dtype != VOTE_DTYPE:
            bad = set(pd.unique(votes["vote"].astype(object))) - set(VOTE_LABELS)
            if bad:
                raise DataIntegrityError(f"unknown vote values {sorted(map(str, bad))}; expected {_VOTE_CHOICES}")
            votes = votes.assign(vote=votes["vote"].astype(VOTE_DTYPE))
        known = pd.Index(rc["rcid"])
        unknown = ~votes["rcid"].isin(known)
        if unknown.any():
            raise DataIntegrityError(f"votes on unknown rcids: {sorted(set(votes['rcid'][unknown]))[:10]}")
        if votes.duplicated(["rcid", "state"]).any():
            d = votes[votes.duplicated(["rcid", "state"], keep=False)]
            raise DataIntegrityError(f"duplicate (rcid, state) votes, e.g.:\n{d.head(6).to_string()}")
        self._set_tables(rc, votes, states, source, notes, subjects)

    @classmethod
    def _from_store(cls, roll_calls: pd.DataFrame, store: Any, votes: Callable[[], pd.DataFrame],
                    states: pd.DataFrame | None = None, *, source: str = "", notes: pd.DataFrame | None = None,
                    subjects: pd.DataFrame | None = None) -> VotingRecord:
        """A record whose votes are a store's matrix (:mod:`unvotes.record._store`), the long table built on first use.

        ``store`` is a checked ``VotesStore`` (one cell per (rcid, state) over
        unique rcids and states, vote codes only), so no pair can repeat and no
        vote label can be unknown; what is left to check is that the roll
        calls' rcids are unique and that the store's rcids are roll calls.
        ``votes()`` builds the long table (``rcid``, ``state``, ``vote``) the
        first time a method needs it. Saves ``__init__``'s checks and the long
        table's construction (about 65 ms of ``load()``, issue 17.3).
        """
        rc = roll_calls
        if rc["rcid"].duplicated().any():
            raise DataIntegrityError(f"duplicate rcids in roll_calls: {rc['rcid'][rc['rcid'].duplicated()].tolist()[:10]}")
        unknown = ~np.isin(store.rcid, rc["rcid"].to_numpy())
        if unknown.any():
            raise DataIntegrityError(f"votes on unknown rcids: {store.rcid[unknown][:10].tolist()}")
        new = object.__new__(cls)
        new._set_tables(rc, votes, states, source, notes, subjects)
        return new

    _votes_table: pd.DataFrame | Callable[[], pd.DataFrame]  # the long votes table, or what builds it

    @property
    def _votes(self) -> pd.DataFrame:
        """The long votes table, built on first use where the record was made from a store."""
        v = self._votes_table
        if callable(v):
            v = self._votes_table = v().reset_index(drop=True)
        return v

    def _set_tables(self, roll_calls, votes, states, source, notes, subjects) -> None:
        self._roll_calls = roll_calls.reset_index(drop=True)
        self._votes_table = votes if callable(votes) else votes.reset_index(drop=True)
        self._states = states
        self._notes = notes
        self._subjects = subjects
        # loaders of the embedded record's corrections and adopted-without-vote tables (set by load())
        self._corrections: Callable[[], pd.DataFrame] | None = None
        self._adopted: Callable[[], pd.DataFrame] | None = None
        self.source = source
        self._key_index: dict[str, list[int]] | None = None
        self._vote_rows = None  # position in roll_calls of each vote's rcid (built on first select)
        self._matrix_cache: dict = {}

    def _subset(self, roll_calls: pd.DataFrame, votes: pd.DataFrame) -> VotingRecord:
        """A record of some rows of this (validated) one, without validating again.

        Rows taken from a valid record keep its invariants (unique rcids and
        (rcid, state) pairs, known rcids, vote labels), so ``select`` skips the
        checks of ``__init__`` (issue 17.3: 39 ms each on the full record).
        """
        new = object.__new__(VotingRecord)
        new._set_tables(roll_calls, votes, self._states, self.source, self._notes, self._subjects)
        new._adopted = self._adopted
        if self._corrections is not None:  # the corrections of the roll calls kept, read on first use
            ids = roll_calls["rcid"]
            new._corrections = lambda: self.corrections[self.corrections["rcid"].isin(ids)]
        return new

    # ------------------------------------------------------------------ tables
    # The tables are handed out as shallow copies: under pandas' copy-on-write an
    # edit of the returned frame copies its data and never reaches the record, so
    # the record, its RollCalls and its cached matrices always agree.
    @property
    def roll_calls(self) -> pd.DataFrame:
        """One row per roll call, ordered by (date, rcid).

        A copy (sharing memory until written to): editing it does not change the
        record; build a new ``VotingRecord`` from the edited tables instead.
        """
        return self._roll_calls.copy(deep=False)

    @property
    def votes(self) -> pd.DataFrame:
        """One row per (rcid, state) for every Member on the date (rcid, state, vote).

        A copy (sharing memory until written to): editing it does not change the
        record, its roll calls or its matrix; build a new ``VotingRecord`` instead.
        """
        return self._votes.copy(deep=False)

    @property
    def states(self) -> pd.DataFrame:
        """Membership spells of every state that ever held a seat (from ``members.csv``); a copy."""
        if self._states is None:
            raise AttributeError("this record has no states table")
        return self._states.copy(deep=False)

    @property
    def notes(self) -> pd.DataFrame:
        """Documented notes on roll calls and states (symbol, state, note, source), incl. known gaps."""
        return (self._notes.copy(deep=False) if self._notes is not None
                else pd.DataFrame(columns=["symbol", "state", "note", "source"]))

    @property
    def corrections(self) -> pd.DataFrame:
        """Every change of the official record against Voeten's values (empty for other records).

        Columns ``rcid``, ``field`` (a roll-call column such as ``symbol`` or
        ``date``; ``vote`` for a state vote; ``roll_call`` for a roll call
        added from an official record), ``state``, ``voeten`` and
        ``official`` (as text; ``non_member`` for a state without a row) and
        ``reason`` (for votes: ``identity_swap``, ``missing_block``,
        ``missing_vote``, ``vote_officially_none``, ``date_admission``,
        ``different_vote``, ``membership``). ``unvotes.load(edition="voeten")``
        undoes them. Built by ``datasets/build.py`` (see the data card).
        """
        if self._corrections is None:
            return pd.DataFrame(columns=["rcid", "field", "state", "voeten", "official", "reason"])
        if callable(self._corrections):  # read on first use, to keep load() fast
            self._corrections = self._corrections()
        return self._corrections

    @property
    def adopted_without_vote(self) -> pd.DataFrame:
        """Resolutions adopted without a vote (no roll call), from the DGACM files (2019 on).

        Columns ``symbol``, ``date`` (datetime64), ``title``, ``session``,
        ``special_session``, ``meeting``, ``source_id`` (DGACM file and line)
        and ``terms`` (``"UN"``). Empty for records that are not the embedded one.
        """
        if self._adopted is None:
            return pd.DataFrame(columns=["symbol", "date", "title", "session", "special_session", "meeting",
                                         "source_id", "terms"])
        if callable(self._adopted):
            self._adopted = self._adopted()
        return self._adopted

    def _adopted_note(self, key: str) -> str:
        """" It was adopted without a vote on <date> ..." if `key` is such a resolution, else ""."""
        if self._adopted is None:
            return ""
        t = self.adopted_without_vote
        hit = t[t["symbol"].map(symbol_key) == symbol_key(key if key.upper().startswith("A/") else "A/RES/" + key)]
        if hit.empty:
            return ""
        r = hit.iloc[0]
        return (f"{r['symbol']} was adopted without a vote on {r['date'].date()} (UN DGACM, {r['source_id']}), "
                f"so it has no roll call; see record.adopted_without_vote")

    @property
    def subjects(self) -> pd.DataFrame:
        """UN subject terms (UNBIS thesaurus) of roll calls from 2019 on: columns rcid, subject."""
        return self._subjects.copy(deep=False) if self._subjects is not None else pd.DataFrame(columns=["rcid", "subject"])

    @property
    def lineage(self) -> pd.DataFrame:
        """Resolution lineage: each whole-resolution roll call linked to the one it repeats.

        Computed on first use by :func:`unvotes.record.lineage.lineage` (rule and
        columns there and in ``docs/methods.md``) and kept.
        """
        if getattr(self, "_lineage", None) is None:
            from .lineage import lineage

            self._lineage = lineage(self._roll_calls, self.matrix())
        return self._lineage

    @property
    def issues(self) -> pd.DataFrame:
        """The issue codes as a long table (rcid, issue, issue_source); roll calls without a code have no row."""
        rc = self._roll_calls
        cols = [c for c in ISSUE_CODES if c in rc.columns]
        long = rc[["rcid", "issue_source", *cols]].melt(["rcid", "issue_source"], var_name="issue", value_name="flag")
        long = long[long["flag"].fillna(False).astype(bool)]
        return long[["rcid", "issue", "issue_source"]].sort_values(["rcid", "issue"]).reset_index(drop=True)

    def __len__(self) -> int:
        return len(self._roll_calls)

    def __repr__(self) -> str:
        rc = self._roll_calls
        if len(rc) == 0:
            return "<VotingRecord: empty>"
        return (f"<VotingRecord: {len(rc):,} roll calls, {rc['date'].min().date()} to {rc['date'].max().date()}, "
                f"sessions {rc['session'].min()}-{rc['session'].max()}, {self._votes['state'].nunique()} states, "
                f"{len(self._votes):,} votes{', ' + self.source if self.source else ''}>")

    def _repr_html_(self) -> str:
        s = self.summary()
        return f"<p><b>{html.escape(repr(self))}</b></p>" + s.to_frame("value").to_html()

    def summary(self) -> pd.Series:
        """Counts that describe the record (roll calls, votes by value, date range).

        Returns
        -------
        pandas.Series
            Indexed by ``roll_calls``, ``first_date``, ``last_date``, ``states``,
            and the number of votes of each value.
        """
        rc, v = self._roll_calls, self._votes
        out = {"roll_calls": len(rc), "first_date": rc["date"].min(), "last_date": rc["date"].max(),
               "states": v["state"].nunique()}
        out.update({f"votes_{k}": int(n) for k, n in v["vote"].value_counts().reindex(list(_VOTE_CHOICES)).fillna(0).items()})
        return pd.Series(out, dtype=object)

    # ------------------------------------------------------------------ lookup
    def _keys(self) -> dict[str, list[int]]:
        if self._key_index is None:
            idx: dict[str, list[int]] = {}
            for pos, s in enumerate(self._roll_calls["symbol"].fillna("")):
                if s:
                    idx.setdefault(symbol_key(s), []).append(pos)
            self._key_index = idx
        return self._key_index

    def _range_keys(self) -> dict[str, list[int]]:
        """Each part of a symbol filed as a range ("A/RES/377(V) A-C") -> positions."""
        if getattr(self, "_range_index", None) is None:
            idx: dict[str, list[int]] = {}
            for pos, s in enumerate(self._roll_calls["symbol"].fillna("")):
                if "-" in s[-4:]:
                    base, parts = split_symbol(s)
                    for p in parts if len(parts) > 1 else ():
                        idx.setdefault(base + p, []).append(pos)
            self._range_index = idx
        return self._range_index

    def __getitem__(self, key) -> RollCall:
        """The roll call with resolution symbol or rcid `key`.

        Raises
        ------
        UnknownSymbolError
            If no roll call has that symbol or rcid (suggests close symbols).
        AmbiguousSymbolError
            If several roll calls share the symbol and none is the vote on the
            whole resolution (lists their rcids).
        """
        rc = self._roll_calls
        if isinstance(key, (int, np.integer)) and not isinstance(key, bool):
            pos = np.flatnonzero(rc["rcid"].to_numpy() == int(key))
            if len(pos) == 0:
                raise UnknownSymbolError(
                    f"no roll call with rcid {int(key)} in this record (rcids run from {rc['rcid'].min()} to "
                    f"{rc['rcid'].max()}, with gaps); look one up by symbol, e.g. record['A/RES/ES-11/7']",
                    key=key)
            return RollCall(self, int(pos[0]))
        if not isinstance(key, str):
            raise TypeError(f"a roll call is looked up by resolution symbol (str) or rcid (int), not {type(key).__name__}")
        keys = self._keys()
        k = symbol_key(key)
        hits = keys.get(k) or (keys.get("A/RES/" + k) if not k.startswith("A/") else None)
        if not hits:  # a part of a roll call filed under a range: A/RES/377(V) A is in "A/RES/377(V) A-C"
            hits = self._range_keys().get(k if k.startswith("A/") else "A/RES/" + k)
        if not hits:
            base = k if k.startswith("A/") else "A/RES/" + k
            parts = sorted(x for x in keys if x.startswith(base) and re.fullmatch(r"[A-Z]{1,2}(-[A-Z])?", x[len(base):]))
            if len(parts) == 1 and len(keys[parts[0]]) == 1:  # A/RES/181(II): only its part A had a recorded vote
                return RollCall(self, keys[parts[0]][0])
            if parts:
                names = [self._roll_calls["symbol"].iat[keys[x][0]] for x in parts]
                raise AmbiguousSymbolError(
                    f"no roll call is filed under {key!r} itself, but {len(names)} are filed under its parts "
                    f"(separate resolutions, or in older data votes on parts of it): {names}; ask for one, "
                    f"e.g. record[{names[0]!r}]", key=key, suggestions=names)
            if key.strip().isdigit():
                rcid = int(key.strip())
                found = bool((rc["rcid"].to_numpy() == rcid).any())
                raise UnknownSymbolError(
                    f"no roll call with symbol {key!r}: an rcid is a number, not text; "
                    + (f"pass record[{rcid}]" if found else
                       f"and there is no roll call with rcid {rcid} either (rcids run from {rc['rcid'].min()} "
                       f"to {rc['rcid'].max()}, with gaps)"), key=key, suggestions=[str(rcid)] if found else [])
            adopted = self._adopted_note(key)
            if adopted:
                raise UnknownSymbolError(adopted, key=key, suggestions=[])
            sugg = close_matches(k, keys, n=5, cutoff=0.75)
            names = [self._roll_calls["symbol"].iat[keys[s][0]] for s in sugg]
            raise UnknownSymbolError(
                f"no roll call with symbol {key!r} in the record"
                + (f"; close symbols: {names}" if names else "")
                + ". Resolutions adopted without a vote have no roll call; see record.notes for known gaps.",
                key=key, suggestions=names)
        if len(hits) == 1:
            return RollCall(self, hits[0])
        kinds = rc["kind"].to_numpy()[hits] if "kind" in rc else np.array(["unknown"] * len(hits))
        whole = [h for h, kd in zip(hits, kinds) if kd == "resolution"]
        if len(whole) == 1:
            return RollCall(self, whole[0])
        opts = [(int(rc["rcid"].iat[h]), str(kinds[i])) for i, h in enumerate(hits)]
        raise AmbiguousSymbolError(
            f"{len(hits)} roll calls share the symbol {key!r} (votes on paragraphs or amendments, or uncoded parts): "
            f"(rcid, kind) = {opts}; look one up by rcid, e.g. record[{opts[0][0]}]",
            key=key, suggestions=[str(o[0]) for o in opts])

    def __contains__(self, key) -> bool:
        """``"A/RES/ES-11/7" in record`` or ``100468 in record``."""
        if isinstance(key, (int, np.integer)) and not isinstance(key, bool):
            return bool((self._roll_calls["rcid"].to_numpy() == int(key)).any())
        if isinstance(key, str):
            k = symbol_key(key)
            keys = self._keys()
            return k in keys or (not k.startswith("A/") and "A/RES/" + k in keys)
        return False

    def __iter__(self):
        """Iterate over the roll calls, as :class:`RollCall` objects, in date order."""
        for pos in range(len(self._roll_calls)):
            yield RollCall(self, pos)

    def get(self, key: str | int, default: RollCall | None = None) -> RollCall | None:
        """Like ``record[key]`` but return `default` when the key is not found."""
        try:
            return self[key]
        except (UnknownSymbolError, AmbiguousSymbolError):
            return default

    # ------------------------------------------------------------------ selection
    def select(self, *, start: DateLike | None = None, end: DateLike | None = None, sessions: IntsLike | None = None,
               years: IntsLike | None = None, states: StatesLike | None = None, issue: StrsLike | None = None,
               kind: StrsLike | None = None, rcids: IntsLike | None = None,
               special_session: StrsLike | None = None, terms: StrsLike | None = None,
               source: StrsLike | None = None) -> VotingRecord:
        """A new record restricted to some roll calls and/or states.

        Parameters
        ----------
        start, end : str, int or datetime-like, optional
            Inclusive date range of the roll calls: ``"2022-01-01"``, a month
            (``"2022-12"``) or a year (``2022``); for `end` a month or year
            includes its last day.
        sessions : int or sequence of int, optional
            Regular session numbers (emergency special session votes carry the
            regular session in progress on their date).
        years : int or sequence of int, optional
            Calendar years of the vote dates.
        states : str, int or sequence of them, optional
            States by ISO 3166-1 alpha-3 code, name or COW number (read by
            :func:`unvotes.resolve_states`); votes of other states are dropped
            (roll calls are kept).
        issue : str or sequence of str, optional
            Issue codes (``me``, ``nu``, ``di``, ``hr``, ``co``, ``ec``): roll
            calls with any of them.
        kind : str or sequence of str, optional
            Roll-call kinds (see :data:`ROLL_CALL_KINDS`).
        rcids : int or sequence of int, optional
            Roll-call ids.
        special_session : str or sequence of str, optional
            Emergency or special session ids such as ``"ES-11"``.
        terms : str or sequence of str, optional
            Terms of use of the roll calls' source: ``"CC0"`` (Voeten's data),
            ``"UN"`` (DGACM: acknowledge the United Nations), ``"UNDL-NC"``
            (UN Digital Library: non-commercial use with attribution),
            ``"press"``. A commercial user keeps ``terms=["CC0", "UN"]``
            (see the data card).
        source : str or sequence of str, optional
            Sources of the roll calls (``"voeten_r"``, ``"unxml"``,
            ``"undl_un_data"``, ``"undl_3dl"``, ``"press"``).

        Returns
        -------
        VotingRecord

        Raises
        ------
        ValueError
            For an empty or inverted date range, a numbers-only date such as
            ``"03/04/2025"`` (day or month first? the message gives both
            readings), unknown issue codes or kinds, a session or special
            session that no roll call of this record has, or an empty list
            (``states=[]``), or a year outside the record's years. A real
            selection that happens to be empty, such as ``years=1964`` (no
            recorded vote), gives an empty record.
        UnknownSymbolError
            For an rcid that is not in the record.
        UnknownStateError
            For a state code that is not in the record (suggests close codes).
        StateNotMemberError
            For a state with no vote on any roll call selected (not a Member
            then); the message names who held its seat (``"RUS"`` in 1950:
            ``"SUN"``) or when it held one.

        Examples
        --------
        >>> import unvotes
        >>> r = unvotes.load().select(start="2025-01-01", end="2025-12-31")
        >>> len(r)
        192
        """
        rc = self._roll_calls
        mask = self._date_mask(start, end)
        for name, values, column in (("sessions", sessions, "session"), ("rcids", rcids, "rcid")):
            if values is not None:
                mask &= self._present(name, _as_ints(values, name), rc[column])
        if years is not None:
            want = _nonempty(_as_ints(years, "years"), "years")
            have = rc["date"].dt.year
            if len(rc):  # a year outside the record is a mistake; a year inside it without a vote (1964) is not
                lo, hi = int(have.min()), int(have.max())
                out = [y for y in want if not lo <= y <= hi]
                if out:
                    raise ValueError(f"years={out[0] if len(out) == 1 else out!r}: this record runs from {lo} to "
                                     f"{hi} (a year inside it with no recorded vote, such as 1964, gives an empty "
                                     "record)")
            mask &= have.isin(want).to_numpy()
        if issue is not None:
            codes = _nonempty(_as_list(issue), "issue")
            bad = [c for c in codes if c not in ISSUE_CODES]
            if bad:
                raise ValueError(f"unknown issue code(s) {bad}; use any of {dict(ISSUE_CODES)}")
            m = np.zeros(len(rc), dtype=bool)
            for c in codes:
                m |= rc[c].fillna(False).astype(bool).to_numpy()
            mask &= m
        if kind is not None:
            kinds = _nonempty(_as_list(kind), "kind")
            bad = [k for k in kinds if k not in ROLL_CALL_KINDS]
            if bad:
                raise ValueError(f"unknown roll-call kind(s) {bad}; use any of {ROLL_CALL_KINDS}")
            mask &= rc["kind"].isin(kinds).to_numpy()
        if special_session is not None:
            ids = [str(x).strip().upper() for x in _as_list(special_session)]
            mask &= self._present("special_session", ids, rc["special_session"])
        mask &= self._provenance_mask(terms, source)
        v = self._votes
        if not mask.all():
            if self._vote_rows is None:
                self._vote_rows = pd.Index(rc["rcid"]).get_indexer(v["rcid"])
            v = v[mask[self._vote_rows]]
        if states is not None:
            codes = self._state_codes(states)
            kept = v[v["state"].isin(codes)]
            if mask.any():  # a state with a vote in the record but none on the roll calls selected
                voted = set(pd.unique(kept["state"].astype(str)))
                for c, given in zip(codes, _as_list(states)):
                    if c not in voted:
                        self._raise_no_vote(c, given, v, rc[mask])
            v = kept
        return self._subset(rc[mask], v)

    def _date_mask(self, start, end) -> np.ndarray:
        """Roll calls dated in [start, end] (either may be None)."""
        rc = self._roll_calls
        mask = np.ones(len(rc), dtype=bool)
        if start is None and end is None:
            return mask
        s = parse_date(start, "start") if start is not None else None
        e = parse_date(end, "end", end=True) if end is not None else None
        if s is not None and e is not None and s > e:
            raise ValueError(f"inverted date range: start={s.date()} is after end={e.date()}")
        if s is not None:
            mask &= (rc["date"] >= s).to_numpy()
        if e is not None:
            mask &= (rc["date"] <= e).to_numpy()
        if not mask.any():
            lo, hi = rc["date"].min().date(), rc["date"].max().date()
            span = (f"between {start} and {end}" if start is not None and end is not None
                    else f"on or after {start}" if start is not None else f"on or before {end}")
            raise ValueError(f"no roll call {span}; the record runs from {lo} to {hi}")
        return mask

    def _present(self, name: str, values: list, column: pd.Series) -> np.ndarray:
        """Mask of rows whose `column` is in `values`; every value must occur in this record."""
        if not values:
            raise ValueError(f"`{name}`=[] selects nothing; leave {name}=None to keep every roll call")
        have = pd.unique(column.to_numpy())
        missing = [x for x in values if x not in set(have.tolist())]
        if missing:
            if name == "rcids":
                raise UnknownSymbolError(
                    f"no roll call with rcid {missing[0] if len(missing) == 1 else missing} in this record "
                    f"(rcids run from {column.min()} to {column.max()}, with gaps)", key=missing[0])
            if len(column) == 0:
                hint = "this record has no roll calls"
            elif name == "sessions":
                hint = f"this record has sessions {column.min()} to {column.max()}"
            else:
                hint = f"this record has {sorted(x for x in have.tolist() if isinstance(x, str) and x)}"
            raise ValueError(f"no roll call with {name}={missing[0] if len(missing) == 1 else missing!r} "
                             f"in this record; {hint}")
        return column.isin(values).to_numpy()

    def _state_codes(self, states) -> list[str]:
        """Validated ISO3 codes of `states` (each must have votes in this record)."""
        from .states import resolve_states

        given = _as_list(states)
        if not given:
            raise ValueError("`states`=[] selects no state; leave states=None to keep every state")
        st = self._votes["state"]
        if isinstance(st.dtype, pd.CategoricalDtype):  # categories outlive a select(): count the votes
            cats = st.cat.categories
            present = set(cats[np.bincount(st.cat.codes.to_numpy()[st.cat.codes.to_numpy() >= 0],
                                           minlength=len(cats)) > 0])
            known = set(cats)
        else:
            present = known = set(st.unique())
        codes = resolve_states(given, among=known)
        for c, v in zip(codes, given):
            if c not in present:
                self._raise_no_vote(c, v, self._votes, self._roll_calls)
        return codes

    @staticmethod
    def _raise_no_vote(code: str, given, votes: pd.DataFrame, rc: pd.DataFrame) -> None:
        """StateNotMemberError for a state without a seat on the roll calls ``rc``, else UnknownStateError.

        The message names who held the state's seat then (``RUS`` in 1950: ``SUN``) where that
        holder voted in ``votes``.
        """
        from .states import state

        present = set(pd.unique(votes["state"].astype(str)))
        if len(rc):
            first, last = rc["date"].min(), rc["date"].max()
            try:
                holder = state(code, on=last, follow_succession="lineage").iso3
            except (UnvotesError, ValueError):
                holder = None
            if holder is None or holder == code:
                try:
                    holder = state(code, on=first, follow_succession="lineage").iso3
                except (UnvotesError, ValueError):
                    holder = None
            span = f"{first.date()} to {last.date()}"
            if holder is not None and holder != code and holder in present:
                raise StateNotMemberError(
                    f"{given!r} ({code}) had no seat on the roll calls selected ({span}); its seat was held by "
                    f"{holder} then: select states=[{holder!r}], or pass follow_succession= to a metric", key=given)
            try:
                seat = str(state(code)).partition("(")[2].rstrip(")")
            except (UnvotesError, ValueError):
                seat = ""
            if seat:
                raise StateNotMemberError(f"{given!r} ({code}) was not a UN Member on the roll calls selected ({span}); "
                                          f"{seat}: select a period when it held its seat", key=given)
        near = close_matches(code, present, cutoff=0.5)
        raise UnknownStateError(f"{given!r} ({code}) has no vote in this record; close codes: {near}", key=given,
                                suggestions=near)

    def _provenance_mask(self, terms, source) -> np.ndarray:
        rc = self._roll_calls
        mask = np.ones(len(rc), dtype=bool)
        for name, value in (("terms", terms), ("source", source)):
            if value is None:
                continue
            if name not in rc.columns:
                raise ValueError(f"this record has no `{name}` column to select on")
            want = [str(x) for x in _as_list(value)]
            known = set(rc[name].dropna().astype(str))
            bad = [w for w in want if w not in known]
            if bad:
                raise ValueError(f"unknown {name} {bad}; this record has {sorted(known)}")
            mask &= rc[name].astype(str).isin(want).to_numpy()
        return mask

    # ------------------------------------------------------------------ matrix
    def tidy(self, *, include_absent: bool = False) -> pd.DataFrame:
        """The record as one long table: one row per state and roll call, as in the R vignette.

        The table R users build by joining ``un_votes``, ``un_roll_calls`` and
        ``un_roll_call_issues`` of the R package unvotes (0.3.0), in one call.
        By default it holds **cast votes only** (yes, abstain, no), like R's
        ``un_votes``, which drops absences: so ``(df.vote == "yes").mean()``
        means the same as R's ``mean(vote == "yes")``. Pass
        ``include_absent=True`` to keep the rows of Members that were absent
        (then a share of yes counts absences in the denominator). Non-members
        never have a row.

        Parameters
        ----------
        include_absent : bool, default False
            Keep the ``absent`` rows too.

        Returns
        -------
        pandas.DataFrame
            Sorted by date, rcid and country code. Columns: ``rcid`` (int),
            ``session`` (int), ``year`` (int, calendar year of the vote),
            ``date`` (datetime64), ``symbol`` (str), ``country_code`` (ISO 3166-1
            alpha-3, categorical; R's ``country_code`` is ISO2),
            ``country`` (the short display name of
            :func:`unvotes.state_name`, categorical: "United States",
            "United Kingdom", "USSR"), ``vote`` (ordered categorical: yes,
            abstain, no, and absent with `include_absent`), and one boolean
            column per issue named as Voeten's issues: "Palestinian conflict",
            "Nuclear weapons and nuclear material", "Arms control and
            disarmament", "Human rights", "Colonialism", "Economic development"
            (a roll call may have several, or none; ``<NA>`` where it was not
            coded).

        Raises
        ------
        TypeError
            If `include_absent` is not a bool.

        Notes
        -----
        Unlike R unvotes, the USSR keeps its own code and name (``SUN``,
        "USSR") rather than being labelled Russia; filter on both codes, or
        merge the seat with ``record.matrix(follow_succession=True)``.

        References
        ----------
        D. Robinson, unvotes 0.3.0 (CRAN, 2021), vignette "Introduction to
        unvotes": per country and year, ``votes = n()`` and
        ``percent_yes = mean(vote == "yes")``, e.g. Afghanistan 1946: 17
        votes, 41.2 % yes.

        Examples
        --------
        >>> import unvotes
        >>> df = unvotes.load().tidy()
        >>> afg = df[(df.country == "Afghanistan") & (df.year == 1946)]
        >>> len(afg), round(float((afg.vote == "yes").mean()), 3)
        (17, 0.412)
        """
        from ._tidy import tidy_votes

        return tidy_votes(self, include_absent=include_absent)

    def matrix(self, *, states: Sequence[str] | None = None, follow_succession: bool | str | dict = False) -> pd.DataFrame:
        """Roll calls x states as a compact integer matrix.

        Parameters
        ----------
        states : sequence of str, optional
            Columns to return, in this order (default: every state in the
            record, sorted by ISO3 code).
        follow_succession : bool, {"seat", "lineage"} or dict, default False
            Merge predecessor seats into their successors' columns where the
            seats do not overlap in time (see
            :func:`unvotes.states.merge_successions`): ``True`` or ``"seat"``
            merges SUN->RUS, TWN->CHN, YAR->YEM, SCG->SRB; ``"lineage"`` also
            YUG->SCG; a dict gives your own pairs. By default states are kept
            apart (SUN and RUS are two columns).

        Returns
        -------
        pandas.DataFrame of int8, shape (n_roll_calls, n_states)
            Index ``rcid`` in the order of :attr:`roll_calls`, columns ISO3
            codes. Codes (Voeten's): 1 yes, 2 abstain, 3 no, 8 absent,
            9 non_member. ``.to_numpy()`` gives the array without a copy.

        Examples
        --------
        >>> import unvotes
        >>> m = unvotes.load().select(start="2025-02-24", end="2025-02-24").matrix()
        >>> m.shape
        (2, 202)
        >>> m.loc[:, ["USA", "RUS", "GBR", "CHN"]].to_numpy().tolist()
        [[3, 3, 1, 2], [2, 3, 1, 2]]
        """
        rc, v = self._roll_calls, self._votes
        st = v["state"]
        all_states = (list(st.cat.categories) if isinstance(st.dtype, pd.CategoricalDtype) else sorted(st.unique()))
        if states is None:
            cols = sorted(all_states)
        else:
            from .states import resolve_states

            cols = resolve_states(_as_list(states), among=all_states)  # a generator is consumed once, here
            dup = sorted({c for c in cols if cols.count(c) > 1})
            if dup:
                raise ValueError(f"`states` lists {dup} more than once")
            bad = [c for c in cols if c not in all_states]
            if bad:
                raise UnknownStateError(f"unknown state code(s) {bad}; close codes: "
                                        f"{[close_matches(b, all_states, cutoff=0.5) for b in bad]}", key=bad[0])
        # the cache key is built from the validated codes, never from the caller's object
        key = (tuple(cols) if states is not None else None, follow_succession if not isinstance(follow_succession, dict)
               else tuple(sorted(follow_succession.items())))
        cached = self._matrix_cache.get(key)
        if cached is not None:
            return cached.copy()
        if follow_succession and states is not None:
            # successions first, over every state (a successor's column takes its predecessor's votes), then the
            # states asked for: picking RUS first would leave out the USSR's seat
            full = self.matrix(follow_succession=follow_succession)
            gone = [c for c in cols if c not in full.columns]
            if gone:
                raise ValueError(f"with follow_succession={follow_succession!r} the votes of {gone} are in their "
                                 f"successors' columns; ask for those (see unvotes.states.successions()), or pass "
                                 "follow_succession=False")
            self._matrix_cache[key] = full[cols]
            return full[cols].copy()
        rows = pd.Index(rc["rcid"]).get_indexer(v["rcid"])
        colidx = pd.Index(cols).get_indexer(st.astype(str) if not isinstance(st.dtype, pd.CategoricalDtype) else st)
        codes = np.asarray(v["vote"].cat.codes)
        lut = np.array([VOTE_CODES[lab] for lab in VOTE_DTYPE.categories], dtype=np.int8)
        out = np.full((len(rc), len(cols)), NON_MEMBER, dtype=np.int8)
        keep = colidx >= 0
        out[rows[keep], colidx[keep]] = lut[codes[keep]]
        df = pd.DataFrame(out, index=pd.Index(rc["rcid"].to_numpy(), name="rcid"), columns=pd.Index(cols, name="state"))
        if follow_succession:
            from .states import merge_successions

            rule = "seat" if follow_succession is True else follow_succession
            df = merge_successions(df, rule=rule)
        self._matrix_cache[key] = df
        return df.copy()

    def update(self, other: VotingRecord, **kwargs: Any) -> tuple[VotingRecord, UpdateReport]:
        """Lay a newer release over this record, resolution by resolution.

        Parameters
        ----------
        other : VotingRecord
            A record read from a release, e.g. with :func:`unvotes.read_undl`.
        prefer : {"other", "base"}, default "other"
            Which side's votes win where both have the roll call and disagree.

        Returns
        -------
        (VotingRecord, UpdateReport)
            The combined record, and what was added, replaced, unchanged or
            disagreed (see :func:`unvotes.record.overlay.update_record`).
        """
        from .overlay import update_record

        return update_record(self, other, **kwargs)

    def state_name(self, iso3: str) -> str:
        """Display name of a state code (its UN name), or the code itself if unknown."""
        if self._states is None:
            return iso3
        names = dict(zip(self._states["iso3"], self._states["un_name"]))
        return names.get(iso3, iso3)


class RollCall:
    """One roll call of the General Assembly: its metadata and every Member's vote.

    Obtained with ``record[symbol]`` or ``record[rcid]``.

    Attributes
    ----------
    rcid : int
    symbol : str
        Resolution symbol (``"A/RES/ES-11/7"``).
    date : pandas.Timestamp
    session : int
    title : str
    kind : str
    votes : pandas.Series
        Vote (ordered categorical) of each Member on the date, indexed by ISO3.
    """

    def __init__(self, record: VotingRecord, pos: int):
        row = record.roll_calls.iloc[pos]
        self.record = record
        self.info = row
        self.rcid = int(row["rcid"])
        self.symbol = str(row.get("symbol", "") or "")
        self.date = pd.Timestamp(row["date"])
        self.session = int(row["session"])
        self.title = str(row.get("title", "") or "")
        self.kind = str(row.get("kind", "unknown"))
        v = record.votes
        sub = v[v["rcid"].to_numpy() == self.rcid]
        self.votes = pd.Series(sub["vote"].to_numpy(), index=pd.Index(sub["state"].astype(str).to_numpy(), name="state"),
                               name="vote").sort_index()

    @property
    def tally(self) -> dict[str, int]:
        """Counts of yes, no, abstain and absent among the Members on the date."""
        c = self.votes.value_counts()
        return {k: int(c.get(k, 0)) for k in ("yes", "no", "abstain", "absent")}

    @property
    def recorded_tally(self) -> dict[str, int | None]:
        """The totals as recorded by the source (None where it records none)."""
        out = {}
        for k in ("yes", "no", "abstain", "absent"):
            x = self.info.get(f"tally_{k}")
            out[k] = None if x is None or pd.isna(x) else int(x)
        return out

    def states(self, vote: str) -> list[str]:
        """ISO3 codes of the states that cast `vote` (yes, no, abstain or absent), sorted.

        Raises
        ------
        ValueError
            If `vote` is not one of yes, no, abstain, absent.
        """
        if vote == "non_member":
            raise ValueError("a roll call lists only the Members on its date (yes, no, abstain, absent), so "
                             "states('non_member') has no answer; vote_of(state) gives 'non_member' for any other "
                             "state, and unvotes.members(on=date) lists the Members")
        if vote not in _VOTE_CHOICES:
            raise ValueError(f"unknown vote {vote!r}; use one of {_VOTE_CHOICES}")
        return sorted(self.votes.index[self.votes == vote])

    def vote_of(self, state: str) -> str:
        """The vote of `state`: yes, no, abstain, absent, or non_member.

        Parameters
        ----------
        state : str
            ISO 3166-1 alpha-3 code (any case), e.g. ``"USA"``; names are
            resolved with :func:`unvotes.state`.

        Raises
        ------
        UnknownStateError, AmbiguousStateError
            If `state` is neither a known code nor a name of one state.
        """
        if not isinstance(state, str):
            raise TypeError(f"`state` takes an ISO3 code such as 'USA', got {state!r}")
        code = state.strip().upper()
        if code in self.votes.index:
            return str(self.votes[code])
        known = set(self.record.states["iso3"]) if self.record._states is not None else set()
        if code not in known:
            from .states import state as _state

            code = _state(state).iso3  # raises UnknownStateError / AmbiguousStateError with suggestions
            if code in self.votes.index:
                return str(self.votes[code])
        return "non_member"

    def by_bloc(self, blocs: StrsLike, **kwargs: Any) -> pd.DataFrame:
        """Counts of each vote within each bloc on the date of this roll call.

        See :func:`unvotes.blocs.roll_call_by_bloc`.
        """
        from .blocs import roll_call_by_bloc

        return roll_call_by_bloc(self, blocs, **kwargs)

    def to_frame(self) -> pd.DataFrame:
        """Votes as a DataFrame with columns state, name, vote."""
        return pd.DataFrame({"state": self.votes.index, "name": [self.record.state_name(s) for s in self.votes.index],
                             "vote": self.votes.to_numpy()})

    def __repr__(self) -> str:
        t = self.tally
        head = (f"{self.symbol or '(no symbol)'} (rcid {self.rcid}), {self.date.date()}, session {self.session}"
                f"{', ' + self.info['special_session'] if self.info.get('special_session') else ''}\n"
                f"{self.title}\n"
                f"yes {t['yes']}, no {t['no']}, abstain {t['abstain']}, absent {t['absent']}")
        lines = [head]
        for k in ("no", "abstain"):
            sts = self.states(k)
            if sts and len(sts) <= 80:
                lines.append(f"{k}: {' '.join(sts)}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from .states import state_name

        t = self.tally
        cells = "".join(
            f"<tr><th>{k} ({t[k]})</th><td>{html.escape(', '.join(sorted(state_name(s) for s in self.states(k))))}</td></tr>"
            for k in ("yes", "no", "abstain", "absent"))
        return (f"<p><b>{html.escape(self.symbol)}</b> (rcid {self.rcid}), {self.date.date()}, session {self.session}<br>"
                f"{html.escape(self.title)}</p><table>{cells}</table>")
