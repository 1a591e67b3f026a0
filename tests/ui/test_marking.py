"""Forgiving marking (issue 10 item 3): word snapping, undo/redo of every mark change,
relabelling by number key, Delete on overlapping marks, messages for empty selections."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.test_practice_view import select_phrase, show_active
from trainer.core.model import Article, Source
from trainer.core.spans import Span
from trainer.core.taxonomy import Taxonomy
from trainer.ui.practice.practice_view import PracticeView

TEXT = ("Critics say the mayor will be slapped with new fines. "
        "Officials called the plan “reckless” on Monday, citing unnamed sources.\n"
        "A second line follows a single line break.")
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def article(level: int = 1) -> Article:
    return Article(id="m", title="Fines", level=level, source=Source(outlet="Example"),
                   text=TEXT, annotations=[])


def make_view(qtbot: QtBot, taxonomy: Taxonomy, level: int = 1) -> PracticeView:
    view = PracticeView()
    qtbot.addWidget(view)
    view.resize(1200, 760)
    show_active(qtbot, view)
    view.load(article(level), taxonomy)
    return view


def at(phrase: str, inner: int = 0) -> int:
    return TEXT.index(phrase) + inner


def point_of(view: PracticeView, position: int) -> QPoint:
    cursor = QTextCursor(view.passage.document())
    cursor.setPosition(position)  # TEXT is BMP-only: code points are UTF-16 units here
    return view.passage.cursorRect(cursor).center()


def label_range(qtbot: QtBot, view: PracticeView, start: int, end: int, key: Qt.Key) -> None:
    view.passage.select_range(start, end)
    qtbot.keyClick(view.passage, key)


def phrases(view: PracticeView) -> list[tuple[str, str]]:
    return [(TEXT[m.start:m.end], m.label) for m in view.marks.marks()]


def test_a_mouse_drag_inside_words_snaps_to_the_whole_words(qtbot: QtBot,
                                                            taxonomy: Taxonomy) -> None:
    view = make_view(qtbot, taxonomy)
    viewport = view.passage.viewport()
    # From inside "will" to inside "slapped": the fragment "ill be slap".
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=point_of(view, at("will", 1)))
    qtbot.mouseMove(viewport, point_of(view, at("slapped", 4)))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton,
                       pos=point_of(view, at("slapped", 4)))
    assert view.passage.textCursor().selectedText() == "will be slapped"
    qtbot.keyClick(view.passage, Qt.Key.Key_2)
    assert phrases(view) == [("will be slapped", "framing")]


def test_a_double_click_leaves_the_quote_marks_out(qtbot: QtBot, taxonomy: Taxonomy) -> None:
    view = make_view(qtbot, taxonomy)
    qtbot.mouseDClick(view.passage.viewport(), Qt.MouseButton.LeftButton,
                      pos=point_of(view, at("reckless", 3)))
    assert view.passage.textCursor().selectedText() == "reckless"


def test_a_keyboard_fragment_is_labelled_as_whole_words(qtbot: QtBot,
                                                       taxonomy: Taxonomy) -> None:
    view = make_view(qtbot, taxonomy)
    # Shift+arrows over "ill be slap", then a trailing full stop and quote are trimmed.
    select_phrase(qtbot, view, at("will", 1), len("ill be slap"))
    qtbot.keyClick(view.passage, Qt.Key.Key_1)
    label_range(qtbot, view, at("“reckless”") - 1, at("on Monday"), Qt.Key.Key_2)
    assert phrases(view) == [("will be slapped", "unverified"), ("reckless", "framing")]


def test_ctrl_shift_arrows_select_word_by_word(qtbot: QtBot, taxonomy: Taxonomy) -> None:
    view = make_view(qtbot, taxonomy)
    qtbot.keyClick(view.passage, Qt.Key.Key_Home, CTRL)
    for _ in range(2):
        qtbot.keyClick(view.passage, Qt.Key.Key_Right, CTRL | SHIFT)
    qtbot.keyClick(view.passage, Qt.Key.Key_1)
    assert phrases(view) == [("Critics say", "unverified")]


def test_blank_and_single_character_selections_get_a_message(qtbot: QtBot,
                                                             taxonomy: Taxonomy) -> None:
    view = make_view(qtbot, taxonomy)
    label_range(qtbot, view, at(" the mayor"), at(" the mayor") + 1, Qt.Key.Key_1)
    assert view.marks.marks() == []
    assert "blank space" in view.hint.text()
    label_range(qtbot, view, at("A second"), at("A second") + 1, Qt.Key.Key_1)
    assert view.marks.marks() == []
    assert "single character" in view.hint.text()


def test_every_mark_change_undoes_and_redoes(qtbot: QtBot, taxonomy: Taxonomy) -> None:
    view = make_view(qtbot, taxonomy)
    passage = view.passage
    label_range(qtbot, view, at("Critics"), at("Critics") + 7, Qt.Key.Key_1)
    label_range(qtbot, view, at("reckless"), at("reckless") + 8, Qt.Key.Key_2)
    passage.select_range(at("Critics") + 2, at("Critics") + 2)  # caret inside "Critics"
    qtbot.keyClick(passage, Qt.Key.Key_2)  # relabel by number key
    assert phrases(view) == [("Critics", "framing"), ("reckless", "framing")]
    qtbot.keyClick(passage, Qt.Key.Key_Delete)
    assert phrases(view) == [("reckless", "framing")]
    history = [
        [("reckless", "framing")],
        [("Critics", "framing"), ("reckless", "framing")],
        [("Critics", "unverified"), ("reckless", "framing")],
        [("Critics", "unverified")],
        [],
    ]
    for expected in history[1:]:
        qtbot.keyClick(passage, Qt.Key.Key_Z, CTRL)
        assert phrases(view) == expected
    for expected, redo in zip(reversed(history[:-1]), ["Ctrl+Shift+Z", "Ctrl+Y"] * 2,
                              strict=True):
        modifiers = CTRL | SHIFT if redo == "Ctrl+Shift+Z" else CTRL
        qtbot.keyClick(passage, Qt.Key.Key_Z if "Z" in redo else Qt.Key.Key_Y, modifiers)
        assert phrases(view) == expected
    # The marks list's Delete and digit keys are undoable too.
    view.marks_list.setFocus()
    view.marks_list.setCurrentIndex(view.marks_list.model().index(0, 0))
    qtbot.keyClick(view.marks_list, Qt.Key.Key_1)
    assert phrases(view) == [("reckless", "unverified")]
    qtbot.keyClick(view.marks_list, Qt.Key.Key_Delete)
    assert phrases(view) == []
    qtbot.keyClick(view.marks_list, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(view.marks_list, Qt.Key.Key_Z, CTRL)
    assert phrases(view) == [("reckless", "framing")]


def test_select_all_and_backspace_is_undoable_and_says_so(qtbot: QtBot,
                                                         taxonomy: Taxonomy) -> None:
    view = make_view(qtbot, taxonomy)
    for phrase, key in (("Critics", Qt.Key.Key_1), ("reckless", Qt.Key.Key_2),
                        ("unnamed sources", Qt.Key.Key_1)):
        label_range(qtbot, view, at(phrase), at(phrase) + len(phrase), key)
    before = view.marks.marks()
    qtbot.keyClick(view.passage, Qt.Key.Key_A, CTRL)
    with qtbot.waitSignal(view.draft_changed, timeout=3000) as cleared:
        qtbot.keyClick(view.passage, Qt.Key.Key_Backspace)
    assert cleared.args == [[], False]
    assert view.marks.marks() == []
    assert view.hint.text() == "Removed 3 marks — Ctrl+Z brings them back."
    # Undo brings them back, and the draft is saved again (autosave after undo too).
    with qtbot.waitSignal(view.draft_changed, timeout=3000) as restored:
        qtbot.keyClick(view.passage, Qt.Key.Key_Z, CTRL)
    assert view.marks.marks() == before
    assert restored.args == [before, False]


def test_delete_removes_only_the_innermost_mark_at_the_caret(qtbot: QtBot,
                                                            taxonomy: Taxonomy) -> None:
    view = make_view(qtbot, taxonomy)
    outer = "the mayor will be slapped with new fines"
    label_range(qtbot, view, at(outer), at(outer) + len(outer), Qt.Key.Key_2)
    label_range(qtbot, view, at("slapped"), at("slapped") + 7, Qt.Key.Key_2)
    view.passage.select_range(at("slapped", 3), at("slapped", 3))
    qtbot.keyClick(view.passage, Qt.Key.Key_Delete)
    assert phrases(view) == [(outer, "framing")]
    assert "innermost" in view.hint.text() and "slapped" in view.hint.text()
    assert "Ctrl+Z" in view.hint.text()


def test_a_second_digit_relabels_the_fresh_mark(qtbot: QtBot, taxonomy: Taxonomy) -> None:
    view = make_view(qtbot, taxonomy)
    label_range(qtbot, view, at("Officials"), at("Officials") + 9, Qt.Key.Key_1)
    qtbot.keyClick(view.passage, Qt.Key.Key_2)
    assert phrases(view) == [("Officials", "framing")]
    assert "Relabelled" in view.hint.text()
    # Level 2: "1" then "2" within a second is label 12, one step to undo.
    view.load(article(2), taxonomy)
    label_range(qtbot, view, at("Officials"), at("Officials") + 9, Qt.Key.Key_1)
    qtbot.keyClick(view.passage, Qt.Key.Key_2)
    twelfth = view.labels.entry_for_number(12)
    assert twelfth is not None
    assert phrases(view) == [("Officials", twelfth.label)]
    assert view.undo_stack.count() == 1
    qtbot.keyClick(view.passage, Qt.Key.Key_Z, CTRL)
    assert phrases(view) == []


def test_a_mark_undone_back_unticks_nothing_to_flag(qtbot: QtBot, taxonomy: Taxonomy,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    view = make_view(qtbot, taxonomy)
    label_range(qtbot, view, at("Critics"), at("Critics") + 7, Qt.Key.Key_1)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    view.nothing.setChecked(True)
    assert view.marks.marks() == [] and view.nothing.isChecked()
    qtbot.keyClick(view.passage, Qt.Key.Key_Z, CTRL)
    assert phrases(view) == [("Critics", "unverified")]
    assert not view.nothing.isChecked()


def test_edit_menu_names_the_step_to_undo(qtbot: QtBot, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.ui.conftest import make_set
    from tests.ui.test_app_flow import open_store
    from trainer.ui.library.library_model import EntryRole
    from trainer.ui.shell.main_window import MainWindow

    monkeypatch.setenv("TRAINER_HOME", str(tmp_path))
    store = open_store(tmp_path)
    store.library.import_set(make_set())
    try:
        window = MainWindow(store, tmp_path)
        qtbot.addWidget(window)
        profile = store.profiles.create("Ada")
        window.choose_profile(profile.id)
        window.show()
        qtbot.waitExposed(window)
        revision = window.library.proxy.index(0, 0).data(EntryRole)
        window.open_revision(int(revision.revision_id))
        practice = window.practice
        assert window.edit_menu is not None
        actions = window.edit_menu.actions()
        assert actions == [practice.undo_action, practice.redo_action]
        text = practice.passage.passage()
        practice.passage.select_range(0, text.index(" "))
        practice.editor.apply_label("unverified")
        assert actions[0].isEnabled()
        assert actions[0].text().startswith("Undo Mark “")
        actions[0].trigger()
        assert practice.marks.marks() == []
        assert actions[1].text().startswith("Redo Mark “")
        window.show_library()
        assert not actions[1].isEnabled()  # nothing undoes out of sight
        assert QApplication.activeModalWidget() is None
    finally:
        store.close()


def test_marks_are_stored_as_spans(qtbot: QtBot, taxonomy: Taxonomy) -> None:
    view = make_view(qtbot, taxonomy)
    label_range(qtbot, view, at("unnamed"), at("unnamed") + 15, Qt.Key.Key_1)
    assert view.marks.marks() == [Span(at("unnamed"), at("unnamed") + 15, "unverified")]


def test_undo_and_redo_say_what_they_did(qtbot: QtBot, taxonomy: Taxonomy) -> None:
    # Review finding 21: after Ctrl+Z the status line still said 'Marked "…" as …'.
    view = make_view(qtbot, taxonomy)
    passage = view.passage
    label_range(qtbot, view, at("reckless"), at("reckless") + 8, Qt.Key.Key_2)
    assert view.hint.text().startswith("Marked “reckless”")
    qtbot.keyClick(passage, Qt.Key.Key_Z, CTRL)
    assert phrases(view) == []
    assert not view.hint.text().startswith("Marked")
    assert view.hint.text().startswith("Undone:") and "reckless" in view.hint.text()
    qtbot.keyClick(passage, Qt.Key.Key_Y, CTRL)
    assert phrases(view) == [("reckless", "framing")]
    assert view.hint.text().startswith("Redone:") and "reckless" in view.hint.text()
