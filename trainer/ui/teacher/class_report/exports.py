"""The class report's exports: three gradebook CSV files into a chosen folder, xAPI
statements into a chosen file (trainer.core.class_export) and the printable PDF
(trainer.ui.printing); each says where it saved, or why it could not."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from trainer.core.class_report import ClassReport
from trainer.core.errors import InvalidInput
from trainer.ui.widgets import file_dialogs

# Literal calls, so pyside6-lupdate finds every string (docs/UI.md).
translate = QCoreApplication.translate


def tell(parent: QWidget, title: str, text: str, error: bool = False) -> None:
    """A window-modal message that does not block the event loop."""
    box = QMessageBox(QMessageBox.Icon.Warning if error else QMessageBox.Icon.Information,
                      title, text, QMessageBox.StandardButton.Ok, parent)
    box.setAccessibleName(title)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


def save_csv(parent: QWidget, report: ClassReport, folder: Path | None = None) -> list[Path]:
    """Ask for a folder (unless given) and write attempts.csv, students.csv, techniques.csv."""
    from trainer.core.class_export import without_code, write_csv

    title = translate("ClassReportExport", "Save CSV")
    if folder is None:
        folder = file_dialogs.choose_folder(
            parent, file_dialogs.CLASS_EXPORT,
            translate("ClassReportExport", "Folder for the gradebook CSV files"))
        if folder is None:
            return []
    try:
        written = write_csv(report, folder)
    except OSError as exc:
        tell(parent, title, translate("ClassReportExport", "Could not save the CSV files in "
                                                            "%1: %2")
              .replace("%1", str(folder)).replace("%2", exc.strerror or str(exc)), error=True)
        return []
    saved = translate(
        "ClassReportExport", "Saved %1 in %2. Import students.csv into your gradebook: it has "
                             "one row per student, keyed by the student code.")
    # The files keep scores as fractions (the header names are fixed, issue 12) while the
    # screen shows percentages: say so where the teacher first meets the numbers.
    scale = translate("ClassReportExport", "Scores and mastery are fractions from 0 to 1: a "
                                           "mean_student_score of 0.4 is the 40 % shown here "
                                           "(format the column as a percentage).")
    text = "\n\n".join([saved.replace("%1", ", ".join(p.name for p in written))
                         .replace("%2", str(folder)), scale])
    missing = without_code(report)
    if missing:
        # As `trainer class-report --csv` warns: such a row cannot be matched in a gradebook.
        names = ", ".join(missing)
        lack = (translate("ClassReportExport", "%1 has no student code, so that row of "
                                               "students.csv cannot be matched in your "
                                               "gradebook: double-click the Student code "
                                               "column on the Students tab, type the code, "
                                               "then save again.")
                .replace("%1", names) if len(missing) == 1 else
                translate("ClassReportExport", "%n students have no student code (%1), so "
                                               "their rows of students.csv cannot be matched "
                                               "in your gradebook: double-click the Student "
                                               "code column on the Students tab, type the "
                                               "codes, then save again.", "", len(missing))
                .replace("%1", names))
        text = "\n\n".join([text, lack])
    tell(parent, title, text, error=bool(missing))
    return written


def save_xapi(parent: QWidget, report: ClassReport, path: Path | None = None) -> Path | None:
    from trainer.core.class_export import write_xapi

    title = translate("ClassReportExport", "Save xAPI")
    if path is None:
        path = file_dialogs.save_file(
            parent, file_dialogs.CLASS_EXPORT,
            translate("ClassReportExport", "Save xAPI statements"), "class-statements.json",
            translate("ClassReportExport", "xAPI statements (*.json)"))
        if path is None:
            return None
    try:
        write_xapi(report, path)
    except OSError as exc:
        tell(parent, title, translate("ClassReportExport", "Could not save %1: %2")
              .replace("%1", str(path)).replace("%2", exc.strerror or str(exc)), error=True)
        return None
    # One literal per English form (lupdate reads both); %n puts the number in.
    count = len(report.attempts)
    saved = (translate("ClassReportExport", "Saved %n statement in %2. A learning record "
                                            "store can take this file later.", "", count)
             if count == 1 else
             translate("ClassReportExport", "Saved %n statements in %2. A learning record "
                                            "store can take this file later.", "", count))
    tell(parent, title, saved.replace("%2", str(path)))
    return path


def paper_for_locale() -> str:
    """Letter where the locale measures in inches (the US), A4 elsewhere."""
    imperial = QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    return "Letter" if imperial else "A4"


def save_pdf(parent: QWidget, report: ClassReport, first: tuple[str, str] | None = None,
             path: Path | None = None) -> Path | None:
    """The printable report (tables, then heatmap pages of the article on screen and the
    hardest others: three in all) on the locale's paper."""
    from trainer.ui.printing.report_pdf import DEFAULT_HEATMAPS, write_class_report_pdf

    title = translate("ClassReportExport", "Save PDF")
    if path is None:
        path = file_dialogs.save_file(
            parent, file_dialogs.CLASS_EXPORT,
            translate("ClassReportExport", "Save the class report as PDF"), "class-report.pdf",
            translate("ClassReportExport", "PDF documents (*.pdf)"))
        if path is None:
            return None
    chosen = [(a.set_id, a.article_id) for a in report.articles]  # the hardest first
    if first is not None and first in chosen:
        chosen.remove(first)
        chosen.insert(0, first)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        pages = write_class_report_pdf(report, path, paper_for_locale(),
                                       chosen[:DEFAULT_HEATMAPS])
    except InvalidInput as exc:
        tell(parent, title, "\n".join(p.format() for p in exc.problems), error=True)
        return None
    except OSError as exc:
        tell(parent, title, translate("ClassReportExport", "Could not save %1: %2")
             .replace("%1", str(path)).replace("%2", exc.strerror or str(exc)), error=True)
        return None
    finally:
        QApplication.restoreOverrideCursor()
    tell(parent, title, (translate("ClassReportExport", "Saved %1 (%n page).", "", pages)
                         if pages == 1 else
                         translate("ClassReportExport", "Saved %1 (%n pages).", "", pages))
         .replace("%1", str(path)))
    return path
