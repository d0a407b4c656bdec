"""The view of a ``robustness`` document: the brief's conclusions labelled, then the odds.

Read from the document's ``robustness`` (:meth:`negotrack.RobustnessReport.to_dict`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from negotrack.io.reports.blocks import Block, Bullets, Heading, Paragraph, Strong, Table
from negotrack.io.reports.views._phrases import coverage_blocks, method_name
from negotrack.io.reports.views.packages import SOLUTION_NAMES

__all__ = ["odds", "robustness_view"]


def odds(estimate: Mapping[str, Any]) -> str:
    """Return a probability with its standard error: ``"92.5 % ± 1.9"``.

    Examples
    --------
    >>> from negotrack.io.reports.views.robustness import odds
    >>> odds({"probability": 0.925, "error": 0.0186})
    '92.5 % ± 1.9'
    """
    return f"{100 * estimate['probability']:.1f} % ± {100 * estimate['error']:.1f}"


def _depends(conclusion: Mapping[str, Any]) -> str:
    on = conclusion["depends_on"]
    if not on:
        return "—" if conclusion["label"] == "robust" else "no single input"
    return "; ".join(f"{d['input']} ({100 * d['flips']:.0f} %)" for d in on)


def robustness_view(document: Mapping[str, Any]) -> list[Block]:
    """Return the blocks of a ``robustness`` document.

    Parameters
    ----------
    document : dict
        A ``robustness`` document (:func:`negotrack.io.reports.robustness_document`).

    Returns
    -------
    list of Block
        A title, what it covers, how many samples; the conclusions (label, odds, what
        each depends on most); per issue the odds of an overlap and of a red-line
        deadlock with the needed move; the sequencing knots; the solutions; the forecasts.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports import robustness_document
    >>> from negotrack.io.reports.views.robustness import robustness_view
    >>> tl = nt.load("examples/ukraine_dec2025.toml").timeline
    >>> blocks = robustness_view(robustness_document(nt.robustness(tl, samples=50, analyses=())))
    >>> blocks[3].headers
    ('Label', 'Conclusion', 'Holds in', 'Depends most on')
    """
    data = document["robustness"]
    blocks: list[Block] = [
        Heading(1, f"{document['title'] or 'Robustness'}: how sure is each conclusion")
    ]
    blocks += coverage_blocks(document)
    blocks.append(
        Paragraph(
            f"{data['samples']} readings of the record drawn from its uncertainty (seed "
            f"{data['seed']}), {len(data['inputs'])} uncertain inputs. A conclusion is "
            f"robust when it holds in at least {100 * data['threshold']:g} % of the readings, "
            f"fragile when in fewer, each beyond {data['margin']:g} standard errors; "
            "otherwise undetermined (more samples would tell)."
        )
    )
    blocks.append(Heading(2, "Conclusions of the brief"))
    if data["conclusions"]:
        blocks.append(
            Table(
                ["Label", "Conclusion", "Holds in", "Depends most on"],
                [
                    [c["label"], c["text"], odds(c["holds"]), _depends(c)]
                    for c in data["conclusions"]
                ],
            )
        )
    else:
        blocks.append(Paragraph("The brief draws no conclusion on this record."))
    blocks.append(Heading(2, "Issues"))
    blocks.append(
        Table(
            ["Issue", "Zone of agreement", "Red-line deadlock", "Largest needed move"],
            [
                [
                    i["title"],
                    odds(i["overlap"]),
                    odds(i["deadlock"]),
                    i["needed"]["text"] if i["needed"] else "—",
                ]
                for i in data["issues"]
            ],
        )
    )
    if data["knots"]:
        blocks.append(Heading(2, "Sequencing knots"))
        blocks.append(
            Table(
                ["Clauses", "Exists in", "In the brief"],
                [
                    [k["clauses"], odds(k["exists"]), "yes" if k["in_brief"] else "no"]
                    for k in data["knots"]
                ],
            )
        )
    if data["solutions"]:
        blocks.append(Heading(2, "Solutions of the agreement space"))
        for name, packages in data["solutions"].items():
            items = [f"{p['text']}: {odds(p['chosen'])}" for p in packages[:3]]
            if len(packages) > 3:
                items.append(f"{len(packages) - 3} other packages")
            title = SOLUTION_NAMES[name][0] if name in SOLUTION_NAMES else name
            blocks.append(Bullets(items, lead=Strong(title)))
        if data.get("agreement_cut"):
            from negotrack.analysis.robustness.results import cut_words  # loaded when said

            blocks.append(Paragraph(f"{cut_words(data['agreement_cut'], data['samples'])}."))
    if data["forecasts"]:
        blocks.append(Heading(2, "Forecasts"))
        blocks.append(
            Table(
                ["Issue", "Method", "Forecast"],
                [
                    [issue, method_name(method), dist["text"]]
                    for issue, by in data["forecasts"].items()
                    for method, dist in by.items()
                ],
            )
        )
    return blocks
