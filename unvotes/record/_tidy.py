"""The record as one long table, in the shape of the R package unvotes' vignette.

R users join ``un_votes``, ``un_roll_calls`` and ``un_roll_call_issues`` by ``rcid`` and then
``group_by(year, country)``. :meth:`VotingRecord.tidy` gives that joined table in one call, with
the issue codes as one boolean column each, so that a roll call with two issues is not counted twice
and one with none is not dropped (the two traps of joining the issue table; PITFALLS.md, 9).
"""

from __future__ import annotations


import pandas as pd

from .codes import VOTE_DTYPE
from .issues import ISSUE_LABELS

from ._types import VotingRecordLike as VotingRecord  # not from .core: core imports this module

__all__ = ["tidy_votes"]

#: The values of ``vote`` that R unvotes keeps (it drops absent and non-member rows).
CAST = ("yes", "abstain", "no")


def tidy_votes(record: VotingRecord, *, include_absent: bool = False) -> pd.DataFrame:
    """One row per state and roll call: the R vignette's joined table (see :meth:`VotingRecord.tidy`)."""
    if not isinstance(include_absent, bool):
        raise TypeError(f"`include_absent` must be True or False, got {include_absent!r}")
    from .states import state_name

    keep = list(CAST) + (["absent"] if include_absent else [])
    v = record.votes
    v = v[v["vote"].isin(keep)]
    rc = record.roll_calls
    issue_cols = [c for c in ISSUE_LABELS if c in rc.columns]
    cols = ["rcid", "session", "date", "symbol"] + issue_cols
    out = v.merge(rc[cols], on="rcid", how="left", validate="many_to_one")
    codes = out["state"].astype(str)
    names = {c: state_name(c) for c in codes.unique()}
    out = pd.DataFrame({
        "rcid": out["rcid"].to_numpy(),
        "session": out["session"].to_numpy(),
        "year": out["date"].dt.year.to_numpy().astype("int64"),
        "date": out["date"].to_numpy(),
        "symbol": out["symbol"].to_numpy(),
        "country_code": pd.Categorical(codes),
        "country": pd.Categorical(codes.map(names)),
        "vote": pd.Categorical(out["vote"].astype(str), categories=[c for c in VOTE_DTYPE.categories if c in keep],
                               ordered=True),
        **{ISSUE_LABELS[c]: out[c].astype("boolean").array for c in issue_cols},
    })
    return out.sort_values(["date", "rcid", "country_code"], kind="stable").reset_index(drop=True)
