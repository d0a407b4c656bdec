"""Syntax errors in scenario files are reported at the field they are in (negotrack.io.scenario).

A TOML or JSON document that does not parse stops reading at its first syntax error; the one
problem raised names the field (``$.statements[3].date``), the text at fault, the rule and the
line and column, or keeps the path ``$`` when the field cannot be told for certain.
"""

from __future__ import annotations

import datetime
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import hypothesis.strategies as st
import pytest
from hypothesis import assume, given

import negotrack as nt
from negotrack.cli import main
from negotrack.errors import InvalidRecordError, ScenarioError
from negotrack.io import scenario as scenario_module
from negotrack.testing import strategies as nts

ROOT = Path(__file__).resolve().parent.parent
UKRAINE = (ROOT / "examples" / "ukraine_dec2025.toml").read_text(encoding="utf-8")
NOT_A_DATE = "is not a valid date (YYYY-MM-DD, day 1-31 of a real month)"
IMPOSSIBLE_DATES = ["2025-12-32", "2025-02-30", "2025-13-01", "2025-00-10", "2026-04-31"]

SMALL = """\
schema = 1
title = "Guarantees"

[[issues]]
id = "years"
status_quo = 0
[issues.scale]
kind = "numeric"
lo = 0
hi = 100

[[parties]]
id = "UA"

[[statements]]
party = "UA"
issue = "years"
date = 2025-12-28
[statements.position]
ideal = 50
acceptable = [[15, 100]]
[statements.source]
title = "Kyiv asks for 50 years"
date = 2025-12-29
"""


def edit(text: str, headers: list[str], key: str, value: str) -> tuple[str, int]:
    """Set ``key``'s value in the table reached by passing ``headers`` in order.

    Returns the new text and the (1-based) number of the edited line.
    """
    lines = text.split("\n")
    n = 0
    for header in headers:
        while lines[n].strip() != header:
            n += 1
        n += 1
    while not lines[n].startswith(f"{key} = "):
        assert not lines[n].startswith("["), f"no {key} in that table"
        n += 1
    lines[n] = f"{key} = {value}"
    return "\n".join(lines), n + 1


def problem_of(text: str, fmt: str = "toml") -> InvalidRecordError:
    """Read ``text``, expecting exactly one problem, and return it."""
    with pytest.raises(ScenarioError) as info:
        nt.loads(text, fmt, file="talks." + fmt)  # type: ignore[arg-type]
    assert len(info.value.problems) == 1
    problem = info.value.problems[0]
    assert isinstance(problem, InvalidRecordError)
    assert info.value.path == problem.path  # the error itself carries the first path
    return problem


def path_of(parts: list[str | int]) -> str:
    """Write keys and indexes as a ``$.`` path (every key in a scenario is an identifier)."""
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts)


def find_value(doc: Any, wanted: Any) -> list[list[str | int]]:
    """Return the paths of every occurrence of ``wanted`` in plain data."""
    found: list[list[str | int]] = []
    stack: list[tuple[Any, list[str | int]]] = [(doc, [])]
    while stack:
        node, parts = stack.pop()
        if isinstance(node, dict):
            stack.extend((v, [*parts, k]) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, [*parts, i]) for i, v in enumerate(node))
        elif type(node) is type(wanted) and node == wanted:
            found.append(parts)
    return found


