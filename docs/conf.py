"""Sphinx configuration of the unvotes documentation site (``pip install '.[docs]'``, then
``sphinx-build -b html docs docs/_build/html``).

The pages are the Markdown files of ``docs/`` (read by myst-parser); the API reference
(``reference.md``) is generated from the numpydoc docstrings by autosummary and numpydoc.
"""

import unvotes

project = "unvotes"
author = "unvotes developers"
copyright = "2026, unvotes developers"
version = release = unvotes.__version__

extensions = [
    "myst_parser",
    "numpydoc",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    # the gallery (gallery.md): each chart drawn from the code shown beside it, at build time
    "matplotlib.sphinxext.plot_directive",
]
plot_include_source = True
plot_html_show_source_link = False
plot_html_show_formats = False
plot_formats = [("png", 90)]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "reference/*", "api.md"]
myst_heading_anchors = 3
autosummary_generate = True
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
# The pages link to files outside docs/ (../examples/, ../datasets/README.md, api.md), which the
# site does not contain; tests/test_docs.py checks that every relative link points to a file.
suppress_warnings = ["myst.xref_missing"]
html_theme = "pydata_sphinx_theme"
html_title = f"unvotes {version}"
