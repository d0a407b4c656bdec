"""Scenario files: a whole negotiation record in one TOML or JSON document.

A :class:`Scenario` is a title, a description and a :class:`~negotrack.Timeline` (issues,
parties, events, statements, conditions). :func:`load` / :func:`dump` read and write files
(the format chosen by extension), :func:`loads` / :func:`dumps` text, and :func:`validate`
lists a file's problems without raising. The schema is documented field by field in
``docs/scenario-files.md``; every conversion goes through the one converter of
:mod:`negotrack.io.serialization`.

Reading never runs code from the file (``tomllib`` and ``json`` only build plain data), and
refuses documents larger than :data:`MAX_BYTES` or nested deeper than :data:`MAX_DEPTH`.
Every problem in a document is reported at once, in one :class:`~negotrack.errors.ScenarioError`.
Writing is atomic (:mod:`negotrack.io.atomic`): a temporary file in the same folder, flushed
to disk, then renamed over the target, so a failed :func:`dump` leaves the previous file as
it was.
"""

from __future__ import annotations

import contextlib
import datetime
import itertools
import json
import operator
import os
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import compress, repeat
from operator import is_
from pathlib import Path
from typing import Any, Literal

import attrs
import tomli_w

from negotrack._collector import PROMOTE_FROM, collector_paused
from negotrack._words import count
from negotrack.errors import (
    InvalidRecordError,
    InvalidTypeError,
    NegotrackError,
    ScenarioError,
    TimelineError,
)
from negotrack.io import _json_parts, serialization
from negotrack.io._indented_json import indented_chunks, write_indented
from negotrack.io._toml_text import compact_arrays, toml_text
from negotrack.io.atomic import atomic_path, atomic_write
from negotrack.model._checks import check_id, check_text
from negotrack.model.entities import Issue, Party
from negotrack.timeline.records import Condition, Event, Record, Statement
from negotrack.timeline.timeline import Timeline

__all__ = [
    "FORMATS",
    "MAX_BYTES",
    "MAX_DEPTH",
    "SCHEMA_VERSION",
    "Scenario",
    "Update",
    "dump",
    "dumps",
    "is_update",
    "load",
    "load_any",
    "load_update",
    "loads",
    "loads_update",
    "validate",
]

#: The scenario schema version this negotrack reads and writes.
SCHEMA_VERSION = 1
#: Documents larger than this (bytes in a file, characters in a string) are refused: 50 MiB.
MAX_BYTES = 50 * 1024 * 1024
#: Documents nested deeper than this are refused (the schema itself needs 7 levels).
MAX_DEPTH = 32
#: File formats by extension.
FORMATS: dict[str, Literal["toml", "json"]] = {".toml": "toml", ".json": "json"}

Format = Literal["toml", "json"]

#: Top-level keys, in the order they are written.
_TOP_KEYS = (
    "schema",
    "update",
    "title",
    "description",
    "note",
    "issues",
    "parties",
    "events",
    "statements",
    "conditions",
)


def _canonical(timeline: Timeline) -> Timeline:
    """Copy a timeline with its records grouped: events, statements, conditions, revisions.

    The order within each kind is kept; it is all the timeline's meaning depends on (later
    statements win ties, conditions supersede earlier ones, later revisions win ties), and
    grouping is always valid: statements and conditions may cite events, and only the events
    that revise or fulfil others — placed last, as a file's reader adds them — name records.
    """
    if not isinstance(timeline, Timeline):
        raise InvalidTypeError(
            f"Scenario.timeline={timeline!r} must be a Timeline",
            path="Scenario.timeline",
            value=timeline,
        )
    plain = [e for e in timeline.events if not (e.revises or e.fulfils)]
    naming = [e for e in timeline.events if e.revises or e.fulfils]
    records: list[Record] = [*plain, *timeline.statements, *timeline.conditions, *naming]
    if all(map(operator.is_, records, timeline.records)):  # grouped already (a file read)
        return timeline.copy()
    return Timeline(issues=timeline.issues, parties=timeline.parties, records=records)


def _text(instance: Any, attribute: Any, value: Any) -> None:
    check_text("Scenario", attribute.name, value)


@attrs.frozen(kw_only=True)
class Scenario:
    """A negotiation record as kept in a scenario file: a title, notes and a timeline.

    Parameters
    ----------
    timeline : Timeline
        Issues, parties and records. The scenario keeps its own copy, with records grouped
        as in a file (events, statements, conditions; each kind in its own order), so that
        ``==`` means "the same record" and ``load(dump(s)) == s``.
    title : str, optional
        A short title.
    description : str, optional
        Longer notes: scope, sources, caveats.
    note : str, optional
        The analyst's working note on the record (kept by the store and by export;
        comments in a file are not).

    Examples
    --------
    >>> import datetime, negotrack as nt
    >>> years = nt.NumericScale(0, 100, unit="years")
    >>> tl = nt.Timeline(issues=[nt.Issue("guarantee_years", years)], parties=[nt.Party("UA")])
    >>> _ = tl.add(nt.Statement(party="UA", issue="guarantee_years",
    ...     date=datetime.date(2025, 12, 29),
    ...     position=nt.Position(ideal=50, acceptable=nt.Region.interval(years, 15, 100)),
    ...     source=nt.Source(title="Zelensky asks for 50 years")))
    >>> sc = nt.Scenario(title="Guarantees", timeline=tl)
    >>> sc
    Scenario(title='Guarantees', 1 issue, 1 party, 1 statement, 0 events, 0 conditions)
    >>> nt.loads(nt.dumps(sc, format="json"), format="json") == sc
    True
    """

    timeline: Timeline = attrs.field(converter=_canonical)
    title: str = attrs.field(default="", validator=_text)
    description: str = attrs.field(default="", validator=_text)
    note: str = attrs.field(default="", validator=_text)

    __hash__ = None  # type: ignore[assignment]  # holds a (mutable) timeline

    @property
    def issues(self) -> tuple[Issue, ...]:
        """The agenda."""
        return self.timeline.issues

    @property
    def parties(self) -> tuple[Party, ...]:
        """The actors."""
        return self.timeline.parties

    @property
    def statements(self) -> tuple[Statement, ...]:
        """Every statement, in order."""
        return self.timeline.statements

    @property
    def events(self) -> tuple[Event, ...]:
        """Every event, in order."""
        return self.timeline.events

    @property
    def conditions(self) -> tuple[Condition, ...]:
        """Every condition record, in order."""
        return self.timeline.conditions

    def to_dict(self) -> dict[str, Any]:
        """Return the scenario as a JSON-ready document (schema :data:`SCHEMA_VERSION`).

        Examples
        --------
        >>> import negotrack as nt
        >>> nt.Scenario(title="Empty", timeline=nt.Timeline(issues=[], parties=[])).to_dict()
        {'schema': 1, 'title': 'Empty', 'issues': [], 'parties': [], 'events': [], 'statements': [], 'conditions': []}
        """
        return _document(self, native_dates=False)

    def __repr__(self) -> str:
        tl = self.timeline
        return (
            f"Scenario(title={self.title!r}, {count(len(tl.issues), 'issue')}, "
            f"{count(len(tl.parties), 'party', 'parties')}, "
            f"{count(len(tl.statements), 'statement')}, {count(len(tl.events), 'event')}, "
            f"{count(len(tl.conditions), 'condition')})"
        )


