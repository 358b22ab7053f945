"""Gallery: unvotes.plot, roll_call (drawn by the docs build; see docs/gallery.md)."""

import matplotlib.pyplot as plt
import unvotes, unvotes.plot

rc = unvotes.load()["A/RES/ES-11/7"]
fig, ax = plt.subplots(figsize=(9, 4.5), layout="constrained")
unvotes.plot.roll_call(rc, ["EU", "NATO", "G7", "BRICS", "AU"], scale="share", highlight=("USA", "RUS"), ax=ax)
