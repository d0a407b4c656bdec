"""The report schema: the JSON Schema every document follows, and a checker that needs nothing.

The schema ships with the package as ``negotrack/io/report_schema.json`` (described in
``docs/reports.md``); :func:`check_document` implements the part of JSON Schema it uses.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from negotrack.io.reports.documents import plain

__all__ = ["check_document", "report_schema"]


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
    2
    """
    import importlib.resources  # here: only the schema's readers need it

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
    >>> check_document({"negotrack_report": 2, "kind": "nonsense", "title": ""})[0]
    "$.kind: 'nonsense' is not one of ..."
    """
    root = dict(schema if schema is not None else report_schema())
    problems: list[str] = []
    _check(json.loads(json.dumps(plain(document))), root, root, "$", problems)
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
