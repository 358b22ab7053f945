"""Vote codes shared by every part of unvotes.

The integer codes are those of Voeten's UN General Assembly data (Harvard
Dataverse doi:10.7910/DVN/LEJUQZ; Bailey, Strezhnev and Voeten 2017), so that a
vote matrix from unvotes reads the same as the files most researchers know:

====  ============  ==========================================================
code  label         meaning
====  ============  ==========================================================
1     ``yes``       voted in favour
2     ``abstain``   abstained
3     ``no``        voted against
8     ``absent``    a Member on the date of the vote that cast no vote
                    (including a Member barred under Article 19 of the Charter)
9     ``non_member``  not a Member of the United Nations on the date
====  ============  ==========================================================

The labels form the ordered categorical dtype :data:`VOTE_DTYPE` used by the
``vote`` column of :attr:`unvotes.VotingRecord.votes`.
"""

from __future__ import annotations

import pandas as pd

__all__ = [
    "YES",
    "ABSTAIN",
    "NO",
    "ABSENT",
    "NON_MEMBER",
    "VOTE_LABELS",
    "VOTE_CODES",
    "CODE_LABELS",
    "VOTE_DTYPE",
]

YES = 1
ABSTAIN = 2
NO = 3
ABSENT = 8
NON_MEMBER = 9

#: Vote labels in their canonical order (yes < abstain < no, then the two
#: non-votes).
VOTE_LABELS = ("yes", "abstain", "no", "absent", "non_member")

#: Label -> integer code.
VOTE_CODES = {"yes": YES, "abstain": ABSTAIN, "no": NO, "absent": ABSENT, "non_member": NON_MEMBER}

#: Integer code -> label.
CODE_LABELS = {v: k for k, v in VOTE_CODES.items()}

#: Ordered categorical dtype of the ``vote`` column.
VOTE_DTYPE = pd.CategoricalDtype(list(VOTE_LABELS), ordered=True)
