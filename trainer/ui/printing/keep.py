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
Keep is settled while it is at the end of that copy: fixes are made front to back, a fix
moves only what follows it, and what follows is short. Most passages end up starting a page,
so a Keep goes in with its page break already on and loses it again only if it would have
fitted after what comes before it: that way most are laid out once.

A group can also hold on to the last lines of the block before it (`lead`: writing lines stay
with the end of their passage) or to the first lines or table rows after it (`trail`: a
heading keeps what it heads). Breaking before "the last two lines of a paragraph" splits that
paragraph into two blocks at the line break Qt chose; the lines do not move, and the passage
numbering, which counts lines, not blocks, runs on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextFormat,
)

ORPHAN_LINES = 2  # a table's heading keeps at least this many of its rows (header and first)
HEADING_LINES = 4  # a passage's heading keeps at least this many of its lines (or all of them)
WIDOW_LINES = 2  # what ends a passage keeps at least this many of its last lines
# A group that fits on a page but not in the room left on this one starts the next page only
# if that leaves at most this share of the page empty; otherwise it starts where it is and
# flows by its parts (heading with its first lines, ..., end with its last lines). A page
# three-quarters empty before a passage was worse than a passage over a page turn (review 4
# finding 5).
MAX_GAP = 0.4
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
    """The laid-out copy and its page geometry (device pixels)."""

    doc: QTextDocument
    layout: QAbstractTextDocumentLayout  # asked for once: each call costs a wrapper
    height: float  # of a page, margins included
    top: float  # where the text starts on a page (the top margin)
    bottom: float  # the bottom margin


def keep_together(source: QTextDocument, target: QTextDocument, keeps: Sequence[Keep],
                  notes: Sequence[tuple[int, str]], page_height: float,
                  margins: tuple[float, float]) -> list[tuple[int, str]]:
    """Copy `source` into `target` (empty, with the same margins, laid out for the paper)
    so that each Keep that fits on a page is on one page. `notes` are (position in
    `source`, text) pairs; returns them with their positions in `target`. `margins` are
    the top and bottom margins of a page."""
    page = _Page(target, target.documentLayout(), page_height, *margins)
    if not keeps:
        _append(source, QTextCursor(target), 0, source.characterCount() - 1)
        return list(notes)
    # Piece i holds Keep i (the first piece also what comes before it).
    bounds = [0, *(k.first.position() for k in keeps[1:]), source.characterCount() - 1]
    cursor = QTextCursor(target)
    anchors: list[tuple[QTextCursor, str]] = []
    pending = sorted(notes)
    waiting: Keep | None = None  # a Keep whose trail reaches into the next piece
    moved = True  # whether the last Keep settled starts a new page
    for index, item in enumerate(keeps):
        start, end = bounds[index], bounds[index + 1]
        # Where passages are long enough, one after another starts a new page: inserted
        # with the break already on, a Keep is laid out once, and loses the break again
        # if it would have fitted after what comes before it.
        guessed = moved and index > 0 and not item.lead and not item.trail
        if guessed:  # the copy's last block, empty, is where the piece's first block goes
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.setBlockFormat(_with_break(item.first.blockFormat(), True))
        shift = target.characterCount() - 1 - start  # block separators the splits added
        _append(source, cursor, start, end)
        while pending and pending[0][0] < end:
            position, text = pending.pop(0)
            anchor = QTextCursor(target)
            anchor.setPosition(position + shift)
            anchors.append((anchor, text))
        target.pageCount()  # finish the layout before any edit (see _relayout)
        shift = target.characterCount() - 1 - end
        if waiting is not None:
            _place(page, _Anchored.of(waiting, target, shift))
            waiting = None
        if item.trail:
            waiting = item
        elif guessed:
            moved = _settle_guess(page, _Anchored.of(item, target, shift))
        else:
            moved = _place(page, _Anchored.of(item, target, shift))
    if waiting is not None:
        _place(page, _Anchored.of(waiting, target, target.characterCount() - 1 - bounds[-1]))
    return [(anchor.position(), text) for anchor, text in anchors]


def _append(source: QTextDocument, cursor: QTextCursor, start: int, end: int) -> None:
    selection = QTextCursor(source)
    selection.setPosition(start)
    selection.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertFragment(QTextDocumentFragment(selection))


def _place(page: _Page, item: _Anchored) -> bool:
    """Settle a group; whether it now starts a new page."""
    top, bottom = _extent(page, item)
    if _one_page(top, bottom, page):
        return False
    flows = bool(item.parts) and _room_below(top, page) > MAX_GAP * _text_height(page)
    if not flows and not _at_page_top(top, page) and not _too_tall(top, bottom, page):
        flagged = _break_before(page, item)
        top, bottom = _extent(page, item)
        if _one_page(top, bottom, page):
            return True
        if flagged is not None:
            _set_break(flagged, on=False)  # too tall for a page: the break gains nothing
    for part in item.parts:
        _place(page, part)
    return False


def _settle_guess(page: _Page, item: _Anchored) -> bool:
    """`item` was inserted starting a new page. It keeps that break if it would not have
    fitted after what comes before it (returns True); one too tall for any page loses it
    and flows."""
    first = item.first.block()
    top, bottom = _extent(page, item)
    if not _at_page_top(top, page):  # (it cannot be: a safety net)
        return _place(page, item)
    if _one_page(top, bottom, page):
        fits = _might_fit_before(page, first, bottom - top)
        if not fits and not (item.parts and _room_before(page, first)
                             > MAX_GAP * _text_height(page)):
            return True
        _set_break(first, on=False)
        if not fits:  # a large gap before it: it starts there and flows
            for part in item.parts:
                _place(page, part)
            return False
        top, bottom = _extent(page, item)
        if _one_page(top, bottom, page):
            return False
        _set_break(first, on=True)
        return True
    _set_break(first, on=False)
    for part in item.parts:
        _place(page, part)
    return False


