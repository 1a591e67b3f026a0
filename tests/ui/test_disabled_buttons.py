"""A disabled button must look disabled in every theme (review: a finished assignment's
"Start next passage" was disabled but looked ready to press)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from trainer.ui.shell import theme


@pytest.fixture
def app_look() -> Iterator[QApplication]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    sheet, palette, font, colors = app.styleSheet(), app.palette(), app.font(), theme.current()
    yield app
    app.setStyleSheet(sheet)
    app.setPalette(palette)
    app.setFont(font)
    theme._current = colors


def _pixels(button: QPushButton) -> set[int]:
    QApplication.processEvents()
    image = button.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    return {image.pixel(x, y) for x in range(image.width()) for y in range(image.height())}


@pytest.mark.parametrize("name", ["light", "dark", "high-contrast"])
@pytest.mark.parametrize("role", ["", "primary"])
def test_a_disabled_button_looks_different_and_drops_the_accent(
        qtbot: QtBot, app_look: QApplication, name: str, role: str) -> None:
    colors = theme.apply_theme(app_look, name)
    button = QPushButton("Start next passage")
    if role:
        button.setProperty("role", role)
    qtbot.addWidget(button)
    button.resize(220, 40)
    button.show()
    enabled = _pixels(button)
    button.setEnabled(False)
    disabled = _pixels(button)
    assert enabled != disabled
    accent = QColor(colors.accent).rgb()
    if role == "primary":
        assert accent in enabled
        assert accent not in disabled  # a filled accent button reads as "press me"
