"""Tests of negotrack.analysis.backtest: scoring the forecast models against known outcomes."""

from __future__ import annotations

import datetime
import math
import runpy
import sys
from collections.abc import Mapping
from pathlib import Path

import attrs
import pytest

import negotrack as nt
import negotrack.io.deu
from negotrack.analysis.backtest import DecisionRecord
from negotrack.analysis.forecast_models import MODELS

ROOT = Path(__file__).resolve().parent.parent

#: (method, capabilities) -> (n, MAE) on DEU III, computed by the code before the backtest
#: moved to the analysis layer (commit d4a43df, negotrack.io.deu.backtest), with
#: ``nt.backtest(nt.read_deu(path), method, gdp=gdp)`` for every method in METHODS.
DEU_FIGURES: dict[tuple[str, str], tuple[int, float]] = {
    ("compromise", "equal"): (353, 23.680777437097664),
    # salience_exponent at its default β = 0.5 (added with the model; not from d4a43df).
    ("salience_exponent", "equal"): (353, 23.650335284916142),
    ("salience_exponent", "gdp"): (353, 23.21125225202306),
    ("median", "equal"): (353, 28.359773371104815),
    ("nash", "equal"): (353, 24.410963172804532),
    ("status_quo", "equal"): (253, 51.11067193675889),
    ("compromise", "gdp"): (353, 23.22368094343796),
    ("median", "gdp"): (353, 27.575070821529746),
    ("nash", "gdp"): (353, 23.83186968838527),
    ("status_quo", "gdp"): (253, 51.11067193675889),
}


@attrs.frozen
class _Decided:
    """A decided issue that is not from DEU: any labelled scale, any snapshot."""

    id: str
    outcome: float
    scale: nt.Scale
    ideals: tuple[tuple[str, str], ...]
    status_quo: str | None = None

    def snapshot(self, *, capabilities: Mapping[str, float] | None = None) -> nt.Snapshot:
        caps = capabilities or {}
        parties = [nt.Party(p, capability=caps.get(p, 1.0)) for p, _ in self.ideals]
        tl = nt.Timeline(
            issues=[nt.Issue(self.id, self.scale, status_quo=self.status_quo)], parties=parties
        )
        for p, ideal in self.ideals:
            tl.add(
                nt.Statement(
                    party=p,
                    issue=self.id,
                    date=datetime.date(2025, 1, 1),
                    position=nt.Position(ideal=ideal, acceptable=nt.Region.full(self.scale)),
                    source=nt.Source(title="t"),
                )
            )
        return tl.snapshot()


@attrs.frozen
class _Record:
    issues: tuple[_Decided, ...]
    gdp: Mapping[str, float] = attrs.field(factory=dict)


TIERS = nt.OrdinalScale(["none", "low", "mid", "high"])
BODIES = nt.NominalScale(["US", "EU", "UN"])


