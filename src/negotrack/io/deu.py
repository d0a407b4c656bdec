"""A reader for the DEU data set on EU legislative decision-making (DEU I–III).

The DEU III file (Arregui & Perarnaud 2021; combined with the earlier DEU waves) gives,
for each controversial issue in an EU legislative proposal, expert estimates of the
position (0–100) and salience (0–100) of the Commission, the European Parliament and the
member states, the reference point (status quo, ``rp``) and the outcome (``out``).

The file read here is tab-separated with quoted values: a header row, a row of GDP figures
(a capability proxy, in the position columns only), then one issue per row. Columns:
identifiers and metadata, then ``p<actor>`` and ``s<actor>`` for each actor, then ``rp``
and ``out``.

Rules (the data set's own conventions):

* values outside 0–100 (such as 999) and empty cells are missing;
* an actor counts on an issue only when it has both a position and a salience;
* issues without an outcome are skipped (353 of the 364 issues remain in DEU III).

:func:`read_deu` returns plain typed records (:class:`DeuData`, :class:`DeuIssue`,
:class:`DeuPosition`); :meth:`DeuIssue.timeline` and :meth:`DeuIssue.snapshot` turn an
issue into a negotrack timeline (a 0–100 numeric issue whose status quo is the reference
point, one party per actor, the whole scale acceptable, salience rescaled to [0, 1]).
:func:`negotrack.backtest` (in :mod:`negotrack.analysis.backtest`) scores the forecast
models on them.

References
----------
Arregui, J. & Perarnaud, C. (2021). A new dataset on legislative decision-making in the
European Union: the DEU III dataset. *Journal of European Public Policy*.
doi:10.1080/13501763.2021.1991983.
"""

from __future__ import annotations

import csv
import datetime
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from negotrack._words import count

# The backtest moved to negotrack.analysis.backtest; its old import path keeps working
# (``X as X`` is the explicit re-export type checkers recognise).
from negotrack.analysis.backtest import Backtest as Backtest  # noqa: PLC0414 - see above
from negotrack.analysis.backtest import backtest as backtest  # noqa: PLC0414 - see above
from negotrack.errors import DataError
from negotrack.io.eu_council import COUNCIL_RULES, council_power
from negotrack.model.entities import Issue, Party, Position, Source, SourceKind
from negotrack.model.regions import Region
from negotrack.model.scales import NumericScale
from negotrack.timeline.records import Statement
from negotrack.timeline.snapshot import Snapshot
from negotrack.timeline.timeline import Timeline

__all__ = ["DEU_SCALE", "DeuData", "DeuIssue", "DeuPosition", "read_deu"]

#: The 0–100 policy scale every DEU issue is measured on.
DEU_SCALE = NumericScale(0, 100)

_META = ("prnr", "prname", "isnr")
_FALLBACK_DATE = datetime.date(2000, 1, 1)


@attrs.frozen(kw_only=True)
class DeuPosition:
    """One actor's position and salience on one DEU issue (both on 0–100)."""

    actor: str
    position: float
    salience: float


