"""Paper: page sizes, margins, and painting a QTextDocument page by page onto a PDF or a printer.

A QTextDocument paginates itself once it has a page size, but it has no margin furniture. The
printouts need some (passage line numbers in the left margin, answer-key numbers in the right
one, ruled writing lines, a footer with page numbers), so blocks carry a few user properties
and `paint_document` draws them from the finished layout. That way the furniture sits exactly
beside the lines Qt actually laid out, whatever the font and page size.

Units: with a paint device set, QTextDocument lays text out in device pixels, but the lengths
in its formats (margins, indents, fixed line heights) are in "layout pixels" that it scales by
the device's DPI over the screen's logical DPI. `Paper.fmt` converts millimetres to the latter
so a margin measures the same on paper whichever screen the program runs on.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from trainer.ui.printing.keep import Keep, keep_together

PAGE_SIZES: dict[str, QPageSize.PageSizeId] = {
    "A4": QPageSize.PageSizeId.A4,
    "Letter": QPageSize.PageSizeId.Letter,
}
PDF_DPI = 300
# Margins that fit both A4 (210 × 297 mm) and Letter (216 × 279 mm): the line numbers need
# room on the left, the answer-key numbers on the right, the footer at the bottom.
MARGIN_MM = {"left": 24.0, "right": 20.0, "top": 18.0, "bottom": 22.0}
FOOTER_MM = 10.0  # from the bottom edge of the paper to the footer's baseline

# Block properties read back by paint_document.
PASSAGE = QTextFormat.Property.UserProperty + 1  # int: number this block's lines (per passage)
RULED = QTextFormat.Property.UserProperty + 2  # bool: draw a writing line under each line

INK = QColor("#000000")
GREY = QColor("#555555")


def page_size_id(name: str) -> QPageSize.PageSizeId:
    """A4 or Letter (case does not matter); ValueError names the choices otherwise."""
    for known, size in PAGE_SIZES.items():
        if known.casefold() == name.casefold():
            return size
    raise ValueError(f"unknown page size {name!r}: use A4 or Letter")


def ensure_gui_application() -> QGuiApplication:
    """Text layout needs a QGuiApplication (fonts). The command line gets one on the offscreen
    platform: a PDF needs no window, and a school server may have no display."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    return QGuiApplication(["trainer", "-platform", "offscreen"])


@dataclass
class Paper:
    """The geometry of one paint device, in device pixels, and the layout-unit conversion."""

    device: QPagedPaintDevice
    width: float = 0.0
    height: float = 0.0
    dpi: float = 0.0
    layout_ratio: float = 1.0  # device pixels per layout pixel

    def __post_init__(self) -> None:
        self.width = float(self.device.width())
        self.height = float(self.device.height())
        self.dpi = float(self.device.logicalDpiY())
        screen = QGuiApplication.primaryScreen()
        screen_dpi = round(screen.logicalDotsPerInchY()) if screen is not None else 96
        self.layout_ratio = self.dpi / (screen_dpi or 96)

    def px(self, mm: float) -> float:
        """Millimetres as device pixels (for what paint_document draws itself)."""
        return mm / 25.4 * self.dpi

    def fmt(self, mm: float) -> float:
        """Millimetres as layout pixels (for lengths inside text formats)."""
        return self.px(mm) / self.layout_ratio

    def new_document(self, font: QFont) -> QTextDocument:
        """An empty document for this paper: default font and margins. It is laid out for
        the paper only by `attach`, once it is built: with the paint device set, every
        insertion re-lays the document out, and a table of a few hundred rows takes minutes
        instead of milliseconds."""
        doc = QTextDocument()
        doc.setDefaultFont(font)
        frame = doc.rootFrame().frameFormat()
        frame.setLeftMargin(self.fmt(MARGIN_MM["left"]))
        frame.setRightMargin(self.fmt(MARGIN_MM["right"]))
        frame.setTopMargin(self.fmt(MARGIN_MM["top"]))
        frame.setBottomMargin(self.fmt(MARGIN_MM["bottom"]))
        doc.rootFrame().setFrameFormat(frame)
        return doc

    def attach(self, doc: QTextDocument) -> QTextDocument:
        """Lay a built document out on this paper (its page size and the device's metrics)."""
        if doc.documentLayout().paintDevice() is not self.device:
            doc.documentLayout().setPaintDevice(self.device)
            doc.setPageSize(QSizeF(self.width, self.height))
        return doc


