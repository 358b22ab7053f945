"""The house plan (docs/DESIGN.md): imports go down the layers, and no two modules import each other.

Layers, bottom to top: ``errors`` -> ``record/`` -> ``io/``, ``metrics/``, ``ideal/`` (side by side,
none imports another) -> ``plot/`` -> ``claims``, ``report``, ``cli`` (and the package's ``__init__``).
Every ``import`` statement of the package is read with :mod:`ast`, those inside functions too (not those
under ``if TYPE_CHECKING:``, which only type checkers read).
"""

from __future__ import annotations

import ast
import functools
import pathlib

import pytest

PKG = pathlib.Path(__file__).resolve().parents[1] / "unvotes"

#: layer of each top-level part of the package (a subpackage or a module at the root)
LAYERS = {"_version": 0, "errors": 0, "record": 1, "io": 2, "metrics": 2, "ideal": 2, "plot": 3,
          "claims": 4, "report": 4, "cli": 4, "__init__": 5, "__main__": 5}


def _module_name(path: pathlib.Path) -> str:
    parts = list(path.relative_to(PKG.parent).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def _typing_only_nodes(tree: ast.AST) -> set[int]:
    """Nodes under ``if TYPE_CHECKING:``: imports for type hints only, which never run."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and (
            (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING")
            or (isinstance(node.test, ast.Attribute) and node.test.attr == "TYPE_CHECKING")
        ):
            for child in node.body:
                out |= {id(n) for n in ast.walk(child)}
    return out


@functools.lru_cache(maxsize=1)
def _imports() -> dict[str, set[str]]:
    """Module -> the unvotes modules it imports (absolute names)."""
    out: dict[str, set[str]] = {}
    for path in PKG.rglob("*.py"):
        mod = _module_name(path)
        pkg = mod if path.name == "__init__.py" else mod.rsplit(".", 1)[0]
        found: set[str] = set()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        typing_only = _typing_only_nodes(tree)
        for node in ast.walk(tree):
            if id(node) in typing_only:
                continue
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = pkg.split(".")[: len(pkg.split(".")) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                if not target.startswith("unvotes"):
                    continue
                if node.module is None or target in _packages():
                    for alias in node.names:  # from . import x: x may be a module
                        sub = f"{target}.{alias.name}"
                        found.add(sub if sub in _all_modules() else target)
                else:
                    found.add(target)
            elif isinstance(node, ast.Import):
                found |= {a.name for a in node.names if a.name.startswith("unvotes")}
        out[mod] = found - {mod}
    return out


@functools.lru_cache(maxsize=1)
def _all_modules() -> frozenset[str]:
    return frozenset(_module_name(p) for p in PKG.rglob("*.py"))


def _packages() -> set[str]:
    return {_module_name(p) for p in PKG.rglob("__init__.py")}


def _part(mod: str) -> str:
    parts = mod.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_every_part_of_the_package_has_a_layer():
    assert {_part(m) for m in _all_modules() if not m.startswith("unvotes.data")} <= set(LAYERS)


def test_imports_only_go_down_the_layers():
    upward = []
    for mod, targets in _imports().items():
        for t in targets:
            a, b = _part(mod), _part(t)
            if a == b or LAYERS[a] == LAYERS[b] == 4:
                continue  # inside one part; the top layer may use its own members (cli -> report -> claims)
            if LAYERS[b] >= LAYERS[a]:
                upward.append(f"{mod} imports {t}")
    assert upward == []


@pytest.mark.parametrize("mod", sorted(_all_modules()))
def test_no_import_cycle(mod):
    graph = _imports()
    seen, stack = set(), [(mod, (mod,))]
    while stack:
        node, path = stack.pop()
        for t in graph.get(node, ()):
            if t == mod:
                pytest.fail("import cycle: " + " -> ".join(path + (t,)))
            if t not in seen:
                seen.add(t)
                stack.append((t, path + (t,)))


def test_import_unvotes_loads_the_record_layer_only():
    # issue 17: `import unvotes; unvotes.load()` within 1.3x of `import pandas`: the readers, metrics,
    # ideal points, plots, scipy and matplotlib are imported on first use, and the 0.1 paths still work
    import subprocess
    import sys

    code = ("import sys, unvotes; heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('scipy', 'matplotlib') "
            "or m.startswith(('unvotes.io', 'unvotes.metrics', 'unvotes.ideal', 'unvotes.plot', 'unvotes.claims'))); "
            "print(heavy); import unvotes.alignment as a, unvotes.readers as r; "
            "print(a.__name__, a.__spec__.name, r.read_undl is unvotes.read_undl, unvotes.agreement is a.agreement)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == "[]"
    assert out[1] == "unvotes.metrics.alignment unvotes.metrics.alignment True True"