class TestBacktest:
    @pytest.mark.parametrize(("method", "capabilities"), list(DEU_FIGURES))
    def test_deu_figures_are_unchanged(
        self, deu: nt.DeuData, method: str, capabilities: str
    ) -> None:
        """Every model's n and MAE on DEU III equal the figures of the code before the move."""
        b = nt.backtest(deu, method, gdp=capabilities == "gdp")
        assert (b.method, b.capabilities) == (method, capabilities)
        assert (b.n, b.mae) == DEU_FIGURES[method, capabilities]

    def test_every_registered_model_is_backtested(self, deu: nt.DeuData) -> None:
        """The figures above cover every model in the registry, both capability sets."""
        assert {m for m, _ in DEU_FIGURES} == set(MODELS)

    def test_published_accuracy_bands(self, deu: nt.DeuData) -> None:
        """Compromise ≈ 23.7, weighted median ≈ 28.4, status quo > 50, in that order."""
        compromise = nt.backtest(deu, "compromise")
        median = nt.backtest(deu, "median")
        status_quo = nt.backtest(deu, "status_quo")
        assert compromise.n == median.n == 353
        assert abs(compromise.mae - 23.7) <= 0.1
        assert abs(median.mae - 28.4) <= 0.2
        assert status_quo.mae > 50
        assert status_quo.n == 253
        assert compromise.mae < median.mae < status_quo.mae

    def test_unknown_method_raises(self) -> None:
        """An unknown method: AnalysisError naming it and the known models."""
        with pytest.raises(
            nt.errors.AnalysisError,
            match="method='oracle' is unknown; use one of compromise, salience_exponent, median",
        ):
            nt.backtest(_Record(issues=()), "oracle")

    def test_small_deu_record(self) -> None:
        """Two DEU issues: the MAE of the forecast coordinates; gdp=True weighs by GDP."""
        issues = (
            nt.DeuIssue(
                id="d1",
                proposal="p",
                proposal_name="n",
                introduced=None,
                positions=(
                    nt.DeuPosition(actor="com", position=100, salience=50),
                    nt.DeuPosition(actor="fr", position=0, salience=50),
                ),
                reference_point=20,
                outcome=40,
            ),
            nt.DeuIssue(
                id="d2",
                proposal="p",
                proposal_name="n",
                introduced=None,
                positions=(),
                reference_point=None,
                outcome=10,
            ),
        )
        data = nt.DeuData(file="-", actors=("com", "fr"), gdp={"com": 3.0}, issues=issues)
        assert nt.backtest(data).to_dict() == {
            "method": "compromise",
            "capabilities": "equal",
            "n": 1,
            "mae": 10.0,
            "interval": None,
            "folds": None,
            "parameters": [],
        }
        # GDP: com weighs 3, fr 1 (no figure): 75 against an outcome of 40.
        assert nt.backtest(data, gdp=True).mae == 35.0
        assert (nt.backtest(data, "status_quo").n, nt.backtest(data, "status_quo").mae) == (1, 20.0)

    def test_any_decision_record(self) -> None:
        """A record that is not DEU is scored too; issues a model cannot answer are left out."""
        record: DecisionRecord = _Record(
            issues=(
                _Decided("tier", 2.0, TIERS, (("A", "none"), ("B", "high")), status_quo="low"),
                _Decided("body", 1.0, BODIES, (("A", "EU"), ("B", "EU"), ("C", "US"))),
            )
        )
        compromise = nt.backtest(record, "compromise")  # no mean on the nominal issue
        assert (compromise.n, compromise.mae) == (1, 0.5)  # mean 1.5 against outcome 2
        nash = nt.backtest(record, "nash")
        assert nash.n == 2
        status_quo = nt.backtest(record, "status_quo")  # only "tier" records a status quo
        assert (status_quo.n, status_quo.mae) == (1, 1.0)

    def test_nothing_to_score_is_nan(self) -> None:
        """No issue answered: n is 0 and the MAE is NaN."""
        b = nt.backtest(_Record(issues=()), "median")
        assert b.n == 0
        assert math.isnan(b.mae)

    def test_describe(self) -> None:
        """One line: method, capabilities, MAE and n."""
        b = nt.Backtest(method="median", capabilities="gdp", n=3, mae=12.345)
        assert b.describe() == "median      (gdp capabilities): MAE  12.35 on 3 issues"
        b = attrs.evolve(b, interval=(10.0, 14.5))
        assert (
            b.describe() == "median      (gdp capabilities): MAE  12.35 [10.00, 14.50] on 3 issues"
        )

    def test_old_import_path_still_works(self) -> None:
        """negotrack.io.deu.backtest and .Backtest are the analysis layer's own."""
        assert negotrack.io.deu.backtest is nt.backtest
        assert negotrack.io.deu.Backtest is nt.Backtest


def _issue(k: int, proposal: str, outcome: float) -> nt.DeuIssue:
    """Return a DEU issue: com at 100 (salience 90), fr at 0 (salience 10)."""
    return nt.DeuIssue(
        id=f"d{k}",
        proposal=proposal,
        proposal_name="n",
        introduced=None,
        positions=(
            nt.DeuPosition(actor="com", position=100, salience=90),
            nt.DeuPosition(actor="fr", position=0, salience=10),
        ),
        reference_point=None,
        outcome=outcome,
    )


