"""Fuzzing the scenario reader: only ScenarioError escapes, always with a ``$`` path.

Documents are mutated from good ones (the bundled examples and a small scenario) as data
(keys dropped, renamed or added, values replaced by arbitrary JSON) and as text (slices cut,
junk inserted, truncated), and random text is tried too, in both formats.

How many cases: ``NEGOTRACK_FUZZ_EXAMPLES`` if set; else 5,000 per mutation test (and a
fifth of that per random-input test) when ``CI=true``; else a small number so the local
suite stays fast.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import hypothesis.strategies as st
import tomli_w
from hypothesis import given, settings

import negotrack as nt
from negotrack.errors import NegotrackError, ScenarioError

_CI = os.environ.get("CI", "").lower() == "true"
EXAMPLES = int(os.environ.get("NEGOTRACK_FUZZ_EXAMPLES") or (5000 if _CI else 100))
#: The cheap random-input tests find little once the mutation tests run; a fifth suffices.
FEWER = max(1, EXAMPLES // 5)
EXAMPLE_DIR = Path(__file__).resolve().parent.parent / "examples"

SMALL: dict[str, Any] = {
    "schema": 1,
    "title": "Guarantees",
    "issues": [
        {"id": "years", "scale": {"kind": "numeric", "lo": 0, "hi": 100, "unit": "years"}},
        {"id": "tier", "scale": {"kind": "ordinal", "labels": ["none", "some", "full"]}},
        {"id": "body", "scale": {"kind": "nominal", "labels": ["US", "EU"]}},
    ],
    "parties": [{"id": "UA", "capability": 2}, {"id": "RU", "group": "x"}],
    "events": [
        {
            "id": "claim",
            "date": "2025-12-29",
            "title": "Claim",
            "credibility": "alleged",
            "disputed_by": ["UA"],
            "sources": [{"title": "t", "kind": "leak", "date": "2025-12-29"}],
        }
    ],
    "statements": [
        {
            "id": "s1",
            "party": "UA",
            "issue": "years",
            "date": "2025-12-28",
            "position": {"ideal": 50, "acceptable": [[15, 100]], "salience": 0.5},
            "source": {"title": "a"},
        },
        {
            "party": "RU",
            "issue": "tier",
            "date": "2025-12-30",
            "cites": ["claim"],
            "position": {"ideal": "none", "acceptable": ["none", "some"], "red_line": True},
            "source": {"title": "b"},
        },
    ],
    "conditions": [
        {
            "id": "c1",
            "holder": "RU",
            "kind": "precondition",
            "date": "2025-12-30",
            "clause": {"issue": "body", "region": ["EU"]},
            "requires": {"event": "claim"},
            "source": {"title": "c"},
        }
    ],
}


def _seeds() -> list[dict[str, Any]]:
    return [SMALL] + [nt.load(path).to_dict() for path in sorted(EXAMPLE_DIR.glob("*.toml"))]


SEEDS = _seeds()
SEED_TEXTS = [(json.dumps(d), "json") for d in SEEDS] + [
    (nt.dumps(nt.loads(json.dumps(d), "json"), "toml"), "toml") for d in SEEDS
]

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=8)
    | st.sampled_from(["2025-12-28", "numeric", "ordinal", "UA", "years", "s1", "claim"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=12,
)


Slot = tuple[tuple[Any, ...], Any]


def _slots(doc: Any) -> list[Slot]:
    """Every slot of a document: (path to its container, key or index), in a stable order."""
    out: list[Slot] = []
    stack: list[tuple[tuple[Any, ...], Any]] = [((), doc)]
    while stack:
        path, node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            out.append((path, key))
            if isinstance(value, dict | list):
                stack.append(((*path, key), value))
    return out


#: The seeds' slots, listed once: a case's first mutation picks from these.
SEED_SLOTS = [_slots(doc) for doc in SEEDS]


def _own(doc: Any, path: tuple[Any, ...], owned: set[int]) -> Any:
    """Return the container at ``path``, copying (shallowly) the seed's containers on the way.

    A mutated document shares every part it has not changed with its seed (which must stay
    intact for the next case); only the containers along a mutated path are copied.
    """
    node = doc
    for key in path:
        child = node[key]
        if id(child) not in owned:
            child = dict(child) if isinstance(child, dict) else list(child)
            node[key] = child
            owned.add(id(child))
        node = child
    return node


@st.composite
def mutated_documents(draw: st.DrawFn) -> Any:
    which = draw(st.integers(0, len(SEEDS) - 1))
    doc = copy.copy(SEEDS[which])
    owned = {id(doc)}
    slots = SEED_SLOTS[which]
    for step in range(draw(st.integers(1, 4))):
        if step:
            slots = _slots(doc)
        if not slots:
            break
        path, key = draw(st.sampled_from(slots))
        node = _own(doc, path, owned)
        action = draw(st.sampled_from(["drop", "replace", "add", "rename", "stringify", "copy"]))
        if action == "drop":
            del node[key]
        elif action == "replace":
            node[key] = draw(json_values)
        elif action == "add" and isinstance(node, dict):
            node[draw(st.text(max_size=8))] = draw(json_values)
        elif action == "rename" and isinstance(node, dict) and key:
            cut = draw(st.integers(0, len(key) - 1))
            node[key[:cut] + key[cut + 1 :]] = node.pop(key)
        elif action == "stringify":
            node[key] = json.dumps(node[key])
        elif action == "copy" and isinstance(node, list):
            node.append(copy.deepcopy(node[key]))
    return doc


def check_only_scenario_errors(text: str, fmt: str) -> None:
    """Read ``text``: it either loads or raises ScenarioError whose problems have paths."""
    error: ScenarioError | None = None
    try:
        nt.loads(text, fmt)  # type: ignore[arg-type]
    except ScenarioError as err:
        error = err
    if error is None:
        return
    assert error.problems
    for problem in error.problems:
        assert isinstance(problem, NegotrackError)
        assert problem.path is not None
        assert problem.path.startswith("$"), problem
        assert problem.message
    assert str(error).startswith("$")


def toml_text(doc: Any) -> str | None:
    try:
        return tomli_w.dumps(doc)
    except (TypeError, ValueError, AttributeError):  # None values, non-table top level ...
        return None


class TestLoadsFuzz:
    @settings(max_examples=EXAMPLES)
    @given(mutated_documents())
    def test_mutated_documents_raise_only_scenario_errors(self, doc: Any) -> None:
        """Data-level mutations of good documents never escape as anything else."""
        check_only_scenario_errors(json.dumps(doc), "json")
        text = toml_text(doc)
        if text is not None:
            check_only_scenario_errors(text, "toml")

    @settings(max_examples=EXAMPLES)
    @given(st.sampled_from(SEED_TEXTS), st.data())
    def test_mutated_text_raises_only_scenario_errors(
        self, seed: tuple[str, str], data: st.DataObject
    ) -> None:
        """Text cut, spliced with junk or truncated never escapes as anything else."""
        text, fmt = seed
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, min(len(text), start + 40)))
        junk = data.draw(
            st.text(max_size=12)
            | st.sampled_from(["[", "]", "{", '"', "=", "\n", "[[", ",", "0", "-"])
        )
        cut = text[:start] + junk + text[end:]
        check_only_scenario_errors(cut, fmt)
        check_only_scenario_errors(text[:start], fmt)

    @settings(max_examples=FEWER)
    @given(st.text(max_size=200), st.sampled_from(["toml", "json"]))
    def test_random_text_raises_only_scenario_errors(self, text: str, fmt: str) -> None:
        """Arbitrary text never escapes as anything else."""
        check_only_scenario_errors(text, fmt)

    @settings(max_examples=FEWER)
    @given(json_values)
    def test_random_json_values_raise_only_scenario_errors(self, value: Any) -> None:
        """Any JSON value as a whole document, or as the statements, is handled."""
        check_only_scenario_errors(json.dumps(value), "json")
        check_only_scenario_errors(json.dumps(SMALL | {"statements": value}), "json")


#: The seeds as they were before any mutation, to check mutations never touch them.
PRISTINE = copy.deepcopy(SEEDS)


@given(mutated_documents())
def test_mutations_leave_the_seeds_intact(doc: Any) -> None:
    """Mutating a document copies what it changes: the seeds stay as they were."""
    assert SEEDS == PRISTINE


def test_seeds_are_good() -> None:
    """The unmutated seeds load, so mutations start from valid documents."""
    for text, fmt in SEED_TEXTS:
        scenario = nt.loads(text, fmt)  # type: ignore[arg-type]
        assert scenario.timeline.issues, "a seed without issues would leave most paths unmutated"
