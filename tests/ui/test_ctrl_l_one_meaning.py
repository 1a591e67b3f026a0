"""Review 4, finding 13: Ctrl+L means one thing. It looks a name up while practising (the
starter content's tips say so); the library has its own key, listed the same on every screen.
The search starts with the name under the caret when nothing is selected, and the panel's
Close button carries no icon that a theme can leave blank."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from tests.ui.test_content_v2 import CARDS, TEXT, v2_article
from tests.ui.test_practice_view import make_view
from trainer.core.model import ArticleSet
from trainer.core.taxonomy import Taxonomy
from trainer.storage.engine import sqlite_url
from trainer.storage.service import Store
from trainer.ui.practice.lookup import name_candidates
from trainer.ui.shell.main_window import MainWindow


def _keys(window: MainWindow) -> dict[str, list[str]]:
    keys: dict[str, list[str]] = {}
    for action in window.findChildren(QAction):
        key = action.shortcut().toString()
        if key:
            keys.setdefault(key, []).append(action.text())
    return keys


def test_ctrl_l_is_look_it_up_and_the_library_has_its_own_key(qtbot: QtBot,
                                                              tmp_path: Path) -> None:
    store = Store.open(sqlite_url(tmp_path / "trainer.sqlite3"), backup_dir=tmp_path / "b")
    try:
        store.library.import_set(ArticleSet(id="v2", title="V2", articles=[v2_article()],
                                            sources=CARDS, format_version=2))
        window = MainWindow(store, tmp_path)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        window._create_profile("Bea")
        assert window.library_action is not None
        on_library = _keys(window)
        assert "Ctrl+L" not in on_library  # no menu item claims the look-up key
        assert window.library_action.shortcut().toString() == "Ctrl+Shift+L"
        [entry] = store.library.entries(window.profile_id or "")
        window.open_revision(entry.revision_id)
        assert window.library_action.shortcut().toString() == "Ctrl+Shift+L"
        practice = window.practice
        practice.passage.setFocus()
        qtbot.keyClick(practice.passage, Qt.Key.Key_L,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        assert window.stack.currentWidget() is window.library  # the same key on every screen
    finally:
        store.close()


def test_names_at_the_caret() -> None:
    text = "Yesterday Dr Zoë Okafor's team met The Harbour Gazette, she said."
    okafor = name_candidates(text, text.index("Okafor") + 2)
    assert okafor[0] == "Yesterday Dr Zoë Okafor"  # the longest run first
    assert "Dr Zoë Okafor" in okafor and okafor[-1] == "Okafor"
    assert name_candidates(text, text.index("Gazette"))[0] == "The Harbour Gazette"
    assert name_candidates(text, text.index("team") + 1) == ["team"]
    assert name_candidates(text, text.index(","))[0] == "The Harbour Gazette"  # just after
    assert name_candidates(text, text.index("she") - 1) == []  # on the space


def test_look_it_up_starts_with_the_name_under_the_caret(qtbot: QtBot,
                                                         taxonomy: Taxonomy) -> None:
    view = make_view(qtbot, v2_article(), taxonomy)
    view.load(v2_article(), taxonomy, sources=CARDS)
    view.passage.setFocus()
    view.passage.select_range(TEXT.index("Okafor") + 2, TEXT.index("Okafor") + 2)
    qtbot.keyClick(view.passage, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    panel = view.lookup.panel
    assert panel is not None
    qtbot.waitUntil(panel.isVisible)
    assert panel.search.text() == "Dr Zoë Okafor"
    assert panel.model.rowCount() == 1
    panel.close()
    # A word that names no card: the search starts empty, every card listed.
    view.passage.select_range(TEXT.index("minister") + 2, TEXT.index("minister") + 2)
    qtbot.keyClick(view.passage, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(panel.isVisible)
    assert panel.search.text() == ""
    assert panel.model.rowCount() == len(CARDS)
    close = panel.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    assert close.icon().isNull()
