"""The dashboard's mastery agrees with the feedback (session 4): a key phrase reached only by
a mark over two sentences is "Too broad" after Submit, so it does not raise the technique's
mastery — three such attempts show 0 %, not 100 %."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import PEACE_TEXT, make_set
from tests.ui.test_app_flow import open_store, show_window
from trainer.core.spans import Span
from trainer.storage.service import Store
from trainer.ui.progress.progress_controller import ProgressController

# From "secretly" to the end of the next sentence: "intervention" (loaded language) inside.
BROAD = Span(PEACE_TEXT.index("secretly"), PEACE_TEXT.index("fail.") + len("fail."),
             "framing")
NARROW = Span(PEACE_TEXT.index("intervention"),
              PEACE_TEXT.index("intervention") + len("intervention"), "framing")


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setenv("TRAINER_HOME", str(tmp_path))
    opened = open_store(tmp_path)
    opened.library.import_set(make_set())
    yield opened
    opened.close()


def _mastery_shown(qtbot: QtBot, qtmodeltester: object, store: Store, folder: Path,
                   mark: Span) -> str:
    window = show_window(qtbot, store, folder)
    window._create_profile("Ana")
    assert window.profile_id is not None
    window.finish_setup()
    entry = next(e for e in store.library.entries(window.profile_id) if e.article_id == "peace")
    for _ in range(3):
        store.practice.submit(window.profile_id, entry.revision_id, [mark], mode="family",
                              started_at=datetime.now(UTC))
    controller = window.progress
    assert isinstance(controller, ProgressController)
    controller.show_dashboard()
    model = controller.dashboard.mastery_model
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    row = next(r for r in range(model.rowCount())
               if model.data(model.index(r, 0), Qt.ItemDataRole.UserRole) == "loaded-language")
    assert model.data(model.index(row, 2)) == "3"  # three key phrases met
    shown = model.data(model.index(row, 1))
    assert isinstance(shown, str)
    return shown


def test_a_too_broad_mark_shows_as_not_found_on_the_dashboard(
        qtbot: QtBot, qtmodeltester: object, store: Store, tmp_path: Path) -> None:
    assert _mastery_shown(qtbot, qtmodeltester, store, tmp_path, BROAD) == "0%"


def test_the_phrase_itself_marked_shows_as_found(
        qtbot: QtBot, qtmodeltester: object, store: Store, tmp_path: Path) -> None:
    assert _mastery_shown(qtbot, qtmodeltester, store, tmp_path, NARROW) == "100%"
