"""Seat succession: who held a seat's lineage on a date, the successions, and merging
predecessor columns of a vote matrix (the rules are described in :mod:`unvotes.states`).

Source: ``members.csv`` (``predecessor_iso3``, ``successor_iso3``, ``succession_type``,
``admitted``, ``seat_from``, ``cow_code_periods``) and its ``SOURCES.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

import numpy as np
import pandas as pd

from ..errors import DataIntegrityError
from .codes import NON_MEMBER
from ._state_registry import _FAR_PAST, _held, _registry

__all__ = ["successions", "merge_successions", "SUCCESSION_RULES"]

#: Names of the succession rules accepted by :func:`merge_successions`.
SUCCESSION_RULES = ("seat", "lineage")


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
