"""Backtests: how well each forecast model predicted outcomes that are now known.

A backtest forecasts every decided issue of a record from the positions held before the
decision and measures the mean absolute error against the recorded outcome, with a
bootstrap 95 % interval (seeded, so the same call gives the same interval). A model with a
parameter is scored held-out with ``folds=k``: the decided issues are split into ``k`` folds
by ``group_by`` (DEU: the proposal, so issues of one law never sit on both sides), and
each fold is forecast with the parameter value that did best on the other folds. It reads the
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
import random
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

import attrs

from negotrack._words import count
from negotrack.analysis._parameters import check_count
from negotrack.analysis.forecast import forecast
from negotrack.analysis.forecast_errors import quantile
from negotrack.analysis.forecast_models import ForecastModel, get_model
from negotrack.errors import AnalysisError, ValidationError
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
        ``"equal"``, ``"gdp"`` or ``"council"`` (Council voting power).
    n : int
        Issues forecast (for ``status_quo``: those with a reference point).
    mae : float
        Mean absolute error on the issues' scale (0–100 for DEU); NaN if ``n`` is 0.
    interval : tuple of float or None
        The bootstrap 95 % interval of the MAE (percentiles 2.5 and 97.5 of the MAE of
        ``resamples`` resamples of whole groups); None when not asked for or ``n`` is 0.
    folds : int or None
        The number of folds the parameter was chosen on (None: not held out).
    parameters : tuple of float
        The parameter value chosen for each fold (empty for a model without one).
    issues, groups, errors : tuple
        Each issue forecast, its group and its absolute error (for paired comparisons).
    """

    method: str
    capabilities: str
    n: int
    mae: float
    interval: tuple[float, float] | None = None
    folds: int | None = None
    parameters: tuple[float, ...] = ()
    issues: tuple[str, ...] = attrs.field(default=(), repr=False)
    groups: tuple[str, ...] = attrs.field(default=(), repr=False)
    errors: tuple[float, ...] = attrs.field(default=(), repr=False)

    def to_dict(self) -> dict[str, Any]:
        """Return plain data (without the per-issue errors)."""
        return {
            "method": self.method,
            "capabilities": self.capabilities,
            "n": self.n,
            "mae": self.mae,
            "interval": None if self.interval is None else list(self.interval),
            "folds": self.folds,
            "parameters": list(self.parameters),
        }

    def describe(self) -> str:
        """Return one line: method, capabilities, n and MAE (and its interval).

        Examples
        --------
        >>> import negotrack as nt
        >>> issue = nt.DeuIssue(id="d1", proposal="p", proposal_name="n", introduced=None,
        ...     positions=(nt.DeuPosition(actor="com", position=100, salience=50),),
        ...     reference_point=None, outcome=40)
        >>> data = nt.DeuData(file="-", actors=("com",), gdp={}, issues=(issue,))
        >>> nt.backtest(data, "compromise").describe()
        'compromise  (equal capabilities): MAE  60.00 on 1 issue'
        """
        ci = "" if self.interval is None else f" [{self.interval[0]:.2f}, {self.interval[1]:.2f}]"
        return (
            f"{self.method:<11} ({self.capabilities} capabilities): MAE {self.mae:6.2f}{ci} "
            f"on {count(self.n, 'issue')}"
        )

    def difference(
        self, other: Backtest, *, resamples: int = 2000, seed: int = 0
    ) -> tuple[float, float, float]:
        """Return this MAE minus ``other``'s on the issues both forecast, with a 95 % interval.

        A paired bootstrap over whole groups (the same resamples for both methods): the
        difference is below 0 when this method erred less; an interval that excludes 0 is
        a difference the data support.

        Examples
        --------
        >>> import negotrack as nt
        >>> a = nt.Backtest(method="a", capabilities="equal", n=2, mae=1.5,
        ...     issues=("i", "j"), groups=("p", "q"), errors=(1.0, 2.0))
        >>> b = nt.Backtest(method="b", capabilities="equal", n=2, mae=3.0,
        ...     issues=("i", "j"), groups=("p", "q"), errors=(3.0, 3.0))
        >>> a.difference(b)[0]
        -1.5
        """
        theirs = dict(zip(other.issues, other.errors, strict=True))
        rows = [
            (g, e - theirs[i])
            for i, g, e in zip(self.issues, self.groups, self.errors, strict=True)
            if i in theirs
        ]
        if not rows:
            return (math.nan, math.nan, math.nan)
        mean = sum(d for _, d in rows) / len(rows)
        lo, hi = _bootstrap([g for g, _ in rows], [d for _, d in rows], resamples, seed)
        return (mean, lo, hi)


