"""How sure each conclusion is, in one call: :func:`robustness`."""

from __future__ import annotations

import concurrent.futures
import datetime
import math
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from negotrack.analysis._parameters import check_count
from negotrack.analysis.agreement.results import issue_units
from negotrack.analysis.deadlocks.api import analyze_conditions
from negotrack.analysis.gaps import analyze
from negotrack.analysis.robustness.claims import Claim, claims, facts
from negotrack.analysis.robustness.results import (
    ConclusionRobustness,
    Dependence,
    Distribution,
    Estimate,
    IssueOdds,
    KnotOdds,
    PackageOdds,
    RobustnessReport,
    label,
)
from negotrack.analysis.robustness.sampling import Input, alternatives, inputs, sampled_snapshot
from negotrack.analysis.robustness.tally import (
    ANALYSES,
    Job,
    Tally,
    install,
    run_batch,
    run_samples,
    step_size,
)
from negotrack.errors import AnalysisError, InvalidTypeError, ValidationError
from negotrack.model._checks import check_date
from negotrack.timeline.parties import select_parties
from negotrack.timeline.records import (
    DEFAULT_MIN_CREDIBILITY,
    DEFAULT_PROBABILITIES,
    Credibility,
)
from negotrack.timeline.timeline import Timeline

__all__ = ["IN_PROCESS_SAMPLES", "robustness"]

#: Below this many samples (and without an executor) the samples run in this process;
#: from it on, on a process pool of ``workers`` processes.
IN_PROCESS_SAMPLES = 5000

#: Batches per worker when the batch size is not given (a few, to balance the load).
_BATCHES_PER_WORKER = 4


def _table(
    probabilities: Mapping[Credibility, float] | Mapping[str, float] | None,
) -> dict[Credibility, float]:
    table = dict(DEFAULT_PROBABILITIES)
    if probabilities is None:
        return table
    if not isinstance(probabilities, Mapping):
        raise InvalidTypeError(
            f"probabilities={probabilities!r} must map credibility levels to probabilities",
            path="probabilities",
            value=probabilities,
        )
    for level, p in probabilities.items():
        cred = Credibility.parse(level, field="probabilities")
        if isinstance(p, bool) or not isinstance(p, int | float) or not 0.0 <= p <= 1.0:
            raise ValidationError(
                f"probabilities[{cred.label!r}]={p!r} must be a number in [0, 1]",
                path=f"probabilities.{cred.label}",
                value=p,
            )
        table[cred] = float(p)
    return table


def _batches(samples: int, size: int) -> list[tuple[int, int]]:
    return [(a, min(a + size, samples)) for a in range(0, samples, size)]


def _run(
    job: Job,
    samples: int,
    executor: concurrent.futures.Executor | None,
    workers: int | None,
    batch_size: int | None,
) -> Tally:
    n_workers = (
        workers
        or (getattr(executor, "_max_workers", None) if executor is not None else None)
        or os.cpu_count()
        or 1
    )
    size = batch_size or max(1, math.ceil(samples / (n_workers * _BATCHES_PER_WORKER)))
    batches = _batches(samples, size)
    serial = n_workers == 1 or (workers is None and samples < IN_PROCESS_SAMPLES)
    if executor is None and serial:
        total = Tally(claims=[0] * len(job.claims))
        for start, stop in batches:
            total.absorb(run_samples(job, start, stop))
        return total
    token = Job.token()
    if executor is None:
        with concurrent.futures.ProcessPoolExecutor(
            max_workers=n_workers, initializer=install, initargs=(token, job)
        ) as pool:  # the job is sent once per process, with the initializer
            return _gather(pool, token, None, batches, len(job.claims))
    client = getattr(executor, "_client", None)  # dask: Client.get_executor()
    sent: Any = job  # an executor of unknown kind: the job travels with each batch
    if client is not None and hasattr(client, "scatter"):
        sent = client.scatter(job, broadcast=True)  # once per worker
    elif isinstance(executor, concurrent.futures.ThreadPoolExecutor):
        install(token, job)  # threads share this process's copy
        sent = None
    return _gather(executor, token, sent, batches, len(job.claims))


def _gather(
    executor: concurrent.futures.Executor,
    token: str,
    sent: Any,
    batches: Sequence[tuple[int, int]],
    n_claims: int,
) -> Tally:
    futures = [executor.submit(run_batch, token, sent, a, b) for a, b in batches]
    total = Tally(claims=[0] * n_claims)
    for future in futures:
        total.absorb(future.result())
    return total