# ---------------------------------------------------------------------------- writing


def _document(scenario: Scenario, *, native_dates: bool) -> dict[str, Any]:
    conv = serialization.converter(native_dates=native_dates)
    doc: dict[str, Any] = {"schema": SCHEMA_VERSION, "title": scenario.title}
    if scenario.description:
        doc["description"] = scenario.description
    if scenario.note:
        doc["note"] = scenario.note
    tl = scenario.timeline
    doc["issues"] = [conv.unstructure(i) for i in tl.issues]
    doc["parties"] = [conv.unstructure(p) for p in tl.parties]
    doc["events"] = [conv.unstructure(e) for e in tl.events]
    doc["statements"] = [conv.unstructure(s) for s in tl.statements]
    doc["conditions"] = [conv.unstructure(c) for c in tl.conditions]
    return doc


def _check_format(format: str) -> Format:
    if format not in ("toml", "json"):
        raise InvalidTypeError(
            f"format={format!r} must be 'toml' or 'json'", path="format", value=format
        )
    return format  # type: ignore[return-value]


def dumps(scenario: Scenario, format: Format = "toml") -> str:
    """Return a scenario as TOML or JSON text.

    Parameters
    ----------
    scenario : Scenario
        What to write.
    format : {"toml", "json"}, optional
        The text format (default TOML).

    Returns
    -------
    str
        The document, ending with a newline.

    Raises
    ------
    InvalidTypeError
        If ``scenario`` is not a Scenario or ``format`` is unknown.

    Examples
    --------
    >>> import negotrack as nt
    >>> print(nt.dumps(nt.Scenario(title="Empty", timeline=nt.Timeline(issues=[], parties=[]))))
    schema = 1
    title = "Empty"
    issues = []
    parties = []
    events = []
    statements = []
    conditions = []
    <BLANKLINE>
    """
    fmt = _check_format(format)
    scenario = _written(scenario, "dumps")
    with collector_paused(promote=False):  # the document is many small, acyclic, passing objects
        if fmt == "toml":
            return _toml(_document(scenario, native_dates=True))
        return "".join(indented_chunks(_document(scenario, native_dates=False))) + "\n"


def _toml(document: dict[str, Any]) -> str:
    """Return tomli-w's text of a document with its short arrays on one line.

    :func:`~negotrack.io._toml_text.toml_text` writes it (several times as fast); a value
    it leaves goes through tomli-w, whose text it equals.
    """
    text = toml_text(document)
    return text if text is not None else compact_arrays(tomli_w.dumps(document))


def _written(scenario: object, where: str) -> Scenario:
    """Return ``scenario`` if it is a Scenario, else raise InvalidTypeError naming ``where``."""
    if not isinstance(scenario, Scenario):
        raise InvalidTypeError(
            f"{where}() takes a Scenario, not {type(scenario).__name__}",
            path="scenario",
            value=scenario,
        )
    return scenario


def _format_of(path: Path, format: str | None) -> Format:
    if format is not None:
        return _check_format(format)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ScenarioError(
            [
                InvalidRecordError(
                    f"cannot tell the format of {path.name!r}: name the file *.toml or *.json "
                    f"(or pass format=)",
                    path="$",
                    value=path.suffix,
                )
            ],
            file=str(path),
        )
    return fmt


def dump(
    scenario: Scenario,
    path: str | os.PathLike[str],
    *,
    format: Format | None = None,
) -> None:
    """Write a scenario to a file, atomically; the format follows the extension.

    Parameters
    ----------
    scenario : Scenario
        What to write.
    path : str or PathLike
        ``*.toml`` or ``*.json``.
    format : {"toml", "json"}, optional
        Overrides the extension.

    Raises
    ------
    ScenarioError
        If the extension names no known format.
    OSError
        If the file cannot be written; the previous file, if any, is left untouched.

    Notes
    -----
    The document is written to a temporary file in the same folder, flushed and synced to
    disk, then renamed over ``path`` (``os.replace``, atomic on POSIX and Windows).

    Examples
    --------
    >>> import negotrack as nt, pathlib, tempfile
    >>> sc = nt.Scenario(title="Empty", timeline=nt.Timeline(issues=[], parties=[]))
    >>> with tempfile.TemporaryDirectory() as d:
    ...     nt.dump(sc, pathlib.Path(d) / "empty.json")
    ...     nt.load(pathlib.Path(d) / "empty.json") == sc
    True
    """
    target = Path(path)
    fmt = _format_of(target, format)
    if fmt == "toml":
        atomic_write(target, dumps(scenario, fmt).encode("utf-8"))
        return
    # JSON is written piece by piece (the text of dumps, never held whole: a record of 10^5
    # statements takes a third less memory), to a temporary file renamed into place.
    scenario = _written(scenario, "dump")
    with (
        collector_paused(promote=False),
        atomic_path(target) as tmp,
        open(tmp, "w", encoding="utf-8") as out,
    ):
        document = _document(scenario, native_dates=False)
        write_indented(document, out)  # json.dumps(indent=2, ensure_ascii=False)'s text
        out.write("\n")


# ---------------------------------------------------------------------------- reading


def _problem(message: str, path: str = "$", value: Any = None) -> InvalidRecordError:
    return InvalidRecordError(message, path=path, value=value)


