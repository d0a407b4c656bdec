"""The forecast models, one module each, and the registry that names them.

:data:`MODELS` maps each model's name to its :class:`ForecastModel`, in the order reports
list them; :func:`negotrack.forecast`, :func:`negotrack.forecast_report`,
:func:`negotrack.backtest`, the ``negotrack forecast`` command and the docs all read it.

How to add a forecast model: write one module in this package that defines ``MODEL``, a
:class:`ForecastModel` (a name, a one-line description, the scale kinds it answers on and
``predict(issue, positions, weights) -> coordinate``), and add the module to
``_REGISTERED`` below. Nothing else changes: the new name is accepted everywhere a method
is, forecast in reports, backtested, and listed in the docs.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from negotrack.analysis.forecast_models import (
    compromise,
    median,
    nash,
    salience_exponent,
    status_quo,
)
from negotrack.analysis.forecast_models.interface import ForecastModel
from negotrack.errors import AnalysisError

__all__ = ["MODELS", "ForecastModel", "get_model"]

_REGISTERED = (compromise, salience_exponent, median, nash, status_quo)

#: Model name to forecast model, in the order reports list them (read-only).
MODELS: Mapping[str, ForecastModel] = MappingProxyType({m.MODEL.name: m.MODEL for m in _REGISTERED})


def get_model(name: str | ForecastModel, *, path: str = "method") -> ForecastModel:
    """Return the forecast model called ``name`` (a model itself is returned as it is).

    Parameters
    ----------
    name : str or ForecastModel
        One of the names in :data:`MODELS`, or a model.
    path : str, optional
        The field the name came from, for the error (default ``"method"``).

    Returns
    -------
    ForecastModel
        The registered model.

    Raises
    ------
    AnalysisError
        If no model has that name; the message names the value and the known names.

    Examples
    --------
    >>> from negotrack.analysis.forecast_models import get_model
    >>> get_model("nash").scales
    ('numeric', 'ordinal', 'nominal')
    >>> get_model("mean")
    Traceback (most recent call last):
    ...
    negotrack.errors.AnalysisError: forecast method='mean' is unknown; use one of compromise, salience_exponent, median, nash, status_quo
    """
    if isinstance(name, ForecastModel):
        return name
    model = MODELS.get(name) if isinstance(name, str) else None
    if model is None:
        raise AnalysisError(
            f"forecast method={name!r} is unknown; use one of {', '.join(MODELS)}",
            path=path,
            value=name,
        )
    return model
