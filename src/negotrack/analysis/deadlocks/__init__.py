"""Sequencing deadlocks: cycles of preconditions in which nobody can move first.

A package by topic: :mod:`~negotrack.analysis.deadlocks.results` (the records returned),
:mod:`~negotrack.analysis.deadlocks.engine` (the precondition graph on integer arrays and
its strongly connected components), :mod:`~negotrack.analysis.deadlocks.untying` (the
smallest set of conditions to lift), :mod:`~negotrack.analysis.deadlocks.cycles` (bounded
cycle listing) and :mod:`~negotrack.analysis.deadlocks.api` (the public functions, which
this package re-exports).
"""

from negotrack.analysis.deadlocks.api import (
    analyze_conditions,
    find_deadlocks,
    list_cycles,
    untie,
)
from negotrack.analysis.deadlocks.results import (
    ConditionReport,
    CycleListing,
    DeadlockSpan,
    SequencingDeadlock,
    Untie,
    deadlock_spans,
)

__all__ = [
    "ConditionReport",
    "CycleListing",
    "DeadlockSpan",
    "SequencingDeadlock",
    "Untie",
    "analyze_conditions",
    "deadlock_spans",
    "find_deadlocks",
    "list_cycles",
    "untie",
]
