"""The decide exchange-model input CSV (read only).

Tab-separated lines, text quoted with ``'``: ``#A`` actor key, name (and a comment);
``#P`` issue key, name; ``#M`` issue, a position meaning (two lines per issue: the scale's
ends); ``#D`` actor, issue, position, salience (0–1), power (0–1). Other lines are ignored.

Mapping: each issue is a numeric issue from its smallest to its largest ``#M`` value;
each actor a party (id = key, name = name) whose capability is its power (an actor's power
must be the same on every issue: negotrack's capability is per party); one statement per
``#D`` line (ideal = position, the whole scale acceptable, the salience).
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from negotrack.errors import DataError
from negotrack.io.formats import FileFormat, register
from negotrack.io.scenario import Scenario
from negotrack.io.utility_domain import PROFILE_DATE, number_cell, read_text
from negotrack.model.entities import Issue, Party, Position, Source, SourceKind
from negotrack.model.regions import Region
from negotrack.model.scales import NumericScale
from negotrack.timeline.records import Statement
from negotrack.timeline.timeline import Timeline

__all__ = ["read_decide"]


def _at_line(file: Path, line: int, message: str, value: object, field: str = "") -> DataError:
    """Return the refusal of a decide line: ``line N: message``, at ``line N[.field]``."""
    where = f"line {line}.{field}" if field else f"line {line}"
    return DataError(f"line {line}: {message}", path=where, value=value, file=str(file))


def read_decide(path: str | os.PathLike[str]) -> Scenario:  # noqa: PLR0912 - one branch per line kind and rule
    """Read a decide exchange-model input file as a scenario.

    Parameters
    ----------
    path : str or PathLike
        The tab-separated file (``'``-quoted ``#A``/``#P``/``#M``/``#D`` lines).

    Returns
    -------
    Scenario
        One party per actor (power → capability), one numeric issue per ``#P`` line on the
        scale its ``#M`` lines span, one statement per ``#D`` line dated 2000-01-01.

    Raises
    ------
    DataError
        If a line is short, a number is malformed or out of range, a ``#D`` line names an
        unknown actor or issue, an issue has fewer than two distinct ``#M`` values, or an
        actor's power differs between issues.

    Examples
    --------
    >>> from negotrack.io.decide import read_decide
    >>> import negotrack as nt
    >>> sc = read_decide("examples/formats/fishing_decide.csv")
    >>> [(p.id, p.capability) for p in sc.timeline.parties]
    [('FLT', 0.4), ('ENV', 0.6)]
    >>> f = nt.forecast(sc.timeline.snapshot(), "quota")
    >>> round(f.coordinate, 2), f.value  # the exact mean, and the forecast at its resolution
    (52.94, 53.0)
    """
    file = Path(path)
    text = read_text(file)
    actors: dict[str, str] = {}
    issues: dict[str, str] = {}
    ends: dict[str, list[float]] = {}
    data: list[tuple[int, str, str, float, float, float]] = []
    stated: set[tuple[str, str]] = set()  # (actor, issue) pairs with a #D line
    need = {"#A": 3, "#P": 3, "#M": 3, "#D": 6}
    for line, row in enumerate(
        csv.reader(io.StringIO(text), delimiter="\t", quotechar="'"), start=1
    ):
        if not row or row[0] not in need:
            continue
        if len(row) < need[row[0]]:
            raise _at_line(
                file, line, f"a {row[0]} line needs {need[row[0]]} fields, got {len(row)}", row
            )
        tag = row[0]
        if tag in ("#A", "#P"):
            declared, what = (actors, "actor") if tag == "#A" else (issues, "issue")
            if row[1] in declared:
                raise _at_line(
                    file, line, f"{what} {row[1]!r} is declared twice ({tag} lines)", row[1], what
                )
            declared[row[1]] = row[2]
        elif tag == "#M":
            ends.setdefault(row[1], []).append(number_cell(row[2], file, line, "meaning"))
        else:
            _, actor, issue = row[:3]
            for key, known, what in ((actor, actors, "actor"), (issue, issues, "issue")):
                if key not in known:
                    declaring = "#A" if what == "actor" else "#P"
                    message = f"unknown {what} {key!r} (not declared by a {declaring} line above)"
                    raise _at_line(file, line, message, key, what)
            if (actor, issue) in stated:
                message = f"{actor!r} already has a #D line on {issue!r}; each actor states one "
                raise _at_line(file, line, message + "position per issue", row)
            stated.add((actor, issue))
            data.append(
                (
                    line,
                    actor,
                    issue,
                    number_cell(row[3], file, line, "position"),
                    number_cell(row[4], file, line, "salience", lo=0, hi=1),
                    number_cell(row[5], file, line, "power", lo=0, hi=1),
                )
            )
    for tag, declared, what in (("#A", actors, "actors"), ("#P", issues, "issues")):
        if not declared:
            raise DataError(
                f"no {tag} lines: a decide file declares its {what} ({tag}) before its data",
                path=tag,
                value=None,
                file=str(file),
            )
    scales: dict[str, NumericScale] = {}
    for issue in issues:
        e = ends.get(issue, [])
        if len(set(e)) < 2:
            raise DataError(
                f"issue {issue!r} needs two #M lines with different values (its scale's ends)",
                path=f"#M[{issue!r}]",
                value=e,
                file=str(file),
            )
        scales[issue] = NumericScale(min(e), max(e))
    for line, _, issue, pos, _, _ in data:
        if not scales[issue].lo <= pos <= scales[issue].hi:
            span = f"[{scales[issue].lo:g}, {scales[issue].hi:g}]"
            message = f"position {pos:g} is outside {issue!r}'s #M range {span}"
            raise _at_line(file, line, message, pos, "position")
    power: dict[str, float] = {}
    for line, actor, _, _, _, pw in data:
        if power.setdefault(actor, pw) != pw:
            message = (
                f"{actor!r} has power {pw:g} here and {power[actor]:g} before; negotrack's "
                f"capability is one number per party"
            )
            raise _at_line(file, line, message, pw, "power")
    source = Source(title=f"decide input {file.name}", kind=SourceKind.ANALYSIS)
    records = [
        Statement(
            party=actor,
            issue=issue,
            date=PROFILE_DATE,
            position=Position(ideal=pos, acceptable=Region.full(scales[issue]), salience=sal),
            source=source,
        )
        for _, actor, issue, pos, sal, _ in data
    ]
    timeline = Timeline(
        issues=[Issue(i, scales[i], title=t) for i, t in issues.items()],
        parties=[Party(a, name=n, capability=power.get(a, 1.0)) for a, n in actors.items()],
        records=records,
    )
    return Scenario(
        title=file.stem, description=f"Imported from decide ({file.name})", timeline=timeline
    )


def _recognises(path: Path) -> bool:
    if not path.is_file():
        return False
    with path.open("rb") as fh:
        head = fh.read(4096)
    return head.startswith(b"'#A'") or b"\n'#A'" in head


DECIDE = register(
    FileFormat(
        name="decide",
        suffixes=(".csv",),
        description="a decide exchange-model input file (tab-separated #A/#P/#M/#D lines)",
        reader=read_decide,
        recognises=_recognises,
    )
)
