"""The teacher's making screens in `make screenshots`: Make assignment with three passages
chosen and the form filled in (20-assignment-maker), and a printed worksheet with its answer
key (22-worksheet: the worksheet's page with the passage beside the key's first page, drawn
from the real PDF), so that every picture docs/TEACHERS.md shows is made again by the tour.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QPoint, QRect, QSize
from PySide6.QtGui import QColor, QImage, QPainter

if TYPE_CHECKING:
    from trainer.ui.shell.screenshots import ScreenshotTour
    from trainer.ui.teacher.assignment_maker.dialog import AssignmentMakerDialog

STARTER = "starter"
WORKSHEET_PASSAGE = "l1-01-bus-fares"  # level 1, two key phrases, one page
PAGE = QSize(560, 792)  # one A4 page in the picture (1 : √2)
GAP = 24
BACKDROP = QColor("#9aa0a8")  # a desk grey, so the white pages stand out


def worksheet_picture(pdf: Path, target: Path) -> bool:
    """The worksheet's first page with a passage and the answer key's first page side by
    side, as a PNG."""
    # QtPdf only here: the bundle leaves it out, and the tour runs from a checkout.
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    if document.load(str(pdf)) != QPdfDocument.Error.None_ or document.pageCount() < 2:
        return False
    texts = [document.getAllText(n).text() for n in range(document.pageCount())]
    key = next((n for n in range(1, len(texts)) if texts[n].lstrip().startswith("Answer key")),
               len(texts) // 2)
    # The worksheet page with the passage on it (the first page may hold only the header and
    # the labels when the passage and its writing lines need a page of their own).
    sheet = next((n for n in range(key) if "Passage 1" in texts[n]), 0)
    image = QImage(GAP * 3 + PAGE.width() * 2, GAP * 2 + PAGE.height(),
                   QImage.Format.Format_RGB32)
    image.fill(BACKDROP)
    painter = QPainter(image)
    for n, page in enumerate((sheet, key)):
        corner = QPoint(GAP + n * (PAGE.width() + GAP), GAP)
        painter.fillRect(QRect(corner, PAGE), QColor("white"))  # pages render transparent
        painter.drawImage(corner, document.render(page, PAGE))
    painter.end()
    document.close()
    return image.save(str(target))


def teacher_steps(tour: ScreenshotTour) -> list[Callable[[], None]]:
    window = tour.window
    holder: list[AssignmentMakerDialog] = []

    def open_maker() -> None:
        from trainer.ui.teacher.assignment_maker.dialog import AssignmentMakerDialog

        tour.theme("light")
        store = window.store
        sets = [store.library.export_set(info.id) for info in store.library.list_sets()]
        dialog = AssignmentMakerDialog(sets, "Ms Rivera", None, window)
        dialog.resize(980, 640)
        starter = next(s for s in sets if s.id == STARTER)
        chosen = [a.id for a in starter.articles if a.level == 1][:3]
        dialog.model.set_checked([(STARTER, a) for a in chosen], True)
        dialog.chosen.setCurrentRow(2)
        dialog.move_current(-1)  # the order is the teacher's, not the library's
        dialog.title.setText("Week 4: who says so?")
        dialog.due_check.setChecked(True)
        dialog.due.setDate(QDate(2027, 1, 15))
        dialog.show()
        dialog.filter.setFocus()
        holder.append(dialog)

    def grab_maker() -> None:
        tour.grab(holder[0], "20-assignment-maker")
        holder[0].close()

    def worksheet() -> None:
        from trainer.ui.printing.worksheet import write_worksheet_pdf

        starter = window.store.library.export_set(STARTER)
        with tempfile.TemporaryDirectory() as folder:
            pdf = Path(folder) / "worksheet.pdf"
            write_worksheet_pdf(starter, pdf, [WORKSHEET_PASSAGE], with_key=True,
                                page_size="A4", level=1)
            target = tour.folder / "22-worksheet.png"
            if worksheet_picture(pdf, target):
                print(f"screenshot: {target}", flush=True)
        tour.theme("system")

    return [open_maker, grab_maker, worksheet]

