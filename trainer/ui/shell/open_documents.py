"""Files handed to the program by the desktop (a double-click runs `trainer FILE…`).

Each file is routed by the "format" field it holds, not by its name: an article set goes
through the normal import (progress dialog and summary), a progress file is merged into this
computer's profiles, and a type this version cannot open yet says so. Every outcome is a
message; nothing here raises into the event loop.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from trainer.core.errors import InvalidInput
from trainer.core.filetypes import by_extension, sniff
from trainer.storage.errors import StoreError

if TYPE_CHECKING:
    from trainer.ui.shell.main_window import MainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("OpenDocuments", text)


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
            _import_progress(window, path)
        else:
            QMessageBox.information(window, _tr("Cannot open this file"), _tr(
                "{name} is a {kind}. This version of the trainer cannot open it yet; "
                "please install a newer version.").format(
                    name=path.name, kind=kind.description if kind else _tr("file")))
    if sets:
        window.import_export.import_paths(sets)


def _import_progress(window: MainWindow, path: Path) -> None:
    from trainer.core.progress_file import read_progress

    try:
        progress, warnings = read_progress(path)
        report = window.store.progress.import_file(progress)
    except InvalidInput as exc:
        QMessageBox.warning(window, _tr("Progress file not imported"), "\n".join(
            p.format() for p in exc.problems[:10]))
        return
    except StoreError as exc:
        QMessageBox.warning(window, _tr("Progress file not imported"),
                            f"{path.name}: {exc.message}")
        return
    lines = [_tr("{name}: {profile}: {added} attempts added, {present} already here.").format(
        name=path.name, profile=report.profile_name, added=report.added,
        present=report.already_present)]
    if report.kept:
        lines.append(_tr("{count} attempts are on passages this computer does not have; "
                         "they were kept.").format(count=len(report.kept)))
    lines += [w.format() for w in warnings[:5]]
    QMessageBox.information(window, _tr("Progress imported"), "\n".join(lines))
    if window.profile_id is not None:
        window.show_library()
