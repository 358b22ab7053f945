"""Gallery: unvotes.plot, ideal_points (drawn by the docs build; see docs/gallery.md)."""

import matplotlib.pyplot as plt
import unvotes, unvotes.plot

fit = unvotes.ideal_points(unvotes.load().select(sessions=range(70, 80)))
fig, axes = plt.subplots(1, 2, figsize=(14, 5), layout="constrained")
unvotes.plot.plot_ideal_points(fit, ["USA", "GBR", "RUS", "CHN", "IND", "BRA"], ax=axes[0])
unvotes.plot.plot_ideal_map(fit, 79, highlight=["USA", "RUS", "CHN", "IND"], ax=axes[1])
