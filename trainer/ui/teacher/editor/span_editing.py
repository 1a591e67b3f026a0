"""The set editor's key spans: mark the selected phrase, edit or remove a key span, and keep
the span table, the article text and the buttons in step.

Each function takes the editor window; the window keeps thin methods that call them, because
its actions, its panels' signals and the tests call those.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt

from trainer.ui.teacher.editor.annotation_dialog import AnnotationDialog
from trainer.ui.teacher.editor.draft import AnnotationDraft

if TYPE_CHECKING:
    from trainer.ui.teacher.editor.window import SetEditorWindow

# The strings keep the window's translation context; literal calls so that lupdate finds them.
translate = QCoreApplication.translate


def current_span(window: SetEditorWindow) -> int:
    return window.span_panel.view.currentIndex().row()


def span_selected(window: SetEditorWindow, current: QModelIndex) -> None:
    row = current.row() if current.isValid() else None
    window.article_form.set_selected_span(row)
    if row is not None:
        ann = window.spans.annotations()[row]
        window.article_form.select_range(ann.start, ann.end)
    update_buttons(window)


def update_buttons(window: SetEditorWindow) -> None:
    has = current_span(window) >= 0
    window.span_panel.edit.setEnabled(has)
    window.span_panel.remove.setEnabled(has)


def mark_selection(window: SetEditorWindow) -> AnnotationDialog | None:
    """Open the key-span dialog for the selected phrase (non-modal; see `accepted`)."""
    selection = window.article_form.selection()
    if selection is None:
        window.last_message = translate("SetEditorWindow", "Select a phrase in the article "
                                        "text first, then press Ctrl+M.")
        window.statusBar().showMessage(window.last_message, 8000)
        return None
    start, end = selection
    article = window.article_form.article()
    text = article.text if article is not None else ""
    dialog = AnnotationDialog(text[start:end], window.taxonomy, window)
    dialog.accepted.connect(lambda: add_span(window, dialog.values(start, end)))
    return _show_dialog(window, dialog)


def add_span(window: SetEditorWindow, annotation: AnnotationDraft) -> None:
    row = window.spans.add(annotation)
    after_span_change(window, row)


def edit_span(window: SetEditorWindow) -> AnnotationDialog | None:
    row = current_span(window)
    if row < 0:
        return None
    ann = window.spans.annotations()[row]
    dialog = AnnotationDialog(window.spans.phrase(row), window.taxonomy, window, ann)

    def apply() -> None:
        after_span_change(window, window.spans.replace(row, dialog.values(ann.start, ann.end)))

    dialog.accepted.connect(apply)
    return _show_dialog(window, dialog)


def _show_dialog(window: SetEditorWindow, dialog: AnnotationDialog) -> AnnotationDialog:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.annotation_dialog = dialog
    dialog.open()
    return dialog


def remove_span(window: SetEditorWindow) -> None:
    row = current_span(window)
    if row < 0:
        return
    window.spans.remove(row)
    remaining = len(window.spans.annotations())
    after_span_change(window, min(row, remaining - 1) if remaining else None)


def after_span_change(window: SetEditorWindow, row: int | None) -> None:
    if row is not None:
        window.span_panel.view.selectRow(row)
    window.article_form.set_selected_span(row)
    window.articles.refresh(window.current_row())
    window.mark_changed()
