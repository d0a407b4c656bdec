"""Tests of negotrack.errors: the one error hierarchy."""

from __future__ import annotations

import inspect

import pytest

import negotrack as nt
from negotrack import errors

ERROR_CLASSES = [getattr(errors, name) for name in errors.__all__]
BUILTINS = (ValueError, TypeError, LookupError, RuntimeError, ImportError)


class TestHierarchy:
    @pytest.mark.parametrize("cls", ERROR_CLASSES, ids=lambda c: c.__name__)
    def test_every_error_is_a_negotrack_error(self, cls: type[Exception]) -> None:
        """Every exported error subclasses NegotrackError and is documented."""
        assert issubclass(cls, errors.NegotrackError)
        assert inspect.getdoc(cls)

    @pytest.mark.parametrize(
        "cls",
        [c for c in ERROR_CLASSES if c is not errors.NegotrackError],
        ids=lambda c: c.__name__,
    )
    def test_every_concrete_error_is_also_a_builtin(self, cls: type[Exception]) -> None:
        """Callers catching ValueError, TypeError, LookupError, RuntimeError or ImportError keep working."""
        assert issubclass(cls, BUILTINS)

    def test_all_errors_are_exported(self) -> None:
        """Every NegotrackError subclass defined in the module is in errors.__all__."""
        defined = {
            name
            for name, obj in vars(errors).items()
            if inspect.isclass(obj) and issubclass(obj, errors.NegotrackError)
        }
        assert defined == set(errors.__all__)

    def test_reachable_from_the_package(self) -> None:
        """nt.errors is the module and nt.NegotrackError its root."""
        assert nt.errors is errors
        assert nt.NegotrackError is errors.NegotrackError

    def test_specific_parents(self) -> None:
        """Errors sit under the builtin callers would expect."""
        assert issubclass(errors.InvalidTypeError, TypeError)
        assert issubclass(errors.UnknownReferenceError, LookupError)
        assert issubclass(errors.StoreError, RuntimeError)
        assert issubclass(errors.OffScaleError, errors.ValidationError)


class TestNegotrackError:
    def test_carries_path_value_and_file(self) -> None:
        """The structured facts are kept as attributes."""
        err = errors.InvalidPositionError(
            "Position.salience=1.5 must lie in [0, 1]", path="Position.salience", value=1.5
        )
        assert (err.path, err.value, err.file, err.message) == (
            "Position.salience",
            1.5,
            None,
            "Position.salience=1.5 must lie in [0, 1]",
        )
        assert str(err) == "Position.salience=1.5 must lie in [0, 1]"

    def test_file_prefixes_the_message(self) -> None:
        """With a file, str() starts with it."""
        err = errors.DataError("bad row", file="deu.csv")
        assert str(err) == "deu.csv: bad row"


class TestScenarioError:
    def test_collects_problems(self) -> None:
        """The first problem leads the message, the count of others follows."""
        problems = [
            errors.InvalidPositionError("ideal outside", path="$.statements[3].position.ideal"),
            errors.UnknownReferenceError("unknown party 'XX'", path="$.statements[4].party"),
        ]
        err = errors.ScenarioError(problems, file="talks.toml")
        assert err.problems == tuple(problems)
        assert err.path == "$.statements[3].position.ideal"
        assert str(err) == (
            "talks.toml: $.statements[3].position.ideal: ideal outside (and 1 more problems)"
        )
        assert err.details().splitlines() == [
            "talks.toml: $.statements[3].position.ideal: ideal outside",
            "talks.toml: $.statements[4].party: unknown party 'XX'",
        ]

    def test_without_problems(self) -> None:
        """An empty problem list still makes a readable error."""
        assert str(errors.ScenarioError([])) == "invalid scenario"
