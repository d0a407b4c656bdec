"""The HTML brief: one self-contained page to share, with a date and a credibility control.

:func:`html_brief` analyses the record on every date (the last ``max_dates`` of them) at
every credibility threshold, writes the brief of each as a section of the page, and adds a
small script that shows the section the reader picks. Nothing is computed in the browser
and nothing is fetched: without the script (printed, or scripts off) the page shows the
brief on the latest date at the default threshold, which is the static fallback.

The page holds, for the chosen date and threshold: what it covers, the executive summary,
the issues hardest first, each with a figure of the parties' positions (ranges, ideals, red
lines, the zone of agreement), the distance heatmap, the condition graph and the deadlocks,
and what changed since the previous date; then, for the chosen threshold, the gaps over time
with the chosen date marked; and the dated record of statements, events and conditions up
to that date, with quotes, sources and credibility, contested events marked.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from negotrack._clock import CONDITIONS_TIME_LIMIT as DEFAULT_TIME_LIMIT
from negotrack._words import count
from negotrack.analysis._parameters import check_count
from negotrack.errors import InvalidTypeError, ValidationError
from negotrack.io.atomic import atomic_write
from negotrack.io.reports.blocks import Bullet, Bullets, Figure, Strong
from negotrack.io.reports.documents import brief_document, series_data, timeline_document
from negotrack.io.reports.views import view
from negotrack.io.reports.views.timeline import record_line, record_sources
from negotrack.io.scenario import Scenario
from negotrack.timeline.parties import select_parties
from negotrack.timeline.records import DEFAULT_MIN_CREDIBILITY, Credibility
from negotrack.timeline.snapshot import Snapshot
from negotrack.timeline.timeline import Timeline

if TYPE_CHECKING:  # a brief is given a robustness report; it never makes one
    from negotrack.analysis.gaps import GapReport
    from negotrack.analysis.robustness import RobustnessReport

__all__ = ["MAX_DATES", "html_brief", "write_html_brief"]

#: By default the page holds the brief on the last this many dates.
MAX_DATES = 40

#: The script that shows the brief for the chosen date and threshold (no other script runs).
_SCRIPT = """(function(){
var d=document.getElementById('nt-date'),c=document.getElementById('nt-cred');
var rank={denied:1,alleged:2,reported:3,confirmed:4};
function each(sel,f){Array.prototype.forEach.call(document.querySelectorAll(sel),f);}
function show(){
var date=d.value,cred=c.value;
each('[data-variant]',function(s){s.hidden=!(s.dataset.date===date&&s.dataset.cred===cred);});
each('[data-series]',function(s){s.hidden=s.dataset.cred!==cred;});
each('.nt-now',function(l){l.setAttribute('visibility',l.dataset.date===date?'visible':'hidden');});
function level(r){var v=r.dataset.cred;(r.dataset.revised||'').split(' ').forEach(function(x){var p=x.split('|');if(p.length===3&&p[0]<=date&&rank[p[1]]>=rank[cred])v=p[2];});return v;}
var n=0;each('[data-record]',function(r){var out=r.dataset.date>date||rank[level(r)]<rank[cred];r.hidden=out;if(!out)n++;});
document.getElementById('nt-count').textContent=n+(n===1?' record':' records')+' up to '+date+', '+cred+' or better.';
}
d.addEventListener('change',show);c.addEventListener('change',show);show();
})();"""


def html_brief(
    source: Scenario | Timeline,
    *,
    title: str = "",
    parties: Iterable[str] | None = None,
    exclude_groups: Iterable[str] = (),
    condition_holders: Iterable[str] | None = None,
    min_credibility: Credibility | str = DEFAULT_MIN_CREDIBILITY,
    max_dates: int = MAX_DATES,
    time_limit: float = DEFAULT_TIME_LIMIT,
    robustness: RobustnessReport | None = None,
) -> str:
    """Return the HTML brief of a record: one self-contained page.

    Parameters
    ----------
    source : Scenario or Timeline
        The record (a scenario file's or a store's, as :func:`negotrack.load` and
        :class:`negotrack.Store` give it).
    title : str, optional
        The page's title (default: the scenario's title).
    parties : iterable of str, optional
        Whose positions the brief covers (default: every party), as everywhere
        (:func:`negotrack.select_parties`).
    exclude_groups : iterable of str, optional
        Leave out the parties of these groups.
    condition_holders : iterable of str, optional
        Whose conditions are read (default: every party's).
    min_credibility : Credibility or str, optional
        The threshold the page opens on (default ``"alleged"``); the reader can pick any.
    max_dates : int, optional
        The page holds the brief on the last this many dates (default :data:`MAX_DATES`);
        the page says when earlier dates are left out.
    time_limit : float, optional
        Seconds of optional work for the whole page (default 1.5), shared by its condition
        analyses (one per date and credibility level; :func:`negotrack.analyze_conditions`):
        each gets an equal share of what is left. Each report says what its share cut short.
    robustness : RobustnessReport, optional
        How sure each conclusion is (:func:`negotrack.robustness` of the same record): the
        summary lines of its date and credibility threshold open with their label, robust,
        fragile or undetermined, and what they hang on.

    Returns
    -------
    str
        The page.

    Raises
    ------
    InvalidTypeError
        If ``source`` is neither a Scenario nor a Timeline, or ``max_dates`` not a whole
        number.
    ValidationError
        If ``max_dates`` < 1.
    UnknownReferenceError
        If a party or group is unknown.

    Examples
    --------
    >>> import negotrack as nt
    >>> page = nt.html_brief(nt.load("examples/ukraine_dec2025.toml"))
    >>> page.startswith("<!DOCTYPE html>"), page.count("<section data-variant")
    (True, 16)
    """
    # The HTML writer (and the figures it draws) is imported here: the command line
    # imports this module for its defaults (MAX_DATES) on every command.
    from negotrack.io.reports.writers.html import escape, page, write_blocks

    timeline = source.timeline if isinstance(source, Scenario) else source
    if not isinstance(timeline, Timeline):
        raise InvalidTypeError(
            f"source={source!r} must be a Scenario or a Timeline", path="source", value=source
        )
    check_count("max_dates", max_dates, 1, error=ValidationError)
    title = title or (source.title if isinstance(source, Scenario) else "") or "Negotiation brief"
    chosen = select_parties(timeline, parties, exclude_groups=exclude_groups)
    holders = select_parties(timeline, condition_holders, path="condition_holders")
    opening = Credibility.parse(min_credibility, field="min_credibility")
    # imported when a brief is written (networkx, NumPy), not by the `brief` option's default
    from negotrack.analysis.deadlocks.api import Budget, analyze_conditions
    from negotrack.analysis.gaps import analyze

    all_dates = list(timeline.dates)
    dates = all_dates[-max_dates:]
    latest = dates[-1] if dates else None
    sections: list[str] = []
    series: list[str] = []
    budget = Budget(time_limit, len(Credibility) * max(1, len(dates)))
    for cred in Credibility:
        reports = []
        for k, date in enumerate(dates or [None]):
            snap = timeline.snapshot(date, min_credibility=cred)
            conditions = analyze_conditions(
                snap, parties=chosen, condition_holders=holders, time_limit=budget.share()
            )
            report = analyze(snap, parties=chosen, conditions=conditions)
            reports.append(report)
            # the date before, in the page or (the first date shown) left out of it: "What
            # changed" is always against the record's previous date
            earlier = len(all_dates) - len(dates) + k - 1
            before = all_dates[earlier] if date is not None and earlier >= 0 else None
            doc = _brief(timeline, snap, report, title=title, before=before, holders=holders)
            if robustness is not None and _robustness_of(robustness, date, latest, cred):
                _mark(doc, robustness)
            shown = date == latest and cred is opening
            blocks = view(doc)[1:]  # the page has its own title
            sections.append(
                f'<section data-variant data-date="{_iso(date)}" data-cred="{cred.label}"'
                f"{'' if shown else ' hidden'}>\n{write_blocks(blocks)}</section>\n"
            )
        if dates:  # the chart of this threshold, from the analyses just made
            data = series_data(reports, dates)
            figure = Figure("gaps_over_time", "Move needed on each issue, date by date", data=data)
            series.append(
                f'<div data-series data-cred="{cred.label}"{"" if cred is opening else " hidden"}>'
                f"{write_blocks([figure])}</div>\n"
            )
    body = [
        f"<h1>{escape(title)}</h1>\n",
        _controls(dates, latest, opening, len(all_dates) - len(dates)),
        *sections,
    ]
    if series:
        body += ["<h2>Gaps over time</h2>\n", *series]
    body.append(_record(timeline, chosen, holders, title))
    return page(title, "".join(body), script=_SCRIPT)


def write_html_brief(
    out: str | os.PathLike[str], source: Scenario | Timeline, **options: Any
) -> None:
    """Write the HTML brief to ``out`` atomically (the old file stays whole if writing fails).

    Parameters
    ----------
    out : str or path
        The file to write (``brief.html``).
    source : Scenario or Timeline
        The record.
    **options
        As :func:`html_brief`.

    Examples
    --------
    >>> import pathlib, tempfile, negotrack as nt
    >>> from negotrack.io.html_brief import write_html_brief
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "brief.html"
    >>> write_html_brief(out, nt.load("examples/wage_negotiation.toml"))
    >>> out.read_text(encoding="utf-8").count("<svg") > 10
    True
    """
    atomic_write(out, html_brief(source, **options).encode("utf-8"))


def _robustness_of(
    report: RobustnessReport,
    date: datetime.date | None,
    latest: datetime.date | None,
    cred: Credibility,
) -> bool:
    """Whether a robustness report is of this section's date and threshold."""
    return (report.date or latest) == date and report.min_credibility == cred.label


def _mark(doc: dict[str, Any], report: RobustnessReport) -> None:
    """Give each summary line stating a conclusion how sure that conclusion is."""
    for line in doc.get("summary") or []:
        found = report.conclusion(line.get("conclusion", ""))
        if found is not None:
            line["robustness"] = {
                "label": found.label,
                "holds": found.holds.to_dict(),
                "depends_on": [d.input for d in found.depends_on],
            }


def _iso(date: datetime.date | None) -> str:
    return date.isoformat() if date else "latest"


def _brief(
    timeline: Timeline,
    snap: Snapshot,
    report: GapReport,
    *,
    title: str,
    before: datetime.date | None,
    holders: Sequence[str],
) -> dict[str, Any]:
    """Return the brief document of one date and threshold, with what changed since ``before``."""
    diff = None
    if before is not None and snap.date is not None:
        diff = timeline.diff(
            before,
            snap.date,
            min_credibility=snap.min_credibility,
            parties=report.parties,
            condition_holders=holders,
        )
    return brief_document(
        report,
        report.conditions,
        timeline,
        title=title,
        date=snap.date,
        min_credibility=snap.min_credibility.label,
        diff=diff,
        snapshot=snap,
    )


def _controls(
    dates: Sequence[datetime.date],
    latest: datetime.date | None,
    opening: Credibility,
    left_out: int,
) -> str:
    options = (
        "".join(
            f'<option value="{d.isoformat()}"{" selected" if d == latest else ""}>{d.isoformat()}</option>'
            for d in dates
        )
        or '<option value="latest" selected>latest</option>'
    )
    creds = "".join(
        f'<option value="{c.label}"{" selected" if c is opening else ""}>{c.label} or better</option>'
        for c in Credibility
    )
    note = (
        f'<span class="tag">{count(left_out, "earlier date")} '
        f"{'is' if left_out == 1 else 'are'} not in this page.</span>"
        if left_out
        else ""
    )
    return (
        '<div class="controls">'
        f'<label>Date <select id="nt-date">{options}</select></label>'
        f'<label>Records counted <select id="nt-cred">{creds}</select></label>{note}</div>\n'
    )


def _record(timeline: Timeline, parties: Sequence[str], holders: Sequence[str], title: str) -> str:
    from negotrack.io.reports.writers.html import escape, write_blocks  # as in html_brief

    doc = timeline_document(timeline, title=title, parties=parties, condition_holders=holders)
    out = [
        "<h2>The record</h2>\n",
        '<p class="coverage" id="nt-count">Every record, with its sources.</p>\n',
    ]
    # Each record's revisions, in date order: (date, the revising event's credibility, new
    # level). The script applies those dated up to the chosen date whose event is counted at
    # the chosen threshold, the last one winning, as a snapshot does (Timeline._revised).
    revised: dict[str, list[str]] = {}
    events = [r for r in doc["records"] if r["type"] == "event" and r.get("revises")]
    for ev in sorted(events, key=lambda e: e["date"]):  # stable: the record's order on ties
        for rid, new in ev["revises"].items():
            revised.setdefault(rid, []).append(f"{ev['date']}|{ev['credibility']}|{new}")
    for r in doc["records"]:
        mark = (
            [Strong("contested: ")]
            if r["type"] == "event" and (r["contested"] or r["disputed_by"])
            else []
        )
        line = (f"{r['date']} · ", *mark, *record_line(r))
        item = write_blocks([Bullets([Bullet(line, children=record_sources(r))])])
        contested = " contested" if mark else ""
        changes = " ".join(revised.get(r["id"], ()))
        out.append(
            f'<div class="record{contested}" data-record data-id="{escape(r["id"])}" '
            f'data-date="{escape(r["date"])}" data-cred="{escape(r["credibility"])}" '
            f'data-revised="{escape(changes)}">{item}</div>\n'
        )
    return "".join(out)
