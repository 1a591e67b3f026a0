"""Layout from 1024×600 up (issue 10 item 4): Submit and Next always in view, the side panel
as a drawer on small screens, nothing jumps at the first mark, text size scales the whole
interface, every theme shows the checkbox, single line breaks read as paragraphs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionButton, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.conftest import make_article, make_set
from tests.ui.looks import contrast
from tests.ui.test_app_flow import open_store
from trainer.core.taxonomy import Taxonomy
from trainer.storage.service import Store
from trainer.ui.library.library_model import EntryRole
from trainer.ui.practice.passage_view import PassageView
from trainer.ui.practice.practice_view import PracticeView
from trainer.ui.shell import theme
from trainer.ui.shell.main_window import MainWindow
from trainer.ui.shell.ui_settings import UiSettings


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setenv("TRAINER_HOME", str(tmp_path))
    opened = open_store(tmp_path)
    opened.library.import_set(make_set())
    yield opened
    opened.close()


def window_at(qtbot: QtBot, store: Store, folder: Path, width: int, height: int) -> MainWindow:
    window = MainWindow(store, folder)
    qtbot.addWidget(window)
    window.choose_profile(store.profiles.create("Ada").id)
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    return window


def open_level(window: MainWindow, level: int) -> None:
    proxy = window.library.proxy
    for row in range(proxy.rowCount()):
        entry = proxy.index(row, 0).data(EntryRole)
        if entry.level == level and not entry.is_clean:
            window.open_revision(entry.revision_id)
            return
    raise AssertionError(f"no level-{level} passage")


def fully_in_view(widget: QWidget) -> bool:
    window = widget.window()
    top_left = widget.mapTo(window, QPoint(0, 0))
    rect = QRect(top_left, widget.size())
    return (widget.isVisible() and window.rect().contains(rect)
            and widget.visibleRegion().boundingRect().size() == widget.size())


def test_submit_and_next_stay_in_view_at_1024_by_600(qtbot: QtBot, store: Store,
                                                    tmp_path: Path) -> None:
    window = window_at(qtbot, store, tmp_path, 1024, 600)
    open_level(window, 2)
    practice = window.practice
    qtbot.waitUntil(lambda: practice.body.mode == "narrow")
    text = practice.passage.passage()
    words = [i for i in range(1, len(text)) if text[i - 1] == " "][:6]
    for n, start in enumerate(words):  # a handful of marks: the list grows
        practice.passage.select_range(start, start + 3)
        practice.editor.apply_label(practice.labels.entries[n].label)
    QApplication.processEvents()
    assert len(practice.marks.marks()) >= 4
    assert (window.width(), window.height()) == (1024, 600)
    assert fully_in_view(practice.submit)
    assert fully_in_view(practice.nothing)
    assert practice.body.toggle.isVisible()  # the panel is a drawer here
    practice.submit.click()
    feedback = window.feedback
    QApplication.processEvents()
    assert window.stack.currentWidget() is feedback
    assert fully_in_view(feedback.next) and fully_in_view(feedback.retry)


def test_the_side_panel_folds_into_a_drawer_on_small_windows(qtbot: QtBot, store: Store,
                                                           tmp_path: Path) -> None:
    window = window_at(qtbot, store, tmp_path, 1366, 768)
    open_level(window, 1)
    practice = window.practice
    qtbot.waitUntil(lambda: practice.body.mode == "wide")
    assert not practice.body.toggle.isVisible()
    window.resize(683, 700)  # half of a 1366 px screen
    qtbot.waitUntil(lambda: practice.body.mode == "compact")
    assert not practice.body.is_open()
    qtbot.waitUntil(lambda: practice.passage.width() > 400)  # a readable line
    assert fully_in_view(practice.submit)
    qtbot.mouseClick(practice.body.toggle, Qt.MouseButton.LeftButton)
    assert practice.body.is_open()
    assert practice.body.toggle.accessibleName().startswith("Hide")


def test_nothing_moves_when_the_first_mark_appears(qtbot: QtBot, taxonomy: Taxonomy) -> None:
    view = PracticeView()
    qtbot.addWidget(view)
    view.resize(1024, 600)
    view.show()
    qtbot.waitExposed(view)
    view.load(make_article(2), taxonomy)
    qtbot.wait(100)  # the new chips are laid out
    before = [chip.mapTo(view, QPoint(0, 0)) for chip in view.labels.chips]
    passage_before = view.passage.geometry()
    submit_before = view.submit.mapTo(view, QPoint(0, 0))
    view.passage.select_range(0, 8)
    view.editor.apply_label(view.labels.entries[0].label)
    qtbot.wait(100)
    assert [chip.mapTo(view, QPoint(0, 0)) for chip in view.labels.chips] == before
    assert view.passage.geometry() == passage_before
    assert view.submit.mapTo(view, QPoint(0, 0)) == submit_before


@pytest.mark.usefixtures("restore_look")
def test_text_size_scales_the_whole_interface(qtbot: QtBot, store: Store,
                                             tmp_path: Path) -> None:
    window = window_at(qtbot, store, tmp_path, 1366, 768)
    open_level(window, 1)
    practice = window.practice
    chip = practice.labels.chips[0]
    chip_points, chip_height = chip.font().pointSizeF(), chip.sizeHint().height()
    definition_points = practice.definition.body.font().pointSizeF()
    passage_points = practice.passage.font().pointSizeF()
    window.apply_settings(UiSettings(20, window.settings.theme, window.settings.level))
    QApplication.processEvents()
    assert chip.font().pointSizeF() > chip_points * 1.3
    assert chip.sizeHint().height() > chip_height
    assert practice.definition.body.font().pointSizeF() > definition_points * 1.3
    assert practice.passage.font().pointSizeF() == 20 > passage_points
    assert practice.submit.font().pointSizeF() > chip_points * 1.3


def indicator_pixels(box: QWidget, colour: str) -> int:
    """How many pixels of the checkbox's indicator square have `colour`."""
    option = QStyleOptionButton()
    option.initFrom(box)
    rect = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    image: QImage = box.grab().toImage()
    ratio = image.devicePixelRatio()
    wanted = QColor(colour)
    count = 0
    for x in range(int(rect.left() * ratio), int(rect.right() * ratio)):
        for y in range(int(rect.top() * ratio), int(rect.bottom() * ratio)):
            pixel = image.pixelColor(x, y)
            if abs(pixel.red() - wanted.red()) + abs(pixel.green() - wanted.green()) \
                    + abs(pixel.blue() - wanted.blue()) < 60:
                count += 1
    return count


