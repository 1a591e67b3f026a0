"""The article form: metadata fields and the passage, with key spans shown as highlights."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from trainer.core.taxonomy import Taxonomy
from trainer.ui.shell import theme
from trainer.ui.shell.styles import label_format
from trainer.ui.teacher.editor.draft import AnnotationDraft, ArticleDraft
from trainer.ui.teacher.editor.offsets import find_change, follow_edit, shift_spans
from trainer.ui.widgets.offsets import OffsetMap
from trainer.ui.widgets.plain import plain_tooltip

# Family colours (light backgrounds, dark text so they read in every theme). Colour is never
# the only carrier: the span list names each technique, optional spans are also dotted.


class ArticleForm(QWidget):
    changed = Signal()  # any field or the text was edited by the user
    spans_dropped = Signal(list)  # AnnotationDraft objects an edit destroyed
    spans_moved = Signal()  # offsets changed (rows are unchanged)

    def __init__(self, taxonomy: Taxonomy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._taxonomy = taxonomy
        self._article: ArticleDraft | None = None
        self._loading = False
        self._hint_u16: int | None = None
        self._selected: int | None = None

        def line(name: str, placeholder: str = "") -> QLineEdit:
            edit = QLineEdit()
            edit.setAccessibleName(name)
            edit.setPlaceholderText(placeholder)
            edit.textEdited.connect(self._fields_edited)
            return edit

        self.title = line(self.tr("Article title"), self.tr("Headline as the outlet printed it"))
        self.article_id = line(self.tr("Article id"), self.tr("letters, digits, . _ -"))
        self.level = QSpinBox()
        self.level.setRange(1, 3)
        self.level.setAccessibleName(self.tr("Article level"))
        self.level.valueChanged.connect(self._fields_edited)
        self.outlet = line(self.tr("Source outlet"), self.tr("e.g. The Harbour Gazette"))
        self.date = line(self.tr("Source date"), self.tr("YYYY-MM-DD"))
        self.url = line(self.tr("Source URL"), self.tr("shown as plain text, never opened"))

        self.text = QPlainTextEdit()
        self.text.setAccessibleName(self.tr("Article text"))
        self.text.setAccessibleDescription(
            self.tr("Plain text. Select a phrase and press Ctrl+M to mark it as a key span."))
        self.text.setPlaceholderText(
            self.tr("Paste the article text here. Separate paragraphs with a blank line."))
        self.text.setTabChangesFocus(True)
        reading = QFont(self.text.font())
        reading.setPointSizeF(max(reading.pointSizeF(), 10.0) * 1.2)
        self.text.setFont(reading)
        self.text.document().setDocumentMargin(14)
        self.text.document().contentsChange.connect(self._contents_change)
        self.text.textChanged.connect(self._text_changed)

        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setAccessibleName(self.tr("Notice"))
        self.notice.setStyleSheet(
            "background:#fff4e5; color:#5c3b00; border:1px solid #f0b35a;"
            "border-radius:4px; padding:6px;")
        self.notice.hide()

        top = QFormLayout()
        top.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._add_row(top, self.tr("&Title:"), self.title)
        id_row = QHBoxLayout()
        id_row.addWidget(self.article_id, 1)
        level_label = QLabel(self.tr("&Level:"))
        level_label.setBuddy(self.level)
        id_row.addWidget(level_label)
        id_row.addWidget(self.level)
        id_label = QLabel(self.tr("&Id:"))
        id_label.setBuddy(self.article_id)
        top.addRow(id_label, id_row)
        source_row = QHBoxLayout()
        source_row.addWidget(self.outlet, 3)
        source_row.addWidget(self.date, 1)
        outlet_label = QLabel(self.tr("&Source:"))
        outlet_label.setBuddy(self.outlet)
        top.addRow(outlet_label, source_row)
        self._add_row(top, self.tr("&URL:"), self.url)

        text_label = QLabel(self.tr("Te&xt — select a phrase, then Ctrl+M to mark it:"))
        text_label.setBuddy(self.text)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addLayout(top)
        layout.addWidget(text_label)
        layout.addWidget(self.notice)
        layout.addWidget(self.text, 1)
        self.fields = {"title": self.title, "id": self.article_id, "level": self.level,
                       "source.outlet": self.outlet, "source.date": self.date,
                       "source.url": self.url, "text": self.text}
        self.setEnabled(False)

    @staticmethod
    def _add_row(form: QFormLayout, text: str, widget: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(widget)
        form.addRow(label, widget)

    # --- loading -------------------------------------------------------------------------
    def load(self, article: ArticleDraft | None, taxonomy: Taxonomy | None = None) -> None:
        if taxonomy is not None:
            self._taxonomy = taxonomy
        self._loading = True
        try:
            self._article = article
            self._selected = None
            self.notice.hide()
            self.setEnabled(article is not None)
            a = article or ArticleDraft(id="")
            self.title.setText(a.title)
            self.article_id.setText(a.id)
            self.level.setValue(a.level)
            self.outlet.setText(a.outlet)
            self.date.setText(a.date)
            self.url.setText(a.url)
            self.text.setPlainText(a.text)
            if article is not None:
                # QTextDocument may normalise what it was given (e.g. no-break spaces); the
                # draft keeps what the document really holds so offsets always agree with it.
                article.text = self.text.toPlainText()
        finally:
            self._loading = False
        self.refresh_highlights()

    def article(self) -> ArticleDraft | None:
        return self._article

    # --- edits ---------------------------------------------------------------------------
    def _fields_edited(self) -> None:
        if self._loading or self._article is None:
            return
        a = self._article
        title_change = find_change(a.title, self.title.text())
        if title_change is not None:  # headline spans and notes follow a title edit
            a.title_annotations[:] = shift_spans(a.title_annotations, title_change)[0]
            follow_edit(a.notes, "title", title_change)
        a.title, a.id, a.level = self.title.text(), self.article_id.text(), self.level.value()
        a.outlet, a.date, a.url = self.outlet.text(), self.date.text(), self.url.text()
        self.changed.emit()

    def _contents_change(self, position: int, _removed: int, _added: int) -> None:
        self._hint_u16 = position

    def _text_changed(self) -> None:
        if self._loading or self._article is None:
            return
        old = self._article.text
        new = self.text.toPlainText()
        hint = None if self._hint_u16 is None else OffsetMap(old).to_code_point(self._hint_u16)
        self._hint_u16 = None
        change = find_change(old, new, hint)
        self._article.text = new
        if change is None:
            return
        follow_edit(self._article.notes, "text", change)
        kept, dropped = shift_spans(self._article.annotations, change)
        if kept != self._article.annotations or dropped:
            self._article.annotations[:] = kept
            self.spans_moved.emit()
        if dropped:
            self.show_dropped(old, dropped)
            self.spans_dropped.emit(dropped)
        self.refresh_highlights()
        self.changed.emit()

    def show_dropped(self, old_text: str, dropped: list[AnnotationDraft]) -> None:
        phrases = ", ".join(
            f"“{' '.join(old_text[d.start:d.end].split())[:40]}” "
            f"({self._taxonomy.display_name(d.label)})" for d in dropped)
        self.notice.setText(
            (self.tr("Your edit changed the text under a key span, so it was removed: ")
             if len(dropped) == 1 else
             self.tr("Your edit changed the text under %1 key spans, so they were removed: ")
             .replace("%1", str(len(dropped)))) + phrases + ". " +
            self.tr("Mark the phrase again if it still applies."))
        self.notice.show()

    # --- selection and highlights --------------------------------------------------------
    def selection(self) -> tuple[int, int] | None:
        """The selected phrase in code points, or None when nothing is selected."""
        cursor = self.text.textCursor()
        if not cursor.hasSelection() or self._article is None:
            return None
        positions = OffsetMap(self._article.text)
        start = positions.to_code_point(cursor.selectionStart())
        end = positions.to_code_point(cursor.selectionEnd())
        # Leading/trailing spaces are never part of a phrase; trim them like doccano does.
        text = self._article.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    def select_range(self, start: int, end: int) -> None:
        if self._article is None:
            return
        positions = OffsetMap(self._article.text)
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(positions.to_utf16(start))
        cursor.setPosition(positions.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cursor)
        self.text.ensureCursorVisible()

    def set_selected_span(self, row: int | None) -> None:
        self._selected = row
        self.refresh_highlights()

    def refresh_highlights(self) -> None:
        selections: list[QTextEdit.ExtraSelection] = []
        if self._article is not None:
            positions = OffsetMap(self._article.text)
            for row, ann in enumerate(self._article.annotations):
                family = self._taxonomy.family_of(ann.label)
                selected = row == self._selected
                # The same colours and underlines students see on the practice screen.
                fmt = label_format(family)
                if selected:
                    colors = theme.current()
                    fmt.setBackground(QColor(colors.family_chip.get(family, colors.accent)))
                    fmt.setForeground(QColor(colors.accent_text))
                if ann.optional:
                    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
                fmt.setToolTip(plain_tooltip(self._taxonomy.display_name(ann.label)))
                fmt.setProperty(QTextFormat.Property.FullWidthSelection, False)
                cursor = QTextCursor(self.text.document())
                cursor.setPosition(positions.to_utf16(ann.start))
                cursor.setPosition(positions.to_utf16(ann.end), QTextCursor.MoveMode.KeepAnchor)
                selection = QTextEdit.ExtraSelection()
                selection.cursor = cursor  # type: ignore[misc]
                selection.format = fmt  # type: ignore[misc]
                selections.append(selection)
        self.text.setExtraSelections(selections)

    def focus_field(self, name: str | None) -> None:
        widget = self.fields.get(name or "", self.text if name is None else None)
        if widget is None and name and name.startswith("source"):
            widget = self.outlet
        (widget or self.title).setFocus(Qt.FocusReason.OtherFocusReason)
