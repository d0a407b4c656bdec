"""The agreement space: packages, the Pareto frontier, bargaining solutions and logrolls.

A *package* is one outcome per issue; the *agreement space* is the set of packages every red
line allows, valued by each party's linear-additive utility. Everything public is
re-exported here (``from negotrack.analysis.agreement import AgreementSpace``; the core
names also as ``nt.AgreementSpace`` ...). One module per topic::

    results.py    what the analyses return: Solution, Logroll, Frontier, AgreementReport
    frontier.py   the exact Pareto frontier, merged issue by issue (merge_frontier)
    continuous.py the same with continuous numeric issues (two parties): points, segments
    continuous_milp.py  their solutions for three or more parties: mixed-integer programs
    solutions.py  the bargaining solutions picked from the frontier (SOLUTIONS)
    space.py      AgreementSpace: packages, utilities, frontier, solutions, logrolls
    api.py        agreement_space() and agreement(): the space and its report for a snapshot

References
----------
Nash, J. (1950). The bargaining problem. *Econometrica* 18(2), 155-162.
Kalai, E. & Smorodinsky, M. (1975). Other solutions to Nash's bargaining problem.
*Econometrica* 43(3), 513-518.
Mohammad, Y. et al. NegMAS: a platform for automated negotiations (``negmas.preferences``).
"""

from __future__ import annotations

from .api import (
    agreement,
    agreement_from_utilities,
    agreement_space,
    agreement_space_from_utilities,
)
from .frontier import merge_frontier as merge_frontier  # importable here, as before the split
from .results import AgreementReport, Frontier, FrontierSegment, Logroll, Solution
from .solutions import SOLUTIONS
from .space import AgreementSpace

__all__ = [
    "SOLUTIONS",
    "AgreementReport",
    "AgreementSpace",
    "Frontier",
    "FrontierSegment",
    "Logroll",
    "Solution",
    "agreement",
    "agreement_from_utilities",
    "agreement_space",
    "agreement_space_from_utilities",
]