@pytest.mark.usefixtures("restore_look")
@pytest.mark.parametrize("name", ["light", "dark", "high-contrast"])
def test_every_theme_draws_the_nothing_to_flag_box(qtbot: QtBot, taxonomy: Taxonomy,
                                                  name: str) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    colors = theme.apply_theme(app, name)
    view = PracticeView()
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    qtbot.waitExposed(view)
    view.load(make_article(), taxonomy)
    QApplication.processEvents()
    # The indicator's outline is drawn in the theme's text colour, on its base colour.
    assert indicator_pixels(view.nothing, colors.text) > 10


def test_single_line_breaks_read_as_paragraphs(qtbot: QtBot) -> None:
    text = "First paragraph.\nSecond paragraph.\n\nThird after a blank line."
    view = PassageView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    view.set_passage(text)
    assert view.toPlainText() == text  # offsets are those of the text
    document = view.document()
    first, second = document.begin(), document.begin().next()
    layout = document.documentLayout()
    gap = layout.blockBoundingRect(second).top() - layout.blockBoundingRect(first).bottom()
    assert second.blockFormat().topMargin() > 0
    assert gap + second.blockFormat().topMargin() > 0
    third = document.findBlockByNumber(3)
    assert third.text() == "Third after a blank line."
    assert third.blockFormat().topMargin() == 0  # the blank line already makes the gap
    view.select_range(text.index("Second"), text.index("Second") + 6)
    assert view.textCursor().selectedText() == "Second"


def test_a_long_headline_is_shown_whole_on_a_narrow_screen(qtbot: QtBot) -> None:
    from trainer.ui.practice.headline import HeadlineView

    view = HeadlineView()
    qtbot.addWidget(view)
    view.resize(420, 40)
    view.show()
    qtbot.waitExposed(view)
    view.set_passage("Short")
    short = view.height()
    view.set_passage("Emergency waits at St Brannock's lengthen over a long and hard winter")
    document = view.document()
    document.setTextWidth(view.viewport().width())
    assert view.height() > short
    assert view.viewport().height() >= document.size().height() - 1


def test_the_profile_list_scales_with_the_text_size(qtbot: QtBot, restore_look: None) -> None:
    from trainer.ui.shell.profile_picker import ProfilePicker

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply_theme(app, "light")
    picker = ProfilePicker()
    qtbot.addWidget(picker)
    picker.show()
    theme.apply_text_size(app, theme.REFERENCE_TEXT_SIZE)
    QApplication.processEvents()
    size = picker.list.font().pointSizeF()
    theme.apply_text_size(app, theme.REFERENCE_TEXT_SIZE * 1.5)
    QApplication.processEvents()
    assert picker.list.font().pointSizeF() == pytest.approx(size * 1.5, rel=0.05)


@pytest.mark.usefixtures("restore_look")
def test_high_contrast_menus_have_a_visible_border(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QMainWindow

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply_theme(app, "high-contrast")
    window = QMainWindow()
    qtbot.addWidget(window)
    menu = window.menuBar().addMenu("File")
    for text in ("Library", "My attempts", "Quit"):
        menu.addAction(text)
    window.show()
    menu.popup(window.mapToGlobal(QPoint(10, 30)))
    QApplication.processEvents()
    image = menu.grab().toImage()
    middle = image.height() // 2
    inside = image.pixelColor(image.width() - 6, middle)  # right of the longest item text
    # The menu floats over a black window on a black base: its frame must stand out (WCAG
    # 1.4.11: 3:1 for the outline of a component), on every side.
    for x, y in ((0, middle), (image.width() - 1, middle), (image.width() // 2, 0),
                 (image.width() // 2, image.height() - 1)):
        assert contrast(image.pixelColor(x, y), inside) >= 3, (x, y)
    menu.hide()


def test_larger_text_keeps_the_level_on_screen_and_the_headline_bold(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        restore_look: None) -> None:
    """Review 22: at 1024×600 with larger text a long source URL (no place to wrap) pushed the
    "Level 2" indicator off the window, and the headline lost its bold."""
    from trainer.core.model import ArticleSet, Source

    monkeypatch.setenv("TRAINER_HOME", str(tmp_path))
    store = open_store(tmp_path)
    article = make_article(2, "long-url").model_copy(update={"source": Source(
        outlet="Northvale Courier", date="2026-02-09",
        url="https://northvalecourier.example/health/st-brannocks-emergency-waits-lengthen")})
    store.library.import_set(ArticleSet(id="url-set", version=1, title="URL set",
                                        articles=[article]))
    window = window_at(qtbot, store, tmp_path, 1024, 600)
    open_level(window, 2)
    practice = window.practice
    for _ in range(3):
        window.step_text_size(1)
    QApplication.processEvents()
    assert window.width() == 1024
    assert "Level 2" in practice.level_label.text()
    assert fully_in_view(practice.level_label)
    assert practice.headline.view.document().defaultFont().bold()
    window.close()
    store.close()
