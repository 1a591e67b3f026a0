"""The window part of `trainer self-test`: one passage through practice and feedback, offscreen.

Driven through the screens' own signals and models, as a student's clicks would be, so that a
bundle missing a Qt plugin, a style or an icon fails here and not in front of a class.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QWidget

from trainer.core.spans import Span

if TYPE_CHECKING:
    from trainer.core.model import Article
    from trainer.storage.service import Store
    from trainer.ui.shell.main_window import MainWindow

PROFILE_NAME = "Self-test"


class WalkFailed(RuntimeError):
    pass


def _expect(window: MainWindow, screen: QWidget, what: str) -> None:
    QApplication.processEvents()
    if window.stack.currentWidget() is not screen:
        raise WalkFailed(f"expected the {what} screen")


def walk_one_passage(store: Store, folder: Path, article: Article,
                     answer: Sequence[Span]) -> str:
    """Profile → library → practice (mark the key spans) → submit → feedback; returns a
    one-line description, raises WalkFailed (or the error met) otherwise."""
    # A check must not depend on a display, and must not flash a window at IT.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from trainer.ui.practice.verdict_list import VerdictRole
    from trainer.ui.shell.app import make_application
    from trainer.ui.shell.main_window import MainWindow
    from trainer.ui.shell.theme import apply_theme

    app = make_application()
    apply_theme(app, "light")
    # The offscreen platform warns about window-manager hints it cannot pass on; IT should
    # see one line per step, not that.
    previous = qInstallMessageHandler(_quiet)
    window = MainWindow(store, folder)
    try:
        window.show()
        QApplication.processEvents()
        profile = next((p for p in store.profiles.list() if p.name == PROFILE_NAME), None)
        if profile is None:
            window.picker.create_requested.emit(PROFILE_NAME)
        else:
            window.picker.profile_chosen.emit(profile.id)
        _expect(window, window.library, "library")
        entries = store.library.entries(window.profile_id or "")
        entry = next((e for e in entries if e.article_id == article.id), None)
        if entry is None:
            raise WalkFailed(f"{article.id!r} is not in the library")
        window.library.open_requested.emit(entry.revision_id)
        _expect(window, window.practice, "practice")
        for span in answer:
            window.practice.marks.add(span)
        window.practice.request_submit()
        _expect(window, window.feedback, "feedback")
        model = window.feedback.model
        # Good-practice rows follow the verdicts and carry no VerdictRole.
        kinds = [verdict.verdict for row in range(model.rowCount())
                 if (verdict := model.index(row, 0).data(VerdictRole)) is not None]
        if not kinds or any(kind not in ("exact", "found") for kind in kinds):
            raise WalkFailed(f"the key spans were marked, but the feedback says {kinds}")
        pixels = window.grab()
        if pixels.isNull() or pixels.width() == 0:
            raise WalkFailed("the window could not be drawn")
        return (f"{app.platformName()}: practised {article.id!r} with {len(answer)} mark(s), "
                f"feedback shows {len(kinds)} verdict(s)")
    finally:
        window.close()
        window.deleteLater()
        QApplication.processEvents()
        qInstallMessageHandler(previous)


def _quiet(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
        print(message, file=sys.stderr)
