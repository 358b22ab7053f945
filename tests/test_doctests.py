"""Every example in the public docstrings runs (against the installed package)."""

import doctest
import importlib
import pkgutil

import pytest

import unvotes

NAMES = ["unvotes"] + sorted(m.name for m in pkgutil.walk_packages(unvotes.__path__, "unvotes.")
                            if m.name != "unvotes.data" and m.name != "unvotes.__main__")
# modules whose examples fit models or draw many charts (over about 1.5 s alone): `pytest -m "not slow"` skips them
SLOW = {"unvotes.plot._ideal", "unvotes.ideal.model", "unvotes.record.overlay", "unvotes.metrics.alignment"}
MODULES = [pytest.param(n, marks=pytest.mark.slow) if n in SLOW else n for n in NAMES]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    mod = importlib.import_module(name)
    res = doctest.testmod(mod, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False)
    assert res.failed == 0, f"{res.failed} doctest(s) failed in {name}"
