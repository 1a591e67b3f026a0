"""One screen before the first level-2 passage: the sixteen technique labels by family, each
with its number key, a one-line definition and an example (from resources/taxonomy.json)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from trainer.core.taxonomy import Taxonomy
from trainer.ui.practice.palette import PaletteEntry, palette_entries


def first_sentence(text: str) -> str:
    end = text.find(". ")
    return text if end < 0 else text[:end + 1]


class LabelIntro(QWidget):
    continue_requested = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.back = QPushButton(self.tr("← Library"))
        self.back.setAccessibleName(self.tr("Back to the library"))
        self.back.clicked.connect(self.back_requested)
        self.title = title = QLabel()
        title.setProperty("role", "title")
        title.setWordWrap(True)
        lead = QLabel(self.tr(
            "From level 2 on you name the exact technique. They are the same two families "
            "you know: each unverified claim and each piece of loaded framing now has a "
            "precise name and its own number key. Level 2 still grades by family, so a close "
            "guess within the right family counts; level 3 grades the exact technique."))
        lead.setWordWrap(True)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(18)
        self.grid.setVerticalSpacing(10)
        scroll = QScrollArea()
        scroll.setWidget(self.grid_host)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.start = QPushButton(self.tr("Start the passage"))
        self.start.setProperty("role", "primary")
        self.start.setAccessibleName(self.tr("I have read the labels: start the passage"))
        self.start.clicked.connect(self.continue_requested)
        top = QHBoxLayout()
        top.addWidget(self.back, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(title, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.start)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 16, 12)
        layout.addLayout(top)
        layout.addWidget(lead)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)

    def show_labels(self, taxonomy: Taxonomy) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        entries = palette_entries(taxonomy, 2)
        self.title.setText(self.tr("Level 2: {n} labels instead of two").format(n=len(entries)))
        # One column per family, each entry its own small block, so that a long definition
        # in one family never stretches the other family's rows.
        for column, family in enumerate(taxonomy.families.values()):
            host = QWidget()
            stack = QVBoxLayout(host)
            stack.setContentsMargins(0, 0, 0, 0)
            stack.setSpacing(10)
            heading = QLabel(family.name)
            heading.setProperty("role", "heading")
            stack.addWidget(heading)
            for entry in (e for e in entries if e.family == family.id):
                stack.addWidget(self._entry_block(entry))
            stack.addStretch(1)
            self.grid.addWidget(host, 0, column)
        self.start.setFocus()

    def _entry_block(self, entry: PaletteEntry) -> QWidget:
        block = QWidget()
        block.setAccessibleName(entry.name)
        layout = QVBoxLayout(block)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        name = QLabel(self.tr("{number}  {name}").format(number=entry.number, name=entry.name))
        name.setStyleSheet("font-weight: 600;")
        definition = QLabel(first_sentence(entry.definition))
        example = QLabel(self.tr("Example: {text}").format(text=entry.example))
        example.setStyleSheet("font-style: italic;")
        for label in (name, definition, example):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            layout.addWidget(label)
        return block
