"""The documentation cannot drift from the code.

1. Every fenced ``python`` (or ``py`` / ``pycon``) code block in ``docs/*.md``,
   ``README.md`` and ``datasets/README.md`` runs against the installed
   package. Blocks of one page run in order in one namespace, like a notebook.
   A block written as a doctest (``>>>`` prompts) must also print what it
   shows (ELLIPSIS and NORMALIZE_WHITESPACE apply). A block whose info string
   carries the word ``norun`` (```` ```python norun ````) is shown only, for
   the rare example that needs the network or a file the reader downloads.
2. The API reference ``docs/api.md`` has one entry for every public name (the
   ``__all__`` of every public module, and the public methods and properties
   of the public classes), and every entry names a real object whose
   parameters (names, kinds and literal defaults) are the ones written.
3. Relative links in the docs point to files that exist.

The pages are found relative to this file (CI runs ``pytest`` from the
repository root against the installed wheel).
"""

from __future__ import annotations

import ast
import doctest
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest

import unvotes

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md")) + [ROOT / "README.md", ROOT / "datasets" / "README.md"]
API = DOCS / "api.md"

RUN_LANGS = {"python", "py", "pycon"}

# Blocks in pages that the docs owner does not own, which show code a reader runs on a file
# they downloaded (or over the network) or list signatures, rather than runnable examples:
# (page, a line of the block) -> why. Their owners should mark them ```python norun (or add
# `# doctest: +SKIP`); until then the test expects them to fail, and fails if one starts to
# run (then remove it here).
KNOWN_NOT_RUNNABLE: dict = {}

# Repository folders that docs code may read by relative path (the code runs in a temporary
# folder where these are linked, so that what it writes does not land in the repository).
REPO_FOLDERS = ("datasets", "examples", "seeds", "tests")


