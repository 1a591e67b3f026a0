"""The set editor on a 1024×600 screen, and where its file dialogs open (issue 9, item 15)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from trainer.ui.teacher.editor import SetEditorWindow
from trainer.ui.teacher.editor.draft import ArticleDraft, SetDraft
from trainer.ui.widgets.file_dialogs import documents_folder


def make_window(qtbot: Any) -> SetEditorWindow:
    window = SetEditorWindow(None)
    window._ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(window)
    return window


def on_screen(window: QWidget, widget: QWidget) -> bool:
    """Shown, inside the window, and not squeezed below the size it needs."""
    if not widget.isVisible() or widget.visibleRegion().isEmpty():
        return False
    box = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    needs = widget.minimumSizeHint()
    return (window.rect().contains(box) and box.width() >= min(needs.width(), 40)
            and box.height() >= min(needs.height(), 16) and box.width() >= 20)


def test_everything_essential_fits_1024_by_600(qtbot: Any) -> None:
    window = make_window(qtbot)
    window.load_draft(SetDraft(id="s", title="Set", auto_id=False, articles=[
        ArticleDraft(id="a1", title="One", text="Some text to mark.")]), None)
    window.resize(1024, 600)
    window.show()
    qtbot.waitExposed(window)
    assert window.width() <= 1024 and window.height() <= 600
    panel, spans, problems = window.article_panel, window.span_panel, window.problem_panel
    common = [panel.view, panel.add, panel.remove, panel.up, panel.down, window.tabs.tabBar(),
              spans.view, spans.mark, spans.edit, spans.remove, problems.view]
    window.tabs.setCurrentWidget(window.article_form)
    form = window.article_form
    article_controls = [form.title, form.article_id, form.level, form.outlet, form.date,
                        form.url, form.text]
    hidden = [w.accessibleName() or type(w).__name__ for w in common + article_controls
              if not on_screen(window, w)]
    window.tabs.setCurrentWidget(window.set_form)
    details = window.set_form
    hidden += [w.accessibleName() for w in (details.title, details.set_id, details.version,
                                            details.language, details.level_min,
                                            details.author, details.license,
                                            details.description)
               if not on_screen(window, w)]
    assert hidden == []


@pytest.mark.parametrize("dialog", ["save", "open"])
def test_file_dialogs_start_in_the_documents_folder(qtbot: Any, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    dialog: str) -> None:
    window = make_window(qtbot)
    asked: list[str] = []

    def fake(_parent: object, _caption: str, folder: str, *_args: object) -> tuple[str, str]:
        asked.append(folder)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake))
    documents = documents_folder()  # Documents, or home where there is none
    if dialog == "save":
        assert window.save_as() is False
        assert asked == [str(documents / "new-set.json")]
        window.path = tmp_path / "mine.json"  # once saved, the set's own folder
        window.save_as()
        assert asked[-1] == str(tmp_path / "new-set.json")
    else:
        window.open_dialog()
        assert asked == [str(documents)]
