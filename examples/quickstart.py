"""Quickstart: positions on three kinds of issue, and how far apart they are.

Run it with ``make demo`` or ``.venv/bin/python examples/quickstart.py``.

The numbers on the first issue come from the December 2025 reporting (the US-Ukraine
framework offers security guarantees for 15 years; Kyiv asks for 50). The positions on
the other two issues are illustrative, to show an ordinal and a nominal scale at work.
Only the model layer is used: scales, regions and positions.
"""

from __future__ import annotations

import negotrack as nt
from negotrack.model.scales import format_number

# ---------------------------------------------------------------------------- the issues
years = nt.NumericScale(0, 100, unit="years")
tiers = nt.OrdinalScale(["none", "assurances", "coalition force", "article-5-like"])
bodies = nt.NominalScale(["US", "EU", "UN", "US-Russia"])

duration = nt.Issue("guarantee_years", years, title="Security guarantee duration")
kind = nt.Issue("guarantee_type", tiers, title="Kind of security guarantee")
oversight = nt.Issue("asset_oversight", bodies, title="Oversight of unfrozen Russian assets")

# ---------------------------------------------------------------------------- the positions
us = nt.Party("US", name="United States")
ua = nt.Party("UA", name="Ukraine")

positions: dict[str, dict[str, nt.Position]] = {
    duration.id: {
        # Reported: the framework's 15 years is the US offer; Kyiv asks for 50.
        us.id: nt.Position(ideal=15, acceptable=nt.Region.interval(years, 0, 15)),
        ua.id: nt.Position(
            ideal=50, acceptable=nt.Region.interval(years, 50, 100), salience=0.9, red_line=True
        ),
    },
    kind.id: {
        # Illustrative.
        us.id: nt.Position(
            ideal="assurances",
            acceptable=nt.Region.interval(tiers, "assurances", "coalition force"),
            salience=0.6,
        ),
        ua.id: nt.Position(
            ideal="article-5-like",
            acceptable=nt.Region.interval(tiers, "coalition force", "article-5-like"),
            salience=1.0,
        ),
    },
    oversight.id: {
        # Illustrative: "shared oversight" read as a choice of overseeing body.
        us.id: nt.Position(ideal="US-Russia", acceptable=nt.Region.labels(bodies, ["US-Russia"])),
        ua.id: nt.Position(ideal="EU", acceptable=nt.Region.labels(bodies, ["EU", "UN"])),
    },
}


# ---------------------------------------------------------------------------- plain words
def amount(scale: nt.Scale, share: float) -> str:
    """Say how much a share of the scale is, in the scale's own terms."""
    if isinstance(scale, nt.NumericScale):
        unit = f" {scale.unit}" if scale.unit else ""
        return f"{format_number(round(share * scale.span, 6))}{unit}"
    steps = round(share * scale.span)
    return f"{steps} step{'s' if steps != 1 else ''}"


def compare(issue: nt.Issue, a: nt.Party, b: nt.Party) -> list[str]:
    """Describe two parties' positions on an issue and the distance between them."""
    scale = issue.scale
    pa, pb = positions[issue.id][a.id], positions[issue.id][b.id]
    lines = [f"{issue.label} ({scale})"]
    lines += [f"  {p.label}: {pos.describe()}" for p, pos in ((a, pa), (b, pb))]
    overlap = pa.acceptable & pb.acceptable
    if not overlap.is_empty:
        lines.append(
            f"  Overlap: both can accept {overlap.describe()} ({overlap.measure:.0%} of the scale)."
        )
    elif scale.ordered:
        gap = pa.acceptable.gap(pb.acceptable)
        lines.append(
            f"  No overlap: the closest acceptable outcomes are {amount(scale, gap)} apart "
            f"({gap:.2f} of the scale)."
        )
    else:
        lines.append("  No overlap: no option is acceptable to both.")
    ideal = scale.distance(pa.ideal, pb.ideal)
    if scale.ordered:
        lines.append(f"  Ideal points: {amount(scale, ideal)} apart ({ideal:.2f} of the scale).")
    else:
        same = "the same" if ideal == 0 else "different"
        lines.append(f"  Ideal points: {same} options (distance {ideal:g}).")
    spread = pa.acceptable.hausdorff(pb.acceptable)
    if scale.ordered:
        lines.append(
            f"  The acceptable sets lie up to {amount(scale, spread)} from each other "
            f"(Hausdorff distance {spread:.2f})."
        )
    else:
        same = "the same" if spread == 0 else "different"
        lines.append(f"  The acceptable sets are {same} (Hausdorff distance {spread:g}).")
    return lines


def main() -> None:
    """Print the comparison on every issue."""
    for issue in (duration, kind, oversight):
        print("\n".join(compare(issue, us, ua)))
        print()


if __name__ == "__main__":
    main()
