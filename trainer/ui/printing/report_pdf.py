"""The class report on paper (issue 12 item 4): tables first, then one heatmap page per chosen
article (by default the three hardest), for a staff meeting or a lesson without a projector.

Everything a report holds goes in as plain text: student names and notes come from files the
teacher did not write.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QTextCursor, QTextDocument, QTextDocumentFragment

from trainer.core.class_report import ClassReport, StudentRow, heatmap
from trainer.core.errors import InvalidInput, Problem
from trainer.core.fileout import write_bytes_atomically
from trainer.core.spans import Span
from trainer.core.taxonomy import Taxonomy, default_taxonomy
from trainer.ui.printing import pages
from trainer.ui.printing.keep import ORPHAN_LINES, Keep
from trainer.ui.printing.pages import GREY, MARGIN_MM, PASSAGE, Paper, Sheet
from trainer.ui.printing.text import (
    char_format,
    fit_column_widths,
    insert_table,
    new_block,
    print_font,
    widest_word,
)

DEFAULT_HEATMAPS = 3
TECHNIQUES_PER_TABLE = 5
NAME_PERCENT = 24  # of the text width, for the student column of the mastery tables
TABLE_PT = 9.0
# Darker = higher mastery; the number in the cell says it too (black-and-white printers).
MASTERY_SHADES = ((0.8, QColor("#c4c4c4")), (0.6, QColor("#d8d8d8")), (0.4, QColor("#eaeaea")))

translate = QCoreApplication.translate



def heatmap_articles(report: ClassReport,
                     articles: Sequence[tuple[str, str]] | None) -> list[tuple[str, str]]:
    """The (set id, article id) pairs to draw: as asked, or the three hardest. Asking for an
    article no attempt in the report is on is bad input naming the ones there are."""
    if articles is None:
        return [(a.set_id, a.article_id) for a in report.articles[:DEFAULT_HEATMAPS]]
    unknown = [pair for pair in articles if pair not in report.resolved]
    if unknown:
        there = ", ".join(f"{a.set_id}/{a.article_id}" for a in report.articles) or "none"
        raise InvalidInput([Problem(f"{s}/{a}", "no attempts on this article in the report",
                                    hint=f"articles with attempts: {there}")
                            for s, a in unknown])
    return list(dict.fromkeys(articles))


def write_class_report_pdf(report: ClassReport, path: Path, page_size: str = "A4",
                           articles: Sequence[tuple[str, str]] | None = None) -> int:
    """Write the report as a PDF; returns the pages. Raises InvalidInput (nothing written)
    for an unknown heatmap article or an unwritable path."""
    chosen = heatmap_articles(report, articles)
    data, count = pages.pdf_bytes(
        page_size, lambda paper: class_report_sheets(paper, report, chosen),
        title=translate("ReportPdf", "Class report"))
    write_bytes_atomically(data, path)
    return count


def class_report_sheets(paper: Paper, report: ClassReport,
                        articles: Sequence[tuple[str, str]],
                        now: datetime | None = None) -> list[Sheet]:
    footer = translate("ReportPdf", "Class report · %1").replace(
        "%1", (now or datetime.now()).strftime("%Y-%m-%d"))
    document, keeps = _tables(paper, report, now or datetime.now())
    sheets = [Sheet(document, footer, keeps=keeps)]
    sheets += [Sheet(_heatmap_page(paper, report, pair), footer, tighten=True)
               for pair in articles]
    return sheets


def _heading(cursor: QTextCursor, paper: Paper, keeps: list[Keep], text: str,
             note: str = "") -> None:
    """A section heading, with the note that explains its table under it (not after the
    table, where a page break could leave it alone at the top of a page); both stay with
    the table's header row and first row (review finding 24)."""
    new_block(cursor, top=paper.fmt(7), bottom=paper.fmt(2))
    first = cursor.block()
    cursor.insertText(text, char_format(13, serif=False, bold=True))
    if note:
        _note(cursor, paper, note)
    keeps.append(Keep(first, cursor.block(), trail=ORPHAN_LINES))


