"""Reports: analysis results as a readable brief, a Markdown memo or a documented JSON document.

Every report goes through one *document*: a plain ``dict`` that follows the JSON schema shipped
with the package (``negotrack/io/report_schema.json``, described in ``docs/reports.md``). The
``*_document`` functions build documents from analysis results — through the results'
``to_dict()`` and attributes; reports never compute an analysis themselves — and
:func:`render` turns a document into text, Markdown or JSON. The three formats therefore
always say the same thing.

Document kinds: ``brief`` (gaps, deadlocks and what changed), ``gaps``, ``deadlocks``,
``diff``, ``timeline``, ``validation``, ``packages`` and ``forecast``.
"""

from __future__ import annotations

import datetime
import importlib.resources
import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from negotrack.errors import InvalidTypeError
from negotrack.model.entities import Issue
from negotrack.model.regions import Region
from negotrack.model.scales import NumericScale, format_number
from negotrack.timeline.records import Condition, Event, Statement
from negotrack.timeline.timeline import Timeline, TimelineDiff

__all__ = [
    "FORMATS",
    "SCHEMA_VERSION",
    "brief_document",
    "check_document",
    "conditions_document",
    "diff_document",
    "forecast_document",
    "format_region",
    "format_value",
    "gaps_document",
    "packages_document",
    "render",
    "report_schema",
    "timeline_document",
    "validation_document",
]

#: The version of the report schema; bumped on any incompatible change.
SCHEMA_VERSION = 1
#: The output formats :func:`render` knows.
FORMATS: tuple[str, ...] = ("text", "markdown", "json")

Document = dict[str, Any]

# ----------------------------------------------------------------------------- formatting


def _names(timeline: Timeline) -> dict[str, str]:
    return {p.id: p.label for p in timeline.parties}


def _parties(timeline: Timeline) -> list[Document]:
    return [{"id": p.id, "name": p.label} for p in timeline.parties]


def format_value(issue: Issue, value: Any) -> str:
    """Format one value of an issue with its unit (``"15 years"``, ``"partner-backed"``).

    Parameters
    ----------
    issue : Issue
        The issue whose scale gives the unit.
    value : float or str
        A number on a numeric scale, a label on a labelled one.

    Returns
    -------
    str

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports import format_value
    >>> format_value(nt.Issue("y", nt.NumericScale(0, 100, unit="years")), 32.5)
    '32.5 years'
    """
    scale = issue.scale
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = format_number(float(value))
        unit = scale.unit if isinstance(scale, NumericScale) else ""
        if not unit:
            return text
        return f"{text} {unit}" if unit != "%" else f"{text} %"
    return str(value)


def format_region(issue: Issue, region: Region) -> str:
    """Format a region of an issue in words with units (``"0–15 years"``, ``"yes"``).

    Parameters
    ----------
    issue : Issue
        The issue whose scale gives the unit.
    region : Region
        A region on that scale.

    Returns
    -------
    str
        Ranges joined by "or" on numeric scales; label ranges ("partner-backed to
        article-5-like") on ordinal ones; alternatives on nominal ones; "nothing" if empty.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports import format_region
    >>> pct = nt.NumericScale(0, 100, unit="%")
    >>> format_region(nt.Issue("d", pct), nt.Region.of(pct, [(0, 10), (100, 100)]))
    '0–10 or 100 %'
    """
    if region.is_empty:
        return "nothing"
    scale = issue.scale
    if not scale.ordered:
        return " or ".join(region.values)
    if not isinstance(scale, NumericScale):
        return " or ".join(
            scale.format_coord(lo)
            if lo == hi
            else f"{scale.format_coord(lo)} to {scale.format_coord(hi)}"
            for lo, hi in region.parts
        )
    unit = f" {scale.unit}" if scale.unit else ""
    parts = []
    for lo, hi in region.intervals:
        lo_s, hi_s = format_number(float(lo)), format_number(float(hi))
        parts.append(lo_s if lo == hi else f"{lo_s}–{hi_s}")
    return " or ".join(parts) + unit