def _bootstrap(
    groups: Sequence[str], values: Sequence[float], resamples: int, seed: int
) -> tuple[float, float]:
    """Percentile 95 % interval of the mean of ``values``, resampling whole groups."""
    by_group: dict[str, list[float]] = {}
    for g, v in zip(groups, values, strict=True):
        by_group.setdefault(g, []).append(v)
    sums = [(sum(vs), len(vs)) for vs in by_group.values()]
    rng = random.Random(seed)  # noqa: S311 - a seeded resampler, not cryptography
    means = []
    for _ in range(resamples):
        total = count = 0.0
        for s, k in rng.choices(sums, k=len(sums)):
            total += s
            count += k
        means.append(total / count)
    return (quantile(means, 0.025), quantile(means, 0.975))


def _fold_of(groups: Sequence[str], folds: int, seed: int) -> dict[str, int]:
    """Assign each group to a fold: the sorted groups, shuffled by ``seed``, dealt in turn."""
    keys = sorted(set(groups))
    random.Random(seed).shuffle(keys)  # noqa: S311 - seeded folds, not cryptography
    return {g: k % folds for k, g in enumerate(keys)}


CAPABILITIES: tuple[str, ...] = ("equal", "gdp", "council")


def _capabilities(
    data: DecisionRecord, issue: DecidedIssue, kind: str
) -> Mapping[str, float] | None:
    if kind == "equal":
        return None
    if kind == "gdp":
        return dict(data.gdp)
    result: Mapping[str, float] | None = issue.council_power()  # type: ignore[attr-defined]
    if result is None:
        raise _NoAnswerError
    return result


class _NoAnswerError(Exception):
    """The issue cannot be forecast this way (left out of the backtest)."""


def _errors(
    data: DecisionRecord, model: ForecastModel, kind: str
) -> dict[str, tuple[DecidedIssue, float]]:
    out: dict[str, tuple[DecidedIssue, float]] = {}
    for issue in data.issues:
        try:
            caps = _capabilities(data, issue, kind)
            f = forecast(issue.snapshot(capabilities=caps), issue.id, model)
        except (AnalysisError, _NoAnswerError):
            continue  # the model cannot answer for this issue
        out[issue.id] = (issue, abs(f.coordinate - issue.outcome))
    return out