def _note(cursor: QTextCursor, paper: Paper, text: str) -> None:
    new_block(cursor, top=paper.fmt(1), bottom=paper.fmt(1))
    cursor.insertText(text, char_format(8.5, serif=False, color=GREY))


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)} %"


def _pattern(text: str) -> str:
    return {"flags everything": translate("ReportPdf", "flags everything"),
            "flags nothing": translate("ReportPdf", "flags nothing")}.get(text, text)


def _tables(paper: Paper, report: ClassReport, now: datetime
            ) -> tuple[QTextDocument, list[Keep]]:
    doc = paper.new_document(print_font())
    cursor = QTextCursor(doc)
    keeps: list[Keep] = []
    pad = paper.fmt(1.2)
    new_block(cursor, first=True, bottom=paper.fmt(1.5))
    cursor.insertText(translate("ReportPdf", "Class report"),
                      char_format(18, serif=False, bold=True))
    new_block(cursor)
    cursor.insertText(translate("ReportPdf", "%1 students · %2 attempts · made %3")
                      .replace("%1", str(len(report.students)))
                      .replace("%2", str(len(report.attempts)))
                      .replace("%3", now.strftime("%Y-%m-%d %H:%M")),
                      char_format(10, serif=False, color=GREY))

    _heading(cursor, paper, keeps, translate("ReportPdf", "Students"), translate(
        "ReportPdf", "Score: the mean student score. d′: how well the student tells sentences "
        "to flag from clean ones (0 = guessing). c: below 0 flags too much, above 0 too "
        "little."))
    headers = [translate("ReportPdf", "Name"), translate("ReportPdf", "Code"),
               translate("ReportPdf", "Attempts"), translate("ReportPdf", "Score"), "d′", "c",
               translate("ReportPdf", "Pattern")]
    _table(cursor, paper, pad, headers,
           [[s.student_name, s.student_code or "", str(s.attempts),
             _percent(s.mean_student_score), f"{s.discernment.d_prime:.2f}",
             f"{s.discernment.bias:+.2f}", _pattern(s.pattern)] for s in report.students],
           [27, 12, 12, 10, 9, 9, 21])
    _techniques(cursor, paper, keeps, report.students, pad)

    _heading(cursor, paper, keeps, translate("ReportPdf", "Articles, hardest first"))
    headers = [translate("ReportPdf", "Article"), translate("ReportPdf", "Attempts"),
               translate("ReportPdf", "Mean score"), translate("ReportPdf", "Most missed"),
               translate("ReportPdf", "Most common false alarm")]
    _table(cursor, paper, pad, headers,
           [[f"{a.title}\n{a.set_id}/{a.article_id}", str(a.attempts),
             _percent(a.mean_student_score), a.most_missed or "–",
             a.most_common_false_alarm or "–"] for a in report.articles],
           [28, 12, 12, 24, 24])

    taxonomy = default_taxonomy()
    if report.confusion:
        _heading(cursor, paper, keeps, translate("ReportPdf",
                                                 "Key technique and the label students gave"))
        headers = [translate("ReportPdf", "In the key"), translate("ReportPdf", "Students gave"),
                   translate("ReportPdf", "Times")]
        _table(cursor, paper, pad, headers,
               [[_name(taxonomy, key), _name(taxonomy, given), str(count)]
                for (key, given), count in sorted(report.confusion.items(),
                                                  key=lambda kv: (kv[0][0], -kv[1]))],
               [40, 45, 15])
    if report.notes:
        _heading(cursor, paper, keeps, translate("ReportPdf", "“I disagree” notes"))
        titles = {(a.set_id, a.article_id): a.title for a in report.articles}
        # Each note with the phrase it is about (review finding 19).
        rows = [[titles.get(key, f"{key[0]}/{key[1]}"), name,
                 translate("ReportPdf", "“%1”").replace("%1", phrase) if phrase else "", text]
                for key, notes in sorted(report.notes.items())
                for name, phrase, text in notes]
        headers = [translate("ReportPdf", "Article"), translate("ReportPdf", "Student"),
                   translate("ReportPdf", "About"), translate("ReportPdf", "Note")]
        _table(cursor, paper, pad, headers, rows, [22, 16, 22, 40])
    _flagged(cursor, paper, keeps, report, pad)
    return doc, keeps


