"""Gallery: unvotes.plot, vote_map (drawn by the docs build; see docs/gallery.md)."""

import matplotlib.pyplot as plt
import unvotes, unvotes.plot

record = unvotes.load()
fig, ax = plt.subplots(figsize=(11, 6.2), layout="constrained")
unvotes.plot.vote_map(record["A/RES/ES-11/7"], ax=ax)
