"""What must be on screen without scrolling (review findings 14 and 15): after Submit the
selected verdict's explanation and "How would you check this?" tip, and while marking at
level 2 the "My marks" list — at 1280×800 and 1024×600, levels 1 and 2, the default text
size and two steps larger (Ctrl++ twice). Geometry of the widgets against what the window
and the scroll areas show, not pixels."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from tests.ui.test_app_flow import open_store
from tests.ui.test_layout import fully_in_view, open_level, window_at
from trainer.core.model import Annotation, Article, ArticleSet, Note, Source
from trainer.storage.service import Store
from trainer.ui.practice.good_practice import note_format
from trainer.ui.practice.verdict_list import VerdictLegend
from trainer.ui.shell.main_window import MainWindow

SIZES = [(1280, 800), (1024, 600)]

# A passage of the starter set's length whose explanations and tips are as long as its
# longest (about 500 characters together), with a good-practice note.
TEXT = (
    "Cycling to school in Dunmore has soared by 44 percent since 2023, according to new "
    "council figures, and the Station Road bike lane is the reason.\n\n"
    "The council's annual survey asked pupils at the borough's five secondary schools how "
    "they got to school on one day in October. Cycling was up to 13 percent of pupils, "
    "while walking fell by just 2 percent.\n\n"
    "Even the council's own transport officer credits the lane, calling the figures "
    "encouraging. Insiders say the second lane is already a done deal.\n\n"
    "The 1.2-kilometre lane opened in September after ten weeks of work, and has been used "
    "by more than 600 cyclists a day, according to the council's automatic counter on "
    "Station Road. Campaigners now want a second lane on Mill Road."
)
EXPLANATION = (
    "The figure is real, but the sentence hangs a cause on it that the survey cannot carry: "
    "one day in October, five schools, and no comparison with schools that have no lane. "
    "Several things changed at once that year (bus fares, a new school timetable), and the "
    "report names none of them, so a reader takes the lane as the only reason."
)
TIP = (
    "Look for what else changed over the same period, and ask whether the numbers compare "
    "like with like: the same schools, the same day, the same question. If the report "
    "gives no comparison, the cause is the writer's guess."
)
PHRASES = [
    ("soared by 44 percent since 2023", "misleading-statistic", "exaggeration"),
    ("the Station Road bike lane is the reason", "oversimplification", "oversimplification"),
    ("while walking fell by just 2 percent", "exaggeration", "exaggeration"),
    ("Even the council's own transport officer", "unverifiable-authority", "loaded-language"),
    ("Insiders say", "anonymous-source", "anonymous-source"),
]
NOTE = "according to the council's automatic counter on Station Road"


def long_article(level: int) -> Article:
    annotations = []
    for phrase, label, _marked in PHRASES:
        start = TEXT.index(phrase)
        annotations.append(Annotation(start=start, end=start + len(phrase), label=label,
                                      explanation=EXPLANATION, tip=TIP))
    note = TEXT.index(NOTE)
    return Article(id=f"cycling-{level}", title="Bike lane sparks cycling boom at schools",
                   level=level, source=Source(outlet="Dunmore Dispatch", date="2026-11-21"),
                   text=TEXT, annotations=annotations,
                   notes=[Note(start=note, end=note + len(NOTE),
                               why="It names where the count comes from, so a reader can "
                                   "ask the council for it.")])


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setenv("TRAINER_HOME", str(tmp_path))
    opened = open_store(tmp_path)
    opened.library.import_set(ArticleSet(id="fold-set", version=1, format_version=2,
                                         title="Fold set",
                                         articles=[long_article(1), long_article(2)]))
    yield opened
    opened.close()


def larger(window: MainWindow, steps: int) -> None:
    for _ in range(abs(steps)):  # what Ctrl++ (Ctrl+- for fewer) does
        window.step_text_size(1 if steps > 0 else -1)
    QApplication.processEvents()


def in_view(label: QLabel) -> bool:
    """Whole on screen: inside the window and not clipped by a scroll area (an empty or
    hidden label has nothing to show)."""
    return label.isHidden() or not label.text() or fully_in_view(label)


def mark_and_submit(window: MainWindow, level: int) -> None:
    open_level(window, level)
    practice = window.practice
    taxonomy = window.current.taxonomy if window.current is not None else None
    assert taxonomy is not None
    for phrase, _label, marked in PHRASES[:2] + PHRASES[3:4]:
        start = TEXT.index(phrase)
        practice.passage.select_range(start, start + len(phrase))
        practice.editor.apply_label(marked if level > 1 else taxonomy.family_of(marked))
    practice.submit.click()
    QApplication.processEvents()
    assert window.stack.currentWidget() is window.feedback


def row_in_view(window: MainWindow) -> bool:
    listing = window.feedback.list
    rect = listing.visualRect(listing.currentIndex())
    top_left = listing.viewport().mapTo(window, rect.topLeft())
    return (listing.viewport().rect().contains(rect)
            and window.rect().contains(QRect(top_left, rect.size()))
            and listing.viewport().visibleRegion().contains(rect))


@pytest.mark.usefixtures("restore_look")
@pytest.mark.parametrize("steps", [0, 2])
@pytest.mark.parametrize("level", [1, 2])
def test_after_submit_the_explanation_and_tip_are_in_view_at_1280_by_800(
        qtbot: QtBot, store: Store, tmp_path: Path, level: int, steps: int) -> None:
    window = window_at(qtbot, store, tmp_path, 1280, 800)
    larger(window, steps)
    mark_and_submit(window, level)
    detail = window.feedback.detail
    assert "How would you check this?" in detail.tip.text()
    assert in_view(detail.heading) and in_view(detail.body) and in_view(detail.tip)
    assert fully_in_view(window.feedback.score.number)  # the score is not pushed away


@pytest.mark.usefixtures("restore_look")
@pytest.mark.parametrize("steps", [0, 2])
@pytest.mark.parametrize("level", [1, 2])
@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_next_verdict_is_explained_in_view(qtbot: QtBot, store: Store, tmp_path: Path,
                                              width: int, height: int, level: int,
                                              steps: int) -> None:
    """A student who pressed Submit and then arrows to or clicks another verdict reads its
    explanation and tip without scrolling, and can still see the row they are on."""
    window = window_at(qtbot, store, tmp_path, width, height)
    larger(window, steps)
    mark_and_submit(window, level)
    feedback = window.feedback
    detail, listing = feedback.detail, feedback.list
    assert feedback.model.rowCount() >= 5
    listing.setFocus()
    for row in range(1, feedback.model.rowCount()):
        qtbot.keyClick(listing, Qt.Key.Key_Down)
        QApplication.processEvents()
        assert listing.currentIndex().row() == row
        assert in_view(detail.heading) and in_view(detail.body) and in_view(detail.tip), row
        assert row_in_view(window), row
    # and with the mouse, back to the first verdict
    first = feedback.model.index(0, 0)
    listing.scrollTo(first)
    QApplication.processEvents()
    center = listing.visualRect(first).center()
    assert listing.viewport().visibleRegion().contains(center)
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=center)
    QApplication.processEvents()
    assert listing.currentIndex().row() == 0
    assert in_view(detail.heading) and in_view(detail.body) and in_view(detail.tip)
    assert row_in_view(window)


@pytest.mark.usefixtures("restore_look")
@pytest.mark.parametrize("steps", [0, 2])
@pytest.mark.parametrize("level", [1, 2])
@pytest.mark.parametrize(("width", "height"), SIZES)
def test_my_marks_stay_in_view_beside_the_palette(qtbot: QtBot, store: Store,
                                                  tmp_path: Path, width: int, height: int,
                                                  level: int, steps: int) -> None:
    window = window_at(qtbot, store, tmp_path, width, height)
    larger(window, steps)
    open_level(window, level)
    practice = window.practice
    assert len(practice.labels.chips) == 2 if level == 1 else len(practice.labels.chips) >= 16
    for n, (phrase, _label, _marked) in enumerate(PHRASES):
        start = TEXT.index(phrase)
        practice.passage.select_range(start, start + len(phrase))
        practice.editor.apply_label(practice.labels.entries[n % 2].label)
    QApplication.processEvents()
    assert practice.marks_list.isVisible()
    assert fully_in_view(practice.marks_list)
    assert fully_in_view(practice.remove_mark)
    assert fully_in_view(practice.submit)
    # The palette is still there to click: its first chip is whole on screen, and at
    # 1280×800 most of the sixteen (compact chips at level 2).
    assert fully_in_view(practice.labels.chips[0])
    if (width, steps, level) == (1280, 0, 2):
        assert sum(fully_in_view(chip) for chip in practice.labels.chips) >= 12


def test_the_legend_names_the_good_practice_underline(qtbot: QtBot) -> None:
    legend = VerdictLegend()
    qtbot.addWidget(legend)
    legend.resize(700, 80)
    legend.show()
    items = {item.text: item for item in legend.items}
    assert "Good practice" in items
    good = items["Good practice"]
    # Words, not only the line: what the line looks like is said, and read out.
    assert "dash-dot underline" in good.description
    assert "dash-dot underline" in good.accessibleName()
    # The sample is drawn with the passage's own format for good-practice notes.
    assert good.format.underlineStyle() == note_format().underlineStyle()
    assert good.format.underlineColor() == note_format().underlineColor()
    # Each verdict's sample is the passage's format too, and says its line in words.
    assert items["False alarm"].description.startswith("dash-dot underline")
    assert items["Partly found"].description.startswith("dotted underline")


def test_tab_brings_a_chip_below_the_fold_into_view(qtbot: QtBot, store: Store,
                                                    tmp_path: Path) -> None:
    window = window_at(qtbot, store, tmp_path, 1024, 600)
    open_level(window, 2)
    practice = window.practice
    last = practice.labels.chips[-1]
    assert not fully_in_view(last)  # the palette scrolls at this size
    practice.labels.chips[-2].setFocus()
    qtbot.keyClick(practice.labels.chips[-2], Qt.Key.Key_Tab)
    QApplication.processEvents()
    assert last.hasFocus()
    assert fully_in_view(last)
    assert fully_in_view(practice.marks_stack)  # with its "No marks yet" note


@pytest.mark.usefixtures("restore_look")
def test_the_side_panel_widens_with_the_text_size(qtbot: QtBot, store: Store,
                                                  tmp_path: Path) -> None:
    window = window_at(qtbot, store, tmp_path, 1280, 800)
    open_level(window, 1)
    panel = window.practice.body.panel
    assert panel.width() == 420  # the default size keeps the panel as it was
    larger(window, 2)
    assert panel.width() == round(420 * 15 / 13)  # lines break where they did
    larger(window, 13)  # as large as the setting goes
    assert window.settings.text_size == 28
    assert panel.width() <= 0.45 * window.width()
    larger(window, -15)
    assert panel.width() == 420
