"""The record model: vote codes, states, blocs, issue codes, the record and its roll calls.

Layer 1 of unvotes (docs/DESIGN.md). Imports nothing of unvotes above it; every
other layer builds on it. :func:`unvotes.load` (in :mod:`unvotes.record.dataset`)
returns the embedded :class:`VotingRecord`; :mod:`unvotes.record.overlay` lays
one record over another.
"""

from .core import ISSUE_CODES, ROLL_CALL_KINDS, RollCall, VotingRecord, symbol_key

__all__ = ["VotingRecord", "RollCall", "ISSUE_CODES", "ROLL_CALL_KINDS", "symbol_key"]
