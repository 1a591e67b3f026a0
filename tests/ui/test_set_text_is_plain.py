"""Set text is never HTML (DESIGN §7, issue 9 item 12): a set whose every field holds markup is
shown literally on every screen — labels, tooltips, item models and text views."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from trainer.core.model import Annotation, Article, ArticleSet, ExtraTechnique, Source
from trainer.storage.engine import sqlite_url
from trainer.storage.service import Store
from trainer.ui.shell.main_window import MainWindow
from trainer.ui.teacher.editor import SetEditorWindow
from trainer.ui.teacher.editor.draft import SetDraft

MARKUP = ("<b>bold</b>", "<img src=/tmp/x.png>", "&amp;")
H = " ".join(MARKUP)


def hostile_set() -> ArticleSet:
    text = f"Officials {H} said it. Many expect an intervention soon."

    def span(phrase: str, label: str) -> Annotation:
        start = text.index(phrase)
        return Annotation(start=start, end=start + len(phrase), label=label,
                          explanation=f"Why {H}", tip=f"Tip {H}")

    article = Article(id="a1", title=f"Title {H}", level=2, text=text,
                      source=Source(outlet=f"Outlet {H}", date="2026-11-20", url=f"url {H}"),
                      annotations=[span("Officials", "x-tech"),
                                   span("Many expect", "vague-attribution")])
    technique = ExtraTechnique(id="x-tech", family="framing", name=f"Name {H}",
                               definition=f"Definition {H}", example=f"Example {H}",
                               check=f"Check {H}")
    return ArticleSet(id="hostile", title=f"Set {H}", author=f"Author {H}",
                      license=f"Licence {H}", description=f"Description {H}",
                      techniques=[technique], articles=[article])


def seen(text: str, rich: bool) -> str:
    """What a reader sees of `text` in a widget that shows it as rich text or not."""
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def _rows(model: QAbstractItemModel, root: QModelIndex) -> int:
    try:
        return model.rowCount(root)
    except TypeError:
        return 0 if root.isValid() else model.rowCount()


def _columns(model: QAbstractItemModel, root: QModelIndex) -> int:
    try:
        return model.columnCount(root)
    except TypeError:  # a list model (its columnCount is private in the bindings)
        return 1


def _model_texts(where: str, model: QAbstractItemModel,
                 parent: QModelIndex | None = None) -> Iterator[tuple[str, str]]:
    root = parent if parent is not None else QModelIndex()
    for row in range(_rows(model, root)):
        for column in range(max(1, _columns(model, root))):
            index = model.index(row, column, root)
            display = index.data(Qt.ItemDataRole.DisplayRole)
            if isinstance(display, str):
                yield f"{where}[{row},{column}] display", display
            tip = index.data(Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str):
                yield f"{where}[{row},{column}] tooltip", seen(tip, GuiQt.mightBeRichText(tip))
            if _rows(model, index):
                yield from _model_texts(where, model, index)


def texts(root: QWidget) -> Iterator[tuple[str, str]]:
    for widget in [root, *root.findChildren(QWidget)]:
        where = f"{type(widget).__name__} {widget.objectName() or widget.accessibleName()!r}"
        if isinstance(widget, QLabel):
            fmt = widget.textFormat()
            rich = fmt == Qt.TextFormat.RichText or (
                fmt == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(widget.text()))
            yield where, seen(widget.text(), rich)
        if isinstance(widget, QPlainTextEdit | QTextEdit):
            yield where, widget.toPlainText()
            block = widget.document().begin()
            while block.isValid():
                iterator = block.begin()
                while not iterator.atEnd():
                    tip = iterator.fragment().charFormat().toolTip()
                    if tip:
                        yield f"{where} text tooltip", seen(tip, GuiQt.mightBeRichText(tip))
                    iterator += 1
                block = block.next()
        tip = widget.toolTip()
        if tip:
            yield f"{where} tooltip", seen(tip, GuiQt.mightBeRichText(tip))
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            yield from _model_texts(where, widget.model())


def rendered_as_html(root: QWidget) -> list[str]:
    """Every place that shows part of a set field but not its literal markup."""
    return [f"{where}: {text!r}" for where, text in texts(root)
            # "&amp", not "amp": the editor's lint warnings say "examples".
            if ("bold" in text or "x.png" in text or "&amp" in text)
            and not all(fragment in text for fragment in MARKUP)]


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setenv("TRAINER_HOME", str(tmp_path))
    opened = Store.open(sqlite_url(tmp_path / "trainer.sqlite3"), backup_dir=tmp_path / "bk")
    opened.library.import_set(hostile_set())
    yield opened
    opened.close()


def test_every_screen_shows_set_text_literally(qtbot: QtBot, store: Store, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *_a: QMessageBox.StandardButton.Yes))
    window = MainWindow(store, tmp_path)
    qtbot.addWidget(window)
    window.show()
    problems = rendered_as_html(window)  # profile picker
    window._create_profile("Ana")
    problems += rendered_as_html(window)  # library
    assert window.profile_id is not None
    [entry] = store.library.entries(window.profile_id)
    window.open_revision(entry.revision_id)
    practice = window.practice
    text = practice.passage.toPlainText()
    start = text.index("Officials")
    practice.passage.select_range(start, start + len("Officials"))
    chip = next(c for c in practice.labels.chips if c.entry.label == "x-tech")
    chip.click()
    practice._show_definition("x-tech")
    problems += rendered_as_html(window)  # practice: palette, definition, marks, hints
    practice.submit.click()
    feedback = window.feedback
    for row in range(feedback.model.rowCount()):
        feedback.list.setCurrentIndex(feedback.model.index(row, 0))
        problems += rendered_as_html(window)  # feedback, each verdict
    window.show_history()
    problems += rendered_as_html(window)  # history
    editor = SetEditorWindow(lambda: store)
    qtbot.addWidget(editor)
    editor.load_draft(SetDraft.from_set(hostile_set()), None)
    editor.show()
    problems += rendered_as_html(editor)  # set details
    editor.select_article(0)
    problems += rendered_as_html(editor)  # article, spans, problems
    assert not problems, "\n".join(sorted(set(problems)))