class TestTomlSyntaxErrors:
    @pytest.mark.parametrize(
        ("k", "bad", "column"),
        [(0, "2025-12-32", 12), (3, "2025-02-30", 8), (14, "2025-13-01", 12)],
    )
    def test_impossible_statement_date(self, k: int, bad: str, column: int) -> None:
        """An impossible date in the k-th [[statements]] is reported at $.statements[k].date."""
        text, line = edit(UKRAINE, ["[[statements]]"] * (k + 1), "date", bad)
        problem = problem_of(text)
        assert problem.path == f"$.statements[{k}].date"
        assert problem.value == bad
        assert problem.message == (
            f"not valid TOML: {bad} {NOT_A_DATE} at line {line}, column {column}"
        )

    def test_bad_value_in_an_issue(self) -> None:
        """A malformed number in the fourth [[issues]] names the issue, the key and the text."""
        text, line = edit(UKRAINE, ["[[issues]]"] * 4, "status_quo", "1..2")
        problem = problem_of(text)
        assert problem.path == "$.issues[3].status_quo"
        assert problem.value == "1..2"
        assert problem.message == (
            "not valid TOML: '1..2': Expected newline or end of document after a statement "
            f"at line {line}, column 15"
        )

    def test_top_level_key(self) -> None:
        """An unquoted title is reported at $.title, quoting the text."""
        problem = problem_of(SMALL.replace('title = "Guarantees"', "title = Guarantees"))
        assert problem.path == "$.title"
        assert problem.message == "not valid TOML: 'Guarantees': Invalid value at line 2, column 9"

    def test_nested_sub_table(self) -> None:
        """A bad date in [statements.source] is reported at $.statements[k].source.date."""
        text, line = edit(
            UKRAINE, ["[[statements]]"] * 4 + ["[statements.source]"], "date", "2025-02-30"
        )
        problem = problem_of(text)
        assert problem.path == "$.statements[3].source.date"
        assert (
            problem.message == f"not valid TOML: 2025-02-30 {NOT_A_DATE} at line {line}, column 8"
        )

    def test_array_of_tables_in_an_array_of_tables(self) -> None:
        """[[events.sources]] entries are counted within their event."""
        headers = ["[[events]]"] * 3 + ["[[events.sources]]"] * 2
        text, _ = edit(UKRAINE, [*headers, "[[events.sources]]"], "publisher", "AInvest")
        problem = problem_of(text)
        assert problem.path == "$.events[2].sources[2].publisher"
        assert problem.message.startswith("not valid TOML: 'AInvest': Invalid value at line ")

    def test_dotted_key(self) -> None:
        """A dotted key adds its parts to the path of its table."""
        text = SMALL.replace("[statements.position]\nideal = 50", "position.ideal = 5 0\n[x]")
        problem = problem_of(text)
        assert problem.path == "$.statements[0].position.ideal"
        assert problem.value == "5 0"

    def test_quoted_key(self) -> None:
        """A quoted key is read as TOML reads it."""
        problem = problem_of(SMALL.replace('title = "Guarantees"', '"title" = Guarantees'))
        assert problem.path == "$.title"

    def test_inline_table_is_reported_at_its_key(self) -> None:
        """An error inside an inline table names the table's key, never a guessed inner one."""
        text = SMALL.replace(
            "[statements.position]\nideal = 50\nacceptable = [[15, 100]]",
            "position = { ideal = 1..2, acceptable = [[15, 100]] }",
        )
        problem = problem_of(text)
        assert problem.path == "$.statements[0].position"
        assert problem.value == "{ ideal = 1..2, acceptable = [[15, 100]] }"
        assert problem.message.startswith(
            "not valid TOML: '{ ideal = 1..2, acceptable = [[15, 100]…': Unclosed inline table"
        )

    def test_impossible_date_in_an_inline_table(self) -> None:
        """An impossible date inside an inline table is still called an impossible date."""
        text = SMALL.replace(
            '[statements.source]\ntitle = "Kyiv asks for 50 years"\ndate = 2025-12-29', ""
        ).replace(
            'issue = "years"\n', 'issue = "years"\nsource = { title = "Kyiv", date = 2025-12-32 }\n'
        )
        problem = problem_of(text)
        assert problem.path == "$.statements[0].source"
        assert f"2025-12-32 {NOT_A_DATE} at line " in problem.message

    def test_impossible_date_time(self) -> None:
        """A date-time with an impossible time says so."""
        problem = problem_of(SMALL.replace("date = 2025-12-28", "date = 2025-12-28T25:00:00"))
        assert problem.path == "$.statements[0].date"
        assert problem.message.startswith(
            "not valid TOML: 2025-12-28T25:00:00 is not a valid date-time (YYYY-MM-DDTHH:MM:SS"
        )

    def test_comment_is_not_part_of_the_value(self) -> None:
        """A comment after the bad value is not quoted as part of it."""
        problem = problem_of(SMALL.replace("date = 2025-12-28", "date = 2025-12-32  # the day"))
        assert problem.value == "2025-12-32"

    def test_long_value_is_shortened(self) -> None:
        """The quoted text stops at 40 characters."""
        problem = problem_of(SMALL.replace('title = "Guarantees"', "title = " + "x" * 60))
        assert problem.path == "$.title"
        assert f"'{'x' * 39}…'" in problem.message
        assert problem.value == "x" * 60

    def test_repeated_key(self) -> None:
        """A key given twice in one table is reported at the second, with TOML's rule."""
        text = SMALL.replace('party = "UA"\n', 'party = "UA"\nparty = "RU"\n')
        problem = problem_of(text)
        assert problem.path == "$.statements[0].party"
        assert (
            problem.message
            == "not valid TOML: '\"RU\"': Cannot overwrite a value at line 17, column 13"
        )

    def test_unterminated_string_on_its_line(self) -> None:
        """A string left open on a one-line pair is reported at its key."""
        problem = problem_of(SMALL.replace('title = "Guarantees"', 'title = "Guarantees'))
        assert problem.path == "$.title"
        assert problem.message.startswith("not valid TOML: '\"Guarantees': Illegal character")

    def test_crlf_line_endings(self) -> None:
        """Windows line endings change neither the path nor the quoted text."""
        text = SMALL.replace("date = 2025-12-28", "date = 2025-12-32").replace("\n", "\r\n")
        problem = problem_of(text)
        assert problem.path == "$.statements[0].date"
        assert problem.value == "2025-12-32"

    def test_header_lookalikes_in_a_multiline_string_do_not_count(self) -> None:
        """Lines of a multi-line string that look like [[statements]] are not counted."""
        fake = 'description = """\n[[statements]]\n[[statements]]\ndate = 2025-12-32\n"""\n'
        text = SMALL.replace("\n[[issues]]", "\n" + fake + "[[issues]]", 1)
        problem = problem_of(text.replace("date = 2025-12-28", "date = 2025-12-32"))
        assert problem.path == "$.statements[0].date"


