"""Review 4, finding 4: at 1024×600 the explanation and its tip are on screen right after
Submit (they were below the fold): the score card drops its heading and moves the grading
mode and the discernment sentence behind "Details" when the window is short, and the panel
scrolls the least that shows the explanation."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.test_fold import in_view, larger, mark_and_submit, row_in_view, store
from tests.ui.test_layout import fully_in_view, window_at
from trainer.storage.service import Store
from trainer.ui.shell import theme

__all__ = ["store"]  # a fixture, used by name


@pytest.mark.usefixtures("restore_look")
@pytest.mark.parametrize("steps", [0, 2])
@pytest.mark.parametrize("level", [1, 2])
def test_after_submit_the_explanation_and_tip_are_in_view_at_1024_by_600(
        qtbot: QtBot, store: Store, tmp_path: Path, level: int, steps: int) -> None:
    window = window_at(qtbot, store, tmp_path, 1024, 600)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply_theme(app, "light")  # the real style sheet's paddings
    larger(window, steps)
    mark_and_submit(window, level)
    feedback = window.feedback
    detail, score = feedback.detail, feedback.score
    qtbot.waitUntil(lambda: in_view(detail.tip))
    assert "How would you check this?" in detail.tip.text()
    assert in_view(detail.heading) and in_view(detail.body) and in_view(detail.tip)
    assert row_in_view(window)
    # The discernment sentence and the grading mode are behind Details, not lost.
    assert score.judgement.isHidden() and score.mode.isHidden()
    assert feedback.verdicts_heading.isHidden()
    score.details_button.click()
    assert score.judgement.text() and score.judgement.text() in score.details.text()
    if steps == 0:
        assert fully_in_view(score.number) and in_view(score.summary)


@pytest.mark.usefixtures("restore_look")
def test_at_1280_by_800_the_score_card_is_whole(qtbot: QtBot, store: Store,
                                                tmp_path: Path) -> None:
    window = window_at(qtbot, store, tmp_path, 1280, 800)
    mark_and_submit(window, 2)
    score = window.feedback.score
    assert score.judgement.isVisible() and score.mode.isVisible() and score.heading.isVisible()
    assert window.feedback.verdicts_heading.isVisible()
    assert score.judgement.text() not in score.details.text()
