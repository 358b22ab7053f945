"""Time of ``VotingRecord.select`` against plain pandas boolean indexing (issue 17.3, issue 14).

``select`` used to build its result through ``VotingRecord.__init__``, which re-validates
the tables (unique rcids, unique (rcid, state) pairs, known rcids, vote labels): 39 ms a
call on the full record, 0.94 s on a record ten times larger. A subset of a validated
record keeps those invariants, so ``select`` now skips the checks (target: under 5 ms).

The baseline is what a user would write in pandas on the same tables: a boolean mask of
the roll calls, then ``votes[votes["rcid"].isin(...)]``. Each answer is checked equal to
unvotes's before the times are compared; the old, validating path is timed too.

Run: python benchmarks/bench_select.py
"""

from __future__ import annotations

import statistics
import time

import numpy as np
import pandas as pd

import unvotes
from unvotes.record.core import VotingRecord


def _median_ms(f, n=30):
    f()
    out = []
    for _ in range(n):
        t = time.perf_counter()
        f()
        out.append((time.perf_counter() - t) * 1e3)
    return statistics.median(out)


def _tenfold(record):
    """Every roll call repeated ten times (new rcids), as in issue 17's 10x record."""
    rc, v = record.roll_calls, record.votes
    step = int(rc["rcid"].max()) + 1
    rcs = [rc.assign(rcid=rc["rcid"] + k * step) for k in range(10)]
    vs = [v.assign(rcid=v["rcid"] + k * step) for k in range(10)]
    return VotingRecord(pd.concat(rcs, ignore_index=True), pd.concat(vs, ignore_index=True), record.states)


CASES = {
    "years=2022": (dict(years=2022), lambda rc: (rc["date"].dt.year == 2022).to_numpy()),
    "sessions=77": (dict(sessions=77), lambda rc: (rc["session"] == 77).to_numpy()),
    "start..end one day": (dict(start="2025-02-24", end="2025-02-24"),
                           lambda rc: ((rc["date"] >= "2025-02-24") & (rc["date"] <= "2025-02-24")).to_numpy()),
}


def main():
    base = unvotes.load()
    for label, record in (("full record", base), ("10x record", _tenfold(base))):
        rc, v = record.roll_calls, record.votes
        print(f"{label}: {len(rc):,} roll calls, {len(v):,} votes")
        for name, (kwargs, mask_of) in CASES.items():
            def plain():
                m = mask_of(rc)
                return rc[m], v[v["rcid"].isin(rc["rcid"][m])]

            def old():  # the validating constructor select used before
                r_rc, r_v = plain()
                return VotingRecord(r_rc, r_v, record.states)

            sel = record.select(**kwargs)
            p_rc, p_v = plain()
            assert sel.roll_calls.equals(p_rc.reset_index(drop=True))
            assert sel.votes.equals(p_v.reset_index(drop=True)), name
            t_sel = _median_ms(lambda: record.select(**kwargs))
            t_plain = _median_ms(plain)
            t_old = _median_ms(old, n=10)
            print(f"  {name:<20} select {t_sel:6.2f} ms | pandas mask+isin {t_plain:6.2f} ms "
                  f"| ratio {t_sel / t_plain:4.2f}x | old validating select {t_old:7.2f} ms "
                  + (f"| target < 5 ms: {'OK' if t_sel < 5 else 'MISSED'}" if record is base else ""))


if __name__ == "__main__":
    np.random.seed(0)
    main()