_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>```+|~~~+)(?P<info>.*)$")


def code_blocks(path: Path) -> list[tuple[int, str, str]]:
    """(line number of the first code line, info string, code) of each fenced block."""
    out, lines, i = [], path.read_text(encoding="utf-8").splitlines(), 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence, info = m["indent"], m["fence"], m["info"].strip()
        body, j = [], i + 1
        while j < len(lines) and not (lines[j].strip().startswith(fence) and lines[j].strip().strip(fence[0]) == ""):
            line = lines[j]
            body.append(line[len(indent):] if line.startswith(indent) else line.lstrip())
            j += 1
        out.append((i + 2, info, "\n".join(body) + "\n"))
        i = j + 1
    return out


def runnable_blocks(path: Path) -> list[tuple[int, str]]:
    keep = []
    for line, info, code in code_blocks(path):
        words = info.replace("{", " ").replace("}", " ").replace(",", " ").split()
        if words and words[0].lower() in RUN_LANGS and "norun" not in words:
            keep.append((line, code))
    return keep


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _known_not_runnable(page: str, code: str) -> str | None:
    for (p, line), why in KNOWN_NOT_RUNNABLE.items():
        if p == page and line in code:
            return why
    return None


def _run_block(code: str, ns: dict, where: str) -> None:
    if re.search(r"^\s*>>>", code, flags=re.M):
        test = doctest.DocTestParser().get_doctest(code, ns, where, where, 0)
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False)
        out: list[str] = []
        runner.run(test, out=out.append, clear_globs=False)
        ns.update(test.globs)  # DocTest works on a copy of the namespace
        if runner.failures:
            raise AssertionError(f"doctest failed in {where}:\n" + "".join(out))
    else:
        exec(compile(code, where, "exec"), ns)


PAGES_WITH_CODE = [p for p in PAGES if p.exists() and runnable_blocks(p)]
# pages whose blocks read and merge whole files (over about 1.5 s alone): `pytest -m "not slow"` skips them
SLOW_PAGES = {"docs/updating.md", "docs/methods.md", "docs/data.md"}
PAGE_PARAMS = [pytest.param(p, marks=pytest.mark.slow, id=_rel(p)) if _rel(p) in SLOW_PAGES else pytest.param(p, id=_rel(p))
               for p in PAGES_WITH_CODE]


@pytest.mark.parametrize("page", PAGE_PARAMS)
def test_code_blocks_run(page, tmp_path, monkeypatch):
    """Every python block of the page runs, in order, in one namespace.

    It runs in a temporary folder in which the repository's data folders are linked, so
    that a path such as ``datasets/raw/...`` works as it does from the repository root.
    """
    for folder in REPO_FOLDERS:
        if (ROOT / folder).is_dir():
            (tmp_path / folder).symlink_to(ROOT / folder, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    ns: dict = {"__name__": "__docs__"}
    for line, code in runnable_blocks(page):
        where = f"{_rel(page)}:{line}"
        known = _known_not_runnable(_rel(page), code)
        if known:
            try:
                _run_block(code, dict(ns), where)
            except Exception:
                continue
            pytest.fail(f"{where} now runs: remove it from KNOWN_NOT_RUNNABLE in tests/test_docs.py")
        _run_block(code, ns, where)


def test_block_parser_reads_fences(tmp_path):
    """The block parser finds python blocks, skips other languages and `norun`, keeps list indentation."""
    md = tmp_path / "x.md"
    md.write_text(
        "# t\n\n```python\nx = 1\n```\n\n```bash\nls\n```\n\n- item\n\n  ```python\n  y = x + 1\n  ```\n\n"
        "```python norun\nz = fetch()\n```\n\n```pycon\n>>> y\n2\n```\n",
        encoding="utf-8",
    )
    blocks = runnable_blocks(md)
    assert [b[1] for b in blocks] == ["x = 1\n", "y = x + 1\n", ">>> y\n2\n"]
    ns: dict = {}
    for line, code in blocks:
        _run_block(code, ns, f"x.md:{line}")
    with pytest.raises(AssertionError, match="doctest failed"):
        _run_block(">>> y\n3\n", ns, "x.md:99")


# ---------------------------------------------------------------------------
# the API reference
# ---------------------------------------------------------------------------

_ENTRY = re.compile(r"^#{2,5}\s+`(?P<path>unvotes(?:\.\w+)+)(?P<sig>\(.*\))?`", re.M)


def public_modules() -> list[str]:
    names = ["unvotes"]
    for m in pkgutil.walk_packages(unvotes.__path__, "unvotes."):
        parts = m.name.split(".")
        if any(p.startswith("_") for p in parts) or m.name == "unvotes.data" or m.name.startswith("unvotes.data."):
            continue
        names.append(m.name)
    return sorted(names)


def _is_own_member(obj) -> bool:
    return inspect.isfunction(obj) or isinstance(obj, (property, classmethod, staticmethod))


def public_names() -> dict[str, object]:
    """Qualified name -> object, for every public name of the package."""
    out: dict[str, object] = {}
    for modname in public_modules():
        mod = importlib.import_module(modname)
        if not hasattr(mod, "__all__"):
            raise AssertionError(f"public module {modname} defines no __all__")
        for name in mod.__all__:
            obj = getattr(mod, name)
            out[f"{modname}.{name}"] = obj
            if inspect.isclass(obj) and obj.__module__.startswith("unvotes") and not issubclass(obj, BaseException):
                for k, v in vars(obj).items():
                    if not k.startswith("_") and _is_own_member(v):
                        out[f"{modname}.{name}.{k}"] = v
    return out


def resolve(path: str):
    """The object a dotted path names (module prefix imported, then attributes); raises if none."""
    parts = path.split(".")
    for i in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for p in parts[i:]:
            owner = obj
            obj = inspect.getattr_static(owner, p) if inspect.isclass(owner) else getattr(owner, p)
        return obj
    raise ImportError(path)


def api_entries() -> list[tuple[str, str | None, int]]:
    text = API.read_text(encoding="utf-8")
    return [(m["path"], m["sig"], text[: m.start()].count("\n") + 1) for m in _ENTRY.finditer(text)]


def _unwrap(obj):
    if isinstance(obj, (classmethod, staticmethod)):
        return obj.__func__
    return obj


def _same(a, b) -> bool:
    return _unwrap(a) is _unwrap(b)


def test_api_reference_entries_name_real_objects():
    bad = []
    for path, _, line in api_entries():
        try:
            resolve(path)
        except (ImportError, AttributeError) as e:
            bad.append(f"docs/api.md:{line}: `{path}` names nothing ({type(e).__name__}: {e})")
    assert not bad, "\n".join(bad)


def test_api_reference_has_every_public_name():
    entries = []
    for path, _, _ in api_entries():
        try:
            entries.append((path.rsplit(".", 1)[-1], resolve(path)))
        except (ImportError, AttributeError):
            pass
    missing = [q for q, obj in public_names().items()
               if not any(name == q.rsplit(".", 1)[-1] and _same(o, obj) for name, o in entries)]
    assert not missing, ("public names without an entry in docs/api.md (add a heading such as "
                         f"### `unvotes.load()`):\n" + "\n".join(missing))


def _documented_params(sig: str) -> list[tuple[str, str, object]]:
    tree = ast.parse(f"def f{sig}: pass")
    a = tree.body[0].args
    out = []
    pos = a.posonlyargs + a.args
    pdefaults = [None] * (len(pos) - len(a.defaults)) + list(a.defaults)
    for arg, d in zip(pos, pdefaults):
        out.append((arg.arg, "positional", d))
    if a.vararg:
        out.append((a.vararg.arg, "var_positional", None))
    for arg, d in zip(a.kwonlyargs, a.kw_defaults):
        out.append((arg.arg, "keyword_only", d))
    if a.kwarg:
        out.append((a.kwarg.arg, "var_keyword", None))
    return out


_KIND = {
    inspect.Parameter.POSITIONAL_ONLY: "positional",
    inspect.Parameter.POSITIONAL_OR_KEYWORD: "positional",
    inspect.Parameter.VAR_POSITIONAL: "var_positional",
    inspect.Parameter.KEYWORD_ONLY: "keyword_only",
    inspect.Parameter.VAR_KEYWORD: "var_keyword",
}


def test_api_reference_signatures_match_the_code():
    """An entry written with parentheses lists the real parameters, kinds and literal defaults."""
    bad = []
    for path, sig, line in api_entries():
        if sig is None:
            continue
        try:
            obj = _unwrap(resolve(path))
        except (ImportError, AttributeError):
            continue  # reported by test_api_reference_entries_name_real_objects
        if isinstance(obj, property):
            bad.append(f"docs/api.md:{line}: `{path}` is a property; write it without parentheses")
            continue
        try:
            real = inspect.signature(obj)
        except (TypeError, ValueError):
            continue
        params = [p for p in real.parameters.values() if p.name not in ("self", "cls")]
        try:
            doc = _documented_params(sig)
        except SyntaxError as e:
            bad.append(f"docs/api.md:{line}: `{path}{sig}` is not a valid signature ({e.msg})")
            continue
        want = [(p.name, _KIND[p.kind]) for p in params]
        got = [(n, k) for n, k, _ in doc]
        if want != got:
            bad.append(f"docs/api.md:{line}: `{path}` documents {got}, the code has {want} (signature {real})")
            continue
        for p, (_, _, d) in zip(params, doc):
            has_default = p.default is not inspect.Parameter.empty
            if (d is not None) != has_default:
                bad.append(f"docs/api.md:{line}: `{path}` parameter {p.name!r}: default written "
                           f"{'but none in the code' if d is not None else 'missing'} (signature {real})")
                continue
            if d is None:
                continue
            try:
                lit = ast.literal_eval(d)
            except ValueError:
                continue  # an expression such as a module constant: not compared
            if lit != p.default or type(lit) is not type(p.default):
                bad.append(f"docs/api.md:{line}: `{path}` parameter {p.name!r}: documented default {lit!r}, "
                           f"the code has {p.default!r}")
    assert not bad, "\n".join(bad)


def test_api_reference_checks_can_fail(monkeypatch, tmp_path):
    """The reference checks report an entry that names nothing and a public name without entry."""
    fake = tmp_path / "api.md"
    fake.write_text("### `unvotes.load()`\n\n### `unvotes.no_such_function(x)`\n\n"
                    "### `unvotes.VotingRecord.select(*, start=None)`\n", encoding="utf-8")
    monkeypatch.setitem(globals(), "API", fake)
    with pytest.raises(AssertionError, match="no_such_function"):
        test_api_reference_entries_name_real_objects()
    with pytest.raises(AssertionError, match=r"unvotes\.record\.VotingRecord\.matrix"):
        test_api_reference_has_every_public_name()
    with pytest.raises(AssertionError, match="VotingRecord.select` documents"):
        test_api_reference_signatures_match_the_code()


