"""File → Import / Export and drag-and-drop, for any main window.

`install_import_export(window, store_provider)` adds the actions to the window's File menu
and accepts dropped files and folders. Loading and importing run on a worker thread
(QThreadPool + QRunnable); a cancellable progress dialog is shown meanwhile, and a summary
(added / updated / unchanged / errors with their messages, and the loader's warnings, each
with file:line:col) afterwards, in a non-modal window the teacher can keep open and copy from.
A cancelled or failed import changes nothing: the Store imports each set in one transaction.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QRunnable,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from trainer.core.errors import InvalidInput
from trainer.storage.errors import StoreError
from trainer.ui.widgets import file_dialogs
from trainer.ui.widgets.tasks import write_lane

if TYPE_CHECKING:
    # The loaders and the model are imported when an import or export runs: the main window
    # installs this controller at start-up, before the first paint (DESIGN §9).
    from trainer.core.model import ArticleSet
    from trainer.ui.teacher.editor.library import ImportReportLike, LibraryPart, LibraryStore

    class ExportLibrary(LibraryPart, Protocol):
        def export_set(self, set_id: str) -> ArticleSet: ...

    class ExportStore(LibraryStore, Protocol):
        @property
        def library(self) -> ExportLibrary: ...


translate = QCoreApplication.translate

# --- the import worker -------------------------------------------------------------------

@dataclass
class ImportOutcome:
    """What happened to one dropped or chosen input."""

    source: str
    title: str = ""
    report: ImportReportLike | None = None
    problems: list[str] = field(default_factory=list)
    # What the loader accepted but the teacher should know (a misnamed article.md.txt left
    # out, a control character replaced): formatted, file:line:col first.
    warnings: list[str] = field(default_factory=list)
    cancelled: bool = False


class ImportSignals(QObject):
    stage = Signal(str)  # what is being done now, for the progress label
    progress = Signal(int, int)  # done, total (articles of the set being written)
    finished = Signal(list)  # list[ImportOutcome], one per input


class ImportTask(QRunnable):
    """Load each input with `load_set` and import it; never raises into the thread pool."""

    def __init__(self, paths: Sequence[Path], store: LibraryStore) -> None:
        super().__init__()
        self.paths = list(paths)
        self.store = store
        self.cancel = threading.Event()
        self.signals = ImportSignals()

    def _progress(self, done: int, total: int) -> bool:
        self.signals.progress.emit(done, total)
        return not self.cancel.is_set()

    def run(self) -> None:
        from trainer.core.errors import Problem
        from trainer.core.formats import load_set

        outcomes: list[ImportOutcome] = []
        for path in self.paths:
            outcome = ImportOutcome(str(path))
            outcomes.append(outcome)
            if self.cancel.is_set():
                outcome.cancelled = True
                continue
            self.signals.stage.emit(
                translate("ImportExport", "Reading %1…").replace("%1", path.name))
            warnings: list[Problem] = []
            try:
                article_set = load_set(path, warnings=warnings)
                outcome.title = article_set.title
                self.signals.stage.emit(translate("ImportExport", "Adding “%1” to the library…")
                                        .replace("%1", article_set.title))
                outcome.report = self.store.library.import_set(article_set, self._progress)
            except InvalidInput as exc:
                outcome.problems = [p.format() for p in exc.problems]
            except Exception as exc:  # a worker must report, never crash
                if self.cancel.is_set():
                    outcome.cancelled = True
                else:
                    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
                    outcome.problems = [f"{path}: {message}"]
            finally:
                outcome.warnings = [w.format() for w in warnings]
        self.signals.finished.emit(outcomes)


# --- the summary -------------------------------------------------------------------------

Row = tuple[str, str]  # (kind: "ok", "error" or "warning", text)


def summary_lines(outcomes: Sequence[ImportOutcome]) -> tuple[str, list[Row]]:
    """A headline and (kind, line) rows, shared by the dialog and its clipboard copy."""
    added = sum(o.report.added for o in outcomes if o.report)
    updated = sum(o.report.updated for o in outcomes if o.report)
    unchanged = sum(o.report.unchanged for o in outcomes if o.report)
    failed = sum(1 for o in outcomes if o.problems)
    warned = sum(len(o.warnings) for o in outcomes if o.report is not None)
    cancelled = any(o.cancelled for o in outcomes)
    headline = (translate("ImportExport", "Articles added: %1 · updated: %2 · unchanged: %3 · "
                                          "files with errors: %4")
                .replace("%1", str(added)).replace("%2", str(updated))
                .replace("%3", str(unchanged)).replace("%4", str(failed)))
    if warned:
        headline += translate("ImportExport", " · warnings: %1 (read them below)").replace(
            "%1", str(warned))
    if cancelled:
        headline = translate("ImportExport", "Import cancelled; the cancelled set was not "
                                             "changed.") + "\n" + headline
    rows: list[Row] = []
    for o in outcomes:
        if o.report is not None:
            rows.append(("ok", translate("ImportExport",
                                         "✓ %1 — %2 added, %3 updated, %4 unchanged")
                         .replace("%1", o.title or o.source).replace("%2", str(o.report.added))
                         .replace("%3", str(o.report.updated))
                         .replace("%4", str(o.report.unchanged))))
            if o.warnings:
                rows.append(("warning", translate(
                    "ImportExport", "⚠ imported with %1 warning(s) — check these:")
                             .replace("%1", str(len(o.warnings)))))
                rows.extend(("warning", "    " + line) for line in o.warnings)
        elif o.cancelled:
            rows.append(("ok", translate("ImportExport", "– %1 — cancelled, nothing changed")
                         .replace("%1", o.source)))
        else:
            rows.append(("error", translate("ImportExport", "✗ %1 — not imported, %2 problem(s):")
                         .replace("%1", o.source).replace("%2", str(len(o.problems)))))
            rows.extend(("error", "    " + line) for line in o.problems)
    return headline, rows


class ImportSummaryDialog(QDialog):
    def __init__(self, outcomes: Sequence[ImportOutcome], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import summary"))
        self.setAccessibleName(self.windowTitle())
        self.resize(720, 420)
        headline, rows = summary_lines(outcomes)
        self.headline = QLabel(headline)
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setAccessibleName(self.tr("Import totals"))
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Imported sets, problems and warnings"))
        self.list.setWordWrap(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        for kind, line in rows:  # the ✗ / ⚠ signs carry the meaning; colour only adds to it
            item = QListWidgetItem(line)
            if kind == "error":
                item.setForeground(Qt.GlobalColor.darkRed)
            elif kind == "warning":
                item.setForeground(QColor("#8a5a00"))
            self.list.addItem(item)
        copy_lines = QAction(self.tr("Copy selected lines"), self.list)
        copy_lines.setShortcut(QKeySequence.StandardKey.Copy)
        copy_lines.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy_lines.triggered.connect(self.copy_selected)
        self.list.addAction(copy_lines)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self._text = "\n".join([headline] + [line for _kind, line in rows])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton(self.tr("&Copy to clipboard"))
        copy.setAccessibleName(self.tr("Copy summary to clipboard"))
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self._text))
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(self.tr("Close"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def text(self) -> str:
        return self._text

    def copy_selected(self) -> None:
        lines = [self.list.item(i).text().strip() for i in range(self.list.count())
                 if self.list.item(i).isSelected()]
        QGuiApplication.clipboard().setText("\n".join(lines) if lines else self._text)


# --- export ------------------------------------------------------------------------------

def export_set(store: ExportStore, set_id: str, path: Path) -> ArticleSet:
    from trainer.core.jsonset import write_json_set

    article_set = store.library.export_set(set_id)
    write_json_set(article_set, path)
    return article_set


# --- the controller ----------------------------------------------------------------------


class ImportExportController(QObject):
    """Owns the actions, the drop handling and the running import of one window."""

    imported = Signal(list)  # list[ImportOutcome] after every finished import
    assignment_dropped = Signal(Path)  # an assignment file dropped on the window

    def __init__(self, window: QMainWindow,
                 store_provider: Callable[[], ExportStore | None]) -> None:
        super().__init__(window)
        self.window = window
        self.store_provider = store_provider
        self.pool = write_lane()  # the app's one serialised lane for database writes
        self.task: ImportTask | None = None
        self.progress: QProgressDialog | None = None
        self.summary: ImportSummaryDialog | None = None
        self.last_outcomes: list[ImportOutcome] = []

        self.import_file_action = self._action(translate("ImportExport", "&Import set file…"),
                                               self.choose_files, QKeySequence("Ctrl+I"))
        self.import_folder_action = self._action(translate("ImportExport", "Import set &folder…"),
                                                 self.choose_folder,
                                                 QKeySequence("Ctrl+Shift+I"))
        self.export_action = self._action(translate("ImportExport", "&Export set as JSON…"),
                                          self.choose_export, QKeySequence("Ctrl+E"))
        menu = _file_menu(window)
        first = menu.actions()[0] if menu.actions() else None
        for action in (self.import_file_action, self.import_folder_action, self.export_action):
            menu.insertAction(first, action)  # type: ignore[arg-type]
        if first is not None:
            menu.insertSeparator(first)
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def _action(self, text: str, slot: Callable[[], Any], shortcut: QKeySequence) -> QAction:
        action = QAction(text, self.window)
        action.setShortcut(shortcut)
        action.setToolTip(text.replace("&", "").rstrip("…"))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    # --- drag and drop ---------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragEnterEvent | QDropEvent)
            if _dropped_paths(event):
                event.acceptProposedAction()
                return True
        elif event.type() == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            paths = _dropped_paths(event)
            if paths:
                event.acceptProposedAction()
                from trainer.ui.library.assignment_open import looks_like_assignment

                assignments = [p for p in paths if looks_like_assignment(p)]
                for path in assignments:
                    self.assignment_dropped.emit(path)
                sets = [p for p in paths if p not in assignments]
                if sets:
                    self.import_paths(sets)
                return True
        return False

    # --- import ----------------------------------------------------------------------------
    def choose_files(self) -> None:
        paths = file_dialogs.open_files(
            self.window, file_dialogs.ARTICLE_SET, translate("ImportExport", "Import article sets"),
            translate("ImportExport", "Article sets (*.json *.zip);;All files (*)"))
        if paths:
            self.import_paths(paths)

    def choose_folder(self) -> None:
        folder = file_dialogs.choose_folder(
            self.window, file_dialogs.ARTICLE_SET,
            translate("ImportExport", "Import a Markdown or PTC folder"))
        if folder is not None:
            self.import_paths([folder])

    def import_paths(self, paths: Sequence[Path]) -> ImportTask | None:
        store = self.store_provider()
        if store is None:
            self._inform(translate("ImportExport", "Import"),
                         translate("ImportExport", "The library is not available."))
            return None
        if self.task is not None:
            self._inform(translate("ImportExport", "Import"),
                         translate("ImportExport", "An import is already running."))
            return None
        task = ImportTask(paths, store)
        task.setAutoDelete(False)  # we keep it (and its signals) until it has finished
        progress = QProgressDialog(translate("ImportExport", "Starting import…"),
                                   translate("ImportExport", "Cancel"), 0, 0, self.window)
        progress.setWindowTitle(translate("ImportExport", "Importing"))
        progress.setAccessibleName(translate("ImportExport", "Import progress"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(task.cancel.set)
        task.signals.stage.connect(progress.setLabelText)
        # Bound methods of this QObject, so the worker's signals are queued to the GUI thread.
        task.signals.progress.connect(self._show_progress)
        task.signals.finished.connect(self._finished)
        self.task, self.progress = task, progress
        self.pool.start(task)
        return task

    @Slot(int, int)
    def _show_progress(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setMaximum(max(total, 1))
            self.progress.setValue(done)

    @Slot(list)
    def _finished(self, outcomes: list[ImportOutcome]) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
        self.task, self.progress = None, None
        self.last_outcomes = outcomes
        dialog = ImportSummaryDialog(outcomes, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: setattr(self, "summary", None))
        self.summary = dialog
        # Non-modal: the teacher can keep the warnings open next to the set's files to fix them.
        dialog.setModal(False)
        dialog.show()
        self.imported.emit(outcomes)

    # --- export ----------------------------------------------------------------------------
    def choose_export(self) -> None:
        store = self.store_provider()
        sets = list(store.library.list_sets()) if store is not None else []
        if store is None or not sets:
            self._inform(translate("ImportExport", "Export"), translate(
                "ImportExport", "There is no set in the library to export yet."))
            return
        labels = [f"{s.title} ({s.id}, v{s.version})" for s in sets]
        label, ok = QInputDialog.getItem(self.window, translate("ImportExport", "Export set"),
                                         translate("ImportExport", "Set to export:"), labels,
                                         0, False)
        if not ok:
            return
        chosen = sets[labels.index(label)]
        path = file_dialogs.save_file(
            self.window, file_dialogs.ARTICLE_SET, translate("ImportExport", "Export set as JSON"),
            f"{chosen.id}.json", translate("ImportExport", "Article set (*.json)"))
        if path is not None:
            self.export_to(chosen.id, path)

    def export_to(self, set_id: str, path: Path) -> bool:
        store = self.store_provider()
        try:
            if store is None:
                raise ValueError(translate("ImportExport", "The library is not available."))
            export_set(store, set_id, path)
        except (OSError, ValueError, StopIteration, StoreError) as exc:
            self._inform(translate("ImportExport", "Export"), translate(
                "ImportExport", "Could not export: %1").replace("%1", str(exc)))
            return False
        self._inform(translate("ImportExport", "Export"), translate(
            "ImportExport", "Saved %1. Copy it to a USB stick and import it on another "
                            "computer.").replace("%1", str(path)))
        return True

    def _inform(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, text,
                          QMessageBox.StandardButton.Ok, self.window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()


def _dropped_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    urls = mime.urls()
    if not urls or not all(u.isLocalFile() for u in urls):
        return []
    return [Path(u.toLocalFile()) for u in urls]


def _file_menu(window: QMainWindow) -> QMenu:
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu) \
                and action.text().replace("&", "") == translate("ImportExport", "File"):
            return menu
    return window.menuBar().addMenu(translate("ImportExport", "&File"))


def install_import_export(window: QMainWindow,
                          store_provider: Callable[[], ExportStore | None]
                          ) -> ImportExportController:
    """Add File → Import/Export to `window` and accept dropped sets; keep the result."""
    return ImportExportController(window, store_provider)