#: What a parser builds that nests (tomllib and json make plain dicts and lists only).
_NESTING = frozenset({dict, list}).__contains__


def _depth(doc: Any) -> int:
    """Nesting depth of plain data, computed without recursion, level by level.

    Each level's containers are picked out of their parents' values in C
    (``compress`` over their types): Python code runs once per container, not per value.
    """
    level = [doc] if type(doc) in (dict, list) else []
    depth = 0
    while level:
        depth += 1
        if depth > MAX_DEPTH:
            return depth
        below: list[Any] = []
        for value in level:
            children = value.values() if type(value) is dict else value
            below.extend(compress(children, map(_NESTING, map(type, children))))
        level = below
    return depth


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)  # in C; a key given twice makes the dict shorter than the list
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"key {key!r} appears twice in one object")
            seen.add(key)
    return out


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a scenario may hold")


def _parse(text: str, fmt: Format) -> Any:
    if len(text) > MAX_BYTES:
        raise ScenarioError(
            [
                _problem(
                    f"document of {len(text):,} characters is larger than the limit of "
                    f"{MAX_BYTES:,} (negotrack.io.scenario.MAX_BYTES)"
                )
            ]
        )
    try:
        if fmt == "toml":
            doc: Any = tomllib.loads(text)
        else:
            doc = json.loads(
                text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicate_keys
            )
    except RecursionError:
        raise _too_deep() from None
    except ValueError as err:  # TOMLDecodeError and JSONDecodeError are ValueErrors
        raise ScenarioError([_syntax_problem(text, fmt, err)]) from None
    return doc  # its nesting is checked by _read_checked (or is_update)


def _too_deep() -> ScenarioError:
    return ScenarioError(
        [_problem(f"document is nested more deeply than the limit of {MAX_DEPTH} levels")]
    )


#: tomllib's "where": ``(at line 117, column 12)`` ending its message.
_TOML_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_TOML_KEY = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
#: A line that starts a ``key = value`` pair (the key possibly dotted or quoted).
_TOML_PAIR = re.compile(rf"[ \t]*({_TOML_KEY}(?:[ \t]*\.[ \t]*{_TOML_KEY})*)[ \t]*=[ \t]*")
#: Something meant as a TOML date or date-time.
_DATE_LIKE = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}"
    r"(?:[Tt ]\d{1,2}:\d{1,2}(?::\d{1,2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{1,2}:\d{1,2})?)?"
)


def _syntax_problem(text: str, fmt: Format, err: ValueError) -> InvalidRecordError:
    """Describe a TOML or JSON syntax error, at the field it is in when that can be told.

    The path is ``$`` (the whole document) when the error is not on a line that starts a
    ``key = value`` pair (TOML) or the text cannot be followed; finding it runs on broken
    text, so any failure of the search also gives ``$``.
    """
    kind = "TOML" if fmt == "toml" else "JSON"
    try:
        found = _toml_where(text, str(err)) if fmt == "toml" else _json_where(text, err)
    except Exception:  # a lost path must never hide the syntax error itself
        found = None
    if found is None:
        return _problem(f"not valid {kind}: {err}")
    path, value, rule = found
    return _problem(f"not valid {kind}: {rule}", path=path, value=value)


def _shown(value: str) -> str:
    """Trim the offending text to quote in a message: at most 40 characters."""
    value = value.strip()
    return value if len(value) <= 40 else value[:39] + "…"


def _toml_where(text: str, message: str) -> tuple[str, str, str] | None:
    """Return ``(path, value, rule)`` for a TOML error in the value of a ``key = value`` line.

    The line must start a pair (everything before it parses, so it is not inside a
    multi-line string or array) and the error must lie after its ``=``; the table it is in
    is found by parsing the lines before it with a probe key appended.
    """
    at = _TOML_AT.search(message)
    if at is None:
        return None
    number, column = int(at[1]), int(at[2])
    lines = text.split("\n")
    line = lines[number - 1].rstrip("\r")
    pair = _TOML_PAIR.match(line)
    if pair is None or column - 1 < pair.end():
        return None
    probe = "negotrack_probe"
    while probe in text:
        probe += "_"
    table = _location(tomllib.loads("\n".join([*lines[: number - 1], f"{probe} = 0"])), probe)
    if table is None:
        return None
    keys: Any = tomllib.loads(f"{pair[1]} = 0")
    while isinstance(keys, dict):
        (key, keys), *_ = keys.items()
        table.append(key)
    path = _path_of(table)
    value = line[pair.end() :]
    if "#" in value and not {'"', "'"} & set(value):
        value = value.split("#", 1)[0]
    where = f"line {number}, column {column}"
    return (
        path,
        value.strip(),
        _date_rule(line, column, where)
        or (f"{_shown(value)!r}: {message[: at.start()]} at {where}"),
    )


def _path_of(parts: Iterable[str | int]) -> str:
    """Write keys and indexes as a ``$.`` path, as every other problem's is written."""
    path = "$"
    for part in parts:
        path = f"{path}[{part}]" if isinstance(part, int) else serialization._key_path(path, part)
    return path


def _location(doc: dict[str, Any], key: str) -> list[str | int] | None:
    """Return the keys and indexes leading to the one table of ``doc`` holding ``key``."""
    stack: list[tuple[Any, list[str | int]]] = [(doc, [])]
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict):
            if key in node:
                return path
            stack.extend((child, [*path, k]) for k, child in node.items())
        elif isinstance(node, list):
            stack.extend((child, [*path, i]) for i, child in enumerate(node))
    return None


def _date_rule(line: str, column: int, where: str) -> str | None:
    """Say plainly that an impossible date (or date-time) at ``column`` is one, if it is."""
    for match in _DATE_LIKE.finditer(line):
        if not match.start() <= column - 1 <= match.end():
            continue
        token = match[0]
        with contextlib.suppress(ValueError):
            tomllib.loads(f"x = {token}")
            return None  # a good date: the error is something after it
        day = re.split(r"[Tt ]", token)[0]
        if day != token:
            with contextlib.suppress(ValueError):
                tomllib.loads(f"x = {day}")
                return (
                    f"{token} is not a valid date-time (YYYY-MM-DDTHH:MM:SS, hours 0-23, "
                    f"minutes and seconds 0-59) at {where}"
                )
        return f"{day} is not a valid date (YYYY-MM-DD, day 1-31 of a real month) at {where}"
    return None


