"""The main window's menu bar: every screen and tool reachable by keyboard shortcut."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from trainer.ui.library.set_removal import remove_set_from_library
from trainer.ui.teacher.assignment_maker import open_assignment_maker
from trainer.ui.teacher.class_report.entry import open_class_report
from trainer.ui.teacher.print_worksheet import open_print_worksheet

if TYPE_CHECKING:
    from trainer.ui.shell.main_window import MainWindow


# Literal calls (context, text): pyside6-lupdate only finds those.
translate = QCoreApplication.translate


def _action(window: MainWindow, text: str, shortcut: str | QKeySequence.StandardKey | None,
            slot: Callable[[], object]) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _checked=False: slot())
    return action


# Not Ctrl+L: that key looks a name up while practising (the content's tips name it), and one
# key meaning two things depending on the screen confused students (review 4, finding 13).
LIBRARY_KEY = "Ctrl+Shift+L"


def build_menus(window: MainWindow) -> None:
    bar = window.menuBar()
    std = QKeySequence.StandardKey
    file_menu = bar.addMenu(translate("MainWindow", "&File"))
    window.library_action = _action(window, translate("MainWindow", "&Library"), LIBRARY_KEY,
                                    window.show_library)
    file_menu.addAction(window.library_action)
    file_menu.addAction(_action(window, translate("MainWindow", "My &attempts"), "Ctrl+H",
                                window.show_history))
    file_menu.addAction(_action(window, translate("MainWindow", "Open a&ssignment…"), "Ctrl+O",
                                lambda: window.assignments.choose_file()))
    file_menu.addAction(_action(window, translate("MainWindow", "Assignme&nts"), "Ctrl+Shift+A",
                                lambda: window.assignments.show()))
    file_menu.addAction(_action(window, translate("MainWindow", "&Switch profile"),
                                "Ctrl+Shift+P", window.show_profiles))
    file_menu.addSeparator()
    file_menu.addAction(_action(window, translate("MainWindow", "&Quit"), std.Quit,
                                window.close))
    # Undo/Redo belong to the practice screen's marks; until that screen is first built the
    # menu holds inactive stand-ins (MainWindow.practice swaps in the real actions).
    window.edit_menu = bar.addMenu(translate("MainWindow", "&Edit"))
    for text in (translate("MainWindow", "Undo"), translate("MainWindow", "Redo")):
        stand_in = window.edit_menu.addAction(text)
        stand_in.setEnabled(False)
    view_menu = bar.addMenu(translate("MainWindow", "&View"))
    view_menu.addAction(_action(window, translate("MainWindow", "&Larger text"), std.ZoomIn,
                                lambda: window.step_text_size(1)))
    view_menu.addAction(_action(window, translate("MainWindow", "&Smaller text"), std.ZoomOut,
                                lambda: window.step_text_size(-1)))
    view_menu.addSeparator()
    view_menu.addAction(_action(window, translate("MainWindow", "Se&ttings…"), "Ctrl+,",
                                window.open_settings))
    teacher_menu = bar.addMenu(translate("MainWindow", "&Teacher"))
    teacher_menu.addAction(_action(window, translate("MainWindow", "Set &editor…"),
                                   "Ctrl+Shift+E", window.open_editor))
    teacher_menu.addAction(_action(window, translate("MainWindow", "&Class report…"),
                                   "Ctrl+Shift+R", lambda: open_class_report(window)))
    teacher_menu.addAction(_action(window, translate("MainWindow", "Make &assignment…"), None,
                                   lambda: open_assignment_maker(window)))
    teacher_menu.addAction(_action(window, translate("MainWindow", "Print &worksheet…"), None,
                                   lambda: open_print_worksheet(window)))
    teacher_menu.addAction(_action(window, translate("MainWindow", "&Remove set from library…"),
                                   None, lambda: remove_set_from_library(window)))
    teacher_menu.addAction(_action(window, translate("MainWindow", "Teacher &PIN…"), None,
                                   window.open_teacher_pin))
    # File → Import file/folder and Export set are added by MainWindow.finish_setup().
    help_menu = bar.addMenu(translate("MainWindow", "&Help"))
    help_menu.setObjectName("helpMenu")  # menus installed later go before it
    help_menu.addAction(_action(window, translate("MainWindow", "&Keyboard shortcuts"), "F1",
                                lambda: show_keys(window)))
    help_menu.addAction(_action(window, translate("MainWindow", "Take the &tour"), None,
                                lambda: window.guidance.start_tour()))
    help_menu.addAction(_action(window, translate("MainWindow", "&About"), None,
                                lambda: show_about(window)))


def show_keys(parent: QWidget) -> None:
    QMessageBox.information(parent, translate("MainWindow", "Keyboard shortcuts"), translate(
        "MainWindow",
        "Arrow keys move the caret; Shift+arrows select a phrase.\n"
        "1, 2, … label the selection (two digits quickly for 10 and above).\n"
        "A selection snaps to whole words; Ctrl+Shift+arrows select word by word.\n"
        "With the caret inside a mark, a number key relabels it.\n"
        "Delete removes the mark at the caret (the innermost one) or in the list;\n"
        "with a selection, every mark it touches.\n"
        "Ctrl+Z undoes a change to the marks; Ctrl+Shift+Z or Ctrl+Y redoes it.\n"
        "Ctrl+Enter submits. Tab moves between controls.\n"
        "Ctrl++ and Ctrl+- change the text size. Ctrl+Shift+L opens the library;\n"
        "while practising, Ctrl+L looks the name at the caret up in the source cards.\n"
        "Ctrl+I imports a set; Ctrl+Shift+E opens the set editor;\n"
        "Ctrl+Shift+R opens the class report."))


def about_text() -> str:
    from trainer import version

    return translate("MainWindow", "Media Literacy Trainer {version}\n\nPractise spotting "
                     "unverified claims and loaded framing. Works offline; your data stays on "
                     "this computer.").format(version=version())


def show_about(parent: QWidget) -> None:
    QMessageBox.about(parent, translate("MainWindow", "About"), about_text())
