"""Keeping a growing record in a store, day by day, and watching the gaps move.

Run it with ``.venv/bin/python examples/keeping_a_record.py``.

An analyst following the December 2025 talks adds each day's reports to a store (an SQLite
file that survives crashes and can be shared by several processes) as the news comes in.
Here the days' records are taken from the bundled Ukraine scenario
(``examples/ukraine_dec2025.toml``) and added one day at a time with ``Store.extend``: one
transaction per day, all of it or nothing. Then the script shows what moved, that a bad
batch leaves the store as it was, and that the store reads back (and exports) the same
record. Everything is written to a temporary folder, removed at the end.
"""

from __future__ import annotations

import datetime
import pathlib
import tempfile
from collections import Counter, defaultdict

import negotrack as nt

HERE = pathlib.Path(__file__).resolve().parent
scenario = nt.load(HERE / "ukraine_dec2025.toml")
source = scenario.timeline

# The records of each day, in the scenario's order (so a later statement on one day still
# wins, and an event comes before the statements citing it).
by_day: dict[datetime.date, list[nt.Event | nt.Statement | nt.Condition]] = defaultdict(list)
for record in source.records:
    by_day[record.date].append(record)

with tempfile.TemporaryDirectory() as folder:
    path = pathlib.Path(folder, "talks.db")

    # ------------------------------------------------------------------ day by day
    print(f"Adding {len(source.records)} records to {path.name}, one day at a time:")
    with nt.Store(path) as store:
        store.extend([*source.issues, *source.parties])  # the agenda, once
        for day in sorted(by_day):
            batch = by_day[day]
            store.extend(batch)  # one transaction: the whole day, or nothing
            kinds = Counter(type(record).__name__.lower() for record in batch)
            added = ", ".join(
                f"{n} {kind}{'' if n == 1 else 's'}" for kind, n in sorted(kinds.items())
            )
            print(f"  {day}: {added} ({len(store)} records in the store)")

        # -------------------------------------------------------------- a bad batch
        # A report quoting a party that is not on the agenda: the whole batch is refused
        # and the store keeps exactly what it held.
        def later_report(party: str) -> nt.Statement:
            return nt.Statement(
                party=party,
                issue="guarantee_years",
                date=datetime.date(2026, 1, 2),
                position=source.statements[5].position,
                source=nt.Source(title="an illustrative later report"),
            )

        good, bad = later_report("UA"), later_report("CN")
        before = len(store)
        try:
            store.extend([good, bad])
        except nt.NegotrackError as err:
            print(f"\nRefused: {err}\n  ({err.__notes__[0]}; still {len(store)} records)")
        assert len(store) == before

    # ------------------------------------------------------------------ reading it back
    # Another process (or tomorrow's session) opens the same file and sees every record.
    with nt.Store(path) as store:
        timeline = store.timeline()
        exported = pathlib.Path(folder, "talks.toml")
        nt.dump(store.export_scenario(), exported)

    same = nt.analyze(timeline.snapshot()) == nt.analyze(source.snapshot())
    print(f"\nReopened: {len(timeline.records)} records; analyses the same as the file: {same}")
    print(f"Exported to {exported.name}: {len(nt.load(exported).timeline.records)} records")

    # ------------------------------------------------------------------ how the gaps moved
    # Each date on which an issue's gap changed: its status, who holds a position, and when
    # there is no overlap the largest move (share of the scale) some party must make.
    print("\nHow each issue's gap moved (gap_series over the store's record):")
    series = nt.gap_series(timeline)
    for issue in timeline.issues:
        steps = []
        for date, gap in series.changes(issue.id):
            if not gap.parties:
                continue
            if len(gap.parties) == 1:  # nothing to compare yet
                steps.append(f"{date:%d %b} only {gap.parties[0]} has stated a position")
                continue
            step = f"{date:%d %b} {gap.status.replace('_', ' ')} among {', '.join(gap.parties)}"
            if gap.status == "no_overlap":
                step += f" (largest needed move {gap.concessions.largest:.3g})"
            steps.append(step)
        print(f"  {issue.title or issue.id}:")
        print("    " + ("\n    ".join(steps) if steps else "no positions stated"))
