"""Format-version-2 content on screen: headline marks, good-practice notes, Look it up."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.test_practice_view import make_view
from trainer.core.model import Annotation, Article, Note, SourceCard
from trainer.core.parts import mark_to_scoring, title_base
from trainer.core.scoring import score_article
from trainer.core.spans import Span
from trainer.core.taxonomy import Taxonomy
from trainer.ui.practice.feedback_view import FeedbackView
from trainer.ui.practice.lookup import CardListModel

TITLE = "Minister slams ‘reckless’ bus cuts"
TEXT = ("The Harbour Gazette reports that the minister criticised the plan on Monday, "
        "according to the council's budget report published on 3 May. Dr Zoë Okafor, "
        "a transport researcher, disagreed.")
CARDS = [
    SourceCard(id="harbour-gazette", name="The Harbour Gazette", kind="outlet",
               aliases=["Gazette"], text="A weekly paper owned by a readers' cooperative."),
    SourceCard(id="zoe-okafor", name="Dr Zoë Okafor", kind="person",
               text="Transport researcher at Ellery University; funded by the county."),
]


def v2_article(level: int = 2) -> Article:
    slams = TITLE.index("slams")
    note_start = TEXT.index("according to")
    return Article(
        id="bus-cuts", title=TITLE, level=level, text=TEXT,
        annotations=[Annotation(start=slams, end=slams + len("slams"), label="loaded-language",
                                part="title", explanation="'Slams' turns criticism into a "
                                "fight.", tip="Read what the minister actually said.")],
        notes=[Note(start=note_start, end=TEXT.index(". Dr"),
                    why="It names the document, so a reader can check the figure.")])


def _select(qtbot: QtBot, view: object, start: int, length: int) -> None:
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for _ in range(start):
        qtbot.keyClick(view, Qt.Key.Key_Right)
    for _ in range(length):
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)


def test_a_headline_mark_by_keyboard_is_submitted_in_scoring_coordinates(
        qtbot: QtBot, taxonomy: Taxonomy) -> None:
    article = v2_article()
    view = make_view(qtbot, article, taxonomy)
    headline = view.headline.view
    assert headline.passage() == TITLE and headline.isVisible()
    assert not view.header.title.isVisible()  # the markable headline replaces it
    headline.setFocus()
    _select(qtbot, headline, TITLE.index("slams"), len("slams"))
    loaded = next(e.number for e in view.labels.entries if e.label == "loaded-language")
    for digit in str(loaded):
        qtbot.keyClick(headline, Qt.Key.Key_0 + int(digit))
    assert [(m.start, m.end, m.label) for m in view.headline.model.marks()] == [
        (9, 14, "loaded-language")]
    assert view.marks.marks() == []  # the passage's own marks are untouched
    with qtbot.waitSignal(view.submit_requested) as sent:
        view.request_submit()
    marks, nothing = sent.args
    assert marks == [mark_to_scoring(article, Span(9, 14, "loaded-language"), "title")]
    assert marks[0].start == title_base(article) + 9 and nothing is False
    assert score_article(article, marks, taxonomy).counts["technique"].f1 == 1.0
    # Undo takes the headline mark back, as for the passage.
    view.undo_action.trigger()
    assert view.headline.model.marks() == []


def test_a_palette_click_labels_the_part_used_last(qtbot: QtBot, taxonomy: Taxonomy) -> None:
    view = make_view(qtbot, v2_article(level=1), taxonomy)
    view.headline.view.setFocus()
    view.headline.view.select_range(0, len("Minister"))
    view.labels.label_chosen.emit("framing")
    view.passage.setFocus()
    view.passage.select_range(4, 11)
    view.labels.label_chosen.emit("unverified")
    assert [m.label for m in view.headline.model.marks()] == ["framing"]
    assert [m.label for m in view.marks.marks()] == ["unverified"]
    # A draft holding both comes back to the right places.
    draft = view.all_marks()
    view.load(v2_article(level=1), taxonomy, draft)
    assert view.all_marks() == draft


def test_feedback_explains_a_mark_on_good_practice(qtbot: QtBot, taxonomy: Taxonomy) -> None:
    article = v2_article()
    on_note = Span(TEXT.index("according to"), TEXT.index(". Dr"), "unsupported-assertion")
    title_mark = mark_to_scoring(article, Span(9, 14, "loaded-language"), "title")
    marks = [on_note, title_mark]
    result = score_article(article, marks, taxonomy)
    view = FeedbackView()
    qtbot.addWidget(view)
    view.resize(1200, 760)
    view.show()
    view.load(article, taxonomy, result, "technique", marks)
    texts = view.verdict_texts()
    # The note is the list's last row, after the verdicts, and explained in the same card.
    assert texts[-1].startswith("Good practice") and "according to" in texts[-1]
    view.list.setCurrentIndex(view.model.index(len(texts) - 1, 0))
    assert view.detail.heading.text() == "Good practice"
    assert "It names the document" in view.detail.body.text()
    assert "This is what checkable looks like" in view.detail.tip.text()
    assert view.passage.selection_span() == (TEXT.index("according to"), TEXT.index(". Dr"))
    assert not view.detail.disagree.isVisible()
    row = next(i for i, t in enumerate(texts) if "according to" in t and "False" in t)
    view.list.setCurrentIndex(view.model.index(row, 0))
    body = view.detail.body.text()
    assert "It names the document, so a reader can check the figure." in body
    assert "does not flag this phrase" not in body
    # The headline verdict is shown on the headline.
    row = next(i for i, t in enumerate(texts) if "slams" in t)
    view.list.setCurrentIndex(view.model.index(row, 0))
    assert view.headline.selection_span() == (9, 14)
    assert "turns criticism into a fight" in view.detail.body.text()


def test_look_it_up_by_keyboard(qtbot: QtBot, taxonomy: Taxonomy) -> None:
    view = make_view(qtbot, v2_article(), taxonomy)
    view.load(v2_article(), taxonomy, sources=CARDS)
    view.passage.setFocus()
    _select(qtbot, view.passage, TEXT.index("Harbour"), len("Harbour Gazette"))
    qtbot.keyClick(view.passage, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    panel = view.lookup.panel
    assert panel is not None
    qtbot.waitUntil(panel.isVisible)
    qtbot.waitUntil(panel.search.hasFocus)
    assert panel.search.text() == "Harbour Gazette"
    assert panel.model.rowCount() == 1
    assert "readers' cooperative" in panel.card.toPlainText()
    assert view.lookup.opened == ["harbour-gazette"]
    # Typing searches anew: accents and case do not matter, part of a name is enough.
    panel.search.clear()
    qtbot.keyClicks(panel.search, "zoe oka")
    assert [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())] == [
        "Dr Zoë Okafor · person"]
    assert view.lookup.opened == ["harbour-gazette", "zoe-okafor"]
    panel.search.clear()
    qtbot.keyClick(panel.search, Qt.Key.Key_Down)  # an empty search lists every card
    assert panel.results.currentIndex().row() == 1
    qtbot.keyClick(panel, Qt.Key.Key_Escape)
    assert not panel.isVisible()
    # The next passage starts with nothing opened.
    view.load(v2_article(), taxonomy, sources=CARDS)
    assert view.lookup.opened == []


def test_card_list_model(qtmodeltester: object) -> None:
    from trainer.core.sourcecards import search_cards

    model = CardListModel()
    model.set_matches(search_cards(CARDS, ""))
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_in_the_main_window_ctrl_l_looks_up_while_practising_and_cards_are_stored(
        qtbot: QtBot, tmp_path: object) -> None:
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

    from trainer.core.model import ArticleSet
    from trainer.storage.engine import sqlite_url
    from trainer.storage.service import Store
    from trainer.ui.shell.main_window import MainWindow

    folder = Path(str(tmp_path))
    store = Store.open(sqlite_url(folder / "trainer.sqlite3"), backup_dir=folder / "backups")
    try:
        store.library.import_set(ArticleSet(id="v2", title="V2", articles=[v2_article()],
                                            sources=CARDS, format_version=2))
        window = MainWindow(store, folder)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        window._create_profile("Bea")
        assert window.profile_id is not None
        [entry] = store.library.entries(window.profile_id)
        window.open_revision(entry.revision_id)
        practice = window.practice
        practice.passage.setFocus()
        practice.passage.select_range(TEXT.index("Harbour"), TEXT.index(" reports"))
        qtbot.keyClick(practice.passage, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        panel = practice.lookup.panel
        assert panel is not None
        qtbot.waitUntil(panel.isVisible)
        assert window.stack.currentWidget() is practice  # not sent to the library
        panel.close()
        practice.passage.select_range(TEXT.index("Okafor"), TEXT.index("Okafor") + 6)
        practice.labels.label_chosen.emit("unverified")
        practice.submit.click()
        [attempt] = store.progress.history(window.profile_id)
        assert store.practice.sources_opened(attempt.attempt_id) == ["harbour-gazette"]
        window.show_library()
        assert window.library_action is not None
        assert window.library_action.shortcut().toString() == "Ctrl+Shift+L"
    finally:
        store.close()


def test_a_right_click_on_a_selected_name_offers_look_up(qtbot: QtBot,
                                                          taxonomy: Taxonomy) -> None:
    from PySide6.QtCore import QPoint, QTimer
    from PySide6.QtWidgets import QApplication, QMenu

    view = make_view(qtbot, v2_article(), taxonomy)
    view.load(v2_article(), taxonomy, sources=CARDS)
    view.passage.select_range(TEXT.index("Harbour"), TEXT.index(" reports"))
    offered: list[str] = []

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, choose)
            return
        first = menu.actions()[0]
        offered.append(first.text())
        menu.close()
        first.trigger()

    QTimer.singleShot(0, choose)
    view.lookup._menu(view.passage, QPoint(20, 20))
    assert offered == ["Look up “Harbour Gazette”"]
    panel = view.lookup.panel
    assert panel is not None and panel.search.text() == "Harbour Gazette"


def test_my_marks_lists_headline_marks_first_and_edits_them(
        qtbot: QtBot, taxonomy: Taxonomy, qtmodeltester: object) -> None:
    view = make_view(qtbot, v2_article(level=2), taxonomy)
    view.headline.view.setFocus()
    view.headline.view.select_range(TITLE.index("slams"), TITLE.index("slams") + len("slams"))
    view.labels.label_chosen.emit("loaded-language")
    view.passage.setFocus()
    view.passage.select_range(4, 11)
    view.labels.label_chosen.emit("framing")
    listed = view.marks_list.model()
    rows = [listed.index(r, 0).data() for r in range(listed.rowCount())]
    name = taxonomy.display_name("loaded-language")
    assert rows[0] == f"Headline: “slams”\n{name}"
    assert rows[1].startswith("“Harbou")
    assert listed.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole).startswith("Headline: ")
    assert view.marks_stack.currentWidget() is view.marks_list
    qtmodeltester.check(listed)  # type: ignore[attr-defined]

    # Choosing the headline row selects the phrase in the headline; a digit relabels it,
    # Delete removes it; the passage's mark stays.
    view.marks_list.setFocus()
    view.marks_list.setCurrentIndex(listed.index(0, 0))
    assert view.headline.view.selection_span() == (9, 14)
    first = view.labels.entries[0]
    assert first.number == 1 and first.label != "loaded-language"
    qtbot.keyClick(view.marks_list, Qt.Key.Key_1)
    assert [m.label for m in view.headline.model.marks()] == [first.label]
    view.marks_list.setCurrentIndex(listed.index(0, 0))
    qtbot.keyClick(view.marks_list, Qt.Key.Key_Delete)
    assert view.headline.model.marks() == []
    assert [m.label for m in view.marks.marks()] == ["framing"]
    assert [listed.index(r, 0).data() for r in range(listed.rowCount())] == rows[1:]
    # A headline mark alone still counts as "marks" (not the empty-list hint).
    view.passage.setFocus()
    view.undo_action.trigger()  # the headline mark comes back
    view.editor.remove(view.marks.marks())
    assert listed.rowCount() == 1
    assert view.marks_stack.currentWidget() is view.marks_list and view.remove_mark.isEnabled()