def _json_where(text: str, err: ValueError) -> tuple[str, str, str] | None:
    """Return ``(path, value, rule)`` for a JSON syntax error, or None if it has no position.

    The path is the value the error is in, or its container when the error is where a key
    was expected or at a bracket or colon out of place (``[1, "title": 2``: the array is
    what was left open).
    """
    if not isinstance(err, json.JSONDecodeError):
        return None  # a repeated key or a NaN: raised by our hooks, with no position
    stack, start = _json_open(text, err.pos)
    if stack:
        bracket, _, wants_key = stack[-1]
        missing = bracket == "{" and not text[start : err.pos].strip()  # as in {"a": }
        if wants_key or (text[err.pos : err.pos + 1] in ("]", "}", ":") and not missing):
            stack[-1][1] = None  # a bracket or a key out of place: the container is at fault
    path = _path_of(itertools.takewhile(lambda part: part is not None, (f[1] for f in stack)))
    if "\n" in text[start : err.pos]:
        start = err.pos
    value = text[start:].split("\n", 1)[0].strip()
    if value[:1] not in ('"', "[", "{", "]", "}"):  # a bare word or number: up to its end
        value = re.split(r"\s*[,\]}]", value, maxsplit=1)[0]
    return path, value, f"{err} at {_shown(value)!r}"


def _json_open(text: str, pos: int) -> tuple[list[list[Any]], int]:
    """Walk the (good) JSON before ``pos``: its open containers and where the last value began.

    Each container is ``[bracket, key or index, key expected]``; a string running past
    ``pos`` ends the walk (the error is in it).
    """
    stack: list[list[Any]] = []
    i = start = 0
    while i < pos:
        char = text[i]
        if char == '"':
            end = i + 1
            while end < len(text) and text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            if end >= pos:
                break
            if stack and stack[-1][2]:
                stack[-1][1] = json.loads(text[i : end + 1])
            i = end
        elif char in "[{":
            stack.append([char, 0 if char == "[" else None, char == "{"])
            start = i + 1
        elif char in "]}":
            stack.pop()
        elif char in ",:" and stack:
            frame = stack[-1]
            if char == ":":
                frame[2] = False
            elif frame[0] == "[":
                frame[1] += 1
            else:
                frame[2] = True
            start = i + 1
        i += 1
    return stack, start


def _records(doc: dict[str, Any], key: str, found: list[NegotrackError]) -> list[Any]:
    value = doc.get(key, [])
    if not isinstance(value, list):
        found.append(
            InvalidTypeError(
                f"{key} must be an array of tables, not {type(value).__name__}",
                path=f"$.{key}",
                value=value,
            )
        )
        return []
    return value


def _structured(
    items: list[Any],
    key: str,
    cl: type,
    found: list[NegotrackError],
    start: int = 0,
    **context: Any,
) -> Iterable[tuple[int, Any]]:
    """Return ``(i, record)`` for each item read; report the others at ``$.key[start + i]``."""
    # Statements of the common shape are read a field at a time (the same reading).
    common = serialization.common_statements(items, **context) if cl is Statement else None
    if common is not None and not any(map(is_, common, repeat(None))):  # each one read
        return enumerate(common)
    return _each_structured(items, key, cl, found, start=start, common=common, context=context)


def _each_structured(
    items: list[Any],
    key: str,
    cl: type,
    found: list[NegotrackError],
    *,
    start: int,
    common: list[Any] | None,
    context: dict[str, Any],
) -> Iterator[tuple[int, Any]]:
    read = serialization._many(**context)  # structure_raw(item, cl, **context), item by item
    for i, item in enumerate(items):
        if common is not None and common[i] is not None:
            yield i, common[i]
            continue
        try:
            yield i, read(item, cl)
        except Exception as exc:
            found.extend(serialization.problems(exc, f"$.{key}[{start + i}]"))


def _ids(items: list[Any]) -> set[str]:
    """Return the well-formed ids of raw items (to stand in for items that fail)."""
    ids: set[str] = set()
    for item in items:
        if isinstance(item, dict):
            with contextlib.suppress(NegotrackError):  # the model's one rule for an id
                ids.add(check_id("item", "id", item.get("id")))
    return ids


def _located(err: NegotrackError, path: str) -> NegotrackError:
    return serialization.problems(err, path)[0]


def _timeline(
    issues: list[tuple[int, Issue]], parties: list[tuple[int, Party]], found: list[NegotrackError]
) -> Timeline:
    """Build the timeline's agenda, reporting (and dropping) repeated ids one by one."""
    while True:
        try:
            return Timeline(issues=[i for _, i in issues], parties=[p for _, p in parties])
        except TimelineError as err:
            key = "issues" if err.path == "Timeline.issues" else "parties"
            items: list[tuple[int, Any]] = issues if key == "issues" else parties
            seen: set[str] = set()
            for n, (index, item) in enumerate(items):
                if item.id in seen:  # the one Timeline's rule found: report it where it is
                    found.append(type(err)(err.message, path=f"$.{key}[{index}].id", value=item.id))
                    del items[n]
                    break
                seen.add(item.id)
            else:  # pragma: no cover - the timeline names a repeated id we did not find
                raise


def _check_schema(doc: dict[str, Any], found: list[NegotrackError]) -> None:
    """Check the schema version; a version this negotrack does not read stops reading."""
    if "schema" not in doc:
        found.append(
            _problem(f"required key is missing: write schema = {SCHEMA_VERSION}", path="$.schema")
        )
    else:
        schema = doc["schema"]
        if isinstance(schema, bool) or not isinstance(schema, int):
            found.append(
                InvalidTypeError(
                    f"{schema!r} must be the schema version, an integer ({SCHEMA_VERSION})",
                    path="$.schema",
                    value=schema,
                )
            )
        elif schema != SCHEMA_VERSION:
            newer = (
                " (written by a newer negotrack: upgrade negotrack)"
                if schema > SCHEMA_VERSION
                else ""
            )
            raise ScenarioError(
                [
                    _problem(
                        f"schema {schema} is not supported: this negotrack reads schema "
                        f"{SCHEMA_VERSION}{newer}",
                        path="$.schema",
                        value=schema,
                    )
                ]
            )


