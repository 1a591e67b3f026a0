"""Article-set format version 2: headline spans, good-practice notes, source cards.

Version 1 files keep loading unchanged; every new field has located messages for bad input.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.mdfixtures import article, make_set
from tests.setgen import canonical
from trainer.core.errors import InvalidInput
from trainer.core.formats import load_set, save_set
from trainer.core.jsonset import dump_json_set, load_json_set, parse_json_set
from trainer.core.markdown import load_markdown_set, markdown_files

GOOD = Path(__file__).parent / "data" / "good"
SET_V2 = """\
format: trainer.article-set
format_version: 2
id: demo
title: Demo set
"""
TITLE = ("title: '[Council rams through]{.loaded-language why=\"Rams through turns a vote into "
         "force.\"} bus plan'\n")
BODY = ("The council approved the plan on Monday, "
        "[according to the minutes published on 3 May]{.good-practice why=\"Names the "
        "document a reader could look up.\"}. [Critics say]{.vague-attribution why=\"Who?\" "
        "tip=\"Open the Look it up panel: Harbour Gazette.\"} it is a disaster.\n")
CARD = """\
---
id: harbour-gazette
name: The Harbour Gazette
kind: outlet
aliases: [Gazette, HG]
---
A weekly local paper founded in 1962.

Owned by a readers' cooperative\\
since 2001.
"""


def _v2_folder(root: Path, card: str = CARD, set_yaml: str = SET_V2) -> Path:
    files = {"articles/a1.md": article(BODY, front=f"id: a1\n{TITLE}level: 2\n"),
             "sources/001-harbour-gazette.md": card}
    return make_set(root, files, set_yaml)


def test_a_version_1_file_loads_and_is_written_back_as_version_1(tmp_path: Path) -> None:
    old = load_json_set(GOOD / "sample.json")
    assert old.format_version == 1 and old.written_version() == 1
    assert all(a.part == "text" for art in old.articles for a in art.annotations)
    data = json.loads(dump_json_set(old))
    assert data["format_version"] == 1 and "sources" not in data
    for art in data["articles"]:
        assert "notes" not in art
        assert all("part" not in ann for ann in art["annotations"])
    assert parse_json_set(dump_json_set(old).encode(), "again.json") == old


def test_markdown_headline_spans_notes_and_cards(tmp_path: Path) -> None:
    article_set = load_markdown_set(_v2_folder(tmp_path / "s"))
    assert article_set.format_version == 2
    [art] = article_set.articles
    assert art.title == "Council rams through bus plan"
    headline = [a for a in art.annotations if a.part == "title"]
    assert [(art.title[a.start:a.end], a.label) for a in headline] == [
        ("Council rams through", "loaded-language")]
    [text_span] = [a for a in art.annotations if a.part == "text"]
    assert art.text[text_span.start:text_span.end] == "Critics say"
    [note] = art.notes
    assert (note.part, art.text[note.start:note.end], note.why) == (
        "text", "according to the minutes published on 3 May",
        "Names the document a reader could look up.")
    [card] = article_set.sources
    assert (card.id, card.name, card.kind, card.aliases) == (
        "harbour-gazette", "The Harbour Gazette", "outlet", ["Gazette", "HG"])
    assert card.text == ("A weekly local paper founded in 1962.\n\n"
                         "Owned by a readers' cooperative\nsince 2001.")


def test_markdown_json_markdown_keeps_everything(tmp_path: Path) -> None:
    first = load_markdown_set(_v2_folder(tmp_path / "s"))
    save_set(first, tmp_path / "set.json")
    data = json.loads((tmp_path / "set.json").read_text("utf-8"))
    assert data["format_version"] == 2
    assert data["articles"][0]["notes"][0]["part"] == "text"
    assert load_set(tmp_path / "set.json") == first
    files = markdown_files(first)
    assert "sources/001-harbour-gazette.md" in files
    save_set(first, tmp_path / "again")
    assert load_set(tmp_path / "again") == first


def test_headline_span_on_a_title_in_a_note(tmp_path: Path) -> None:
    front = ("id: a1\ntitle: '[Record turnout]{.good-practice why=\"The figure is in the "
             "returning officer''s count.\"} at by-election \\\\'\nlevel: 1\n")
    root = make_set(tmp_path / "s", {"a.md": article("Text.\n", front=front)}, SET_V2)
    [art] = load_markdown_set(root).articles
    assert art.title == "Record turnout at by-election \\"
    assert [(n.part, art.title[n.start:n.end]) for n in art.notes] == [
        ("title", "Record turnout")]


def test_a_folder_without_format_version_becomes_version_2_when_it_needs_it(
        tmp_path: Path) -> None:
    plain = SET_V2.replace("format_version: 2\n", "")
    assert load_markdown_set(_v2_folder(tmp_path / "s", set_yaml=plain)).format_version == 2


def _problems(root: Path) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        load_markdown_set(root)
    return [p.format().removeprefix(f"{root}/") for p in caught.value.problems]


def test_bad_markdown_v2_input_is_located(tmp_path: Path) -> None:
    bad_title = ("title: '[Council rams]{.loaded-language colour=\"red\"} plan'\n")
    body = ('Plan [named]{.good-practice tip="no"} and [unnamed]{.good-practice} and '
            '[off]{.no-such-technique}.\n')
    files = {
        "articles/a1.md": article(body, front=f"id: a1\n{bad_title}level: 1\n"),
        "sources/a.md": "---\nid: a\nname: A\nkind: blog\n---\nText.\n",
        "sources/b.md": "---\nid: b\nkind: person\n---\nSee [x]{.labeling}.\n",
        "sources/c.md": "---\nid: a\nname: C\nkind: person\naliases: ['']\n---\nText.\n",
    }
    found = _problems(make_set(tmp_path / "s", files, SET_V2))
    assert found == [  # in file order (issue 9 item 14)
        "articles/a1.md:3:41: unknown attribute 'colour' (use why=\"…\", tip=\"…\" or "
        "optional=true)",
        "articles/a1.md:6:14: notes[0].why: required field is missing",
        "articles/a1.md:6:29: a good-practice note takes only why=, not tip= (put the technique "
        "class in its own {…} block if the phrase is also a key span)",
        "articles/a1.md:6:53: notes[1].why: required field is missing",
        "articles/a1.md:6:79: unknown label 'no-such-technique' (use a technique or family id "
        "from the taxonomy, or declare it under the set's \"techniques\")",
        "sources/a.md:4:1: kind: Input should be 'outlet', 'person', 'organisation' or "
        "'document' (write one of the values named)",
        "sources/b.md:1:1: the front matter has no 'name' (add 'name: …' with the name a reader "
        "would search for)",
        "sources/b.md:5:5: a source card cannot mark spans (write \\[ and \\] for literal "
        "brackets)",
        "sources/c.md:2:1: id: duplicate source card id 'a' (also used by a.md) (give every "
        "card its own id)",
        "sources/c.md:5:11: aliases[0]: must not be empty",
    ]


def test_a_version_1_folder_using_notes_is_told_to_say_version_2(tmp_path: Path) -> None:
    set_yaml = SET_V2.replace("format_version: 2", "format_version: 1")
    found = _problems(_v2_folder(tmp_path / "s", set_yaml=set_yaml))
    hint = ' (write "format_version": 2 at the top of the set)'
    assert found == [  # in file order (issue 9 item 14)
        "articles/a1.md:3:9: headline spans need format_version 2 (the file says 1)" + hint,
        "articles/a1.md:6:42: notes: good-practice notes need format_version 2 (the file says "
        "1)" + hint,
        "sources/001-harbour-gazette.md:1:1: sources: source cards need format_version 2 (the "
        "file says 1)" + hint,
    ]


def test_validate_and_convert_cli_handle_version_2(tmp_path: Path) -> None:
    folder = _v2_folder(tmp_path / "s")
    env_root = str(Path(__file__).parents[1])
    run = [sys.executable, "-m", "trainer"]
    ok = subprocess.run([*run, "validate", str(folder)], capture_output=True, text=True,
                        cwd=env_root, timeout=120)
    assert ok.returncode == 0, ok.stderr
    out = tmp_path / "out.json"
    done = subprocess.run([*run, "convert", str(folder), str(out)], capture_output=True,
                          text=True, cwd=env_root, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text("utf-8"))["sources"][0]["aliases"] == ["Gazette", "HG"]


def test_the_set_editor_keeps_headline_spans_notes_and_cards(tmp_path: Path) -> None:
    from trainer.ui.teacher.editor.draft import SetDraft, draft_from_raw

    original = load_markdown_set(_v2_folder(tmp_path / "s"))
    draft = SetDraft.from_set(original)
    assert [a.part for a in draft.articles[0].annotations] == ["text"]  # the editable ones
    again = parse_json_set(json.dumps(draft.to_raw()).encode(), "draft.json")
    assert canonical(again) == canonical(original)  # annotation order aside
    reopened = draft_from_raw(draft.to_raw()).to_raw()
    assert canonical(parse_json_set(json.dumps(reopened).encode(), "raw.json")) == canonical(
        original)
    old = load_json_set(GOOD / "sample.json")
    assert SetDraft.from_set(old).to_raw()["format_version"] == 1