# ---------------------------------------------------------------------------
# links
# ---------------------------------------------------------------------------

_LINK = re.compile(r"\[[^\]]*\]\((?P<target>[^)\s]+)\)")


@pytest.mark.parametrize("page", [p for p in PAGES if p.exists()], ids=_rel)
def test_relative_links_resolve(page):
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"```.*?```", "", text, flags=re.S)  # links inside code blocks are code
    bad = []
    for m in _LINK.finditer(text):
        target = m["target"].split("#", 1)[0]
        if not target or re.match(r"^[a-z][a-z0-9+.-]*:", target, flags=re.I):
            continue
        if not (page.parent / target).exists():
            bad.append(target)
    assert not bad, f"{_rel(page)} links to missing files: {bad}"


# ---------------------------------------------------------------------------
# docstring examples
# ---------------------------------------------------------------------------


def test_doctest_suite_covers_every_public_module():
    """``tests/test_doctests.py`` runs the docstring examples of every public module, the package included."""
    import test_doctests  # tests/test_doctests.py (tests/ is on sys.path under pytest)

    missing = [m for m in public_modules() if m not in test_doctests.NAMES]
    assert missing == []


def _has_examples(mod) -> bool:
    finder = doctest.DocTestFinder()
    return any(t.examples for t in finder.find(mod))


