"""`trainer score --json` writes its verdict rows itself: the line must parse to build_report."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trainer.cli import score_cmd
from trainer.cli.score_cmd import build_report, report_json
from trainer.core.errors import InvalidInput

GOOD = Path(__file__).resolve().parent / "data" / "good"

# Strings a key's explanation, tip or a set's own technique may hold: quotes, backslashes,
# line breaks, characters outside ASCII and outside the BMP.
WORDING = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                  max_size=12) | st.sampled_from(['"quoted" \\ back', "line\nbreak\ttab",
                                                   "“curly” — ünïcode", "😀 </script>", ""])
TEXT = "The corrupt elites lied again. Our great nation will win!\n\nThey always say so."


def _set(explanations: list[str], optional: list[bool]) -> dict[str, object]:
    spans = [(4, 18, "loaded-language"), (19, 29, "labeling"), (31, 57, "framing"),
             (59, 78, "unverified"), (4, 12, "anonymous-source")]
    annotations = [{"start": s, "end": e, "label": label, "explanation": why, "tip": why[::-1],
                    "optional": opt}
                   for (s, e, label), why, opt in zip(spans, explanations, optional,
                                                      strict=False)]
    annotations.append({"start": 0, "end": 5, "label": "labeling", "part": "title",
                        "explanation": "In the headline.", "tip": "", "optional": False})
    return {"format": "trainer.article-set", "format_version": 2, "id": "s", "version": 1,
            "title": "Set", "language": "en", "articles": [
                {"id": "a1", "title": "Crooked elites", "level": 3, "text": TEXT,
                 "annotations": annotations},
                {"id": "a2", "title": "Calm", "level": 1, "text": TEXT, "annotations": []}]}


ANSWERS = {"a1": [{"start": 4, "end": 12, "label": "Loaded_Language"},
                  {"start": 19, "end": 30, "label": "vague-attribution"},
                  {"start": 60, "end": 75, "label": ""},
                  {"start": 0, "end": 8, "label": "labeling", "part": "title"}],
           "a2": [{"start": 0, "end": 3, "label": "framing"}]}


def _same(key: Path, answers: Path) -> None:
    line = report_json(key, answers)
    assert line.endswith("}\n") and line.count("\n") == 1
    assert json.loads(line) == build_report(key, answers)


def test_the_sample_key() -> None:
    _same(GOOD / "sample.json", GOOD / "sample.answers.json")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDING, min_size=5, max_size=5), st.lists(st.booleans(), min_size=5,
                                                            max_size=5))
def test_any_wording_round_trips(explanations: list[str], optional: list[bool]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        key, answers = Path(folder) / "key.json", Path(folder) / "answers.json"
        key.write_text(json.dumps(_set(explanations, optional)), encoding="utf-8")
        answers.write_text(json.dumps(ANSWERS), encoding="utf-8")
        _same(key, answers)


def test_a_slot_that_does_not_fit_falls_back_to_dicts(monkeypatch: pytest.MonkeyPatch) -> None:
    # If anything in the report ever encoded like the verdicts' stand-in, the line would be
    # spliced wrongly: report_json then writes the dicts instead.
    monkeypatch.setattr(score_cmd, "_SLOT_JSON", ":")
    _same(GOOD / "sample.json", GOOD / "sample.answers.json")


def test_answers_that_cut_a_character_are_refused(tmp_path: Path) -> None:
    # The answers reader answers the usual boundary without a call to setcheck; a boundary
    # next to a combining mark or inside an emoji sequence still goes there.
    text = "Cafe\u0301 news 👩\u200d👩\u200d👧 again."
    raw = _set(["", "", "", "", ""], [False] * 5)
    article = raw["articles"][1]  # type: ignore[index]
    article["text"] = text
    key = tmp_path / "key.json"
    key.write_text(json.dumps(raw), encoding="utf-8")
    answers = tmp_path / "answers.json"
    cut = text.index("\u0301")
    family = text.index("\u200d")
    for start, end in ((0, cut), (cut + 1, family), (family + 1, len(text))):
        answers.write_text(json.dumps({"a2": [{"start": start, "end": end, "label": ""}]}),
                           encoding="utf-8")
        with pytest.raises(InvalidInput) as caught:
            build_report(key, answers)
        assert "cuts a character in two" in caught.value.problems[0].message
    answers.write_text(json.dumps({"a2": [{"start": 0, "end": cut + 1, "label": ""}]}),
                       encoding="utf-8")
    assert build_report(key, answers)["articles"]["a2"]["student"]["marks"] == 1