def backtest(
    data: DecisionRecord,
    method: str | ForecastModel = "compromise",
    *,
    gdp: bool = False,
    capabilities: str | None = None,
    folds: int | None = None,
    group_by: str = "proposal",
    resamples: int = 0,
    seed: int = 0,
) -> Backtest:
    """Forecast every decided issue with ``method`` and measure the mean absolute error.

    Parameters
    ----------
    data : DecisionRecord
        The decided issues, such as the DEU data set read by :func:`negotrack.read_deu`.
    method : str or ForecastModel, optional
        The name of a forecast model, one of
        :data:`~negotrack.analysis.forecast_models.MODELS` (default ``"compromise"``), or
        a model (one with its parameter set, say).
    gdp : bool, optional
        Use ``data.gdp`` as capabilities (the same as ``capabilities="gdp"``).
    capabilities : str, optional
        ``"equal"`` (default), ``"gdp"`` (``data.gdp``) or ``"council"``: each issue's
        ``council_power()`` (:meth:`negotrack.DeuIssue.council_power`, the Council voting
        power under the rule in force); an issue whose rule is unknown is left out.
    folds : int, optional
        Score a model with a parameter held-out: split the issues into ``folds`` folds by
        ``group_by`` and forecast each fold with the parameter value (from the model's
        grid) whose MAE was lowest on the other folds. Without it the model's default
        value is used. A model without a parameter gives the same errors either way.
    group_by : str, optional
        The issues' attribute that groups them (default ``"proposal"``): folds and the
        bootstrap keep each group whole. An issue without it is a group of its own.
    resamples : int, optional
        Bootstrap resamples for the 95 % interval of the MAE (default 0: no interval;
        2000 is plenty).
    seed : int, optional
        Seed of the folds and the bootstrap (default 0): the same call gives the same
        figures.

    Returns
    -------
    Backtest
        The method, the number of issues forecast, the MAE of the forecast coordinates,
        its interval, and the per-issue errors. An issue the model cannot answer for is
        left out, as in :func:`negotrack.forecast_report`: for ``status_quo`` an issue
        without a reference point, for the other models an issue where no party holds a
        position.

    Raises
    ------
    AnalysisError
        If the method is unknown, or ``capabilities`` unknown or not available.
    ValidationError
        If ``folds`` < 2, or ``resamples`` negative.
    InvalidTypeError
        If ``folds`` or ``resamples`` is not a whole number.

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
    if gdp and capabilities not in (None, "gdp"):
        raise AnalysisError(
            f"gdp=True asks for GDP capabilities but capabilities={capabilities!r}; "
            f"give one of them",
            path="capabilities",
            value=capabilities,
        )
    kind = "gdp" if gdp and capabilities is None else (capabilities or "equal")
    if kind not in CAPABILITIES:
        raise AnalysisError(
            f"capabilities={kind!r} is unknown; use one of {', '.join(CAPABILITIES)}",
            path="capabilities",
            value=kind,
        )
    if folds is not None:
        check_count("folds", folds, 2, error=ValidationError)
    check_count("resamples", resamples, 0, error=ValidationError)
    if kind == "council":
        for issue in data.issues:
            if not callable(getattr(issue, "council_power", None)):
                raise AnalysisError(
                    f"capabilities='council' needs issues with council_power(); "
                    f"{issue.id!r} has none",
                    path="capabilities",
                    value=kind,
                )
    ids = [i.id for i in data.issues]
    if len(set(ids)) != len(ids):
        twice = sorted({i for i in ids if ids.count(i) > 1})
        raise AnalysisError(
            f"issue ids must be unique; {', '.join(map(repr, twice))} appear more than once",
            path="issues",
            value=twice,
        )
    groups_given = {str(getattr(i, group_by, i.id)) for i in data.issues}
    if folds is not None and model.family is not None and len(groups_given) < folds:
        raise ValidationError(
            f"folds={folds} needs at least {folds} groups ({group_by}); the data have "
            f"{len(groups_given)}",
            path="folds",
            value=folds,
        )
    chosen: tuple[float, ...] = ()
    if folds is None or model.family is None:
        scored = _errors(data, model, kind)
    else:
        by_value = {v: _errors(data, model.with_parameter(v), kind) for v in model.grid}
        group = {i.id: str(getattr(i, group_by, i.id)) for i in data.issues}
        fold = _fold_of([group[i] for i in ids], folds, seed)
        scored = {}
        picks = []
        for k in range(folds):

            def train_mae(v: float, k: int = k) -> float:
                errs = [e for i, (_, e) in by_value[v].items() if fold[group[i]] != k]
                return sum(errs) / len(errs) if errs else math.inf

            best = min(model.grid, key=train_mae)
            picks.append(best)
            scored.update({i: r for i, r in by_value[best].items() if fold[group[i]] == k})
        scored = {i: scored[i] for i in ids if i in scored}
        chosen = tuple(picks)
    issues = tuple(scored)
    groups = tuple(str(getattr(issue, group_by, i)) for i, (issue, _) in scored.items())
    errors = tuple(e for _, e in scored.values())
    mae = sum(errors) / len(errors) if errors else math.nan
    interval = _bootstrap(groups, errors, resamples, seed) if resamples and errors else None
    return Backtest(
        method=model.name,
        capabilities=kind,
        n=len(errors),
        mae=mae,
        interval=interval,
        folds=folds,
        parameters=chosen,
        issues=issues,
        groups=groups,
        errors=errors,
    )
