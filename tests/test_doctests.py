"""Every example in the public docstrings runs (against the installed package)."""

import doctest
import importlib
import pkgutil

import pytest

import unvotes

MODULES = sorted(m.name for m in pkgutil.walk_packages(unvotes.__path__, "unvotes.")
                 if not m.name.startswith("unvotes.data"))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    mod = importlib.import_module(name)
    res = doctest.testmod(mod, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False)
    assert res.failed == 0, f"{res.failed} doctest(s) failed in {name}"
