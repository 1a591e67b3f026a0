"""Feedback: the key over the marks, verdict styles that never rely on colour alone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from trainer.core.model import Article
from trainer.core.scoring import score_article
from trainer.core.spans import Span
from trainer.core.taxonomy import Taxonomy
from trainer.ui.practice.feedback_view import FeedbackView, VerdictRole
from trainer.ui.shell.styles import VERDICT_STYLES, verdict_format, verdict_text


def test_every_verdict_has_colour_underline_icon_and_text(qtbot: QtBot) -> None:
    underlines = set()
    for kind, style in VERDICT_STYLES.items():
        fmt = verdict_format(kind)
        assert fmt.underlineStyle() != fmt.UnderlineStyle.NoUnderline
        assert fmt.background().color().isValid()
        assert not style.icon().isNull()
        assert verdict_text(kind) and verdict_text(kind) != kind
        underlines.add(fmt.underlineStyle())
    # Each verdict has its own underline style, apart from the two kinds of "found" and
    # "too broad", which counts as missed (its icon and word tell it apart).
    assert len(underlines) == len(VERDICT_STYLES) - 2
    assert VERDICT_STYLES["too-broad"].icon_name != VERDICT_STYLES["missed"].icon_name


def test_feedback_shows_the_core_verdicts(qtbot: QtBot, article: Article,
                                          taxonomy: Taxonomy) -> None:
    text = article.text
    start = text.index("citing diplomatic")
    marks = [Span(start, start + 25, "unverified"),            # found
             Span(text.index("Many"), text.index("Many") + 4, "framing"),  # partly, wrong fam
             Span(text.index("published"), text.index("published") + 9, "framing")]  # false
    result = score_article(article, marks, taxonomy)
    view = FeedbackView()
    qtbot.addWidget(view)
    view.show()
    view.load(article, taxonomy, result, "family", marks)
    shown = [view.model.index(r, 0).data(VerdictRole).verdict
             for r in range(view.model.rowCount())]
    assert shown == [v.verdict for v in result.verdicts]
    assert {"found", "false-alarm", "missed"} <= set(shown)
    texts = view.verdict_texts()
    assert any(t.startswith("Found") for t in texts)
    assert any(t.startswith("False alarm") for t in texts)
    # One highlight per verdict, in the verdict's underline style.
    selections = view.passage.extraSelections()
    assert len(selections) == len(result.verdicts)
    for selection, verdict in zip(selections, result.verdicts, strict=True):
        assert (selection.format.underlineStyle()
                == VERDICT_STYLES[verdict.verdict].underline)
    # Moving through the list with the keyboard shows explanation and tip.
    view.list.setFocus()
    qtbot.keyClick(view.list, Qt.Key.Key_Home)
    first = result.verdicts[0]
    assert first.explanation in view.detail.body.text()
    assert first.tip in view.detail.tip.text()
    assert view.passage.textCursor().selectedText() == text[first.start:first.end]
    assert view.score.number.text().endswith("%")
    assert view.score.summary.text().startswith("You found")
    assert "d′" in view.score.details.text() and "d′" not in view.score.judgement.text()


def test_a_clean_passage_left_unmarked_does_not_ask_for_a_verdict(
        qtbot: QtBot, taxonomy: Taxonomy) -> None:
    # QA: the empty verdict list used to sit next to "Choose a verdict in the list…".
    clean = Article(id="clean", title="Budget published", level=1,
                    text="The council published its budget on Monday.")
    view = FeedbackView()
    qtbot.addWidget(view)
    view.show()
    view.load(clean, taxonomy, score_article(clean, [], taxonomy), "family", [])
    assert view.model.rowCount() == 0
    assert "Choose a verdict" not in view.detail.body.text()
    assert "no phrase" in view.detail.body.text()
