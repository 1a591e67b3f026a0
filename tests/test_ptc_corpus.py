"""Real PTC folders as they are (issue 9, items 3, 4, 16), on generated look-alike data.

The SemEval-2020 Task 11 train set has articles that start with a byte-order mark, an article
holding C1 control characters, label rows in no particular order (one duplicated), and 14
technique names, five of which have no exact equivalent in our taxonomy. Each test builds a
small folder with the same traits.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trainer.core.errors import Problem
from trainer.core.formats import load_set
from trainer.core.jsonset import dump_json_set, parse_json_set
from trainer.core.ptc import TC_SUFFIX, load_ptc_folder, ptc_files, ptc_table
from trainer.core.taxonomy import default_taxonomy

SEMEVAL_2020 = [
    "Loaded_Language", "Name_Calling,Labeling", "Repetition", "Exaggeration,Minimisation",
    "Doubt", "Appeal_to_fear-prejudice", "Flag-Waving", "Causal_Oversimplification", "Slogans",
    "Appeal_to_Authority", "Black-and-White_Fallacy", "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring", "Bandwagon,Reductio_ad_hitlerum",
]
BOM = "\ufeff"


def write_bytes(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_bytes(content)
    return folder


def rows(article_id: str, items: list[tuple[str, int, int]]) -> bytes:
    return "".join(f"{article_id}\t{n}\t{s}\t{e}\n" for n, s, e in items).encode()


def test_bom_article_keeps_every_offset_on_its_characters(tmp_path: Path) -> None:
    body = "Pope’s “merciful” letter\n\nA devastating letter from the most tyrannical papacy.\n"
    raw = (BOM + body).encode("utf-8")
    phrase = "a devastating letter".capitalize()
    start = (BOM + body).index(phrase)  # the corpus counts the mark as character 0
    folder = write_bytes(tmp_path / "ptc", {
        "article9.txt": raw,
        f"article9{TC_SUFFIX}": rows("9", [("Loaded_Language", start, start + len(phrase)),
                                           ("Loaded_Language", 0, 6)]),
    })
    article = load_ptc_folder(folder).articles[0]
    assert [article.text[a.start:a.end] for a in article.annotations] == [phrase, BOM + "Pope’"]
    assert article.title == "Pope’s “merciful” letter"
    out = ptc_files(load_ptc_folder(folder))
    assert out["article9.txt"].encode("utf-8") == raw
    assert out[f"article9{TC_SUFFIX}"].encode() == (folder / f"article9{TC_SUFFIX}").read_bytes()


def test_bom_article_survives_json_and_back(tmp_path: Path) -> None:
    text = BOM + "Headline\n\nThe elites lied.\n"
    start = text.index("elites")
    folder = write_bytes(tmp_path / "ptc", {
        "article1.txt": text.encode(), f"article1{TC_SUFFIX}": rows("1", [("Doubt", start,
                                                                          start + 6)])})
    again = parse_json_set(dump_json_set(load_ptc_folder(folder)).encode(), "x.json")
    labels = ptc_files(again)[f"article1{TC_SUFFIX}"]
    assert labels == f"1\tDoubt\t{start}\t{start + 6}\n"


def test_c1_controls_become_replacement_characters_with_a_warning(tmp_path: Path) -> None:
    text = "Title\n\nOpposing “Stand Your Ground”\x9d or “Shoot First”\x9d laws.\n"
    start = text.index("Shoot")
    folder = write_bytes(tmp_path / "ptc", {
        "article5.txt": text.encode(),
        f"article5{TC_SUFFIX}": rows("5", [("Slogans", start, start + 11)]),
    })
    warnings: list[Problem] = []
    article = load_set(folder, warnings=warnings).articles[0]
    assert article.text == text.replace("\x9d", "\ufffd")
    assert article.text[article.annotations[0].start:article.annotations[0].end] == "Shoot First"
    assert [(w.severity, Path(w.file).name, w.line, w.col) for w in warnings] == [
        ("warning", "article5.txt", 3, 29), ("warning", "article5.txt", 3, 47)]
    assert warnings[0].format().startswith(f"{folder}/article5.txt:3:29: warning: control "
                                           "character U+009D")


def test_other_loaders_ignore_the_warnings_list(tmp_path: Path) -> None:
    folder = write_bytes(tmp_path / "ptc", {"article1.txt": b"Title\n\nClean.\n",
                                            f"article1{TC_SUFFIX}": b""})
    warnings: list[Problem] = []
    load_set(folder, warnings=warnings)
    assert warnings == []


def _corpus_like(folder: Path) -> Path:
    """Two articles, every 2020 name, rows out of order, a duplicate row, an empty file."""
    text = "A headline here\n\n" + " ".join(f"Sentence number {i} is here." for i in range(40))
    items = []
    for i, name in enumerate(SEMEVAL_2020 * 2):
        start = (i * 37) % (len(text) - 40)
        items.append((name, start, start + 5 + i % 20))
    items.append(items[3])  # the train set has one duplicated row
    items.reverse()
    return write_bytes(folder, {
        "article111.txt": text.encode(), f"article111{TC_SUFFIX}": rows("111", items),
        "article222.txt": b"Clean title\n\nNothing here.\n", f"article222{TC_SUFFIX}": b"",
    })


def test_ptc_names_become_set_techniques_and_round_trip_exactly(tmp_path: Path) -> None:
    folder = _corpus_like(tmp_path / "ptc")
    loaded = load_ptc_folder(folder)
    taxonomy = loaded.taxonomy(default_taxonomy())
    extra = {t.id: t for t in loaded.techniques}
    table = ptc_table()
    for name in ("Repetition", "Slogans", "Thought-terminating_Cliches",
                 "Bandwagon,Reductio_ad_hitlerum", "Flag-Waving"):
        technique_id = table.to_label[name.lower()]
        assert technique_id in extra, name
        assert not default_taxonomy().is_label(technique_id)
        assert extra[technique_id].family == "framing"
    labels = {a.label for a in loaded.articles[0].annotations}
    assert labels <= set(default_taxonomy().techniques) | set(extra)
    assert all(taxonomy.is_label(label) for label in labels)
    out = ptc_files(loaded)
    for name in (f"article111{TC_SUFFIX}", f"article222{TC_SUFFIX}"):
        assert out[name].encode() == (folder / name).read_bytes(), name


def test_round_trip_through_json_keeps_the_names(tmp_path: Path) -> None:
    folder = _corpus_like(tmp_path / "ptc")
    as_json = dump_json_set(load_ptc_folder(folder))
    again = parse_json_set(as_json.encode(), "set.json")
    assert ptc_files(again)[f"article111{TC_SUFFIX}"].encode() == (
        folder / f"article111{TC_SUFFIX}").read_bytes()
    assert {t["id"] for t in json.loads(as_json)["techniques"]} >= {"flag-waving", "slogans"}


def test_span_file_leaves_out_duplicates_and_nested_spans(tmp_path: Path) -> None:
    text = "Title line\n\n" + "x" * 300
    folder = write_bytes(tmp_path / "ptc", {
        "article3.txt": text.encode(),
        f"article3{TC_SUFFIX}": rows("3", [("Doubt", 50, 60), ("Slogans", 20, 30),
                                           ("Doubt", 52, 58), ("Repetition", 10, 40),
                                           ("Slogans", 50, 60), ("Flag-Waving", 100, 120)]),
    })
    si = ptc_files(load_ptc_folder(folder))["article3.task1-SI.labels"]
    assert si == "3\t50\t60\n3\t10\t40\n3\t100\t120\n"


@pytest.mark.parametrize("name", ["Whataboutism", "Straw_Men", "Red_Herring", "Bandwagon",
                                  "Reductio_ad_hitlerum",
                                  "Obfuscation,Intentional_Vagueness,Confusion"])
def test_2019_names_read_and_the_separate_ones_write_back(tmp_path: Path, name: str) -> None:
    folder = write_bytes(tmp_path / "ptc", {"article1.txt": b"Title\n\nSome words here.\n",
                                            f"article1{TC_SUFFIX}": rows("1", [(name, 7, 11)])})
    out = ptc_files(load_ptc_folder(folder))[f"article1{TC_SUFFIX}"]
    # 2019's Whataboutism is our own technique; it goes back under the merged 2020 name
    expected = "Whataboutism,Straw_Men,Red_Herring" if name == "Whataboutism" else name
    assert out == f"1\t{expected}\t7\t11\n"
