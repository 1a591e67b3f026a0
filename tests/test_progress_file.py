"""The progress file reader: every bad file gets a message with its name; nothing else escapes."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trainer.core.errors import InvalidInput
from trainer.core.progress_file import (
    ProgressFile,
    parse_progress,
    progress_schema_text,
    read_progress,
    text_hash,
)
from trainer.core.resources import resource_path

UUID_A = "0b5c1f9e-6d2a-4e43-9a51-3f1d2c7e8a90"
UUID_B = "7f6e5d4c-3b2a-4190-8877-665544332211"


def _valid() -> dict[str, Any]:
    return {
        "format": "trainer.progress", "format_version": 1, "program_version": "0.1.0",
        "exported_at": "2026-11-30T10:00:00+00:00",
        "profile": {"id": UUID_A, "name": "Ana", "student_code": None},
        "attempts": [{
            "id": UUID_B, "set_id": "starter", "set_version": 1, "article_id": "l1-01",
            "text_hash": text_hash("Title", "Text."), "level": 1, "mode": "family",
            "assignment_id": None, "started_at": "2026-11-30T09:00:00+01:00",
            "submitted_at": "2026-11-30T09:01:00+01:00", "duration_s": 60.0,
            "nothing_to_flag": False,
            "marks": [{"start": 0, "end": 4, "label": "framing", "part": "text"}],
            "notes": [], "scores": {}}],
        "drills": []}


def _parse(data: Any) -> ProgressFile:
    return parse_progress(json.dumps(data), "ana.json")[0]


def _messages(data: Any) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        parse_progress(data if isinstance(data, str) else json.dumps(data), "ana.json")
    assert all(p.file == "ana.json" for p in caught.value.problems)
    return [p.format() for p in caught.value.problems]


def test_valid_file_reads_and_hash_names_title_and_text() -> None:
    progress = _parse(_valid())
    assert progress.attempts[0].marks[0].label == "framing"
    assert text_hash("Title", "Text.") == (
        "sha256:" + __import__("hashlib").sha256(b"Title\nText.").hexdigest())


def test_unknown_keys_are_ignored_with_a_warning() -> None:
    data = _valid()
    data["colour"] = "blue"
    data["attempts"][0]["marks"][0]["weight"] = 2
    progress, warnings = parse_progress(json.dumps(data), "ana.json")
    assert progress.attempts[0].marks[0].start == 0
    assert [w.path for w in warnings] == ["$.attempts[0].marks[0].weight", "$.colour"]  # file order


@pytest.mark.parametrize(("text", "expected"), [
    ("", "file is empty"),
    ('{"format": "trainer.progress", "attempts": [', "ends too early"),
    ('[1, 2]', "not a progress file"),
    ('{"format": "trainer.article-set", "format_version": 1}', "its format is"),
    ('{"format": "trainer.progress", "format_version": 7}', "newer version of the program"),
])
def test_bad_files_name_the_problem(text: str, expected: str) -> None:
    assert any(expected in m for m in _messages(text))


def test_every_field_problem_is_reported_with_its_path() -> None:
    data = _valid()
    attempt = data["attempts"][0]
    attempt["started_at"] = "2026-11-30T09:00:00"  # no time zone
    attempt["level"] = 4
    attempt["marks"][0]["start"] = -1
    data["profile"]["id"] = "not-a-uuid"
    messages = "\n".join(_messages(data))
    for path in ("$.attempts[0].started_at", "$.attempts[0].level",
                 "$.attempts[0].marks[0].start", "$.profile.id"):
        assert path in messages


def test_semantic_problems_duplicate_ids_and_time_order() -> None:
    data = _valid()
    data["attempts"].append(dict(data["attempts"][0]))
    data["attempts"][0] = {**data["attempts"][0], "submitted_at": "2026-11-30T07:00:00+00:00"}
    messages = "\n".join(_messages(data))
    assert "same attempt id occurs twice" in messages
    assert "submitted before it was started" in messages


def test_only_regular_files_are_read(tmp_path: Path) -> None:
    fifo = tmp_path / "ana.json"
    os.mkfifo(fifo)
    with pytest.raises(InvalidInput, match="not a regular file"):
        read_progress(fifo)  # returns at once instead of blocking on the FIFO


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: 200 MB on paper, nothing on disk
    with pytest.raises(InvalidInput, match="more than the 50 MB"):
        read_progress(big)


def test_published_schema_matches_the_model_and_accepts_a_valid_file() -> None:
    path = resource_path("schema", "progress.schema.json")
    assert path.read_text(encoding="utf-8") == progress_schema_text(), (
        "resources/schema/progress.schema.json is stale: run `python -m trainer.core.schema`")
    jsonschema.validate(_valid(), json.loads(progress_schema_text()))


def _mutations() -> st.SearchStrategy[str]:
    base = json.dumps(_valid())
    junk = st.sampled_from(["9" * 5000, "[" * 5000, "\u0000", "null", '"x"', "-1", "1e999",
                            "{}", "\ud800", "true"])

    @st.composite
    def mutate(draw: st.DrawFn) -> str:
        text = base
        for _ in range(draw(st.integers(1, 3))):
            at = draw(st.integers(0, len(text)))
            choice = draw(st.integers(0, 2))
            if choice == 0:
                text = text[:at]
            elif choice == 1:
                text = text[:at] + draw(junk) + text[at:]
            else:
                end = min(len(text), at + draw(st.integers(1, 20)))
                text = text[:at] + text[end:]
        return text

    return mutate()


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mutations())
def test_fuzzed_files_raise_only_our_error(text: str) -> None:
    try:
        parse_progress(text, "fuzz.json")
    except InvalidInput as exc:
        assert exc.problems
