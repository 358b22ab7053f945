"""unvotes: the voting record of the United Nations General Assembly, 1946 to today.

>>> import unvotes
>>> record = unvotes.load()
>>> record["A/RES/ES-11/7"].tally
{'yes': 93, 'no': 18, 'abstain': 65, 'absent': 17}
"""

import sys as _sys

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
from .record.states import State, members, members_per_year, resolve_states, state, state_name, state_table
from .io import ReadReport, clear_data_home, fetch_undl, get_data_home, read_undl, read_voeten
from .io import fetch, readers
from .metrics import (
    MEASURES,
    AgreementMatrix,
    agreement,
    agreement_index,
    agreement_matrix,
    agreement_with,
    bloc_agreement,
    coincidence,
    divisiveness,
    majority_alignment,
    majority_share,
    rice,
    state_bloc_agreement,
    ChangeExplanation,
    explain_change,
)
from .metrics import alignment, cohesion
from .claims import check_claims

# The module paths of unvotes 0.1 (``unvotes.states``, ``unvotes.readers``, ``import unvotes.alignment`` ...)
# stay importable: each names the module of the layered tree that now holds the code (docs/DESIGN.md).
for _mod in (blocs, codes, dataset, issues, states, fetch, readers, alignment, cohesion):
    _sys.modules[f"{__name__}.{_mod.__name__.rsplit('.', 1)[1]}"] = _mod
del _mod

from ._version import __version__

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


# Loaded on first use, to keep `import unvotes` light: ideal points need scipy.special,
# `unvotes.plot` and `unvotes.report` import matplotlib.
_LAZY = {name: "ideal" for name in ("IdealPoints", "classical_mds", "ideal_points", "mds_baseline",
                                     "pca_baseline", "vote_probabilities")}


def __getattr__(name):
    import importlib

    if name in ("plot", "report", "ideal"):
        return importlib.import_module(f".{name}", __name__)
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'unvotes' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__) | {"plot", "report", "ideal"})
