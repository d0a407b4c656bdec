"""Backtests: how well each forecast model predicted outcomes that are now known.

A backtest forecasts every decided issue of a record from the positions held before the
decision and measures the mean absolute error against the recorded outcome. It reads the
record through two small protocols, :class:`DecidedIssue` and :class:`DecisionRecord`, so
any source of decided issues can be scored; the DEU data set on EU legislative decisions,
as read by :func:`negotrack.read_deu`, is one (and the analysis layer never imports the
reader).

References
----------
Achen, C. H. (2006). Evaluating political decision-making models. In Thomson et al. (eds.),
*The European Union Decides*, 264-298. Cambridge University Press.
Arregui, J. & Perarnaud, C. (2021). A new dataset on legislative decision-making in the
European Union: the DEU III dataset. *Journal of European Public Policy*.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

import attrs

from negotrack.analysis.forecast import forecast
from negotrack.analysis.forecast_models import get_model
from negotrack.errors import AnalysisError
from negotrack.timeline.snapshot import Snapshot

__all__ = ["Backtest", "DecidedIssue", "DecisionRecord", "backtest"]


class DecidedIssue(Protocol):
    """An issue whose outcome is known: its id, the outcome and the positions before it.

    :class:`negotrack.DeuIssue` is one.
    """

    @property
    def id(self) -> str:
        """The issue id (the one issue of :meth:`snapshot`)."""

    @property
    def outcome(self) -> float:
        """The recorded outcome, as a coordinate on the issue's scale."""

    def snapshot(self, *, capabilities: Mapping[str, float] | None = None) -> Snapshot:
        """Return the positions in force before the decision (``capabilities`` by party)."""


class DecisionRecord(Protocol):
    """A record of decided issues with a capability per party.

    :class:`negotrack.DeuData` is one (its capabilities are the member states' GDP).
    """

    @property
    def issues(self) -> Sequence[DecidedIssue]:
        """The decided issues, in the order they are scored."""

    @property
    def gdp(self) -> Mapping[str, float]:
        """A capability (GDP) per party, used instead of equal capabilities if asked."""


@attrs.frozen(kw_only=True)
class Backtest:
    """How well one forecast method predicted the recorded outcomes.

    Attributes
    ----------
    method : str
        The forecast method (a name in
        :data:`~negotrack.analysis.forecast_models.MODELS`).
    capabilities : str
        ``"equal"`` or ``"gdp"``.
    n : int
        Issues forecast (for ``status_quo``: those with a reference point).
    mae : float
        Mean absolute error on the issues' scale (0–100 for DEU); NaN if ``n`` is 0.
    """

    method: str
    capabilities: str
    n: int
    mae: float

    def to_dict(self) -> dict[str, Any]:
        """Return plain data."""
        return attrs.asdict(self)

    def describe(self) -> str:
        """Return one line: method, capabilities, n and MAE."""
        return f"{self.method:<11} ({self.capabilities} capabilities): MAE {self.mae:6.2f} on {self.n} issues"


def backtest(data: DecisionRecord, method: str = "compromise", *, gdp: bool = False) -> Backtest:
    """Forecast every decided issue with ``method`` and measure the mean absolute error.

    Parameters
    ----------
    data : DecisionRecord
        The decided issues, such as the DEU data set read by :func:`negotrack.read_deu`.
    method : str, optional
        The name of a forecast model, one of
        :data:`~negotrack.analysis.forecast_models.MODELS` (default ``"compromise"``).
    gdp : bool, optional
        Use ``data.gdp`` as capabilities instead of equal capabilities (default False).

    Returns
    -------
    Backtest
        The method, the number of issues forecast and the MAE of the forecast coordinates.
        An issue the model cannot answer for is left out, as in
        :func:`negotrack.forecast_report`: for ``status_quo`` an issue without a reference
        point, for the other models an issue where no party holds a position.

    Raises
    ------
    AnalysisError
        If the method is unknown.

    Examples
    --------
    >>> import negotrack as nt
    >>> issue = nt.DeuIssue(id="d1", proposal="p", proposal_name="n", introduced=None,
    ...     positions=(nt.DeuPosition(actor="com", position=100, salience=50),
    ...                nt.DeuPosition(actor="fr", position=0, salience=50)),
    ...     reference_point=None, outcome=40)
    >>> data = nt.DeuData(file="-", actors=("com", "fr"), gdp={}, issues=(issue,))
    >>> nt.backtest(data, "compromise").mae
    10.0
    >>> nt.backtest(data, "status_quo").n
    0
    """
    model = get_model(method)
    caps = dict(data.gdp) if gdp else None
    errors: list[float] = []
    for issue in data.issues:
        try:
            f = forecast(issue.snapshot(capabilities=caps), issue.id, model.name)
        except AnalysisError:
            continue  # the model cannot answer for this issue
        errors.append(abs(f.coordinate - issue.outcome))
    mae = sum(errors) / len(errors) if errors else math.nan
    return Backtest(
        method=model.name, capabilities="gdp" if gdp else "equal", n=len(errors), mae=mae
    )
