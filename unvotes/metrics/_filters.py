"""Private helpers shared by the metric modules: record checks, roll-call filters, periods.

No I/O here; everything works on a :class:`unvotes.VotingRecord` passed in.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable

import numpy as np
import pandas as pd

from .. import errors
from ..record.states import resolve_states

__all__: list[str] = []

#: Every value of ``roll_calls.kind`` (docs/DESIGN.md).
KINDS = ("resolution", "amendment", "paragraph", "decision", "procedural", "unknown")

#: Default kinds: final votes. Known amendment and paragraph votes are left
#: out; Voeten coded amendment/paragraph votes only up to 1985, so his later
#: uncoded roll calls are ``unknown`` and stay in.
FINAL_KINDS = ("resolution", "decision", "procedural", "unknown")

#: Voeten's issue flags (METRICS.md 0.2).
ISSUES = {
    "me": "Palestinian conflict",
    "nu": "nuclear weapons",
    "di": "arms control and disarmament",
    "hr": "human rights",
    "co": "colonialism",
    "ec": "economic development",
}

PERIODS = ("year", "session")


def check_record(record, func: str):
    """Raise TypeError unless ``record`` looks like a :class:`unvotes.VotingRecord`."""
    if not (hasattr(record, "matrix") and hasattr(record, "roll_calls")):
        hint = ""
        if isinstance(record, pd.DataFrame):
            hint = " (a DataFrame was passed; wrap the tables in unvotes.VotingRecord or use unvotes.load())"
        raise TypeError(
            f"`record` of {func}() must be a unvotes.VotingRecord, e.g. unvotes.load(), "
            f"got {type(record).__name__}{hint}"
        )


def normalize_kinds(kinds, default=FINAL_KINDS) -> tuple[str, ...]:
    """Validate ``kinds`` (None -> default, "all" -> every kind, str or iterable of str)."""
    if kinds is None:
        return tuple(default)
    if isinstance(kinds, str):
        kinds = KINDS if kinds == "all" else (kinds,)
    try:
        kinds = tuple(kinds)
    except TypeError:
        raise TypeError(f"`kinds` must be a str, an iterable of str or None, got {kinds!r}") from None
    bad = [k for k in kinds if k not in KINDS]
    if bad:
        raise ValueError(f"`kinds` has unknown kind(s) {bad!r}; valid kinds are {KINDS} or 'all'")
    if not kinds:
        raise ValueError(f"`kinds` is empty; pass some of {KINDS} or 'all'")
    return kinds


def normalize_issue(issue) -> tuple[str, ...] | None:
    if issue is None:
        return None
    if isinstance(issue, str):
        issue = (issue,)
    issue = tuple(issue)
    bad = [i for i in issue if i not in ISSUES]
    if bad or not issue:
        raise ValueError(
            f"`issue` has unknown issue flag(s) {bad!r}; valid flags are "
            + ", ".join(f"{k!r} ({v})" for k, v in ISSUES.items())
        )
    return issue


def roll_call_mask(roll_calls: pd.DataFrame, kinds, issue) -> np.ndarray:
    """Boolean mask of the roll calls kept by the ``kinds`` and ``issue`` filters.

    Roll calls whose issue flag is not coded (NA) are left out of an issue
    subset, with a warning giving their number.
    """
    mask = roll_calls["kind"].astype(str).isin(kinds).to_numpy().copy()
    if issue is not None:
        hit = np.zeros(len(roll_calls), dtype=bool)
        uncoded = np.ones(len(roll_calls), dtype=bool)
        for flag in issue:
            col = roll_calls[flag].astype("boolean")
            hit |= col.fillna(False).to_numpy(dtype=bool)
            uncoded &= col.isna().to_numpy()
        n_unc = int((uncoded & ~hit & mask).sum())
        if n_unc:
            warnings.warn(
                f"{n_unc} roll call(s) have no coded issue flag {list(issue)} (NA) and are left out "
                f"of the issue subset",
                UserWarning,
                stacklevel=3,
            )
        mask &= hit
    return mask


def prepare(record, func: str, *, kinds=None, issue=None, default_kinds=FINAL_KINDS, follow_succession=False):
    """Filter a record; return ``(roll_calls, M (r, s) int8, states Index)``."""
    check_record(record, func)
    kinds = normalize_kinds(kinds, default_kinds)
    issue = normalize_issue(issue)
    rc = record.roll_calls
    mat = record.matrix(follow_succession=follow_succession) if follow_succession else record.matrix()
    if not np.array_equal(mat.index.to_numpy(), rc["rcid"].to_numpy()):
        mat = mat.reindex(rc["rcid"].to_numpy(), fill_value=9)
    mask = roll_call_mask(rc, kinds, issue)
    M = mat.to_numpy()[mask]
    return rc.loc[mask].reset_index(drop=True), M, pd.Index(mat.columns)


def last_date(roll_calls: pd.DataFrame) -> str:
    """ISO date of the last roll call counted ("" for none): lets a plot mark a period still in progress."""
    return str(pd.Timestamp(roll_calls["date"].max()).date()) if len(roll_calls) else ""


def period_labels(roll_calls: pd.DataFrame, by) -> np.ndarray:
    if by == "year":
        return roll_calls["date"].dt.year.to_numpy(dtype=np.int64)
    if by == "session":
        return roll_calls["session"].to_numpy(dtype=np.int64)
    raise ValueError(f"`by` must be one of {PERIODS} (calendar year of the date, or GA session), got {by!r}")


def _succession_target(code: str, states: pd.Index, follow_succession):
    """The column holding ``code``'s seat under ``follow_succession`` (None if not merged)."""
    if not follow_succession:
        return None
    if isinstance(follow_succession, dict):
        pairs = {str(k).upper(): str(v).upper() for k, v in follow_succession.items()}
    else:
        from ..record.states import successions

        rule = "seat" if follow_succession is True else follow_succession
        try:
            table = successions(rule)
        except ValueError:
            return None
        pairs = dict(zip(table["predecessor"], table["successor"]))
    seen = {code}
    target = pairs.get(code)
    while target is not None and target not in states and target in pairs and target not in seen:
        seen.add(target)
        target = pairs[target]
    return target


