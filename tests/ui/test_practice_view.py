"""Practice screen: labelling by keyboard, the marks list, drafts and submit."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from trainer.core.model import Article
from trainer.core.spans import Span
from trainer.core.taxonomy import Taxonomy
from trainer.ui.practice.marks_model import MarksModel
from trainer.ui.practice.palette import DigitEntry, palette_entries
from trainer.ui.practice.practice_view import PracticeView
from trainer.ui.shell.styles import FAMILY_UNDERLINE


def show_active(qtbot: QtBot, widget: QWidget) -> None:
    """Shortcuts only fire in the active window, as on a real desktop."""
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


def select_phrase(qtbot: QtBot, view: PracticeView, start: int, length: int) -> None:
    passage = view.passage
    qtbot.keyClick(passage, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for _ in range(start):
        qtbot.keyClick(passage, Qt.Key.Key_Right)
    for _ in range(length):
        qtbot.keyClick(passage, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)


def make_view(qtbot: QtBot, article: Article, taxonomy: Taxonomy) -> PracticeView:
    view = PracticeView()
    qtbot.addWidget(view)
    view.resize(1200, 760)
    show_active(qtbot, view)
    view.load(article, taxonomy)
    return view


def test_level_one_palette_offers_the_two_families(taxonomy: Taxonomy) -> None:
    assert [e.label for e in palette_entries(taxonomy, 1)] == ["unverified", "framing"]
    entries = palette_entries(taxonomy, 2)
    assert len(entries) == len(taxonomy.techniques)
    families = [e.family for e in entries]
    assert families == sorted(families, key=["unverified", "framing"].index)
    assert [e.number for e in entries] == list(range(1, len(entries) + 1))


def test_two_digit_numbers_relabel_the_mark_just_made() -> None:
    digits = DigitEntry(16)
    assert digits.feed(1, now=0.0) == (1, False)
    assert digits.feed(2, now=0.5) == (12, True)
    assert digits.feed(3, now=0.6) == (3, False)
    assert digits.feed(1, now=1.0) == (1, False)
    assert digits.feed(4, now=3.0) == (4, False)  # too late: a fresh label
    assert digits.feed(0, now=3.1) == (None, False)
    assert DigitEntry(2).feed(1, now=0) == (1, False)


def test_keyboard_labels_marks_and_delete_removes(qtbot: QtBot, article: Article,
                                                  taxonomy: Taxonomy) -> None:
    view = make_view(qtbot, article, taxonomy)
    start = article.text.index("citing")
    select_phrase(qtbot, view, start, len("citing diplomatic sources"))
    qtbot.keyClick(view.passage, Qt.Key.Key_1)
    assert view.marks.marks() == [Span(start, start + 25, "unverified")]
    (highlight,) = view.passage.extraSelections()
    assert highlight.cursor.selectedText() == "citing diplomatic sources"
    assert highlight.format.underlineStyle() == FAMILY_UNDERLINE["unverified"]
    # Relabel from the list with a digit, then delete it there.
    view.marks_list.setFocus()
    qtbot.keyClick(view.marks_list, Qt.Key.Key_2)
    assert view.marks.marks()[0].label == "framing"
    qtbot.keyClick(view.marks_list, Qt.Key.Key_Delete)
    assert view.marks.marks() == []
    # Delete with the caret inside a mark in the passage.
    select_phrase(qtbot, view, start, 6)
    qtbot.keyClick(view.passage, Qt.Key.Key_2)
    assert len(view.marks.marks()) == 1
    qtbot.keyClick(view.passage, Qt.Key.Key_Left)
    qtbot.keyClick(view.passage, Qt.Key.Key_Delete)
    assert view.marks.marks() == []
    assert view.passage.toPlainText() == article.text
    # With the mouse: select, click a chip, then the Remove button.
    view.passage.select_range(start, start + 6)
    view.labels.chips[0].click()
    assert [m.label for m in view.marks.marks()] == ["unverified"]
    view.marks_list.setCurrentIndex(view.marks_list.model().index(0, 0))
    view.remove_mark.click()
    assert view.marks.marks() == []


def test_label_without_selection_explains_what_to_do(qtbot: QtBot, article: Article,
                                                     taxonomy: Taxonomy) -> None:
    view = make_view(qtbot, article, taxonomy)
    qtbot.keyClick(view.passage, Qt.Key.Key_1)
    assert view.marks.marks() == []
    assert "select" in view.hint.text().lower()


def test_marks_after_an_emoji_store_code_points(qtbot: QtBot, article: Article,
                                                taxonomy: Taxonomy) -> None:
    view = make_view(qtbot, article, taxonomy)
    start = article.text.index("Many expect")
    select_phrase(qtbot, view, start, len("Many expect"))
    qtbot.keyClick(view.passage, Qt.Key.Key_1)
    (mark,) = view.marks.marks()
    assert article.text[mark.start:mark.end] == "Many expect"


def test_draft_is_emitted_after_changes(qtbot: QtBot, article: Article,
                                        taxonomy: Taxonomy) -> None:
    view = make_view(qtbot, article, taxonomy)
    select_phrase(qtbot, view, 0, 8)
    with qtbot.waitSignal(view.draft_changed, timeout=3000) as blocker:
        qtbot.keyClick(view.passage, Qt.Key.Key_2)
    assert blocker.args == [[Span(0, 8, "framing")], False]


def test_submit_with_nothing_marked_asks_first(qtbot: QtBot, article: Article,
                                               taxonomy: Taxonomy) -> None:
    view = make_view(qtbot, article, taxonomy)
    seen: list[tuple[list[Span], bool]] = []
    asked: list[bool] = []
    view.submit_requested.connect(lambda marks, nothing: seen.append((marks, nothing)))

    def answer(yes: bool) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        if yes:  # "No" is the default; move to "Yes" and press it, as a keyboard user would
            focused = QApplication.focusWidget()
            assert focused is not None
            qtbot.keyClick(focused, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
            focused = QApplication.focusWidget()
            assert focused is not None and "Yes" in focused.property("text")
            qtbot.keyClick(focused, Qt.Key.Key_Space)
        else:
            qtbot.keyClick(box, Qt.Key.Key_Escape)
        asked.append(yes)

    QTimer.singleShot(50, lambda: answer(False))
    qtbot.keyClick(view.passage, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert seen == [] and asked == [False]
    show_active(qtbot, view)  # the offscreen platform does not hand activation back itself
    QTimer.singleShot(50, lambda: answer(True))
    qtbot.keyClick(view.passage, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert asked == [False, True]
    assert seen == [([], True)]


def test_marks_model_passes_the_model_tester(qtmodeltester, taxonomy: Taxonomy) -> None:  # type: ignore[no-untyped-def]
    model = MarksModel(taxonomy, "one two three four")
    model.add(Span(4, 7, "unverified"))
    model.add(Span(0, 3, "framing"))
    model.add(Span(8, 13, "anonymous-source"))
    qtmodeltester.check(model)
    assert [m.start for m in model.marks()] == [0, 4, 8]
    model.add(Span(4, 7, "framing"))  # same range: relabel, not a duplicate
    assert len(model.marks()) == 3
    model.remove(1)
    qtmodeltester.check(model)


def test_tab_order_follows_the_reading_order(qtbot: QtBot, article: Article,
                                             taxonomy: Taxonomy) -> None:
    view = make_view(qtbot, article, taxonomy)
    qtbot.waitUntil(lambda: all(chip.isVisible() for chip in view.labels.chips))
    select_phrase(qtbot, view, 0, 4)
    qtbot.keyClick(view.passage, Qt.Key.Key_1)  # a mark, so the list is shown
    view.passage.setFocus()
    order = []
    for _ in range(len(view.labels.chips) + 4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [*view.labels.chips, view.marks_list, view.remove_mark, view.nothing,
                     view.submit]