# ---------------------------------------------------------------------------
# command lines shown in the docs
# ---------------------------------------------------------------------------


def documented_commands() -> list[tuple[str, int, list[str]]]:
    """(page, line, argv) of every `unvotes ...` command in a bash/console block of the docs."""
    import shlex

    out = []
    for page in PAGES:
        if not page.exists():
            continue
        for line, info, code in code_blocks(page):
            if not info.split() or info.split()[0] not in ("bash", "sh", "shell", "console"):
                continue
            for k, raw in enumerate(code.splitlines()):
                for part in re.split(r"&&|\|\||;|\|", raw.split(" #")[0]):
                    words = shlex.split(part.strip().removeprefix("$ "))
                    if words and words[0] == "unvotes":
                        out.append((_rel(page), line + k, words[1:]))
    return out


def test_documented_commands_parse():
    """Every `unvotes ...` command shown in the docs and the README is accepted by the CLI parser."""
    from unvotes.cli import build_parser

    commands = documented_commands()
    assert any(argv[:1] == ["show"] for _, _, argv in commands), "the docs show no `unvotes show` command"
    bad = []
    for page, line, argv in commands:
        try:
            build_parser().parse_args(argv)
        except SystemExit:
            bad.append(f"{page}:{line}: unvotes {' '.join(argv)}")
    assert not bad, "commands the CLI rejects:\n" + "\n".join(bad)
