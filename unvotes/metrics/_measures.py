"""Measure presets of the agreement family and the set-up shared by its functions.

A preset names a statistic of the joint counts (:mod:`._pairs`), its
treatment of abstentions and absences, the unanimity filter and the default
roll-call kinds. The table of presets is in :mod:`unvotes.alignment` and
``docs/methods.md``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import _filters, _pairs

__all__ = ["MEASURES"]

_ALL = _filters.KINDS

#: Presets: statistic, abstention and absence policies, unanimity filter and
#: default roll-call kinds (None = final votes, _filters.FINAL_KINDS).
_PRESETS: dict[str, dict] = {
    "percent": dict(stat="agreement", abstain="category", absent="drop", drop_unanimous=False),
    "yes_no": dict(stat="agreement", abstain="drop", absent="drop", drop_unanimous=False),
    "lijphart": dict(stat="agreement", abstain="half", absent="drop", drop_unanimous=False),
    "voeten": dict(stat="agreement", abstain="half", absent="drop", drop_unanimous=True),
    "state_dept_2016": dict(stat="agreement", abstain="drop", absent="drop", drop_unanimous=False, kinds=_ALL),
    "state_dept_2017": dict(stat="agreement", abstain="half", absent="drop", drop_unanimous=False),
    "state_dept_2021": dict(stat="agreement", abstain="half", absent="half", drop_unanimous=False),
    "s_score": dict(stat="s", distance="absolute", drop_unanimous=False),
    "s_score_squared": dict(stat="s", distance="squared", drop_unanimous=False),
    "kappa": dict(stat="kappa", delta="nominal", drop_unanimous=False),
    "pi": dict(stat="pi", delta="nominal", drop_unanimous=False),
    # Bailey, Strezhnev and Voeten's agreement columns (percent identical, unanimous out; every kind to
    # session 44, whole-resolution votes after: BSV_KINDS)
    "bsv": dict(stat="agreement", abstain="category", absent="drop", drop_unanimous=True, kinds=_ALL, bsv=True),
    # widyr's pairwise_cor over R unvotes: Pearson r of the positions (1, 2, 3) with non-votes filled with 0
    "widyr": dict(stat="cor", drop_unanimous=False, kinds=_ALL),
}

#: Last session in which BSV keep amendment and paragraph votes (``year > 1989 & (para | amend)``
#: are dropped in ``UN_DataProcessing.R``; session 44 is 1989-90).
BSV_LAST_ALL_KINDS_SESSION = 44

#: Names of the measures accepted by ``measure=``.
MEASURES = tuple(_PRESETS)



def _resolve_measure(measure, abstain, absent, drop_unanimous, delta, kinds):
    """Return ``(spec, drop_unanimous, kinds_default)`` for a preset plus overrides."""
    if not isinstance(measure, str) or measure not in _PRESETS:
        raise ValueError(f"`measure` must be one of {MEASURES}, got {measure!r}")
    p = dict(_PRESETS[measure])
    stat = p["stat"]
    if stat != "agreement" and (abstain is not None or absent is not None):
        raise ValueError(
            f"`abstain`/`absent` policies apply to the agreement family (percent, yes_no, lijphart, "
            f"voeten, bsv, state_dept_*); measure {measure!r} has its own treatment of abstentions "
            f"and absences (see unvotes.alignment; got abstain={abstain!r}, absent={absent!r})"
        )
    if delta is not None and stat not in ("kappa", "pi"):
        raise ValueError(f"`delta` applies to 'kappa' and 'pi' only, got delta={delta!r} with measure={measure!r}")
    spec = _pairs._spec(
        stat=stat,
        abstain=abstain if abstain is not None else p.get("abstain", "half"),
        absent=absent if absent is not None else p.get("absent", "drop"),
        distance=p.get("distance", "absolute"),
        delta=delta if delta is not None else p.get("delta", "nominal"),
    )
    if drop_unanimous is None:
        drop_unanimous = p["drop_unanimous"]
    elif not isinstance(drop_unanimous, (bool, np.bool_)):
        raise TypeError(f"`drop_unanimous` must be True, False or None (preset default), got {drop_unanimous!r}")
    default_kinds = p.get("kinds", _filters.FINAL_KINDS)
    return spec, bool(drop_unanimous), default_kinds


def _weights_array(weights, roll_calls):
    if weights is None:
        return None
    if isinstance(weights, pd.Series):
        w = weights.reindex(roll_calls["rcid"].to_numpy())
        if w.isna().any():
            missing = roll_calls["rcid"].to_numpy()[w.isna().to_numpy()][:5].tolist()
            raise ValueError(
                f"`weights` has no value for rcid(s) {missing} ...; give a weight for every roll call kept "
                f"by the filters (a Series indexed by rcid)"
            )
        w = w.to_numpy(dtype=np.float64)
    else:
        raise TypeError(f"`weights` must be a pandas Series indexed by rcid, got {type(weights).__name__}")
    if (w < 0).any() or not np.isfinite(w).all():
        raise ValueError("`weights` must be finite and non-negative")
    return w


def _check_reference(reference):
    """TypeError unless ``reference`` is one ISO3 code (a str)."""
    if not isinstance(reference, str):
        raise TypeError(
            f"`reference` takes one ISO 3166-1 alpha-3 code as a str (e.g. 'USA'), got {reference!r}; "
            f"for several states use `states=`"
        )


def _setup(record, func, measure, kinds, issue, abstain, absent, drop_unanimous, delta, weights=None,
           follow_succession=False):
    spec, drop_u, default_kinds = _resolve_measure(measure, abstain, absent, drop_unanimous, delta, kinds)
    rc, M, states = _filters.prepare(
        record, func, kinds=kinds, issue=issue, default_kinds=default_kinds, follow_succession=follow_succession
    )
    if kinds is None and _PRESETS[measure].get("bsv"):
        # BSV: every roll call to session 44, whole-resolution votes after (UN_DataProcessing.R)
        late_part = rc["kind"].astype(str).isin(("amendment", "paragraph")).to_numpy() & (
            rc["session"].to_numpy() > BSV_LAST_ALL_KINDS_SESSION)
        rc, M = rc.loc[~late_part].reset_index(drop=True), M[~late_part]
    _filters.require_roll_calls(rc, func, kinds, issue, default_kinds)
    if weights is not None and spec["stat"] == "cor":
        raise ValueError("`weights` do not apply to measure='widyr' (an unweighted Pearson correlation)")
    w = _weights_array(weights, rc)
    return spec, drop_u, rc, M, states, w

