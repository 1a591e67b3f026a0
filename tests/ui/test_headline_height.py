"""The practice screen's headline line grows with a longer headline (it was cut to the height
of the previous passage's headline until the window was resized), and its font stays the same
from passage to passage (it grew by 15 % with each one)."""

from __future__ import annotations

from PySide6.QtGui import QFont
from pytestqt.qtbot import QtBot

from trainer.ui.practice.headline import HeadlineView


def test_a_longer_headline_gets_the_height_it_needs(qtbot: QtBot) -> None:
    view = HeadlineView()
    qtbot.addWidget(view)
    view.resize(420, 60)
    view.show()
    qtbot.waitExposed(view)
    view.set_passage("Short headline")
    one_line = view.height()
    view.set_passage("Council to review Lantern Fields festival licence after noise "
                     "complaints from residents on three streets near the park")
    qtbot.waitUntil(lambda: view.height() > one_line * 1.5, timeout=1000)
    view.set_passage("Short again")
    qtbot.waitUntil(lambda: view.height() == one_line, timeout=1000)


def test_the_headline_font_does_not_grow_with_each_passage(qtbot: QtBot) -> None:
    view = HeadlineView()
    qtbot.addWidget(view)
    view.set_passage("First")
    size = view.document().defaultFont().pointSizeF()
    for n in range(5):
        view.set_passage(f"Headline {n}")
    assert view.document().defaultFont().pointSizeF() == size
    assert view.document().defaultFont().bold()


def test_the_headline_stays_bold_when_the_text_gets_larger(qtbot: QtBot) -> None:
    """Review 22: Ctrl++ changes the widget's font, and QTextEdit then resets its document to
    that plain font: the headline lost its bold until the next passage."""
    view = HeadlineView()
    qtbot.addWidget(view)
    view.set_passage("Emergency waits lengthen over winter")
    before = view.document().defaultFont().pointSizeF()
    font = QFont(view.font())
    font.setPointSizeF(font.pointSizeF() * 1.5)
    view.setFont(font)
    assert view.document().defaultFont().bold()
    assert view.document().defaultFont().pointSizeF() > before
