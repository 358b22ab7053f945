"""Gallery: unvotes.plot, change (drawn by the docs build; see docs/gallery.md)."""

import matplotlib.pyplot as plt
import unvotes, unvotes.plot

ex = unvotes.explain_change(unvotes.load(), "United States", "United Kingdom", 2024, 2025)
fig, axes = plt.subplots(1, 2, figsize=(13, 4.8), layout="constrained")
unvotes.plot.change(ex, ax=axes[0])
unvotes.plot.change(ex, by="issue", ax=axes[1])