class TestTomlFallsBackToTheDocument:
    def test_unterminated_multiline_string(self) -> None:
        """A multi-line string never closed runs to the end: the path is $."""
        problem = problem_of(SMALL.replace('title = "Guarantees"', 'title = """Guarantees'))
        assert problem.path == "$"
        assert problem.message == "not valid TOML: Unterminated string (at end of document)"

    def test_error_on_a_continuation_line(self) -> None:
        """An error inside a multi-line array is not placed: the path is $."""
        text = SMALL.replace(
            "acceptable = [[15, 100]]", "acceptable = [\n  [15, 100],\n  [1..2, 3],\n]"
        )
        problem = problem_of(text)
        assert problem.path == "$"
        assert problem.message.startswith("not valid TOML: ")
        assert "(at line 23, column " in problem.message

    def test_error_in_a_header(self) -> None:
        """A broken [table] header is not a field: the path is $."""
        problem = problem_of(SMALL.replace("[statements.source]", "[statements.source"))
        assert problem.path == "$"
        assert problem.message == (
            "not valid TOML: Expected ']' at the end of a table declaration (at line 22, column 19)"
        )

    def test_error_in_a_key(self) -> None:
        """An error before the = (in the key) is not placed: the path is $."""
        problem = problem_of(SMALL.replace("party = ", "par ty = "))
        assert problem.path == "$"
        assert problem.message == (
            "not valid TOML: Expected '=' after a key in a key/value pair (at line 16, column 5)"
        )

    def test_search_failure_gives_the_document(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Whatever the search for the field trips on, the syntax error is still reported at $."""

        def boom(*args: object) -> None:
            raise RuntimeError("lost")

        monkeypatch.setattr(scenario_module, "_location", boom)
        problem = problem_of(SMALL.replace("date = 2025-12-28", "date = 2025-12-32"))
        assert problem.path == "$"
        assert problem.message == (
            "not valid TOML: Expected newline or end of document after a statement "
            "(at line 18, column 12)"
        )


def json_text(**statement: Any) -> str:
    """Return a JSON scenario whose one statement has ``statement``'s fields, on lines of their own."""
    return json.dumps(
        {"schema": 1, "issues": [], "statements": [{"party": "UA", **statement}]}, indent=2
    )


class TestJsonSyntaxErrors:
    def test_bare_date(self) -> None:
        """An unquoted date is reported at its field, quoting it."""
        text = json_text(date="DATE").replace('"DATE"', "2025-12-32")
        problem = problem_of(text, "json")
        assert problem.path == "$.statements[0].date"
        assert problem.value == "2025-12-32"
        assert re.fullmatch(
            r"not valid JSON: Expecting ',' delimiter: line 7 column 19 \(char 96\) at '2025-12-32'",
            problem.message,
        )

    def test_missing_value(self) -> None:
        """A key without a value is reported at that key."""
        problem = problem_of(json_text(issue="years").replace('"years"', ""), "json")
        assert problem.path == "$.statements[0].issue"
        assert problem.message.startswith("not valid JSON: Expecting value: line ")

    def test_trailing_comma_in_an_array(self) -> None:
        """A trailing comma in an array is reported at the array, not at an element that is not there."""
        problem = problem_of('{"schema": 1, "parties": [{"id": "UA"}, ]}', "json")
        assert problem.path == "$.parties"
        assert (
            problem.message == "not valid JSON: Expecting value: line 1 column 41 (char 40) at ']}'"
        )

    def test_trailing_comma_in_an_object(self) -> None:
        """A trailing comma in an object is reported at the object."""
        problem = problem_of('{"schema": 1, "parties": [{"id": "UA",}]}', "json")
        assert problem.path == "$.parties[0]"
        assert "Expecting property name enclosed in double quotes" in problem.message

    def test_array_left_open_swallowing_a_key(self) -> None:
        """A key read as an array's element is blamed on the array left open, not an element."""
        problem = problem_of('{"schema": [1,\n  "title": "x"}', "json")
        assert problem.path == "$.schema"
        assert problem.message == (
            "not valid JSON: Expecting ',' delimiter: line 2 column 10 (char 24) at ': \"x\"'"
        )

    @pytest.mark.parametrize(
        ("text", "path"),
        [('{"parties": [{"id": "UA"]}', "$.parties[0]"), ('{"cites": [1, 2}', "$.cites")],
    )
    def test_mismatched_bracket(self, text: str, path: str) -> None:
        """A closing bracket of the wrong kind is blamed on the container it should have closed."""
        problem = problem_of(text, "json")
        assert problem.path == path
        assert problem.message.startswith("not valid JSON: Expecting ',' delimiter: line 1 column")

    def test_bad_escape_in_a_string(self) -> None:
        """A bad escape inside a string is reported at that string's key."""
        problem = problem_of('{"schema": 1, "title": "a\\q"}', "json")
        assert problem.path == "$.title"
        assert problem.message.startswith("not valid JSON: Invalid \\escape: line 1 column 26")

    def test_odd_keys_are_quoted(self) -> None:
        """A key that is not an identifier is written in brackets, as elsewhere."""
        problem = problem_of('{"my key": [1 2]}', "json")
        assert problem.path == "$['my key'][0]"

    def test_extra_data_is_the_document(self) -> None:
        """Text after the document is reported at $."""
        problem = problem_of('{"schema": 1}\n{"schema": 1}', "json")
        assert problem.path == "$"
        assert (
            problem.message
            == "not valid JSON: Extra data: line 2 column 1 (char 14) at '{\"schema\": 1}'"
        )

    def test_repeated_key_stays_at_the_document(self) -> None:
        """Errors of the reader's own hooks have no position: the path stays $."""
        problem = problem_of('{"schema": 1, "title": "a", "title": "b"}', "json")
        assert problem.path == "$"
        assert problem.message == "not valid JSON: key 'title' appears twice in one object"


class TestLoad:
    def test_file_error_names_file_field_value_and_rule(self, tmp_path: Path) -> None:
        """load() reports the file, the field, the value and the rule on one line."""
        path = tmp_path / "ukraine.toml"
        text, line = edit(UKRAINE, ["[[statements]]"] * 2, "date", "2025-12-32")
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ScenarioError) as info:
            nt.load(path)
        assert info.value.details() == (
            f"{path}: $.statements[1].date: not valid TOML: 2025-12-32 {NOT_A_DATE} "
            f"at line {line}, column 12"
        )
        assert [p.path for p in nt.validate(path)] == ["$.statements[1].date"]


