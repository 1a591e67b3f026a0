"""Session 4 review findings 2, 10 and 11: the class report says the rule its numbers follow,
and its messages read like a teacher's, not a programmer's."""

from __future__ import annotations

import re
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.pdftext import read_pdf
from tests.ui.test_printing import class_report
from trainer.core import mastery
from trainer.core.mastery import Mastery
from trainer.ui.printing.report_pdf import write_class_report_pdf
from trainer.ui.teacher.class_report import words

ROOT = Path(__file__).resolve().parents[2]
PARTLY = "a phrase only partly marked does not count"


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_mastery_wording_says_partly_marked_does_not_count(tmp_path: Path,
                                                           qtbot: QtBot) -> None:
    """Review finding 2: the figures count a partly found phrase as 0 (FOUND_VERDICTS), so the
    PDF legend, the tooltips, the docstring and the docs say so — never "counts half"."""
    assert "partly-found" not in mastery.FOUND_VERDICTS
    out = tmp_path / "report.pdf"
    write_class_report_pdf(class_report(), out)
    text = _flat(read_pdf(out).text)
    assert PARTLY in text and "counts half" not in text
    enough = Mastery("loaded-language", 0.5, 4, 2.0, 2.0, 4, None)
    assert PARTLY in words.mastery_tooltip(enough)
    doc = _flat(mastery.__doc__ or "")
    assert PARTLY in doc and not re.search(r"partly found (counts )?(½|half)", doc)
    for doc in ("docs/TEACHERS.md", "docs/SCORING.md"):
        assert PARTLY in _flat((ROOT / doc).read_text(encoding="utf-8")), doc
