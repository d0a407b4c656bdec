"""The forecast-model interface: what every model in the registry says about itself.

A forecast model has a ``name`` (how callers ask for it), a one-line ``description`` (for
the command's help and the docs), the scale kinds it answers on, whether it works from the
parties' positions, and ``predict(issue, positions, weights) -> coordinate``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Protocol

import attrs

from negotrack.errors import ValidationError
from negotrack.model.entities import Issue, Position
from negotrack.model.scales import Scale

__all__ = ["ORDERED_SCALES", "SCALE_KINDS", "ForecastModel", "Predict"]

#: Every scale kind, in the order models list them.
SCALE_KINDS: tuple[str, ...] = ("numeric", "ordinal", "nominal")
#: The scale kinds whose values are ordered (a mean or a median exists).
ORDERED_SCALES: tuple[str, ...] = ("numeric", "ordinal")


class Predict(Protocol):
    """The signature of a model's forecast: ``predict(issue, positions, weights) -> coordinate``."""

    def __call__(
        self, issue: Issue, positions: Mapping[str, Position], weights: Mapping[str, float], /
    ) -> float:
        """Return the forecast for ``issue`` as a coordinate on its scale."""


_NAME = re.compile(r"[a-z][a-z0-9_]*")


def _scale_kinds(kinds: Iterable[str]) -> tuple[str, ...]:
    kinds = tuple(kinds)
    unknown = [k for k in kinds if k not in SCALE_KINDS]
    if unknown or not kinds:
        raise ValidationError(
            f"ForecastModel.scales={kinds!r} must name one or more of {', '.join(SCALE_KINDS)}",
            path="scales",
            value=kinds,
        )
    return tuple(k for k in SCALE_KINDS if k in kinds)


def _grid(values: Iterable[float]) -> tuple[float, ...]:
    return tuple(float(v) for v in values)


def _check_name(_: object, __: object, name: str) -> None:
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise ValidationError(
            f"ForecastModel.name={name!r} must be lower-case letters, digits and _ "
            "(it is a command-line choice)",
            path="name",
            value=name,
        )


def _check_description(_: object, __: object, text: str) -> None:
    if not isinstance(text, str) or not text.strip() or "\n" in text:
        raise ValidationError(
            f"ForecastModel.description={text!r} must be one non-empty line",
            path="description",
            value=text,
        )


@attrs.frozen(kw_only=True)
class ForecastModel:
    """A forecast model: where one issue will land, from the positions in force.

    Attributes
    ----------
    name : str
        How callers ask for it (``nt.forecast(..., method=name)``, ``--method name``).
    description : str
        One line saying what it forecasts (shown by the command's help and the docs).
    scales : tuple of str
        The scale kinds it answers on, in :data:`SCALE_KINDS` order.
    predict : callable
        ``predict(issue, positions, weights) -> coordinate``: the issue, the positions in
        force (party id to :class:`~negotrack.Position`, never empty when
        ``uses_positions``) and each party's weight (capability × salience, ``>= 0``).
        It returns the forecast as a coordinate on the issue's scale; a coordinate between
        two labels stands for the nearest label. It raises
        :class:`~negotrack.errors.AnalysisError` when it cannot answer for this issue.
    uses_positions : bool
        Whether it works from the parties' positions (default True). A model that does not
        (the status quo) is asked with no positions and no weights, and ignores
        ``capabilities``.
    parameter : str or None
        The name of the model's one free parameter, if it has one (default None).
    grid : tuple of float
        The values a backtest may choose the parameter from (:func:`negotrack.backtest`
        with ``folds=`` picks one per fold on the other folds only).
    family : callable or None
        ``family(value) -> predict``: the model's forecast at a parameter value;
        ``predict`` is the forecast at the default value.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.analysis.forecast_models import MODELS
    >>> MODELS["median"]
    ForecastModel('median', scales=('numeric', 'ordinal'))
    >>> MODELS["median"].applies_to(nt.NominalScale(["US", "EU"]))
    False
    """

    name: str = attrs.field(validator=_check_name)
    description: str = attrs.field(validator=_check_description)
    scales: tuple[str, ...] = attrs.field(converter=_scale_kinds)
    predict: Predict
    uses_positions: bool = True
    parameter: str | None = None
    grid: tuple[float, ...] = attrs.field(default=(), converter=_grid)
    family: Callable[[float], Predict] | None = None

    def __attrs_post_init__(self) -> None:
        if (self.parameter is None) != (self.family is None) or (
            (self.parameter is None) != (not self.grid)
        ):
            raise ValidationError(
                f"ForecastModel {self.name!r}: parameter, grid and family go together "
                f"(parameter={self.parameter!r}, {len(self.grid)} grid values, "
                f"family {'given' if self.family else 'missing'})",
                path="parameter",
                value=self.parameter,
            )

    def with_parameter(self, value: float) -> ForecastModel:
        """Return the model with its parameter set to ``value`` (same name).

        Parameters
        ----------
        value : float
            The parameter (for ``salience_exponent``, the exponent β of salience).

        Returns
        -------
        ForecastModel

        Raises
        ------
        ValidationError
            If the model has no parameter, or ``value`` is not a finite number.

        Examples
        --------
        >>> from negotrack.analysis.forecast_models import get_model
        >>> model = get_model("salience_exponent").with_parameter(2.0)  # β = 2
        >>> model.name, model.parameter
        ('salience_exponent', 'β')
        """
        if self.family is None:
            raise ValidationError(
                f"forecast model {self.name!r} has no parameter to set",
                path="parameter",
                value=value,
            )
        if not (isinstance(value, int | float) and math.isfinite(value)):
            raise ValidationError(
                f"forecast model {self.name!r}: parameter={value!r} must be a finite number",
                path="parameter",
                value=value,
            )
        return attrs.evolve(self, predict=self.family(value))

    def applies_to(self, scale: Scale) -> bool:
        """Return whether the model answers on ``scale`` (by its ``kind``)."""
        return scale.kind in self.scales

    @property
    def needs(self) -> str:
        """The scales it answers on, in words (``"an ordered scale"``, ``"any scale"``)."""
        if self.scales == SCALE_KINDS:
            return "any scale"
        if self.scales == ORDERED_SCALES:
            return "an ordered scale"
        article = "an" if self.scales[0][0] in "aeiou" else "a"
        return f"{article} {' or '.join(self.scales)} scale"

    def __repr__(self) -> str:
        return f"ForecastModel({self.name!r}, scales={self.scales!r})"