def _sensitivity(
    job: Job, items: Sequence[Input], chosen: Sequence[Claim]
) -> dict[str, list[Dependence]]:
    """One at a time: for each claim, how likely each input alone is to make it false."""
    scores: dict[str, dict[str, float]] = {c.id: {} for c in chosen}
    for item in items:
        for weight, reading in alternatives(job.timeline, job.at, item, job.probabilities):
            if weight <= 0:
                continue
            snap = sampled_snapshot(job.timeline, job.at, job.min_credibility, reading)
            conditions = analyze_conditions(
                snap, parties=job.parties, condition_holders=job.condition_holders
            )
            found = facts(analyze(snap, job.parties, conditions=conditions), conditions)
            for claim in chosen:
                if not claim.holds(found):
                    by = scores[claim.id]
                    by[item.key] = by.get(item.key, 0.0) + weight
    return {
        cid: [
            Dependence(key, min(1.0, flips))
            for key, flips in sorted(by.items(), key=lambda kv: -kv[1])[:2]
        ]
        for cid, by in scores.items()
    }


def robustness(
    timeline: Timeline,
    at: datetime.date | None = None,
    *,
    samples: int = 1000,
    seed: int = 0,
    executor: concurrent.futures.Executor | None = None,
    workers: int | None = None,
    batch_size: int | None = None,
    threshold: float = 0.95,
    margin: float = 2.0,
    probabilities: Mapping[Credibility, float] | Mapping[str, float] | None = None,
    min_credibility: Credibility | str = DEFAULT_MIN_CREDIBILITY,
    parties: Iterable[str] | None = None,
    condition_holders: Iterable[str] | None = None,
    analyses: Iterable[str] = ANALYSES,
    sensitivity: bool = True,
) -> RobustnessReport:
    """How sure each conclusion is: analyse many readings of an uncertain record.

    Each sample draws one reading of the record from its uncertainty
    (:class:`negotrack.Uncertainty`): each record is true with its probability (its own,
    or its credibility's in ``probabilities``), an inferred date falls anywhere in its
    range, an ideal or a bound anywhere in its range, a red line with its probability. The
    gaps, the conditions, the agreement space's solutions and the forecasts of each
    reading are counted; each conclusion of the brief gets the share of readings in which
    it holds, a label, and the inputs it depends on most.

    Parameters
    ----------
    timeline : Timeline
        The record.
    at : datetime.date, optional
        The date analysed (default: after every record).
    samples : int, optional
        How many readings to draw (default 1000). The standard error of a probability is
        at most ``0.5 / sqrt(samples)``.
    seed : int, optional
        The seed: the same seed gives the same report, whatever the executor, the number
        of workers and the batch size (sample ``i`` draws from a generator seeded by a
        hash of ``(seed, i)``; batches return integer counts).
    executor : concurrent.futures.Executor, optional
        Where to run the batches of samples: any executor (a ``ProcessPoolExecutor``, a
        Dask cluster through ``Client.get_executor()``). Default: a process pool of
        ``workers`` processes (in this process when ``workers`` is 1).
    workers : int, optional
        Processes of the default pool. Default: this process below
        :data:`IN_PROCESS_SAMPLES` samples, else every core.
    batch_size : int, optional
        Samples per task (default: about four batches per worker).
    threshold : float, optional
        A conclusion is robust if it holds in at least this share of samples (0.95).
    margin : float, optional
        Labels must hold beyond this many standard errors (default 2); a conclusion
        closer to the threshold is ``undetermined``.
    probabilities : mapping of Credibility to float, optional
        Overrides of :data:`~negotrack.timeline.records.DEFAULT_PROBABILITIES`, the
        probability that a record without its own is true (``{"reported": 0.9}``).
    min_credibility : Credibility or str, optional
        Records below this level are not counted (default ``"alleged"``), as everywhere.
    parties : iterable of str, optional
        Only these parties (default: all).
    condition_holders : iterable of str, optional
        Read only the conditions these parties hold (default: every party's), as
        :func:`~negotrack.analyze_conditions` does.
    analyses : iterable of str, optional
        Which of ``"agreement"`` and ``"forecasts"`` each sample also runs (default both;
        the gaps and conditions always run).
    sensitivity : bool, optional
        Find the inputs each conclusion not labelled robust depends on most (one at a
        time; default True).

    Returns
    -------
    RobustnessReport

    Raises
    ------
    ValidationError
        If ``samples`` < 1, ``threshold`` is outside (0, 1], ``margin`` < 0, a probability
        is outside [0, 1] or an analysis is unknown.
    UnknownReferenceError
        If ``parties`` or ``condition_holders`` names an unknown party.

    Notes
    -----
    Laws (property-tested): with no uncertainty every sample equals the deterministic
    analysis and every conclusion is robust; the report does not depend on the executor,
    the number of workers or the batch size; a label holds beyond ``margin`` standard
    errors.

    Examples
    --------
    >>> import negotrack as nt
    >>> tl = nt.load("examples/ukraine_dec2025.toml").timeline
    >>> report = nt.robustness(tl, samples=200, seed=1, analyses=())
    >>> report
    <RobustnessReport: 200 samples, 25 uncertain inputs; conclusions: 0 robust, 4 fragile, 2 undetermined>
    >>> print(report.conclusion("hardest:donbas_withdrawal").describe())
    [fragile] The hardest issue is Ukrainian withdrawal from the rest of Donbas: holds in 44.5 % ± 3.5; hangs on ru-donbas-2.red_line (50 %), ru-donbas-2.true (15 %)
    """
    if not isinstance(timeline, Timeline):
        raise InvalidTypeError(
            f"timeline={timeline!r} must be a Timeline", path="timeline", value=timeline
        )
    if at is not None:
        check_date("robustness", "at", at)
    samples = check_count("samples", samples, 1, error=ValidationError)
    seed = check_count("seed", seed, 0, error=ValidationError)
    if workers is not None:
        check_count("workers", workers, 1, error=ValidationError)
    if batch_size is not None:
        check_count("batch_size", batch_size, 1, error=ValidationError)
    if (
        isinstance(threshold, bool)
        or not isinstance(threshold, int | float)
        or not 0 < threshold <= 1
    ):
        raise ValidationError(
            f"threshold={threshold!r} must lie in (0, 1]", path="threshold", value=threshold
        )
    if isinstance(margin, bool) or not isinstance(margin, int | float) or not margin >= 0:
        raise ValidationError(f"margin={margin!r} must be >= 0", path="margin", value=margin)
    chosen_analyses = tuple(analyses)
    for name in chosen_analyses:
        if name not in ANALYSES:
            raise ValidationError(
                f"analyses: {name!r} is not one of {', '.join(ANALYSES)}",
                path="analyses",
                value=name,
            )
    table = _table(probabilities)
    level = Credibility.parse(min_credibility, field="min_credibility")
    coded = timeline.snapshot(at, min_credibility=level)
    who = None if parties is None else tuple(select_parties(coded, parties))
    held = (
        None
        if condition_holders is None
        else tuple(select_parties(coded, condition_holders, path="condition_holders"))
    )
    conditions = analyze_conditions(coded, parties=who, condition_holders=held)
    report = analyze(coded, who, conditions=conditions)
    names = {i.id: i.label for i in timeline.issues}
    job = Job(
        timeline=timeline,
        at=at,
        min_credibility=level,
        parties=who,
        condition_holders=held,
        probabilities=table,
        seed=seed,
        analyses=chosen_analyses,
        claims=claims(report, conditions, names),
    )
    total = _run(job, samples, executor, workers, batch_size)
    if total.n != samples:  # pragma: no cover - an executor that lost a batch
        raise AnalysisError(f"robustness: {total.n} of {samples} samples came back", value=total.n)
    uncertain = inputs(timeline, at, table)
    conclusions = []
    labels = {
        c.id: label(Estimate(k, samples), threshold, margin)
        for c, k in zip(job.claims, total.claims, strict=True)
    }
    shaky = [c for c in job.claims if labels[c.id] != "robust"]
    depends = _sensitivity(job, uncertain, shaky) if sensitivity and shaky else {}
    for claim, k in zip(job.claims, total.claims, strict=True):
        conclusions.append(
            ConclusionRobustness(
                claim=claim,
                holds=Estimate(k, samples),
                label=labels[claim.id],
                depends_on=tuple(depends.get(claim.id, ())),
            )
        )
    issues = []
    for issue in timeline.issues:
        status: Mapping[str, int] = total.status.get(issue.id, {})
        steps = total.needed.get(issue.id)
        issues.append(
            IssueOdds(
                issue=issue,
                overlap=Estimate(status.get("agreed", 0) + status.get("overlap", 0), samples),
                deadlock=Estimate(total.deadlocked.get(issue.id, 0), samples),
                statuses={s: Estimate(k, samples) for s, k in sorted(status.items())},
                needed=None
                if not steps
                else Distribution(issue, dict(steps), step_size(issue.scale), moves=True),
            )
        )
    coded_knots = {c.subject for c in job.claims if c.kind == "knot"}
    knots = tuple(
        KnotOdds(key, Estimate(k, samples), key in coded_knots)
        for key, k in sorted(total.knots.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    by_issue = {i.id: i for i in timeline.issues}
    units = issue_units(timeline.issues)
    return RobustnessReport(
        samples=samples,
        seed=seed,
        date=at,
        min_credibility=level.label,
        parties=who or coded.party_ids,
        condition_holders=held,
        threshold=float(threshold),
        margin=float(margin),
        probabilities={c.label: table[c] for c in sorted(table, reverse=True)},
        inputs=tuple(i.key for i in uncertain),
        issues=tuple(issues),
        knots=knots,
        solutions={
            name: tuple(
                PackageOdds.of(key, Estimate(k, samples), units)
                for key, k in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            )
            for name, counts in sorted(total.solutions.items())
        },
        forecasts={
            issue: {
                m: Distribution(by_issue[issue], dict(steps), step_size(by_issue[issue].scale))
                for m, steps in sorted(by.items())
            }
            for issue in by_issue
            if (by := total.forecasts.get(issue))
        },
        conclusions=tuple(conclusions),
        agreement_cut=total.spaces_cut,
    )
