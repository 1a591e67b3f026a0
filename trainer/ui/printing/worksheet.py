"""Worksheets for a class without laptops (issue 12 item 5), and their answer key.

The worksheet: the set's title, a line for the student's name, what to do, the labels to use
(the two families at level 1, every technique at levels 2–3, numbered as the program's label
palette numbers them), then each passage with its headline, line numbers in the margin,
generous line spacing, a "nothing to flag" box and ruled lines to write on.

The answer key repeats each passage with the key spans shaded and underlined, numbered in the
right margin, and lists per span its line, label, explanation and "how would you check this?"
tip. It lays the passages out exactly as the worksheet does, so the line numbers agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import (
    QPagedPaintDevice,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextLength,
    QTextTableFormat,
)

from trainer.core.errors import InvalidInput, Problem
from trainer.core.fileout import write_bytes_atomically
from trainer.core.model import Annotation, Article, ArticleSet
from trainer.core.taxonomy import Taxonomy, default_taxonomy
from trainer.ui.practice.palette import palette_entries
from trainer.ui.printing import pages
from trainer.ui.printing.keep import HEADING_LINES, WIDOW_LINES, Keep
from trainer.ui.printing.pages import GREY, PASSAGE, RULED, Paper, Sheet
from trainer.ui.printing.text import (
    BODY_PT,
    Highlight,
    char_format,
    insert_highlighted,
    new_block,
    print_font,
)
from trainer.ui.widgets.offsets import OffsetMap

PASSAGE_LINE_HEIGHT = 190  # per cent: room to underline and to write a label above a line
WRITING_LINES = 5
WRITING_LINE_MM = 9.0

translate = QCoreApplication.translate



def chosen_articles(article_set: ArticleSet, article_ids: Sequence[str] | None) -> list[Article]:
    """The articles to print, in the order given (all of them, in set order, when None or
    empty); an unknown id is bad input naming the ids the set has."""
    if not article_ids:
        return list(article_set.articles)
    by_id = {a.id: a for a in article_set.articles}
    unknown = [a for a in article_ids if a not in by_id]
    if unknown:
        ids = list(by_id)
        known = ", ".join(ids[:12]) + (f", … ({len(ids)} in all)" if len(ids) > 12 else "") \
            if ids else "none"
        raise InvalidInput([Problem(article_set.id, f"no article {a!r} in this set",
                                    hint=f"the set's article ids are: {known}")
                            for a in unknown])
    return [by_id[a] for a in dict.fromkeys(article_ids)]


def write_worksheet_pdf(article_set: ArticleSet, path: Path, article_ids: Sequence[str] | None,
                        with_key: bool, page_size: str = "A4", level: int = 1) -> int:
    """Write the worksheet (and, with `with_key`, its answer key) as a PDF; returns the pages.
    Bad input (an unknown article id, an unwritable path) raises InvalidInput and writes
    nothing."""
    articles = chosen_articles(article_set, article_ids)
    data, count = pages.pdf_bytes(
        page_size, lambda paper: worksheet_sheets(paper, article_set, articles, with_key, level),
        title=article_set.title)
    write_bytes_atomically(data, path)
    return count


def worksheet_sheets(paper: Paper, article_set: ArticleSet, articles: Sequence[Article],
                     with_key: bool, level: int = 1) -> list[Sheet]:
    taxonomy = article_set.taxonomy(default_taxonomy())
    document, keeps = _worksheet(paper, article_set, articles, taxonomy, level)
    sheets = [Sheet(document, article_set.title, keeps=keeps)]
    if with_key:
        document, notes, keeps = _answer_key(paper, article_set, articles, taxonomy, level)
        footer = translate("Worksheet", "Answer key — %1").replace("%1", article_set.title)
        sheets.append(Sheet(document, footer, notes, keeps))
    return sheets


def _grading(level: int) -> str:
    """What counts as the right label at this level (DESIGN: level 2 is graded by family,
    level 3 by technique), said on the worksheet and in the key."""
    if level <= 1:
        return translate("Worksheet", "Labels to use (write the number)")
    if level == 2:
        return translate("Worksheet", "Labels to use (write the technique's number; at level 2 "
                                      "a technique of the right family counts)")
    return translate("Worksheet", "Labels to use (write the technique's number; at level 3 "
                                  "only the exact technique counts)")


def _title_block(cursor: QTextCursor, paper: Paper, title: str, subtitle: str) -> None:
    new_block(cursor, first=True, bottom=paper.fmt(1.5))
    cursor.insertText(title, char_format(18, serif=False, bold=True))
    new_block(cursor, bottom=paper.fmt(6))
    cursor.insertText(subtitle, char_format(10, serif=False, color=GREY))


def _worksheet(paper: Paper, article_set: ArticleSet, articles: Sequence[Article],
               taxonomy: Taxonomy, level: int) -> tuple[QTextDocument, list[Keep]]:
    """The worksheet and what must stay together on a page: each passage with its box and
    writing lines when it fits on a page (so short passages share a page and a passage is
    not cut by a page turn); a longer one flows over pages, its heading keeping its first
    lines and the box and writing lines its last ones."""
    doc = paper.new_document(print_font())
    keeps: list[Keep] = []
    cursor = QTextCursor(doc)
    count = translate("Worksheet", "1 passage") if len(articles) == 1 \
        else translate("Worksheet", "%1 passages").replace("%1", str(len(articles)))
    _title_block(cursor, paper, article_set.title, translate(
        "Worksheet", "Worksheet · level %1 · %2").replace("%1", str(level)).replace("%2", count))
    new_block(cursor, bottom=paper.fmt(5), line_height=160)
    cursor.insertText(translate("Worksheet", "Name: ______________________   Class: ________   "
                          "Date: ____________"), char_format(12, serif=False))
    new_block(cursor, bottom=paper.fmt(3))
    cursor.insertText(translate("Worksheet",
        "Read each passage. Underline every phrase that you would flag and write the number of "
        "its label above it. If a passage has nothing to flag, tick its box. Then write on the "
        "lines how you would check one of the phrases you flagged."),
        char_format(11, serif=False))
    keeps.append(_labels_table(cursor, paper, taxonomy, level))
    for index, article in enumerate(articles, start=1):
        placed = _passage(cursor, paper, index, article, ())
        new_block(cursor, top=paper.fmt(4))
        answer = cursor.block()
        cursor.insertText(translate("Worksheet", "[   ]  Nothing to flag in this passage"),
                          char_format(11, serif=False))
        new_block(cursor, top=paper.fmt(3))
        cursor.insertText(translate("Worksheet", "How would you check it?"),
                          char_format(10, serif=False, color=GREY))
        for _ in range(WRITING_LINES):
            new_block(cursor, fixed_height=paper.fmt(WRITING_LINE_MM), props={RULED: True})
        keeps.append(Keep(placed.heading, cursor.block(), parts=[
            placed.head, Keep(answer, cursor.block(), lead=WIDOW_LINES)]))
    return doc, keeps


def _labels_table(cursor: QTextCursor, paper: Paper, taxonomy: Taxonomy, level: int) -> Keep:
    """One column per family: at level 1 the family with its definition, at levels 2–3 its
    techniques by number and name, as the label palette offers them at that level."""
    entries = palette_entries(taxonomy, level)
    families = list(taxonomy.families.values())
    new_block(cursor, top=paper.fmt(4), bottom=paper.fmt(1))
    heading = cursor.block()
    cursor.insertText(_grading(level), char_format(11, serif=False, bold=True))
    fmt = QTextTableFormat()
    fmt.setBorder(0.5)
    fmt.setCellPadding(paper.fmt(1.5))
    fmt.setCellSpacing(0)
    fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    table = cursor.insertTable(1, len(families), fmt)
    small = char_format(9.5, serif=False)
    for column, family in enumerate(families):
        cell = table.cellAt(0, column).firstCursorPosition()
        mine = [e for e in entries if e.family == family.id]
        if level <= 1:
            for entry in mine:
                cell.insertText(f"{entry.number}  {entry.name}", char_format(10.5, serif=False,
                                                                           bold=True))
                cell.insertBlock()
                cell.insertText(entry.definition, small)
            continue
        cell.insertText(family.name, char_format(10.5, serif=False, bold=True))
        for entry in mine:
            cell.insertBlock()
            cell.insertText(f"{entry.number}  {entry.name}", small)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    return Keep(heading, heading, trail=1)


@dataclass(frozen=True)
class _Placed:
    """Where a passage went: its heading (to keep the passage together) and the heading
    with its first lines (kept together when the passage is longer than a page)."""

    heading: QTextBlock
    head: Keep
    title_positions: list[int]
    text_positions: list[int]


def _passage(cursor: QTextCursor, paper: Paper, index: int, article: Article,
             highlights: Sequence[Highlight],
             title_highlights: Sequence[Highlight] = ()) -> _Placed:
    """Heading, source line and numbered text of one passage, with the document positions
    where the title highlights and the text highlights start."""
    new_block(cursor, top=paper.fmt(8), bottom=paper.fmt(1))
    heading = cursor.block()
    cursor.insertText(translate("Worksheet", "Passage %1").replace("%1", str(index)) + "  ",
                      char_format(11, serif=False, color=GREY))
    title_positions = insert_highlighted(cursor, article.title, title_highlights,
                                         char_format(14, serif=False, bold=True))
    source = " · ".join(p for p in (article.source.outlet, article.source.date) if p)
    if source:
        new_block(cursor)
        cursor.insertText(source, char_format(9.5, serif=False, color=GREY))
    head = Keep(heading, cursor.block(), trail=HEADING_LINES)
    new_block(cursor, top=paper.fmt(3), line_height=PASSAGE_LINE_HEIGHT, props={PASSAGE: index})
    first = cursor.block()
    text_positions = insert_highlighted(cursor, article.text, highlights, char_format(BODY_PT))
    _narrow_blank_lines(first, cursor.block())
    return _Placed(heading, head, title_positions, text_positions)


def _narrow_blank_lines(first: QTextBlock, last: QTextBlock) -> None:
    """The blank line between paragraphs needs no room to write in."""
    block = first
    while block.isValid():
        if block.length() <= 1:
            fmt = block.blockFormat()
            fmt.setLineHeight(70, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            QTextCursor(block).setBlockFormat(fmt)
        if block == last:
            break
        block = block.next()


def _answer_key(paper: Paper, article_set: ArticleSet, articles: Sequence[Article],
                taxonomy: Taxonomy, level: int
                ) -> tuple[QTextDocument, list[tuple[int, str]], list[Keep]]:
    """The key, its right-margin span numbers, and what stays together on a page: a passage
    with its key items when they fit on a page; else each key item whole (its phrase, why
    and tip), the first one with the passage's last lines, the good-practice notes with the
    last item."""
    doc = paper.new_document(print_font())
    cursor = QTextCursor(doc)
    _title_block(cursor, paper, translate("Worksheet", "Answer key"),
                 article_set.title + " · " + _grading_rule(level))
    notes: list[tuple[int, str]] = []
    keeps: list[Keep] = []
    numbers = {e.label: e.number for e in palette_entries(taxonomy, level)}
    in_order = [sorted(a.annotations, key=lambda a: (a.part != "title", a.start, a.end))
                for a in articles]
    lines = passages_line_numbers(paper, [
        (article.text, [a.start for a in spans if a.part != "title"])
        for article, spans in zip(articles, in_order, strict=True)])
    for index, (article, spans) in enumerate(zip(articles, in_order, strict=True), start=1):
        numbered = list(enumerate(spans, start=1))
        titles = [(n, a) for n, a in numbered if a.part == "title"]
        texts = [(n, a) for n, a in numbered if a.part != "title"]
        placed = _passage(
            cursor, paper, index, article,
            [Highlight(a.start, a.end, a.optional) for _, a in texts],
            title_highlights=[Highlight(a.start, a.end, a.optional) for _, a in titles])
        notes += [(pos, f"[{n}]") for pos, (n, _a) in zip(placed.text_positions, texts,
                                                          strict=True)]
        where = dict(zip((n for n, _a in texts), lines[index - 1], strict=True))
        items: list[list[QTextBlock]] = []  # first and last block of each key item
        if not spans:
            new_block(cursor, top=paper.fmt(4))
            items.append([cursor.block()])
            cursor.insertText(translate("Worksheet", "Nothing to flag: this passage is clean. A "
                                        "student who ticked “Nothing to flag” is right."),
                              char_format(11, serif=False))
            items[-1].append(cursor.block())
        for number, annotation in numbered:
            first = _key_entry(cursor, paper, number, article, annotation, taxonomy, numbers,
                               translate("Worksheet", "headline") if number not in where
                               else translate("Worksheet", "line %1").replace(
                                   "%1", str(where[number] or "?")))
            items.append([first, cursor.block()])
        for note in article.notes:
            new_block(cursor, top=paper.fmt(3))
            if not items:
                items.append([cursor.block()])
            cursor.insertText(translate("Worksheet", "Careful reporting, not to flag: "),
                              char_format(10, serif=False, bold=True))
            cursor.insertText(f"“{article.part_text(note.part)[note.start:note.end]}” — "
                              f"{note.why}", char_format(10, serif=False))
            items[-1][1:] = [cursor.block()]  # a note stays with the last item
        parts = [placed.head] + [Keep(item[0], item[-1], lead=WIDOW_LINES if i == 0 else 0)
                                 for i, item in enumerate(items)]
        # The key's title is two lines: it stays with the first passage rather than take a
        # page of its own.
        keeps.append(Keep(doc.begin() if index == 1 else placed.heading, cursor.block(),
                          parts=parts))
    return doc, notes, keeps


def _grading_rule(level: int) -> str:
    if level <= 1:
        return translate("Worksheet", "level 1: label by family")
    if level == 2:
        return translate("Worksheet", "level 2: a technique of the right family counts")
    return translate("Worksheet", "level 3: only the exact technique counts")


def passage_line_numbers(paper: Paper, text: str, starts: Sequence[int]) -> list[int | None]:
    """The worksheet line on which each code-point offset of a passage's text falls."""
    return passages_line_numbers(paper, [(text, starts)])[0]


