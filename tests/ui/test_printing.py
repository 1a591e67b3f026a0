"""Worksheets and the class report as PDF (trainer/ui/printing), read back with QPdfDocument."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.pdftext import A4_PT, LETTER_PT, read_pdf
from tests.ui.conftest import PEACE_TEXT, make_set
from trainer.core.errors import InvalidInput
from trainer.core.model import Article, ArticleSet
from trainer.ui.printing.worksheet import write_worksheet_pdf


def _lines_with_numbers(page: str) -> list[int]:
    """Line numbers printed alone at the start of a line of extracted text."""
    return [int(m.group(1)) for m in re.finditer(r"(?m)^\s*(\d{1,3})\s*$", page)]


def test_worksheet_has_each_passage_numbered_lines_and_no_key(tmp_path: Path,
                                                             qtbot: QtBot) -> None:
    out = tmp_path / "w.pdf"
    pages = write_worksheet_pdf(make_set(), out, None, with_key=False)
    pdf = read_pdf(out)
    assert pages == len(pdf.pages) == 3  # each passage after the first starts a page
    assert all(size == pytest.approx(A4_PT, abs=1) for size in pdf.sizes_pt)
    text = " ".join(pdf.text.split())
    # (PDFium extracts the emoji as another character, though it is drawn.)
    assert "intervention, citing diplomatic sources." in text
    assert "Many expect the plan to fail." in text
    assert "Secret plans for peacekeepers" in text and "Budget published" in text
    assert "Nothing to flag in this passage" in text
    assert "Answer key" not in text and "Look for a named diplomat" not in text
    assert "Unverified claim" in pdf.pages[0] and "Loaded framing" in pdf.pages[0]
    assert "Anonymous source" not in pdf.pages[0]  # level 1 names the families only
    # The first passage wraps onto a second line and its second paragraph is a third line.
    assert {1, 2, 3} <= set(_lines_with_numbers(pdf.pages[0]))
    assert "Test set · 1/3" in pdf.pages[0]


def test_answer_key_follows_with_tips_and_the_same_line_numbers(tmp_path: Path,
                                                                qtbot: QtBot) -> None:
    out = tmp_path / "k.pdf"
    pages = write_worksheet_pdf(make_set(), out, ["peace", "clean"], with_key=True,
                                page_size="Letter")
    pdf = read_pdf(out)
    assert pages == len(pdf.pages) == 4
    assert all(size == pytest.approx(LETTER_PT, abs=1) for size in pdf.sizes_pt)
    key = pdf.pages[2]
    assert key.lstrip().startswith("Answer key")
    for phrase in ("Look for a named diplomat.", "Nobody is named.",
                   "How would you check this?", "[1]", "[2]", "[3]",
                   "Loaded language (Loaded framing)", "“citing diplomatic sources”"):
        assert phrase in key, phrase
    # Spans are numbered in reading order with the line each starts on, and the worksheet
    # shows the same words on that line.
    starts = dict(re.findall(r"\[(\d)\]\s+line (\d+)", key))
    assert starts == {"1": "1", "2": "2", "3": "2"}
    assert _lines_with_numbers(key)[:3] == _lines_with_numbers(pdf.pages[0])[:3]
    assert "Nothing to flag: this passage is clean" in pdf.pages[3]


def test_level_two_lists_the_techniques_numbered_like_the_palette(tmp_path: Path,
                                                                   qtbot: QtBot) -> None:
    out = tmp_path / "l2.pdf"
    write_worksheet_pdf(make_set(), out, ["peace"], with_key=False, level=2)
    first = read_pdf(out).pages[0]
    assert re.search(r"1\s+Anonymous source", first)
    assert re.search(r"7\s+Loaded language", first)


def test_set_text_is_printed_literally(tmp_path: Path, qtbot: QtBot) -> None:
    text = "Ministers <b>agreed</b> &amp; signed <img src='x.png'> on Monday."
    article = Article(id="tags", title="<h1>Big</h1> & small", text=text)
    out = tmp_path / "t.pdf"
    write_worksheet_pdf(ArticleSet(id="t", title="A & <B>", articles=[article]), out, None,
                        with_key=True)
    flat = " ".join(read_pdf(out).text.split())
    assert text in flat and "<h1>Big</h1> & small" in flat and "A & <B>" in flat


def test_unknown_article_writes_nothing(tmp_path: Path, qtbot: QtBot) -> None:
    out = tmp_path / "none.pdf"
    with pytest.raises(InvalidInput) as caught:
        write_worksheet_pdf(make_set(), out, ["peace", "nope"], with_key=False)
    assert "no article 'nope'" in caught.value.problems[0].format()
    assert "peace, clean, peace-2" in caught.value.problems[0].format()
    assert not out.exists()


def test_unwritable_path_is_invalid_input(tmp_path: Path, qtbot: QtBot) -> None:
    with pytest.raises(InvalidInput) as caught:
        write_worksheet_pdf(make_set(), tmp_path / "missing" / "w.pdf", None, with_key=False)
    assert "cannot write the file" in caught.value.problems[0].format()


def test_long_passage_flows_over_pages_numbering_on(tmp_path: Path, qtbot: QtBot) -> None:
    text = "\n\n".join(PEACE_TEXT for _ in range(12))
    article = Article(id="long", title="Long", text=text)
    out = tmp_path / "long.pdf"
    pages = write_worksheet_pdf(ArticleSet(id="l", title="L", articles=[article]), out, None,
                                with_key=False)
    pdf = read_pdf(out)
    assert pages == len(pdf.pages) >= 2
    first, second = _lines_with_numbers(pdf.pages[0]), _lines_with_numbers(pdf.pages[1])
    assert first and second and second[0] == first[-1] + 1