class TestCli:
    def test_one_line_and_exit_2(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The command prints one line naming the file, the field and the bad date, and exits 2."""
        monkeypatch.chdir(ROOT)
        bad = tmp_path / "bad.toml"
        bad.write_text(edit(UKRAINE, ["[[statements]]"] * 3, "date", "2025-13-01")[0], "utf-8")
        code = main(["analyze", str(bad)])
        _, err = capsys.readouterr()
        assert code == 2
        lines = err.splitlines()
        assert len(lines) == 1, err
        assert "Traceback" not in err
        assert str(bad) in lines[0]
        assert "$.statements[2].date" in lines[0]
        assert f"2025-13-01 {NOT_A_DATE}" in lines[0]


# ---------------------------------------------------------------------------- laws

SENTINEL = datetime.date(1, 2, 3)
#: A date written unquoted in TOML (a value), not inside a longer word or a string.
BARE_DATE = re.compile(r"(?<![\w\"'.:-])\d{4}-\d\d-\d\d(?![\w\"'.:-])")


def true_path(lines: list[str], n: int, start: int, end: int) -> str | None:
    """Return the path of the date at ``lines[n][start:end]``, as TOML itself reads it (or None)."""
    marked = [*lines]
    marked[n] = f"{lines[n][:start]}{SENTINEL.isoformat()}{lines[n][end:]}"
    found = find_value(tomllib.loads("\n".join(marked)), SENTINEL)
    return path_of(found[0]) if len(found) == 1 else None


@given(nts.scenarios(), st.data(), st.sampled_from(IMPOSSIBLE_DATES))
def test_syntax_error_path_names_the_broken_line(
    scenario: nt.Scenario, data: st.DataObject, bad: str
) -> None:
    """An impossible date on a `date = ...` line is reported at the path of that very field."""
    text = nt.dumps(scenario)
    lines = text.split("\n")
    candidates = [
        n for n, line in enumerate(lines) if re.fullmatch(r"date = \d{4}-\d\d-\d\d", line)
    ]
    assume(candidates and SENTINEL.isoformat() not in text)
    n = data.draw(st.sampled_from(candidates))
    expected = true_path(lines, n, 7, 17)
    assert expected is not None
    broken = [*lines]
    broken[n] = f"date = {bad}"
    problem = problem_of("\n".join(broken))
    assert problem.path == expected
    assert re.fullmatch(
        rf"not valid TOML: {bad} {re.escape(NOT_A_DATE)} at line {n + 1}, column (8|12)",
        problem.message,
    )


@given(nts.scenarios(), st.data(), st.sampled_from(IMPOSSIBLE_DATES))
def test_syntax_error_path_never_leaves_the_broken_value(
    scenario: nt.Scenario, data: st.DataObject, bad: str
) -> None:
    """Wherever an impossible date is written, the path reported is $ or leads to it."""
    text = nt.dumps(scenario)
    lines = text.split("\n")
    spots = [
        (n, m.start(), m.end()) for n, line in enumerate(lines) for m in BARE_DATE.finditer(line)
    ]
    assume(spots and SENTINEL.isoformat() not in text)
    n, start, end = data.draw(st.sampled_from(spots))
    expected = true_path(lines, n, start, end)
    assume(expected is not None)  # the digits were inside a string after all
    assert expected is not None
    broken = [*lines]
    broken[n] = f"{lines[n][:start]}{bad}{lines[n][end:]}"
    problem = problem_of("\n".join(broken))
    assert problem.path is not None
    leads_there = expected.startswith((problem.path + ".", problem.path + "["))
    assert problem.path in ("$", expected) or leads_there, (problem.path, expected)
    if problem.path != "$":
        assert f"{bad} {NOT_A_DATE} at line {n + 1}, column " in problem.message
