"""KTAB's Spatial Model of Politics input CSV (read and write).

Row 1: scenario name, description, number of actors, number of dimensions. Row 2: the
header ``Actor,Description,Influence`` then ``<dimension> Position,<dimension> Salience``
per dimension. Then one row per actor: short name, description, influence, and a
(position, salience) pair per dimension, all on 0–100. Trailing commas are allowed.

Mapping: each dimension is a 0–100 numeric issue; each actor a party (id = short name,
name = description, capability = influence); one statement per actor and dimension (ideal
= position, the whole scale acceptable, salience / 100).
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from negotrack.errors import DataError
from negotrack.io.atomic import atomic_write
from negotrack.io.formats import FileFormat, register
from negotrack.io.scenario import Scenario
from negotrack.io.utility_domain import PROFILE_DATE, number_cell, read_text
from negotrack.model.entities import Issue, Party, Position, Source, SourceKind
from negotrack.model.regions import Region
from negotrack.model.scales import NumericScale
from negotrack.timeline.records import Statement
from negotrack.timeline.timeline import Timeline

__all__ = ["KTAB_SCALE", "read_ktab", "write_ktab"]

#: The 0–100 scale of every KTAB dimension.
KTAB_SCALE = NumericScale(0, 100)


def _rows(path: Path) -> list[list[str]]:
    text = read_text(path)
    rows = [[c.strip() for c in r] for r in csv.reader(io.StringIO(text))]
    for r in rows:
        while r and r[-1] == "":
            r.pop()
    return [r for r in rows if r]


def read_ktab(path: str | os.PathLike[str]) -> Scenario:
    """Read a KTAB SMP CSV file as a scenario.

    Each actor is a party (influence → capability), each dimension an issue on 0–100, each
    position and salience a statement whose acceptable region is the whole scale (KTAB has
    no ranges). An actor with salience 0 on a dimension has no stake there and is silent on
    it — how :func:`write_ktab` writes a party without a position.

    Parameters
    ----------
    path : str or PathLike
        The CSV file (UTF-8; trailing commas allowed).

    Returns
    -------
    Scenario
        Titled by row 1's name, described by its description; every statement dated
        2000-01-01 (KTAB files have no dates).

    Raises
    ------
    DataError
        If the file is malformed: a wrong header, a row of the wrong width, a number out of
        0–100 (influence: any number >= 0), actor counts that disagree with row 1.

    Examples
    --------
    >>> from negotrack.io.ktab import read_ktab
    >>> import negotrack as nt
    >>> sc = read_ktab("examples/formats/fishing_ktab.csv")
    >>> len(sc.timeline.parties), [i.id for i in sc.timeline.issues]
    (3, ['Quota', 'Season'])
    >>> f = nt.forecast(sc.timeline.snapshot(), "Quota")
    >>> round(f.coordinate, 2), f.value  # Σ cap·sal·pos / Σ cap·sal, and at the resolution
    (51.85, 52.0)
    """
    file = Path(path)
    rows = _rows(file)
    if len(rows) < 2 or len(rows[0]) < 4:
        raise DataError(
            "row 1 must be: name, description, number of actors, number of dimensions",
            path="line 1",
            value=rows[0] if rows else None,
            file=str(file),
        )
    name, desc = rows[0][0], ",".join(rows[0][1:-2])
    n_actors = int(number_cell(rows[0][-2], file, 1, "actors", lo=0))
    n_dims = int(number_cell(rows[0][-1], file, 1, "dimensions", lo=0))
    header = rows[1]
    if header[:3] != ["Actor", "Description", "Influence"] or len(header) != 3 + 2 * n_dims:
        raise DataError(
            f"line 2 must be Actor,Description,Influence then a Position and a Salience column "
            f"per dimension ({n_dims})",
            path="line 2",
            value=header,
            file=str(file),
        )
    dims = []
    for k in range(n_dims):
        pos, sal = header[3 + 2 * k], header[4 + 2 * k]
        if not (pos.endswith(" Position") and sal.endswith(" Salience")):
            raise DataError(
                f"line 2: columns {pos!r}, {sal!r} must be '<dimension> Position', "
                f"'<dimension> Salience'",
                path="line 2",
                value=(pos, sal),
                file=str(file),
            )
        dims.append(pos.removesuffix(" Position"))
    body = rows[2:]
    if len(body) != n_actors:
        raise DataError(
            f"row 1 announces {n_actors} actors but the file has {len(body)}",
            path="line 1.actors",
            value=n_actors,
            file=str(file),
        )
    parties: list[Party] = []
    listed: set[str] = set()  # actor ids seen
    records: list[Statement] = []
    source = Source(title="KTAB Spatial Model of Politics input", kind=SourceKind.ANALYSIS)
    for line, row in enumerate(body, start=3):
        if len(row) != 3 + 2 * n_dims:
            raise DataError(
                f"line {line} has {len(row)} cells; the header has {3 + 2 * n_dims}",
                path=f"line {line}",
                value=row,
                file=str(file),
            )
        actor = row[0]
        if actor in listed:
            raise DataError(
                f"line {line}: actor {actor!r} is listed twice; each actor has one row",
                path=f"line {line}.Actor",
                value=actor,
                file=str(file),
            )
        listed.add(actor)
        parties.append(
            Party(actor, name=row[1], capability=number_cell(row[2], file, line, "Influence", lo=0))
        )
        for k, dim in enumerate(dims):
            ideal = number_cell(row[3 + 2 * k], file, line, f"{dim} Position", lo=0, hi=100)
            weight = number_cell(row[4 + 2 * k], file, line, f"{dim} Salience", lo=0, hi=100)
            if weight == 0:  # no stake in the dimension: silent there (write_ktab's silence)
                continue
            records.append(
                Statement(
                    party=actor,
                    issue=dim,
                    date=PROFILE_DATE,
                    position=Position(
                        ideal=ideal, acceptable=Region.full(KTAB_SCALE), salience=weight / 100
                    ),
                    source=source,
                )
            )
    timeline = Timeline(
        issues=[Issue(d, KTAB_SCALE) for d in dims], parties=parties, records=records
    )
    return Scenario(title=name, description=desc, timeline=timeline)


def _g(x: float) -> str:
    return f"{x:.15g}"


def write_ktab(scenario: Scenario, path: str | os.PathLike[str]) -> None:
    """Write a scenario as a KTAB SMP CSV file (latest positions; numeric issues only).

    Positions and saliences are rescaled to 0–100 from each issue's scale; a party without
    a position on an issue gets position 50 (the middle) and salience 0, which
    :func:`read_ktab` reads back as silence.

    Parameters
    ----------
    scenario : Scenario
        What to write: its latest positions, parties (capability → influence) and title.
    path : str or PathLike
        The CSV file, written atomically (a failed write leaves any old file).

    Raises
    ------
    DataError
        If an issue is not numeric (KTAB dimensions are 0–100 numbers).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from negotrack.io.ktab import read_ktab, write_ktab
    >>> sc = read_ktab("examples/formats/fishing_ktab.csv")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     write_ktab(sc, pathlib.Path(d) / "out.csv")
    ...     read_ktab(pathlib.Path(d) / "out.csv") == sc
    True
    """
    tl = scenario.timeline
    snap = tl.snapshot()
    scales = {}
    for issue in tl.issues:
        if not isinstance(issue.scale, NumericScale):
            raise DataError(
                f"issue {issue.id!r} has {'an' if issue.scale.kind[0] in 'aeiou' else 'a'} "
                f"{issue.scale.kind} scale; KTAB dimensions are numeric",
                path=f"issues[{issue.id!r}]",
                value=issue.scale.kind,
                file=os.fspath(path),
            )
        scales[issue.id] = issue.scale
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow([scenario.title, scenario.description, len(tl.parties), len(tl.issues)])
    w.writerow(
        ["Actor", "Description", "Influence"]
        + [f"{i} {k}" for i in scales for k in ("Position", "Salience")]
    )
    for party in tl.parties:
        row = [party.id, party.name, _g(party.capability)]
        for i, s in scales.items():
            pos = snap.position(party.id, i)
            if pos is None:  # silent: no stake, which read_ktab reads back as silence
                row += ["50", "0"]
            else:
                assert isinstance(pos.ideal, int | float)
                row += [_g((pos.ideal - s.lo) / (s.hi - s.lo) * 100), _g(pos.salience * 100)]
        w.writerow(row)
    atomic_write(Path(path), out.getvalue().encode())


def _recognises(path: Path) -> bool:
    if not path.is_file():
        return False
    with path.open("rb") as fh:
        head = fh.read(4096)
    return b"Actor,Description,Influence" in head


KTAB = register(
    FileFormat(
        name="ktab",
        suffixes=(".csv",),
        description="a KTAB Spatial Model of Politics input CSV (actors, influence, positions)",
        reader=read_ktab,
        writer=write_ktab,
        recognises=_recognises,
    )
)
