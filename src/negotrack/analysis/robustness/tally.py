"""Counting what the samples say: one job, batches of samples, and the tallies they return.

A :class:`Job` holds everything a worker needs (the timeline, the date, the options, the
claims); it travels once per worker (named by a token, serialised by the executor) and is
kept in :data:`_JOBS`. :func:`run_batch` runs samples ``start`` to ``stop - 1`` of the job and
returns a :class:`Tally` of integer counts only, so tallies add up to the same total in
any order and any grouping: the result does not depend on the executor, the number of
workers or the batch size.
"""

from __future__ import annotations

import datetime
import functools
import json
import secrets
from collections import Counter
from collections.abc import Mapping
from typing import Any

import attrs

from negotrack.analysis.deadlocks.api import analyze_conditions
from negotrack.analysis.forecast import METHODS, forecast_coordinate
from negotrack.analysis.gaps import compute_gap
from negotrack.analysis.robustness.claims import Claim, facts, knots
from negotrack.analysis.robustness.sampling import (
    Reading,
    draw,
    grain,
    plan,
    sample_rng,
    sampled_snapshot,
)
from negotrack.analysis.robustness.spaces import SpaceCache
from negotrack.errors import AnalysisError
from negotrack.model.entities import Issue
from negotrack.model.scales import Scale
from negotrack.timeline.records import Credibility
from negotrack.timeline.snapshot import Snapshot
from negotrack.timeline.timeline import Timeline

__all__ = [
    "ANALYSES",
    "Job",
    "Outcome",
    "Tally",
    "evaluate",
    "outcome",
    "run_batch",
    "step",
    "step_size",
]

#: What each sample runs: the gaps and the conditions always (the brief's conclusions
#: rest on them); the agreement space's solutions and the forecasts unless left out.
ANALYSES = ("agreement", "forecasts")


