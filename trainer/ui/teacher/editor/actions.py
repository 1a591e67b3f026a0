"""Menus, toolbar and keyboard shortcuts of the set editor window."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from trainer.ui.teacher.editor.window import SetEditorWindow

# The window's own translation context, as literal calls so that pyside6-lupdate finds them.
translate = QCoreApplication.translate


def make_action(owner: QWidget, text: str, slot: Callable[[], Any],
                shortcut: QKeySequence | str | None = None,
                widget: QWidget | None = None) -> QAction:
    """An action; with `widget` its shortcut only works while that widget has focus."""
    action = QAction(text, widget or owner)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _checked=False: slot())
    if widget is not None:
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        widget.addAction(action)
    return action


def build_actions(w: SetEditorWindow) -> None:
    std = QKeySequence.StandardKey
    w.new_action = make_action(w, translate("SetEditorWindow", "&New set"), w.new_set,
                               QKeySequence(std.New))
    w.open_action = make_action(w, translate("SetEditorWindow", "&Open…"), w.open_dialog,
                                QKeySequence(std.Open))
    w.open_folder_action = make_action(w, translate("SetEditorWindow", "Open &folder…"),
                                       w.open_folder_dialog, "Ctrl+Shift+O")
    w.save_action = make_action(w, translate("SetEditorWindow", "&Save"), w.save,
                                QKeySequence(std.Save))
    w.save_as_action = make_action(w, translate("SetEditorWindow", "Save &as…"), w.save_as,
                                   "Ctrl+Shift+S")
    w.library_action = make_action(w, translate("SetEditorWindow", "Add to &library"),
                                   w.add_to_library, "Ctrl+L")
    w.library_action.setEnabled(w._store_provider is not None)
    w.close_action = make_action(w, translate("SetEditorWindow", "&Close editor"), w.close,
                                 QKeySequence(std.Close))
    file_menu = w.menuBar().addMenu(translate("SetEditorWindow", "&File"))
    for action in (w.new_action, w.open_action, w.open_folder_action, w.save_action,
                   w.save_as_action):
        file_menu.addAction(action)
    file_menu.addSeparator()
    file_menu.addAction(w.library_action)
    file_menu.addSeparator()
    file_menu.addAction(w.close_action)

    view = w.article_panel.view
    w.add_article_action = make_action(w, translate("SetEditorWindow", "&New article"),
                                       w.add_article, "Ctrl+Shift+N")
    w.remove_article_action = make_action(w, translate("SetEditorWindow", "&Remove article"),
                                          w.remove_article, "Delete", view)
    w.up_action = make_action(w, translate("SetEditorWindow", "Move article &up"),
                              lambda: w.move_article(-1), "Alt+Up", view)
    w.down_action = make_action(w, translate("SetEditorWindow", "Move article &down"),
                                lambda: w.move_article(1), "Alt+Down", view)
    article_menu = w.menuBar().addMenu(translate("SetEditorWindow", "&Article"))
    for action in (w.add_article_action, w.remove_article_action, w.up_action,
                   w.down_action):
        article_menu.addAction(action)

    table = w.span_panel.view
    w.mark_action = make_action(w, translate("SetEditorWindow", "&Mark selection…"),
                                w.mark_selection, "Ctrl+M")
    w.edit_span_action = make_action(w, translate("SetEditorWindow", "&Edit key span…"),
                                     w.edit_span, "Return", table)
    w.remove_span_action = make_action(w, translate("SetEditorWindow", "&Remove key span"),
                                       w.remove_span, "Delete", table)
    span_menu = w.menuBar().addMenu(translate("SetEditorWindow", "&Key span"))
    for action in (w.mark_action, w.edit_span_action, w.remove_span_action):
        span_menu.addAction(action)

    toolbar = w.addToolBar(translate("SetEditorWindow", "Editor"))
    toolbar.setObjectName("editor-toolbar")
    toolbar.setMovable(False)
    for action in (w.new_action, w.open_action, w.save_action,
                   w.add_article_action, w.mark_action, w.library_action):
        toolbar.addAction(action)
    for action in w.findChildren(QAction):
        if action.text():
            action.setToolTip(action.text().replace("&", "").rstrip("…") +
                              (f" ({action.shortcut().toString()})"
                               if not action.shortcut().isEmpty() else ""))
