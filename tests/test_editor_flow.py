"""The editor flow by mouse and keyboard: article, three spans by selection, save, reopen,
add to a real library (SQLite in tmp_path) with automatic version bumps."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QMessageBox

from trainer.core.formats import load_set
from trainer.storage import service
from trainer.storage.engine import sqlite_url
from trainer.ui.teacher.editor import SetEditorWindow

TEXT = ("Council slams bridge plan 🌉\n\nCouncillors furiously rejected the plan on Monday, "
        "sources close to the mayor said. Nearly 70 percent of residents oppose it.")


@pytest.fixture
def store(tmp_path: Path) -> Any:
    opened = service.Store.open(sqlite_url(tmp_path / 'library.sqlite3'),
                                backup_dir=tmp_path / "backups")
    yield opened
    opened.close()


def make_window(qtbot: Any, store: Any = None) -> SetEditorWindow:
    window = SetEditorWindow(lambda: store)
    # Closing at teardown must not wait for a "save changes?" answer.
    window._ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts only reach the active window
    return window


def mark(qtbot: Any, window: SetEditorWindow, phrase: str, label: str, why: str,
         optional: bool = False) -> None:
    """Select `phrase` in the passage, press Ctrl+M and fill in the dialog by keyboard."""
    text = window.article_form.article().text  # type: ignore[union-attr]
    start = text.index(phrase)
    window.article_form.select_range(start, start + len(phrase))
    window.article_form.text.setFocus()
    qtbot.keyClick(window.article_form.text, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    dialog = window.annotation_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.phrase_label.text() == f"“{phrase}”"
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # no technique chosen yet
    assert dialog.set_label(label)
    qtbot.keyClicks(dialog.explanation, why)
    qtbot.keyClicks(dialog.tip, "Look for a named source.")
    dialog.optional.setChecked(optional)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def build_set(qtbot: Any, window: SetEditorWindow) -> None:
    form = window.set_form
    for widget, value in ((form.title, "Bridge news"), (form.set_id, "bridge-news"),
                          (form.author, "Ms Rivera"), (form.license, "CC BY 4.0")):
        widget.clear()
        qtbot.keyClicks(widget, value)
    qtbot.keyClick(form.license, Qt.Key.Key_N,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    article = window.article_form
    assert article.isEnabled() and window.tabs.currentWidget() is article
    qtbot.keyClicks(article.title, "Bridge plan rejected")
    qtbot.keyClicks(article.outlet, "Harbour Gazette")
    # Pasting rich text still yields plain text: QPlainTextEdit drops the HTML.
    mime = QMimeData()
    mime.setHtml("<b>ignored</b>")
    mime.setText(TEXT)
    QApplication.clipboard().setMimeData(mime)
    article.text.setFocus()
    qtbot.keyClick(article.text, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    QApplication.clipboard().clear()  # Qt must not free Python's mime data at exit
    assert window.draft.articles[0].text == TEXT
    mark(qtbot, window, "furiously", "loaded-language", "An emotional word, not a fact.")
    mark(qtbot, window, "sources close to the mayor", "anonymous-source", "Nobody is named.")
    mark(qtbot, window, "Nearly 70 percent", "unsourced-statistic", "Who counted?",
         optional=True)


def test_editor_flow_create_mark_save_reopen_and_add_to_library(
        qtbot: Any, tmp_path: Path, store: Any) -> None:
    window = make_window(qtbot, store)
    build_set(qtbot, window)
    assert window.validate_now() == []
    assert window.spans.rowCount() == 3
    assert window.dirty

    path = tmp_path / "bridge.json"
    assert window.save_to(path)
    assert not window.dirty
    saved = load_set(path)
    assert saved.title == "Bridge news" and saved.author == "Ms Rivera"
    article = saved.articles[0]
    assert article.title == "Bridge plan rejected" and article.source.outlet == "Harbour Gazette"
    phrases = [(article.text[a.start:a.end], a.label, a.optional) for a in article.annotations]
    assert phrases == [("furiously", "loaded-language", False),
                       ("sources close to the mayor", "anonymous-source", False),
                       ("Nearly 70 percent", "unsourced-statistic", True)]
    # Offsets are code points: the bridge emoji before them counts once.
    assert article.annotations[0].start == TEXT.index("furiously")

    again = make_window(qtbot, store)
    assert again.open_path(path) == []
    assert again.spans.rowCount() == 3
    assert [again.spans.phrase(r) for r in range(3)] == [p[0] for p in phrases]

    report = again.add_to_library()
    assert (report.added, report.updated, report.unchanged) == (1, 0, 0)
    [info] = [s for s in store.library.list_sets() if s.id == "bridge-news"]
    assert info.version == 1 and info.article_count == 1

    # Unchanged content: same version, nothing to write.
    report = again.add_to_library()
    assert report.unchanged == 1 and again.draft.version == 1

    # Changed content: the version goes up by itself and the library takes the update.
    again.article_form.title.setFocus()
    qtbot.keyClicks(again.article_form.title, " again")
    report = again.add_to_library()
    assert again.draft.version == 2 and again.set_form.version.value() == 2
    assert report.updated == 1
    assert [s.version for s in store.library.list_sets() if s.id == "bridge-news"] == [2]
    assert again.dirty  # the new version should be saved into the file too
    again.save_to(path)
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 2


def test_an_edit_elsewhere_then_add_bumps_past_the_library_version(
        qtbot: Any, tmp_path: Path, store: Any) -> None:
    window = make_window(qtbot, store)
    build_set(qtbot, window)
    window.add_to_library()
    other = make_window(qtbot, store)  # e.g. the same set opened from an older file copy
    build_set(qtbot, other)
    qtbot.keyClicks(other.article_form.title, "!")
    other.add_to_library()
    assert other.draft.version == 2
    assert [s.version for s in store.library.list_sets()] == [2]


def test_articles_can_be_added_removed_and_reordered_by_keyboard(qtbot: Any) -> None:
    window = make_window(qtbot)
    for title in ("First", "Second", "Third"):
        window.add_article_action.trigger()
        qtbot.keyClicks(window.article_form.title, title)
    view = window.article_panel.view
    view.setFocus()
    window.select_article(2)
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [a.title for a in window.draft.articles] == ["First", "Third", "Second"]
    assert window.current_row() == 1
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # an article without text goes without asking
    assert [a.title for a in window.draft.articles] == ["First", "Second"]
    assert window.article_form.title.text() == "Second"


def test_mark_without_selection_says_what_to_do(qtbot: Any) -> None:
    window = make_window(qtbot)
    window.add_article()
    window.article_form.text.setPlainText("Some text.")
    assert window.mark_selection() is None
    assert "Select a phrase" in window.last_message


def test_editing_and_removing_a_span_from_the_list(qtbot: Any) -> None:
    window = make_window(qtbot)
    build_set(qtbot, window)
    table = window.span_panel.view
    table.setFocus()
    table.selectRow(1)
    dialog = window.edit_span()
    assert dialog is not None and dialog.label() == "anonymous-source"
    dialog.set_label("vague-attribution")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert window.draft.articles[0].annotations[1].label == "vague-attribution"
    assert window.draft.articles[0].annotations[1].explanation == "Nobody is named."
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert [a.label for a in window.draft.articles[0].annotations] == [
        "vague-attribution", "unsourced-statistic"]


def test_a_markdown_folder_opens_in_the_editor(qtbot: Any, tmp_path: Path) -> None:
    from tests.mdfixtures import article, make_set

    folder = make_set(tmp_path / "md", {
        "01.md": article("Fans 🎉 [reportedly]{.vague-attribution why=\"Who?\"} cheered.")})
    window = make_window(qtbot)
    assert window.open_path(folder) == []
    assert window.spans.rowCount() == 1 and window.spans.phrase(0) == "reportedly"
    assert window.tabs.currentWidget() is window.article_form
    assert window.article_form.selection() is None


def typed(edit: QLineEdit, text: str) -> None:
    """As if typed (qtbot.keyClicks only knows ASCII)."""
    edit.setText(text)
    edit.textEdited.emit(text)


def _new_set(qtbot: Any, window: SetEditorWindow, title: str, text: str) -> None:
    """A new set made in the editor, without typing an id."""
    typed(window.set_form.title, title)
    window.add_article_action.trigger()
    typed(window.article_form.title, f"{title}: the passage")
    window.article_form.text.setPlainText(text)


def test_new_sets_get_their_own_ids_never_replacing_another(qtbot: Any, store: Any) -> None:
    first = make_window(qtbot, store)
    _new_set(qtbot, first, "Local news", "The council met on Monday.")
    assert first.set_form.set_id.text() == "local-news"  # follows the title
    assert first.add_to_library().added == 1
    second = make_window(qtbot, store)
    _new_set(qtbot, second, "Local news", "A different passage altogether.")
    report = second.add_to_library()
    assert report.added == 1 and report.updated == 0
    assert second.draft.id == "local-news-2" and second.set_form.set_id.text() == "local-news-2"
    third = make_window(qtbot, store)
    _new_set(qtbot, third, "Élection — “spécial”!", "Yet another passage.")
    assert third.add_to_library().added == 1
    assert sorted((s.id, s.title, s.version) for s in store.library.list_sets()) == [
        ("election-special", "Élection — “spécial”!", 1), ("local-news", "Local news", 1),
        ("local-news-2", "Local news", 1)]


@pytest.mark.parametrize("answer", ["separate", "version", "cancel"])
def test_a_taken_id_asks_new_version_or_separate_set(qtbot: Any, store: Any,
                                                     answer: str) -> None:
    first = make_window(qtbot, store)
    _new_set(qtbot, first, "Local news", "The council met on Monday.")
    first.add_to_library()
    other = make_window(qtbot, store)
    _new_set(qtbot, other, "Sports desk", "The team won on Saturday.")
    other.set_form.set_id.clear()
    qtbot.keyClicks(other.set_form.set_id, "local-news")  # typed: the id of another set
    asked: list[str] = []

    def ask(held_title: str) -> str:
        asked.append(held_title)
        return answer

    other._ask_version_or_separate = ask  # type: ignore[assignment,method-assign]
    report = other.add_to_library()
    assert asked == ["Local news"]
    sets = sorted((s.id, s.title, s.version) for s in store.library.list_sets())
    if answer == "separate":
        assert report.added == 1 and other.draft.id == "sports-desk"
        assert sets == [("local-news", "Local news", 1), ("sports-desk", "Sports desk", 1)]
    elif answer == "version":
        assert report is not None and other.draft.version == 2
        assert sets == [("local-news", "Sports desk", 2)]
    else:
        assert report is None and sets == [("local-news", "Local news", 1)]


def test_the_question_offers_both_ways(qtbot: Any, store: Any,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window(qtbot, store)
    seen: list[QMessageBox] = []

    def answer(box: QMessageBox) -> int:
        seen.append(box)
        separate = next(b for b in box.buttons() if b.text() == "Separate set")
        separate.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    assert window._ask_version_or_separate("<b>Local</b> news") == "separate"
    [box] = seen
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert "a new version of “<b>Local</b> news”" in box.text()
    assert sorted(b.text() for b in box.buttons()) == [
        "Cancel", "New version of “<b>Local</b> news”", "Separate set"]