def _table(cursor: QTextCursor, paper: Paper, pad: float, headers: Sequence[str],
           rows: Sequence[Sequence[str]], widths: Sequence[float],
           shading: Sequence[Sequence[QColor | None]] | None = None) -> None:
    """insert_table with each column at least as wide as the longest word of its header, so
    that a header wraps between words, never inside one ("Unsupporte d")."""
    insert_table(cursor, pad, headers, rows, shading=shading, point_size=TABLE_PT,
                 widths=fit_column_widths(widths, [_header_percent(paper, h, pad)
                                                   for h in headers]))


def _header_percent(paper: Paper, header: str, pad: float) -> float:
    """The narrowest column, as a percentage of the text width, that holds the header's
    longest word on one line."""
    word = widest_word(header, print_font(TABLE_PT, serif=False, bold=True), paper.device)
    text_width = paper.width - paper.px(MARGIN_MM["left"] + MARGIN_MM["right"])
    # Cell padding both sides (a layout length), the borders and a little room to spare.
    return (word + 2 * pad * paper.layout_ratio + paper.px(1.0)) / text_width * 100


def _name(taxonomy: Taxonomy, label: str) -> str:
    if label == "(missed)":
        return translate("ReportPdf", "(missed)")
    return taxonomy.display_name(label)


def _techniques(cursor: QTextCursor, paper: Paper, keeps: list[Keep],
                students: Sequence[StudentRow], pad: float) -> None:
    """Students × techniques, a few techniques per table so that the columns stay readable
    (as many as fit with each header's longest word whole, at most TECHNIQUES_PER_TABLE);
    only techniques the class met."""
    taxonomy = default_taxonomy()
    seen = [t for t in dict.fromkeys(t for s in students for t in s.mastery)
            if any(s.mastery[t].examples for s in students if t in s.mastery)]
    order = {t: i for i, t in enumerate(taxonomy.techniques)}
    seen.sort(key=lambda t: order.get(t, len(order)))
    if not seen:
        return
    _heading(cursor, paper, keeps, translate("ReportPdf", "Mastery by technique"), translate(
        "ReportPdf", "Mastery: recent key phrases of that technique found (a phrase only partly "
        "marked does not count); in brackets, how many the student met; – means not enough "
        "yet. Darker cells: higher mastery."))
    for number, chunk in enumerate(_technique_tables(paper, pad, seen, taxonomy)):
        if number:  # room between the tables; each keeps its header row and first row
            new_block(cursor, top=paper.fmt(3))
            keeps.append(Keep(cursor.block(), cursor.block(), trail=ORPHAN_LINES))
        rows: list[list[str]] = []
        shading: list[list[QColor | None]] = []
        for student in students:
            row = [student.student_name]
            shades: list[QColor | None] = [None]
            for technique in chunk:
                found = student.mastery.get(technique)
                if found is None or not found.examples:
                    row.append("")
                    shades.append(None)
                    continue
                row.append(f"{_percent(found.mastery)} ({found.examples})")
                shades.append(_shade(found.mastery))
            rows.append(row)
            shading.append(shades)
        width = (100 - NAME_PERCENT) / len(chunk)
        headers = [translate("ReportPdf", "Student")] + [taxonomy.display_name(t) for t in chunk]
        _table(cursor, paper, pad, headers, rows, [NAME_PERCENT] + [width] * len(chunk),
               shading)


def _technique_tables(paper: Paper, pad: float, techniques: Sequence[str],
                      taxonomy: Taxonomy) -> list[list[str]]:
    """The techniques split into tables whose columns fit the text width."""
    tables: list[list[str]] = [[]]
    room = 100 - NAME_PERCENT
    for technique in techniques:
        need = _header_percent(paper, taxonomy.display_name(technique), pad)
        current = tables[-1]
        used = sum(_header_percent(paper, taxonomy.display_name(t), pad) for t in current)
        if current and (len(current) == TECHNIQUES_PER_TABLE or used + need > room):
            tables.append([])
        tables[-1].append(technique)
    return tables


