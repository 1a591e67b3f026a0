"""The passage widget: literal text, code-point offsets, keyboard selection, highlights."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat
from pytestqt.qtbot import QtBot

from trainer.ui.practice.passage_view import Highlight, PassageView
from trainer.ui.widgets.offsets import OffsetMap

HOSTILE = ('Officials said <b>nothing</b> <img src="http://example.invalid/x.png"> '
           'and <a href="http://example.invalid">click</a> &amp; more.')


def test_markup_in_article_text_is_shown_literally(qtbot: QtBot) -> None:
    view = PassageView()
    qtbot.addWidget(view)
    view.set_passage(HOSTILE)
    assert view.toPlainText() == HOSTILE
    assert view.document().toPlainText() == HOSTILE
    # Nothing was turned into an image, anchor or bold run.
    html = view.toHtml()
    assert "<img" not in html.replace("&lt;img", "")
    assert "&lt;b&gt;" in html and "&amp;amp;" in html
    block = view.document().begin()
    it = block.begin()
    while not it.atEnd():
        fmt = it.fragment().charFormat()
        assert not fmt.isImageFormat()
        assert not fmt.isAnchor()
        assert fmt.fontWeight() <= 400
        it += 1


def _select_with_keys(qtbot: QtBot, view: PassageView, start: int, length: int) -> None:
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for _ in range(start):
        qtbot.keyClick(view, Qt.Key.Key_Right)
    for _ in range(length):
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)


def test_keyboard_selection_over_emoji_and_combining_marks(qtbot: QtBot) -> None:
    # 😀 is two UTF-16 units; "é" here is e + U+0301, one grapheme of two code points.
    text = "Fans 😀😀 cheered: cafe\u0301 \U0001F1E9\U0001F1EA crowd «hope»"
    view = PassageView()
    qtbot.addWidget(view)
    view.show()
    view.set_passage(text)
    # Caret steps over whole graphemes: 5 steps reach the first emoji, 2 more cover both.
    _select_with_keys(qtbot, view, 5, 2)
    assert view.selection_span() == (5, 7)
    assert text[5:7] == "😀😀"
    # "café" with its combining accent: 4 graphemes, 5 code points.
    start = text.index("cafe")
    _select_with_keys(qtbot, view, start, 4)  # each emoji is one code point and one step
    span = view.selection_span()
    assert span is not None
    assert text[span[0]:span[1]] == "cafe\u0301"
    # The flag (two regional indicators) after it.
    flag = text.index("\U0001F1E9")
    view.select_range(flag, flag + 2)
    assert view.textCursor().selectedText() == "\U0001F1E9\U0001F1EA"
    assert view.selection_span() == (flag, flag + 2)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab é\u0301😀👍🏽\u4e2d")), min_size=1, max_size=40))
def test_offset_map_round_trips(text: str) -> None:
    mapping = OffsetMap(text)
    for cp in range(len(text) + 1):
        u16 = len(text[:cp].encode("utf-16-le")) // 2
        assert mapping.to_utf16(cp) == u16
        assert mapping.to_code_point(u16) == cp
    assert mapping.length_u16 == len(text.encode("utf-16-le")) // 2


def test_highlights_cover_code_point_ranges(qtbot: QtBot) -> None:
    text = "😀 alpha beta"
    view = PassageView()
    qtbot.addWidget(view)
    view.set_passage(text)
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    view.set_highlights([Highlight(2, 7, fmt)])
    (selection,) = view.extraSelections()
    assert selection.cursor.selectedText() == "alpha"
    assert selection.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline


def test_digit_and_delete_keys_are_signalled(qtbot: QtBot) -> None:
    view = PassageView()
    qtbot.addWidget(view)
    view.set_passage("Some text")
    with qtbot.waitSignal(view.label_key) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_2)
    assert blocker.args == [2]
    with qtbot.waitSignal(view.delete_key):
        qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert view.toPlainText() == "Some text"
