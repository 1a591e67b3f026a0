"""Teacher → Print worksheet…: choose a set and its passages, the level and the paper, whether
the answer key follows, then save a PDF or print (issue 12 item 5).

The passage list shows the chosen level's passages only, and starts with none ticked, or with
the passage open in practice (its level chosen): ticking all 64 passages of every level while
the Level box said 1 printed a worksheet nobody meant (review 4 finding 9).

Laying out a whole 64-passage set with its key takes under a second (docs/PERFORMANCE.md),
so the work stays on the GUI thread behind a busy cursor (benchmarks/worksheet_pdf.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trainer.core.errors import InvalidInput
from trainer.ui.teacher.teacher_pin import require_teacher_pin
from trainer.ui.widgets import file_dialogs

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from trainer.core.model import ArticleSet
    from trainer.storage.service import Store
    from trainer.ui.shell.main_window import MainWindow

ARTICLE_ID = Qt.ItemDataRole.UserRole


def default_page_size() -> str:
    """Letter where the locale measures in US units, A4 everywhere else."""
    return "Letter" if QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem \
        else "A4"


def ask_pdf_path(parent: QWidget, suggested: str) -> Path | None:
    """The file to save to, or None when cancelled (replaced in tests)."""
    path = file_dialogs.save_file(
        parent, file_dialogs.WORKSHEET,
        QCoreApplication.translate("PrintWorksheetDialog", "Save worksheet as PDF"), suggested,
        QCoreApplication.translate("PrintWorksheetDialog", "PDF files (*.pdf)"))
    if path is None:
        return None
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def ask_printer(parent: QWidget, page_size: str) -> QPrinter | None:
    """A printer the teacher chose and set up in the system's print dialog, or None."""
    from PySide6.QtGui import QPageSize
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    from trainer.ui.printing.pages import page_size_id

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(page_size_id(page_size)))
    printer.setFullPage(True)  # the margins are the worksheet's own, as in the PDF
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("PrintWorksheetDialog",
                                                      "Print worksheet"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    printer.setFullPage(True)
    return printer


class PrintWorksheetDialog(QDialog):
    """`current` is the (set id, article id) open in practice, if any: it starts ticked."""

    def __init__(self, store: Store, parent: QWidget | None = None,
                 current: tuple[str, str] | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._set: ArticleSet | None = None
        # Ticked passages of the set, whatever level is shown: switching the level back
        # finds them still ticked.
        self._ticked: set[str] = set()
        self._reason = ""  # what the status line says about why nothing can be printed
        self.setWindowTitle(self.tr("Print worksheet"))
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(520)

        self.set_box = QComboBox()
        self.set_box.setAccessibleName(self.tr("Article set"))
        for info in store.library.list_sets():
            self.set_box.addItem(info.title, info.id)
        self.level_box = QComboBox()
        self.level_box.setAccessibleName(self.tr("Level"))
        self.level_box.addItem(self.tr("Level 1: label by family"), 1)
        self.level_box.addItem(self.tr("Level 2: label by technique"), 2)
        self.level_box.addItem(self.tr("Level 3: label by technique, graded by technique"), 3)
        self.paper_box = QComboBox()
        self.paper_box.setAccessibleName(self.tr("Paper size"))
        for size in ("A4", "Letter"):
            self.paper_box.addItem(size, size)
        self.paper_box.setCurrentIndex(self.paper_box.findData(default_page_size()))
        self.key_box = QCheckBox(self.tr("Include the answer &key (after the passages)"))
        self.key_box.setAccessibleName(self.tr("Include the answer key"))

        form = QFormLayout()
        for text, field in ((self.tr("&Set:"), self.set_box), (self.tr("&Level:"), self.level_box),
                            (self.tr("Pape&r:"), self.paper_box)):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow("", self.key_box)

        self.articles = QListWidget()
        self.articles.setAccessibleName(self.tr("Passages to print"))
        passages_label = QLabel(self.tr("Passa&ges (tick the ones to print; Space ticks):"))
        passages_label.setBuddy(self.articles)
        self.all_button = QPushButton(self.tr("Tick &all"))
        self.none_button = QPushButton(self.tr("Tick &none"))
        self.all_button.clicked.connect(lambda: self._tick_all(True))
        self.none_button.clicked.connect(lambda: self._tick_all(False))
        ticks = QHBoxLayout()
        ticks.addWidget(self.all_button)
        ticks.addWidget(self.none_button)
        ticks.addStretch(1)

        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # set titles and paths are not HTML
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Status"))

        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(self.tr("&Save PDF…"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button = buttons.addButton(self.tr("&Print…"),
                                              QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(self.print_sheets)
        for button in (*buttons.buttons(), self.all_button, self.none_button):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(passages_label)
        layout.addWidget(self.articles, 1)
        layout.addLayout(ticks)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

        if current is not None and self.set_box.findData(current[0]) >= 0:
            self.set_box.setCurrentIndex(self.set_box.findData(current[0]))
        self.set_box.currentIndexChanged.connect(self._load_set)
        self.level_box.currentIndexChanged.connect(self._fill_list)
        self.articles.itemChanged.connect(self._on_item_changed)
        self._load_set(current=current[1] if current is not None else None)

    # -- choices -------------------------------------------------------------------------
    def _load_set(self, _index: int = -1, current: str | None = None) -> None:
        from trainer.storage.errors import StoreError

        self.articles.clear()
        self._set = None
        self._ticked = set()
        set_id = self.set_box.currentData()
        if set_id is None:
            self.status.setText(self.tr("The library has no sets yet. Import one first "
                                        "(File → Import)."))
            self._update_buttons()
            return
        try:
            self._set = self._store.library.export_set(str(set_id))
        except StoreError as exc:
            self.status.setText(exc.message)
            self._update_buttons()
            return
        self.status.clear()
        opened = next((a for a in self._set.articles if a.id == current), None)
        if opened is not None:
            self._ticked.add(opened.id)
            index = self.level_box.findData(min(max(opened.level, 1), 3))
            if index != self.level_box.currentIndex():
                self.level_box.setCurrentIndex(index)  # fills the list
                return
        self._fill_list()

    def _fill_list(self) -> None:
        """The chosen level's passages of the set, ticked as the teacher left them."""
        self.articles.blockSignals(True)
        self.articles.clear()
        level = int(self.level_box.currentData())
        for article in self._set.articles if self._set is not None else ():
            if min(max(article.level, 1), 3) != level:
                continue
            clean = self.tr(" (nothing to flag)") if article.is_clean else ""
            item = QListWidgetItem(article.title + clean)
            item.setData(ARTICLE_ID, article.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if article.id in self._ticked
                               else Qt.CheckState.Unchecked)
            self.articles.addItem(item)
        self.articles.blockSignals(False)
        if self.articles.count():
            self.articles.setCurrentRow(0)
        self._update_buttons()

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        article_id = str(item.data(ARTICLE_ID))
        if item.checkState() == Qt.CheckState.Checked:
            self._ticked.add(article_id)
        else:
            self._ticked.discard(article_id)
        self._update_buttons()

    def _tick_all(self, ticked: bool) -> None:
        state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        self.articles.blockSignals(True)
        for row in range(self.articles.count()):
            item = self.articles.item(row)
            if item is not None:
                item.setCheckState(state)
                (self._ticked.add if ticked else self._ticked.discard)(
                    str(item.data(ARTICLE_ID)))
        self.articles.blockSignals(False)
        self._update_buttons()

    def chosen_ids(self) -> list[str]:
        items = (self.articles.item(row) for row in range(self.articles.count()))
        return [str(item.data(ARTICLE_ID)) for item in items
                if item is not None and item.checkState() == Qt.CheckState.Checked]

    def _update_buttons(self) -> None:
        """Save and Print wait for a ticked passage, and the dialog says so in words (a
        disabled button alone does not say why)."""
        enabled = self._set is not None and bool(self.chosen_ids())
        self.save_button.setEnabled(enabled)
        self.print_button.setEnabled(enabled)
        if self._set is None:
            return
        if not self.articles.count():
            why = self.tr("This set has no level %1 passages: choose another level.").replace(
                "%1", str(self.level_box.currentData()))
        elif not enabled:
            why = self.tr("Tick the passages to print (at least one).")
        else:
            why = ""
        if why or self.status.text() == self._reason:
            self.status.setText(why)  # (a message about a saved PDF stays)
        self._reason = why
        for button in (self.save_button, self.print_button):
            button.setToolTip(why)

    def _options(self) -> tuple[ArticleSet, list[str], bool, int, str] | None:
        if self._set is None or not self.chosen_ids():
            return None
        return (self._set, self.chosen_ids(), self.key_box.isChecked(),
                int(self.level_box.currentData()), str(self.paper_box.currentData()))

    # -- output --------------------------------------------------------------------------
    def save_pdf(self) -> None:
        options = self._options()
        if options is None:
            return
        article_set, ids, with_key, level, paper = options
        path = ask_pdf_path(self, f"{article_set.id}-worksheet.pdf")
        if path is None:
            return
        from trainer.ui.printing.worksheet import write_worksheet_pdf

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pages = write_worksheet_pdf(article_set, path, ids, with_key, paper, level=level)
        except InvalidInput as exc:
            self.status.setText("\n".join(p.format() for p in exc.problems))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        saved = self.tr("Saved 1 page to %2") if pages == 1 else self.tr("Saved %1 pages to %2")
        self.status.setText(saved.replace("%1", str(pages)).replace("%2", str(path)))

    def print_sheets(self) -> None:
        options = self._options()
        if options is None:
            return
        article_set, ids, with_key, level, paper = options
        printer = ask_printer(self, paper)
        if printer is None:
            return
        from trainer.ui.printing.worksheet import print_worksheet

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pages = print_worksheet(printer, article_set, ids, with_key, level)
        except (InvalidInput, OSError) as exc:
            message = "\n".join(p.format() for p in exc.problems) \
                if isinstance(exc, InvalidInput) else str(exc)
            self.status.setText(message)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        sent = self.tr("Sent 1 page to the printer") if pages == 1 \
            else self.tr("Sent %1 pages to the printer")
        self.status.setText(sent.replace("%1", str(pages)))


def open_print_worksheet(window: MainWindow) -> PrintWorksheetDialog | None:
    """Teacher → Print worksheet…, behind the teacher PIN; None when refused or no store. A
    second use raises the open dialog instead of opening another."""
    open_now = window.findChild(PrintWorksheetDialog)
    if isinstance(open_now, PrintWorksheetDialog) and open_now.isVisible():
        open_now.raise_()
        open_now.activateWindow()
        return open_now
    store = window.ensure_store()
    if store is None or not require_teacher_pin(window, store, QCoreApplication.translate(
            "PrintWorksheetDialog", "Worksheets can include the answer key. Enter the "
            "teacher PIN.")):
        return None
    dialog = PrintWorksheetDialog(store, window, current=_open_in_practice(window))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def _open_in_practice(window: MainWindow) -> tuple[str, str] | None:
    """The (set id, article id) of the passage on the practice screen, if it is showing."""
    practice = getattr(window, "practice_if_built", None)
    current = getattr(window, "current", None)
    stack = getattr(window, "stack", None)
    if practice is None or current is None or stack is None \
            or stack.currentWidget() is not practice:
        return None
    return current.set_id, current.article.id
