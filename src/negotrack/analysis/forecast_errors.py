"""How far off each forecast model has been: error bands from the DEU III backtest.

Every forecast carries its model's **empirical error**: the absolute errors the model made
on the 353 decided EU issues of DEU III (0–100 scale), summarised by their 50 % and 90 %
quantiles, and mapped onto the forecast issue's scale (× span / 100). "Half of this model's
DEU III forecasts erred by at most ``q50``, nine in ten by at most ``q90``" — a record of
past accuracy on another set of negotiations, not a confidence interval for this one.

The quantiles are stored in the package (``forecast_error_bands.json``, next to this
module), generated from the data set by ``python -m negotrack.io.error_bands PATH``
(:mod:`negotrack.io.error_bands`); a test recomputes them from the data. Quantiles are the
linear interpolation between order statistics (``numpy.quantile``'s default, Hyndman & Fan
type 7). A model with a parameter is scored held-out (5 folds by proposal).
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

import attrs

from negotrack.errors import ValidationError
from negotrack.model.scales import Scale

__all__ = ["ERROR_BANDS_FILE", "ErrorBand", "error_band", "error_bands", "quantile"]

#: The file, inside this package, that holds the quantiles.
ERROR_BANDS_FILE = "forecast_error_bands.json"


def quantile(values: Sequence[float], q: float) -> float:
    """Return the ``q`` quantile of ``values`` (linear interpolation, Hyndman–Fan type 7).

    Examples
    --------
    >>> from negotrack.analysis.forecast_errors import quantile
    >>> quantile([1, 2, 3, 4], 0.5), quantile([0, 10], 0.9)
    (2.5, 9.0)
    """
    if not 0 <= q <= 1:
        raise ValidationError(f"quantile q={q!r} must be in [0, 1]", path="q", value=q)
    xs = sorted(values)
    if not xs:
        return math.nan
    h = (len(xs) - 1) * q
    lo = math.floor(h)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (h - lo) * (xs[hi] - xs[lo])


@functools.cache
def error_bands() -> Mapping[str, Any]:
    """Return the stored error bands (plain data, errors on 0–100).

    The keys are ``source``, ``command``, ``scale``, ``quantiles`` and ``methods`` (per
    method ``{"n", "q50", "q90", "held_out"}``).

    Examples
    --------
    >>> from negotrack.analysis.forecast_errors import error_bands
    >>> bands = error_bands()
    >>> bands["methods"]["compromise"]["n"]
    353
    """
    text = resources.files("negotrack.analysis").joinpath(ERROR_BANDS_FILE).read_text("utf-8")
    data: Mapping[str, Any] = json.loads(text)
    return data


@attrs.frozen(kw_only=True)
class ErrorBand:
    """A model's empirical absolute error, on one issue's scale.

    Attributes
    ----------
    q50, q90 : float
        Half (nine in ten) of the model's backtest forecasts erred by at most this much,
        in the issue's units (labels on an ordinal scale).
    n : int
        How many decided issues the quantiles come from.
    source : str
        Where they come from, in words.
    """

    q50: float
    q90: float
    n: int
    source: str

    def to_dict(self) -> dict[str, Any]:
        """Return plain data."""
        return attrs.asdict(self)


def error_band(method: str, scale: Scale) -> ErrorBand | None:
    """Return ``method``'s DEU III error band mapped onto ``scale`` (None if none applies).

    Parameters
    ----------
    method : str
        A forecast model's name.
    scale : Scale
        The issue's scale. The 0–100 errors are multiplied by ``span / 100`` (the
        number of steps between the first and last label on an ordinal scale); a
        nominal scale has no distance to map them onto, and gets None.

    Returns
    -------
    ErrorBand or None
        None also for a model without stored quantiles.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.analysis.forecast_errors import error_band, error_bands
    >>> band = error_band("compromise", nt.NumericScale(0, 200, unit="$bn"))
    >>> band.q50 == 2 * error_bands()["methods"]["compromise"]["q50"]
    True
    >>> error_band("compromise", nt.NominalScale(["US", "EU"])) is None
    True
    """
    stored = error_bands()["methods"].get(method)
    if stored is None or not scale.ordered:
        return None
    factor = scale.span / 100
    return ErrorBand(
        q50=stored["q50"] * factor,
        q90=stored["q90"] * factor,
        n=stored["n"],
        source=error_bands()["source"],
    )
