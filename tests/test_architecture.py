"""The layering of negotrack, checked on the import statements of every module.

Data flows one way: model -> timeline -> analysis -> io -> plot/cli. Each module's
imports are read with :mod:`ast` (lazy imports inside functions included), so a module
added later is checked the moment it exists.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "negotrack"
MODULE_FILES = sorted(SRC.rglob("*.py"))

#: What each part of the package may import from negotrack (besides itself).
ALLOWED_INTERNAL: dict[str, set[str]] = {
    "errors": set(),
    "_collector": set(),  # garbage-collector handling, imports nothing: usable everywhere
    "_words": set(),  # counts in words ("1 issue"), imports nothing: usable everywhere
    "_clock": set(),  # the clock of every time limit, imports nothing: usable everywhere
    "_extras": {"errors"},  # imports an optional package or names the extra to install
    "_frames": {"_extras"},  # rows to pandas DataFrames, pandas imported only when called
    "model": {"errors", "_words"},
    "timeline": {"errors", "model", "_words", "_frames"},
    "analysis": {
        "errors",
        "model",
        "timeline",
        "_clock",
        "_collector",
        "_words",
        "_frames",
        "_extras",
    },
    "io": {"errors", "model", "timeline", "analysis", "_clock", "_collector", "_words", "_extras"},
    "testing": {"errors", "model", "timeline", "analysis", "io"},
    "plot": {"errors", "model", "timeline", "analysis", "io", "_extras"},
    # cli and io read the default time limits from _clock: showing them imports no analysis
    "cli": {"errors", "model", "timeline", "analysis", "io", "plot", "_clock"},
    "__main__": {"cli"},
    "__init__": {"errors", "model", "timeline", "analysis", "io", "testing", "plot", "cli"},
}

#: Third-party and standard-library modules confined to one part of the package.
CONFINED: dict[str, set[str]] = {
    "cattrs": {"io"},
    "sqlite3": {"io"},
    "tomllib": {"io"},
    "tomli_w": {"io"},
    "networkx": {"analysis"},
    "scipy": {"analysis"},  # HiGHS for the continuous agreement space's optima
    "matplotlib": {"plot"},
    "hypothesis": {"testing"},
    "pandas": {"_frames"},
    "distributed": {
        "cli"
    },  # Dask, for `negotrack robustness --scheduler` (the API takes any executor)
    "dask": set(),
    "pytest": set(),
}

#: Reviewed exceptions to CONFINED, each with its reason; anything else fails. (None now:
#: plot.py draws the condition graph from the layout the HTML brief uses, not networkx's.)
CONFINED_EXCEPTIONS: dict[tuple[str, str], str] = {}

#: Inside negotrack.io.reports, what each part may import from the others (besides itself).
#: Documents are built from analysis results; views read documents as plain data (never the
#: builders) and return blocks; writers write blocks, or for JSON the document itself.
REPORTS = "negotrack.io.reports"
REPORTS_INTERNAL: dict[str, set[str]] = {
    "formatting": set(),
    "blocks": set(),
    "visible": set(),  # the one rule for showing free text, used by every human-readable writer
    "summary": {"formatting"},
    "documents": {"formatting", "summary"},
    "schema": {"documents"},
    "views": {"blocks", "formatting"},
    "svg": {"visible"},  # figures as SVG, drawn from document data alone
    "writers": {"blocks", "views", "documents", "visible", "svg"},
    "robustness": {"documents"},  # the robustness document, built like the others
    "__init__": {"documents", "formatting", "schema", "writers", "robustness"},
}

#: Modules and builtins that have no place in negotrack at all.
FORBIDDEN_MODULES = {"pickle", "cPickle", "dill", "shelve", "marshal", "yaml"}
FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__"}


def module_name(path: Path) -> str:
    """Dotted name of a source file (``negotrack.model.regions``)."""
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def layer(name: str) -> str:
    """Return the part of the package a dotted module name belongs to."""
    parts = name.split(".")
    if len(parts) == 1:
        return "__init__"
    return parts[1]


def report_part(name: str) -> str:
    """Return the part of negotrack.io.reports a dotted module name belongs to."""
    rest = name.removeprefix(REPORTS).lstrip(".")
    return rest.split(".")[0] if rest else "__init__"


REPORT_FILES = [p for p in MODULE_FILES if module_name(p).startswith(REPORTS)]


def imports(path: Path) -> list[tuple[int, str]]:
    """Every module imported by a file, absolute, with its line number."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    return imports_in(path.read_text(encoding="utf-8"), package)


