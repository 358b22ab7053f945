"""Data preparation of :func:`unvotes.ideal_points` (private).

From a :class:`~unvotes.VotingRecord` to the observed cells of the model:
the vote matrix and each roll call's period, the issue subset, the
alternating roll-call and state-period filters (W-NOMINATE's ``lop`` and
``minvotes`` rules, BSV's unanimous rule), and the coordinate form
:class:`~unvotes.ideal._core.Data` that the EM works on.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..record.codes import ABSTAIN, NO, YES
from . import _core
from ._checks import check_issue

__all__ = ["Prepared", "prepare", "dropped_tables"]


@dataclass
class Prepared:
    """Everything the fit and the result need from the record."""

    Y: np.ndarray  # (R, N) vote codes of every roll call of the record
    rcids: np.ndarray  # (R,)
    states: np.ndarray  # (N,) ISO3 codes
    periods: np.ndarray  # (T,) period labels (sessions or years)
    pidx: np.ndarray  # (R,) period index of each roll call
    rc_ok: np.ndarray  # (R,) roll call kept
    minority: np.ndarray  # (R,) minority share on the state-periods kept
    drop_reason: np.ndarray  # (R,) "" or why the roll call is left out
    active_sp: np.ndarray  # (T, N) state-period not dropped by min_votes
    raw_cnt: np.ndarray  # (T, N) votes on the kept roll calls before the min_votes rule
    obs: np.ndarray  # (R, N) observed cells of the fit
    items: np.ndarray  # (J,) rows of Y kept
    s_used: np.ndarray  # states in the fit (indices into ``states``)
    p_used: np.ndarray  # periods in the fit (indices into ``periods``)
    cell_item: np.ndarray  # (K,) item index of each observed cell
    cell_state: np.ndarray  # (K,) state index (fit numbering) of each observed cell
    item_period: np.ndarray  # (J,) period index (fit numbering) of each item
    data: _core.Data

    @property
    def fit_states(self) -> np.ndarray:
        return self.states[self.s_used]

    @property
    def fit_periods(self) -> np.ndarray:
        return self.periods[self.p_used]


def _period_labels(rc: pd.DataFrame, by: str) -> np.ndarray:
    if by == "session":
        return rc["session"].to_numpy().astype(np.int64)
    return pd.to_datetime(rc["date"]).dt.year.to_numpy().astype(np.int64)


def _issue_mask(rc: pd.DataFrame, rcids: np.ndarray, issue) -> np.ndarray:
    """Roll calls in the ``issue`` subset (all of them when ``issue`` is None)."""
    if issue is None:
        return np.ones(len(rcids), dtype=bool)
    codes = check_issue(issue)
    flags = rc.set_index("rcid").loc[rcids, codes]
    keep = flags.fillna(False).astype(bool).any(axis=1).to_numpy()
    if not keep.any():
        raise ValueError(f"no roll call in the record is flagged with issue {codes!r}")
    return keep


def _minority_share(Y, obs, model):
    """Share of the voting states not on the majority side (ordinal: not in the
    largest of yes/abstain/no; binary: min(yes, no) / (yes + no)), NaN without votes."""
    n_y = (obs & (Y == YES)).sum(axis=1)
    n_a = (obs & (Y == ABSTAIN)).sum(axis=1)
    n_n = (obs & (Y == NO)).sum(axis=1)
    tot = n_y + n_a + n_n
    with np.errstate(invalid="ignore", divide="ignore"):
        if model == "ordinal":
            minority = 1.0 - np.maximum(np.maximum(n_y, n_a), n_n) / tot
        else:
            minority = np.minimum(n_y, n_n) / tot
    return np.where(tot > 0, minority, np.nan), tot


def _filter(Y, voted, keep_rc, pidx, shape, model, min_votes, lop):
    """Roll-call and state-period filters, applied alternately until both hold
    (as W-NOMINATE does).  Returns (rc_ok, minority, drop_reason, active_sp)."""
    active_sp = np.ones(shape, dtype=bool)
    drop_reason = np.full(len(keep_rc), "", dtype=object)
    for _ in range(50):  # the filters shrink monotonically; 50 rounds are never reached
        obs = voted & active_sp[pidx]
        minority, tot = _minority_share(Y, obs, model)
        reason = np.where(
            ~keep_rc, "issue",
            np.where(tot == 0, "no votes",
                     np.where(minority == 0, "unanimous", np.where(minority < lop, "lopsided", ""))))
        rc_ok = reason == ""
        cnt = np.zeros(shape, dtype=np.int64)
        np.add.at(cnt, pidx[rc_ok], obs[rc_ok].astype(np.int64))
        new_active = active_sp & (cnt >= max(min_votes, 1))
        if np.array_equal(new_active, active_sp) and np.array_equal(reason, drop_reason):
            break
        active_sp = new_active
        drop_reason = reason
    return rc_ok, minority, drop_reason, active_sp


def prepare(record, *, by, model, issue, min_votes, lop, follow_succession) -> Prepared:
    """The observed cells of the fit, after the issue subset and the filters.

    Raises ValueError for an unknown issue code or when no roll call is left.
    """
    rc = record.roll_calls
    M = record.matrix(follow_succession=follow_succession) if follow_succession else record.matrix()
    Y = M.to_numpy()
    rcids = M.index.to_numpy()
    states = np.asarray(M.columns, dtype=object)
    periods_all = _period_labels(rc.set_index("rcid").loc[rcids].reset_index(), by)
    keep_rc = _issue_mask(rc, rcids, issue)

    voted = (Y == YES) | (Y == NO) if model == "binary" else (Y == YES) | (Y == ABSTAIN) | (Y == NO)
    voted &= keep_rc[:, None]
    puniq, pidx = np.unique(periods_all, return_inverse=True)
    T, N = len(puniq), len(states)
    rc_ok, minority, drop_reason, active_sp = _filter(Y, voted, keep_rc, pidx, (T, N), model, min_votes, lop)
    if not rc_ok.any():
        raise ValueError(
            f"no roll call left after the filters (lop={lop}, min_votes={min_votes}, issue={issue!r}); "
            "lower `lop` or `min_votes`, or select more roll calls"
        )
    obs = voted & active_sp[pidx] & rc_ok[:, None]
    raw_cnt = np.zeros((T, N), dtype=np.int64)
    np.add.at(raw_cnt, pidx[rc_ok], voted[rc_ok].astype(np.int64))

    # keep only periods and states with data
    items = np.nonzero(rc_ok)[0]
    p_used = np.unique(pidx[items])
    s_used = np.nonzero(obs[items].any(axis=0))[0]
    pmap = np.full(T, -1)
    pmap[p_used] = np.arange(len(p_used))
    smap = np.full(N, -1)
    smap[s_used] = np.arange(len(s_used))
    r_idx, c_idx = np.nonzero(obs[items])
    code = Y[items][r_idx, c_idx]
    cat = np.where(code == YES, 0, np.where(code == ABSTAIN, 1, 2)).astype(np.int8)
    item_period = pmap[pidx[items]]
    d = _core.make_data(r_idx, smap[c_idx], cat, item_period, len(s_used), len(p_used))
    return Prepared(
        Y=Y, rcids=rcids, states=states, periods=puniq, pidx=pidx, rc_ok=rc_ok, minority=minority,
        drop_reason=drop_reason, active_sp=active_sp, raw_cnt=raw_cnt, obs=obs, items=items, s_used=s_used,
        p_used=p_used, cell_item=r_idx, cell_state=smap[c_idx], item_period=item_period, data=d,
    )


def dropped_tables(p: Prepared) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The roll calls and the state-periods left out, with why."""
    dr = np.nonzero(~p.rc_ok)[0]
    dropped_rc = pd.DataFrame(
        {"rcid": p.rcids[dr], "period": p.periods[p.pidx[dr]], "reason": p.drop_reason[dr].astype(str),
         "minority_share": p.minority[dr]}
    )
    dt, di = np.nonzero((p.raw_cnt > 0) & ~p.active_sp)
    dropped_states = pd.DataFrame(
        {"state": p.states[di].astype(str), "period": p.periods[dt], "n_votes": p.raw_cnt[dt, di].astype(np.int64)}
    ).sort_values(["state", "period"]).reset_index(drop=True)
    return dropped_rc, dropped_states
