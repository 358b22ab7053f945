"""Gallery: unvotes.plot, alignment (drawn by the docs build; see docs/gallery.md)."""

import matplotlib.pyplot as plt
import unvotes, unvotes.plot

record = unvotes.load()
us = unvotes.agreement_with(record.select(years=range(1990, 2027)), "United States",
                            states=["United Kingdom", "France", "Israel", "Russia"], ci=0.95)
fig, ax = plt.subplots(figsize=(10, 5), layout="constrained")
unvotes.plot.alignment(us, ax=ax)
