"""Numbers and patterns of the class report in the words a teacher reads (DESIGN §5)."""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from trainer.core.errors import Problem
from trainer.core.mastery import MIN_EXAMPLES, Mastery
from trainer.core.progress_file import (
    TEACHER_AGAIN,
    TEACHER_CUT,
    TEACHER_DAMAGED,
    TEACHER_EMPTY,
    TEACHER_NEWER,
)

if TYPE_CHECKING:
    from trainer.ui.teacher.class_report.import_task import ClassImportOutcome

# Literal calls, so pyside6-lupdate finds every string (docs/UI.md).
translate = QCoreApplication.translate


def percent(value: float | None) -> str:
    """'72 %' (a non-breaking space keeps number and sign together); '—' for nothing."""
    if value is None or math.isnan(value):
        return "—"
    return f"{round(value * 100)}\u00a0%"


def signed(value: float) -> str:
    return "—" if math.isnan(value) else f"{value:+.2f}"


def number(value: float) -> str:
    return "—" if math.isnan(value) else f"{value:.2f}"


def pattern_words(pattern: str) -> str:
    """The report's pattern ids in words; '' (a balanced student) stays empty."""
    if pattern == "flags everything":
        return translate("ClassReport", "flags everything")
    if pattern == "flags nothing":
        return translate("ClassReport", "flags nothing")
    return pattern


def pattern_tooltip(pattern: str) -> str:
    if pattern == "flags everything":
        return translate("ClassReport", "Marks most sentences, fair ones too: c is well "
                                        "below 0 and most fair sentences were flagged.")
    if pattern == "flags nothing":
        return translate("ClassReport", "Marks very little: c is well above 0 and fewer "
                                        "than half of the flagged sentences were found.")
    return ""


def mastery_cell(mastery: Mastery | None) -> str:
    """'72 % (5)': mastery and its evidence; '— (2)' below the minimum, '—' with none."""
    if mastery is None or not mastery.examples:
        return "—"
    if mastery.mastery is None:
        return f"— ({mastery.examples})"
    return f"{percent(mastery.mastery)} ({mastery.examples})"


def mastery_tooltip(mastery: Mastery | None) -> str:
    examples = mastery.examples if mastery is not None else 0
    if mastery is not None and mastery.mastery is not None:
        return translate("ClassReport", "Mastery %1: key phrases of this technique found, "
                                        "of %2 met (a phrase only partly marked does not "
                                        "count; recent ones count more)").replace(
            "%1", percent(mastery.mastery)).replace("%2", str(examples))
    if examples == 0:
        return translate("ClassReport", "No key span of this technique met yet")
    return (translate("ClassReport", "Not enough yet: %n key span met, %2 needed for a "
                                     "mastery figure", "", examples) if examples == 1 else
            translate("ClassReport", "Not enough yet: %n key spans met, %2 needed for a "
                                     "mastery figure", "", examples)
            ).replace("%2", str(MIN_EXAMPLES))


def import_problem(problem: Problem) -> str:
    """A class import's problem as the Problems strip shows it: the file's name, then the
    teacher's sentence of core.progress_file.for_teacher in the program's language."""
    message = problem.message
    again = translate("ClassReport", "ask the student to export it again")
    cut = re.fullmatch(rf"{re.escape(TEACHER_CUT)}(?: at line (\d+))?: "
                       rf"{re.escape(TEACHER_AGAIN)}", message)
    if message == TEACHER_NEWER:
        said = translate("ClassReport", "saved by a newer version of the trainer: update the "
                                        "program on this computer")
    elif cut is not None and cut.group(1):
        said = translate("ClassReport", "the file is cut short or damaged at line %1: %2"
                         ).replace("%1", cut.group(1)).replace("%2", again)
    elif cut is not None:
        said = translate("ClassReport", "the file is cut short or damaged: %1").replace(
            "%1", again)
    elif message == f"{TEACHER_DAMAGED}: {TEACHER_AGAIN}":
        said = translate("ClassReport", "the file is damaged or is not a progress file: %1"
                         ).replace("%1", again)
    elif message == f"{TEACHER_EMPTY}: {TEACHER_AGAIN}":
        said = translate("ClassReport", "the file is empty: %1").replace("%1", again)
    else:
        return problem.format()
    return Problem(problem.file, said, severity=problem.severity).format()


def import_summary(outcome: ClassImportOutcome) -> str:
    """One line on what an import did, for the line under the class summary."""
    result = outcome.result
    if result is None:
        return translate("ClassReport", "The import failed: see Problems. Nothing was changed.")
    # English has one plural form: each count picks its own literal (lupdate reads both, a
    # translation can give each its numerus forms); %n puts the number in.
    read, added, new = result.files_read, result.attempts_added, result.students_added
    text = (translate("ClassReport", "Imported %n file:", "", read) if read == 1
            else translate("ClassReport", "Imported %n files:", "", read))
    text += " " + (translate("ClassReport", "%n attempt added,", "", added) if added == 1
                   else translate("ClassReport", "%n attempts added,", "", added))
    text += " " + translate("ClassReport", "%n already there,", "",
                            result.attempts_already_there)
    text += " " + (translate("ClassReport", "%n new student.", "", new) if new == 1
                   else translate("ClassReport", "%n new students.", "", new))
    failed_files = len({p.file for p in result.problems})
    if failed_files:
        text += " " + (
            translate("ClassReport", "%n file could not be imported: see Problems.", "",
                      failed_files) if failed_files == 1
            else translate("ClassReport", "%n files could not be imported: see Problems.", "",
                           failed_files))
    if outcome.cancelled:
        text = translate("ClassReport", "Import cancelled; the files read before it stopped "
                                        "were kept.") + " " + text
    return text
