"""Worksheets and the class report as PDF (trainer/ui/printing), read back with QPdfDocument."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.pdftext import A4_PT, LETTER_PT, read_pdf
from tests.ui.conftest import PEACE_TEXT, make_set
from trainer.core.class_report import ClassReport, Resolved, build_report
from trainer.core.errors import InvalidInput
from trainer.core.model import Annotation, Article, ArticleSet
from trainer.core.progress_file import (
    ProgressAttempt,
    ProgressFile,
    ProgressMark,
    ProgressNote,
    ProgressProfile,
    text_hash,
)
from trainer.core.taxonomy import default_taxonomy
from trainer.ui.printing.report_pdf import write_class_report_pdf
from trainer.ui.printing.worksheet import write_worksheet_pdf


def _lines_with_numbers(page: str) -> list[int]:
    """Line numbers printed alone at the start of a line of extracted text."""
    return [int(m.group(1)) for m in re.finditer(r"(?m)^\s*(\d{1,3})\s*$", page)]


def test_worksheet_has_each_passage_numbered_lines_and_no_key(tmp_path: Path,
                                                             qtbot: QtBot) -> None:
    out = tmp_path / "w.pdf"
    pages = write_worksheet_pdf(make_set(), out, None, with_key=False)
    pdf = read_pdf(out)
    # Short passages share a page, each whole with its writing lines (review finding 24).
    assert pages == len(pdf.pages) == 2
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
    assert "Test set · 1/2" in pdf.pages[0]


def test_answer_key_follows_with_tips_and_the_same_line_numbers(tmp_path: Path,
                                                                qtbot: QtBot) -> None:
    out = tmp_path / "k.pdf"
    pages = write_worksheet_pdf(make_set(), out, ["peace", "clean"], with_key=True,
                                page_size="Letter")
    pdf = read_pdf(out)
    keyed = [i for i, page in enumerate(pdf.pages) if "Answer key" in page]
    assert pages == len(pdf.pages) and keyed
    assert all(size == pytest.approx(LETTER_PT, abs=1) for size in pdf.sizes_pt)
    key = pdf.pages[keyed[0]]
    assert key.lstrip().startswith("Answer key")
    # At level 1 a student writes the family's number: the key leads with it.
    for phrase in ("Look for a named diplomat.", "Nobody is named.",
                   "How would you check this?", "[1]", "[2]", "[3]",
                   "2 Loaded framing (Loaded language)",
                   "1 Unverified claim (Anonymous source)", "“citing diplomatic sources”"):
        assert phrase in key, phrase
    # Spans are numbered in reading order with the line each starts on, and the worksheet
    # shows the same words on that line.
    starts = dict(re.findall(r"\[(\d)\]\s+line (\d+)", key))
    assert starts == {"1": "1", "2": "2", "3": "2"}
    assert _lines_with_numbers(key)[:3] == _lines_with_numbers(pdf.pages[0])[:3]
    assert "Nothing to flag: this passage is clean" in "".join(pdf.pages[keyed[0]:])


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


# -- the class report ------------------------------------------------------------------------

NOW = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)


def _attempt(n: int, article: Article, marks: list[tuple[str, str]],
             notes: tuple[str, ...] = ()) -> ProgressAttempt:
    text = article.text
    return ProgressAttempt(
        id=str(uuid.UUID(int=n)), set_id="test-set", set_version=1, article_id=article.id,
        text_hash=text_hash(article.title, text), level=1, mode="family",
        started_at=NOW - timedelta(minutes=5), submitted_at=NOW - timedelta(minutes=1),
        duration_s=60.0,
        marks=[ProgressMark(start=text.index(p), end=text.index(p) + len(p), label=label)
               for p, label in marks],
        notes=[ProgressNote(start=0, end=8, text=t) for t in notes])


def class_report_files() -> list[ProgressFile]:
    """Two students (one with HTML-looking name and note) on the peace and clean passages."""
    articles = {a.id: a for a in make_set().articles}
    peace, clean = articles["peace"], articles["clean"]
    ana = ProgressFile(exported_at=NOW, profile=ProgressProfile(
        id=str(uuid.UUID(int=100)), name="Ana <b>Bold</b>", student_code="S-17"), attempts=[
        _attempt(1, peace, [("citing diplomatic sources", "unverified"),
                            ("Many expect", "unverified")],
                 notes=("I think &amp; “intervention” is fair",)),
        _attempt(2, clean, [])])
    ben = ProgressFile(exported_at=NOW, profile=ProgressProfile(
        id=str(uuid.UUID(int=101)), name="Ben Okafor"), attempts=[
        _attempt(3, peace, [("secretly", "framing")]),
        _attempt(4, clean, [("published its budget", "framing")])])
    return [ana, ben]


def class_report() -> ClassReport:
    articles = {a.id: a for a in make_set().articles}
    taxonomy = default_taxonomy()

    def resolve(attempt: ProgressAttempt) -> Resolved | None:
        return Resolved(articles[attempt.article_id], taxonomy)

    return build_report(class_report_files(), resolve, NOW, None, list(taxonomy.techniques))


def test_class_report_pdf_tables_and_three_hardest_heatmaps(tmp_path: Path,
                                                           qtbot: QtBot) -> None:
    report = class_report()
    out = tmp_path / "class.pdf"
    pages = write_class_report_pdf(report, out)
    pdf = read_pdf(out)
    assert pages == len(pdf.pages) == 3  # the tables, then a heatmap per article (two here)
    first = " ".join(pdf.pages[0].split())
    for expected in ("Class report", "Ana <b>Bold</b>", "S-17", "Ben Okafor", "flags",
                     "Mastery by technique", "Anonymous source", "Articles, hardest first",
                     "Secret plans for peacekeepers", "test-set/clean",
                     "I think &amp; “intervention” is fair", "Students gave",
                     "About"):
        assert expected in first, expected
    heatmaps = pdf.pages[1:]
    assert any("Secret plans for peacekeepers" in p and "Class heatmap" in p for p in heatmaps)
    assert all("answer key" in p for p in heatmaps)  # the legend
    # Each student counted once, with their latest attempt (review finding 8).
    assert all("2 students (latest attempt each)" in " ".join(p.split()) for p in heatmaps)
    assert all(size == pytest.approx(A4_PT, abs=1) for size in pdf.sizes_pt)


def test_class_report_pdf_chosen_heatmap_on_letter(tmp_path: Path, qtbot: QtBot) -> None:
    out = tmp_path / "one.pdf"
    pages = write_class_report_pdf(class_report(), out, "Letter", [("test-set", "peace")])
    pdf = read_pdf(out)
    assert pages == 2 and pdf.sizes_pt[1] == pytest.approx(LETTER_PT, abs=1)
    assert "European governments" in pdf.pages[1]
    with pytest.raises(InvalidInput) as caught:
        write_class_report_pdf(class_report(), tmp_path / "no.pdf", "A4", [("test-set", "x")])
    assert "no attempts on this article" in caught.value.problems[0].format()
    assert not (tmp_path / "no.pdf").exists()


def test_empty_class_report_is_one_page(tmp_path: Path, qtbot: QtBot) -> None:
    out = tmp_path / "empty.pdf"
    assert write_class_report_pdf(ClassReport(), out) == 1
    assert "0 students" in read_pdf(out).pages[0]


def test_rendered_page_has_line_numbers_in_the_margin_and_rules(tmp_path: Path,
                                                                qtbot: QtBot) -> None:
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QColor, QImage
    from PySide6.QtPdf import QPdfDocument

    out = tmp_path / "look.pdf"
    write_worksheet_pdf(make_set(), out, ["peace"], with_key=False)
    document = QPdfDocument()
    document.load(str(out))
    image = document.render(0, QSize(595, 842)).convertToFormat(QImage.Format.Format_ARGB32)

    def dark(x: int, y: int) -> bool:
        colour: QColor = image.pixelColor(x, y)  # the page is transparent where nothing is
        return colour.alpha() > 128 and colour.lightness() < 200

    def ink(x0: int, x1: int, y0: int, y1: int) -> int:
        return sum(1 for x in range(x0, x1) for y in range(y0, y1) if dark(x, y))

    gutter = 24 / 25.4 * 72  # the left margin in points: only line numbers are drawn there
    assert ink(0, int(gutter) - 4, 300, 800) > 0
    assert ink(0, int(gutter) - 4, 0, 300) == 0  # nothing beside the title and instructions
    # The ruled writing lines: rows of ink across most of the text width.
    rows = [y for y in range(842) if sum(1 for x in range(80, 560, 4) if dark(x, y)) > 100]
    assert len(rows) >= 5


def test_key_line_numbers_count_from_the_passage_start(tmp_path: Path, qtbot: QtBot) -> None:
    """A key phrase in a later paragraph is numbered from the passage's first line, as the
    worksheet numbers it."""
    text = "First paragraph, one short line.\n\nSecond paragraph with sources say so."
    start = text.index("sources say")
    article = Article(id="two", title="Two", text=text, annotations=[
        Annotation(start=start, end=start + 11, label="anonymous-source")])
    out = tmp_path / "two.pdf"
    write_worksheet_pdf(ArticleSet(id="s", title="S", articles=[article]), out, None,
                        with_key=True)
    key = next(p for p in read_pdf(out).pages if "Answer key" in p)
    assert re.search(r"\[1\]\s+line 2\b", key), key


def test_key_shading_sits_on_the_key_phrases_after_an_emoji(qtbot: QtBot) -> None:
    """Offsets are code points, Qt positions UTF-16 units: the highlight after the emoji must
    cover exactly "Many expect", and a headline span is shaded in the heading and listed as
    "headline"."""
    from PySide6.QtGui import QTextCharFormat, QTextCursor

    from trainer.ui.printing.pages import Paper, Sheet, pdf_bytes
    from trainer.ui.printing.worksheet import worksheet_sheets
    from trainer.ui.widgets.offsets import OffsetMap

    base = make_set().articles[0]
    title_span = Annotation(start=0, end=6, label="loaded-language", part="title",
                            explanation="Secret? Says who?")
    article = base.model_copy(update={"annotations": [*base.annotations, title_span]})
    captured: list[Sheet] = []

    def build(paper: Paper) -> list[Sheet]:
        sheets = worksheet_sheets(paper, ArticleSet(id="e", title="E", articles=[article]),
                                  [article], with_key=True)
        captured.extend(sheets)
        return sheets

    pdf_bytes("A4", build)
    key = captured[1].document
    plain = key.toPlainText()

    offsets = OffsetMap(plain)

    def underlined(phrase: str) -> list[bool]:
        start = plain.index(phrase)
        flags = []
        for i in range(start - 1, start + len(phrase) + 1):
            cursor = QTextCursor(key)
            # The format of the character before the cursor, at a Qt (UTF-16) position.
            cursor.setPosition(offsets.to_utf16(i) + 1)
            flags.append(cursor.charFormat().underlineStyle()
                         != QTextCharFormat.UnderlineStyle.NoUnderline)
        return flags

    many = underlined("Many expect")
    assert many == [False] + [True] * len("Many expect") + [False]
    secret = underlined("Secret plans")[:8]
    assert secret[1:7] == [True] * 6 and secret[7] is False
    assert "headline · 2 Loaded framing (Loaded language)" in plain


def test_documents_are_built_before_they_meet_the_paper(qtbot: QtBot) -> None:
    """With the PDF writer set as the layout's paint device, every insertion re-lays the whole
    document out: a class of 30 with 120 articles took 157 s instead of 0.6 s. The sheets
    must come back unattached; paint_sheets attaches them once, when they are complete."""
    from PySide6.QtCore import QBuffer
    from PySide6.QtGui import QPdfWriter

    from trainer.ui.printing.pages import Paper
    from trainer.ui.printing.report_pdf import class_report_sheets
    from trainer.ui.printing.worksheet import worksheet_sheets

    buffer = QBuffer()
    writer = QPdfWriter(buffer)
    paper = Paper(writer)
    report = class_report()
    sheets = class_report_sheets(paper, report, [("test-set", "peace")]) + worksheet_sheets(
        paper, make_set(), make_set().articles, with_key=True)
    assert len(sheets) == 4
    assert all(sheet.document.documentLayout().paintDevice() is None for sheet in sheets)
