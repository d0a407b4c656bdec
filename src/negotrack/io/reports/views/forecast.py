"""The view of a ``forecast`` document: one table, an issue per row and a method per column.

Each cell is where the issue would land by that method, with its unit and the method's
error band (``—`` where the method does not apply); the last column says whose positions
went in. Under the table: what the error band is (past accuracy on DEU III, not a
confidence interval) and every forecast a red line excludes. Read from the document's
``forecasts`` (issue id → method → ``nt.Forecast.to_dict()``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from negotrack.io.reports.blocks import Block, Bullets, Heading, Paragraph, Strong, Table
from negotrack.io.reports.formatting import count, format_outcome
from negotrack.io.reports.views._phrases import coverage_blocks, method_name

__all__ = ["forecast_view"]


def _cell(f: Mapping[str, Any]) -> str:
    """One forecast in a cell: value with unit, error band, and a flag outside a red line."""
    text = f.get("shown") or format_outcome(f["value"])
    if f.get("error_shown"):
        text += f" ({f['error_shown']})"
    if f.get("red_line_breaches"):
        text += f" ✗ {', '.join(f['red_line_breaches'])}"
    return str(text)


def forecast_view(document: Mapping[str, Any]) -> list[Block]:
    """Return the blocks of a ``forecast`` document: an issue × method table of outcomes.

    Parameters
    ----------
    document : dict
        A ``forecast`` document (:func:`negotrack.io.reports.forecast_document`).

    Returns
    -------
    list of Block
        A title, how many issues, the table (one row per issue, one column per method
        used, then the parties whose positions went in), what the error bands are, the
        forecasts a red line excludes, and what each method means.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports import forecast_document
    >>> from negotrack.io.reports.views.forecast import forecast_view
    >>> snap = nt.load("examples/ukraine_dec2025.toml").timeline.snapshot()
    >>> table = forecast_view(forecast_document(nt.forecast_report(snap)))[2]
    >>> table.headers
    ('Issue', 'Compromise', 'Salience exponent', 'Median', 'Nash', 'Status quo', 'Positions of')
    >>> table.rows[1][:2]
    ('guarantee_years', '32 years (±19 / ±50 years)')
    """
    blocks: list[Block] = [Heading(1, f"{document['title'] or 'Forecasts'}: forecasts")]
    if document.get("coverage"):
        blocks += coverage_blocks(document)
    elif document.get("date"):
        blocks.append(Paragraph(f"Positions in force on {document['date']}."))
    forecasts: Mapping[str, Mapping[str, Any]] = document["forecasts"]
    if not forecasts:
        return [*blocks, Paragraph("No issue to forecast.")]
    methods = list(dict.fromkeys(m for by_method in forecasts.values() for m in by_method))
    blocks.append(
        Paragraph(
            f"Where {count(len(forecasts), 'issue')} would land, by "
            f"{count(len(methods), 'method')}; a dash where a method does not apply or no "
            "party has stated a position."
        )
    )
    rows = []
    for issue, by_method in forecasts.items():
        parties: list[str] = next((f["parties"] for f in by_method.values() if f["parties"]), [])
        rows.append(
            [
                issue,
                *(_cell(by_method[m]) if m in by_method else "—" for m in methods),
                ", ".join(parties) or "no party",
            ]
        )
    blocks.append(
        Table(["Issue", *(method_name(m) for m in methods), "Positions of"], rows),
    )
    every = [f for by_method in forecasts.values() for f in by_method.values()]
    sources = sorted({f["error"]["source"] for f in every if f.get("error")})
    # a method scored on fewer of the backtest's issues (the status quo: only where the
    # data give one) says on how many
    scored = {f["method"]: f["error"]["n"] for f in every if f.get("error")}
    most = max(scored.values(), default=0)
    fewer = "".join(
        f" {method_name(m)}: scored on {n} of those issues (where the data give one)."
        for m, n in sorted(scored.items())
        if n < most
    )
    if sources:
        blocks.append(
            Paragraph(
                "(±a / ±b): the method's error band — half of its forecasts in the "
                f"{'; '.join(sources)} erred by at most a, nine in ten by at most b (errors on "
                "the 0–100 scale mapped onto the issue's scale). Past accuracy on other "
                "negotiations, not a confidence interval for this one. Values are rounded to "
                f"the precision of the record.{fewer}"
            )
        )
    outside = [
        f"{f['issue']}, {method_name(f['method']).lower()} {f.get('shown') or f['value']}: "
        f"{f['red_line_note']}"
        for f in every
        if f.get("red_line_note")
    ]
    if outside:
        blocks.append(
            Bullets(
                outside,
                lead=Strong("Outside a red line (✗: not agreeable as forecast) or a party's range"),
            )
        )
    described: Mapping[str, str] = document.get("methods", {})  # the models' own words
    meanings = [f"{method_name(m)}: {described[m]}." for m in methods if m in described]
    if meanings:
        blocks.append(Bullets(meanings, lead=Strong("Methods")))
    return blocks
