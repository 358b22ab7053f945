"""State Department voting coincidence (*Voting Practices in the United Nations*).

The three rules of the annual report to Congress (``regime=``, keyed by the
first report year that used each): "2016" (votes only, I / (I + O)), "2017"
((same + partial/2) / (V - absent)) and "2021" ((same + partial/2 +
absent/2) / V); see ``docs/methods.md``.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from . import _bootstrap, _filters, _pairs
from ._docs import fill_doc
from ._measures import _check_reference
from .. import errors
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..record._types import StateLike, StrsLike
    from ..record.core import VotingRecord

__all__ = ["REGIMES", "coincidence"]

#: State Department regimes, keyed by the first report year of each rule.
REGIMES = ("2016", "2017", "2021")


def _regime_for_year(year: int) -> str:
    """Rule of the report covering ``year`` (METRICS.md 2.1-2.3)."""
    if year <= 2016:
        return "2016"
    if year <= 2020:
        return "2017"
    return "2021"


def _coincidence_core(ref_codes, M, regime, consensus=None):
    """State Department categories and coincidence of every column of ``M`` with a reference.

    Parameters
    ----------
    ref_codes : ndarray (r,)
        Codes of the reference state; roll calls on which it did not vote
        (absent or non_member) must already be removed.
    M : ndarray (r, s)
        Codes of the listed states.
    regime : {"2016", "2017", "2021"}
    consensus : int, optional
        Number of resolutions adopted without a vote (C).

    Returns
    -------
    dict of ndarray (s,)
        same, opposite, partial, absent, votes (V: roll calls while a
        Member), yes_no_same (I), yes_no_opposite (O), n (denominator of the
        regime), coincidence, and coincidence_consensus when ``consensus`` is
        given. Under regime "2016" the counts cover only the roll calls on
        which the reference voted yes or no, as in those reports; the
        participation rate of the consensus credit uses every roll call.
    """
    if regime not in REGIMES:
        raise ValueError(f"`regime` must be one of {REGIMES} or None (chosen by year), got {regime!r}")
    ref = np.asarray(ref_codes)[:, None]
    M = np.asarray(M)
    # participation rate over every recorded vote (regime 2016 consensus credit, METRICS.md 2.1)
    member_all = np.isin(M, (1, 2, 3, 8)).sum(axis=0)
    p_rate = _pairs._divide(member_all - (M == 8).sum(axis=0), member_all)
    if regime == "2016":
        # the reports up to 2016 built the table on the votes where the reference voted yes or no
        keep = np.isin(ref[:, 0], (1, 3))
        ref, M = ref[keep], M[keep]
    part = np.isin(M, (1, 2, 3))
    member = part | (M == 8)
    same = ((M == ref) & part).sum(axis=0)
    opposite = (((M == 1) & (ref == 3)) | ((M == 3) & (ref == 1))).sum(axis=0)
    partial = (part & ((M == 2) ^ (ref == 2))).sum(axis=0)
    absent = (M == 8).sum(axis=0)
    votes = member.sum(axis=0)
    refyn = np.isin(ref, (1, 3))
    I = ((M == ref) & refyn).sum(axis=0)
    O = opposite
    out = dict(same=same, opposite=opposite, partial=partial, absent=absent, votes=votes)
    out["yes_no_same"], out["yes_no_opposite"] = I, O
    points = same + 0.5 * partial
    if regime == "2016":
        den = I + O
        val = _pairs._divide(I, den)
    elif regime == "2017":
        den = votes - absent
        val = _pairs._divide(points, den)
    else:  # "2021"
        den = votes
        val = _pairs._divide(points + 0.5 * absent, den)
    out["n"] = den
    out["coincidence"] = val
    if consensus is not None:
        C = float(consensus)
        if regime == "2016":
            out["coincidence_consensus"] = _pairs._divide(I + p_rate * C, I + O + p_rate * C)
        elif regime == "2017":
            out["coincidence_consensus"] = _pairs._divide(points + C, den + C)
        else:
            out["coincidence_consensus"] = _pairs._divide(points + 0.5 * absent + C, den + C)
    return out


def _not_member_message(code: str, year: int, date) -> str:
    """Say that ``code`` held no seat in ``year`` and who held its seat (if anyone)."""
    return _filters.not_member_message(code, str(year), date)


@fill_doc
def coincidence(
    record: VotingRecord,
    reference: StateLike = "USA",
    year: int = 2022,
    *,
    regime: str | None = None,
    consensus: int | None = None,
    kinds: StrsLike | None = None,
    issue: StrsLike | None = None,
    ci: float | None = None,
    n_boot: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """State Department voting coincidence of every Member with a reference state in one year.

    Reproduces the overall General Assembly table of the annual report
    *Voting Practices in the United Nations*: for every Member, the roll calls
    of the calendar year on which it voted the same as the reference, the
    opposite (yes against no), partially (exactly one of the two abstained)
    or was absent, and the coincidence under the rule of that year's report.

    Parameters
    ----------
    record : VotingRecord
        The voting record, possibly narrowed with ``record.select(...)``.
    reference : str, default "USA"
        ISO 3166-1 alpha-3 code of the reference state.
    year : int, default 2022
        Calendar year of the roll-call dates.
    regime : {"2016", "2017", "2021"}, optional
        Rule (keyed by the first report year that used it). Default: the rule
        of the report covering ``year``: "2016" (up to 2016, votes only:
        I / (I + O)), "2017" (2017 to 2020: (same + partial/2) / (V - absent)),
        "2021" (2021 on: (same + partial/2 + absent/2) / V).
    consensus : int or "record", optional
        Number of resolutions adopted without a vote in the year (C), taken
        from the report, or ``"record"``: the count of
        ``record.adopted_without_vote`` dated in the year (the DGACM files,
        from 2019; 244 for 2022, where the report counts 246). Adds the
        column ``coincidence_consensus``; ``df.attrs["consensus"]`` holds C.
    kinds : str or list of str, optional
        Roll-call kinds counted. Default: "all" for regime "2016" (those
        reports counted paragraph votes), otherwise the final votes (every kind
        but amendment and paragraph votes).
    issue : str or list of str, optional
        Restrict to Voeten's issue flags (as in :func:`agreement`).
    {{ci}}

    Returns
    -------
    pandas.DataFrame
        One row per state that was a Member on at least one counted roll call
        (the reference excluded), sorted by ``state``: ``state`` (ISO
        3166-1 alpha-3), ``same``, ``opposite``, ``partial``, ``absent``,
        ``votes`` (V, roll calls while a Member), ``yes_no_same`` (I, both yes
        or both no), ``n`` (the regime's denominator), ``coincidence``
        (float64 in [0, 1], NaN when ``n`` is 0) and, if ``consensus`` is
        given, ``coincidence_consensus``; with ``ci``, ``lower`` and ``upper``
        (float64: the interval of ``coincidence``, resampling the roll calls
        counted; none for ``coincidence_consensus``). ``df.attrs`` holds ``regime``,
        ``year``, ``reference`` and ``roll_calls`` (the rcids counted).

    Raises
    ------
    TypeError, ValueError, unvotes.errors.UnknownStateError
        For a bad record, year, regime, kinds or an unknown reference
        (TypeError when ``reference`` is not one ISO3 code as a str).
    unvotes.errors.StateNotMemberError
        If the reference held no UN seat on the counted roll calls of
        ``year`` (e.g. "SUN" in 2022); the message names the seat's holder.

    Notes
    -----
    Only roll calls on which the reference voted (yes, no or abstain) are
    counted; under regime "2016" every count covers only those on which it
    voted yes or no, as in those reports (the 2013 report: 90 plenary votes,
    the US voted yes or no on 83), while the participation rate p of
    ``coincidence_consensus`` uses every counted roll call. "Absent" is the
    listed state's absence.

    References
    ----------
    .. [1] U.S. Department of State, Voting Practices in the United Nations
       (reports for 2013 and 2016-2023, "Format and Methodology").
    .. [2] Public Law 101-246, section 406 (22 U.S.C. 2414a).

    Examples
    --------
    >>> import unvotes
    >>> t = unvotes.coincidence(unvotes.load(), "USA", 2022)
    >>> t.set_index("state").loc["DZA", ["same", "opposite", "partial", "absent", "votes"]].tolist()
    [14, 50, 25, 0, 89]
    >>> round(float(t.set_index("state").loc["DZA", "coincidence"]), 2)
    0.3
    """
    if isinstance(consensus, str) and consensus == "record":
        consensus = _consensus_from_record(record, year)
    regime = _check_arguments(year, regime, consensus, reference)
    default_kinds = _filters.KINDS if regime == "2016" else _filters.FINAL_KINDS
    rc, M, cols = _filters.prepare(record, "coincidence", kinds=kinds, issue=issue, default_kinds=default_kinds)
    ref = _filters.state_positions(cols, reference, "reference")[0]
    keep = _counted_roll_calls(rc, M[:, ref], str(cols[ref]), reference, year)
    others = np.delete(np.arange(len(cols)), ref)
    res = _coincidence_core(M[keep, ref], M[keep][:, others], regime, consensus)
    present = res["votes"] > 0
    df = pd.DataFrame({"state": cols[others].to_numpy(dtype=object)})
    for key in ("same", "opposite", "partial", "absent", "votes", "yes_no_same", "n"):
        df[key] = np.asarray(res[key]).astype(np.int64)
    df["coincidence"] = res["coincidence"]
    if consensus is not None:
        df["coincidence_consensus"] = res["coincidence_consensus"]
    boot = _bootstrap.check(ci, n_boot, seed)
    if boot is not None:
        num, den = _coincidence_parts(M[keep, ref], M[keep][:, others], regime)
        C = _bootstrap.draws(len(num), boot[1], boot[2], int(year))
        df["lower"], df["upper"] = _bootstrap.ratio_intervals(num, den, C, boot[0])
    df = df[present].sort_values("state", ignore_index=True)
    df.attrs.update(regime=regime, year=int(year), reference=str(cols[ref]), roll_calls=rc.loc[keep, "rcid"].tolist(),
                    consensus=consensus)
    return df


def _coincidence_parts(ref_codes, M, regime):
    """Per-roll-call numerator and denominator ``(r, s)`` of the regime's coincidence (for the bootstrap).

    Under regime "2016" only the roll calls on which the reference voted yes
    or no carry weight, as in :func:`_coincidence_core`.
    """
    ref = np.asarray(ref_codes)[:, None]
    M = np.asarray(M)
    part = np.isin(M, (1, 2, 3))
    same = (M == ref) & part
    opposite = ((M == 1) & (ref == 3)) | ((M == 3) & (ref == 1))
    if regime == "2016":
        yn_same = same & np.isin(ref, (1, 3))
        return yn_same.astype(float), (yn_same | opposite).astype(float)
    partial = part & ((M == 2) ^ (ref == 2))
    points = same + 0.5 * partial
    if regime == "2017":
        return points, part.astype(float)
    absent = M == 8
    return points + 0.5 * absent, (part | absent).astype(float)


def _consensus_from_record(record, year) -> int:
    """Resolutions of `record.adopted_without_vote` dated in calendar `year`."""
    t = getattr(record, "adopted_without_vote", None)
    if t is None or len(t) == 0:
        raise ValueError("consensus='record' needs a record that lists the resolutions adopted without a vote "
                         "(unvotes.load()); give the report's count as an int instead")
    if isinstance(year, bool) or not isinstance(year, (int, np.integer)):
        raise TypeError(f"`year` must be an int (calendar year), got {year!r}")
    n = int((pd.to_datetime(t["date"]).dt.year == int(year)).sum())
    if n == 0:
        first = pd.to_datetime(t["date"]).min().year
        raise ValueError(f"the record lists no resolution adopted without a vote in {year} (the DGACM files start "
                         f"in {first}); give the report's count as an int instead")
    return n


def _check_arguments(year, regime, consensus, reference) -> str:
    """Validate the scalar arguments of :func:`coincidence`; return the regime."""
    if isinstance(year, bool) or not isinstance(year, (int, np.integer)):
        raise TypeError(f"`year` must be an int (calendar year), got {year!r}")
    if regime is None:
        regime = _regime_for_year(int(year))
    elif regime not in REGIMES:
        raise ValueError(f"`regime` must be one of {REGIMES} or None (chosen by year), got {regime!r}")
    if consensus is not None and (isinstance(consensus, bool) or not isinstance(consensus, (int, np.integer))
                                  or consensus < 0):
        raise ValueError(f"`consensus` must be a non-negative int (resolutions adopted without a vote), got {consensus!r}")
    _check_reference(reference)
    return regime


def _counted_roll_calls(rc, ref_codes, code, reference, year):
    """Boolean mask of the roll calls of ``year`` on which the reference voted.

    Raises ValueError when the year has no roll call and StateNotMemberError
    when the reference held no seat on any of them; warns about the roll
    calls of the year it did not vote on.
    """
    years = rc["date"].dt.year.to_numpy()
    keep = years == year
    if not keep.any():
        raise ValueError(
            f"no roll call in {year!r} after the filters; the record covers {years.min()}-{years.max()}"
            if len(years)
            else f"no roll call in {year!r} after the filters"
        )
    if not np.isin(ref_codes[keep], (1, 2, 3, 8)).any():
        raise errors.StateNotMemberError(
            _not_member_message(code, int(year), rc.loc[keep, "date"].iloc[0]), key=reference,
        )
    voted = np.isin(ref_codes, (1, 2, 3))
    n_ref_missing = int((keep & ~voted).sum())
    if n_ref_missing:
        warnings.warn(
            f"{code} did not vote on {n_ref_missing} roll call(s) of {year}; they are not counted",
            UserWarning,
            stacklevel=3,
        )
    return keep & voted
