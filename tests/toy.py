"""The toy vote matrix of METRICS.md section 0.3 (docs/reference/METRICS.md), shared by the tests.

Five states A-E and ten roll calls r1-r10, Voeten codes (1 yes, 2 abstain, 3 no, 8 absent,
9 non-member). ``TOY`` is roll calls x states, as the library's matrices are.
"""

import numpy as np
import pandas as pd

STATES = ["A", "B", "C", "D", "E"]

TOY = np.array(
    [
        [1, 1, 3, 1, 2, 1, 3, 1, 8, 1],  # A
        [1, 1, 3, 2, 2, 1, 1, 3, 1, 1],  # B
        [1, 1, 1, 1, 1, 3, 1, 1, 1, 2],  # C
        [1, 1, 1, 2, 1, 3, 1, 1, 9, 1],  # D
        [1, 8, 1, 1, 3, 1, 1, 1, 1, 1],  # E
    ],
    dtype=np.int8,
).T

#: The same matrix as a DataFrame with columns A-E.
TOY_FRAME = pd.DataFrame(TOY, columns=STATES)
