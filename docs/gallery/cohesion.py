"""Gallery: unvotes.plot, cohesion (drawn by the docs build; see docs/gallery.md)."""

import matplotlib.pyplot as plt
import unvotes, unvotes.plot

coh = unvotes.agreement_index(unvotes.load().select(years=range(1995, 2026)), ["EU", "BRICS", "G7"])
fig, ax = plt.subplots(figsize=(10, 5), layout="constrained")
unvotes.plot.cohesion(coh, ax=ax)
