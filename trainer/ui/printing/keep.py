"""Page breaks a reader expects: what belongs together stays on one page.

QTextDocument paginates line by line and knows no "keep with next": left alone it strands a
heading at the foot of a page, puts a tip at the top of the next page away from its phrase,
or sends a passage's writing lines onto a page of their own (review finding 24). The builders
describe what belongs together as `Keep`s; `keep_together` lays the document out for the
paper and, where a Keep straddles a page break but fits on a page, starts it on the next
page. Qt stays the one that lays the text out: each fix is a page-break flag on a block, and
the next check reads Qt's layout again, so the result is what Qt will paint.

Speed: after an edit Qt lays out again everything that follows it, so fixing a whole
worksheet in place costs one layout of the rest per fix (a second for the starter set). The
document is therefore copied, Keep by Keep, into a document laid out for the paper, and each
Keep is settled while it is near the end of that copy: fixes are made front to back, a fix
moves only what follows it, and what follows is short.

A group can also hold on to the last lines of the block before it (`lead`: writing lines stay
with the end of their passage) or to the first lines or table rows after it (`trail`: a
heading keeps what it heads). Breaking before "the last two lines of a paragraph" splits that
paragraph into two blocks at the line break Qt chose; the lines do not move, and the passage
numbering, which counts lines, not blocks, runs on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from PySide6.QtGui import (
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextFormat,
)

ORPHAN_LINES = 2  # a heading keeps at least this many lines (or table rows) of what it heads
WIDOW_LINES = 2  # what ends a passage keeps at least this many of its last lines
_SAVED_TOP = QTextFormat.Property.UserProperty + 20  # a flagged block's own top margin


@dataclass
class Keep:
    """The blocks from `first` to `last` (of the document being built), kept on one page
    when they fit on one. Top-level Keeps must come in document order."""

    first: QTextBlock
    last: QTextBlock
    lead: int = 0  # also keep this many last lines of the block before `first`
    trail: int = 0  # also keep this many first lines (or table rows) of what follows `last`
    # Kept instead when the whole is too tall for a page (it then flows over pages).
    parts: list[Keep] = field(default_factory=list)


@dataclass
class _Anchored:
    """A Keep moved into the laid-out copy: cursors at its blocks' starts, which follow the
    paragraph splits made there."""

    first: QTextCursor
    last: QTextCursor
    lead: int
    trail: int
    parts: list[_Anchored]

    @classmethod
    def of(cls, item: Keep, doc: QTextDocument, shift: int) -> _Anchored:
        def at(block: QTextBlock) -> QTextCursor:
            return QTextCursor(doc.findBlock(block.position() + shift))

        return cls(at(item.first), at(item.last), item.lead, item.trail,
                   [cls.of(part, doc, shift) for part in item.parts])


@dataclass(frozen=True)
class _Page:
    height: float  # device pixels, margins included
    top: float  # where the text starts on a page (the top margin)


def keep_together(source: QTextDocument, target: QTextDocument, keeps: Sequence[Keep],
                  notes: Sequence[tuple[int, str]], page_height: float, top_margin: float
                  ) -> list[tuple[int, str]]:
    """Copy `source` into `target` (empty, with the same margins, laid out for the paper)
    so that each Keep that fits on a page is on one page. `notes` are (position in
    `source`, text) pairs; returns them with their positions in `target`."""
    page = _Page(page_height, top_margin)
    starts = [k.first.position() for k in keeps]
    bounds = sorted({0, *starts[1:], source.characterCount() - 1})
    cursor = QTextCursor(target)
    anchors: list[tuple[QTextCursor, str]] = []
    pending = sorted(notes)
    done = 0  # Keeps settled
    for index, (start, end) in enumerate(pairwise(bounds)):
        shift = target.characterCount() - 1 - start  # block separators the splits added
        _append(source, cursor, start, end)
        while pending and pending[0][0] < end:
            position, text = pending.pop(0)
            anchor = QTextCursor(target)
            anchor.setPosition(position + shift)
            anchors.append((anchor, text))
        target.pageCount()  # finish the layout before any edit (see _relayout)
        # The Keep before this piece is settled once this piece is in: a trail may reach
        # into it. (The last piece settles the rest.)
        last = index == len(bounds) - 2
        while done < len(keeps) and (last or keeps[done].first.position() < start):
            shift = target.characterCount() - 1 - end
            _place(target, _Anchored.of(keeps[done], target, shift), page)
            done += 1
    return [(anchor.position(), text) for anchor, text in anchors]


def _append(source: QTextDocument, cursor: QTextCursor, start: int, end: int) -> None:
    selection = QTextCursor(source)
    selection.setPosition(start)
    selection.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertFragment(QTextDocumentFragment(selection))


def _place(doc: QTextDocument, item: _Anchored, page: _Page) -> None:
    top, bottom = _extent(doc, item)
    if _one_page(top, bottom, page):
        return
    if not _at_page_top(top, page):
        flagged = _break_before(doc, item)
        top, bottom = _extent(doc, item)
        if _one_page(top, bottom, page):
            return
        if flagged is not None:
            _set_break(flagged, on=False)  # too tall for a page: the break gains nothing
    for part in item.parts:
        _place(doc, part, page)


def _one_page(top: float, bottom: float, page: _Page) -> bool:
    return int(top // page.height) == int(max(top, bottom - 0.5) // page.height)


def _at_page_top(top: float, page: _Page) -> bool:
    return top - (top // page.height) * page.height <= page.top + 1.0


def _line_tops(doc: QTextDocument, block: QTextBlock) -> list[tuple[float, float, int]]:
    """(top, bottom, document position) of each laid-out line of `block`."""
    origin = doc.documentLayout().blockBoundingRect(block).top()
    layout = block.layout()
    lines = []
    for i in range(layout.lineCount()):
        line = layout.lineAt(i)
        top = origin + line.y()
        lines.append((top, top + line.height(), block.position() + line.textStart()))
    return lines


def _block_span(doc: QTextDocument, block: QTextBlock) -> tuple[float, float]:
    lines = _line_tops(doc, block)
    if lines:
        return lines[0][0], lines[-1][1]
    rect = doc.documentLayout().blockBoundingRect(block)
    return rect.top(), rect.bottom()


def _extent(doc: QTextDocument, item: _Anchored) -> tuple[float, float]:
    """Top of the first line and bottom of the last line the group holds on to."""
    first, last = item.first.block(), item.last.block()
    top = _block_span(doc, first)[0]
    if item.lead:
        before = first.previous()
        if before.isValid() and before.length() > 1:
            lines = _line_tops(doc, before)
            if lines:
                top = lines[max(0, len(lines) - item.lead)][0]
    bottom = _block_span(doc, last)[1]
    if item.trail:
        bottom = max(bottom, _trail_bottom(doc, last.next(), item.trail))
    return top, bottom


def _trail_bottom(doc: QTextDocument, after: QTextBlock, count: int) -> float:
    if not after.isValid():
        return 0.0
    table = QTextCursor(after).currentTable()
    if table is not None:
        bottom = 0.0
        for row in range(min(count, table.rows())):
            for column in range(table.columns()):
                cell = table.cellAt(row, column)
                if cell.isValid():
                    block = cell.lastCursorPosition().block()
                    bottom = max(bottom, _block_span(doc, block)[1])
        return bottom
    lines = _line_tops(doc, after)
    if not lines:
        return _block_span(doc, after)[1]
    return lines[min(count, len(lines)) - 1][1]


def _break_before(doc: QTextDocument, item: _Anchored) -> QTextBlock | None:
    """Start the group on a new page: flag its first block, or first split the block before
    it where its last `lead` lines begin. Returns the block flagged (None if it already
    was)."""
    target = item.first.block()
    if item.lead:
        before = target.previous()
        lines = _line_tops(doc, before) if before.isValid() and before.length() > 1 else []
        if len(lines) > item.lead:
            cursor = QTextCursor(doc)
            cursor.setPosition(lines[len(lines) - item.lead][2])
            fmt = before.blockFormat()
            fmt.setTopMargin(0.0)
            cursor.insertBlock(fmt, before.charFormat())
            target = cursor.block()
        elif lines:
            target = before
    if target.blockFormat().pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore:
        return None
    _set_break(target, on=True)
    return target


def _set_break(block: QTextBlock, *, on: bool) -> None:
    """Flag (or unflag) a page break before `block`. A block that starts a page needs no
    space above it: its top margin is set aside while the flag is on."""
    fmt = block.blockFormat()
    if on:
        fmt.setProperty(_SAVED_TOP, fmt.topMargin())
        fmt.setTopMargin(0.0)
        fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    else:
        saved = fmt.property(_SAVED_TOP)
        fmt.setTopMargin(float(saved) if isinstance(saved, (int, float)) else 0.0)
        fmt.clearProperty(_SAVED_TOP)
        fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_Auto)
    QTextCursor(block).setBlockFormat(fmt)
    _relayout(block)


def _relayout(block: QTextBlock) -> None:
    """Finish laying the document out after an edit. Qt may leave part of the work for
    later, and a further edit while it is pending can leave blocks after it with no lines at
    all (nothing printed, the page count short)."""
    document = block.document()
    if document is not None:
        document.pageCount()