@attrs.frozen
class Job:
    """Everything a worker needs to run samples (sent once per worker)."""

    timeline: Timeline = attrs.field(eq=False)
    at: datetime.date | None
    min_credibility: Credibility
    parties: tuple[str, ...] | None
    probabilities: Mapping[Credibility, float] | None = attrs.field(hash=False)
    seed: int
    analyses: tuple[str, ...]
    claims: tuple[Claim, ...]
    #: Whose conditions each reading reads (None: every party's).
    condition_holders: tuple[str, ...] | None = None
    #: Results already computed in this process, by what they depend on (positions): a
    #: reading that repeats another's positions on an issue reuses its forecasts, one that
    #: repeats the whole record reuses everything. Pure functions, so no result changes.
    memo: dict[Any, Any] = attrs.field(factory=dict, eq=False, repr=False)

    @staticmethod
    def token() -> str:
        """Return a fresh name for a job sent to workers."""
        return secrets.token_hex(16)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle without :attr:`memo`: a worker starts with its own empty one.

        The memo is this process's cache; sending it would ship results a worker can
        recompute, and pickling it while this process fills it fails ("dictionary changed
        size during iteration", seen once with a Dask cluster).
        """
        fields = {a.name: getattr(self, a.name) for a in attrs.fields(Job) if a.name != "memo"}
        return (_job, (fields,))


def _job(fields: dict[str, Any]) -> Job:
    """Rebuild a :class:`Job` sent to a worker (see :meth:`Job.__reduce__`)."""
    return Job(**fields)


@attrs.define
class Tally:
    """Integer counts over a set of samples (add two with ``+``).

    Attributes
    ----------
    n : int
        Samples counted.
    status : dict
        Issue id to gap status to count.
    deadlocked : Counter
        Issue id to samples with a red-line deadlock.
    needed : dict
        Issue id to the largest needed move (in steps of :func:`step_size`) to count.
    knots : Counter
        Knot to samples where it exists.
    solutions : dict
        Solution name to package (JSON, ``""`` for none) to count.
    spaces_cut : int
        Samples whose agreement space's frontier the readings' work budget
        (:data:`~negotrack.analysis.robustness.spaces.READING_WORK`) cut short: their
        solutions are the best of a subset of the frontier.
    forecasts : dict
        Issue id to method to forecast (steps of :func:`step_size` from the scale's
        lowest value) to count.
    claims : list of int
        Per claim of the job, the samples where it holds.
    """

    n: int = 0
    status: dict[str, Counter[str]] = attrs.field(factory=dict)
    deadlocked: Counter[str] = attrs.field(factory=Counter)
    needed: dict[str, Counter[int]] = attrs.field(factory=dict)
    knots: Counter[str] = attrs.field(factory=Counter)
    solutions: dict[str, Counter[str]] = attrs.field(factory=dict)
    forecasts: dict[str, dict[str, Counter[int]]] = attrs.field(factory=dict)
    claims: list[int] = attrs.field(factory=list)
    spaces_cut: int = 0

    def absorb(self, other: Tally) -> None:
        """Add ``other``'s counts to this tally (in place)."""

        def into(mine: dict[str, Any], theirs: Mapping[str, Any]) -> None:
            for key, value in theirs.items():
                if isinstance(value, Counter):
                    mine.setdefault(key, Counter()).update(value)
                else:
                    into(mine.setdefault(key, {}), value)

        self.n += other.n
        into(self.status, other.status)
        self.deadlocked.update(other.deadlocked)
        into(self.needed, other.needed)
        self.knots.update(other.knots)
        into(self.solutions, other.solutions)
        into(self.forecasts, other.forecasts)
        self.spaces_cut += other.spaces_cut
        if len(self.claims) < len(other.claims):
            self.claims += [0] * (len(other.claims) - len(self.claims))
        for k, count in enumerate(other.claims):
            self.claims[k] += count

    @classmethod
    def of(cls, counts: Mapping[tuple[Any, ...], int], n_claims: int, n: int = 1) -> Tally:
        """Return the tally of ``n`` samples whose :func:`outcome` keys were counted."""
        tally = cls(n=n, claims=[0] * n_claims)
        for key, k in counts.items():
            kind = key[0]
            if kind == "status":
                tally.status.setdefault(key[1], Counter())[key[2]] += k
            elif kind == "deadlocked":
                tally.deadlocked[key[1]] += k
            elif kind == "needed":
                tally.needed.setdefault(key[1], Counter())[key[2]] += k
            elif kind == "knot":
                tally.knots[key[1]] += k
            elif kind == "solution":
                tally.solutions.setdefault(key[1], Counter())[key[2]] += k
            elif kind == "forecast":
                tally.forecasts.setdefault(key[1], {}).setdefault(key[2], Counter())[key[3]] += k
            elif kind == "space_cut":
                tally.spaces_cut += k
            else:
                tally.claims[key[1]] += k
        return tally

    def __add__(self, other: Tally) -> Tally:
        total = Tally()
        total.absorb(self)
        total.absorb(other)
        return total


def _remember(job: Job, key: Any, compute: Any) -> Any:
    memo = job.memo
    if key in memo:
        return memo[key]
    if len(memo) >= _MEMO_SIZE:
        memo.clear()
    value = memo[key] = compute()
    return value


_MEMO_SIZE = 20_000

#: Statements drawn otherwise kept for readings that draw the same (a draw from a
#: continuous range rarely repeats: a small bound keeps the memory per worker low).
_MADE_SIZE = 2_000


#: One sample's result as flat keys, each counted once (see :meth:`Tally.of`):
#: ``("status", issue, status)``, ``("deadlocked", issue)``, ``("needed", issue, steps)``,
#: ``("knot", knot)``, ``("solution", name, package)``, ``("space_cut",)`` when the
#: agreement space was cut short, ``("forecast", issue, method, steps)`` and ``("claim",
#: index)`` for each claim that holds.
Outcome = tuple[tuple[Any, ...], ...]


def evaluate(job: Job, snap: Snapshot, names: Mapping[Any, Any] | None = None) -> Tally:
    """Analyse one sampled snapshot into a tally of one sample (:func:`outcome`, counted)."""
    return Tally.of(dict.fromkeys(outcome(job, snap, names), 1), len(job.claims))


def outcome(job: Job, snap: Snapshot, names: Mapping[Any, Any] | None = None) -> Outcome:
    """Analyse one sampled snapshot: its result as the flat keys a tally counts.

    What the snapshot's positions already gave in this process is reused (per issue for
    gaps and forecasts; per set of conditions in force for the sequencing knots, which
    depend on nothing else; the whole record otherwise). ``names`` stands, for each
    (party, issue) of the snapshot, for the position held there: a hashable that only
    that position has (by default the position itself; :func:`run_reading` passes the
    statement's id and what was drawn for it, cheaper to hash than a position).
    """
    statements = snap.statements
    if names is None:
        names = {k: st.position for k, st in statements.items()}
        tag = "position"
    else:
        tag = "drawn"
    held = tuple((k, names[k]) for k in statements)
    cond_ids = tuple(c.id for c in snap.conditions)
    whole = ("snapshot", tag, held, cond_ids)
    if whole in job.memo:
        known: Outcome = job.memo[whole]
        return known
    chosen = job.parties if job.parties is not None else snap.party_ids
    gaps = []
    for issue in snap.issues:
        iid = issue.id
        ps = tuple(p for p in chosen if (p, iid) in statements)
        gaps.append(
            _remember(
                job,
                ("gap", tag, iid, ps, tuple(names[(p, iid)] for p in ps)),
                lambda issue=issue, ps=ps: compute_gap(
                    issue, ps, tuple(statements[(p, issue.id)].position for p in ps)
                ),
            )
        )
    # the knots (all the conclusions take from the condition analysis) are cycles of
    # preconditions: they depend on the conditions in force, not on the positions
    tied = _remember(
        job,
        ("knots", cond_ids),
        lambda: knots(
            analyze_conditions(snap, parties=job.parties, condition_holders=job.condition_holders)
        ),
    )
    found = facts(gaps, tied)
    keys: list[tuple[Any, ...]] = []
    for gap in gaps:
        iid = gap.issue.id
        keys.append(("status", iid, gap.status))
        if gap.deadlocked:
            keys.append(("deadlocked", iid))
        if len(gap.parties) >= 2:
            keys.append(("needed", iid, step(gap.issue.scale, gap.needed * gap.issue.scale.span)))
    keys.extend(("knot", knot) for knot in sorted(found.knots))
    if "agreement" in job.analyses:
        keys.extend(_remember(job, ("agreement", tag, held), lambda: _solutions(job, snap, names)))
    if "forecasts" in job.analyses:
        by_issue: dict[str, list[tuple[Any, Any]]] = {}
        for k, name in held:  # in record order, as the key always listed them
            by_issue.setdefault(k[1], []).append((k, name))
        for issue in snap.issues:
            iid = issue.id
            on_issue = tuple(by_issue.get(iid, ()))
            by_method = _remember(
                job,
                ("forecasts", tag, iid, on_issue),
                functools.partial(_forecasts, job, snap, issue),
            )
            keys.extend(("forecast", iid, m, k) for m, k in by_method.items())
    keys.extend(("claim", k) for k, c in enumerate(job.claims) if c.holds(found))
    result = tuple(keys)
    if len(job.memo) >= _MEMO_SIZE:
        job.memo.clear()
    job.memo[whole] = result
    return result


def step_size(scale: Scale) -> float:
    """Return the step distributions are counted in (:func:`~.sampling.grain`)."""
    return grain(scale)


def step(scale: Scale, distance: float) -> int:
    """Return ``distance`` (from the scale's lowest value) in steps of :func:`step_size`."""
    return round(distance / step_size(scale))


def _forecasts(job: Job, snap: Snapshot, issue: Issue) -> dict[str, int]:
    out: dict[str, int] = {}
    for method in METHODS:
        try:
            coord = forecast_coordinate(snap, issue.id, method, parties=job.parties)
        except AnalysisError:
            continue
        out[method] = step(issue.scale, coord - issue.scale.lowest)
    return out


def package_key(package: Mapping[str, Any]) -> str:
    """Return a package as the JSON text tallies count it by (keys sorted)."""
    return json.dumps(dict(package), sort_keys=True, ensure_ascii=False)


def _solutions(job: Job, snap: Snapshot, names: Mapping[Any, Any]) -> list[tuple[Any, ...]]:
    """Return each solution's key, and ``("space_cut",)`` if the frontier was cut short."""
    cache = job.memo.get("spaces")
    if cache is None:
        cache = job.memo["spaces"] = SpaceCache(job.parties)
    try:
        space = cache.space(snap, names)  # = AgreementSpace.from_snapshot(snap, parties=...)
        found = space.solutions()
    except AnalysisError:
        return []
    keys: list[tuple[Any, ...]] = [
        ("solution", name, "" if sol is None else package_key(sol.package))
        for name, sol in found.items()
    ]
    # the discrete frontier is cached by the solutions; the continuum of two is never cut
    if not space.continuous and not space.frontier().complete:
        keys.append(("space_cut",))
    return keys


def run_reading(job: Job, reading: Reading) -> Outcome:
    """Analyse the record under one reading (:func:`outcome` of its snapshot)."""
    made = job.memo.get("statements")
    if made is None or len(made) >= _MADE_SIZE:
        made = job.memo["statements"] = {}
    snap = sampled_snapshot(job.timeline, job.at, job.min_credibility, reading, made)
    if reading.positions or any(st.id is None for st in snap.statements.values()):
        return outcome(job, snap)
    drawn = reading.drawn  # a statement's id and what was drawn for it name its position
    names = {k: (st.id, drawn.get(st.id or "")) for k, st in snap.statements.items()}
    return outcome(job, snap, names)


def run_samples(job: Job, start: int, stop: int) -> Tally:
    """Run samples ``start`` to ``stop - 1`` of ``job`` in this process."""
    entries = job.memo.get("plan")
    if entries is None:
        entries = job.memo["plan"] = plan(job.timeline, job.probabilities)
    counts: dict[tuple[Any, ...], int] = {}
    get = counts.get
    for index in range(start, stop):
        rng = sample_rng(job.seed, index)
        reading = draw(job.timeline, job.at, rng, job.probabilities, entries=entries)
        for key in run_reading(job, reading):
            counts[key] = get(key, 0) + 1
    return Tally.of(counts, len(job.claims), n=stop - start)


#: The jobs this process has been sent, by digest (the last few).
_JOBS: dict[str, Job] = {}
_KEEP = 4


def install(token: str, job: Job) -> None:
    """Keep a job in this process (a pool's initializer, or a batch's first call)."""
    if token not in _JOBS:
        while len(_JOBS) >= _KEEP:
            _JOBS.pop(next(iter(_JOBS)))
        _JOBS[token] = job


def run_batch(token: str, job: Job | None, start: int, stop: int) -> Tally:
    """Run samples ``start`` to ``stop - 1`` of the job ``token`` (``job`` if not yet kept).

    The function an executor runs: the job arrives once per process and is kept.
    """
    if token not in _JOBS:
        if job is None:
            raise AnalysisError(
                f"robustness job {token[:12]} was not sent to this worker", value=token
            )
        install(token, job)
    return run_samples(_JOBS[token], start, stop)