def _date(value: datetime.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _plain(value: Any) -> Any:  # noqa: PLR0911  (one return per kind of value reads best)
    """Turn analysis output into JSON-safe plain data (dates to ISO, inf/nan to None)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return _plain(to_dict())
    return str(value)


def _header(kind: str, title: str, **extra: Any) -> Document:
    doc: Document = {"negotrack_report": SCHEMA_VERSION, "kind": kind, "title": title}
    doc.update(extra)
    return doc


# ----------------------------------------------------------------------------- documents


def _statement_item(st: Statement, issue: Issue, names: Mapping[str, str]) -> Document:
    pos = st.position
    return {
        "date": st.date.isoformat(),
        "type": "statement",
        "id": st.id,
        "party": st.party,
        "party_name": names.get(st.party, st.party),
        "issue": st.issue,
        "issue_title": issue.label,
        "ideal": format_value(issue, pos.ideal),
        "acceptable": format_region(issue, pos.acceptable),
        "red_line": pos.red_line,
        "salience": pos.salience,
        "credibility": st.credibility.label,
        "supersedes": st.supersedes,
        "cites": list(st.cites),
        "source": st.source.cite(),
        "quote": st.source.quote,
    }


def _event_item(ev: Event, names: Mapping[str, str]) -> Document:
    return {
        "date": ev.date.isoformat(),
        "type": "event",
        "id": ev.id,
        "title": ev.title,
        "credibility": ev.credibility.label,
        "contested": ev.contested,
        "disputed_by": [names.get(p, p) for p in ev.disputed_by],
        "description": ev.description,
        "sources": [
            {"source": s.cite(), "quote": s.quote, "kind": s.kind.value} for s in ev.sources
        ],
    }


def _condition_item(cond: Condition, names: Mapping[str, str]) -> Document:
    return {
        "date": cond.date.isoformat(),
        "type": "condition",
        "id": cond.id,
        "party": cond.holder,
        "party_name": names.get(cond.holder, cond.holder),
        "kind": cond.kind.value,
        "clause": cond.clause.key,
        "requires": cond.requires.key,
        "lifted": cond.lifted,
        "credibility": cond.credibility.label,
        "source": cond.source.cite(),
        "quote": cond.source.quote,
    }


def timeline_document(timeline: Timeline, *, title: str = "") -> Document:
    """Return every record of a timeline in date order, as a ``timeline`` document.

    Parameters
    ----------
    timeline : Timeline
        The record.
    title : str, optional
        A heading (the scenario title).

    Returns
    -------
    dict
        ``kind = "timeline"`` with ``records``: one item per statement, event and condition,
        sorted by date (stable within a date).

    Raises
    ------
    InvalidTypeError
        If ``timeline`` is not a Timeline.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports import timeline_document
    >>> doc = timeline_document(nt.load("examples/ukraine_dec2025.toml").timeline)
    >>> doc["kind"], doc["records"][0]["title"]
    ('timeline', 'The US publishes its National Security Strategy')
    """
    if not isinstance(timeline, Timeline):
        raise InvalidTypeError(
            f"timeline_document takes a Timeline, not {type(timeline).__name__}",
            path="timeline",
            value=timeline,
        )
    names = _names(timeline)
    items: list[Document] = []
    for rec in sorted(timeline.records, key=lambda r: r.date):
        if isinstance(rec, Statement):
            items.append(_statement_item(rec, timeline.issue(rec.issue), names))
        elif isinstance(rec, Event):
            items.append(_event_item(rec, names))
        else:
            items.append(_condition_item(rec, names))
    return _header(
        "timeline",
        title,
        parties=_parties(timeline),
        issues=[{"id": i.id, "title": i.label, "scale": str(i.scale)} for i in timeline.issues],
        records=items,
    )


def diff_document(diff: TimelineDiff, timeline: Timeline, *, title: str = "") -> Document:
    """Return what changed between two dates as a ``diff`` document.

    Parameters
    ----------
    diff : TimelineDiff
        From :meth:`negotrack.Timeline.diff`.
    timeline : Timeline
        The timeline it came from (for names, titles and units).
    title : str, optional
        A heading.

    Returns
    -------
    dict
        ``kind = "diff"`` with ``start``, ``end``, ``changes`` (position changes, each with
        ``before`` and ``after`` in words), ``events``, ``conditions_added`` and
        ``conditions_removed``.

    Examples
    --------
    >>> import datetime, negotrack as nt
    >>> from negotrack.io.reports import diff_document
    >>> tl = nt.load("examples/ukraine_dec2025.toml").timeline
    >>> doc = diff_document(tl.diff(datetime.date(2025, 12, 28), datetime.date(2025, 12, 31)), tl)
    >>> [e["id"] for e in doc["events"]]
    ['drone-claim', 'trump-putin-call']
    """
    names = _names(timeline)
    changes = []
    for ch in diff.changes:
        issue = timeline.issue(ch.issue)
        changes.append(
            {
                "party": ch.party,
                "party_name": names.get(ch.party, ch.party),
                "issue": ch.issue,
                "issue_title": issue.label,
                "before": None if ch.before is None else _statement_item(ch.before, issue, names),
                "after": None if ch.after is None else _statement_item(ch.after, issue, names),
            }
        )
    return _header(
        "diff",
        title,
        start=diff.start.isoformat(),
        end=diff.end.isoformat(),
        changes=changes,
        events=[_event_item(e, names) for e in diff.events],
        conditions_added=[_condition_item(c, names) for c in diff.conditions_added],
        conditions_removed=[_condition_item(c, names) for c in diff.conditions_removed],
    )


def conditions_document(report: Any, timeline: Timeline, *, title: str = "") -> Document:
    """Return a condition report (sequencing deadlocks, linkage conflicts) as a document.

    Parameters
    ----------
    report : ConditionReport
        From :func:`negotrack.analyze_conditions`.
    timeline : Timeline
        The timeline it came from (for party names).
    title : str, optional
        A heading.

    Returns
    -------
    dict
        ``kind = "deadlocks"``: the report's own ``to_dict()`` under ``conditions``, with
        party names.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports import conditions_document
    >>> tl = nt.load("examples/ukraine_dec2025.toml").timeline
    >>> doc = conditions_document(nt.analyze_conditions(tl.snapshot()), tl)
    >>> doc["conditions"]["sequencing"][0]["holders"]
    ['UA', 'RU']
    """
    data = _plain(report.to_dict())
    return _header(
        "deadlocks",
        title,
        date=data.get("date"),
        parties=_parties(timeline),
        conditions=data,
    )


def gaps_document(
    report: Any,
    timeline: Timeline,
    *,
    title: str = "",
    date: datetime.date | None = None,
    min_credibility: str = "denied",
) -> Document:
    """Return a gap report as a ``gaps`` document: per issue status, overlap, distances, moves.

    Parameters
    ----------
    report : GapReport
        From :func:`negotrack.analyze`.
    timeline : Timeline
        The timeline it came from (for names, titles and units).
    title : str, optional
        A heading.
    date : datetime.date, optional
        The date analysed (None: after every record).
    min_credibility : str, optional
        The credibility threshold used.

    Returns
    -------
    dict
        ``kind = "gaps"`` with ``issues`` (hardest first) — see ``docs/reports.md``.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports import gaps_document
    >>> tl = nt.load("examples/ukraine_dec2025.toml").timeline
    >>> doc = gaps_document(nt.analyze(tl.snapshot()), tl)
    >>> [(r["issue"], r["status"]) for r in doc["issues"][:2]]
    [('ceasefire', 'no_overlap'), ('donbas_withdrawal', 'no_overlap')]
    """
    return _header(
        "gaps",
        title,
        date=_date(date),
        min_credibility=min_credibility,
        parties=_parties(timeline),
        issues=_gap_rows(report, timeline),
    )


def _move_words(issue: Issue, units: float) -> str:
    scale = issue.scale
    if not scale.ordered:
        return "a change of stance"
    if scale.discrete:
        n = format_number(units)
        return f"{n} step" + ("" if units == 1 else "s")
    unit = scale.unit if isinstance(scale, NumericScale) else ""
    n = format_number(round(units, 6))
    if unit == "%":
        return f"{n} point" + ("" if units == 1 else "s")
    return f"{n} {unit}".strip()


def _and(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _gap_summary(row: Mapping[str, Any], names: Mapping[str, str]) -> str:
    who = [names.get(p, p) for p in row["parties"]]
    if not who:
        return "no party has stated a position"
    if len(who) == 1:
        pos = row["positions"][0]
        return f"only {who[0]} has stated a position (wants {pos['ideal']}, accepts {pos['acceptable']})"
    if row["status"] == "agreed":
        return f"agreed: {_and(who)} all want {row['positions'][0]['ideal']}"
    if row["status"] == "overlap":
        both = "both" if len(who) == 2 else "all"
        return f"overlap: {_and(who)} can {both} accept {row['overlap']}"
    moves = [m for m in row["concessions"] if m["move"] > 0]
    text = "no overlap"
    if row["concession_point"] is not None and moves:
        first, *rest = moves
        parts = [f"{names.get(first['party'], first['party'])} must move {first['text']}"]
        parts += [f"{names.get(m['party'], m['party'])} {m['text']}" for m in rest]
        text += f" — to meet at {row['concession_point']}, {_and(parts)}"
    if row["deadlocked"]:
        holders = _and([names.get(p, p) for p in row["red_line_holders"]])
        text += f"; deadlocked: the red lines of {holders} share no value"
    return text


def _gap_rows(report: Any, timeline: Timeline) -> list[Document]:
    names = _names(timeline)
    rows: list[Document] = []
    for gap in report.hardest():
        issue: Issue = gap.issue
        data = _plain(gap.to_dict())
        conc = data["concessions"]
        moves = conc["moves"]
        positions = [
            {
                "party": p,
                "name": names.get(p, p),
                "ideal": format_value(issue, pos.ideal),
                "acceptable": format_region(issue, pos.acceptable),
                "red_line": pos.red_line,
                "salience": pos.salience,
            }
            for p, pos in zip(gap.parties, gap.positions, strict=True)
        ]
        point = conc["point"]
        row: Document = {
            "issue": issue.id,
            "title": issue.label,
            "scale": str(issue.scale),
            "status": data["status"],
            "deadlocked": data["deadlocked"],
            "parties": data["parties"],
            "positions": positions,
            "overlap": None if gap.overlap.is_empty else format_region(issue, gap.overlap),
            "overlap_measure": gap.overlap.measure,
            "needed": data["needed"],
            "concession_point": None if point is None else format_value(issue, point),
            "concessions": [
                {
                    "party": p,
                    "name": names.get(p, p),
                    "move": m["move"],
                    "units": m["units"],
                    "text": _move_words(issue, m["units"]),
                }
                for p, m in moves.items()
            ],
            "blockers": data["blockers"],
            "red_line_holders": [
                p for p, pos in zip(gap.parties, gap.positions, strict=True) if pos.red_line
            ],
            "distances": [
                {k: d[k] for k in ("a", "b", "ideal", "gap", "hausdorff")}
                for d in data["distances"]
            ],
        }
        row["summary"] = _gap_summary(row, names)
        rows.append(row)
    return rows


def brief_document(
    report: Any,
    conditions: Any,
    timeline: Timeline,
    *,
    title: str = "",
    date: datetime.date | None = None,
    min_credibility: str = "denied",
    diff: TimelineDiff | None = None,
) -> Document:
    """Return the brief: the gap report, the deadlocks and, optionally, what changed.

    Parameters
    ----------
    report : GapReport
        From :func:`negotrack.analyze`.
    conditions : ConditionReport
        From :func:`negotrack.analyze_conditions` on the same snapshot.
    timeline : Timeline
        The timeline both came from.
    title : str, optional
        A heading (the scenario title).
    date : datetime.date, optional
        The date analysed (None: after every record).
    min_credibility : str, optional
        The credibility threshold used.
    diff : TimelineDiff, optional
        What changed over a period, shown as a last section.

    Returns
    -------
    dict
        ``kind = "brief"`` with ``issues``, ``deadlocks`` and ``changes`` (or None).

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports import brief_document, render
    >>> tl = nt.load("examples/ukraine_dec2025.toml").timeline
    >>> snap = tl.snapshot()
    >>> doc = brief_document(nt.analyze(snap), nt.analyze_conditions(snap), tl, title="Talks")
    >>> print(render(doc, "text").splitlines()[3])
    Positions in force at the latest record (2026-01-01); every record counted, alleged ones included.
    """
    gaps = gaps_document(report, timeline, date=date, min_credibility=min_credibility)
    return _header(
        "brief",
        title,
        date=_date(date),
        latest=_date(timeline.dates[-1]) if timeline.dates else None,
        min_credibility=min_credibility,
        parties=gaps["parties"],
        issues=gaps["issues"],
        deadlocks=_plain(conditions.to_dict()),
        changes=None if diff is None else diff_document(diff, timeline),
    )


def validation_document(
    file: str, problems: Sequence[Any], *, summary: Mapping[str, int] | None = None
) -> Document:
    """Return the result of validating a scenario file.

    Parameters
    ----------
    file : str
        The file checked.
    problems : sequence of NegotrackError
        Every problem found (empty: the file is valid).
    summary : mapping of str to int, optional
        Counts of what the file holds (issues, parties, statements ...) when valid.

    Returns
    -------
    dict
        ``kind = "validation"`` with ``valid``, ``problems`` (each ``path`` and ``message``)
        and ``summary``.

    Examples
    --------
    >>> from negotrack.io.reports import validation_document, render
    >>> print(render(validation_document("x.toml", [], summary={"issues": 2}), "text"))
    x.toml is valid: 2 issues.
    """
    return _header(
        "validation",
        file,
        file=file,
        valid=not problems,
        problems=[
            {"path": getattr(p, "path", None), "message": getattr(p, "message", str(p))}
            for p in problems
        ],
        summary=dict(summary or {}),
    )


def packages_document(
    report: Any,
    *,
    title: str = "",
    date: datetime.date | None = None,
    parties: Sequence[str] = (),
) -> Document:
    """Return an agreement-space report (packages, frontier, solutions) as a document.

    Parameters
    ----------
    report : AgreementReport
        From :func:`negotrack.agreement`.
    title : str, optional
        A heading.
    date : datetime.date, optional
        The date analysed.
    parties : sequence of str, optional
        The parties asked about, for the message when ``report`` is None.

    Returns
    -------
    dict
        ``kind = "packages"``: the report's ``to_dict()`` under ``agreement`` (None when
        there was no issue to build packages from) and its plain-words summary under ``text``.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports import packages_document
    >>> snap = nt.load("examples/wage_negotiation.toml").timeline.snapshot()
    >>> doc = packages_document(nt.agreement(snap, issues=["pay_rise"]))
    >>> doc["agreement"]["issues"]
    ['pay_rise']
    """
    if report is None:
        text = (
            "No issue on which every one of "
            + (", ".join(parties) or "the parties")
            + " has stated a position, so there are no packages to compare; choose parties "
            "with --parties (for instance two that have stated positions on the same issues)."
        )
        return _header("packages", title, date=_date(date), agreement=None, text=text)
    return _header(
        "packages",
        title,
        date=_date(date),
        agreement=_plain(report.to_dict()),
        text=report.describe(),
    )


def forecast_document(
    report: Any, *, title: str = "", date: datetime.date | None = None
) -> Document:
    """Return a forecast report (issue → method → outcome) as a document.

    Parameters
    ----------
    report : ForecastReport
        From :func:`negotrack.forecast_report`.
    title : str, optional
        A heading.
    date : datetime.date, optional
        The date analysed.

    Returns
    -------
    dict
        ``kind = "forecast"``: the report's ``to_dict()`` under ``forecasts`` and its
        plain-words summary under ``text``.

    Examples
    --------
    >>> import negotrack as nt
    >>> from negotrack.io.reports import forecast_document
    >>> snap = nt.load("examples/ukraine_dec2025.toml").timeline.snapshot()
    >>> forecast_document(nt.forecast_report(snap))["forecasts"]["guarantee_years"]["median"]["value"]
    15.0
    """
    return _header(
        "forecast",
        title,
        date=_date(date),
        forecasts=_plain(report.to_dict()),
        text=report.describe(),
    )


# ----------------------------------------------------------------------------- rendering


def render(document: Mapping[str, Any], format: str = "text") -> str:
    """Render a report document as ``"text"``, ``"markdown"`` or ``"json"``.

    Parameters
    ----------
    document : dict
        A document from one of the ``*_document`` functions.
    format : {"text", "markdown", "json"}
        Plain text (a readable brief with aligned tables), Markdown (ready to paste into a
        memo) or JSON (indented, keys in schema order, UTF-8 characters kept).

    Returns
    -------
    str

    Raises
    ------
    InvalidTypeError
        If ``format`` is not one of :data:`FORMATS` or the document has no known ``kind``.

    Examples
    --------
    >>> from negotrack.io.reports import render, validation_document
    >>> doc = validation_document("x.toml", [])
    >>> print(render(doc, "json"))  # doctest: +ELLIPSIS
    {
      "negotrack_report": 1,
      "kind": "validation",
    ...
    """
    if format not in FORMATS:
        raise InvalidTypeError(
            f"format={format!r} is not a report format; use one of: {', '.join(FORMATS)}",
            path="format",
            value=format,
        )
    if format == "json":
        return json.dumps(_plain(document), indent=2, ensure_ascii=False)
    kind = document.get("kind")
    renderers = _RENDERERS.get(str(kind))
    if renderers is None:
        raise InvalidTypeError(
            f"document kind={kind!r} is not a report kind; use one of: {', '.join(_RENDERERS)}",
            path="document.kind",
            value=kind,
        )
    md = format == "markdown"
    lines = renderers(document, _Out(md))
    return "\n".join(lines).rstrip() + "\n"


class _Out:
    """Small helpers that differ between text and Markdown."""

    def __init__(self, markdown: bool) -> None:
        self.md = markdown

    def title(self, text: str) -> list[str]:
        if self.md:
            return [f"# {text}", ""]
        return [text, "=" * len(text), ""]

    def section(self, text: str) -> list[str]:
        if self.md:
            return [f"## {text}", ""]
        return [text, "-" * len(text), ""]

    def sub(self, text: str) -> list[str]:
        return [f"### {text}", ""] if self.md else [text]

    def bullet(self, text: str, level: int = 0) -> str:
        if self.md:
            return "  " * level + f"- {text}"
        return "  " * (level + 1) + text

    def strong(self, text: str) -> str:
        return f"**{text}**" if self.md else text

    def code(self, text: str) -> str:
        return f"`{text}`" if self.md else text

    def table(self, headers: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
        rows = [list(r) for r in rows]
        if self.md:
            esc = [[c.replace("|", "\\|") for c in r] for r in rows]
            out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
            out += ["| " + " | ".join(r) + " |" for r in esc]
            return [*out, ""]
        widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
        fmt = "  ".join(f"{{:<{w}}}" for w in widths)
        out = ["  " + fmt.format(*headers).rstrip(), "  " + "  ".join("-" * w for w in widths)]
        out += ["  " + fmt.format(*r).rstrip() for r in rows]
        return [*out, ""]


def _name(doc: Mapping[str, Any], pid: str) -> str:
    for p in doc.get("parties", ()):
        if p["id"] == pid:
            return str(p["name"])
    return pid


def _when(doc: Mapping[str, Any]) -> str:
    date = doc.get("date")
    if date:
        return f"on {date}"
    latest = doc.get("latest")
    return f"at the latest record ({latest})" if latest else "at the latest record"


def _credibility_note(doc: Mapping[str, Any]) -> str:
    level = doc.get("min_credibility", "denied")
    if level in (None, "denied"):
        return "every record counted, alleged ones included"
    return f"only records {level} or better"


def _render_timeline(doc: Mapping[str, Any], out: _Out) -> list[str]:
    recs = doc["records"]
    lines = out.title(f"{doc['title'] or 'Timeline'} — timeline")
    counts: dict[str, int] = {}
    for r in recs:
        counts[r["type"]] = counts.get(r["type"], 0) + 1
    lines.append(
        ", ".join(f"{n} {t}{'s' if n != 1 else ''}" for t, n in counts.items()) or "no records"
    )
    lines.append("")
    for date in dict.fromkeys(r["date"] for r in recs):
        lines += out.sub(date)
        for r in (r for r in recs if r["date"] == date):
            lines += [out.bullet(_record_line(r, out))]
            for q in _record_sources(r):
                lines.append(out.bullet(q, 1))
        lines.append("")
    return lines


def _record_line(r: Mapping[str, Any], out: _Out) -> str:
    cred = f"[{r['credibility']}]"
    if r["type"] == "statement":
        red = ", red line" if r["red_line"] else ""
        cites = f" (citing {', '.join(r['cites'])})" if r["cites"] else ""
        return (
            f"{out.strong(r['party_name'])} on {r['issue_title']}: wants {r['ideal']}, "
            f"accepts {r['acceptable']}{red} {cred}{cites}"
        )
    if r["type"] == "event":
        contested = ""
        if r["disputed_by"]:
            contested = f", disputed by {', '.join(r['disputed_by'])}"
        elif r["contested"]:
            contested = ", contested"
        return f"{out.strong('Event')}: {r['title']} [{r['credibility']}{contested}]"
    link = "only after" if r["kind"] == "precondition" else "only with"
    lifted = " (lifts an earlier condition)" if r["lifted"] else ""
    return (
        f"{out.strong(r['party_name'])} condition: {r['clause']} {link} {r['requires']}"
        f"{lifted} {cred}"
    )


def _record_sources(r: Mapping[str, Any]) -> list[str]:
    if r["type"] == "event":
        return [
            f"{s['source']}" + (f': "{s["quote"]}"' if s["quote"] else "") for s in r["sources"]
        ]
    quote = f': "{r["quote"]}"' if r.get("quote") else ""
    return [f"{r['source']}{quote}"]


def _render_diff(doc: Mapping[str, Any], out: _Out, *, nested: bool = False) -> list[str]:
    head = f"What changed after {doc['start']} (up to {doc['end']})"
    lines = (
        out.section(head)
        if nested
        else out.title(f"{doc['title'] or 'Changes'}: {head[0].lower()}{head[1:]}")
    )
    if not (
        doc["changes"] or doc["events"] or doc["conditions_added"] or doc["conditions_removed"]
    ):
        return [*lines, "Nothing changed.", ""]
    if doc["events"]:
        lines.append(out.strong("Events"))
        lines += [
            out.bullet(f"{e['date']}: " + _record_line(e, out).split(": ", 1)[1])
            for e in doc["events"]
        ]
        lines.append("")
    if doc["changes"]:
        lines.append(out.strong("Positions"))
        for ch in doc["changes"]:
            b, a = ch["before"], ch["after"]
            old = "no position" if b is None else _pos_words(b)
            new = "no position" if a is None else _pos_words(a)
            extra = ""
            if a is not None:
                extra = f" — {a['date']}, {a['credibility']}"
                if a["cites"]:
                    extra += f", citing {', '.join(a['cites'])}"
            lines.append(
                out.bullet(f"{ch['party_name']} on {ch['issue_title']}: {old} → {new}{extra}")
            )
        lines.append("")
    for key, label in (
        ("conditions_added", "Conditions added"),
        ("conditions_removed", "Conditions removed"),
    ):
        if doc[key]:
            lines.append(out.strong(label))
            lines += [out.bullet(_record_line(c, out)) for c in doc[key]]
            lines.append("")
    return lines


def _pos_words(s: Mapping[str, Any]) -> str:
    red = ", red line" if s["red_line"] else ""
    return f"wants {s['ideal']}, accepts {s['acceptable']}{red}"


def _render_deadlocks(doc: Mapping[str, Any], out: _Out, *, nested: bool = False) -> list[str]:
    data = doc["conditions"] if "conditions" in doc else doc["deadlocks"]
    head = "Deadlocks between conditions"
    if nested:
        lines = out.section(head)
    else:
        lines = out.title(f"{doc['title'] or 'Conditions'}: {head.lower()}")
    seq, links = data["sequencing"], data["linkage_conflicts"]
    if not seq and not links:
        lines += [
            "No sequencing deadlock and no linkage conflict among the conditions in force.",
            "",
        ]
    for i, d in enumerate(seq, 1):
        holders = _and([_name(doc, h) for h in d["holders"]])
        lines.append(
            out.strong(f"Sequencing deadlock {i}")
            + f": {len(d['clauses'])} steps, held by {holders} — nobody can move first."
        )
        for step, w in enumerate(d["witness"], 1):
            lines.append(
                out.bullet(
                    f"{step}. {_name(doc, w['holder'])} accepts {out.code(w['clause'])} only after "
                    f"{out.code(w['requires'])} [{w['credibility']}; {w['source']}]"
                )
            )
        lines.append(out.bullet(f"To untie it: {d['untie']['text']}."))
        lines.append("")
    for c in links:
        text = c.get("text") or json.dumps(c, ensure_ascii=False)
        lines += [out.strong("Linkage conflict") + f": {text}", ""]
    for note in data.get("notes", ()):
        lines.append(f"Cut short: {note}")
    return lines


def _render_validation(doc: Mapping[str, Any], out: _Out) -> list[str]:
    if doc["valid"]:
        held = ", ".join(f"{n} {k}" for k, n in doc["summary"].items())
        return [f"{out.code(doc['file'])} is valid" + (f": {held}." if held else ".")]
    n = len(doc["problems"])
    lines = [f"{out.code(doc['file'])} has {n} problem{'s' if n != 1 else ''}:"]
    lines += [
        out.bullet(f"{p['path']}: {p['message']}" if p["path"] else p["message"])
        for p in doc["problems"]
    ]
    return lines


def _render_text_blob(key: str, heading: str) -> Callable[[Mapping[str, Any], _Out], list[str]]:
    def render_blob(doc: Mapping[str, Any], out: _Out) -> list[str]:
        lines = out.title(f"{doc['title'] or heading}: {heading.lower()}")
        if doc.get("date"):
            lines += [f"Positions in force on {doc['date']}.", ""]
        text = str(doc.get("text", ""))
        if out.md:
            return [*lines, "```text", text, "```"]
        return [*lines, text]

    render_blob.__name__ = f"_render_{key}"
    return render_blob


_STATUS = {"agreed": "agreed", "overlap": "overlap", "no_overlap": "NO OVERLAP"}


def _render_gaps(doc: Mapping[str, Any], out: _Out, *, nested: bool = False) -> list[str]:
    rows = doc["issues"]
    if nested:
        lines = out.section("Issues, hardest first")
    else:
        lines = out.title(f"{doc['title'] or 'Gaps'}: issues, hardest first")
        lines += [f"Positions in force {_when(doc)}; {_credibility_note(doc)}.", ""]
    table = []
    for r in rows:
        status = _STATUS[r["status"]] + (", deadlocked" if r["deadlocked"] else "")
        if len(r["parties"]) < 2:
            status = "one party" if r["parties"] else "no positions"
        largest = f"{r['needed']:.3g} of the scale" if r["status"] == "no_overlap" else "—"
        zone = (r["overlap"] or "none") if r["parties"] else "—"
        table.append([r["title"], status, zone, largest])
    lines += out.table(["Issue", "Status", "Zone of agreement", "Largest move"], table)
    for r in rows:
        lines += out.sub(f"{r['title']} ({r['scale']})")
        lines.append(("" if out.md else "  ") + r["summary"][0].upper() + r["summary"][1:] + ".")
        if out.md:
            lines.append("")
        if not r["positions"]:
            if not out.md:
                lines.append("")
            continue
        moves = {m["party"]: m["text"] for m in r["concessions"] if m["move"] > 0}
        lines += out.table(
            ["Party", "Wants", "Accepts", "Red line", "Must move"],
            [
                [
                    p["name"],
                    p["ideal"],
                    p["acceptable"],
                    "yes" if p["red_line"] else "no",
                    moves.get(p["party"], "—"),
                ]
                for p in r["positions"]
            ],
        )
        if r["distances"]:
            lines.append(
                ("" if out.md else "  ")
                + "Distances (0 = the same, 1 = opposite ends of the scale):"
            )
            if out.md:
                lines.append("")
            lines += out.table(
                ["Pair", "Ideals", "Regions apart", "Hausdorff"],
                [
                    [
                        f"{_name(doc, d['a'])} – {_name(doc, d['b'])}",
                        f"{d['ideal']:.2f}",
                        f"{d['gap']:.2f}",
                        f"{d['hausdorff']:.2f}",
                    ]
                    for d in r["distances"]
                ],
            )
    return lines


def _render_brief(doc: Mapping[str, Any], out: _Out) -> list[str]:
    lines = out.title(doc["title"] or "Negotiation brief")
    lines += [
        f"Positions in force {_when(doc)}; {_credibility_note(doc)}.",
        "",
    ]
    lines += _render_gaps(doc, out, nested=True)
    lines += _render_deadlocks(doc, out, nested=True)
    if doc.get("changes"):
        lines += _render_diff(doc["changes"], out, nested=True)
    return lines


_RENDERERS: dict[str, Callable[[Mapping[str, Any], _Out], list[str]]] = {
    "brief": _render_brief,
    "gaps": _render_gaps,
    "deadlocks": _render_deadlocks,
    "diff": _render_diff,
    "timeline": _render_timeline,
    "validation": _render_validation,
    "packages": _render_text_blob("packages", "Agreement space"),
    "forecast": _render_text_blob("forecast", "Forecasts"),
}


# ----------------------------------------------------------------------------- the schema


def report_schema() -> dict[str, Any]:
    """Return the JSON Schema every report document follows (shipped with the package).

    Returns
    -------
    dict
        A JSON Schema (draft 2020-12) document.

    Examples
    --------
    >>> from negotrack.io.reports import report_schema
    >>> report_schema()["properties"]["negotrack_report"]["const"]
    1
    """
    text = (
        importlib.resources.files("negotrack.io")
        .joinpath("report_schema.json")
        .read_text(encoding="utf-8")
    )
    schema: dict[str, Any] = json.loads(text)
    return schema


def check_document(document: Any, schema: Mapping[str, Any] | None = None) -> list[str]:
    """Check a document against the report schema; return the problems (empty: it conforms).

    A small checker for the part of JSON Schema the report schema uses: ``type``,
    ``const``, ``enum``, ``properties``, ``required``, ``additionalProperties``, ``items``,
    ``oneOf``, ``$ref`` to ``#/$defs/...`` and ``minimum``/``maximum``. It needs no
    dependency; the tests also run the full ``jsonschema`` validator when it is installed.

    Parameters
    ----------
    document : object
        Parsed JSON (or a document dict).
    schema : mapping, optional
        The schema (default: :func:`report_schema`).

    Returns
    -------
    list of str
        One ``$.path: problem`` line per problem.

    Examples
    --------
    >>> from negotrack.io.reports import check_document, validation_document
    >>> check_document(validation_document("x.toml", []))
    []
    >>> check_document({"negotrack_report": 1, "kind": "nonsense", "title": ""})[0]
    "$.kind: 'nonsense' is not one of ..."
    """
    root = dict(schema if schema is not None else report_schema())
    problems: list[str] = []
    _check(json.loads(json.dumps(_plain(document))), root, root, "$", problems)
    return problems


_TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def _check(  # noqa: PLR0912  (one branch per JSON Schema keyword)
    value: Any, schema: Mapping[str, Any], root: Mapping[str, Any], path: str, problems: list[str]
) -> None:
    if "$ref" in schema:
        ref = str(schema["$ref"])
        target: Any = root
        for part in ref.removeprefix("#/").split("/"):
            target = target[part]
        _check(value, target, root, path, problems)
        return
    types = schema.get("type")
    if types is not None:
        allowed = [types] if isinstance(types, str) else list(types)
        if not any(_TYPES[t](value) for t in allowed):
            problems.append(f"{path}: {value!r} is not of type {' or '.join(allowed)}")
            return
    if "const" in schema and value != schema["const"]:
        problems.append(f"{path}: {value!r} is not {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        problems.append(f"{path}: {value!r} is not one of {schema['enum']!r}")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            problems.append(f"{path}: {value!r} is below the minimum {schema['minimum']!r}")
        if "maximum" in schema and value > schema["maximum"]:
            problems.append(f"{path}: {value!r} is above the maximum {schema['maximum']!r}")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        problems.extend(
            f"{path}: missing required key {key!r}"
            for key in schema.get("required", ())
            if key not in value
        )
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            if key in props:
                _check(item, props[key], root, f"{path}.{key}", problems)
            elif extra is False:
                problems.append(f"{path}: unexpected key {key!r}")
            elif isinstance(extra, Mapping):
                _check(item, extra, root, f"{path}.{key}", problems)
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            _check(item, schema["items"], root, f"{path}[{i}]", problems)
    if "oneOf" in schema:
        failures: list[list[str]] = []
        for option in schema["oneOf"]:
            sub: list[str] = []
            _check(value, option, root, path, sub)
            failures.append(sub)
        matches = sum(1 for sub in failures if not sub)
        if matches != 1:
            problems.append(f"{path}: matches {matches} of the oneOf alternatives, not exactly 1")
        if matches == 0:
            problems.extend(sorted(failures, key=len)[0])