def state_positions(states: pd.Index, wanted, param="states", *, follow_succession=False,
                    allow_duplicates=False, allow_empty=False) -> np.ndarray:
    """Column positions of ISO3 codes (any case).

    Raises UnknownStateError with suggestions if one is missing (saying where
    the seat went when it was merged by ``follow_succession``), and
    ValueError for a code given twice unless ``allow_duplicates``.
    """
    if isinstance(wanted, str):
        wanted = [wanted]
    if isinstance(wanted, (pd.DataFrame, pd.Series)):
        raise TypeError(
            f"`{param}` must be ISO 3166-1 alpha-3 codes (str or list of str), got a {type(wanted).__name__}"
        )
    if not isinstance(wanted, Iterable):
        raise TypeError(f"`{param}` must be ISO 3166-1 alpha-3 codes (str or list of str), got {wanted!r}")
    out = []
    seen: dict = {}
    for code in wanted:
        key = resolve_states(code, among=states, param=param)[0]  # a name, code or COW number
        if key not in states:
            target = _succession_target(key, states, follow_succession)
            if target is not None and target in states:
                raise errors.UnknownStateError(
                    f"{code!r} in `{param}`: with follow_succession={follow_succession!r} the seat of {key} "
                    f"is merged into {target} (the {target} column carries {key}'s votes); ask for {target!r}, "
                    f"or pass follow_succession=False to keep {key} apart",
                    key=code,
                    suggestions=[target],
                )
            sugg = errors.close_matches(key, states)
            raise errors.UnknownStateError(
                f"{code!r} in `{param}` is not a state of this record; use ISO 3166-1 alpha-3 codes"
                + (f" (did you mean {', '.join(sugg)}?)" if sugg else ""),
                key=code,
                suggestions=sugg,
            )
        if key in seen and not allow_duplicates:
            raise ValueError(
                f"{key!r} is given twice in `{param}` (as {seen[key]!r} and {code!r}); list each state once"
            )
        seen.setdefault(key, code)
        out.append(states.get_loc(key))
    if not out and not allow_empty:
        raise ValueError(f"`{param}`=[] selects no state; leave {param}=None for every state")
    return np.asarray(out, dtype=np.int64)


def require_members(rc: pd.DataFrame, M: np.ndarray, idx: np.ndarray, cols: pd.Index, wanted,
                    param: str = "states", *, succession_hint: bool = False) -> None:
    """StateNotMemberError for the first state of ``wanted`` (positions ``idx``) with no seat on the roll calls ``rc``.

    A state asked for by name must be a Member on at least one roll call
    counted, or its rows would silently be missing from the result; the
    message says who held its seat then (:func:`not_member_message`).
    """
    if not len(rc):
        return
    given = [wanted] if isinstance(wanted, str) else list(wanted)
    seated = np.isin(M[:, idx], (1, 2, 3, 8)).any(axis=0)
    if seated.all():
        return
    j = int(np.flatnonzero(~seated)[0])
    years = rc["date"].dt.year
    when = str(years.min()) if years.min() == years.max() else f"{years.min()}-{years.max()}"
    code = str(cols[idx[j]])
    key = given[j] if j < len(given) else code
    msg = not_member_message(code, when, rc["date"].iloc[-1], role="so it has no value to report",
                             param=f"{param}=")
    if succession_hint and "its seat was held by" in msg:
        msg += " (or pass follow_succession=True to join the two seats)"
    raise errors.StateNotMemberError(f"{key!r} in `{param}`: {msg}", key=key)


