"""The "Look it up" panel: search the set's source cards as a fact-checker searches the web.

Ctrl+L on the practice screen opens it, with the phrase selected in the passage or headline
as the search (with nothing selected: the name under the caret, when a card has it);
Up/Down move through the matches, the card shows as plain text. Which cards the student
opened is kept with the attempt (store.practice.submit(sources_opened=…)).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QIcon, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from trainer.core.model import SourceCard
from trainer.core.sourcecards import Match, search_cards
from trainer.ui.practice.passage_view import PassageView

CardRole = Qt.ItemDataRole.UserRole + 3
_Index = QModelIndex | QPersistentModelIndex
LOOKUP_KEY = "Ctrl+L"  # the starter content's tips name it ("Look it up, Ctrl+L")
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")


def name_candidates(text: str, position: int) -> list[str]:
    """What the student may mean by the word at `position` (code points), longest first: the
    run of capitalised words around it ("Dr Zoë Okafor", possessive dropped), then that run
    shortened from the left (a sentence's first word, a title) and from the right, then the
    word alone. Empty when the caret is on no word."""
    words = list(_WORD.finditer(text))
    at = next((i for i, w in enumerate(words) if w.start() <= position <= w.end()), None)
    if at is None:
        return []

    def capital(i: int) -> bool:
        return words[i].group()[0].isupper()

    def joined(i: int, j: int) -> bool:  # one space between words i and j: one name
        return text[words[i].end():words[j].start()] == " "

    first = last = at
    if capital(at):
        while first > 0 and capital(first - 1) and joined(first - 1, first):
            first -= 1
        while last + 1 < len(words) and capital(last + 1) and joined(last, last + 1):
            last += 1
    spans = [(i, j) for i in range(first, at + 1) for j in range(last, at - 1, -1)]
    spans.sort(key=lambda span: span[0] - span[1])  # the longest runs first
    seen: list[str] = []
    for i, j in spans:
        name = _POSSESSIVE.sub("", text[words[i].start():words[j].end()])
        if name not in seen:
            seen.append(name)
    return seen


class CardListModel(QAbstractListModel):
    """The matches of the current search, best first."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.matches: list[Match] = []

    def set_matches(self, matches: Sequence[Match]) -> None:
        self.beginResetModel()
        self.matches = list(matches)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.matches)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.matches):
            return None
        match = self.matches[index.row()]
        card = match.card
        kind = _kind_name(card.kind)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            also = (self.tr(" (as “{alias}”)").format(alias=match.matched)
                    if match.matched != card.name else "")
            return f"{card.name}{also} · {kind}"
        if role == CardRole:
            return card
        return None


def _kind_name(kind: str) -> str:
    translate = QCoreApplication.translate  # literal calls: pyside6-lupdate finds them
    names = {"outlet": translate("LookupPanel", "news outlet"),
             "person": translate("LookupPanel", "person"),
             "organisation": translate("LookupPanel", "organisation"),
             "document": translate("LookupPanel", "document")}
    return names.get(kind, kind)