class TestHeldOut:
    def test_bootstrap_interval_is_seeded_and_holds_the_mae(self, deu: nt.DeuData) -> None:
        """Same seed, same interval; another seed, another; both hold the MAE."""
        a = nt.backtest(deu, "compromise", resamples=300, seed=1)
        b = nt.backtest(deu, "compromise", resamples=300, seed=1)
        c = nt.backtest(deu, "compromise", resamples=300, seed=2)
        assert a.interval == b.interval != c.interval
        assert a.interval is not None
        assert a.interval[0] < a.mae < a.interval[1]
        assert a.mae == DEU_FIGURES["compromise", "equal"][1]

    def test_parameter_is_chosen_on_other_folds_only(self) -> None:
        """Each fold is forecast with the β that did best on the other folds, never its own.

        Proposal p1's outcomes sit near com (β large is best), p2's near the middle (β
        small is best): with two folds by proposal, p1 is scored with p2's best β and vice
        versa, so the held-out MAE is worse than either in-sample best.
        """
        issues = (
            *(_issue(k, "p1", 99) for k in range(3)),
            *(_issue(k + 3, "p2", 50) for k in range(3)),
        )
        data = nt.DeuData(file="-", actors=("com", "fr"), gdp={}, issues=issues)
        held = nt.backtest(data, "salience_exponent", folds=2)
        assert held.folds == 2
        model = MODELS["salience_exponent"]

        def best(proposal: str) -> float:
            part = nt.DeuData(
                file="-",
                actors=("com", "fr"),
                gdp={},
                issues=tuple(i for i in issues if i.proposal == proposal),
            )
            return min(model.grid, key=lambda v: nt.backtest(part, model.with_parameter(v)).mae)

        assert best("p1") != best("p2")
        assert sorted(held.parameters) == sorted([best("p1"), best("p2")])
        fits = [nt.backtest(data, model.with_parameter(v)).mae for v in model.grid]
        assert held.mae > min(fits)

    def test_folds_keep_proposals_whole(self, deu: nt.DeuData) -> None:
        """Every issue is scored once; the groups are the proposals."""
        b = nt.backtest(deu, "salience_exponent", folds=5)
        assert b.n == 353
        assert len(set(b.issues)) == 353
        assert set(b.groups) == {i.proposal for i in deu.issues if i.positions}
        assert len(b.parameters) == 5

    def test_model_without_parameter_is_unchanged_by_folds(self, deu: nt.DeuData) -> None:
        """Folds change nothing for a model with no parameter."""
        assert nt.backtest(deu, "median", folds=5).errors == nt.backtest(deu, "median").errors

    @pytest.mark.parametrize(
        ("field", "value", "error"),
        [
            ("folds", 1, nt.errors.ValidationError),
            ("resamples", -1, nt.errors.ValidationError),
            ("folds", True, nt.errors.InvalidTypeError),
            ("resamples", 2.0, nt.errors.InvalidTypeError),
        ],
    )
    def test_bad_folds_or_resamples_raise(
        self, field: str, value: object, error: type[nt.errors.NegotrackError]
    ) -> None:
        """Folds < 2 or negative resamples: ValidationError; no whole number: InvalidTypeError.

        The rule of every analysis's counts (``analysis/_parameters.check_count``); a wrong
        type used to be a ValidationError here.
        """
        with pytest.raises(error, match=f"{field}=") as raised:
            nt.backtest(_Record(issues=()), **{field: value})  # type: ignore[arg-type]
        assert type(raised.value) is error

    def test_unknown_capabilities_raise(self) -> None:
        """Capabilities must be equal, gdp or council."""
        with pytest.raises(nt.errors.AnalysisError, match="capabilities='votes' is unknown"):
            nt.backtest(_Record(issues=()), capabilities="votes")

    def test_council_needs_council_power(self) -> None:
        """A record whose issues have no council_power cannot be scored by Council power."""
        record = _Record(issues=(_Decided("tier", 2.0, TIERS, (("A", "none"),)),))
        with pytest.raises(nt.errors.AnalysisError, match="council_power"):
            nt.backtest(record, capabilities="council")

    def test_paired_difference(self, deu: nt.DeuData) -> None:
        """GDP minus equal capabilities: the MAE difference, with a seeded interval around it."""
        gdp = nt.backtest(deu, "compromise", gdp=True)
        equal = nt.backtest(deu, "compromise")
        diff, lo, hi = gdp.difference(equal, resamples=300)
        assert diff == pytest.approx(gdp.mae - equal.mae)
        assert lo < diff < hi
        assert gdp.difference(equal, resamples=300) == (diff, lo, hi)