@attrs.frozen
class Update:
    """What an update file adds to a record kept elsewhere (a store): agenda, then records.

    An update file says ``update = true``; its ``supersedes`` and ``cites`` may name
    records of the record it is read against, and it repeats no issue or party that record
    already has (an identical one is allowed). Read it with :func:`load_update` against the
    record's timeline; :meth:`negotrack.Store.apply` appends it in one transaction.

    Attributes
    ----------
    items : tuple of Issue, Party, Event, Statement, Condition
        The new issues and parties, then the records in the file's order (events,
        statements, conditions). A record without an id in the file has none here: the
        store gives it one when it is written.
    title, description, note : str
        The file's, if any (not applied to the record).
    file : str or None
        The file read, for messages.
    """

    items: tuple[Issue | Party | Event | Statement | Condition, ...]
    title: str = ""
    description: str = ""
    note: str = ""
    file: str | None = None

    @property
    def records(self) -> tuple[Event | Statement | Condition, ...]:
        """Return the update's records (no issues or parties)."""
        return tuple(i for i in self.items if isinstance(i, Event | Statement | Condition))

    def __repr__(self) -> str:
        n = len(self.records)
        return (
            f"Update({count(len(self.items) - n, 'agenda item')}, {count(n, 'record')}"
            f"{'' if self.file is None else ', from ' + self.file})"
        )


def _reworded(err: NegotrackError, message: str) -> NegotrackError:
    """Return a copy of an error of the same type, with another message (path, value kept)."""
    copy = type(err).__new__(type(err))
    NegotrackError.__init__(copy, message, path=err.path, value=err.value, file=err.file)
    return copy


def _with_id(err: NegotrackError, item: Any) -> NegotrackError:
    """Name the record's id (when the file gives one) in an error found in it."""
    rid = item.get("id") if isinstance(item, dict) else None
    if not isinstance(rid, str) or f"record {rid!r}" in err.message:
        return err
    return _reworded(err, f"record {rid!r}: {err.message}")


def _agenda_onto(
    base: Timeline,
    issues: list[tuple[int, Issue]],
    parties: list[tuple[int, Party]],
    found: list[NegotrackError],
) -> tuple[Timeline, list[Issue | Party]]:
    """Grow a copy of ``base`` by the file's new issues and parties (equal repeats allowed)."""
    new: list[Issue | Party] = []
    lists: list[tuple[str, str, list[tuple[int, Issue]] | list[tuple[int, Party]]]] = [
        ("issues", "issue", issues),
        ("parties", "party", parties),
    ]
    for key, noun, items in lists:
        known: dict[str, Issue | Party] = {
            x.id: x for x in (base.issues if key == "issues" else base.parties)
        }
        for index, item in items:
            have = known.get(item.id)
            if have is None:
                new.append(item)
                known[item.id] = item
            elif have != item and index >= 0:
                found.append(
                    TimelineError(
                        f"{noun} {item.id!r} differs from the record's own: an update may add "
                        f"to the agenda but not change it",
                        path=f"$.{key}[{index}]",
                        value=item.id,
                    )
                )
    grown = Timeline(
        issues=[*base.issues, *(i for i in new if isinstance(i, Issue))],
        parties=[*base.parties, *(p for p in new if isinstance(p, Party))],
        records=base.records,
    )
    return grown, new


def _add_records(
    doc: dict[str, Any],
    timeline: Timeline,
    broken_issues: set[str],
    found: list[NegotrackError],
    statement_parts: Iterable[list[Any]] | None = None,
) -> list[Event | Statement | Condition]:
    """Add the document's records to ``timeline``; return them as a store should add them.

    ``statement_parts``, when given, are the document's statements in consecutive parts
    (each read, then added, before the next is made).
    """
    context = {"issues": timeline, "unreadable": broken_issues}
    new: list[Event | Statement | Condition] = []
    # An event that revises or fulfils records not yet read (statements and conditions of
    # the same file) is added after every other record; one naming only records already
    # known is added in its place, so statements of the file may cite it.
    later: list[tuple[int, Any, Event]] = []
    event_items: list[Any] = []
    in_file: list[set[str]] = []  # the ids of the file's records, found when first needed

    def add(key: str, i: int, item: Any, record: Event | Statement | Condition) -> None:
        try:
            added = timeline.add(record)
        except NegotrackError as err:
            found.append(_with_id(_located(err, f"$.{key}[{i}]"), item))
        else:  # a record the file gives no id gets the store's when it is written
            new.append(record if record.id is None else added)

    for key, cl in (("events", Event), ("statements", Statement), ("conditions", Condition)):
        items = _records(doc, key, found)
        parts = statement_parts if cl is Statement and statement_parts is not None else [items]
        start = 0
        for part in parts:
            records: Iterable[tuple[int, Any]] = _structured(part, key, cl, found, start, **context)
            if cl is Statement:  # a part read whole is added at once when every one is sound
                records = list(records)
                statements = [record for _, record in records]
                if len(records) == len(part) and timeline._add_statements_at_once(statements):
                    new.extend(statements)
                    start += len(part)
                    continue
            for i, record in records:
                if isinstance(record, Event) and _names_later(record, timeline, in_file, doc):
                    later.append((i, part[i], record))
                else:
                    add(key, start + i, part[i], record)
            start += len(part)
        if cl is Event:
            event_items = items
            deferred = {e.id for _, _, e in later}
            for eid in sorted(_ids(items) - {e.id for e in timeline.events} - deferred):
                timeline.add(Event(id=eid, date=datetime.date.min, title="(unreadable)"))
    for i, item, event in later:
        add("events", i, item, event)
    for eid in sorted(_ids(event_items) - {e.id for e in timeline.events}):
        timeline.add(Event(id=eid, date=datetime.date.min, title="(unreadable)"))
    return new


def _names_later(
    event: Event, timeline: Timeline, in_file: list[set[str]], doc: dict[str, Any]
) -> bool:
    """Whether an event revises or fulfils a record of its file not yet read.

    Such an event is added after the file's other records; any other is added in its place
    (so statements may cite it, and a name found nowhere is reported on the event itself).
    ``in_file`` holds the ids of the file's records once an event first needs them.
    """
    if not (event.revises or event.fulfils):
        return False
    if not in_file:
        keys = ("events", "statements", "conditions")
        in_file.append(set().union(*(_ids(_records(doc, k, [])) for k in keys)))
    named = [*event.revises, *([event.fulfils] if event.fulfils else [])]
    known = {r.id for r in timeline.records}
    return any(rid not in known and rid in in_file[0] for rid in named)


