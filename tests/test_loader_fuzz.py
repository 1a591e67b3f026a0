"""Loaders survive arbitrary input with only the project's own error type (DESIGN §9)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.core.answers import load_answers
from trainer.core.errors import InvalidInput
from trainer.core.jsonset import parse_json_set
from trainer.core.taxonomy import default_taxonomy

GOOD = Path(__file__).parent / "data" / "good"
SAMPLE: dict[str, Any] = json.loads((GOOD / "sample.json").read_text(encoding="utf-8"))

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 300) | st.floats(allow_nan=False)
    | st.text(max_size=12),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)


def _parse(data: bytes) -> None:
    try:
        parse_json_set(data, "fuzz.json")
    except InvalidInput as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.file == "fuzz.json"
            assert problem.format().startswith("fuzz.json")


@given(st.binary(max_size=300))
def test_random_bytes(data: bytes) -> None:
    _parse(data)


@settings(max_examples=200)
@given(st.lists(st.tuples(st.sampled_from(["set", "article", "annotation"]),
                          st.text(min_size=1, max_size=10), json_values), max_size=4))
def test_mutated_sample_set(mutations: list[tuple[str, str, Any]]) -> None:
    data = json.loads(json.dumps(SAMPLE))
    # Take the targets before mutating: a mutation may replace "articles" itself.
    targets = {"set": data, "article": data["articles"][1],
               "annotation": data["articles"][0]["annotations"][0]}
    for where, key, value in mutations:
        target = targets[where]
        known = sorted(target)
        # Half of the time overwrite a real field, so the shape checks are exercised.
        name = known[len(key) % len(known)] if len(key) % 2 else key
        target[name] = value
    _parse(json.dumps(data).encode("utf-8"))


@given(json_values)
def test_random_answers_files(value: Any) -> None:
    from trainer.core.jsonset import load_json_set

    key = load_json_set(GOOD / "sample.json")
    taxonomy = key.taxonomy(default_taxonomy())
    # Hypothesis reruns the body many times, so each example gets its own temporary folder.
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "answers.json"
        path.write_text(json.dumps({"a1": value} if isinstance(value, list) else value),
                        encoding="utf-8")
        try:
            load_answers(path, key, taxonomy)
        except InvalidInput as exc:
            assert exc.problems
