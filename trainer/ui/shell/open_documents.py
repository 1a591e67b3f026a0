"""Files handed to the program by the desktop (a double-click runs `trainer FILE…`).

Each file is routed by the "format" field it holds, not by its name: an article set goes
through the normal import (progress dialog and summary), a progress file is merged into this
computer's profiles (as Progress → Import my progress does), an assignment opens as File →
Open assignment does, and a type this version cannot open yet says so. Every outcome is a
message; nothing here raises into the event loop.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from trainer.core.filetypes import by_extension, sniff

if TYPE_CHECKING:
    from trainer.ui.shell.main_window import MainWindow


# Literal calls (context, text): pyside6-lupdate only finds those.
translate = QCoreApplication.translate


def open_documents(window: MainWindow, paths: Sequence[Path]) -> None:
    window.finish_setup()
    if window.ensure_store() is None:
        return  # the user was already told why the data could not be opened
    sets: list[Path] = []
    for path in paths:
        kind = sniff(path) or by_extension(path)
        key = kind.key if kind is not None else ""
        if key == "article-set":
            sets.append(path)
        elif key == "progress":
            window.progress.import_progress(path)  # Progress → Import my progress, same path
        elif key == "assignment":
            window.assignments.open_path(path)  # File → Open assignment, same path
        else:
            what = kind.description if kind else translate("OpenDocuments", "file")
            QMessageBox.information(
                window, translate("OpenDocuments", "Cannot open this file"), translate(
                    "OpenDocuments", "{name} is a {kind}. This version of the trainer cannot "
                    "open it yet; please install a newer version.").format(
                        name=path.name, kind=what))
    if sets:
        window.import_export.import_paths(sets)