def _check_update(doc: dict[str, Any], base: Timeline | None, found: list[NegotrackError]) -> bool:
    """Return whether the document is an update, checking it is read as one."""
    flag = doc.get("update", False)
    if not isinstance(flag, bool):
        found.append(
            InvalidTypeError(
                f"{flag!r} must be true (an update to a record) or false",
                path="$.update",
                value=flag,
            )
        )
        return False
    if flag and base is None:
        raise ScenarioError(
            [
                _problem(
                    "this is an update (update = true): it adds to a record kept elsewhere; "
                    "check it against that record (negotrack validate FILE --against STORE), "
                    "import it into a store (negotrack import FILE STORE) or read it with "
                    "nt.load_update(path, timeline)",
                    path="$.update",
                    value=flag,
                )
            ]
        )
    if not flag and base is not None:
        raise ScenarioError(
            [
                _problem(
                    "not an update: a file read against a record must say update = true "
                    "(a whole scenario is imported with negotrack import or "
                    "Store.import_scenario)",
                    path="$.update",
                )
            ]
        )
    return flag


def _read(
    doc: Any, base: Timeline | None = None, statement_parts: Iterable[list[Any]] | None = None
) -> Scenario | Update:
    """Turn a parsed document into a Scenario, or an Update read onto ``base``.

    ``statement_parts``, when given, stand for the document's statements (see
    :func:`_add_records`).
    """
    if not isinstance(doc, dict):
        raise ScenarioError(
            [
                InvalidTypeError(
                    f"a scenario document must be a table, not {type(doc).__name__}",
                    path="$",
                    value=None,
                )
            ]
        )
    found: list[NegotrackError] = []
    found.extend(serialization.unknown_key(k, _TOP_KEYS, "$") for k in doc if k not in _TOP_KEYS)
    _check_schema(doc, found)
    is_update = _check_update(doc, base, found)
    texts: dict[str, str] = {}
    for key in ("title", "description", "note"):
        value = doc.get(key, "")
        if isinstance(value, str):
            texts[key] = value
        else:
            found.append(
                InvalidTypeError(f"{value!r} must be a string", path=f"$.{key}", value=value)
            )
    # A record that fails is reported once. So that it is not reported again by every record
    # naming it, a party or event that failed stands in by its id, and records on an issue
    # that failed are not read at all (their regions need its scale).
    issue_items = _records(doc, "issues", found)
    issues = list(_structured(issue_items, "issues", Issue, found))
    broken_issues = _ids(issue_items) - {i.id for _, i in issues}
    party_items = _records(doc, "parties", found)
    parties = list(_structured(party_items, "parties", Party, found))
    parties += [(-1, Party(pid)) for pid in sorted(_ids(party_items) - {p.id for _, p in parties})]
    new: list[Issue | Party | Event | Statement | Condition] = []
    if is_update and base is not None:
        timeline, agenda = _agenda_onto(base, issues, parties, found)
        new.extend(agenda)
    else:
        timeline = _timeline(issues, parties, found)
    new.extend(_add_records(doc, timeline, broken_issues, found, statement_parts))
    if found:
        raise ScenarioError(found)
    if is_update:
        return Update(items=tuple(new), **texts)
    return Scenario(timeline=timeline, **texts)


def _read_checked(doc: Any, base: Timeline | None = None) -> Scenario | Update:
    """Read a parsed document as :func:`_read` does, refusing one nested too deeply first.

    What a caller sees is what checking the nesting before reading gives; the nesting is
    measured only when reading fails, though. A document read without a problem is no
    deeper than the schema (about 7 levels, far below :data:`MAX_DEPTH`): every value in
    it was read by a hook of the converter, and none takes a table or an array where the
    schema has none (unknown keys are refused). Measuring every container of a large
    document took a tenth of its reading.
    """
    try:
        return _read(doc, base)
    except Exception:
        if _depth(doc) > MAX_DEPTH:
            raise _too_deep() from None
        raise


#: From how long a document its records are promoted (about PROMOTE_FROM records).
_PROMOTE_CHARS = PROMOTE_FROM * 200
#: From how many characters a JSON document's statements are read in parts, and about how
#: many characters a part holds (some 500 statements: small enough to stay in the
#: processor's caches while it is read, large enough that each part costs little more).
_PARTS_FROM = 1 << 20
_PART_CHARS = 200_000


def _read_in_parts(text: str) -> Scenario | None:
    """Read a large JSON scenario with its statements parsed and read a part at a time.

    The same scenario as parsing the whole document and reading it (why:
    :mod:`negotrack.io._json_parts`), with a smaller peak of memory and in less time, since
    each part's tables are read while they are still in the processor's caches. Returns
    None, and the caller reads the document whole, for a short or oversized document, one
    not laid out as negotrack writes them, an update, a document whose events revise or
    fulfil records (they are placed by the file's record ids, all of them), and any
    document with a problem: its problems are reported by the whole reading, the one place
    that words them.
    """
    if not _PARTS_FROM <= len(text) <= MAX_BYTES:
        return None
    cut = _json_parts.split(text)
    if cut is None:
        return None
    head, begin, end = cut
    try:
        doc = _parse(head, "json")
        if (
            type(doc) is not dict
            or doc.get("statements") != [_json_parts.MARKER]
            or "update" in doc
            or not isinstance(events := doc.get("events", []), list)
            or any(type(e) is not dict or "revises" in e or "fulfils" in e for e in events)
        ):
            return None
        doc["statements"] = []
        parts = map(_statement_part, _json_parts.parts(text, _PART_CHARS, begin, end))
        read = _read(doc, statement_parts=parts)
    except Exception:  # the whole reading finds and words the problem
        return None
    return read if isinstance(read, Scenario) else None


