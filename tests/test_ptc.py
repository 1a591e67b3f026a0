"""PTC layout: technique table, label layouts, offsets, and every bad-row message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import assume, given, settings

from tests.setgen import article_sets, canonical
from trainer.core.errors import InvalidInput
from trainer.core.model import ArticleSet
from trainer.core.ptc import load_ptc_folder, ptc_table, write_ptc_folder
from trainer.core.resources import resource_path
from trainer.core.taxonomy import default_taxonomy

SEMEVAL_2020 = [
    "Loaded_Language", "Name_Calling,Labeling", "Repetition", "Exaggeration,Minimisation",
    "Doubt", "Appeal_to_fear-prejudice", "Flag-Waving", "Causal_Oversimplification", "Slogans",
    "Appeal_to_Authority", "Black-and-White_Fallacy", "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring", "Bandwagon,Reductio_ad_hitlerum",
]
BEFORE_MERGING = ["Whataboutism", "Straw_Men", "Red_Herring", "Bandwagon", "Reductio_ad_hitlerum",
                  "Obfuscation,Intentional_Vagueness,Confusion"]
TEXT = "Headline 😀 here\n\nThe corrupt elites lied again.\n"


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8", newline="")
    return folder


def problems(folder: Path) -> list[str]:
    with pytest.raises(InvalidInput) as info:
        load_ptc_folder(folder)
    return [p.format().removeprefix(f"{folder}/") for p in info.value.problems]


def test_every_semeval_name_maps_to_a_label_with_a_reason() -> None:
    raw = json.loads(resource_path("ptc_techniques.json").read_text(encoding="utf-8"))
    taxonomy = default_taxonomy()
    table = ptc_table()
    for name in SEMEVAL_2020 + BEFORE_MERGING:
        label = table.to_label[name.lower()]
        assert taxonomy.is_label(label) or label in table.techniques, name
    for technique in table.techniques.values():  # a set-defined technique, in one of our families
        assert not taxonomy.is_label(technique.id) and technique.family in taxonomy.families
    assert all(len(entry["why"]) > 20 for entry in raw["techniques"])
    assert taxonomy.is_label(raw["span_only_label"])


def test_technique_labels_two_techniques_and_code_point_offsets(tmp_path: Path) -> None:
    start = TEXT.index("corrupt elites")
    end = start + len("corrupt elites")
    folder = write(tmp_path / "ptc", {
        "article111.txt": TEXT,
        "article111.task-flc-tc.labels": f"111\tLoaded_Language\t{start}\t{end}\n"
                                         f"111\tName_Calling,Labeling\t{start}\t{end}\n",
        "article111.task-si.labels": f"111\t{start}\t{end}\n",
    })
    art = load_ptc_folder(folder).articles[0]
    assert art.id == "111" and art.title == "Headline 😀 here" and art.text == TEXT
    assert [(a.label, art.text[a.start:a.end]) for a in art.annotations] == [
        ("loaded-language", "corrupt elites"), ("labeling", "corrupt elites")]
    assert start == 21  # the emoji is one code point; the title line is counted


def test_span_only_labels_get_the_family(tmp_path: Path) -> None:
    folder = write(tmp_path / "ptc", {"article7.txt": TEXT, "article7.task-si.labels": "7\t0\t8\n"})
    ann = load_ptc_folder(folder).articles[0].annotations[0]
    assert (ann.label, ann.start, ann.end) == (ptc_table().span_only_label, 0, 8)


def test_combined_labels_file_and_crlf_offsets(tmp_path: Path) -> None:
    crlf = TEXT.replace("\n", "\r\n")
    start = crlf.index("elites")
    folder = write(tmp_path / "ptc", {
        "article1.txt": crlf, "article2.txt": "Clean title\n\nNothing to see.\n",
        "train-task-flc-tc.labels": f"1\tDoubt\t{start}\t{start + 6}\n",
    })
    loaded = load_ptc_folder(folder)
    first = loaded.articles[0]
    ann = first.annotations[0]
    assert first.text[ann.start:ann.end] == "elites" and ann.label == "doubt-casting"
    assert loaded.articles[1].annotations == []


@pytest.mark.parametrize(("labels", "expected"), [
    ("1\tLoaded_Language\t3\n", "article1.task-flc-tc.labels:1:3: a row with 3 columns must be "
                                "ID, start, end, but column 2 is 'Loaded_Language'"),
    ("1\tDoubt\t3\t5\t9\n", "article1.task-flc-tc.labels:1:1: expected 3 columns (ID, start, "
                           "end) or 4 (ID, technique, start, end) separated by tabs, found 5"),
    ("1 Loaded_Language 3 5\n", "article1.task-flc-tc.labels:1:1: expected 3 columns"),
    ("1\tLoaded_Language\tthree\t5\n",
     "article1.task-flc-tc.labels:1:19: offset 'three' is not a whole number"),
    ("1\tLoaded_Language\t3\t500\n",
     "article1.task-flc-tc.labels:1:21: end 500 is past the end of article1.txt (48 characters)"),
    ("1\tLoaded_Language\t9\t3\n", "article1.task-flc-tc.labels:1:21: span 9-3 is empty"),
    ("\n1\tPropaganda_Magic\t3\t5\n",
     "article1.task-flc-tc.labels:2:3: unknown PTC technique 'Propaganda_Magic'"),
    ("9\tDoubt\t3\t5\n", "article1.task-flc-tc.labels:1:1: no article9.txt for this row"),
])
def test_bad_rows(tmp_path: Path, labels: str, expected: str) -> None:
    folder = write(tmp_path / "ptc", {"article1.txt": TEXT,
                                      "article1.task-flc-tc.labels": labels})
    found = problems(folder)
    assert any(p.startswith(expected) for p in found), found


def test_article_without_labels_file(tmp_path: Path) -> None:
    folder = write(tmp_path / "ptc", {"article1.txt": TEXT, "article2.txt": TEXT,
                                      "article1.task-si.labels": ""})
    assert problems(folder) == ["article2.txt: this article has no labels file (add "
                                "article2.task2-TC.labels (it may be empty for an article "
                                "without spans))"]


def test_no_labels_at_all_and_empty_article(tmp_path: Path) -> None:
    folder = write(tmp_path / "ptc", {"article1.txt": " \n\n"})
    found = problems(folder)
    assert any(p.startswith(f"{folder}: no .labels files") for p in found), found
    assert "article1.txt:1:1: the article is empty" in found


def test_span_cutting_a_character_is_reported_against_the_article(tmp_path: Path) -> None:
    folder = write(tmp_path / "ptc", {"article1.txt": "Cafe\u0301 title\n",
                                      "article1.labels": "1\tDoubt\t0\t4\n"})
    assert any(p.startswith("article1.txt: annotations[0].end: end 4 cuts a character")
               for p in problems(folder))


@settings(max_examples=40, deadline=None)
@given(article_sets())
def test_export_then_import_keeps_text_and_labels(article_set: ArticleSet) -> None:
    import tempfile

    assume(article_set.articles)  # a PTC folder needs at least one article file
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "out"
        write_ptc_folder(article_set, folder)
        again = load_ptc_folder(folder)
    assert [a.id for a in again.articles] == sorted(
        (a.id for a in article_set.articles),
        key=lambda i: (0, int(i), i) if i.isdecimal() else (1, 0, i))
    by_id = {a.id: a for a in again.articles}
    for article in article_set.articles:
        back = by_id[article.id]
        shift = len(back.text) - len(article.text)
        assert back.text[shift:] == article.text
        in_text = {(a.start + shift, a.end + shift, a.label)
                   for a in article.annotations if a.part == "text"}
        came_back = {(a.start, a.end, a.label) for a in back.annotations}
        assert in_text <= came_back
        # Headline spans come back as text spans on the title line (the PTC has no title
        # part), or not at all where the line cannot hold them.
        title_labels = {a.label for a in article.annotations if a.part == "title"}
        for start, end, label in came_back - in_text:
            assert label in title_labels
            assert back.text[start:end] in article.title


def test_json_ptc_json_keeps_what_ptc_can_hold(tmp_path: Path) -> None:
    from trainer.core.jsonset import load_json_set

    starter = load_json_set(resource_path("starter.json"))
    write_ptc_folder(starter, tmp_path / "p")
    again = load_ptc_folder(tmp_path / "p")
    assert canonical(again)["articles"][0]["annotations"] != []
    labels = sorted(a.label for art in starter.articles for a in art.annotations)
    assert labels == sorted(a.label for art in again.articles for a in art.annotations)
