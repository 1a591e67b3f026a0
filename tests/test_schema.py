"""The published JSON Schema is generated from the model and agrees with the loader."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from trainer.core.schema import main as write_schema
from trainer.core.schema import schema_path, schema_text

GOOD = Path(__file__).parent / "data" / "good"


def _schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_path().read_text(encoding="utf-8"))
    return loaded


def test_committed_schema_matches_model() -> None:
    assert schema_path().read_text(encoding="utf-8") == schema_text(), (
        "resources/schema/article-set.schema.json is out of date: run "
        "`python -m trainer.core.schema`"
    )


def test_generator_writes_the_same_text(tmp_path: Path) -> None:
    target = tmp_path / "out" / "schema.json"
    assert write_schema([str(target)]) == 0
    assert target.read_text(encoding="utf-8") == schema_text()


def test_schema_is_a_valid_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(_schema())


def test_good_set_validates_against_schema() -> None:
    data = json.loads((GOOD / "sample.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(_schema()).validate(data)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.pop("format"), "format"),
        (lambda d: d.update(format_version=3), "format_version"),
        (lambda d: d["articles"][0]["annotations"][0].update(part="body"), "part"),
        (lambda d: d.update(sources=[{"id": "x", "name": "X", "kind": "blog", "text": "t"}]),
         "kind"),
        (lambda d: d["articles"][0].update(notes=[{"start": 0, "end": 2}]), "why"),
        (lambda d: d["articles"][0].pop("text"), "text"),
        (lambda d: d["articles"][0]["annotations"][0].update(start="3"), "start"),
        (lambda d: d.update(colour="red"), "colour"),
        (lambda d: d["articles"][0].update(level=4), "level"),
    ],
)
def test_schema_rejects_what_the_loader_rejects(change: Any, field: str) -> None:
    data = json.loads((GOOD / "sample.json").read_text(encoding="utf-8"))
    broken = copy.deepcopy(data)
    change(broken)
    errors = list(jsonschema.Draft202012Validator(_schema()).iter_errors(broken))
    assert errors
    assert any(field in (str(e.path) + e.message) for e in errors)
