"""Library, profile and history models: qtmodeltester plus the filter behaviour."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from trainer.core.student_score import StudentScore
from trainer.core.taxonomy import Taxonomy
from trainer.ui.library.library_model import EntryRole, LibraryFilter, LibraryModel, ProfilesModel
from trainer.ui.library.library_view import LibraryView
from trainer.ui.practice.verdict_list import VerdictModel
from trainer.ui.progress.history_view import HistoryModel


@dataclass(frozen=True)
class Entry:
    revision_id: int
    title: str
    level: int
    techniques: tuple[str, ...]
    status: str = "new"
    best_f1: float | None = None
    set_id: str = "s"
    set_title: str = "Starter"
    article_id: str = "a"
    outlet: str = "Daily Example"
    date: str = ""

    @property
    def is_clean(self) -> bool:
        return not self.techniques


ENTRIES = [
    Entry(1, "Secret plans", 1, ("anonymous-source", "loaded-language"), "done", 0.75),
    Entry(2, "Budget published", 1, ()),
    Entry(3, "Experts believe", 2, ("vague-attribution",), "in-progress"),
    Entry(4, "Flood of newcomers", 3, ("appeal-to-fear", "us-vs-them")),
]


def titles(proxy: LibraryFilter) -> list[str]:
    return [proxy.index(r, 0).data(EntryRole).title for r in range(proxy.rowCount())]


def test_library_model_and_filter(qtmodeltester: Any, taxonomy: Taxonomy) -> None:
    model = LibraryModel(taxonomy)
    model.set_entries(ENTRIES)
    qtmodeltester.check(model)
    proxy = LibraryFilter()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    assert model.index(0, 4).data() == "75 %"
    # Before a passage is done nothing is revealed, clean or not: that is the answer.
    assert model.index(1, 5).data() == "You decide"
    assert model.index(2, 5).data() == "You decide"
    assert model.index(3, 5).data() == "You decide"
    assert model.index(0, 5).data() == "Loaded framing, Unverified claim"  # level 1: families
    done_clean = Entry(5, "Budget published", 1, (), "done", 1.0)
    done_level_two = Entry(6, "Experts believe", 2, ("vague-attribution",), "done", 0.5)
    assert model.technique_text(done_clean) == "Nothing to flag"
    assert model.technique_text(done_level_two) == "Vague attribution"
    proxy.set_level(1)
    assert titles(proxy) == ["Secret plans", "Budget published"]
    proxy.set_level(None)
    proxy.set_technique("unverified")
    assert titles(proxy) == ["Secret plans", "Experts believe"]
    proxy.set_technique("us-vs-them")
    assert titles(proxy) == ["Flood of newcomers"]
    proxy.set_technique(None)
    proxy.set_search("  EXPERTS ")
    assert titles(proxy) == ["Experts believe"]
    proxy.set_search("")
    proxy.sort(3)  # by status: new, in progress, done
    assert titles(proxy)[-1] == "Secret plans"
    qtmodeltester.check(proxy)


def test_library_view_empty_states(qtbot: QtBot, taxonomy: Taxonomy) -> None:
    view = LibraryView(taxonomy)
    qtbot.addWidget(view)
    view.set_entries([])
    assert view.stack.currentIndex() == 1 and "empty" in view.empty_text.text()
    view.set_entries(ENTRIES)
    assert view.stack.currentIndex() == 0
    view.search.setText("no such title")
    assert view.stack.currentIndex() == 1 and "No passage matches" in view.empty_text.text()
    view.search.clear()
    with qtbot.waitSignal(view.open_requested) as blocker:
        view.open.click()
    assert blocker.args == [ENTRIES[0].revision_id]


@dataclass(frozen=True)
class Profile:
    id: str
    name: str


def test_profiles_model(qtmodeltester: Any) -> None:
    model = ProfilesModel()
    model.set_profiles([Profile("u1", "Ada"), Profile("u2", "Bo")])
    qtmodeltester.check(model)
    assert model.row_of("u2") == 1 and model.row_of("zz") == -1
    assert model.index(1, 0).data(ProfilesModel.IdRole) == "u2"


@dataclass(frozen=True)
class Attempt:
    article_title: str
    level: int
    mode: str
    submitted_at: datetime
    precision: float
    recall: float
    f1: float
    d_prime: float
    student: StudentScore = field(default_factory=StudentScore)
    attempt_id: str = "a1"
    note_count: int = 0


def test_history_model(qtmodeltester: Any) -> None:
    model = HistoryModel()
    when = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
    student = StudentScore(found=3, partly=1, missed=1, key_spans=5, marks=4, hits=4,
                           mode="family")
    model.set_attempts([
        Attempt("Secret plans", 1, "family", when, 0.5, 1.0, 0.667, 1.2, student),
        Attempt("Budget", 1, "family", when, 0.0, 1.0, 0.0, 0.5,
                StudentScore(marks=1, too_broad=1, mode="family"), "a2", 2)])
    qtmodeltester.check(model)
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Score"
    assert model.index(0, 3).data() == f"{round(student.score * 100)} %"  # not the F1
    assert "67 %" in model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole)  # research F1
    assert model.index(0, 4).data() == "3 of 5, 1 partly"
    assert model.index(0, 5).data() == "1.20"
    assert (model.index(1, 3).data(), model.index(1, 4).data()) == (
        "0 %", "fair passage, 1 flagged")
    assert model.index(0, 6).data() == "" and "2 note" in model.index(1, 6).data()


def test_verdict_model(qtmodeltester: Any, taxonomy: Taxonomy) -> None:
    from tests.ui.conftest import make_article
    from trainer.core.scoring import score_article
    from trainer.core.spans import Span

    article = make_article()
    marks = [Span(0, 8, "framing")]
    result = score_article(article, marks, taxonomy)
    model = VerdictModel()
    model.set_result(article.text, result.verdicts, taxonomy, marks)
    qtmodeltester.check(model)
    assert model.rowCount() == len(result.verdicts)


def test_verdict_model_lists_good_practice_after_the_verdicts(qtmodeltester: Any,
                                                             taxonomy: Taxonomy) -> None:
    from tests.ui.conftest import make_article
    from trainer.core.model import Note
    from trainer.core.scoring import score_article
    from trainer.core.spans import Span
    from trainer.ui.practice.verdict_list import GoodPracticeRole, VerdictRole

    article = make_article()
    start = article.text.index("The ministry published")
    note = Note(start=start, end=len(article.text), why="A named body and a day.")
    marks = [Span(0, 8, "framing")]
    result = score_article(article, marks, taxonomy)
    model = VerdictModel()
    model.set_result(article.text, result.verdicts, taxonomy, marks, [note])
    qtmodeltester.check(model)
    assert model.rowCount() == len(result.verdicts) + 1
    last = model.index(model.rowCount() - 1, 0)
    assert last.data(GoodPracticeRole) == note and last.data(VerdictRole) is None
    assert str(last.data()).startswith("Good practice")
    assert "dash-dot underline" in str(last.data(Qt.ItemDataRole.ToolTipRole))
    assert model.index(0, 0).data(GoodPracticeRole) is None


def test_library_headings_line_up_with_their_columns(taxonomy: Taxonomy) -> None:
    """Review 4, finding 18: a centred "What to look for" over a left-aligned "You decide"
    read as adrift; each heading takes its column's alignment."""
    model = LibraryModel(taxonomy)
    model.set_entries(ENTRIES)
    left = int((Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter).value)
    for column, name in enumerate(model.COLUMNS):
        heading = model.headerData(column, Qt.Orientation.Horizontal,
                                   Qt.ItemDataRole.TextAlignmentRole)
        cell = model.index(0, column).data(Qt.ItemDataRole.TextAlignmentRole)
        assert heading == (cell if cell is not None else left), name