def passages_line_numbers(paper: Paper, passages: Sequence[tuple[str, Sequence[int]]]
                          ) -> list[list[int | None]]:
    """For each (passage text, code-point offsets), the worksheet line on which each offset
    falls.

    The passages are laid out one after another in a document of their own, in the
    worksheet's font, spacing and width: line breaks depend on nothing else (shading and
    underlines do not move them, nor do page breaks), so the numbers match the printed
    lines, and the key itself is laid out only once, when it is finished. One document for
    all of them: a document each cost more to set up than to lay out."""
    doc = paper.new_document(print_font())
    cursor = QTextCursor(doc)
    origins: list[int] = []
    for index, (text, starts) in enumerate(passages, start=1):
        if not starts:
            origins.append(-1)
            continue
        new_block(cursor, first=cursor.position() == 0, line_height=PASSAGE_LINE_HEIGHT,
                  props={PASSAGE: index})
        origins.append(cursor.position())
        cursor.insertText(text, char_format(BODY_PT))
    if all(origin < 0 for origin in origins):
        return [[] for _ in passages]
    paper.attach(doc)
    doc.pageCount()  # lays it out
    lines = pages.numbered_lines(doc, paper.height)
    return [[] if origin < 0 else
            [pages.line_number_at(lines, origin + OffsetMap(text).to_utf16(start))
             for start in starts]
            for origin, (text, starts) in zip(origins, passages, strict=True)]


