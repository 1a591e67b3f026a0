"""The assignment reader, fed mutations of a valid two-set file, raises only InvalidInput.

Byte-level mutations (as every loader gets in tests/test_loader_mutations.py) and structural
ones: a value anywhere in the file, "more_sets" included, replaced by another JSON value."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.test_loader_mutations import FUZZ, GOOD, mutate, mutations, only_invalid_input
from trainer.core.assignment_file import (
    assignment_json,
    make_assignment_from,
    parse_assignment,
    read_assignment,
)
from trainer.core.formats import load_set


def _valid() -> bytes:
    first = load_set(GOOD / "sample.json")
    second = first.model_copy(update={"id": "second-set", "version": 3})
    passages = [(second.id, second.articles[-1].id), (first.id, first.articles[0].id),
                (second.id, second.articles[0].id)]
    made = make_assignment_from([first, second], passages, title="Week 5", level=2)
    return assignment_json(made).encode()


VALID = _valid()


def test_the_valid_file_loads() -> None:
    assignment, warnings = parse_assignment(VALID.decode(), "a.mltassignment")
    assert warnings == [] and len(assignment.more_sets) == 1


@FUZZ
@given(mutations)
def test_byte_mutations(steps: list[tuple[str, int, int]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "week.mltassignment"
        path.write_bytes(mutate(VALID, steps))
        only_invalid_input(lambda: read_assignment(path))


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*path, index))
    return found


TREE = json.loads(VALID)
PATHS = _paths(TREE)[1:]
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False)
    | st.text(max_size=20) | st.sampled_from(["set", "more_sets", "other", "second-set"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=3),
    max_leaves=8)


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(range(len(PATHS))), JSON_VALUES, st.booleans()),
                min_size=1, max_size=3))
def test_structural_mutations(changes: list[tuple[int, Any, bool]]) -> None:
    tree = json.loads(VALID)
    for index, value, drop in changes:
        *parents, last = PATHS[index]
        node = tree
        try:
            for part in parents:
                node = node[part]
            if drop and isinstance(node, dict):
                node.pop(last, None)
            else:
                node[last] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed the path
    only_invalid_input(lambda: parse_assignment(json.dumps(tree), "week.mltassignment"))
