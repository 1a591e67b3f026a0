"""Teacher-facing messages found by QA: one message per mistake, and a clear one for UTF-16."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.mdfixtures import article, make_set
from trainer.core.errors import InvalidInput
from trainer.core.markdown import load_markdown_set


def problems(root: Path) -> list[str]:
    with pytest.raises(InvalidInput) as info:
        load_markdown_set(root)
    return [p.format().removeprefix(f"{root}/") for p in info.value.problems]


@pytest.mark.parametrize("key", ["id", "title", "level"])
def test_a_missing_front_matter_field_is_reported_once(tmp_path: Path, key: str) -> None:
    front = "".join(line + "\n" for line in ("id: a1", "title: T", "level: 1")
                    if not line.startswith(key + ":"))
    found = problems(make_set(tmp_path / "s", {"a.md": article("Text.\n", front)}))
    assert len(found) == 1, found
    assert found[0].startswith(f"a.md:1:1: the front matter has no '{key}'"), found


def test_an_unbalanced_quote_is_one_problem_not_one_per_word(tmp_path: Path) -> None:
    body = ('[Furious]{.loaded-language why="Chosen for effect. tip="Swap in a neutral '
            'word: does it change?"} swimmers say so.\n')
    found = problems(make_set(tmp_path / "s", {"a.md": article(body)}))
    assert len(found) == 1, found
    assert found[0].startswith("a.md:6:32: unbalanced quotes: the value of why="), found


def test_a_later_span_in_the_paragraph_is_still_checked(tmp_path: Path) -> None:
    body = ('[a]{.labeling why="x"y"} and [b]{.nope} end.\n')
    found = problems(make_set(tmp_path / "s", {"a.md": article(body)}))
    assert len(found) == 2, found
    assert "unknown label 'nope'" in found[1], found


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("name", ["set.yaml", "a.md"])
def test_utf16_without_bom_is_named(tmp_path: Path, encoding: str, name: str) -> None:
    root = make_set(tmp_path / "s", {"a.md": article("Text.\n")})
    path = root / name
    path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))
    found = problems(root)
    assert len(found) == 1, found
    assert found[0].startswith(f"{name}:1:") and "UTF-16" in found[0], found
    assert "save the file as UTF-8" in found[0], found



def test_a_zip_with_two_folders_says_what_it_holds(tmp_path: Path) -> None:
    import zipfile

    make_set(tmp_path / "one", {"a.md": article("Text.\n")})
    make_set(tmp_path / "two", {"a.md": article("Text.\n")})
    archive = tmp_path / "sets.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for file in sorted(tmp_path.rglob("*")):
            if file.is_file() and file != archive:
                zf.write(file, file.relative_to(tmp_path).as_posix())
    with pytest.raises(InvalidInput) as info:
        load_markdown_set(archive)
    message = info.value.problems[0].format()
    assert "this folder" not in message
    assert "one/, two/" in message and "one set per .zip" in message


def test_an_empty_title_says_so_in_plain_words() -> None:
    import json

    from trainer.core.jsonset import parse_json_set

    raw = {"format": "trainer.article-set", "format_version": 1, "id": "s", "title": "",
           "articles": [{"id": "a", "title": "A", "text": "Text."}]}
    with pytest.raises(InvalidInput) as info:
        parse_json_set(json.dumps(raw).encode(), "set.json")
    [problem] = info.value.problems
    assert problem.format() == "set.json: $.title: must not be empty (write the text, e.g. a title)"
