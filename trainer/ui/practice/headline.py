"""The headline as a markable line above the passage (article-set format version 2).

The headline has its own view, marks model and mark editor, so the passage's offsets stay
those of the text; both editors share one undo stack and the label palette, and a label
chosen with the mouse goes to whichever of the two the student used last. Marks leave this
module in scoring coordinates (trainer.core.parts): headline marks after the text.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QSizePolicy, QWidget

from trainer.core.model import Article
from trainer.core.parts import from_scoring, mark_to_scoring
from trainer.core.spans import Span
from trainer.core.taxonomy import Taxonomy
from trainer.ui.practice.marking import MarkEditor
from trainer.ui.practice.marks_model import MarksModel
from trainer.ui.practice.palette import LabelPalette
from trainer.ui.practice.passage_view import Highlight, PassageView
from trainer.ui.shell.styles import label_format


class HeadlineView(PassageView):
    """A passage view for one line: bold, no scroll bar, as tall as its wrapped text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Headline"))
        self.setAccessibleDescription(self.tr(
            "The headline can be marked like the passage: select words with Shift and the "
            "arrow keys, then press a label's number key."))
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().setDocumentMargin(12)
        self.document().contentsChanged.connect(self.updateGeometry)

    def set_passage(self, text: str) -> None:
        super().set_passage(text)
        self._headline_font()

    def set_text_size(self, points: float) -> None:
        super().set_text_size(points)
        self._headline_font()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # QTextEdit gives its document the widget's new (plain) font on a font change, e.g.
        # Ctrl++: the headline would lose its bold and its larger size until the next passage.
        if event.type() == QEvent.Type.FontChange:
            self._headline_font()

    def _headline_font(self) -> None:
        # From the widget's font, not the document's: scaling the document's own font grew
        # the headline by 15 % with every passage opened.
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.document().setDefaultFont(font)
        # A new headline may wrap onto more (or fewer) lines at the same width: fit it now,
        # not only on the next resize (it was cut off at 1024×600).
        self.setFixedHeight(self.sizeHint().height())
        self.updateGeometry()
        # A new headline may wrap to more (or fewer) lines at the same width.
        self.setFixedHeight(self.sizeHint().height())

    def sizeHint(self) -> QSize:
        self.document().setTextWidth(max(1, self.viewport().width()))
        height = self.document().size().height()
        lines = QFontMetricsF(self.document().defaultFont()).lineSpacing()
        return QSize(super().sizeHint().width(), int(max(height, lines + 24)) + 4)

    def resizeEvent(self, event: object) -> None:  # type: ignore[override]
        super().resizeEvent(event)  # type: ignore[arg-type]
        self.setFixedHeight(self.sizeHint().height())


class HeadlineMarking(QObject):
    """Owns the headline's view, marks and editor, and routes palette labels."""

    def __init__(self, passage: PassageView, palette: LabelPalette, passage_editor: MarkEditor,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.passage, self.palette, self.passage_editor = passage, palette, passage_editor
        self.view = HeadlineView()
        self.model = MarksModel(Taxonomy({}))
        self.model.prefix = self.tr("Headline: ")
        self.editor = MarkEditor(self.view, self.model, palette, self)
        self.editor.undo_stack = passage_editor.undo_stack  # one Undo for the whole screen
        self.view.label_key.connect(self.editor.on_digit)
        self.view.delete_key.connect(self.editor.delete_at_caret)
        self.editor.status.connect(passage_editor.status)
        self.model.marks_changed.connect(self.refresh)
        self.article: Article | None = None
        self._headline_last = False
        for view in (self.view, passage):
            view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            self._headline_last = watched is self.view
        return False

    def apply_label(self, label: str) -> None:
        """A label chosen in the palette: for the headline if it was used last."""
        (self.editor if self._headline_last else self.passage_editor).apply_label(label)

    def load(self, article: Article, taxonomy: Taxonomy, marks: list[Span]) -> None:
        """Show the headline with its marks (given in scoring coordinates)."""
        self.article = article
        self._headline_last = False
        self.model.set_taxonomy(taxonomy)
        self.view.set_passage(article.title)
        own = []
        for mark in marks:
            part, start, end = from_scoring(article, mark.start, mark.end)
            if part == "title" and 0 <= start < end <= len(article.title):
                own.append(Span(start, end, mark.label))
        self.model.set_passage(article.title, own)

    def scoring_marks(self) -> list[Span]:
        if self.article is None:
            return []
        return [mark_to_scoring(self.article, m, "title") for m in self.model.marks()]

    def refresh(self) -> None:
        family_of = self.model.taxonomy.family_of
        self.view.set_highlights([Highlight(m.start, m.end, label_format(family_of(m.label)))
                                  for m in self.model.marks()])
