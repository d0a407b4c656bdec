"""The view of a ``packages`` document: the agreement space in tables.

What the space covers (parties, issues, packages, what red lines exclude), the bargaining
solutions with their package and each party's utility, the Pareto frontier and the logroll
trades — read from the document's ``agreement`` (``nt.AgreementReport.to_dict()``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from negotrack.io.reports.blocks import Block, Bullets, Heading, Paragraph, Table
from negotrack.io.reports.formatting import count, format_outcome
from negotrack.io.reports.views._phrases import coverage_blocks
from negotrack.model.scales import with_unit

__all__ = ["ROWS_SHOWN", "SOLUTION_NAMES", "packages_view"]

#: Solution ids of the agreement space: their names, and how each picks its package.
SOLUTION_NAMES: dict[str, tuple[str, str]] = {
    "nash": ("Nash", "maximises the product of the parties' gains"),
    "kalai_smorodinsky": (
        "Kalai–Smorodinsky",
        "makes each party's share of its best possible gain as equal as it can",
    ),
    "egalitarian": ("Egalitarian", "maximises the smallest gain"),
    "utilitarian": ("Utilitarian", "maximises the sum of the utilities"),
}
#: How many frontier points and trades the text and Markdown reports show (JSON has more).
ROWS_SHOWN = 10
_EXCLUDED_SHOWN = 6


def packages_view(document: Mapping[str, Any]) -> list[Block]:
    """Return the blocks of a ``packages`` document: the agreement space in tables.

    Parameters
    ----------
    document : dict
        A ``packages`` document (:func:`negotrack.io.reports.packages_document`).

    Returns
    -------
    list of Block
        A title, a sentence on the parties, issues and packages covered, one line on what
        the time limit cut short when it did (the document's ``cut``), then the sections
        "Issues considered" (what red lines exclude on each), "Solutions" (a row per
        solution: its outcome on every issue and each party's utility), "Pareto frontier"
        and, when there are any, "Trades (logrolls)". A document without an agreement
        space gives its explanation instead.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports import packages_document
    >>> from negotrack.io.reports.views.packages import packages_view
    >>> snap = nt.load("examples/wage_negotiation.toml").timeline.snapshot()
    >>> blocks = packages_view(packages_document(nt.agreement(snap, issues=["pay_rise"])))
    >>> print(blocks[1].text[0])
    3 parties (union, employer, finance) and 1 issue: 7 packages, all allowed by every red line.
    >>> solutions = next(b for b in blocks if getattr(b, "headers", ("",))[0] == "Solution")
    >>> solutions.headers
    ('Solution', 'pay_rise (%)', 'union utility', 'employer utility', 'finance utility')
    >>> solutions.rows[0]
    ('Nash', '5', '0.933', '0.967', '0.933')
    """
    blocks: list[Block] = [Heading(1, f"{document['title'] or 'Agreement space'}: agreement space")]
    if document.get("coverage"):
        blocks += coverage_blocks(document)
    elif document.get("date"):
        blocks.append(Paragraph(f"Positions in force on {document['date']}."))
    space = document["agreement"]
    if space is None:
        return [*blocks, Paragraph(str(document["text"]))]
    parties, issues = list(space["parties"]), list(space["issues"])
    blocks.append(
        Paragraph(
            f"{count(len(parties), 'party', 'parties')} ({', '.join(parties)}) and "
            f"{count(len(issues), 'issue')}: {count(space['size'], 'package')}, "
            f"{_allowed(space['size'], space['feasible_size'])}."
        )
    )
    if document.get("cut"):
        cut = str(document["cut"])
        blocks.append(Paragraph(f"{cut[:1].upper()}{cut[1:]}."))
    continuous = list(space.get("continuous") or [])
    if continuous:
        blocks.append(
            Paragraph(
                "Continuous issues (every value between the parties' breakpoints is an "
                "outcome; the package counts above are over the breakpoints): "
                + ", ".join(continuous)
                + "."
            )
        )
    silent = document.get("silent") or {}
    if silent:
        blocks.append(
            Paragraph(
                "Silent parties are indifferent: a party that has stated nothing on an issue "
                "gives it weight 0 — "
                + "; ".join(f"{p} on {', '.join(quiet)}" for p, quiet in silent.items())
                + "."
            )
        )
    units: Mapping[str, str] = space.get("units", {})
    blocks += _issues(issues, space["excluded"], units)
    blocks += _solutions(parties, issues, space["solutions"], units)
    if space.get("shortfall"):
        # imported here: the agreement package loads NumPy and networkx; other views need neither
        from negotrack.analysis.agreement.results import shortfall_words

        blocks.append(Paragraph(shortfall_words(space["shortfall"])))
    blocks += _frontier(space["frontier"], units)
    blocks += _trades(space["logrolls"], units)
    return blocks


def _allowed(size: int, feasible: int) -> str:
    if feasible == size:
        return "all allowed by every red line" if size != 1 else "allowed by every red line"
    if feasible == 0:
        return "none allowed by every red line" if size != 1 else "excluded by a red line"
    return f"{feasible} of them allowed by every red line"


def _utility(value: float | None) -> str:
    """Write a utility to three decimals; a dash where the JSON has none (an infinite one)."""
    return "—" if value is None else f"{value:.3f}"


def _outcome(issue: str, value: Any, units: Mapping[str, str]) -> str:
    """Write an outcome as people do: a number with its issue's unit, a label as it is."""
    text = format_outcome(value)
    return with_unit(text, units.get(issue, "")) if isinstance(value, int | float) else text


def _column(issue: str, units: Mapping[str, str]) -> str:
    """Return an issue's column heading, its unit in brackets: ``guarantee_years (years)``."""
    return f"{issue} ({units[issue]})" if units.get(issue) else issue


def _issues(
    issues: Sequence[str], excluded: Mapping[str, Any], units: Mapping[str, str]
) -> list[Block]:
    rows = []
    for issue in issues:
        out = excluded.get(issue) or []
        shown = [
            f"{_outcome(issue, e['outcome'], units)} (by {', '.join(e['parties'])})" for e in out
        ]
        cell = ", ".join(shown[:_EXCLUDED_SHOWN]) or "none"
        if len(shown) > _EXCLUDED_SHOWN:
            cell += f" and {len(shown) - _EXCLUDED_SHOWN} more"
        rows.append([issue, cell])
    return [
        Heading(2, "Issues considered"),
        Table(["Issue", "Outcomes excluded by red lines"], rows),
    ]


def _solutions(
    parties: Sequence[str],
    issues: Sequence[str],
    solutions: Mapping[str, Any],
    units: Mapping[str, str],
) -> list[Block]:
    rows = []
    for key, solution in solutions.items():
        name = SOLUTION_NAMES.get(key, (key.replace("_", " ").capitalize(), ""))[0]
        if solution is None:
            rows.append([name, "no rational package", *["—"] * (len(issues) + len(parties) - 1)])
            continue
        rows.append(
            [
                name,
                *(format_outcome(solution["package"][i]) for i in issues),
                *(_utility(solution["utilities"].get(p)) for p in parties),
            ]
        )
    how = [
        f"{SOLUTION_NAMES[key][0]} {SOLUTION_NAMES[key][1]}."
        for key in solutions
        if key in SOLUTION_NAMES
    ]
    blocks: list[Block] = [
        Heading(2, "Solutions"),
        Paragraph(
            "Each solution's outcome on every issue, and each party's utility there "
            "(1 = the party's ideal on every issue it cares about)."
        ),
        Table(
            ["Solution", *(_column(i, units) for i in issues), *(f"{p} utility" for p in parties)],
            rows,
        ),
    ]
    fallback = next(
        (sol.get("fallback") for sol in solutions.values() if sol and sol.get("fallback")), None
    )
    if fallback:
        blocks.append(
            Paragraph(
                "Fallbacks (each party's utility without an agreement; no solution is offered "
                "below them): "
                + ", ".join(f"{p} {_utility(fallback.get(p))}" for p in parties)
                + "."
            )
        )
    blocks += _per_solution(
        solutions,
        "outside",
        lambda outside: "; ".join(f"{p} on {', '.join(issues)}" for p, issues in outside.items()),
        "Outside a party's acceptable range (the party would have to concede beyond what it "
        "has said it accepts):",
    )
    blocks += _per_solution(
        solutions,
        "ties",
        lambda ties: (
            count(len(ties), "other package")
            + " as good — "
            + " | ".join(
                ", ".join(f"{i}={_outcome(i, v, units)}" for i, v in t.items()) for t in ties[:3]
            )
            + (f" and {len(ties) - 3} more" if len(ties) > 3 else "")
        ),
        "Ties (the package shown is the first in frontier order, a convention):",
    )
    blocks += _per_solution(
        solutions,
        "more_ties",
        lambda _: "more packages are as good than are listed (the optimum is not unique)",
        "Not unique (three or more parties on continuous issues: the packages as good can "
        "form a continuum):",
    )
    blocks += _per_solution(
        solutions, "cut", str, "Not certified optimal (the best package found):"
    )
    if how:
        blocks.append(
            Bullets(
                how,
                lead="How each picks its package (gains counted from each party's disagreement point):",
            )
        )
    return blocks


def _per_solution(
    solutions: Mapping[str, Any], key: str, words: Callable[[Any], str], lead: str
) -> list[Block]:
    """One list item per solution whose ``key`` is not empty: its name, then ``words``."""
    items = [
        f"{SOLUTION_NAMES.get(name, (name, ''))[0]}: {words(sol[key])}"
        for name, sol in solutions.items()
        if sol and sol.get(key)
    ]
    return [Bullets(items, lead=lead)] if items else []


def _frontier(frontier: Mapping[str, Any], units: Mapping[str, str]) -> list[Block]:
    n_points, n_packages = frontier["n_points"], frontier["n_packages"]
    points = frontier["points"][:ROWS_SHOWN]
    issues, parties = frontier["issues"], frontier["parties"]
    blocks: list[Block] = [
        Heading(2, "Pareto frontier"),
        Paragraph(
            f"{count(n_points, 'point')}, {count(n_packages, 'package')}: no other package "
            "is better for one party without being worse for another."
        ),
    ]
    if points:
        blocks.append(
            Table(
                ["#", *(_column(i, units) for i in issues), *(f"{p} utility" for p in parties)],
                [
                    [
                        str(k),
                        *(format_outcome(pt["package"][i]) for i in issues),
                        *(_utility(pt["utilities"].get(p)) for p in parties),
                    ]
                    for k, pt in enumerate(points, 1)
                ],
            )
        )
    if n_points > len(points):
        listed = len(frontier["points"])
        blocks.append(
            Paragraph(
                f"The first {len(points)} of {n_points} points, in decreasing order of "
                f"{parties[0]}'s utility; the JSON report lists "
                + ("them all." if listed == n_points else f"the first {listed}.")
            )
        )
    segments = frontier.get("segments") or []
    if segments:
        blocks.append(
            Paragraph(
                f"{count(frontier.get('n_segments', len(segments)), 'segment')} where one "
                "continuous issue moves and every package between the ends is on the frontier "
                "(an end in brackets is a limit, not itself on the segment):"
            )
        )
        blocks.append(
            Table(
                ["#", "Moves", "From", "To", *(f"{p} utility" for p in parties), "With"],
                [
                    _segment_row(k, seg, parties, units)
                    for k, seg in enumerate(segments[:ROWS_SHOWN], 1)
                ],
            )
        )
        n_segments = frontier.get("n_segments", len(segments))
        if n_segments > ROWS_SHOWN:
            blocks.append(
                Paragraph(
                    f"The first {ROWS_SHOWN} of {n_segments} segments; the JSON report lists "
                    f"{'them all' if len(segments) == n_segments else f'the first {len(segments)}'}."
                )
            )
    return blocks


def _segment_row(
    k: int, seg: Mapping[str, Any], parties: Sequence[str], units: Mapping[str, str]
) -> list[str]:
    """One frontier segment: the moving issue, its two ends, the utilities, the rest."""
    issue = seg["issue"]

    def end(side: str) -> str:
        text = _outcome(issue, seg[side]["package"][issue], units)
        return f"({text})" if seg[side].get("open") else text

    start, stop = seg["start"], seg["end"]
    fixed = ", ".join(
        f"{i}={_outcome(i, v, units)}" for i, v in start["package"].items() if i != issue
    )
    return [
        str(k),
        issue,
        end("start"),
        end("end"),
        *(
            f"{_utility(start['utilities'].get(p))} → {_utility(stop['utilities'].get(p))}"
            for p in parties
        ),
        fixed or "—",
    ]


def _trades(logrolls: Sequence[Mapping[str, Any]], units: Mapping[str, str]) -> list[Block]:
    if not logrolls:
        return []
    shown = logrolls[:ROWS_SHOWN]
    rows = [
        [
            f"{t['party_a']}: {t['issue_a']} = {_outcome(t['issue_a'], t['outcome_a'], units)}",
            f"{t['party_b']}: {t['issue_b']} = {_outcome(t['issue_b'], t['outcome_b'], units)}",
            f"{t['party_a']} {t['gain_a']:+.3f}, {t['party_b']} {t['gain_b']:+.3f}",
            f"{t['joint_gain']:.3f}",
        ]
        for t in shown
    ]
    blocks: list[Block] = [
        Heading(2, "Trades (logrolls)"),
        Paragraph(
            f"{count(len(logrolls), 'trade')} in which each party wins the issue it values "
            f"more and concedes the other, both gaining; best joint gain first."
        ),
        Table(["Gets", "In return", "Gains", "Joint gain"], rows),
    ]
    if len(logrolls) > len(shown):
        more = len(logrolls) - len(shown)
        blocks.append(
            Paragraph(f"{count(more, 'more trade')} not shown; the JSON report lists them all.")
        )
    return blocks
