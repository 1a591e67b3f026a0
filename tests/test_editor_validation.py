"""The validation panel shows exactly what `trainer validate` prints, and jumps to fields."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QMessageBox

from trainer.core.errors import Problem
from trainer.ui.teacher.editor import SetEditorWindow
from trainer.ui.teacher.editor.draft import AnnotationDraft, ArticleDraft, SetDraft
from trainer.ui.teacher.editor.models import PROBLEM_ROLE
from trainer.ui.teacher.editor.validation import Location, locate


def make_window(qtbot: Any) -> SetEditorWindow:
    window = SetEditorWindow()
    window._ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # focus checks need the active window
    return window


def broken_draft() -> SetDraft:
    text = "Hi 👋 there, experts say."
    first = ArticleDraft(id="a1", title="One", text=text)
    for annotation in (AnnotationDraft(0, 2, "no-such-technique"),
                       AnnotationDraft(text.index("experts"), text.index("experts") + 11,
                                       "vague-attribution"),
                       AnnotationDraft(30, 40, "framing")):
        first.add_annotation(annotation)
    return SetDraft(id="bad id!", title="", articles=[
        first, ArticleDraft(id="a1", title="", text="x")])


def tooltip_text(window: Any, row: int) -> str:
    document = QTextDocument()
    document.setHtml(window.problems.index(row, 0).data(Qt.ItemDataRole.ToolTipRole))
    return document.toPlainText()


def test_panel_lines_equal_the_cli_output_for_the_saved_file(qtbot: Any, tmp_path: Path) -> None:
    window = make_window(qtbot)
    window.load_draft(broken_draft(), None)
    path = tmp_path / "broken.json"
    assert window.save_to(path)  # unfinished work can be saved
    panel = [window.problems.index(r, 0).data() for r in range(window.problems.rowCount())]
    assert len(panel) >= 5
    result = subprocess.run([sys.executable, "-m", "trainer", "validate", str(path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    cli = [line for line in result.stderr.splitlines() if line.startswith(str(path))]
    # The same problems, in the same order; the panel names places as the editor shows them
    # and keeps the command line's wording as the tooltip.
    assert [tooltip_text(window, r) for r in range(window.problems.rowCount())] == cli
    assert all("$." not in line and str(path) not in line for line in panel)
    assert any(line.startswith("Set details · Set id: ") for line in panel)
    assert any(line.startswith("Article 1 · Key span 1 · Technique: ") for line in panel)
    assert any(line.startswith("Article 2 · Title: ") for line in panel)
    assert "problem" in window.problem_panel.status.text()

    # The unfinished file reopens with its problems listed again.
    again = make_window(qtbot)
    problems = again.open_path(path)
    assert [p.format() for p in problems] == cli
    assert [tooltip_text(again, r) for r in range(again.problems.rowCount())] == cli


def test_panel_updates_live_while_typing(qtbot: Any) -> None:
    window = make_window(qtbot)
    window.add_article()
    with qtbot.waitSignal(window.validated, timeout=3000) as blocker:
        qtbot.keyClicks(window.article_form.title, "A title")
    assert any("$.articles[0].text" in p.format() for p in blocker.args[0])
    with qtbot.waitSignal(window.validated, timeout=3000) as blocker:
        window.article_form.text.setPlainText("Now there is text.")
    messages = [p.format() for p in blocker.args[0]]
    assert not any("$.articles[0].text" in m for m in messages)
    window.set_form.title.setFocus()
    qtbot.keyClicks(window.set_form.title, "My set")
    assert window.validate_now() == []
    assert window.problem_panel.status.text().startswith("✓")


def test_double_click_and_enter_jump_to_the_field(qtbot: Any) -> None:
    window = make_window(qtbot)
    window.load_draft(broken_draft(), None)
    rows = {window.problems.index(r, 0).data(PROBLEM_ROLE).path: r
            for r in range(window.problems.rowCount())}
    view = window.problem_panel.view

    def activate(path: str) -> None:
        index = window.problems.index(rows[path], 0)
        view.setCurrentIndex(index)
        rect = view.visualRect(index)
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    activate("$.articles[1].title")
    assert window.current_row() == 1 and window.article_form.title.hasFocus()
    activate("$.articles[0].annotations[0].label")
    assert window.current_row() == 0
    assert window.span_panel.view.currentIndex().row() == 0
    view.setFocus()
    view.setCurrentIndex(window.problems.index(rows["$.id"], 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.set_form
    assert window.set_form.set_id.hasFocus()


def test_locate_parses_problem_paths() -> None:
    assert locate(Problem("f", "m", path="$.articles[3].annotations[2].end")) == \
        Location(3, "end", 2)
    assert locate(Problem("f", "m", path="$.articles[0].source.url")) == \
        Location(0, "source.url")
    assert locate(Problem("f", "m", path="$.level.min")) == Location(field="level.min")
    assert locate(Problem("f", "m", line=3, col=1)) == Location()


def test_models_pass_the_qt_model_tester(qtbot: Any, qtmodeltester: Any) -> None:
    window = make_window(qtbot)
    window.load_draft(broken_draft(), None)
    window.select_article(0)
    qtmodeltester.check(window.articles)
    qtmodeltester.check(window.spans)
    qtmodeltester.check(window.problems)
    window.add_article()
    window.move_article(-1)
    qtmodeltester.check(window.articles)


def lintable_draft() -> SetDraft:
    """A set that loads, with content `trainer lint` flags: a key span without a tip."""
    text = ("The council will close the bridge, experts say, after a quiet vote on Monday "
            "evening that few residents heard about.")
    article = ArticleDraft(id="a1", title="Bridge to close", outlet="Daily", text=text)
    start = text.index("experts say")
    article.add_annotation(AnnotationDraft(
        start, start + len("experts say"), "vague-attribution",
        explanation="Which experts? The article never names anyone who said this."))
    return SetDraft(id="bridge", title="Bridge news", articles=[article])


def test_panel_shows_lint_findings_as_warnings(qtbot: Any, tmp_path: Path) -> None:
    window = make_window(qtbot)
    window.load_draft(lintable_draft(), None)
    assert window.validate_now() == []  # it loads: nothing blocks saving or the library
    path = tmp_path / "bridge.json"
    assert window.save_to(path)
    result = subprocess.run([sys.executable, "-m", "trainer", "lint", str(path)],
                            capture_output=True, text=True, check=False)
    cli = [line for line in result.stderr.splitlines() if line.startswith(str(path))]
    assert any("tip is missing" in line for line in cli)
    # Every lint finding is in the panel, as a warning, under the editor's own names; the
    # tooltip is lint's own line (its errors are warnings here: the set still loads).
    problems = [window.problems.index(r, 0).data(PROBLEM_ROLE)
                for r in range(window.problems.rowCount())]
    assert problems and all(p.is_warning for p in problems)
    tooltips = [tooltip_text(window, r) for r in range(window.problems.rowCount())]
    assert tooltips == [line.replace(": error: ", ": warning: ", 1) for line in cli]
    panel = [window.problems.index(r, 0).data() for r in range(window.problems.rowCount())]
    assert "Article 1 · Key span 1 · Tip: warning: tip is missing" in "\n".join(panel)
    assert all("$." not in line for line in panel)
    status = window.problem_panel.status.text()
    assert "No problems" not in status and "warning" in status
    assert "Saved" in window.last_message and "problem" not in window.last_message

    # Fixing the finding in the editor removes it from the panel.
    window.draft.articles[0].annotations[0].tip = (
        "Search for the council's minutes and see who actually spoke at the meeting.")
    window.validate_now()
    assert not any("tip is missing" in editor_line
                   for editor_line in (window.problems.index(r, 0).data()
                                       for r in range(window.problems.rowCount())))


def test_the_status_line_reads_on_every_theme(qtbot: Any) -> None:
    import re

    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QApplication

    from tests.ui.looks import contrast as _contrast
    from trainer.ui.shell import theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    sheet, palette, font, colors = app.styleSheet(), app.palette(), app.font(), theme.current()
    try:
        for name in ("light", "dark", "high-contrast"):
            background = QColor(theme.apply_theme(app, name).window)
            window = make_window(qtbot)
            for draft in (broken_draft(), lintable_draft(), None):
                if draft is None:
                    window.problem_panel.show_status(0)  # no problems, no warnings
                else:
                    window.load_draft(draft, None)  # problems; then lint warnings only
                match = re.search(r"color:\s*(#[0-9a-fA-F]{6})",
                                  window.problem_panel.status.styleSheet())
                assert match, window.problem_panel.status.styleSheet()
                assert _contrast(QColor(match.group(1)), background) >= 4.5, (name, match[1])
    finally:
        app.setStyleSheet(sheet)
        app.setPalette(palette)
        app.setFont(font)
        theme._current = colors
