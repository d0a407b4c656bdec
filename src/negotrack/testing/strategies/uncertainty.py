"""Strategies for uncertain records: uncertainties fitted to a record, uncertain timelines."""

from __future__ import annotations

import datetime
from typing import Any

import attrs
import hypothesis.strategies as st
from hypothesis.strategies import SearchStrategy

from negotrack.model.uncertainty import Uncertainty
from negotrack.timeline.records import Record, Statement
from negotrack.timeline.timeline import Timeline

from .timeline import timelines as _timelines

_PROBABILITIES = st.one_of(st.none(), st.sampled_from([0.0, 0.25, 0.5, 0.9, 1.0]))


def uncertainties(record: Record) -> SearchStrategy[Uncertainty]:
    """Uncertainties that fit ``record``: ranges around its coded values, dates around its own.

    Ranges contain what they are ranges of (the ideal, the lowest and highest acceptable
    values) on an ordered scale; events and conditions get a probability and dates only.

    Examples
    --------
    >>> import datetime, negotrack as nt
    >>> from hypothesis import given
    >>> from negotrack.testing import strategies as nts
    >>> ev = nt.Event(id="e", date=datetime.date(2025, 12, 5), title="claim")
    >>> @given(nts.uncertainties(ev))
    ... def test_fits(u):
    ...     assert attrs.evolve(ev, uncertainty=u).uncertainty == u
    >>> import attrs; test_fits()
    """
    date = record.date

    @st.composite
    def build(draw: st.DrawFn) -> Uncertainty:
        fields: dict[str, Any] = {"probability": draw(_PROBABILITIES)}
        if draw(st.booleans()):
            before, after = draw(st.integers(0, 3)), draw(st.integers(0, 3))
            fields["dates"] = (
                date - datetime.timedelta(days=before),
                date + datetime.timedelta(days=after),
            )
        if isinstance(record, Statement) and record.position.scale.kind != "nominal":
            pos = record.position
            scale = pos.scale
            lo_all, hi_all = scale.lowest, scale.highest
            bounds = pos.acceptable.bounds
            coded = {"ideal": pos.ideal, "lower": bounds[0] if bounds else None}
            coded["upper"] = bounds[1] if bounds else None
            for field, value in coded.items():
                if value is None or not draw(st.booleans()):
                    continue
                c = scale.coord(value)
                lo: float
                hi: float
                if scale.discrete:
                    lo = draw(st.integers(int(lo_all), int(c)))
                    hi = draw(st.integers(int(c), int(hi_all)))
                else:
                    lo = draw(st.floats(lo_all, c))
                    hi = draw(st.floats(c, hi_all))
                fields[field] = (scale.value(float(lo)), scale.value(float(hi)))
            if draw(st.booleans()):
                fields["red_line"] = draw(st.sampled_from([0.0, 0.3, 0.7, 1.0]))
        return Uncertainty(**fields)

    return build()


def uncertain_timelines(
    *, timelines: SearchStrategy[Timeline] | None = None
) -> SearchStrategy[Timeline]:
    """Timelines some of whose records carry an :class:`~negotrack.Uncertainty`.

    Parameters
    ----------
    timelines : SearchStrategy[Timeline], optional
        The timelines to make uncertain (default :func:`timelines` with few statements).

    Examples
    --------
    >>> from hypothesis import given
    >>> from negotrack.testing import strategies as nts
    >>> @given(nts.uncertain_timelines())
    ... def test_valid(tl):
    ...     assert all(r.uncertainty is None or r.id for r in tl.records)
    >>> test_valid()
    """
    base = timelines if timelines is not None else _timelines(max_statements=6, max_issues=2)

    @st.composite
    def build(draw: st.DrawFn) -> Timeline:
        tl = draw(base)
        records = [
            attrs.evolve(r, uncertainty=draw(uncertainties(r))) if draw(st.booleans()) else r
            for r in tl.records
        ]
        return Timeline(issues=tl.issues, parties=tl.parties, records=records)

    return build()
