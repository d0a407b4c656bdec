"""Tests of negotrack.analysis.forecast_models: the registry and the forecast-model interface."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

import negotrack as nt
from negotrack.analysis import forecast_models
from negotrack.analysis.forecast import METHODS
from negotrack.analysis.forecast_models import MODELS, ForecastModel, get_model
from negotrack.analysis.forecast_models.interface import ORDERED_SCALES, SCALE_KINDS

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def ukraine() -> nt.Snapshot:
    return nt.load(ROOT / "examples" / "ukraine_dec2025.toml").timeline.snapshot()


def _predict(issue: nt.Issue, positions: Mapping[str, nt.Position], weights: Any) -> float:
    return 0.0


class TestModels:
    def test_methods_is_the_registry_names(self) -> None:
        """METHODS is the derived alias tuple(MODELS), in the order reports list them."""
        assert tuple(MODELS) == METHODS
        assert METHODS == ("compromise", "salience_exponent", "median", "nash", "status_quo")

    def test_names_are_the_keys(self) -> None:
        """Each model is registered under its own name."""
        assert all(name == model.name for name, model in MODELS.items())

    def test_is_read_only(self) -> None:
        """The registry cannot be changed at run time (a model is added by a module)."""
        with pytest.raises(TypeError):
            MODELS["oracle"] = MODELS["median"]  # type: ignore[index]

    def test_every_module_of_the_package_is_registered(self) -> None:
        """Every model module in the package defines MODEL under its own name, registered."""
        modules = [
            m.name for m in pkgutil.iter_modules(forecast_models.__path__) if m.name != "interface"
        ]
        assert sorted(modules) == sorted(MODELS)
        for name in modules:
            module = importlib.import_module(f"negotrack.analysis.forecast_models.{name}")
            assert MODELS[name] is module.MODEL

    @pytest.mark.parametrize("name", list(MODELS))
    def test_every_model_predicts_on_the_ukraine_example(
        self, ukraine: nt.Snapshot, name: str
    ) -> None:
        """Every registered model forecasts the Ukraine issues it applies to, on their scales."""
        model = MODELS[name]
        forecast_issues = []
        for issue in ukraine.issues:
            has_input = (
                bool(ukraine.positions(issue.id))
                if model.uses_positions
                else issue.status_quo is not None
            )
            if not (model.applies_to(issue.scale) and has_input):
                continue
            f = nt.forecast(ukraine, issue.id, name)
            assert f.method == name
            assert issue.scale.coord(f.value) == pytest.approx(f.coordinate, abs=0.5)
            forecast_issues.append(issue.id)
        # Both a numeric and an ordinal issue with positions and a status quo.
        assert {"donbas_withdrawal", "ceasefire"} <= set(forecast_issues)

    @pytest.mark.parametrize("name", list(MODELS))
    def test_every_model_has_a_description(self, name: str) -> None:
        """Each model says what it forecasts in one line (for the command's help and docs)."""
        text = MODELS[name].description
        assert text.strip()
        assert "\n" not in text


class TestGetModel:
    def test_returns_the_model(self) -> None:
        """A known name gives its registered model."""
        assert get_model("median") is MODELS["median"]

    def test_unknown_name_raises(self) -> None:
        """An unknown name: AnalysisError naming the value, the field and the known names."""
        with pytest.raises(nt.errors.AnalysisError) as info:
            get_model("oracle", path="methods")
        assert str(info.value) == (
            "forecast method='oracle' is unknown; use one of compromise, salience_exponent, median, "
            "nash, status_quo"
        )
        assert (info.value.path, info.value.value) == ("methods", "oracle")

    def test_default_path_is_method(self) -> None:
        """Without ``path`` the error points at ``method``."""
        with pytest.raises(nt.errors.AnalysisError) as info:
            get_model("mean")
        assert info.value.path == "method"

    def test_unhashable_name_raises_analysis_error(self) -> None:
        """A non-string (even unhashable) name is unknown, not a TypeError."""
        with pytest.raises(nt.errors.AnalysisError, match=r"method=\['median'\] is unknown"):
            get_model(["median"])  # type: ignore[arg-type]


class TestForecastModel:
    def test_scales_are_put_in_kind_order(self) -> None:
        """Scale kinds are kept once each, in SCALE_KINDS order."""
        model = ForecastModel(
            name="m", description="d", scales=("nominal", "numeric", "nominal"), predict=_predict
        )
        assert model.scales == ("numeric", "nominal")

    def test_applies_to_by_kind(self) -> None:
        """A model applies to the scales whose kind it lists."""
        model = MODELS["compromise"]
        assert model.applies_to(nt.NumericScale(0, 1))
        assert model.applies_to(nt.OrdinalScale(["a", "b"]))
        assert not model.applies_to(nt.NominalScale(["a", "b"]))

    @pytest.mark.parametrize(
        ("scales", "needs"),
        [
            (SCALE_KINDS, "any scale"),
            (ORDERED_SCALES, "an ordered scale"),
            (("numeric",), "a numeric scale"),
            (("ordinal", "nominal"), "an ordinal or nominal scale"),
        ],
    )
    def test_needs_in_words(self, scales: tuple[str, ...], needs: str) -> None:
        """``needs`` says which scales the model answers on."""
        model = ForecastModel(name="m", description="d", scales=scales, predict=_predict)
        assert model.needs == needs

    @pytest.mark.parametrize(
        ("field", "value", "match"),
        [
            ("name", "Mean", r"ForecastModel.name='Mean' must be lower-case"),
            ("name", "", r"ForecastModel.name='' must be lower-case"),
            ("description", "", r"ForecastModel.description='' must be one non-empty line"),
            ("description", "a\nb", r"must be one non-empty line"),
            ("scales", ("interval",), r"ForecastModel.scales=\('interval',\) must name one"),
            ("scales", (), r"ForecastModel.scales=\(\) must name one or more"),
        ],
    )
    def test_bad_field_raises(self, field: str, value: object, match: str) -> None:
        """A bad name, description or scale list: ValidationError naming field and value."""
        fields: dict[str, Any] = {"name": "m", "description": "d", "scales": ORDERED_SCALES}
        fields[field] = value
        with pytest.raises(nt.errors.ValidationError, match=match) as info:
            ForecastModel(predict=_predict, **fields)
        assert info.value.path == field

    def test_repr_names_the_model(self) -> None:
        """The repr shows the name and scales (not the function's address)."""
        assert repr(MODELS["nash"]) == (
            "ForecastModel('nash', scales=('numeric', 'ordinal', 'nominal'))"
        )


@pytest.mark.parametrize("value", [float("nan"), float("inf"), "1"])
def test_a_parameter_must_be_a_finite_number(value: object) -> None:
    """Regression: with_parameter(nan) silently gave the unweighted mean."""
    model = get_model("salience_exponent")
    with pytest.raises(nt.errors.ValidationError, match="must be a finite number"):
        model.with_parameter(value)  # type: ignore[arg-type]
