"""Reading a written PDF back for tests: its pages' text and paper size (PySide6.QtPdf)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PdfContent:
    pages: list[str]
    sizes_pt: list[tuple[float, float]]

    @property
    def text(self) -> str:
        return "\n".join(self.pages)


def read_pdf(path: Path) -> PdfContent:
    """Needs a QGuiApplication (the `qapp` fixture)."""
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    error = document.load(str(path))
    assert error == QPdfDocument.Error.None_, f"{path}: {error}"
    pages, sizes = [], []
    for page in range(document.pageCount()):
        pages.append(document.getAllText(page).text())
        size = document.pagePointSize(page)
        sizes.append((size.width(), size.height()))
    document.close()
    return PdfContent(pages, sizes)


A4_PT = (595.0, 842.0)
LETTER_PT = (612.0, 792.0)