def _statement_part(text: str) -> list[Any]:
    """Parse a part of the statements array; refuse (raise) any key given twice in a table.

    A part is parsed without the duplicate-key hook (a Python call per table) and checked
    by counting instead: every member of every table of the text has one ``:`` outside
    strings, so the text's ``:`` are at least all its members — those kept plus those a key
    given twice replaced. When the ``:`` are exactly the members of the tables found (the
    statements, their positions and their sources), no member was replaced. Any other part
    (a ``:`` in a string, a table elsewhere) is parsed again with the hook. Law:
    ``tests/test_fast_reading.py::TestReadingInParts``.
    """
    part = json.loads(text, parse_constant=_reject_constant)
    if type(part) is not list or text.count(":") != _members(part):
        part = _parse(text, "json")  # the hook refuses a key given twice
    if type(part) is not list:  # pragma: no cover - a part is an array (see _json_parts)
        raise TypeError("a part of the statements is not an array")
    return part


def _members(part: list[Any]) -> int | None:
    """Count the members of the statements' tables, their positions' and their sources'.

    None when an item is not a table (its members are not counted).
    """
    if set(map(type, part)) - {dict}:
        return None
    positions = [p for p in map(dict.get, part, repeat("position")) if type(p) is dict]
    sources = [s for s in map(dict.get, part, repeat("source")) if type(s) is dict]
    return sum(map(len, part)) + sum(map(len, positions)) + sum(map(len, sources))


def _read_text(
    text: str,
    fmt: Format,
    file: str | None,
    base: Timeline | None = None,
    against: Callable[[], Timeline] | None = None,
) -> Scenario | Update:
    """Parse and read a document; problems carry the file and, in TOML, their record's line.

    Without ``base``, a document that says ``update = true`` is read onto ``against()``
    when ``against`` is given (its nesting checked first, as :func:`is_update` does).

    The parsed document and the records read from it are many small, acyclic objects: the
    cyclic garbage collector is paused meanwhile (it found nothing, yet took about a third
    of the time of reading 10^5 statements), and a large record goes straight to its
    oldest generation, as a store's does.
    """
    try:
        with collector_paused(promote=len(text) >= _PROMOTE_CHARS):
            in_parts = _read_in_parts(text) if fmt == "json" and base is None else None
            if in_parts is not None:
                return in_parts
            doc = _parse(text, fmt)
            if base is None and against is not None and _says_update(doc):
                base = against()
            return _read_checked(doc, base)
    except ScenarioError as err:
        problems = _with_lines(err.problems, text) if fmt == "toml" else err.problems
        if file is None and problems is err.problems:
            raise
        raise ScenarioError(problems, file=file) from None


def loads(text: str, format: Format = "toml", *, file: str | None = None) -> Scenario:
    """Read a scenario from TOML or JSON text.

    Parameters
    ----------
    text : str
        The document.
    format : {"toml", "json"}, optional
        Its format (default TOML).
    file : str, optional
        Name shown in error messages.

    Returns
    -------
    Scenario

    Raises
    ------
    ScenarioError
        Carrying every problem found (``.problems``), each with a ``$.`` path: text that is
        not TOML/JSON, too large or too deeply nested, an unknown key, a wrong type, a bad
        date, an ideal outside its region, an unknown party ...

    Examples
    --------
    >>> import negotrack as nt
    >>> doc = '''
    ... schema = 1
    ... title = "Guarantees"
    ... [[issues]]
    ... id = "years"
    ... scale = { kind = "numeric", lo = 0, hi = 100, unit = "years" }
    ... [[parties]]
    ... id = "UA"
    ... [[statements]]
    ... party = "UA"
    ... issue = "years"
    ... date = 2025-12-29
    ... position = { ideal = 120, acceptable = [[15, 100]] }
    ... source = { title = "Zelensky asks for 50 years" }
    ... '''
    >>> nt.loads(doc, file="talks.toml")
    Traceback (most recent call last):
    ...
    negotrack.errors.ScenarioError: talks.toml: $.statements[0].position.ideal: 120 is outside acceptable region [15, 100] on scale 0–100 years (line 9)
    """
    if not isinstance(text, str):
        raise InvalidTypeError(
            f"loads() takes a str, not {type(text).__name__}", path="text", value=None
        )
    scenario = _read_text(text, _check_format(format), file)
    assert isinstance(scenario, Scenario)  # an update without a record to read onto is refused
    return scenario


def loads_update(
    text: str, timeline: Timeline, format: Format = "toml", *, file: str | None = None
) -> Update:
    """Read an update (``update = true``) against the record it adds to.

    Parameters
    ----------
    text : str
        The document.
    timeline : Timeline
        The record it adds to (``store.timeline()``): ``supersedes`` and ``cites`` may
        name its records, and its issues and parties need not be repeated.
    format : {"toml", "json"}, optional
        Its format (default TOML).
    file : str, optional
        Name shown in error messages.

    Returns
    -------
    Update

    Raises
    ------
    ScenarioError
        Carrying every problem, each with its ``$.`` path and, where the file gives one,
        the record's id; also when the document is not an update.

    Examples
    --------
    >>> import negotrack as nt
    >>> tl = nt.load("examples/ukraine_dec2025.toml").timeline
    >>> doc = '''
    ... schema = 1
    ... update = true
    ... [[statements]]
    ... id = "ru-donbas-3"
    ... party = "RU"
    ... issue = "donbas_withdrawal"
    ... date = 2026-01-05
    ... supersedes = "ru-donbas-2"
    ... cites = ["drone-claim"]
    ... position = { ideal = 100, acceptable = [[100, 100]], red_line = true }
    ... source = { title = "Kremlin briefing" }
    ... '''
    >>> nt.loads_update(doc, tl)
    Update(0 agenda items, 1 record)
    >>> nt.loads_update(doc.replace("ru-donbas-2", "ru-donbas-9"), tl, file="next.toml")
    Traceback (most recent call last):
    ...
    negotrack.errors.ScenarioError: next.toml: $.statements[0].supersedes: record 'ru-donbas-3': 'ru-donbas-9' names no statement of the timeline (line 4)
    """
    if not isinstance(timeline, Timeline):
        raise InvalidTypeError(
            f"loads_update() reads against a Timeline, not {type(timeline).__name__}",
            path="timeline",
            value=None,
        )
    update = _read_text(text, _check_format(format), file, timeline)
    assert isinstance(update, Update)
    return attrs.evolve(update, file=file)


