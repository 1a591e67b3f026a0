"""Session 4 review findings 2, 10 and 11: the class report says the rule its numbers follow,
and its messages read like a teacher's, not a programmer's."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.pdftext import read_pdf
from tests.ui.class_data import make_class, teacher_store
from tests.ui.test_class_report_screen import cells, import_through_dialog, open_window
from tests.ui.test_printing import class_report
from trainer.core import mastery
from trainer.core.mastery import Mastery
from trainer.ui.printing.report_pdf import write_class_report_pdf
from trainer.ui.teacher.class_report import exports, words

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


def test_csv_saved_from_the_screen_names_students_without_a_code_and_the_scale(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Review finding 10: as `trainer class-report --csv` warns, the window says which
    students have no code (their students.csv row cannot be matched in a gradebook), and that
    scores are fractions from 0 to 1 (0.4 is the 40 % on screen)."""
    told: list[tuple[str, bool]] = []
    monkeypatch.setattr(exports, "tell", lambda _p, _t, text, error=False:
                        told.append((text, error)))
    store = teacher_store(tmp_path / "teacher.sqlite3")
    try:
        window = open_window(qtbot, store)
        import_through_dialog(qtbot, window, monkeypatch,
                              make_class(tmp_path / "usb", ["Ana", "Ben"]))
        model = window.tabs.students
        assert model.setData(model.index(0, 1), "A-1")  # Ana; Ben keeps none
        exports.save_csv(window, window.report, tmp_path / "out")
        [(text, warned)] = told
        assert "Ben has no student code" in text and "Ana" not in text.split("code")[0]
        assert "from 0 to 1" in text and "0.4" in text and "40" in text
        assert warned  # a warning icon, not only words
        told.clear()
        assert model.setData(model.index(1, 1), "B-2")
        exports.save_csv(window, window.report, tmp_path / "out")
        [(text, warned)] = told
        assert "no student code" not in text and not warned and "from 0 to 1" in text
    finally:
        store.close()


def _cut_short(path: Path, source: Path) -> int:
    """A progress file cut off inside a string, as a USB stick pulled out too early leaves it;
    returns the line the cut string starts on."""
    text = source.read_text(encoding="utf-8")
    opening = text.index('"', text.index('"name"') + 6)  # the name's value
    path.write_text(text[:opening + 3], encoding="utf-8")
    return text[:opening].count("\n") + 1


def test_import_problems_read_like_a_message_to_the_teacher(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Review finding 11: a file from a newer program and a file cut short are named, with
    what to do, in a teacher's words — no JSON paths, no parser messages."""
    usb = tmp_path / "usb"
    [good] = make_class(usb, ["Ana"])
    newer = usb / "newer.mltprogress"
    data = json.loads(good.read_text(encoding="utf-8"))
    data["format_version"] = 99
    newer.write_text(json.dumps(data), encoding="utf-8")
    cut = usb / "truncated.mltprogress"
    line = _cut_short(cut, good)
    store = teacher_store(tmp_path / "teacher.sqlite3")
    try:
        window = open_window(qtbot, store)
        import_through_dialog(qtbot, window, monkeypatch, [good, newer, cut])
        details = {row[1] for row in cells(window.problems.model)}
        said = {next(d for d in details if name in d) for name in (newer.name, cut.name)}
        newer_line = next(d for d in said if newer.name in d)
        cut_line = next(d for d in said if cut.name in d)
        assert ("saved by a newer version of the trainer: update the program on this "
                "computer") in newer_line, newer_line
        assert "the file is cut short or damaged" in cut_line, cut_line
        assert "ask the student to export it again" in cut_line, cut_line
        assert f"at line {line}:" in cut_line and line > 1
        for line in said:
            assert "$." not in line and "JSON" not in line and "Unterminated" not in line, line
            assert "format_version" not in line, line
    finally:
        store.close()


def test_validate_keeps_its_own_words_for_a_set(tmp_path: Path) -> None:
    """The class import's words are its own: `trainer validate` still tells an author of a
    set where the JSON breaks."""
    from tests.test_cli_worksheet import trainer

    bad = tmp_path / "set.json"
    bad.write_text('{"format": "trainer.article-set", "title": "Unfinished', encoding="utf-8")
    result = trainer(tmp_path / "home", "validate", str(bad))
    assert result.returncode != 0
    assert "not valid JSON" in result.stderr + result.stdout