class LookupPanel(QDialog):
    """Search field, matches and the chosen card; emits card_opened(id) for each card shown."""

    card_opened = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Look it up"))
        self.setAccessibleName(self.tr("Look it up"))
        self.cards: list[SourceCard] = []
        intro = QLabel(self.tr("Search the set's source cards by name, as you would search the "
                               "web: who is this, who funds them, what do others say?"))
        intro.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("A name, e.g. an outlet or a person"))
        self.search.setAccessibleName(self.tr("Search the source cards"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search)
        self.search.installEventFilter(self)
        self.model = CardListModel(self)
        self.results = QListView()
        self.results.setModel(self.model)
        self.results.setAccessibleName(self.tr("Matching source cards"))
        self.results.setMaximumHeight(140)
        self.results.selectionModel().currentChanged.connect(self._show_current)
        self.status = QLabel()
        self.status.setProperty("role", "muted")
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # it quotes what was typed
        self.status.setWordWrap(True)
        self.card = QPlainTextEdit()
        self.card.setReadOnly(True)  # plain text only: a card is data, never markup
        self.card.setAccessibleName(self.tr("Source card"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        # The style's stock icon drew as an empty outline in high contrast: the word is enough.
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setIcon(QIcon())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        layout.addWidget(self.status)
        layout.addWidget(self.card, 1)
        layout.addWidget(buttons)
        self.resize(520, 480)

    def set_cards(self, cards: Sequence[SourceCard]) -> None:
        self.cards = list(cards)

    def open_with(self, query: str) -> None:
        self.search.setText(" ".join(query.split()))
        self._search(self.search.text())
        self.show()
        self.raise_()
        self.activateWindow()
        self.search.setFocus()
        self.search.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Up and Down in the search field move through the matches, as in a web search box.
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key() if isinstance(event, QKeyEvent) else None
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.model.rowCount():
                row = self.results.currentIndex().row()
                row = row + 1 if key == Qt.Key.Key_Down else row - 1
                row = max(0, min(self.model.rowCount() - 1, row))
                self.results.setCurrentIndex(self.model.index(row, 0))
                return True
        return False

    def _search(self, query: str) -> None:
        matches = search_cards(self.cards, query)
        self.model.set_matches(matches)
        if not self.cards:
            self.status.setText(self.tr("This set has no source cards."))
        elif not matches:
            self.status.setText(self.tr("No card matches “{query}”. Try part of the name."
                                        ).format(query=query.strip()))
        else:
            self.status.setText(self.tr("{n} card(s) found.").format(n=len(matches)))
        if matches:
            self.results.setCurrentIndex(self.model.index(0, 0))
        else:
            self.card.setPlainText("")

    def _show_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        card = current.data(CardRole)
        if not isinstance(card, SourceCard):
            return
        aliases = (self.tr("Also known as: {names}").format(names=", ".join(card.aliases))
                   + "\n\n") if card.aliases else ""
        self.card.setPlainText(f"{card.name} ({_kind_name(card.kind)})\n\n{aliases}"
                               f"{card.text}")
        self.card_opened.emit(card.id)


class LookupHook(QObject):
    """Ctrl+L on a screen opens the panel with the selected phrase (or the name under the
    caret); remembers cards opened."""

    def __init__(self, screen: QWidget, *views: PassageView) -> None:
        super().__init__(screen)
        self.screen, self.views = screen, views
        self.panel: LookupPanel | None = None
        self.cards: list[SourceCard] = []
        self.opened: list[str] = []
        shortcut = QShortcut(QKeySequence(LOOKUP_KEY), screen)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.open)
        for view in views:  # right-click on a selected name: "Look up …"
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(
                lambda position, v=view: self._menu(v, position))

    def _menu(self, view: PassageView, position: QPoint) -> None:
        menu = view.createStandardContextMenu(position)
        span = view.selection_span()
        if span is not None:
            phrase = " ".join(view.passage()[span[0]:span[1]].split())
            shown = phrase if len(phrase) <= 30 else phrase[:29] + "…"
            action = QAction(self.tr("Look up “{phrase}”").format(phrase=shown), menu)
            action.setShortcut(QKeySequence(LOOKUP_KEY))
            action.triggered.connect(self.open)
            first = menu.actions()[0] if menu.actions() else None
            if first is None:
                menu.addAction(action)
            else:
                menu.insertAction(first, action)
                menu.insertSeparator(first)
        menu.exec(view.viewport().mapToGlobal(position))
        menu.deleteLater()

    def reset(self, cards: Sequence[SourceCard]) -> None:
        """A new passage: the set's cards, none opened yet."""
        self.cards = list(cards)
        self.opened = []
        if self.panel is not None:
            self.panel.set_cards(self.cards)
            self.panel.hide()

    def open(self) -> None:
        query = ""
        for view in self.views:
            span = view.selection_span()
            if span is not None:
                query = view.passage()[span[0]:span[1]]
                break
        else:
            # Nothing selected: the name under the caret of the view being read, if a card
            # has it; otherwise every card, as before (a stray word would find nothing).
            view = next((v for v in self.views if v.hasFocus()), self.views[0])
            query = next((name for name in name_candidates(view.passage(), view.caret())
                          if search_cards(self.cards, name)), "")
        if self.panel is None:
            self.panel = LookupPanel(self.screen)
            self.panel.set_cards(self.cards)
            self.panel.card_opened.connect(self._opened)
        self.panel.open_with(query)

    def _opened(self, card_id: str) -> None:
        if card_id not in self.opened:
            self.opened.append(card_id)
