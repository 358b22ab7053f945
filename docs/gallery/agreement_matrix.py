"""Gallery: unvotes.plot, agreement_matrix (drawn by the docs build; see docs/gallery.md)."""

import matplotlib.pyplot as plt
import unvotes, unvotes.plot

g20 = ["ARG", "AUS", "BRA", "CAN", "CHN", "DEU", "FRA", "GBR", "IDN", "IND", "ITA", "JPN", "KOR",
       "MEX", "RUS", "SAU", "TUR", "USA", "ZAF"]
m = unvotes.agreement_matrix(unvotes.load(), year=2025, states=g20)
fig, ax = plt.subplots(figsize=(8, 7), layout="constrained")
unvotes.plot.agreement_matrix(m, annotate="lower", ax=ax)