def load_update(
    path: str | os.PathLike[str], timeline: Timeline, *, format: Format | None = None
) -> Update:
    """Read an update file against the record it adds to (see :func:`loads_update`).

    Parameters
    ----------
    path : str or PathLike
        The file.
    timeline : Timeline
        The record it adds to.
    format : {"toml", "json"}, optional
        Overrides the extension.

    Returns
    -------
    Update

    Examples
    --------
    >>> import negotrack as nt
    >>> nt.load_update("next-day.toml", store.timeline())  # doctest: +SKIP
    """
    target = Path(path)
    fmt = _format_of(target, format)
    return loads_update(_read_file(target), timeline, fmt, file=str(target))


def load_any(
    path: str | os.PathLike[str],
    against: Callable[[], Timeline],
    *,
    format: Format | None = None,
) -> Scenario | Update:
    """Read a scenario file, or an update file against the record it adds to; read once.

    What :func:`load_update` gives for a file that says ``update = true`` (and is no deeper
    than :data:`MAX_DEPTH`, as :func:`is_update` tells), what :func:`load` gives for any
    other: the same result, the same problems. The file is read and parsed once.

    Parameters
    ----------
    path : str or PathLike
        The file.
    against : callable
        Returns the timeline an update adds to (``store.timeline()``); called once, only
        if the file is an update, after it is parsed.
    format : {"toml", "json"}, optional
        Overrides the extension.

    Returns
    -------
    Scenario or Update

    Raises
    ------
    ScenarioError
        Carrying every problem of the file (as :func:`load` or :func:`load_update`).

    Examples
    --------
    >>> import negotrack as nt
    >>> nt.io.scenario.load_any("examples/ukraine_dec2025.toml", lambda: None).title
    'Russia–Ukraine talks, December 2025'
    """
    target = Path(path)
    fmt = _format_of(target, format)
    read = _read_text(_read_file(target), fmt, str(target), against=against)
    return attrs.evolve(read, file=str(target)) if isinstance(read, Update) else read


def _says_update(doc: Any) -> bool:
    """Whether a parsed document is an update: says ``update = true``, and is not too deep."""
    return isinstance(doc, dict) and doc.get("update") is True and _depth(doc) <= MAX_DEPTH


def is_update(path: str | os.PathLike[str], *, format: Format | None = None) -> bool:
    """Whether a file is an update (says ``update = true``); False for one that cannot be read.

    Examples
    --------
    >>> import negotrack as nt
    >>> nt.io.scenario.is_update("examples/ukraine_dec2025.toml")
    False
    """
    target = Path(path)
    try:
        doc = _parse(_read_file(target), _format_of(target, format))
    except (ScenarioError, OSError, ValueError):
        return False
    return _says_update(doc)


_TABLE_HEADER = re.compile(r"^\s*\[\[\s*(\w+)\s*\]\]\s*(?:#.*)?$")
_RECORD_PATH = re.compile(r"^\$\.(\w+)\[(\d+)\]")
_HAS_LINE = re.compile(r"\bline \d+")


def _with_lines(problems: Sequence[NegotrackError], text: str) -> Sequence[NegotrackError]:
    """Add the TOML line of the record each problem sits in: ``(line 42)``.

    tomllib gives no positions for values, so the line is that of the record's
    ``[[statements]]`` header, found by counting headers; records written as inline
    arrays get none. Returns ``problems`` itself when no line was added.
    """
    headers: dict[str, list[int]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        match = _TABLE_HEADER.match(line)
        if match:
            headers.setdefault(match.group(1), []).append(number)
    out: list[NegotrackError] = []
    changed = False
    for err in problems:
        match = _RECORD_PATH.match(err.path or "")
        lines = headers.get(match.group(1), []) if match else []
        index = int(match.group(2)) if match else -1
        if 0 <= index < len(lines) and not _HAS_LINE.search(err.message):
            out.append(_reworded(err, f"{err.message} (line {lines[index]})"))
            changed = True
        else:
            out.append(err)
    return out if changed else problems


def _read_file(path: Path) -> str:
    with path.open("rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ScenarioError(
            [
                _problem(
                    f"file is larger than the limit of {MAX_BYTES:,} bytes "
                    f"(negotrack.io.scenario.MAX_BYTES)"
                )
            ],
            file=str(path),
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ScenarioError(
            [_problem(f"file is not UTF-8 text ({err.reason} at byte {err.start})")],
            file=str(path),
        ) from None


def load(path: str | os.PathLike[str], *, format: Format | None = None) -> Scenario:
    """Read a scenario file; the format follows the extension (``.toml`` or ``.json``).

    Parameters
    ----------
    path : str or PathLike
        The file.
    format : {"toml", "json"}, optional
        Overrides the extension.

    Returns
    -------
    Scenario

    Raises
    ------
    ScenarioError
        Carrying every problem, formatted ``file: $.path: message`` by
        :meth:`~negotrack.errors.ScenarioError.details`.
    OSError
        If the file cannot be read (missing, a folder ...).

    Examples
    --------
    >>> import negotrack as nt
    >>> sc = nt.load("examples/ukraine_dec2025.toml")  # doctest: +SKIP
    """
    target = Path(path)
    fmt = _format_of(target, format)
    return loads(_read_file(target), fmt, file=str(target))


def validate(path: str | os.PathLike[str], *, format: Format | None = None) -> list[NegotrackError]:
    r"""Return every problem of a scenario file, without raising (an empty list if none).

    Parameters
    ----------
    path : str or PathLike
        The file.
    format : {"toml", "json"}, optional
        Overrides the extension.

    Returns
    -------
    list of NegotrackError
        Each with ``.path`` (a ``$.`` JSON path), ``.message`` and ``.file``.

    Examples
    --------
    >>> import negotrack as nt, pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     bad = pathlib.Path(d) / "bad.toml"
    ...     _ = bad.write_text('schema = 1\ntitel = "x"\n')
    ...     for p in nt.validate(bad):
    ...         print(p.path, p.message)
    $.titel unknown key 'titel' (did you mean 'title'?); allowed keys: schema, update, title, description, note, issues, parties, events, statements, conditions
    """
    target = Path(path)
    try:
        load(target, format=format)
    except ScenarioError as err:
        for p in err.problems:
            p.file = str(target)
        return list(err.problems)
    except OSError as err:
        return [
            InvalidRecordError(
                f"cannot read the file: {err.strerror or err}", path="$", file=str(target)
            )
        ]
    return []