def _parse_date(text: str) -> datetime.date | None:
    """Read an ``intro`` date: DD-MM-YY, the file's own form.

    48 proposals' dates look like ISO dates (``2029-09-04`` for the 2004 proposal d04218):
    their DD-MM-YY text (``29-09-04``) was once read as YY-MM-DD, and where that gave no
    valid date it was left alone. Read back the other way, every one falls in its
    proposal's year (the year in its number), as a test checks over the whole file; taken
    at face value, 70 issues were dated 1930 or 2013–2029 and QMV issues got the wrong
    Council rule.
    """
    try:
        misread = datetime.datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        pass
    else:
        try:
            return datetime.date(2000 + misread.day, misread.month, misread.year % 100)
        except ValueError:
            return None
    for fmt in ("%d-%m-%Y", "%d-%m-%y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


@attrs.frozen(kw_only=True)
class DeuIssue:
    """One DEU issue that has an outcome.

    Attributes
    ----------
    id : str
        The issue identifier (``isnr``, e.g. ``"d00032i1"``).
    proposal : str
        The proposal identifier (``prnr``).
    proposal_name : str
        The proposal's short name (``prname``).
    introduced : datetime.date or None
        When the proposal was introduced (``intro``), when the date can be read.
    positions : tuple of DeuPosition
        Actors with both a position and a salience, in the file's actor order.
    reference_point : float or None
        The status quo (``rp``), when recorded.
    outcome : float
        The decision's outcome (``out``).
    council_vote : str or None
        The Council's voting rule (``counvte``: ``"QMV"``, ``"Unan"``; None if not read).
    """

    id: str
    proposal: str
    proposal_name: str
    introduced: datetime.date | None
    positions: tuple[DeuPosition, ...]
    reference_point: float | None
    outcome: float
    council_vote: str | None = None

    def council_power(self) -> dict[str, float] | None:
        """Return each actor's Council voting power for this issue, or None if unknown.

        The exact Shapley–Shubik index under the rule :attr:`council_vote` names, in force
        when the proposal was introduced (:func:`negotrack.io.eu_council.council_power`);
        None when the rule is not ``"QMV"`` or ``"Unan"`` (DEU's two ``"QMV(10)"``
        issues) or the date is unknown. An actor with a position that was not a member
        state then has power 0.

        Examples
        --------
        >>> import datetime, negotrack as nt
        >>> issue = nt.DeuIssue(id="d1", proposal="p", proposal_name="n",
        ...     introduced=datetime.date(2001, 5, 1), positions=(), reference_point=None,
        ...     outcome=50, council_vote="Unan")
        >>> issue.council_power()["fr"]
        0.06666666666666667
        """
        if self.council_vote not in COUNCIL_RULES or self.introduced is None:
            return None
        power = council_power(self.council_vote, self.introduced)
        # A state that was not a member when the proposal was introduced has no vote.
        return {**{p.actor: 0.0 for p in self.positions}, **power}

    def timeline(self, *, capabilities: Mapping[str, float] | None = None) -> Timeline:
        """Return a negotrack timeline holding this issue.

        Parameters
        ----------
        capabilities : mapping of str to float, optional
            Actor to capability (default 1 for every actor; pass ``data.gdp`` for GDP).

        Returns
        -------
        Timeline
            One issue (0–100, status quo = reference point), one party per actor with a
            position, one confirmed statement each dated at the proposal's introduction.
        """
        caps = capabilities or {}
        issue = Issue(
            self.id,
            DEU_SCALE,
            title=f"{self.proposal_name} ({self.proposal})",
            status_quo=self.reference_point,
        )
        parties = [Party(p.actor, capability=caps.get(p.actor, 1.0)) for p in self.positions]
        date = self.introduced or _FALLBACK_DATE
        source = Source(title=f"DEU III expert estimate, {self.proposal}", kind=SourceKind.ANALYSIS)
        full = Region.full(DEU_SCALE)
        statements = [
            Statement(
                party=p.actor,
                issue=self.id,
                date=date,
                position=Position(ideal=p.position, acceptable=full, salience=p.salience / 100),
                source=source,
            )
            for p in self.positions
        ]
        return Timeline(issues=[issue], parties=parties, records=statements)

    def snapshot(self, *, capabilities: Mapping[str, float] | None = None) -> Snapshot:
        """Return the snapshot of :meth:`timeline` after every record.

        Examples
        --------
        >>> import negotrack as nt
        >>> issue = nt.DeuIssue(id="d1", proposal="p", proposal_name="n", introduced=None,
        ...     positions=(nt.DeuPosition(actor="com", position=100, salience=80),
        ...                nt.DeuPosition(actor="fr", position=0, salience=20)),
        ...     reference_point=0, outcome=50)
        >>> nt.forecast(issue.snapshot(), "d1").value
        80.0
        """
        return self.timeline(capabilities=capabilities).snapshot()

    def to_dict(self) -> dict[str, Any]:
        """Return plain data."""
        d = attrs.asdict(self)
        d["introduced"] = self.introduced.isoformat() if self.introduced else None
        d["positions"] = [attrs.asdict(p) for p in self.positions]
        return d


@attrs.frozen(kw_only=True)
class DeuData:
    """The DEU data set as read: actors, their GDP figures and the issues with an outcome.

    Attributes
    ----------
    file : str
        Where it was read from.
    actors : tuple of str
        Actor codes in column order (``com``, ``ep``, ``at`` ...).
    gdp : mapping of str to float
        The GDP row (a capability proxy), for actors that have a figure.
    issues : tuple of DeuIssue
        Issues with an outcome, in file order.
    skipped : tuple of str
        Ids of issues left out because they have no outcome.
    """

    file: str
    actors: tuple[str, ...]
    gdp: Mapping[str, float] = attrs.field(hash=False)
    issues: tuple[DeuIssue, ...]
    skipped: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.issues)

    def issue(self, issue_id: str) -> DeuIssue:
        """Return the issue with id ``issue_id``.

        Raises
        ------
        DataError
            If there is none (or it was skipped).

        Examples
        --------
        >>> import negotrack as nt
        >>> issue = nt.DeuIssue(id="d1", proposal="p", proposal_name="n", introduced=None,
        ...     positions=(), reference_point=None, outcome=40)
        >>> nt.DeuData(file="-", actors=(), gdp={}, issues=(issue,)).issue("d1").outcome
        40
        """
        for issue in self.issues:
            if issue.id == issue_id:
                return issue
        raise DataError(
            f"no DEU issue {issue_id!r} with an outcome in {self.file}",
            path="issue",
            value=issue_id,
        )

    def describe(self) -> str:
        """Return one line: counts."""
        return (
            f"DEU data {self.file}: {count(len(self.issues), 'issue')} with an outcome "
            f"({len(self.skipped)} skipped), {count(len(self.actors), 'actor')}"
        )