class TestCouncilPower:
    def test_reproduces_treaty_regime_council_power(self, deu: nt.DeuData) -> None:
        """Council voting power × salience: 351 issues (QMV or unanimity), MAE 23.07.

        The published re-implementations report 22.99; ours is within the ±0.3 asked for
        (docs/forecasts.md says what we tried). It depends on reading each proposal's
        ``intro`` date right (tests/test_deu.py): read at face value, 63 QMV issues got the
        wrong rule and the MAE was 23.20.
        """
        b = nt.backtest(deu, "compromise", capabilities="council")
        assert b.n == 351
        assert abs(b.mae - 22.99) <= 0.3


class TestExample:
    def test_example_runs(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        deu_file: Path,
    ) -> None:
        """examples/deu_backtest.py prints one MAE line per registered model, then GDP."""
        monkeypatch.setattr(sys, "argv", ["deu_backtest.py", str(deu_file)])
        with pytest.raises(SystemExit) as info:
            runpy.run_path(str(ROOT / "examples" / "deu_backtest.py"), run_name="__main__")
        assert info.value.code == 0
        lines = capsys.readouterr().out.splitlines()
        assert "compromise (equal) | 23.68" in "\n".join(lines)

    def test_example_without_data_exits_zero(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        """Given a missing file the example says so and exits 0."""
        monkeypatch.setattr(sys, "argv", ["deu_backtest.py", str(tmp_path / "none.tsv")])
        with pytest.raises(SystemExit) as info:
            runpy.run_path(str(ROOT / "examples" / "deu_backtest.py"), run_name="__main__")
        assert info.value.code == 0
        assert "not found" in capsys.readouterr().out


def _one_issue() -> nt.DeuIssue:
    """One decided issue of one proposal, one actor."""
    return nt.DeuIssue(
        id="d1",
        proposal="p",
        proposal_name="n",
        introduced=None,
        positions=(nt.DeuPosition(actor="com", position=100, salience=50),),
        reference_point=None,
        outcome=40,
    )


class TestBadArguments:
    """Regressions: each of these ran and answered something else than asked."""

    def test_gdp_with_other_capabilities_is_refused(self, deu: nt.DeuData) -> None:
        with pytest.raises(nt.errors.AnalysisError, match=r"gdp=True .* capabilities='equal'"):
            nt.backtest(deu, "compromise", gdp=True, capabilities="equal")

    def test_more_folds_than_groups_is_refused(self) -> None:
        issue = _one_issue()
        one = nt.DeuData(file="-", actors=("com",), gdp={}, issues=(issue,))
        with pytest.raises(nt.errors.ValidationError, match=r"folds=5 needs at least 5 groups"):
            nt.backtest(one, "salience_exponent", folds=5)

    def test_repeated_issue_ids_are_refused(self) -> None:
        issue = _one_issue()
        twice = nt.DeuData(file="-", actors=("com",), gdp={}, issues=(issue, issue))
        with pytest.raises(nt.errors.AnalysisError, match=r"'d1' appear more than once"):
            nt.backtest(twice, "compromise")
