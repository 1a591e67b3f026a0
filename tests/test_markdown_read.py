"""Reading the Markdown format: text rules, spans, and every bad-input message located."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.mdfixtures import SET_YAML, article, make_set
from trainer.core.errors import InvalidInput
from trainer.core.markdown import load_markdown_set
from trainer.core.model import ArticleSet


def load_one(tmp_path: Path, body: str, **kw: str) -> ArticleSet:
    return load_markdown_set(make_set(tmp_path / "s", {"a.md": article(body, **kw)}))


def problems(tmp_path: Path, files: dict[str, str], set_yaml: str = SET_YAML) -> list[str]:
    root = make_set(tmp_path / "s", files, set_yaml)
    with pytest.raises(InvalidInput) as info:
        load_markdown_set(root)
    prefix = f"{root}/"
    return [p.format().removeprefix(prefix) for p in info.value.problems]


def test_spans_paragraphs_and_literal_markdown(tmp_path: Path) -> None:
    body = ("\n\nThe *mayor* said <b>no</b> & [sources say]{.anonymous-source "
            "why=\"They \\\"say\\\" so\\\\\" tip='x'} it "
            "[is]{.vague-attribution .loaded-language optional=true}.\n"
            "Joined line.\n\n\nNew \\[para\\] with [a plain bracket\\\nand a hard break.\n\n")
    text_set = load_one(tmp_path, body.replace("tip='x'", 'tip="x"'))
    art = text_set.articles[0]
    assert art.text == ("The *mayor* said <b>no</b> & sources say it is. Joined line.\n\n"
                        "New [para] with [a plain bracket\nand a hard break.")
    first, second, third = art.annotations
    assert art.text[first.start:first.end] == "sources say"
    assert (first.label, first.explanation, first.tip) == (
        "anonymous-source", 'They "say" so\\', "x")
    assert art.text[second.start:second.end] == "is" and second.optional
    assert (second.label, third.label) == ("vague-attribution", "loaded-language")
    assert (third.start, third.end, third.optional) == (second.start, second.end, True)


def test_span_across_a_soft_break_and_emoji_offsets(tmp_path: Path) -> None:
    art = load_one(tmp_path, "😀 e\u0301 [two\n   words]{.labeling} end\n").articles[0]
    ann = art.annotations[0]
    assert art.text[ann.start:ann.end] == "two words"
    assert ann.start == 5  # code points: emoji, space, e, combining accent, space


def test_multiple_blocks_give_separate_explanations(tmp_path: Path) -> None:
    art = load_one(tmp_path, '[x]{.labeling why="a"}{.exaggeration why="b" optional=true}\n'
                   ).articles[0]
    assert [(a.label, a.explanation, a.optional) for a in art.annotations] == [
        ("labeling", "a", False), ("exaggeration", "b", True)]


def test_files_sorted_by_path_and_ignored_names(tmp_path: Path) -> None:
    files = {
        "b.md": article("B text\n", "id: b\ntitle: B\nlevel: 2\n"),
        "articles/a.md": article("A text\n", "id: a\ntitle: A\nlevel: 1\n"),
        "a-b.md": article("AB text\n", "id: ab\ntitle: AB\nlevel: 1\n"),
        "README.md": "not an article", "_draft.md": "nope", ".hidden/x.md": "nope",
        "_drafts/y.md": "nope", "notes.txt": "nope",
    }
    loaded = load_markdown_set(make_set(tmp_path / "s", files))
    assert [a.id for a in loaded.articles] == ["ab", "a", "b"]
    assert loaded.articles[2].level == 2


def test_yaml_text_fields_keep_what_was_written(tmp_path: Path) -> None:
    front = ("id: 2026\ntitle: 1984\nlevel: 1\nsource:\n  outlet: yes\n  date: 2026-03-14\n"
             "  url:\n")
    art = load_one(tmp_path, "Text.\n", front=front).articles[0]
    assert (art.id, art.title, art.source.outlet, art.source.date, art.source.url) == (
        "2026", "1984", "yes", "2026-03-14", "")


def test_crlf_and_bom_are_accepted(tmp_path: Path) -> None:
    root = make_set(tmp_path / "s", {})
    (root / "a.md").write_bytes(b"\xef\xbb\xbf" + article("One\r\n\r\nTwo [x]{.labeling}\r\n")
                                .replace("\n", "\r\n").replace("\r\r", "\r").encode())
    art = load_markdown_set(root).articles[0]
    assert art.text == "One\n\nTwo x"


@pytest.mark.parametrize(("body", "expected"), [
    ("Text [unclosed phrase{.loaded-language why=\"x\"} more.\n",
     "a.md:6:6: unclosed '[': the phrase has no ']' before its attributes"),
    ("Text [phrase] {.loaded-language} more.\n",
     "a.md:6:13: a space between ']' and '{' (the span is not recognised)"),
    ("Start [a [b]{.labeling} c]{.exaggeration} end.\n",
     "a.md:6:26: found ']{' without a matching '[' before it"),
    ("Text [phrase]{.loaded-language why=\"never closed} more.\n\nNext para.\n",
     "a.md:6:36: unbalanced quotes: the value of why= that starts here is never closed"),
    ('Text [phrase]{.loaded-language why="a"b" tip="c"} more.\n',
     "a.md:6:36: unbalanced quotes: the value of why= that starts here ends at a '\"' "
     "followed by 'b'"),
    ("Line one.\nText [phrase]{.not-a-technique} more.\n",
     "a.md:7:15: unknown label 'not-a-technique'"),
    ("Text [phrase]{why=\"no class\"} more.\n", "a.md:6:14: this span has no technique class"),
    ("Text [phrase]{.labeling colour=\"red\"} more.\n", "a.md:6:25: unknown attribute 'colour'"),
    ("Text [phrase]{.labeling optional=maybe} more.\n",
     "a.md:6:25: optional=maybe is not true or false"),
    ("Text [phrase]{.labeling why=\"a\" why=\"b\"} more.\n",
     "a.md:6:33: why is given twice in this span"),
    ("Text [phrase]{.labeling\n", "a.md:6:14: the attributes opened by '{' are never closed"),
    ("Text []{.labeling} more.\n", "a.md:6:6: span is empty"),
    ("Text [e\u0301]{.labeling} [\u0301x]{.labeling}.\n",
     "a.md:6:22: start 8 cuts a character in two"),
])
def test_body_problems_are_located(tmp_path: Path, body: str, expected: str) -> None:
    found = problems(tmp_path, {"a.md": article(body)})
    assert any(p.startswith(expected) for p in found), found


@pytest.mark.parametrize(("content", "expected"), [
    ("No front matter here.\n", "a.md:1:1: the file must start with a line '---'"),
    ("---\nid: a1\ntitle: T\nlevel: 1\nText never closed.\n",
     "a.md:1:1: the front matter opened here is never closed with '---'"),
    ("---\nid: a1\ntitle: [unclosed\nlevel: 1\n---\nText.\n", "a.md:4:6: bad YAML:"),
    ("---\nid: a1\n  title: T\n---\nText.\n", "a.md:3:8: bad YAML:"),
    ("---\nid: a1\nlevel: 1\n---\nText.\n", "a.md:1:1: the front matter has no 'title'"),
    ("---\ntitle: T\nlevel: 1\n---\nText.\n", "a.md:1:1: the front matter has no 'id'"),
    ("---\nid: a1\ntitle: T\n---\nText.\n", "a.md:1:1: the front matter has no 'level'"),
    ("---\nid: a1\ntitle: T\nlevel: 4\n---\nText.\n",
     "a.md:4:1: level: there is no level 4; the levels are 1 to 3 (1 is the easiest, 3 the "
     "hardest)"),
    ("---\nid: a1\ntitle: T\nlevel: 1\nauthor: me\n---\nText.\n",
     "a.md:5:1: author: unknown field"),
    ("---\nid: a1\ntitle: T\ntitle: U\nlevel: 1\n---\nText.\n",
     "a.md:4:1: 'title' is given twice"),
    ("---\nid: bad id!\ntitle: T\nlevel: 1\n---\nText.\n", "a.md:2:1: id: String should match"),
    ("---\nid: a1\ntitle: T\nlevel: 1\n---\n\n\n",
     "a.md:6:1: the article has no text after the front matter"),
])
def test_front_matter_problems_are_located(tmp_path: Path, content: str, expected: str) -> None:
    found = problems(tmp_path, {"a.md": content})
    assert any(p.startswith(expected) for p in found), found


def test_duplicate_ids_point_at_the_second_file(tmp_path: Path) -> None:
    found = problems(tmp_path, {"a.md": article("One.\n"), "b.md": article("Two.\n")})
    expected = "b.md:2:1: id: duplicate article id 'a1' (also used by a.md)"
    assert any(p.startswith(expected) for p in found), found


def test_every_problem_in_every_file_is_reported(tmp_path: Path) -> None:
    found = problems(tmp_path, {"a.md": article("[x]{.nope} and [y]{.nada}\n"),
                                "b.md": "no front matter"})
    assert len([p for p in found if "unknown label" in p]) == 2
    assert any(p.startswith("b.md:1:1:") for p in found)


@pytest.mark.parametrize(("set_yaml", "expected"), [
    ("id: demo\ntitle: [oops\n", "set.yaml:3:1: bad YAML:"),
    ("id: demo\n", "set.yaml:1:1: title: required field is missing"),
    ("id: demo\ntitle: T\nformat: something-else\n", "set.yaml:3:1: format is 'something-else'"),
    ("id: demo\ntitle: T\nlevel: {min: 0}\n",
     "set.yaml:3:9: level.min: there is no level 0; the levels are 1 to 3"),
    ("id: demo\ntitle: T\narticles: []\n", "set.yaml:3:1: set.yaml cannot list articles"),
    ("id: demo\ntitle: T\ntechniques:\n  - id: rumour\n    family: gossip\n",
     "set.yaml:5:5: techniques[0].family: Input should be"),
    ("- just\n- a list\n", "set.yaml:1:1: set.yaml must be fields"),
    ("id: demo\ntitle: !!python/object:os.system x\n", "set.yaml:2:8: unsupported YAML tag"),
])
def test_set_yaml_problems_are_located(tmp_path: Path, set_yaml: str, expected: str) -> None:
    found = problems(tmp_path, {"a.md": article("Text.\n")}, set_yaml)
    assert any(p.startswith(expected) for p in found), found


def test_extra_technique_from_set_yaml_is_a_valid_class(tmp_path: Path) -> None:
    set_yaml = SET_YAML + ("techniques:\n  - id: rumour\n    family: unverified\n"
                           "    name: Rumour\n    definition: Hearsay.\n")
    root = make_set(tmp_path / "s", {"a.md": article("A [rumour]{.rumour}.\n")}, set_yaml)
    loaded = load_markdown_set(root)
    assert loaded.articles[0].annotations[0].label == "rumour"
    assert loaded.techniques[0].name == "Rumour"


def test_missing_set_yaml(tmp_path: Path) -> None:
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "set.yml").write_text("id: x\n")
    from trainer.core.markdown.reader import load_markdown_folder

    with pytest.raises(InvalidInput) as info:
        load_markdown_folder(tmp_path / "s", "s")
    assert info.value.problems[0].format() == (
        "s: no set.yaml in this folder (rename set.yml to set.yaml)")


def test_the_bundled_starter_library_loads() -> None:
    from trainer.core.resources import resource_path

    starter = load_markdown_set(resource_path("starter"))
    assert starter.articles and all(a.text for a in starter.articles)
