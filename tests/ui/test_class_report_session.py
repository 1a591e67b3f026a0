"""The class report window over a teacher's session: import problems of every import are kept
(with file names) until the teacher clears them, and counts read right in the singular."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QProgressDialog
from pytestqt.qtbot import QtBot

from tests.ui.class_data import make_class, teacher_store
from tests.ui.test_class_report_screen import cells, import_through_dialog, open_window
from trainer.storage.service import Store
from trainer.ui.teacher.class_report import exports


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = teacher_store(tmp_path / "teacher.sqlite3")
    yield opened
    opened.close()


def _not_imported(model: Any) -> list[str]:
    return [details for kind, details in cells(model) if kind.startswith("Not imported")]


def test_problems_of_an_earlier_import_stay_until_cleared(
        qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder with a broken file, then another file: the broken file's problem is still
    listed (by file name) after the second import, and Clear empties the list."""
    usb = tmp_path / "usb"
    make_class(usb, ["Ana"])
    broken = usb / "broken.mltprogress"
    broken.write_bytes(b"\x00\xff{not json")
    window = open_window(qtbot, store)
    import_through_dialog(qtbot, window, monkeypatch, [usb])
    assert any("broken.mltprogress" in d for d in _not_imported(window.problems.model))
    [ben] = make_class(tmp_path / "later", ["Ben"])
    cut = tmp_path / "later" / "cut.mltprogress"
    cut.write_text(ben.read_text(encoding="utf-8")[:120], encoding="utf-8")
    import_through_dialog(qtbot, window, monkeypatch, [ben])
    rows = _not_imported(window.problems.model)
    assert any("broken.mltprogress" in d for d in rows), rows
    assert window.problems.isVisible()
    assert "of this session" in window.problems.heading.text() or \
        "this session" in window.problems.clear_button.accessibleName()
    # A third import with its own problem: both files are listed, the newest first.
    import_through_dialog(qtbot, window, monkeypatch, [cut])
    rows = _not_imported(window.problems.model)
    assert [("cut.mltprogress" in d, "broken.mltprogress" in d) for d in rows] == [
        (True, False), (False, True)], rows
    # Importing the same broken file again lists it once (the newest), not twice.
    import_through_dialog(qtbot, window, monkeypatch, [broken])
    rows = _not_imported(window.problems.model)
    assert sum("broken.mltprogress" in d for d in rows) == 1 and "broken" in rows[0], rows
    assert window.problems.clear_button.isVisible()
    window.problems.clear_button.click()
    assert _not_imported(window.problems.model) == []
    assert not window.problems.isVisible()  # nothing else to say: the strip hides
    assert [s.student_name for s in window.report.students] == ["Ana", "Ben"]


def test_clear_keeps_what_the_report_still_says(
        qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Clear forgets the import problems only: a finding of the report itself (an article
    this computer lacks) stays, since it is still true."""
    usb = tmp_path / "usb"
    [ana] = make_class(usb, ["Ana"])
    text = ana.read_text(encoding="utf-8").replace('"set_id": "test-set"',
                                                   '"set_id": "other-set"')
    ana.write_text(text, encoding="utf-8")
    (usb / "broken.mltprogress").write_bytes(b"{")
    window = open_window(qtbot, store)
    import_through_dialog(qtbot, window, monkeypatch, [usb])
    kinds = [kind for kind, _details in cells(window.problems.model)]
    assert "Article not on this computer" in kinds and _not_imported(window.problems.model)
    window.problems.clear_button.click()
    kinds = [kind for kind, _details in cells(window.problems.model)]
    assert kinds == ["Article not on this computer"]
    assert window.problems.isVisible() and not window.problems.clear_button.isVisible()


def test_counts_of_one_read_in_the_singular(
        qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Finding 18: no "1 statements", no "of 1 files"."""
    window = open_window(qtbot, store)
    import_through_dialog(qtbot, window, monkeypatch, make_class(tmp_path / "usb", ["Ana"]))
    assert len(window.report.attempts) == 1
    told: list[str] = []
    monkeypatch.setattr(exports, "tell", lambda _parent, _title, text, error=False:
                        told.append(text))
    exports.save_xapi(window, window.report, tmp_path / "statements.json")
    assert told and told[0].startswith("Saved 1 statement in "), told
    window.importer.progress = QProgressDialog()
    qtbot.addWidget(window.importer.progress)
    window.importer._show_progress(0, 1)
    assert window.importer.progress.labelText() == "Read 0 of 1 file…"
    window.importer._show_progress(1, 3)
    assert window.importer.progress.labelText() == "Read 1 of 3 files…"
