"""Plots of unvotes results (matplotlib; ``ax=None`` in, Axes out, no global style).

Each plot function lives in a private module of this package and is exported here.
"""

from ._ideal import plot_ideal_map, plot_ideal_points

__all__ = ["plot_ideal_points", "plot_ideal_map"]
