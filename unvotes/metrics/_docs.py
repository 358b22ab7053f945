"""Shared numpydoc fragments of the metric functions, kept in one place.

A public docstring names a fragment on a line of its own as ``{{name}}``;
:func:`fill_doc` replaces that line by the fragment, indented like the
placeholder. Other braces in a docstring (dicts in examples) are left alone,
so the result is an ordinary numpydoc docstring that doctest and Sphinx read
as written.

Example
-------
>>> @fill_doc
... def f(record):
...     '''Do something.
...
...     Parameters
...     ----------
...     {{record}}
...     '''
>>> print(f.__doc__.splitlines()[4].strip())
record : VotingRecord
"""

from __future__ import annotations

import re
import textwrap

__all__: list[str] = []

_FRAGMENTS: dict[str, str] = {}


def _frag(name: str, text: str) -> None:
    _FRAGMENTS[name] = textwrap.dedent(text).strip("\n")


_frag("record", """
record : VotingRecord
    The voting record, possibly narrowed with ``record.select(...)``.
""")

_frag("measure", """
measure : str, default "voeten"
    One of :data:`MEASURES` (the table of :mod:`unvotes.alignment` and
    ``docs/methods.md``). "voeten" is the ``1 - |d|/2`` index of Voeten's
    ``DyadicAgreementScores.R`` (Lijphart's index with unanimous roll calls
    left out), not the agreement columns of Bailey, Strezhnev and Voeten's
    ideal-point files (``USAgree`` ...): those are the preset "bsv";
    "widyr" is widyr's 0-filled pairwise correlation.
""")

_frag("by", """
by : {"year", "session"}, default "year"
    Period: calendar year of the roll-call date, or General Assembly
    session.
""")

_frag("kinds", """
kinds : str or list of str, optional
    Roll-call kinds kept (``roll_calls.kind``): any of "resolution",
    "amendment", "paragraph", "decision", "procedural", "unknown", or
    "all". Default: the measure's default, which for most measures is the
    final votes (every kind except known amendment and paragraph votes;
    Voeten's roll calls after 1985 are "unknown" and stay in);
    "state_dept_2016" and "widyr" default to "all" (those reports counted
    paragraph votes; widyr used every roll call), "bsv" to every kind up
    to session 44 and whole-resolution votes after (BSV's rule).
""")

_frag("issue", """
issue : str or list of str, optional
    Keep roll calls flagged with any of Voeten's issue codes "me", "nu",
    "di", "hr", "co", "ec". Roll calls with no coded flag are left out,
    with a warning.
""")

_frag("abstain", """
abstain : {"category", "half", "drop"}, optional
    Agreement family only: override the preset's treatment of an
    abstention ("category": both abstaining agree, one abstaining
    disagrees; "half": one abstaining is half agreement; "drop": roll
    calls where either abstained are left out).
""")

_frag("absent", """
absent : {"drop", "half"}, optional
    Agreement family only: a roll call on which both states were Members
    and either was absent is dropped ("drop") or counts as half agreement
    and enters ``n`` ("half", the State Department rule since its 2021
    report).
""")

_frag("drop_unanimous", """
drop_unanimous : bool, optional
    Drop roll calls on which every participating state (every column of
    the record) chose the same position. Default: True for "voeten" and
    "bsv", False otherwise.
""")

_frag("delta", """
delta : {"nominal", "linear", "quadratic"}, optional
    Disagreement weights of "kappa" and "pi" (default "nominal").
""")

_frag("weights", """
weights : pandas.Series, optional
    Weight of each roll call, indexed by ``rcid`` (weighted S-score,
    Signorino and Ritter 1999); ``n`` stays the unweighted count.
""")

_frag("follow_succession", """
follow_succession : bool, {"seat", "lineage"} or dict, default False
    Passed to ``record.matrix()``: merge predecessor seats into their
    successors (True or "seat": SUN->RUS, TWN->CHN, YAR->YEM, SCG->SRB),
    so that e.g. Russia's series starts in 1946. Default: states apart.
""")

_frag("ci", """
ci : float, optional
    Confidence level strictly between 0 and 1, e.g. 0.95: adds the columns
    ``lower`` and ``upper``, the percentile bootstrap interval over the roll
    calls of each period (``n_boot`` resamples of the roll calls counted,
    vectorised; Efron and Tibshirani 1993, ch. 13; ``docs/methods.md``). A
    thin period shows as a wide interval. Cost: about 1-2 s per year for
    every pair of ~190 states with 1,000 resamples
    (``benchmarks/bench_alignment.py``); narrow with ``states=``. Default:
    no interval.
n_boot : int, default 1000
    Bootstrap resamples (with ``ci``).
seed : int, default 0
    Seed of the resampling (with ``ci``): the same seed gives the same
    interval.
""")

_frag("filters_raises", """
TypeError
    If ``record`` is not a VotingRecord.
ValueError
    For an unknown measure, kind, issue, period or policy; a state given
    twice in ``states``; no roll call left after the filters (``kinds``,
    ``issue``).
unvotes.errors.UnknownStateError
    For a code in ``states`` that is not in the record (under
    ``follow_succession``, a predecessor whose seat is merged into its
    successor: the message names the successor).
""")

_frag("agreement_refs", """
.. [1] Lijphart, A. (1963). The analysis of bloc voting in the General
   Assembly. APSR 57(4): 902-917.
.. [2] Voeten, E. (2013). Data and analyses of voting in the UN General
   Assembly. In Reinalda (ed.), Routledge Handbook of International
   Organization; code ``DyadicAgreementScores.R`` (evoeten/United-Nations-
   General-Assembly-Votes-and-Ideal-Points).
""")

_PLACEHOLDER = re.compile(r"^(?P<indent>[ \t]*)\{\{(?P<name>[a-z_]+)\}\}[ \t]*$", re.MULTILINE)


def fill_doc(func):
    """Replace every ``{{name}}`` line of ``func.__doc__`` by the fragment ``name`` (KeyError if unknown)."""
    doc = func.__doc__
    if doc:
        func.__doc__ = _PLACEHOLDER.sub(
            lambda m: textwrap.indent(_FRAGMENTS[m.group("name")], m.group("indent")), doc
        )
    return func
