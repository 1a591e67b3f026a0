"""Review 4, finding 16: the drawer's fold handle says in words what it shows or hides,
written along the bar under its arrow (an arrow alone did not say what it opens)."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from trainer.ui.shell import theme
from trainer.ui.widgets.drawer import DrawerBody


def _words_drawn(handle: QWidget) -> int:
    """Pixels in the text colour below the arrow: the words written along the bar."""
    image = handle.grab().toImage()
    text = QColor(theme.current().text)
    top = handle.fontMetrics().height() + 8
    return sum(1 for y in range(top, image.height()) for x in range(image.width())
               if _near(image.pixelColor(x, y), text))


def _near(one: QColor, two: QColor) -> bool:
    return max(abs(one.red() - two.red()), abs(one.green() - two.green()),
               abs(one.blue() - two.blue())) <= 60


def test_the_drawer_handle_says_what_it_shows_and_hides(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    body = DrawerBody(QLabel("passage"), QLabel("panel"), "the labels and my marks",
                      parent=window)
    window.resize(700, 500)
    body.resize(700, 500)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: body.mode == "compact")
    handle = body.toggle
    assert handle.isVisible() and not body.is_open()
    assert handle.text() == "Show the labels and my marks"
    assert handle.accessibleName() == "Show the labels and my marks"
    assert _words_drawn(handle) > 40
    handle.click()
    assert body.is_open()
    assert handle.text() == "Hide the labels and my marks"
    assert _words_drawn(handle) > 40
    # Wide enough for a line of the current text.
    assert handle.width() >= handle.fontMetrics().height()