def not_member_message(code: str, when: str, date, *, role: str = "so it cannot be the reference",
                       param: str = "reference=", held: str | None = None) -> str:
    """Say that ``code`` held no seat on the roll calls of ``when`` and who held its seat on ``date``.

    `role` ends the first clause (what the state cannot be used for); `param` prefixes the suggested
    holder (``reference='RUS'``, or ``'RUS'`` with ``param=""``); `held` says when the holder held the
    seat (default ``"in <when>"``).
    """
    msg = f"{code} was not a UN Member on any roll call of {when} counted here, {role}"
    try:
        from ..record.states import state as _state

        holder = _state(code, on=date, follow_succession="lineage").iso3
    except (errors.UnvotesError, ValueError):
        holder = None
    if holder and holder != code:
        return msg + f"; its seat was held by {holder} {held or 'in ' + when}: use {param}{holder!r}"
    return msg + "; pick a state that was a Member then"


def require_member(rc: pd.DataFrame, ref_codes: np.ndarray, code: str, reference: str, *, when: str | None = None,
                   role: str = "so it cannot be the reference", param: str = "reference=",
                   held: str | None = None) -> None:
    """StateNotMemberError unless the state held a seat on one of the roll calls ``rc``.

    `when` names the period in the message (default: the years of `rc`); `role` and `param` as in
    :func:`not_member_message`.
    """
    if len(rc) and not np.isin(ref_codes, (1, 2, 3, 8)).any():
        if when is None:
            years = rc["date"].dt.year
            when = str(years.min()) if years.min() == years.max() else f"{years.min()}-{years.max()}"
        raise errors.StateNotMemberError(not_member_message(code, when, rc["date"].iloc[-1], role=role, param=param,
                                                            held=held),
                                         key=reference)


def require_roll_calls(roll_calls: pd.DataFrame, func: str, kinds, issue, default_kinds=FINAL_KINDS):
    """Raise ValueError naming the filters when no roll call is left."""
    if len(roll_calls):
        return
    kinds_txt = "default (final votes: " + ", ".join(default_kinds) + ")" if kinds is None else repr(kinds)
    raise ValueError(
        f"no roll call left after the filters of {func}() (kinds={kinds_txt}, issue={issue!r}); "
        f"widen record.select(...), pass kinds='all' or drop the issue filter"
    )


def as_iterable_of_str(value, param) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, Iterable):
        raise TypeError(f"`{param}` must be a str or a list of str, got {value!r}")
    return list(value)


def bloc_membership(blocs, dates, states: pd.Index, param="blocs"):
    """Membership array ``W`` of shape ``(r, s, k)`` (bool) and the bloc names.

    ``blocs`` may be:

    - a dict ``{name: [iso3, ...]}``: your own blocs, static membership (a
      state that is not a Member on a date has no vote there, code 9);
    - a str or a list of str: bloc ids of :mod:`unvotes.blocs` (the bloc
      table), with membership taken on each roll call's date.

    This follows :func:`unvotes.blocs.votes_by_bloc`.
    """
    dates = np.asarray(dates)
    r, s = len(dates), len(states)
    if isinstance(blocs, (pd.DataFrame, pd.Series)):
        raise TypeError(
            f"`{param}` must be a bloc id such as 'EU', a list of bloc ids or a dict {{name: [iso3, ...]}}, "
            f"got a {type(blocs).__name__}"
        )
    if isinstance(blocs, dict):
        if not blocs:
            raise ValueError(f"`{param}` is an empty dict; give {{name: [iso3, ...]}}")
        names = [str(k) for k in blocs]
        W = np.zeros((r, s, len(names)), dtype=bool)
        for b, members in enumerate(blocs.values()):
            if isinstance(members, str) or not isinstance(members, Iterable):
                raise TypeError(
                    f"the members of bloc {names[b]!r} in `{param}` must be a list of ISO3 codes, got {members!r}; "
                    f"e.g. {{'Nordics': ['DNK', 'FIN', 'ISL', 'NOR', 'SWE']}}"
                )
            members = list(members)
            if not members:
                raise ValueError(f"bloc {names[b]!r} in `{param}` has no member")
            W[:, state_positions(states, members, param, allow_duplicates=True, allow_empty=True), b] = True
        return W, names
    ids = as_iterable_of_str(blocs, param)
    if not ids:
        raise ValueError(f"`{param}` is empty; give bloc ids such as ['EU', 'NATO'] or a dict {{name: [iso3, ...]}}")
    for i in ids:
        if not isinstance(i, str):
            raise TypeError(f"a bloc id in `{param}` must be a str such as 'EU', got {i!r}")
    return _dated_blocs(ids, dates, states, param)


def _dated_blocs(ids, dates, states, param):
    """Membership of bloc-table blocs on each date (via unvotes.blocs)."""
    try:
        from ..record.blocs import bloc_membership
    except ImportError:
        raise errors.UnknownBlocError(
            f"bloc id(s) {ids!r} in `{param}` need the bloc table (unvotes.blocs), which this installation "
            f"lacks; for your own bloc pass a dict such as {{'P3': ['USA', 'GBR', 'FRA']}}",
            key=ids[0],
        ) from None
    return bloc_membership(list(ids), dates, states)