def imports_in(source: str, package: str) -> list[tuple[int, str]]:
    """Every module imported by ``source`` living in ``package``, made absolute."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = parts[: len(parts) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append((node.lineno, target))
            # ``from negotrack import errors`` imports the submodule errors.
            if target in {"negotrack", package}:
                found += [(node.lineno, f"{target}.{alias.name}") for alias in node.names]
    return found


def file_id(path: Path) -> str:
    """Short test id for a source file."""
    return str(path.relative_to(SRC.parent))


def test_sources_are_found() -> None:
    """The walk sees the package (so the checks below are not vacuous)."""
    names = {module_name(p) for p in MODULE_FILES}
    assert {"negotrack.model.regions", "negotrack.errors", "negotrack"} <= names


def test_every_layer_is_known() -> None:
    """Every module belongs to a part of the package this test knows the rules for."""
    unknown = sorted({layer(module_name(p)) for p in MODULE_FILES} - set(ALLOWED_INTERNAL))
    assert unknown == [], f"add the new part(s) {unknown} to ALLOWED_INTERNAL"


@pytest.mark.parametrize("path", MODULE_FILES, ids=file_id)
def test_imports_point_down_the_layers(path: Path) -> None:
    """A module imports from negotrack only the parts below its own."""
    here = layer(module_name(path))
    allowed = ALLOWED_INTERNAL.get(here, set()) | {here}
    bad = [
        f"line {line}: {target}"
        for line, target in imports(path)
        if target.startswith("negotrack.") and layer(target) not in allowed
    ]
    assert bad == [], f"{module_name(path)} ({here}) may import only {sorted(allowed)}"


def test_every_report_part_is_known() -> None:
    """Every module of the reports package belongs to a part with rules here."""
    assert REPORT_FILES, "the reports package was not found"
    unknown = sorted({report_part(module_name(p)) for p in REPORT_FILES} - set(REPORTS_INTERNAL))
    assert unknown == [], f"add the new part(s) {unknown} to REPORTS_INTERNAL"


@pytest.mark.parametrize("path", REPORT_FILES, ids=file_id)
def test_report_parts_import_only_earlier_steps(path: Path) -> None:
    """Blocks and formatting stand alone; views never import the builders; and so on."""
    here = report_part(module_name(path))
    allowed = REPORTS_INTERNAL.get(here, set()) | {here}
    bad = [
        f"line {line}: {target}"
        for line, target in imports(path)
        if target.startswith(REPORTS + ".") and report_part(target) not in allowed
    ]
    assert bad == [], f"{module_name(path)} ({here}) may import only {sorted(allowed)}"


@pytest.mark.parametrize("path", MODULE_FILES, ids=file_id)
def test_confined_dependencies_stay_in_their_part(path: Path) -> None:
    """cattrs/sqlite3/tomllib/tomli_w only in io, networkx only in analysis, etc."""
    here = layer(module_name(path))
    bad = [
        f"line {line}: {target}"
        for line, target in imports(path)
        if (top := target.split(".")[0]) in CONFINED
        and here not in CONFINED[top]
        and (module_name(path), top) not in CONFINED_EXCEPTIONS
    ]
    assert bad == []


@pytest.mark.parametrize("path", MODULE_FILES, ids=file_id)
def test_no_pickle_yaml_eval_or_exec(path: Path) -> None:
    """No module deserialises with pickle/yaml or evaluates strings as code."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bad = [
        f"line {line}: import {target}"
        for line, target in imports(path)
        if target.split(".")[0] in FORBIDDEN_MODULES
    ]
    bad += [
        f"line {node.lineno}: {node.func.id}()"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in FORBIDDEN_CALLS
    ]
    assert bad == []


class TestTheCheckerItself:
    def test_relative_imports_are_resolved(self) -> None:
        """A relative import is read as the absolute module it names."""
        source = "from ..errors import NegotrackError\nfrom . import regions\n"
        assert [t for _, t in imports_in(source, "negotrack.model")] == [
            "negotrack.errors",
            "negotrack.model",
            "negotrack.model.regions",
        ]

    def test_lazy_imports_are_seen(self) -> None:
        """An import inside a function counts like one at the top."""
        source = "def f():\n    import networkx as nx\n    return nx\n"
        assert imports_in(source, "negotrack.model") == [(2, "networkx")]

    def test_exceptions_are_still_needed(self) -> None:
        """Every reviewed exception is still used, so the list cannot rot."""
        used = {(module_name(p), t.split(".")[0]) for p in MODULE_FILES for _, t in imports(p)}
        assert set(CONFINED_EXCEPTIONS) <= used

    def test_report_part_of_names(self) -> None:
        """Report parts are the first component below negotrack.io.reports."""
        assert report_part("negotrack.io.reports.views.gaps") == "views"
        assert report_part("negotrack.io.reports.blocks") == "blocks"
        assert report_part("negotrack.io.reports") == "__init__"

    def test_layer_of_names(self) -> None:
        """Layers are the first component below negotrack."""
        assert layer("negotrack.model.regions") == "model"
        assert layer("negotrack") == "__init__"
        assert layer("negotrack.cli") == "cli"
