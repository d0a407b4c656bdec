"""Parity with NegMAS 0.16 on every ANAC domain under ../shared/data/genius/ with two profiles.

negotrack reads each domain with its own Genius reader (``nt.read_genius``) and builds the
agreement space from the file's utilities (``nt.agreement_space_from_utilities``); NegMAS
reads the same files with its own parser (``Scenario.from_genius_folder``, discounts
ignored). NegMAS 0.16 keeps Genius evaluations unnormalised while Genius (and negotrack)
divide each issue's evaluations by their largest, so NegMAS' own tables are divided by their
maximum before its frontier, Nash and KS points are computed (docs/agreement.md, "Genius
domains"). Compared: the frontier as a set of utility vectors, the Nash and the
Kalai–Smorodinsky utility vectors, tolerance 1e-9. Domains NegMAS cannot read are listed
in ``NEGMAS_CANNOT_READ`` with the reason; the test checks that they still fail there.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest

import negotrack as nt

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    negmas = pytest.importorskip(
        "negmas",
        reason="negmas not installed: make test installs it (the bench extra); by hand: pip install -e .[bench]",
    )
    from negmas.inout import Scenario as NegmasScenario
    from negmas.preferences import (
        LinearAdditiveUtilityFunction,
        TableFun,
        ks_points,
        nash_points,
        pareto_frontier,
    )

GENIUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "genius" / "anac"
DOMAINS = sorted(p for p in GENIUS.glob("*/*") if p.is_dir()) if GENIUS.is_dir() else []
TOL = 1e-9

#: Domains NegMAS 0.16 cannot load, with the reason (negotrack reads them).
NEGMAS_CANNOT_READ = {
    "FitnessA": "issue indices start at 2 (index 1 is the objective)",
    "FitnessB": "issue indices start at 2 (index 1 is the objective)",
    "FitnessC": "issue indices start at 2 (index 1 is the objective)",
}


def _negmas(folder: Path, parties: tuple[str, ...]) -> tuple[list[tuple[float, ...]], Any, Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sc = NegmasScenario.from_genius_folder(folder, ignore_discount=True)
        assert sc is not None
        space = sc.outcome_space
        by_name = {u.name: u for u in sc.ufuns}
        ufuns = []
        for p in parties:
            u = by_name[p]
            values = [
                TableFun({k: v / max(f.mapping.values()) for k, v in f.mapping.items()})
                for f in u.values
            ]
            ufuns.append(
                LinearAdditiveUtilityFunction(
                    values=values,
                    weights=list(u.weights),
                    outcome_space=space,
                    reserved_value=u.reserved_value,
                )
            )
        every = list(space.enumerate())
        utils, _ = pareto_frontier(ufuns, outcomes=every)
        nash = nash_points(ufuns, utils, outcome_space=space)
        ks = ks_points(ufuns, utils, outcome_space=space)
    return [tuple(map(float, u)) for u in utils], nash, ks


def _same_set(a: list[tuple[float, ...]], b: list[tuple[float, ...]]) -> bool:
    if len(a) != len(b):
        return False
    rest = list(b)
    for x in a:
        hit = next(
            (y for y in rest if all(abs(p - q) <= TOL for p, q in zip(x, y, strict=True))), None
        )
        if hit is None:
            return False
        rest.remove(hit)
    return True


def _close(x: tuple[float, ...], y: Any) -> bool:
    return all(abs(p - float(q)) <= TOL for p, q in zip(x, y, strict=True))


def test_every_anac_domain_is_compared() -> None:
    """The shared data holds the 83 ANAC 2010–2012 domains, each with two profiles."""
    if not DOMAINS:
        pytest.skip(f"no Genius data at {GENIUS}")
    assert len(DOMAINS) == 83
    assert all(len(nt.read_genius(d).utilities) == 2 for d in DOMAINS)


@pytest.mark.slow
@pytest.mark.parametrize("folder", DOMAINS, ids=[d.name for d in DOMAINS])
def test_frontier_nash_and_ks_equal_negmas(folder: Path) -> None:
    """Frontier vectors, Nash and KS utilities equal NegMAS 0.16's on the same Genius files."""
    domain = nt.read_genius(folder)
    space = nt.agreement_space_from_utilities(domain.utilities, domain.outcomes())
    if folder.name in NEGMAS_CANNOT_READ:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with pytest.raises(ValueError, match="index"):
                NegmasScenario.from_genius_folder(folder, ignore_discount=True)
        assert len(space.frontier()) > 0  # negotrack reads it
        return
    front, nash, ks = _negmas(folder, space.parties)
    assert _same_set(list(space.frontier().points), front)
    ours_nash, ours_ks = space.nash(), space.kalai_smorodinsky()
    if not front:
        assert ours_nash is None
        assert ours_ks is None
        return
    assert ours_nash is not None
    assert ours_ks is not None
    assert any(_close(tuple(ours_nash.utilities.values()), u) for u, _ in nash)
    assert any(_close(tuple(ours_ks.utilities.values()), u) for u, _ in ks)