def _key_entry(cursor: QTextCursor, paper: Paper, number: int, article: Article,
               annotation: Annotation, taxonomy: Taxonomy, numbers: dict[str, int],
               where: str) -> QTextBlock:
    """One key item; returns its first block. The label leads with what a student at the
    worksheet's level writes (the family at level 1, the technique at levels 2–3), with the
    number the worksheet gives it."""
    technique = taxonomy.display_name(annotation.label)
    family_id = taxonomy.family_of(annotation.label)
    family = taxonomy.display_name(family_id)
    if family_id in numbers:  # level 1: the family is the label
        name = f"{numbers[family_id]} {family}"
        if technique != family:
            name += f" ({technique})"
    else:
        name = technique if technique == family else f"{technique} ({family})"
        if annotation.label in numbers:
            name = f"{numbers[annotation.label]} {name}"
    new_block(cursor, top=paper.fmt(3.5))
    first = cursor.block()
    cursor.insertText(f"[{number}]  {where} · {name}", char_format(10.5, serif=False, bold=True))
    if annotation.optional:
        cursor.insertText("  " + translate("Worksheet",
                                           "optional: no credit, no penalty either way"),
                          char_format(10, serif=False, italic=True))
    phrase = article.part_text(annotation.part)[annotation.start:annotation.end]
    indent = paper.fmt(7)
    new_block(cursor, indent=indent)
    cursor.insertText(f"“{phrase}”", char_format(10.5, italic=True))
    if annotation.explanation:
        new_block(cursor, indent=indent)
        cursor.insertText(translate("Worksheet", "Why: "), char_format(10, serif=False, bold=True))
        cursor.insertText(annotation.explanation, char_format(10, serif=False))
    if annotation.tip:
        new_block(cursor, indent=indent)
        cursor.insertText(translate("Worksheet", "How would you check this? "),
                          char_format(10, serif=False, bold=True))
        cursor.insertText(annotation.tip, char_format(10, serif=False))
    return first


def print_worksheet(printer: QPagedPaintDevice, article_set: ArticleSet,
                    article_ids: Sequence[str] | None, with_key: bool, level: int = 1) -> int:
    """Print the worksheet on a configured printer (full-page mode); returns the pages."""
    articles = chosen_articles(article_set, article_ids)
    return pages.print_sheets(
        printer, lambda paper: worksheet_sheets(paper, article_set, articles, with_key, level))