def _shade(mastery: float | None) -> QColor | None:
    if mastery is None:
        return None
    return next((colour for floor, colour in MASTERY_SHADES if mastery >= floor), None)


def _flagged(cursor: QTextCursor, paper: Paper, keeps: list[Keep], report: ClassReport,
             pad: float) -> None:
    rows = [[name, translate(
        "ReportPdf", "the scores in the file disagree with its marks (attempt %1); the report "
        "uses scores computed again").replace("%1", attempt)]
            for name, attempt in report.disagreements]
    rows += [[name, translate(
        "ReportPdf", "attempt on %1/%2 left out: that revision of the article is not in this "
        "library").replace("%1", set_id).replace("%2", article_id)]
             for name, set_id, article_id in report.missing]
    rows += [[f"{first} / {second}",
              translate("ReportPdf", "the same student (%1) under two names").replace("%1", sid)]
             for sid, first, second in report.same_id_other_name]
    if rows:
        _heading(cursor, paper, keeps, translate("ReportPdf", "Flagged"))
        headers = [translate("ReportPdf", "Student"), translate("ReportPdf", "What")]
        _table(cursor, paper, pad, headers, rows, [30, 70])


def _heatmap_page(paper: Paper, report: ClassReport, pair: tuple[str, str]) -> QTextDocument:
    from trainer.ui.shell import theme
    from trainer.ui.teacher.class_report.heatmap import (
        heatmap_document,
        insert_legend,
        print_legend_text,
    )

    article = report.resolved[pair]
    marked = report.marked.get(pair, [])
    view = article.scoring_view()
    shares = heatmap(view, marked)
    key = [Span(a.start, a.end, a.label) for a in view.annotations if not a.optional]
    row = next((a for a in report.articles if (a.set_id, a.article_id) == pair), None)
    doc = paper.new_document(print_font())
    cursor = QTextCursor(doc)
    new_block(cursor, first=True, bottom=paper.fmt(1))
    cursor.insertText(translate("ReportPdf", "Class heatmap"),
                      char_format(11, serif=False, color=GREY))
    new_block(cursor, bottom=paper.fmt(3))
    # ClassReport.marked holds each student's latest attempt on the article.
    summary = (translate("ReportPdf", "%1/%2 · %n student (latest attempt)", "", len(marked))
               if len(marked) == 1 else
               translate("ReportPdf", "%1/%2 · %n students (latest attempt each)", "",
                         len(marked))).replace("%1", pair[0]).replace("%2", pair[1])
    if row is not None:
        summary += " · " + translate("ReportPdf", "mean score %1").replace(
            "%1", _percent(row.mean_student_score))
    cursor.insertText(summary, char_format(9.5, serif=False, color=GREY))
    new_block(cursor, bottom=paper.fmt(4))
    insert_legend(cursor, theme.LIGHT)
    # The screen's legend sentence says to point at a word; paper gets its own.
    cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock,
                        QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(print_legend_text(), char_format(9.5, serif=False))
    new_block(cursor, top=paper.fmt(4))
    first = cursor.block().blockNumber()
    source = heatmap_document(article, shares, key, print_font(), colors=theme.LIGHT)
    cursor.insertFragment(QTextDocumentFragment(source))
    _number_passage(doc, first)
    return doc


def _number_passage(doc: QTextDocument, first: int) -> None:
    """Line numbers and room between the lines for the passage (the blocks after the
    headline and the blank line heatmap_document puts first)."""
    block = doc.findBlockByNumber(first + 2)
    while block.isValid():
        fmt = block.blockFormat()
        fmt.setProperty(PASSAGE, 1)
        fmt.setLineHeight(170, fmt.LineHeightTypes.ProportionalHeight.value)
        QTextCursor(block).setBlockFormat(fmt)
        block = block.next()