@dataclass(frozen=True)
class NumberedLine:
    """One laid-out line of a passage: its number within the passage and where it sits."""

    passage: int
    number: int
    page: int
    top: float  # device pixels from the top of its page
    height: float
    ascent: float
    block: QTextBlock
    start: int  # document position of its first character
    end: int


@dataclass
class Sheet:
    """A document to print and what to draw around it."""

    document: QTextDocument
    footer: str = ""
    # (document position, text) pairs drawn in the right margin beside the line holding them.
    right_notes: Sequence[tuple[int, str]] = field(default_factory=tuple)
    # What must not be split by a page break (see trainer.ui.printing.keep).
    keeps: Sequence[Keep] = field(default_factory=tuple)
    # Set the passage's lines a little closer when that saves a page: a class heatmap ran one
    # line over its page (review 4 finding 5).
    tighten: bool = False


def numbered_lines(doc: QTextDocument, page_height: float,
                   first: QTextBlock | None = None) -> list[NumberedLine]:
    """Every line of every passage block, numbered from 1 within each passage; blank lines
    (the gap between paragraphs) are not numbered. From `first` on when given (the start of
    a passage), so that numbering passage after passage stays linear in the document."""
    lines: list[NumberedLine] = []
    current, number = None, 0
    block = first if first is not None else doc.begin()
    layout = doc.documentLayout()
    while block.isValid():
        passage = block.blockFormat().property(PASSAGE)
        if isinstance(passage, int) and block.length() > 1:
            if passage != current:
                current, number = passage, 0
            origin = layout.blockBoundingRect(block).topLeft()
            text_layout = block.layout()
            for i in range(text_layout.lineCount()):
                line = text_layout.lineAt(i)
                number += 1
                y = origin.y() + line.y()
                page = int(y // page_height)
                lines.append(NumberedLine(
                    passage, number, page, y - page * page_height, line.height(),
                    line.ascent(), block, block.position() + line.textStart(),
                    block.position() + line.textStart() + line.textLength()))
        block = block.next()
    return lines


def line_at(lines: Sequence[NumberedLine], position: int) -> NumberedLine | None:
    """The line holding document `position` (lines are in document order)."""
    index = bisect_right([line.start for line in lines], position) - 1
    if index < 0:
        return None
    line = lines[index]
    return line if position < max(line.end, line.start + 1) else None


def line_number_at(lines: Sequence[NumberedLine], position: int) -> int | None:
    line = line_at(lines, position)
    return None if line is None else line.number


def _ruled_lines(doc: QTextDocument, page_height: float) -> list[tuple[int, float, float, float]]:
    """(page, y, left, right) of each writing line: the bottom edge of each RULED block."""
    rules = []
    layout = doc.documentLayout()
    block = doc.begin()
    while block.isValid():
        if block.blockFormat().property(RULED):
            rect = layout.blockBoundingRect(block)
            page = int(rect.top() // page_height)
            rules.append((page, rect.bottom() - page * page_height, rect.left(), rect.right()))
        block = block.next()
    return rules


def paint_sheets(device: QPagedPaintDevice, paper: Paper, sheets: Sequence[Sheet]) -> int:
    """Paint the sheets one after another, each starting on a new page; returns the pages."""
    for sheet in sheets:
        if sheet.keeps:
            _keep_together(paper, sheet)
        else:
            paper.attach(sheet.document)
        if sheet.tighten:
            tighten(sheet.document)
    total = sum(max(1, s.document.pageCount()) for s in sheets)
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the printer or PDF file could not be opened for drawing")
    try:
        first = 0
        for sheet in sheets:
            first = _paint_sheet(painter, device, paper, sheet, first, total)
    finally:
        painter.end()
    return total


TIGHTEST = (0.94, 0.88, 0.82)  # of the passage's line spacing, tried in turn


def tighten(doc: QTextDocument) -> None:
    """Set the passage lines (PASSAGE blocks with a proportional line height) closer, by
    the least of TIGHTEST that makes the laid-out document a page shorter; as they were if
    none does. A page with a line or two of a passage on it is worse than lines a little
    closer together; more than that stays as it is."""
    pages = doc.pageCount()
    proportional = QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
    blocks: list[tuple[QTextBlock, float]] = []
    block = doc.begin()
    while block.isValid():
        fmt = block.blockFormat()
        if fmt.hasProperty(PASSAGE) and fmt.lineHeightType() == proportional:
            blocks.append((block, fmt.lineHeight()))
        block = block.next()
    if pages < 2 or not blocks:
        return

    def space(ratio: float) -> None:
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()  # laid out once, at the end
        for each, height in blocks:
            fmt = each.blockFormat()
            fmt.setLineHeight(max(100.0, round(height * ratio)), proportional)
            QTextCursor(each).setBlockFormat(fmt)
        cursor.endEditBlock()

    for ratio in TIGHTEST:
        space(ratio)
        if doc.pageCount() < pages:
            return
    space(1.0)
    doc.pageCount()


def _keep_together(paper: Paper, sheet: Sheet) -> None:
    """Replace the sheet's document by a copy laid out for the paper with its keeps
    applied (see trainer.ui.printing.keep)."""
    target = paper.attach(paper.new_document(sheet.document.defaultFont()))
    sheet.right_notes = keep_together(
        sheet.document, target, sheet.keeps, sheet.right_notes, paper.height,
        (paper.px(MARGIN_MM["top"]), paper.px(MARGIN_MM["bottom"])))
    sheet.document = target


def _paint_sheet(painter: QPainter, device: QPagedPaintDevice, paper: Paper, sheet: Sheet,
                 first: int, total: int) -> int:
    doc = sheet.document
    pages = max(1, doc.pageCount())
    h = paper.height
    numbers = numbered_lines(doc, h)
    rules = _ruled_lines(doc, h)
    notes: dict[tuple[int, int], list[str]] = {}
    heights: dict[tuple[int, int], float] = {}
    for position, text in sheet.right_notes:
        line = line_at(numbers, position)
        if line is not None:
            notes.setdefault((line.page, round(line.top)), []).append(text)
            heights[(line.page, round(line.top))] = line.height
    by_page: dict[int, list[NumberedLine]] = {}
    for numbered in numbers:
        by_page.setdefault(numbered.page, []).append(numbered)
    small = QFont(doc.defaultFont())
    small.setPointSizeF(max(6.0, doc.defaultFont().pointSizeF() * 0.7))
    for page in range(pages):
        if first + page > 0:
            device.newPage()
        painter.save()
        painter.translate(0, -page * h)
        doc.drawContents(painter, QRectF(0, page * h, paper.width, h))
        painter.restore()
        painter.setPen(QPen(GREY, max(1.0, paper.px(0.2))))
        for rule_page, y, left, right in rules:
            if rule_page == page:
                painter.drawLine(QPointF(left, y), QPointF(right, y))
        painter.setFont(small)
        painter.setPen(GREY)
        gutter_right = paper.px(MARGIN_MM["left"] - 4)
        for line in by_page.get(page, ()):
            box = QRectF(0, line.top, gutter_right, line.height)
            painter.drawText(box, int(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter), str(line.number))
        painter.setPen(INK)
        note_left = paper.width - paper.px(MARGIN_MM["right"] - 3)
        for (note_page, top), texts in notes.items():
            if note_page == page:
                box = QRectF(note_left, top, paper.px(MARGIN_MM["right"] - 4),
                             heights[(note_page, top)])
                painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft
                                          | Qt.AlignmentFlag.AlignVCenter), " ".join(texts))
        painter.setPen(GREY)
        footer = f"{sheet.footer} · {first + page + 1}/{total}" if sheet.footer \
            else f"{first + page + 1}/{total}"
        box = QRectF(paper.px(MARGIN_MM["left"]), h - paper.px(MARGIN_MM["bottom"]),
                     paper.width - paper.px(MARGIN_MM["left"] + MARGIN_MM["right"]),
                     paper.px(MARGIN_MM["bottom"] - FOOTER_MM + 4))
        painter.drawText(box, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                         footer)
    return first + pages


def pdf_bytes(page_size: str, build: Callable[[Paper], Sequence[Sheet]],
              title: str = "") -> tuple[bytes, int]:
    """Build the sheets for a PDF page of `page_size` and paint them; (PDF data, pages)."""
    ensure_gui_application()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setPageSize(QPageSize(page_size_id(page_size)))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    writer.setTitle(title)
    writer.setCreator("Media Literacy Trainer")
    paper = Paper(writer)
    pages = paint_sheets(writer, paper, build(paper))
    buffer.close()
    return bytes(data.data()), pages


def print_sheets(printer: QPagedPaintDevice, build: Callable[[Paper], Sequence[Sheet]]) -> int:
    """Lay the sheets out for a printer the print dialog configured and print them; returns
    the pages. The printer must paint on the whole sheet (QPrinter.setFullPage(True)): the
    margins are ours, the same as in the PDF."""
    paper = Paper(printer)
    return paint_sheets(printer, paper, build(paper))
