"""The corpus of bad article-set files in tests/data/bad: every message, where it belongs."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from trainer.core.errors import InvalidInput
from trainer.core.formats import load_set
from trainer.core.jsonset import MAX_FILE_BYTES

BAD = Path(__file__).parent / "data" / "bad"
GOOD = Path(__file__).parent / "data" / "good"

# file -> [(where, text expected in the message)], one entry per problem, in file order.
EXPECTED: dict[str, list[tuple[str, str]]] = {
    "not-json.json": [("3:23", "not valid JSON: Expecting property name")],
    "truncated.json": [("16:6", "not valid JSON: the file ends too early")],
    "not-utf8.json": [("6:16", "not valid UTF-8: byte 0xe9 cannot be read")],
    "utf16.json": [("1:1", "not valid UTF-8 (it is UTF-16)")],
    "empty.json": [("", "file is empty")],
    "whitespace.json": [("", "file is empty")],
    "deep-nesting.json": [("", "not valid JSON: nested too deeply")],
    "top-level-list.json": [("$", "the top level must be an object")],
    "wrong-format.json": [("$.format", "\"format\" is 'trainer.quiz'")],
    "no-format.json": [("$", 'the "format" field is missing')],
    "future-version.json": [("$.format_version", "unsupported format_version 3")],
    "missing-fields.json": [
        ("$.articles[0].text", "required field is missing"),
        ("$.articles[1].annotations[0].label", "required field is missing"),
        ("$.id", "required field is missing"),
        ("$.title", "required field is missing"),
    ],
    "mistyped-fields.json": [
        ("$.version", "valid integer"),
        ("$.articles[0].level", "valid integer"),
        ("$.articles[0].annotations[0].optional", "valid boolean (write true or false"),
        ("$.articles[0].annotations[1].start", "valid integer (write a whole number"),
        ("$.articles[1].title", "valid string"),
        ("$.articles[2].annotations", "valid list"),
    ],
    "unknown-fields.json": [
        ("$.articles[0].annotations[0].lable", "unknown field"),
        ("$.colour", "unknown field"),
    ],
    "bad-values.json": [
        ("$.id", "should match pattern"),
        ("$.language", "BCP 47 language tag"),
        ("$.articles[0].level", "there is no level 4; the levels are 1 to 3 (1 is the easiest"),
    ],
    "duplicate-ids.json": [
        ("$.articles[2].id", "duplicate article id 'a1' (also used by $.articles[0])"),
        ("$.articles[3].id", "duplicate article id 'a2' (also used by $.articles[1])"),
    ],
    "offsets.json": [
        ("$.articles[0].annotations[0].end",
         "end 500 is past the end of the text (135 characters)"),
        ("$.articles[0].annotations[1].end", "span is inverted: end 85 is before start 90"),
        ("$.articles[0].annotations[2].end", "span is empty (start = end = 40)"),
        ("$.articles[2].annotations[0].start", "start -3 is negative"),
        ("$.articles[2].annotations[1].end", "end 210 is past the end of the text (73 characters)"),
    ],
    "unknown-labels.json": [
        ("$.articles[0].annotations[0].label", "unknown label 'anonymous-sauce'"),
        ("$.articles[0].annotations[1].label", "unknown label 'Framing'"),
    ],
    "cut-combining.json": [("$.articles[1].annotations[0].start", "start 8 cuts a character")],
    "cut-zwj.json": [
        ("$.articles[1].annotations[0].start", "start 17 cuts a character"),
        ("$.articles[1].annotations[1].end", "end 18 cuts a character"),
    ],
    "cut-flag.json": [("$.articles[1].annotations[0].start", "start 26 cuts a character")],
    "lone-surrogate.json": [("$.articles[2].text", "unpaired surrogate U+D83D at offset 7")],
    "control-chars.json": [
        ("$.articles[2].text", "control character U+0000 at offset 4"),
        ("$.articles[2].text", "control character U+001B at offset 22"),
        ("$.articles[2].text", "control character U+000D at offset 31"),
    ],
    "multi-problem.json": [
        ("$.articles[0].annotations[0].end", "valid integer"),
        ("$.articles[1].id", "duplicate article id 'a1'"),
        ("$.articles[1].text", "control character U+0007 at offset 4"),
        ("$.articles[1].annotations[0].end", "end 99 is past the end of the text (10 characters)"),
        ("$.articles[1].annotations[0].label", "unknown label 'nonsense'"),
        ("$.articles[1].annotations[1].end", "span is inverted: end 2 is before start 6"),
        ("$.articles[2].annotations[0].colour", "unknown field"),
        ("$.title", "required field is missing"),
    ],
    "v2-fields.json": [
        ("$.articles[0].annotations[1].end", "end 40 is past the end of the title (25 characters)"),
        ("$.articles[0].annotations[2].part", "Input should be 'text' or 'title'"),
        ("$.articles[0].annotations[3].label", "goes under the article's \"notes\""),
        ("$.articles[1].notes[1].why", "required field is missing"),
        ("$.articles[1].notes[2].why", "must not be empty"),
        ("$.articles[1].notes[3].end", "span is inverted: end 20 is before start 30"),
        ("$.articles[1].notes[4].end", "end 99 is past the end of the title"),
        ("$.articles[1].notes[5].tip", "unknown field"),
        ("$.sources[1].id", "duplicate source card id 'gazette' (also used by $.sources[0])"),
        ("$.sources[2].id", "should match pattern"),
        ("$.sources[2].name", "must not be empty"),
        ("$.sources[2].kind", "'outlet', 'person', 'organisation' or 'document'"),
        ("$.sources[2].aliases[0]", "must not be empty"),
        ("$.sources[3].text", "required field is missing"),
        ("$.sources[4].text", "control character U+0007 at offset 4"),
        ("$.sources[4].url", "unknown field"),
    ],
    "v1-with-v2-fields.json": [
        ("$.articles[0].annotations[0].part", "headline spans need format_version 2"),
        ("$.articles[0].notes", "good-practice notes need format_version 2 (the file says 1)"),
        ("$.sources", "source cards need format_version 2"),
    ],
}


def _where(problem_line: str, file: str) -> str:
    rest = problem_line[len(file):]
    if match := re.match(r":(\d+:\d+): ", rest):
        return match.group(1)
    if match := re.match(r": (\$\S*): ", rest):
        return match.group(1)
    return ""


def test_corpus_is_fully_covered() -> None:
    assert sorted(p.name for p in BAD.glob("*.json")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_reports_each_problem(name: str) -> None:
    path = BAD / name
    with pytest.raises(InvalidInput) as caught:
        load_set(path)
    lines = [p.format() for p in caught.value.problems]
    assert len(lines) == len(EXPECTED[name]), "\n".join(lines)
    for line, (where, text) in zip(lines, EXPECTED[name], strict=True):
        assert line.startswith(str(path)), line
        assert _where(line, str(path)) == where, line
        assert text in line, line


def test_every_problem_has_a_hint_or_a_location() -> None:
    for name in EXPECTED:
        with pytest.raises(InvalidInput) as caught:
            load_set(BAD / name)
        for problem in caught.value.problems:
            assert problem.line is not None or problem.path or problem.hint, problem


@pytest.mark.parametrize("name", ["sample.json", "bom.json", "ascii-escaped.json"])
def test_good_files_load(name: str) -> None:
    article_set = load_set(GOOD / name)
    assert [a.id for a in article_set.articles] == ["a1", "a2", "clean-1"]
    assert article_set.articles[1].title == "Café 👩‍🔬 science"


def test_oversized_file_is_refused_without_reading(tmp_path: Path) -> None:
    big = tmp_path / "huge.json"
    with big.open("wb") as handle:  # sparse: no 50 MB actually written
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(InvalidInput) as caught:
        load_set(big)
    (problem,) = caught.value.problems
    assert "more than the 50 MB limit" in problem.message
    assert problem.hint == "split the set into smaller files"


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as caught:
        load_set(tmp_path / "nope.json")
    assert "no such file" in caught.value.problems[0].message


def _trainer(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    return subprocess.run([sys.executable, "-m", "trainer", *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, cwd=cwd, timeout=120)


def test_validate_cli_reports_every_problem_of_every_file(tmp_path: Path) -> None:
    big = tmp_path / "huge.json"
    with big.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    files = [str(BAD / name) for name in sorted(EXPECTED)] + [str(big), str(GOOD / "bom.json")]
    result = _trainer("validate", *files)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    expected_count = sum(len(v) for v in EXPECTED.values()) + 1
    problem_lines, summary = lines[:-1], lines[-1]
    assert len(problem_lines) == expected_count
    assert summary == f"{expected_count} problem(s) in {len(EXPECTED) + 1} of {len(files)} file(s)"
    pattern = re.compile(r"^(?P<file>[^:]+)(:\d+:\d+|: \$\S*)?: \S.*$")
    for line in problem_lines:
        assert pattern.match(line), line
    for name, expected in EXPECTED.items():
        mine = [line for line in problem_lines if line.startswith(str(BAD / name) + ":")]
        assert len(mine) == len(expected), name
    assert f"{GOOD / 'bom.json'}: OK" in result.stdout


def test_validate_cli_ok() -> None:
    result = _trainer("validate", str(GOOD / "sample.json"), str(GOOD / "bom.json"))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "sample.json: OK — 'Sample set', 3 articles, 5 key spans" in result.stdout
    assert result.stdout.splitlines()[-1] == "2 file(s) valid"


def test_a_title_with_a_line_break_is_refused_with_its_path() -> None:
    from trainer.core.errors import InvalidInput
    from trainer.core.jsonset import parse_json_set

    raw = {"format": "trainer.article-set", "format_version": 1, "id": "s", "title": "Set",
           "articles": [{"id": "a", "title": "Two\nlines", "text": "Some text."}]}
    with pytest.raises(InvalidInput) as caught:
        parse_json_set(json.dumps(raw).encode(), "t.json")
    [problem] = caught.value.problems
    assert problem.path == "$.articles[0].title"
    assert "one line" in problem.message


def test_a_span_may_start_right_after_a_line_break_before_a_joiner() -> None:
    from trainer.core.setcheck import boundary_splits_character

    # Unicode never joins across a line break, so this is a real character boundary.
    assert not boundary_splits_character("title\n\u200dtext", 6)
    assert boundary_splits_character("a\u200db", 2)
