"""Where the Russia–Ukraine talks stand, and what the 29 Dec 2025 drone claim changed.

A policy script to copy and adapt. It loads the bundled scenario file, then:

1. prints the hardest issues at the latest date, with who must move how far;
2. compares the positions on the eve of the drone claim (28 Dec) with the latest ones;
3. repeats the analysis leaving out ALLEGED records (the claim itself, and the US shift on a
   ceasefire known only from the Kremlin's account of a phone call) to show which conclusions
   rest on contested reports;
4. prints the sequencing deadlock (nobody can move first) with its sources, and what would
   untie it;
5. says which conclusions are fragile: each one over 2,000 readings of the record's
   uncertainty (the ~$100bn, the cut-off hardening sentence, the alleged US shift, the
   inferred dates; docs/robustness.md), with what it hangs on.

Run it from the repository root: ``python examples/ukraine_dec2025.py``.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import negotrack as nt

HERE = Path(__file__).resolve().parent
SCENARIO = HERE / "ukraine_dec2025.toml"
EVE = datetime.date(2025, 12, 28)  # the Mar-a-Lago talks, the day before the claim


def heading(text: str) -> None:
    print()
    print(text)
    print("-" * len(text))


def hardest(report: nt.GapReport, names: dict[str, str]) -> None:
    """Print each issue that has positions from two parties, hardest first."""
    for gap in report.hardest():
        if len(gap.parties) < 2:
            continue
        line = f"{gap.issue.label}: {gap.status.replace('_', ' ')}"
        if gap.status == "no_overlap":
            scale = gap.issue.scale
            point = scale.format_value(gap.concessions.point)  # type: ignore[arg-type]
            unit = getattr(scale, "unit", "")
            point = f"{point} {unit}" if unit else point
            moves = ", ".join(
                f"{names[c.party]} {c.move:.3g}" for c in gap.concessions if c.move > 0
            )
            line += f" — meeting at {point} needs moves of {moves} (share of the scale)"
        if gap.deadlocked:
            line += "; DEADLOCKED (red lines)"
        print(" ", line)


def main() -> None:
    scenario = nt.load(SCENARIO)
    tl = scenario.timeline
    names = {p.id: p.label for p in tl.parties}
    latest = tl.dates[-1]
    print(scenario.title)
    print("=" * len(scenario.title))

    claim = next(e for e in tl.events if e.id == "drone-claim")
    disputed = ", ".join(names[p] for p in claim.disputed_by)
    print(
        f"The drone claim of {claim.date}: {claim.title} — credibility "
        f"{claim.credibility.label}, disputed by {disputed}."
    )

    # 1. The latest picture, every record counted.
    heading(f"Hardest issues on {latest} (alleged records and better; none is denied here)")
    everything = nt.analyze(tl.snapshot(at=latest))
    hardest(everything, names)

    changes_since_eve(tl, everything, names)
    without_alleged(tl, everything, names)
    deadlocks(everything)
    fragile(tl)


def changes_since_eve(tl: nt.Timeline, everything: nt.GapReport, names: dict[str, str]) -> None:
    """Print what changed from the eve of the claim to the latest date."""
    latest = tl.dates[-1]
    heading(f"What changed after the eve of the claim ({EVE} → {latest})")
    diff = tl.diff(EVE, latest)
    for event in diff.events:
        flag = " [contested]" if event.contested else ""
        print(f"  {event.date} event: {event.title}{flag}")
    for change in diff.changes:
        after = change.after
        assert after is not None
        cites = f", citing {', '.join(after.cites)}" if after.cites else ""
        before = change.before.position.describe() if change.before else "no position"
        print(
            f"  {names[change.party]} on {change.issue}: {before} → "
            f"{after.position.describe()} [{after.credibility.label}{cites}]"
        )
    eve = nt.analyze(tl.snapshot(at=EVE))
    changed = False
    for gap in everything:
        old = eve[gap.issue.id]
        if (old.status, old.deadlocked) != (gap.status, gap.deadlocked):
            print(
                f"  {gap.issue.label}: {old.status}{' (deadlocked)' if old.deadlocked else ''}"
                f" → {gap.status}{' (deadlocked)' if gap.deadlocked else ''}"
            )
            changed = True
    if not changed:
        print("  No issue changed status: the claim hardened stances that were already apart.")


def without_alleged(tl: nt.Timeline, everything: nt.GapReport, names: dict[str, str]) -> None:
    """Print the picture without ALLEGED records and what differs."""
    latest = tl.dates[-1]
    heading("Without ALLEGED records (only reported or confirmed)")
    trusted = nt.analyze(tl.snapshot(at=latest, min_credibility="reported"))
    hardest(trusted, names)
    for gap in everything:
        if not gap.parties:
            continue
        other = trusted[gap.issue.id]
        for d in gap.distances:
            d2 = other.distance(d.a, d.b)
            if abs(d.ideal - d2.ideal) > 1e-9:
                print(
                    f"  {gap.issue.label}: {names[d.a]}–{names[d.b]} ideal distance "
                    f"{d.ideal:.2f} with alleged records, {d2.ideal:.2f} without"
                )
    print(
        f"  Overall distance United States–Ukraine: {everything.distance('US', 'UA'):.2f} with "
        f"alleged records, {trusted.distance('US', 'UA'):.2f} without."
    )


def deadlocks(report: nt.GapReport) -> None:
    """Print the sequencing deadlocks with their sources and how to untie them."""
    heading("Deadlocks between conditions")
    # analyze() has already found them: the report carries the condition analysis.
    if not report.sequencing_deadlocks:
        print("  none")
    for knot in report.sequencing_deadlocks:
        print(" ", knot.explain())
        for cond in knot.witness:
            print(f"    - {cond.describe()} [{cond.credibility.label}] {cond.source.cite()}")
            if cond.source.quote:
                print(f'      "{cond.source.quote}"')
        print(f"  {knot.structure()}")


def fragile(tl: nt.Timeline) -> None:
    """Print how sure each conclusion of the brief is, and what the fragile ones hang on."""
    heading("How sure is each conclusion? (2,000 readings of the record, seed 1)")
    report = nt.robustness(tl, samples=2000, seed=1, analyses=())
    for conclusion in report.conclusions:
        print(" ", conclusion.describe())


if __name__ == "__main__":
    main()
