"""`trainer class-report … --pdf FILE`, run as a subprocess on progress files written with the
project's own writer (issue 12 item 4)."""

from __future__ import annotations

import json
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.pdftext import LETTER_PT, read_pdf
from tests.test_cli_worksheet import trainer
from tests.ui.conftest import make_set
from tests.ui.test_printing import class_report_files
from trainer.core.progress_file import write_progress


def _class(tmp_path: Path) -> tuple[Path, Path]:
    home = tmp_path / "home"
    set_file = tmp_path / "set.json"
    set_file.write_text(json.dumps(make_set().to_data()), encoding="utf-8")
    assert trainer(home, "import", str(set_file)).returncode == 0
    stick = tmp_path / "stick"
    stick.mkdir()
    for n, progress in enumerate(class_report_files()):
        write_progress(progress, stick / f"student{n}.mltprogress")
    return home, stick


def test_class_report_pdf_with_chosen_heatmap(tmp_path: Path, qtbot: QtBot) -> None:
    home, stick = _class(tmp_path)
    out = tmp_path / "report.pdf"
    result = trainer(home, "class-report", str(stick), "--pdf", str(out), "--page-size",
                     "Letter", "--heatmap", "test-set/peace", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["students"]  # stdout stays one JSON object
    # ... so the line saying what was written goes to stderr (review finding 24).
    assert f"wrote {out}: 2 pages (the tables and 1 heatmap, Letter)" in result.stderr
    pdf = read_pdf(out)
    assert len(pdf.pages) == 2 and pdf.sizes_pt[0] == LETTER_PT
    assert "Ana <b>Bold</b>" in pdf.pages[0] and "Ben Okafor" in pdf.pages[0]
    assert "Class heatmap" in pdf.pages[1] and "European governments" in pdf.pages[1]


def test_class_report_pdf_says_what_it_wrote(tmp_path: Path, qtbot: QtBot) -> None:
    """As `trainer worksheet --pdf` does: "wrote FILE: N pages (…)" (review finding 24)."""
    home, stick = _class(tmp_path)
    out = tmp_path / "report.pdf"
    result = trainer(home, "class-report", str(stick), "--pdf", str(out))
    assert result.returncode == 0, result.stderr
    pages = len(read_pdf(out).pages)
    assert result.stdout.splitlines()[-1] == (
        f"wrote {out}: {pages} pages (the tables and 2 heatmaps, A4)")
    assert "student" in result.stdout.splitlines()[0]  # the table still comes first


def test_class_report_pdf_bad_heatmap_writes_nothing(tmp_path: Path) -> None:
    home, stick = _class(tmp_path)
    out, csv = tmp_path / "report.pdf", tmp_path / "csv"
    result = trainer(home, "class-report", str(stick), "--pdf", str(out), "--csv", str(csv),
                     "--heatmap", "test-set/nope")
    assert result.returncode == 1
    assert "test-set/nope: no attempts on this article" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists() and not csv.exists()
    result = trainer(home, "class-report", str(stick), "--pdf", str(out), "--heatmap", "nope")
    assert result.returncode == 2 and "SET/ARTICLE" in result.stderr


def test_class_report_pdf_unwritable(tmp_path: Path) -> None:
    home, stick = _class(tmp_path)
    result = trainer(home, "class-report", str(stick), "--pdf", str(tmp_path / "no" / "r.pdf"))
    assert result.returncode == 1 and "cannot write the file" in result.stderr