def _cell(text: str, *, file: str, row: int, column: str) -> float | None:
    """Return a 0–100 number or None (empty or out of range); non-numbers are errors."""
    text = text.strip()
    if not text:
        return None
    try:
        v = float(text)
    except ValueError:
        raise DataError(
            f"row {row}, column {column!r}: {text!r} is not a number",
            path=f"row[{row}].{column}",
            value=text,
            file=file,
        ) from None
    if not math.isfinite(v) or not 0 <= v <= 100:
        return None
    return v


def _check_widths(rows: list[list[str]], width: int, file: str) -> None:
    for k, r in enumerate(rows[1:], start=2):
        if len(r) != width and any(c.strip() for c in r):
            raise DataError(
                f"row {k} has {len(r)} fields; the header has {width}",
                path=f"row[{k}]",
                value=len(r),
                file=file,
            )


def _gdp(
    row: list[str], actors: tuple[str, ...], col: dict[str, int], file: str
) -> dict[str, float]:
    gdp: dict[str, float] = {}
    for a in actors:
        text = row[col["p" + a]].strip()
        if text:
            try:
                gdp[a] = float(text)
            except ValueError:
                raise DataError(
                    f"row 2 (GDP), column 'p{a}': {text!r} is not a number",
                    path=f"row[2].p{a}",
                    value=text,
                    file=file,
                ) from None
    return gdp


def read_deu(path: str | Path) -> DeuData:
    """Read the DEU data set (tab-separated, quoted, header row then GDP row then issues).

    Parameters
    ----------
    path : str or pathlib.Path
        The ``deu3.tsv`` file.

    Returns
    -------
    DeuData
        Issues with an outcome, each with the actors that have both a position and a
        salience.

    Raises
    ------
    DataError
        If the file is missing or unreadable, or malformed: no header, a missing required
        column, a row of the wrong width, a non-numeric value, a repeated issue id.

    Examples
    --------
    >>> import negotrack as nt
    >>> data = nt.read_deu("../shared/data/deu3/deu3.tsv")  # doctest: +SKIP
    >>> len(data.issues)  # doctest: +SKIP
    353
    """
    file = str(path)
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh, delimiter="\t", quotechar='"'))
    except FileNotFoundError:
        raise DataError(f"DEU data file {file} does not exist", path="file", file=file) from None
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise DataError(f"cannot read DEU data file: {err}", path="file", file=file) from None
    if len(rows) < 2:
        raise DataError(
            "DEU data file needs a header row and a GDP row; it has "
            f"{len(rows)} row{'s' if len(rows) != 1 else ''}",
            path="header",
            file=file,
        )
    header = [h.strip() for h in rows[0]]
    col = {name: k for k, name in enumerate(header)}
    actors = tuple(name[1:] for name in header if name.startswith("p") and ("s" + name[1:]) in col)
    missing = [c for c in (*_META, "rp", "out") if c not in col]
    if missing or not actors:
        what = ", ".join(missing) if missing else "p<actor>/s<actor> pairs"
        raise DataError(
            f"DEU data file header lacks required columns: {what}",
            path="header",
            value=missing,
            file=file,
        )
    _check_widths(rows, len(header), file)
    gdp = _gdp(rows[1], actors, col, file)
    issues: list[DeuIssue] = []
    skipped: list[str] = []
    seen: set[str] = set()
    for k, r in enumerate(rows[2:], start=3):
        if not any(c.strip() for c in r):
            continue
        issue_id = r[col["isnr"]].strip()
        if not issue_id:
            raise DataError(
                f"row {k} has no issue id (column 'isnr')", path=f"row[{k}].isnr", file=file
            )
        if issue_id in seen:
            raise DataError(
                f"row {k} repeats issue id {issue_id!r}",
                path=f"row[{k}].isnr",
                value=issue_id,
                file=file,
            )
        seen.add(issue_id)
        outcome = _cell(r[col["out"]], file=file, row=k, column="out")
        if outcome is None:
            skipped.append(issue_id)
            continue
        positions: list[DeuPosition] = []
        for a in actors:
            pos = _cell(r[col["p" + a]], file=file, row=k, column="p" + a)
            sal = _cell(r[col["s" + a]], file=file, row=k, column="s" + a)
            if pos is not None and sal is not None:
                positions.append(DeuPosition(actor=a, position=pos, salience=sal))
        issues.append(
            DeuIssue(
                id=issue_id,
                proposal=r[col["prnr"]].strip(),
                proposal_name=r[col["prname"]].strip(),
                introduced=_parse_date(r[col["intro"]].strip()) if "intro" in col else None,
                positions=tuple(positions),
                reference_point=_cell(r[col["rp"]], file=file, row=k, column="rp"),
                outcome=outcome,
                council_vote=(r[col["counvte"]].strip() or None) if "counvte" in col else None,
            )
        )
    return DeuData(file=file, actors=actors, gdp=gdp, issues=tuple(issues), skipped=tuple(skipped))
