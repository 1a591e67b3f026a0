"""Application start-up (placeholder window until the practice GUI lands)."""

from __future__ import annotations

import sys


def run_app(data_dir: str | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication(sys.argv)
    label = QLabel("Media Literacy Trainer")
    label.setAccessibleName("Media Literacy Trainer")
    label.resize(480, 200)
    label.show()
    return int(app.exec())
