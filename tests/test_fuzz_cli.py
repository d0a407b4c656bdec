"""Fuzzing the whole command line with hostile documents (issue 19).

Each case takes a good scenario (a small one or a bundled example), puts one hostile value in
one of its slots — a huge or tiny number, a lone surrogate, a control or bidirectional
character, an escape sequence, Markdown metacharacters, a long string, deep nesting, a value of
the wrong type — writes it as JSON, and runs every reading command on it and an import into an
existing store. Every command must exit 0 or 2, print no traceback, write only valid UTF-8 with
no raw control character, and a refused import must leave the store as it was.

How many cases: ``NEGOTRACK_FUZZ_EXAMPLES`` if set (a long run by hand, e.g. 2000); else 200
when ``CI=true``; else 40, so the local suite stays fast.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
from pathlib import Path
from typing import Any

import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, given, settings

import negotrack as nt
from negotrack.cli import main
from test_fuzz_scenario import SEED_SLOTS, SEEDS, _own

_CI = os.environ.get("CI", "").lower() == "true"
EXAMPLES = int(os.environ.get("NEGOTRACK_FUZZ_EXAMPLES") or (200 if _CI else 40))

#: Characters that must never reach a terminal raw (a newline ends a line and is allowed).
ACTING = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

#: The reading commands and the arguments after the file.
COMMANDS: list[list[str]] = [
    ["validate"],
    ["analyze", "--format", "text"],
    ["analyze", "--format", "markdown"],
    ["analyze", "--format", "json"],
    ["timeline", "--format", "markdown"],
    ["diff", "0001-01-01", "9999-12-31"],
    ["deadlocks", "--cycles"],
    ["packages"],
    ["forecast", "--format", "markdown"],
]


def _deep(depth: int) -> Any:
    value: Any = []
    for _ in range(depth):
        value = [value]
    return value


hostile_values = st.one_of(
    st.sampled_from(
        [
            1e308,
            -1e308,
            1.7976931348623157e308,
            5e-324,
            -5e-324,
            2**63,
            -(2**63),
            10**400,
            0,
            -1,
            "\ud800",
            "a\udfffb",
            "\x1b[2J\x1b]0;owned\x07",
            "line\rover",
            "nul\x00bel\x07bs\x08del\x7f",
            "\u202eevil\u2066x\u2069\u200f",
            "| a | b |\n# heading\n```\n> quote\n- item\n1. one",
            "*x* _y_ <script>alert(1)</script> [l](http://e.vil) &amp;",
            "x" * 100_000,
            "",
            " ",
            True,
            None,
            {},
            [],
            {"kind": "numeric", "lo": 1e308, "hi": 1.7976931348623157e308},
            {"kind": "numeric", "lo": -1e308, "hi": 1e308},
            [[1e308, 1.7976931348623157e308]],
        ]
    ),
    st.integers(min_value=1, max_value=200).map(_deep),
    st.text(max_size=30),
    st.floats(allow_nan=False),
)


@st.composite
def hostile_documents(draw: st.DrawFn) -> dict[str, Any]:
    """Draw a seed scenario with one to three slots holding hostile values."""
    index = draw(st.integers(0, len(SEEDS) - 1))
    doc = dict(SEEDS[index])
    owned = {id(doc)}
    slots = SEED_SLOTS[index]
    for _ in range(draw(st.integers(1, 3))):
        path, key = slots[draw(st.integers(0, len(slots) - 1))]
        try:
            container = _own(doc, path, owned)
            container[key] = draw(hostile_values)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation replaced this slot's container
    return doc


def run(argv: list[str]) -> tuple[int, str, str]:
    """Run the command in-process; return its status, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    return status, out.getvalue(), err.getvalue()


def check_output(argv: list[str], status: int, out: str, err: str) -> None:
    """Check the promises of every command: 0 or 2, one line on error, safe valid text."""
    assert status in (0, 2), (argv, status, err)
    assert "Traceback" not in err
    for stream in (out, err):
        stream.encode("utf-8")  # a lone surrogate here would crash a real terminal write
        if "--format" in argv and "json" in argv:
            continue
        assert not ACTING.search(stream), (argv, stream[:300])
    if status == 2:
        assert err.count("\n") == 1, err


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Make a store holding the Ukraine example, for imports that must be refused whole."""
    path = tmp_path_factory.mktemp("fuzz") / "talks.db"
    nt.Store.import_into(
        path, nt.load(Path(__file__).resolve().parent.parent / "examples" / "ukraine_dec2025.toml")
    )
    return path


@settings(
    max_examples=EXAMPLES,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    deadline=None,
)
@given(doc=hostile_documents())
def test_every_command_exits_0_or_2_and_prints_safely(
    doc: dict[str, Any], tmp_path: Path, store: Path
) -> None:
    """Law: on any hostile document every command exits 0 or 2, safely, losing nothing."""
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(doc, ensure_ascii=True), encoding="utf-8")
    for command in COMMANDS:
        argv = [command[0], str(path), *command[1:]]
        check_output(argv, *run(argv))
    before = store.read_bytes()
    with nt.Store(store, create=False) as s:
        records = s.timeline().records
    argv = ["import", str(path), str(store)]
    status, out, err = run(argv)
    check_output(argv, status, out, err)
    if status == 2:
        with nt.Store(store, create=False) as s:
            assert s.timeline().records == records
        assert len(store.read_bytes()) == len(before)
