"""Tests of what negotrack exports: every public name exists, is documented, once.

Modelled on trio's ``test_exports.py``. Modules added later are picked up automatically.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import types
from typing import Any

import pytest

import negotrack as nt


def public_modules() -> list[types.ModuleType]:
    """Every importable negotrack module, except ``__main__`` (it runs the CLI)."""
    names = ["negotrack"] + [
        m.name
        for m in pkgutil.walk_packages(nt.__path__, "negotrack.")
        if not m.name.endswith("__main__")
    ]
    return [importlib.import_module(name) for name in names]


MODULES = public_modules()
WITH_ALL = [m for m in MODULES if hasattr(m, "__all__")]


def isort_key(name: str) -> tuple[int, str]:
    """Sort key of ruff's RUF022: SCREAMING_CASE, then CamelCase, then everything else."""
    if len(name) > 1 and name.isupper():
        return (0, name)
    return (1 if name[:1].isupper() else 2, name)


def documented(obj: Any) -> bool:
    """Whether an object has its own non-empty docstring (constants and aliases excepted)."""
    if isinstance(obj, str | int | float | tuple | frozenset | dict | types.MappingProxyType):
        return True  # constants are documented by a #: comment next to them
    if obj is None:
        return True
    return bool(inspect.getdoc(obj))


class TestTopLevel:
    def test_every_name_exists(self) -> None:
        """Every name in nt.__all__ is an attribute of the package."""
        assert [name for name in nt.__all__ if not hasattr(nt, name)] == []

    def test_all_is_sorted_without_duplicates(self) -> None:
        """nt.__all__ lists each name once, sorted as ruff's RUF022 sorts (constants first)."""
        assert len(set(nt.__all__)) == len(nt.__all__)
        assert nt.__all__ == sorted(nt.__all__, key=isort_key)

    def test_every_name_is_documented(self) -> None:
        """Every exported object has a docstring (__version__ is a plain string)."""
        undocumented = [
            name
            for name in nt.__all__
            if name != "__version__" and not inspect.getdoc(getattr(nt, name))
        ]
        assert undocumented == []

    def test_every_object_is_exported_once(self) -> None:
        """No object is exported under two names."""
        by_id: dict[int, list[str]] = {}
        for name in nt.__all__:
            by_id.setdefault(id(getattr(nt, name)), []).append(name)
        assert [names for names in by_id.values() if len(names) > 1] == []

    def test_every_public_attribute_is_exported(self) -> None:
        """Every public non-module attribute of the package is in __all__ (nothing leaks)."""
        leaked = [
            name
            for name, value in vars(nt).items()
            if not name.startswith("_")
            and not isinstance(value, types.ModuleType)
            and name not in nt.__all__
        ]
        assert leaked == []

    def test_version_is_a_string(self) -> None:
        """__version__ comes from the installed metadata."""
        assert isinstance(nt.__version__, str)
        assert nt.__version__


class TestModules:
    @pytest.mark.parametrize("module", WITH_ALL, ids=lambda m: m.__name__)
    def test_all_names_exist_once(self, module: types.ModuleType) -> None:
        """Each module's __all__ names existing attributes, each once."""
        names = list(module.__all__)
        assert [n for n in names if not hasattr(module, n)] == []
        assert len(names) == len(set(names))

    @pytest.mark.parametrize("module", WITH_ALL, ids=lambda m: m.__name__)
    def test_all_names_are_documented(self, module: types.ModuleType) -> None:
        """Each public name of each module has a docstring."""
        undocumented = [
            n
            for n in module.__all__
            if not n.startswith("_") and not documented(getattr(module, n))
        ]
        assert undocumented == []

    @pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
    def test_every_module_is_documented(self, module: types.ModuleType) -> None:
        """Every module opens with a docstring saying what it holds."""
        assert inspect.getdoc(module)

    @pytest.mark.parametrize("module", [nt.errors], ids=lambda m: m.__name__)
    def test_errors_all_is_sorted(self, module: types.ModuleType) -> None:
        """negotrack.errors lists its classes sorted."""
        assert list(module.__all__) == sorted(module.__all__, key=isort_key)


class TestPublicMethods:
    @pytest.mark.parametrize(
        "cls",
        [getattr(nt, n) for n in nt.__all__ if inspect.isclass(getattr(nt, n))],
        ids=lambda c: c.__name__,
    )
    def test_public_methods_are_documented(self, cls: type) -> None:
        """Every public method and property of an exported class has a docstring."""
        undocumented = []
        for name, value in vars(cls).items():
            if name.startswith("_"):
                continue
            func = value.fget if isinstance(value, property) else getattr(value, "__func__", value)
            if (callable(func) or isinstance(value, property)) and not inspect.getdoc(func):
                undocumented.append(name)
        assert undocumented == []
