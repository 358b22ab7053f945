"""The files a researcher looks for, and one version everywhere.

- LICENSE is in the repository and in the installed distribution's metadata (the wheel ships it;
  ``.ci/run`` also checks the built wheel).
- The version is written once, in ``unvotes/_version.py``: ``pyproject.toml`` reads it from there
  (no literal version), and CITATION.cff and the top entry of CHANGELOG.md carry the same number.
- Every public function, method and property (the names ``tests/test_docs.py`` calls public) has a
  type hint on every parameter and on its return (mypy checks the bodies in CI, ``.ci/run``).
"""

from __future__ import annotations

import importlib.metadata
import inspect
import re
from pathlib import Path

import unvotes

ROOT = Path(__file__).resolve().parents[1]


def test_license_is_mit_and_ships_with_the_distribution():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License")
    # the bundled data's terms are stated next to the code's licence
    assert "UNDL-NC" in text and "CC0" in text
    meta = importlib.metadata.metadata("unvotes")
    assert meta["License-Expression"] == "MIT"
    assert "LICENSE" in (meta.get_all("License-File") or [])


def test_one_version():
    version = unvotes.__version__
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")  # (tomllib is Python 3.11+)
    project = re.search(r"^\[project\]\n(.*?)^\[", pyproject, flags=re.M | re.S).group(1)
    assert not re.search(r"^version\s*=", project, flags=re.M)
    assert 'dynamic = ["version"]' in pyproject
    assert 'version = { attr = "unvotes._version.__version__" }' in pyproject
    assert importlib.metadata.version("unvotes") == version
    cff = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert re.search(r"^version: (.+)$", cff, flags=re.M).group(1).strip() == version
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(r"^## \[(\d[^\]]*)\]", changelog, flags=re.M).group(1) == version


def test_citation_names_the_data_sources():
    """CITATION.cff cites Voeten's data (Harvard Dataverse doi:10.7910/DVN/LEJUQZ, CC0), the R package
    unvotes 0.3.0, the UN DGACM resolutions and the UN Digital Library, as unvotes.citation() does."""
    cff = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    for needle in ("doi: 10.7910/DVN/LEJUQZ", "license: CC0-1.0", "version: 0.3.0", "UNxml/GAresolutions",
                   "digitallibrary.un.org", "Voeten"):
        assert needle in cff, needle
    text = unvotes.citation()
    assert "10.7910/DVN/LEJUQZ" in text and "unvotes 0.3.0" in text and "UNxml/GAresolutions" in text


def _unhinted(obj) -> list[str]:
    func = obj.fget if isinstance(obj, property) else obj
    func = func.__func__ if isinstance(func, (classmethod, staticmethod)) else func
    sig = inspect.signature(func)
    out = [p for p, v in sig.parameters.items() if p not in ("self", "cls") and v.annotation is inspect.Parameter.empty]
    if sig.return_annotation is inspect.Signature.empty and func.__name__ != "__init__":
        out.append("return")
    return out


def test_public_api_is_fully_type_hinted():
    import test_docs  # tests/test_docs.py (tests/ is on sys.path under pytest)

    missing = {}
    for name, obj in test_docs.public_names().items():
        if inspect.isclass(obj) or not (callable(obj) or isinstance(obj, (property, classmethod, staticmethod))):
            continue
        if inspect.isbuiltin(obj):
            continue
        gaps = _unhinted(obj)
        if gaps:
            missing[name] = gaps
    assert missing == {}
