"""Teachers' paper cuts (issue 9 item 14): mistakes a set author makes get a helpful answer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.mdfixtures import article, make_set
from trainer.core.errors import InvalidInput, Problem
from trainer.core.formats import load_set
from trainer.core.jsonset import parse_json_set

ROOT = Path(__file__).resolve().parent.parent
SAMPLE: dict[str, Any] = json.loads((ROOT / "tests/data/good/sample.json").read_text("utf-8"))


def problems_of(path: Path) -> list[str]:
    with pytest.raises(InvalidInput) as info:
        load_set(path)
    return [p.format() for p in info.value.problems]


def json_problems(raw: dict[str, Any]) -> list[str]:
    with pytest.raises(InvalidInput) as info:
        parse_json_set(json.dumps(raw).encode(), "set.json")
    return [p.format() for p in info.value.problems]


def trainer(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "trainer", *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=120)


def test_notepads_md_txt_is_warned_about(tmp_path: Path) -> None:
    root = make_set(tmp_path / "s", {"01-pool.md": article("Text.\n"),
                                     "02-library.md.txt": article("More text.\n")})
    warnings: list[Problem] = []
    assert len(load_set(root, warnings=warnings).articles) == 1
    assert [w.format() for w in warnings] == [
        f"{root}/02-library.md.txt: warning: this file is not read: article files must end in "
        ".md (rename it to 02-library.md; Notepad adds .txt unless you choose 'All files')"]
    result = trainer("validate", str(root))
    assert result.returncode == 0
    assert "02-library.md.txt: warning: this file is not read" in result.stderr


def test_a_folder_with_only_md_txt_files_says_why_it_has_no_articles(tmp_path: Path) -> None:
    root = make_set(tmp_path / "s", {"01-pool.md.txt": article("Text.\n")})
    result = trainer("validate", str(root))
    assert result.returncode == 1
    assert f"{root}: no article files (.md) in this folder" in result.stderr
    assert "01-pool.md.txt: warning: this file is not read" in result.stderr


@pytest.mark.parametrize(("why", "tip"), [
    ("“He said \"no\" twice.”", "”Ask the council.”"),
    ("„Nur ein Gerücht.“", "“Check the minutes.”"),
])
def test_typographic_quotes_around_values_are_accepted(tmp_path: Path, why: str,
                                                       tip: str) -> None:
    body = f"The [furious]{{.loaded-language why={why} tip={tip}}} swimmers.\n"
    loaded = load_set(make_set(tmp_path / "s", {"a.md": article(body)}))
    [annotation] = loaded.articles[0].annotations
    assert annotation.explanation == why[1:-1]
    assert annotation.tip == tip[1:-1]


def test_an_unclosed_typographic_quote_names_the_closing_quote(tmp_path: Path) -> None:
    body = "The [furious]{.loaded-language why=“never closed} swimmers.\n"
    [line] = problems_of(make_set(tmp_path / "s", {"a.md": article(body)}))
    assert "never closed with '”'" in line


def test_an_unknown_label_gets_did_you_mean() -> None:
    raw = json.loads(json.dumps(SAMPLE))
    raw["articles"][0]["annotations"][0]["label"] = "loaded-langauge"
    [line] = json_problems(raw)
    assert "unknown label 'loaded-langauge' (did you mean 'loaded-language'? or use" in line


def test_did_you_mean_knows_the_sets_own_techniques(tmp_path: Path) -> None:
    set_yaml = ("id: demo\ntitle: Demo\ntechniques:\n  - id: rumour\n    family: unverified\n"
                "    name: Rumour\n    definition: Hearsay.\n")
    body = "Word is [the pool will close]{.rumor why=\"x\"}.\n"
    [line] = problems_of(make_set(tmp_path / "s", {"a.md": article(body)}, set_yaml))
    assert "unknown label 'rumor' (did you mean 'rumour'?" in line


def test_markdown_problems_are_listed_in_file_order(tmp_path: Path) -> None:
    front = "id: a1\ntitle: T\nlevel: 7\ncolour: red\n"
    body = "Some [text]{.labeling optional=maybe} here.\n"
    root = make_set(tmp_path / "s", {"a.md": article(body, front),
                                     "b.md": article("[x]{.nope}\n", "id: a1\ntitle: U\n")})
    found = [line.split(": ", 1)[0] for line in problems_of(root)]
    assert found == [f"{root}/a.md:4:1", f"{root}/a.md:5:1", f"{root}/a.md:7:23",
                     f"{root}/b.md:1:1", f"{root}/b.md:2:1", f"{root}/b.md:5:5"]


def test_json_problems_are_listed_in_file_order() -> None:
    raw = json.loads(json.dumps(SAMPLE))
    raw["version"] = "two"  # near the top of the file
    raw["articles"][0]["level"] = 9
    paths = [line.split(": ")[1] for line in json_problems(raw)]
    assert paths == ["$.version", "$.articles[0].level"]


@pytest.mark.parametrize("content", ["", "\n\n  \n"])
def test_an_empty_md_file_says_it_is_empty(tmp_path: Path, content: str) -> None:
    root = make_set(tmp_path / "s", {"a.md": article("Text.\n"), "b.md": content})
    assert problems_of(root) == [
        f"{root}/b.md: the file is empty (write the front matter (id, title, level between "
        "'---' lines) and the article's text, or delete the file)"]


def test_level_4_gets_our_wording_and_the_range() -> None:
    raw = json.loads(json.dumps(SAMPLE))
    raw["articles"][1]["level"] = 4
    assert json_problems(raw) == [
        "set.json: $.articles[1].level: there is no level 4; the levels are 1 to 3 (1 is the "
        "easiest, 3 the hardest)"]


def test_a_set_with_no_articles_is_invalid(tmp_path: Path) -> None:
    assert json_problems({**SAMPLE, "articles": []}) == [
        "set.json: $.articles: the set has no articles (a set needs at least one article to "
        "practise on)"]
    root = make_set(tmp_path / "s", {})
    assert problems_of(root) == [
        f"{root}: no article files (.md) in this folder (a set needs at least one article: "
        "write one .md file per article next to set.yaml)"]


@pytest.mark.parametrize("field", ["title", "text"])
def test_a_blank_title_or_passage_is_refused_by_name(field: str) -> None:
    # A no-break space alone looks like nothing on screen, and a PTC export of it read back as
    # "the article is empty": such a set must not validate in the first place.
    raw = json.loads(json.dumps(SAMPLE))
    raw["articles"][0][field] = "\u00a0 "
    raw["articles"][0]["annotations"] = []
    raw["articles"][0].pop("notes", None)
    found = json_problems(raw)
    assert any(line.endswith(f"$.articles[0].{field}: is blank: write at least one visible "
               "character") for line in found), found
