"""Plots of the General Assembly record (matplotlib).

Every function follows one contract: it takes ``ax=None`` (then draws on
``plt.gca()``), draws only on that Axes, returns it (multi-panel plots: the
Figure), sets a title, axis labels with units, a legend and a source line, and
never changes matplotlib's global style (no ``rcParams`` change, no
``plt.style.use``, no ``plt.show()``). Each plot lives in a private module of
this package and is exported here.

=============================  ================================================
:func:`alignment`              agreement of pairs, or with a reference, over time
:func:`agreement_matrix`       clustered heatmap of pairwise agreement
:func:`roll_call`              one roll call split by bloc (stacked bars)
:func:`cohesion`               a bloc's cohesion over time
:func:`plot_ideal_points`      ideal points over time (see :mod:`unvotes.ideal`)
:func:`plot_ideal_map`         every state on the ideal-point line in one period
:func:`vote_map`               world map of one roll call, each Member by its vote
:func:`change`                 waterfall of :func:`unvotes.explain_change`
=============================  ================================================
"""

from ._alignment import alignment
from ._change import change
from ._cohesion import cohesion
from ._ideal import plot_ideal_map, plot_ideal_points
from ._matrix import agreement_matrix, cluster_order
from ._map import vote_map
from ._roll_call import DEFAULT_BLOCS, roll_call

__all__ = ["alignment", "agreement_matrix", "cluster_order", "roll_call", "cohesion", "DEFAULT_BLOCS",
           "plot_ideal_points", "plot_ideal_map", "vote_map", "change"]
