"""Hypothesis strategies for negotrack's types: the ones negotrack's own tests use.

Strategies follow hypothesis' API style: plural nouns, keyword-only arguments that are
strategies, ``min_size``/``max_size``, built bottom-up so that failing examples shrink well.
They are registered with hypothesis (see the ``hypothesis`` entry point), so
``st.from_type(nt.Region)`` works once negotrack is installed.

Examples
--------
>>> import negotrack as nt
>>> from hypothesis import given
>>> from negotrack.testing import strategies as nts
>>> @given(nts.same_scale_regions(2))
... def test_union_contains_both(pair):
...     a, b = pair
...     assert a.is_subset(a | b) and b.is_subset(a | b)
>>> test_union_contains_both()

Layout: one module per part of the library whose types are drawn, each building on the ones
above it; import everything from here, ``negotrack.testing.strategies`` (the ``_`` helpers
the modules share are not part of it)::

    model.py       identifiers, dates, scales, values, regions, positions, issues, parties,
                   sources
    timeline.py    credibilities, statements, events, timelines, snapshots
    conditions.py  clauses, conditions, condition timelines
    scenarios.py   whole scenarios
    uncertainty.py uncertainties fitted to records, uncertain timelines
    agreement.py   utility functions and agreement spaces
    formats.py     utility domains as Genius and GeniusWeb files define them
"""

from __future__ import annotations

from .agreement import (
    agreement_spaces,
    continuous_agreement_spaces,
    dyadic_units,
    utility_functions,
)
from .conditions import clauses, condition_timelines, conditions
from .formats import utility_domains
from .model import (
    dates,
    identifiers,
    issues,
    labelled_scales,
    nominal_scales,
    numeric_scales,
    ordinal_scales,
    parties,
    positions,
    regions,
    same_scale_regions,
    scales,
    sources,
    values,
)
from .scenarios import scenarios
from .timeline import TIMELINE_END as TIMELINE_END  # the default date window (not in __all__)
from .timeline import TIMELINE_START as TIMELINE_START
from .timeline import credibilities, events, snapshots, statements, timelines
from .uncertainty import uncertain_timelines, uncertainties

__all__ = [
    "agreement_spaces",
    "clauses",
    "condition_timelines",
    "conditions",
    "continuous_agreement_spaces",
    "credibilities",
    "dates",
    "dyadic_units",
    "events",
    "identifiers",
    "issues",
    "labelled_scales",
    "nominal_scales",
    "numeric_scales",
    "ordinal_scales",
    "parties",
    "positions",
    "regions",
    "same_scale_regions",
    "scales",
    "scenarios",
    "snapshots",
    "sources",
    "statements",
    "timelines",
    "uncertain_timelines",
    "uncertainties",
    "utility_domains",
    "utility_functions",
    "values",
]
