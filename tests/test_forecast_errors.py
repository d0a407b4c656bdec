"""Tests of negotrack.analysis.forecast_errors and negotrack.io.error_bands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import negotrack as nt
from negotrack.analysis import forecast_errors
from negotrack.analysis.forecast_errors import error_band, error_bands, quantile
from negotrack.analysis.forecast_models import MODELS
from negotrack.io import reports
from negotrack.io.error_bands import compute_error_bands, main


class TestStoredBands:
    def test_stored_bands_are_recomputed_from_the_data(self, deu: nt.DeuData) -> None:
        """The package's quantiles are what the documented command computes from DEU III."""
        assert compute_error_bands(deu) == dict(error_bands())

    def test_every_model_has_a_band(self) -> None:
        """Each registered model has n, q50 <= q90 on 0–100."""
        methods = error_bands()["methods"]
        assert list(methods) == list(MODELS)
        for band in methods.values():
            assert 0 <= band["q50"] <= band["q90"] <= 100

    def test_command_writes_the_file(self, deu_file: Path, tmp_path: Path) -> None:
        """The module run with PATH -o OUT writes the same JSON as the stored file."""
        out = tmp_path / "bands.json"
        assert main([str(deu_file), "-o", str(out)]) == 0
        stored = Path(forecast_errors.__file__).with_name(forecast_errors.ERROR_BANDS_FILE)
        assert out.read_text("utf-8") == stored.read_text("utf-8")
        assert json.loads(out.read_text("utf-8"))["command"].startswith("python -m negotrack")


class TestErrorBand:
    def test_ordinal_band_is_in_label_steps(self) -> None:
        """Four labels: three steps, so the 0–100 errors × 3 / 100."""
        tiers = nt.OrdinalScale(["a", "b", "c", "d"])
        band = error_band("median", tiers)
        assert band is not None
        assert band.q90 == pytest.approx(error_bands()["methods"]["median"]["q90"] * 0.03)

    def test_unknown_method_has_no_band(self) -> None:
        """A user's own model has no stored band."""
        assert error_band("lowest", nt.NumericScale(0, 1)) is None

    @pytest.mark.parametrize(
        ("values", "q", "want"), [([3, 1, 2], 0.5, 2.0), ([0, 10], 0.25, 2.5), ([5], 0.9, 5.0)]
    )
    def test_quantile_interpolates(self, values: list[float], q: float, want: float) -> None:
        """Type-7 quantiles: linear between order statistics."""
        assert quantile(values, q) == want


@pytest.mark.parametrize("q", [-0.5, 1.5, float("nan")])
def test_quantile_outside_zero_one_is_refused(q: float) -> None:
    """Regression: q=-0.5 returned the maximum and q=1.5 raised IndexError."""
    with pytest.raises(nt.errors.ValidationError, match=r"must be in \[0, 1\]"):
        quantile([1, 2, 3], q)


def test_a_band_scored_on_fewer_issues_says_how_many() -> None:
    """Regression: the status quo's band (253 issues) was credited to all 353."""
    snap = nt.load("examples/ukraine_dec2025.toml").timeline.snapshot()
    report = nt.forecast_report(snap)
    every = {
        f.method: f.error.n for by in report.forecasts.values() for f in by.values() if f.error
    }
    assert every["status_quo"] < every["compromise"]
    text = " ".join(reports.render(reports.forecast_document(report), "text").split())
    assert f"Status quo: scored on {every['status_quo']} of those issues" in text
