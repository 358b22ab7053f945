"""The result of :func:`unvotes.ideal_points`: :class:`IdealPoints`.

A plain container of tidy tables (state-periods, roll calls, what was left
out) and the settings and convergence record of the fit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

__all__ = ["IdealPoints"]


@dataclass
class IdealPoints:
    """Result of :func:`ideal_points`.

    Attributes
    ----------
    estimates : pandas.DataFrame
        One row per state-period with at least ``min_votes`` votes. Columns:
        ``state`` (ISO 3166-1 alpha-3), ``period`` (session number or
        calendar year), ``ideal_point`` (posterior mean, standardised
        scale), ``se`` (variational posterior standard deviation; too small,
        see Notes of :func:`ideal_points`), ``lower`` / ``upper``
        (``ideal_point`` -/+ 1.96 ``se``), ``n_votes`` (yes/abstain/no votes,
        or yes/no for the binary model, on the roll calls kept), and
        ``boot_se`` (parametric-bootstrap standard error) when ``n_boot > 0``.
    roll_calls : pandas.DataFrame
        One row per roll call kept. Columns: ``rcid``, ``period``,
        ``beta`` (discrimination, unit-noise scale; positive = "no" is the
        side of the anchor), ``cut1``, ``cut2`` (ordinal thresholds between
        yes/abstain and abstain/no; binary: ``cut``), ``n_votes``,
        ``minority_share``, ``n_errors`` (votes the model classifies wrongly)
        and ``pre`` (proportional reduction in error of the roll call,
        W-NOMINATE's per-vote PRE; NaN for a roll call without minority).
    dropped_roll_calls : pandas.DataFrame
        ``rcid``, ``period``, ``reason`` (``"issue"``: not in the
        ``issue`` subset; ``"no votes"``; ``"unanimous"``; ``"lopsided"``) and ``minority_share`` for every roll call left out.
    dropped_states : pandas.DataFrame
        ``state``, ``period``, ``n_votes`` for every state-period with votes
        but fewer than ``min_votes``.
    model, by, dynamic, anchor : str, str, bool, str
        The settings of the fit.
    iterations : int
        EM map evaluations (SQUAREM counts each of its three per cycle).
    converged : bool
        Whether the largest absolute change of an ideal point between two
        iterations fell below ``tol``.
    max_change, tol : float
        The last such change and the tolerance.
    loglik : float
        Observed-data log-likelihood at the estimates.
    seconds : float
        Time spent in the EM iterations.
    settings : dict
        Every argument of the call.
    fit_statistics : dict
        W-NOMINATE's fit statistics (Poole and Rosenthal 1997; Poole 2005,
        *Spatial Models of Parliamentary Voting*; Poole, Lewis, Lo and
        Carroll 2011) over the votes fitted: ``correct_classification``
        (share of votes equal to the model's most probable choice),
        ``apre`` (aggregate proportional reduction in error against
        predicting every roll call's largest category), ``gmp`` (geometric
        mean probability of the votes), ``n_choices``, ``n_errors`` and
        ``n_minority`` (the errors of the majority baseline).  For the
        binary model these are W-NOMINATE's statistics; for the ordinal model
        the same formulas over yes / abstain / no (docs/methods.md).

    References
    ----------
    Poole, K. T. and Rosenthal, H. (1997). *Congress: A Political-Economic
    History of Roll Call Voting*. Oxford University Press, ch. 2.
    Poole, K. T. (2005). *Spatial Models of Parliamentary Voting*. Cambridge
    University Press.
    """

    estimates: pd.DataFrame
    roll_calls: pd.DataFrame
    dropped_roll_calls: pd.DataFrame
    dropped_states: pd.DataFrame
    model: str
    by: str
    dynamic: bool
    anchor: str | None
    iterations: int
    converged: bool
    max_change: float
    tol: float
    loglik: float
    seconds: float
    settings: dict = field(default_factory=dict)
    fit_statistics: dict = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        """The state-period table (a copy of :attr:`estimates`)."""
        return self.estimates.copy()

    def pivot(self, value: str = "ideal_point") -> pd.DataFrame:
        """Periods x states table of one column of :attr:`estimates`.

        Parameters
        ----------
        value : str, default "ideal_point"
            Column of :attr:`estimates` to spread (``ideal_point``, ``se``,
            ``n_votes``, ...).

        Returns
        -------
        pandas.DataFrame
            Index ``period``, columns ``state``, NaN where a state has no
            estimate.
        """
        if value not in self.estimates.columns:
            raise ValueError(f"`value` must be a column of the estimates {list(self.estimates.columns)}, got {value!r}")
        return self.estimates.pivot(index="period", columns="state", values=value)

    def __repr__(self) -> str:
        est = self.estimates
        kind = ("dynamic" if self.dynamic else "static") + (" 2-dim" if self.settings.get("dims", 1) > 1 else "")
        periods = est["period"]
        conv = "converged" if self.converged else "NOT converged"
        return (
            f"<IdealPoints {kind} {self.model} by {self.by}: {len(est)} state-periods, "
            f"{est['state'].nunique()} states, periods {periods.min()}-{periods.max()}, "
            f"{len(self.roll_calls)} roll calls ({len(self.dropped_roll_calls)} dropped); "
            f"{conv} after {self.iterations} iterations (max change {self.max_change:.1e}, "
            f"tol {self.tol:.0e}); "
            + (f"anchor {self.anchor} > 0>" if self.anchor else "sign not anchored>")
        )

    def _repr_html_(self) -> str:
        from ..record._html import html_block

        last = self.estimates[self.estimates["period"] == self.estimates["period"].max()]
        top = last.sort_values("ideal_point")
        shown = pd.concat([top.head(4), top.tail(4)]) if len(top) > 8 else top
        from ..record.states import state_name

        shown = shown.assign(name=[state_name(c) for c in shown["state"]])
        return html_block(repr(self), table=shown.set_index("state")[["name", "period", "ideal_point", "se", "n_votes"]],
                          note=f"the lowest and highest ideal points of period {last['period'].max()}; "
                               ".estimates holds every state-period")

