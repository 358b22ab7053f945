"""unvotes: the voting record of the United Nations General Assembly, 1946 to today.

>>> import unvotes
>>> record = unvotes.load()
>>> record["A/RES/ES-11/7"].tally
{'yes': 93, 'no': 18, 'abstain': 65, 'absent': 17}
"""

import sys as _sys
from importlib import abc as _abc, machinery as _machinery
from typing import TYPE_CHECKING

from .errors import (
    AmbiguousStateError,
    ArgumentError,
    AmbiguousSymbolError,
    DataIntegrityError,
    StateNotMemberError,
    UnknownBlocError,
    UnknownStateError,
    UnknownSymbolError,
    UnvotesError,
)
from .record import ISSUE_CODES, RollCall, VotingRecord
from .record import blocs, codes, dataset, issues, states
from .record.blocs import bloc, list_blocs, votes_by_bloc
from .record.codes import ABSENT, ABSTAIN, NO, NON_MEMBER, VOTE_DTYPE, YES
from .record.dataset import citation, describe, load
from .record.match import match_roll_calls
from ._version import __version__
from .record.states import State, members, members_per_year, resolve_states, state, state_name, state_table

__all__ = [
    "load", "citation", "describe", "VotingRecord", "RollCall", "ISSUE_CODES",
    "YES", "ABSTAIN", "NO", "ABSENT", "NON_MEMBER", "VOTE_DTYPE",
    "UnvotesError", "UnknownSymbolError", "AmbiguousSymbolError", "UnknownStateError", "AmbiguousStateError",
    "StateNotMemberError", "UnknownBlocError", "DataIntegrityError", "ArgumentError",
    "MEASURES", "AgreementMatrix", "agreement", "agreement_matrix", "agreement_with", "bloc_agreement",
    "state_bloc_agreement", "coincidence", "explain_change", "ChangeExplanation",
    "rice", "agreement_index", "majority_share", "majority_alignment", "divisiveness",
    "State", "state", "resolve_states", "state_name", "state_table", "members", "members_per_year", "bloc",
    "list_blocs", "votes_by_bloc",
    "match_roll_calls", "read_undl", "read_voeten", "ReadReport", "fetch_undl", "get_data_home", "clear_data_home",
    "ideal_points", "IdealPoints", "pca_baseline", "mds_baseline", "classical_mds", "vote_probabilities",
    "check_claims",
]

if TYPE_CHECKING:  # the names loaded on first use (below), for type checkers and editors
    from .claims import check_claims
    from .ideal import IdealPoints, classical_mds, ideal_points, mds_baseline, pca_baseline, vote_probabilities
    from .io import ReadReport, clear_data_home, fetch_undl, get_data_home, read_undl, read_voeten
    from .metrics import (MEASURES, AgreementMatrix, ChangeExplanation, agreement, agreement_index,
                          agreement_matrix, agreement_with, bloc_agreement, coincidence, divisiveness,
                          explain_change, majority_alignment, majority_share, rice, state_bloc_agreement)


# Loaded on first use, to keep `import unvotes` at the cost of the record alone (issue 17: load within
# 1.3x of `import pandas`): the readers and fetching (unvotes.io), the metrics, the claim check, ideal
# points (scipy.special), and unvotes.plot / unvotes.report (matplotlib).
_LAZY = {
    **{name: "io" for name in ("ReadReport", "clear_data_home", "fetch_undl", "get_data_home", "read_undl",
                                "read_voeten")},
    **{name: "metrics" for name in ("MEASURES", "AgreementMatrix", "agreement", "agreement_index",
                                     "agreement_matrix", "agreement_with", "bloc_agreement", "coincidence",
                                     "divisiveness", "majority_alignment", "majority_share", "rice",
                                     "state_bloc_agreement", "ChangeExplanation", "explain_change")},
    **{name: "ideal" for name in ("IdealPoints", "classical_mds", "ideal_points", "mds_baseline",
                                   "pca_baseline", "vote_probabilities")},
    "check_claims": "claims",
}
_SUBPACKAGES = ("plot", "report", "ideal", "io", "metrics", "claims", "cli")

# The module paths of unvotes 0.1 (``unvotes.states``, ``unvotes.readers``, ``import unvotes.alignment`` ...)
# stay importable: each names the module of the layered tree that now holds the code (docs/DESIGN.md).
# The record's modules are loaded anyway; the others are imported when their old path is first used.
_ALIASES = {"blocs": "record.blocs", "codes": "record.codes", "dataset": "record.dataset",
            "issues": "record.issues", "states": "record.states", "fetch": "io.fetch", "readers": "io.readers",
            "alignment": "metrics.alignment", "cohesion": "metrics.cohesion"}
for _old in ("blocs", "codes", "dataset", "issues", "states"):
    _sys.modules[f"{__name__}.{_old}"] = _sys.modules[f"{__name__}.{_ALIASES[_old]}"]
del _old


class _AliasFinder(_abc.MetaPathFinder, _abc.Loader):
    """Imports ``unvotes.alignment`` (an 0.1 path) as the module that holds its code now."""

    def find_spec(self, fullname, path=None, target=None):
        old = fullname.partition(f"{__name__}.")[2]
        if fullname.startswith(f"{__name__}.") and old in _ALIASES:
            return _machinery.ModuleSpec(fullname, self)
        return None

    def create_module(self, spec):
        import importlib

        module = importlib.import_module(f"{__name__}.{_ALIASES[spec.name.rpartition('.')[2]]}")
        spec.loader_state = module.__spec__  # the import system sets the alias's spec on it next
        return module

    def exec_module(self, module):
        module.__spec__ = module.__spec__.loader_state  # its own spec back (name, file) after the alias's


if not any(isinstance(f, _AliasFinder) for f in _sys.meta_path):
    _sys.meta_path.append(_AliasFinder())


def __getattr__(name):
    import importlib

    if name in _SUBPACKAGES or name in _ALIASES:
        return importlib.import_module(f".{name}", __name__)
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'unvotes' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__) | set(_SUBPACKAGES) | set(_ALIASES))
