"""Registers negotrack's strategies with hypothesis (called through the entry point).

Hypothesis runs the hook while it is being imported, possibly from inside
``negotrack.testing.strategies`` itself, so the strategies module is imported lazily,
when a strategy is first drawn from.
"""

from __future__ import annotations

from typing import Any


def _lazy(name: str) -> Any:
    import hypothesis.strategies as st

    def build() -> Any:
        from negotrack.testing import strategies as nts

        return getattr(nts, name)()

    return st.deferred(build)


def _hypothesis_setup_hook() -> None:
    import hypothesis.strategies as st

    import negotrack as nt

    registry: dict[type, str] = {
        nt.NumericScale: "numeric_scales",
        nt.OrdinalScale: "ordinal_scales",
        nt.NominalScale: "nominal_scales",
        nt.Scale: "scales",
        nt.Region: "regions",
        nt.Position: "positions",
        nt.Issue: "issues",
        nt.Party: "parties",
        nt.Source: "sources",
        nt.Credibility: "credibilities",
        nt.Event: "events",
        nt.Timeline: "timelines",
        nt.Snapshot: "snapshots",
        nt.Condition: "conditions",
        nt.Scenario: "scenarios",
        nt.AgreementSpace: "agreement_spaces",
    }
    for cls, name in registry.items():
        st.register_type_strategy(cls, _lazy(name))