def _might_fit_before(page: _Page, first: QTextBlock, height: float) -> bool:
    """Whether a group of `height` might fit on the page where the block before `first`
    ends. Errs on the side of yes (the caller checks with Qt's layout): it measures to the
    bottom of that block's last line, less than the room a fixed line height takes."""
    if not first.previous().isValid():
        return True
    saved = first.blockFormat().property(_SAVED_TOP)
    needed = height + (float(saved) if isinstance(saved, (int, float)) else 0.0)
    return needed <= _room_before(page, first) + 1.0


def _room_before(page: _Page, first: QTextBlock) -> float:
    """The room left on the page where the block before `first` ends, below its last line."""
    before = first.previous()
    if not before.isValid():
        return _text_height(page)
    lines = _line_tops(page, before)
    end = lines[-1][1] if lines else page.layout.blockBoundingRect(before).bottom()
    return _room_below(end, page)


def _room_below(y: float, page: _Page) -> float:
    """From `y` to the bottom of the text on y's page."""
    return (y // page.height + 1) * page.height - page.bottom - y


def _text_height(page: _Page) -> float:
    return page.height - page.top - page.bottom


def _too_tall(top: float, bottom: float, page: _Page) -> bool:
    """Whether a group laid out from `top` to `bottom` is surely taller than a page: taller
    than the text height plus, for each page break it crosses, the margins and the most a
    line moved to the next page can leave unused (less than 6 % of a page)."""
    breaks = int(bottom // page.height) - int(top // page.height)
    room = page.height - page.top - page.bottom
    return bottom - top > room + breaks * (page.top + page.bottom + 0.06 * page.height)


def _one_page(top: float, bottom: float, page: _Page) -> bool:
    return int(top // page.height) == int(max(top, bottom - 0.5) // page.height)


def _at_page_top(top: float, page: _Page) -> bool:
    return top - (top // page.height) * page.height <= page.top + 1.0


def _line_tops(page: _Page, block: QTextBlock) -> list[tuple[float, float, int]]:
    """(top, bottom, document position) of each laid-out line of `block`."""
    origin = page.layout.blockBoundingRect(block).top()
    layout = block.layout()
    position = block.position()
    lines = []
    for i in range(layout.lineCount()):
        line = layout.lineAt(i)
        top = origin + line.y()
        lines.append((top, top + line.height(), position + line.textStart()))
    return lines


def _block_span(page: _Page, block: QTextBlock) -> tuple[float, float]:
    lines = _line_tops(page, block)
    if lines:
        return lines[0][0], lines[-1][1]
    rect = page.layout.blockBoundingRect(block)
    return rect.top(), rect.bottom()


def _extent(page: _Page, item: _Anchored) -> tuple[float, float]:
    """Top of the first line and bottom of the last line the group holds on to."""
    first, last = item.first.block(), item.last.block()
    top = _block_span(page, first)[0]
    if item.lead:
        before = first.previous()
        if before.isValid() and before.length() > 1:
            lines = _line_tops(page, before)
            if lines:
                top = lines[max(0, len(lines) - item.lead)][0]
    bottom = _block_span(page, last)[1]
    if item.trail:
        bottom = max(bottom, _trail_bottom(page, last.next(), item.trail))
    return top, bottom


def _trail_bottom(page: _Page, after: QTextBlock, count: int) -> float:
    """The bottom of the first `count` rows of the table at `after`, or of the first `count`
    lines of text from `after` on (across paragraphs; blank lines do not count)."""
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
                    bottom = max(bottom, _block_span(page, block)[1])
        return bottom
    bottom = _block_span(page, after)[1]
    block = after
    while block.isValid() and count > 0 and QTextCursor(block).currentTable() is None:
        if block.length() > 1:
            lines = _line_tops(page, block)[:count]
            if lines:
                bottom = lines[-1][1]
                count -= len(lines)
        block = block.next()
    return bottom


def _break_before(page: _Page, item: _Anchored) -> QTextBlock | None:
    """Start the group on a new page: flag its first block, or first split the block before
    it where its last `lead` lines begin. Returns the block flagged (None if it already
    was)."""
    target = item.first.block()
    if item.lead:
        before = target.previous()
        lines = _line_tops(page, before) if before.isValid() and before.length() > 1 else []
        if len(lines) > item.lead:
            cursor = QTextCursor(page.doc)
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
    """Flag (or unflag) a page break before `block`, and lay the document out again."""
    QTextCursor(block).setBlockFormat(_with_break(block.blockFormat(), on))
    _relayout(block)


def _with_break(fmt: QTextBlockFormat, on: bool) -> QTextBlockFormat:
    """`fmt` with a page break before it, or without. A block that starts a page needs no
    space above it: its top margin is set aside while the flag is on."""
    if on:
        if fmt.pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore:
            return fmt
        fmt.setProperty(_SAVED_TOP, fmt.topMargin())
        fmt.setTopMargin(0.0)
        fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    else:
        saved = fmt.property(_SAVED_TOP)
        fmt.setTopMargin(float(saved) if isinstance(saved, (int, float)) else 0.0)
        fmt.clearProperty(_SAVED_TOP)
        fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_Auto)
    return fmt


def _relayout(block: QTextBlock) -> None:
    """Finish laying the document out after an edit. Qt may leave part of the work for
    later, and a further edit while it is pending can leave blocks after it with no lines at
    all (nothing printed, the page count short)."""
    document = block.document()
    if document is not None:
        document.pageCount()
