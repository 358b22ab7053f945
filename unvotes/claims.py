"""Check factual claims about a roll call against the record.

News reports describe a General Assembly vote in a few recurring forms: "93
states voted in favour", "China abstained", "the US voted with Russia",
"most European states voted in favour", "the US was joined by 18 other
nations". :func:`check_claims` takes such claims written as typed records
(a list of dicts, or a JSON file) and returns, for each, whether the record
bears it out and the evidence.

Claim types
-----------
Every claim is a mapping with ``type``, ``symbol`` (the resolution symbol
or rcid of the roll call) and the fields of its type; ``id`` (a short label)
and ``text`` (the claim in words) are optional and copied to the result.
Votes are ``"yes"``, ``"no"``, ``"abstain"`` or ``"absent"``; states are ISO
3166-1 alpha-3 or alpha-2 codes or names in any case, resolved with
:func:`unvotes.state` on the roll call's date ("Russia" is ``SUN`` before
1991-12-24); an unknown or ambiguous state is an error, never a verdict.

==================  ==========================  =================================================
type                fields                      holds when
==================  ==========================  =================================================
``tally``           ``vote``, ``count``         exactly ``count`` Members cast ``vote``
``vote``            ``states``, ``vote``        every state in ``states`` cast ``vote``
``voted_with``      ``state``, ``others``,      every state in ``others`` cast the same vote as
                    ``vote`` (optional)         ``state`` (and that vote is ``vote``, if given)
``voted_against``   ``state``, ``others``       ``state`` voted yes and every state in ``others``
                                                no, or the other way round (an abstention is not
                                                a vote *against*)
``bloc_share``      ``vote``, ``bloc`` or       more than ``share`` (default 0.5: "most") of the
                    ``members``, ``share``      group's UN Members on the date cast ``vote``
                    (optional), ``definition``  (``bloc``: an id of :func:`unvotes.list_blocs`,
                                                membership on the vote date; ``members``: an
                                                explicit list, with its ``definition``)
``others_count``    ``state``, ``vote``,        ``state`` cast ``vote`` and exactly ``count``
                    ``count``                   *other* Members cast it too
==================  ==========================  =================================================

The classic trap is the last type: "a vote against put the US in the company
of 18 other nations" counts the US among the 18 when the tally is 18 against,
so only 17 others voted with it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from .record.core import VotingRecord

__all__ = ["check_claims", "read_claims", "CLAIM_TYPES"]

#: Claim type -> (required fields, optional fields).
CLAIM_TYPES = {
    "tally": (("vote", "count"), ()),
    "vote": (("states", "vote"), ()),
    "voted_with": (("state", "others"), ("vote",)),
    "voted_against": (("state", "others"), ()),
    "bloc_share": (("vote",), ("bloc", "members", "share", "definition")),
    "others_count": (("state", "vote", "count"), ()),
}

_COMMON = ("type", "symbol", "id", "text", "source", "note")
_VOTES = ("yes", "no", "abstain", "absent")
_OPPOSITE = {"yes": "no", "no": "yes"}

_COLUMNS = ["id", "symbol", "type", "text", "claimed", "observed", "verdict", "evidence"]


def read_claims(path: str | os.PathLike) -> list[dict]:
    """Read a claims file: JSON, either a list of claims or ``{"claims": [...]}``.

    Parameters
    ----------
    path : str or os.PathLike
        The JSON file.

    Returns
    -------
    list of dict

    Raises
    ------
    FileNotFoundError
        If the file does not exist.
    ValueError
        If the file is not JSON of that shape.

    Examples
    --------
    >>> import json, tempfile, pathlib
    >>> from unvotes.claims import read_claims
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "claims.json"
    >>> _ = p.write_text(json.dumps({"claims": [{"id": "yes", "text": "93 states voted yes"}]}))
    >>> read_claims(p)
    [{'id': 'yes', 'text': '93 states voted yes'}]
    """
    with open(os.fspath(path), encoding="utf-8") as fh:
        try:
            data = json.load(fh)
        except json.JSONDecodeError as e:
            raise ValueError(f"claims file {os.fspath(path)!r} is not valid JSON: {e}") from None
    if isinstance(data, Mapping):
        data = data.get("claims")
    if not isinstance(data, list):
        raise ValueError(f"claims file {os.fspath(path)!r} must hold a list of claims or {{'claims': [...]}}")
    return data


def _list(x, field, cid):
    if isinstance(x, str):
        return [x]
    if not isinstance(x, Sequence) or not all(isinstance(s, str) for s in x) or not x:
        raise ValueError(f"claim {cid}: `{field}` must be a state (ISO3 code or name) or a non-empty list of them, "
                         f"got {x!r}")
    return list(x)


def _resolve(x, on, field, cid) -> str:
    """ISO3 code of the state ``x`` (name, ISO2/ISO3 code, any case) on the roll call's date.

    An unknown or ambiguous state raises (a claim is never judged on a
    misspelt state); a state that held no seat on the date resolves to its
    own code and then shows as ``non_member``.
    """
    from . import errors
    from .record.states import state as _state

    if not isinstance(x, str):
        raise ValueError(f"claim {cid}: `{field}` must hold states as str (ISO3 codes or names), got {x!r}")
    try:
        return _state(x, on=on).iso3
    except errors.StateNotMemberError:
        return _state(x).iso3
    except (errors.UnknownStateError, errors.AmbiguousStateError) as e:
        raise type(e)(f"claim {cid}: `{field}` {x!r}: {e.message}", key=x, suggestions=e.suggestions) from None


def _states(x, field, cid, on) -> list[str]:
    return [_resolve(s, on, field, cid) for s in _list(x, field, cid)]


def _check_vote(v, cid, field="vote"):
    if v not in _VOTES:
        raise ValueError(f"claim {cid}: `{field}` must be one of {_VOTES}, got {v!r}")
    return v


def _check_count(c, cid):
    if not isinstance(c, int) or isinstance(c, bool) or c < 0:
        raise ValueError(f"claim {cid}: `count` must be a non-negative int, got {c!r}")
    return c


def _validate(claim, i):
    if not isinstance(claim, Mapping):
        raise TypeError(f"claim #{i} must be a mapping (dict) with a `type` and a `symbol`, got {type(claim).__name__}")
    cid = claim.get("id", f"#{i}")
    kind = claim.get("type")
    if kind not in CLAIM_TYPES:
        raise ValueError(f"claim {cid}: unknown `type` {kind!r}; claim types are {tuple(CLAIM_TYPES)}")
    if "symbol" not in claim:
        raise ValueError(f"claim {cid}: needs a `symbol` (resolution symbol such as 'A/RES/ES-11/7', or an rcid)")
    required, optional = CLAIM_TYPES[kind]
    missing = [f for f in required if f not in claim]
    if missing:
        raise ValueError(f"claim {cid} of type {kind!r} lacks {missing}; it needs {list(required)}"
                         + (f" and may have {list(optional)}" if optional else ""))
    unknown = [f for f in claim if f not in (*_COMMON, *required, *optional)]
    if unknown:
        raise ValueError(f"claim {cid}: unknown field(s) {unknown} for type {kind!r}; allowed: "
                         f"{list((*_COMMON, *required, *optional))}")
    if kind == "bloc_share" and ("bloc" in claim) == ("members" in claim):
        raise ValueError(f"claim {cid}: a bloc_share claim needs exactly one of `bloc` (a bloc id) or "
                         "`members` (a list of ISO3 codes)")
    return cid, kind


def _fmt(states, votes=None):
    if votes is None:
        return ", ".join(states) if states else "none"
    return ", ".join(f"{s} {votes.get(s, 'non_member')}" for s in states) if states else "none"


def _evaluate(record, claim, cid, kind):
    rc = record[claim["symbol"]]
    votes = rc.votes.astype(str)
    head = f"{rc.symbol} ({rc.date.date()})"

    def vote_of(s):
        return votes.get(s, "non_member")

    if kind == "tally":
        v, c = _check_vote(claim["vote"], cid), _check_count(claim["count"], cid)
        obs = rc.tally[v]
        rec = rc.recorded_tally.get(v)
        ev = f"{head}: {obs} Members voted {v}"
        if rec is not None:
            ev += f"; the source's recorded total is {rec}"
        return c, obs, obs == c, ev
    if kind == "vote":
        sts, v = _states(claim["states"], "states", cid, rc.date), _check_vote(claim["vote"], cid)
        wrong = [s for s in sts if vote_of(s) != v]
        ev = f"{head}: {_fmt(sts, votes)}"
        return f"{', '.join(sts)}: {v}", _fmt(sts, votes), not wrong, ev
    if kind == "voted_with":
        s = _resolve(claim["state"], rc.date, "state", cid)
        others = _states(claim["others"], "others", cid, rc.date)
        ref = vote_of(s)
        want = claim.get("vote")
        if want is not None:
            _check_vote(want, cid)
        differ = [o for o in others if vote_of(o) != ref]
        ok = not differ and (want is None or ref == want) and ref in ("yes", "no", "abstain")
        ev = f"{head}: {s} voted {ref}; {_fmt(others, votes)}"
        if differ:
            ev += f"; not with {s}: {', '.join(differ)}"
        claimed = f"{', '.join(others)} with {s}" + (f" ({want})" if want else "")
        return claimed, f"{s} {ref}; " + _fmt(others, votes), ok, ev
    if kind == "voted_against":
        s = _resolve(claim["state"], rc.date, "state", cid)
        others = _states(claim["others"], "others", cid, rc.date)
        ref = vote_of(s)
        opp = _OPPOSITE.get(ref)
        differ = [o for o in others if vote_of(o) != opp]
        ok = opp is not None and not differ
        ev = f"{head}: {s} voted {ref}; {_fmt(others, votes)}"
        if opp is None:
            ev += f" ({s} cast no yes/no vote, so it voted against no one)"
        elif differ:
            ev += f"; not voting {opp}: {', '.join(differ)}"
        return f"{s} against {', '.join(others)}", f"{s} {ref}; " + _fmt(others, votes), ok, ev
    if kind == "bloc_share":
        v = _check_vote(claim["vote"], cid)
        share = claim.get("share", 0.5)
        if not isinstance(share, (int, float)) or isinstance(share, bool) or not 0 <= share < 1:
            raise ValueError(f"claim {cid}: `share` must be a number in [0, 1), got {share!r}")
        if "bloc" in claim:
            from .record.blocs import bloc as _bloc

            members = _bloc(claim["bloc"], on=rc.date)
            members = members[members["un_member"]]["iso3"].tolist() if "un_member" in members else \
                members["iso3"].tolist()
            group = (claim.get("definition") or f"bloc {claim['bloc']}") + f" on {rc.date.date()}"
        else:
            members = _states(claim["members"], "members", cid, rc.date)
            group = claim.get("definition") or "the listed states"
        members = [m for m in members if vote_of(m) != "non_member"]
        if not members:
            raise ValueError(f"claim {cid}: no member of the group held a UN seat on {rc.date.date()}")
        hit = [m for m in members if vote_of(m) == v]
        rest = [m for m in members if vote_of(m) != v]
        frac = len(hit) / len(members)
        ok = frac > share
        ev = (f"{head}: {len(hit)} of the {len(members)} UN Members of {group} voted {v} ({frac:.0%}); "
              f"the others: {_fmt(rest, votes)}")
        return f"more than {share:.0%} voted {v}", f"{len(hit)}/{len(members)} ({frac:.0%})", ok, ev
    if kind == "others_count":
        s = _resolve(claim["state"], rc.date, "state", cid)
        v, c = _check_vote(claim["vote"], cid), _check_count(claim["count"], cid)
        same = [x for x in rc.states(v) if x != s]
        ok = vote_of(s) == v and len(same) == c
        ev = (f"{head}: {rc.tally[v]} Members voted {v}"
              + (f", {s} among them, so {len(same)} others" if vote_of(s) == v else f"; {s} voted {vote_of(s)}")
              + f": {_fmt(same)}")
        return f"{c} others voted {v} with {s}", f"{len(same)} others", ok, ev
    raise AssertionError(kind)  # pragma: no cover (validated above)


def check_claims(record: VotingRecord, claims: Sequence[Mapping] | str | os.PathLike) -> pd.DataFrame:
    """Check claims about roll calls against the record.

    Parameters
    ----------
    record : VotingRecord
        The record to check against (``unvotes.load()``).
    claims : list of dict, or str / os.PathLike
        Typed claims (see the module documentation for the types and their
        fields), or the path of a JSON file holding them
        (:func:`read_claims`).

    Returns
    -------
    pandas.DataFrame
        One row per claim, in order: ``id``, ``symbol``, ``type``, ``text``
        (as given), ``claimed`` (what the claim asserts, in short),
        ``observed`` (what the record shows), ``verdict`` (``"holds"`` or
        ``"does not hold"``) and ``evidence`` (the votes behind the verdict,
        in words, with the ISO3 codes of the states concerned).

    Raises
    ------
    TypeError
        If a claim is not a mapping or `record` not a VotingRecord.
    ValueError
        For an unknown claim type, a missing or unknown field, or a bad vote,
        count or share.
    unvotes.errors.UnknownSymbolError
        If a claim's symbol is not a roll call of the record.
    unvotes.errors.UnknownBlocError
        If a ``bloc_share`` claim names an unknown bloc.
    unvotes.errors.UnknownStateError, unvotes.errors.AmbiguousStateError
        If a state of a claim (``state``, ``states``, ``others``,
        ``members``) cannot be resolved by :func:`unvotes.state` on the roll
        call's date; the message names the claim and the value.

    References
    ----------
    .. [1] The votes: UN General Assembly recorded votes as compiled by
       unvotes (UN DGACM, UN Digital Library; Voeten 2013 before 2020).
    .. [2] Worked example: the claims of a news briefing of 24 February 2025
       on A/RES/ES-11/7, in ``seeds/briefing-2025-02-24-claims.json``.

    Examples
    --------
    >>> import unvotes
    >>> claims = [
    ...     {"id": "yes", "type": "tally", "symbol": "A/RES/ES-11/7", "vote": "yes", "count": 93},
    ...     {"id": "company", "type": "others_count", "symbol": "A/RES/ES-11/7",
    ...      "state": "USA", "vote": "no", "count": 18},
    ... ]
    >>> res = unvotes.check_claims(unvotes.load(), claims)
    >>> res[["id", "observed", "verdict"]]  # doctest: +NORMALIZE_WHITESPACE
            id   observed        verdict
    0      yes         93          holds
    1  company  17 others  does not hold
    """
    if not (hasattr(record, "roll_calls") and hasattr(record, "votes")):
        raise TypeError(f"`record` must be a unvotes.VotingRecord (unvotes.load()), got {type(record).__name__}")
    if isinstance(claims, (str, os.PathLike)):
        claims = read_claims(claims)
    if isinstance(claims, Mapping) or not isinstance(claims, Sequence):
        raise TypeError("`claims` must be a list of claim dicts or the path of a JSON claims file, got "
                        f"{type(claims).__name__}")
    items: list = list(claims)
    checked = [_validate(c, i) for i, c in enumerate(items)]
    rows = []
    for claim, (cid, kind) in zip(items, checked):
        claimed, observed, ok, evidence = _evaluate(record, claim, cid, kind)
        rows.append({"id": str(cid), "symbol": str(claim["symbol"]), "type": kind, "text": claim.get("text", ""),
                     "claimed": str(claimed), "observed": str(observed),
                     "verdict": "holds" if ok else "does not hold", "evidence": evidence})
    return pd.DataFrame(rows, columns=_COLUMNS)
