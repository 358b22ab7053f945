"""unvotes: the voting record of the United Nations General Assembly, 1946 to today.

>>> import unvotes
>>> record = unvotes.load()
>>> record["A/RES/ES-11/7"].tally
{'yes': 93, 'no': 18, 'abstain': 65, 'absent': 17}
"""

from .codes import ABSENT, ABSTAIN, NO, NON_MEMBER, VOTE_DTYPE, YES
from .dataset import citation, describe, load
from .errors import (
    AmbiguousStateError,
    AmbiguousSymbolError,
    DataIntegrityError,
    StateNotMemberError,
    UnknownBlocError,
    UnknownStateError,
    UnknownSymbolError,
    UnvotesError,
)
from .fetch import clear_data_home, fetch_undl, get_data_home
from .readers import ReadReport, read_undl, read_voeten
from .record import ISSUE_CODES, RollCall, VotingRecord
from .alignment import (
    MEASURES,
    AgreementMatrix,
    agreement,
    agreement_matrix,
    agreement_with,
    bloc_agreement,
    coincidence,
    state_bloc_agreement,
)
from .cohesion import agreement_index, divisiveness, majority_alignment, majority_share, rice
from .states import State, members, members_per_year, state, state_table
from .blocs import bloc, list_blocs, votes_by_bloc
from .claims import check_claims

__version__ = "0.1.0"

__all__ = [
    "load", "citation", "describe", "VotingRecord", "RollCall", "ISSUE_CODES",
    "YES", "ABSTAIN", "NO", "ABSENT", "NON_MEMBER", "VOTE_DTYPE",
    "UnvotesError", "UnknownSymbolError", "AmbiguousSymbolError", "UnknownStateError", "AmbiguousStateError",
    "StateNotMemberError", "UnknownBlocError", "DataIntegrityError",
    "MEASURES", "AgreementMatrix", "agreement", "agreement_matrix", "agreement_with", "bloc_agreement",
    "state_bloc_agreement", "coincidence",
    "rice", "agreement_index", "majority_share", "majority_alignment", "divisiveness",
    "State", "state", "state_table", "members", "members_per_year", "bloc", "list_blocs", "votes_by_bloc",
    "read_undl", "read_voeten", "ReadReport", "fetch_undl", "get_data_home", "clear_data_home",
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
