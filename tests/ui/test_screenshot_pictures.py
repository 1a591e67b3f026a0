"""`make screenshots` makes every picture the docs show and never deletes one it does not make:
the teacher's Make assignment and worksheet pictures come from the tour (teacher_shots), the
script copies the tour's pictures over the old ones and keeps the rest, and every picture a
doc links to exists."""

from __future__ import annotations

import os
import re
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.test_app_flow import open_store
from trainer.storage.service import Store
from trainer.storage.starter import ensure_starter
from trainer.ui.shell import theme
from trainer.ui.teacher.assignment_maker.dialog import AssignmentMakerDialog
from trainer.ui.teacher.teacher_shots import BACKDROP, GAP, PAGE, teacher_steps

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "packaging" / "screenshots.sh"


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setenv("TRAINER_HOME", str(tmp_path))
    opened = open_store(tmp_path)
    assert ensure_starter(opened) is None
    yield opened
    opened.close()


class _Window(QWidget):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store


class _Tour:
    """What the teacher steps use of the screenshot tour."""

    def __init__(self, window: _Window, folder: Path) -> None:
        self.window, self.folder = window, folder
        self.grabbed: dict[str, QWidget] = {}

    def grab(self, widget: QWidget | None, name: str) -> None:
        assert widget is not None
        self.grabbed[name] = widget
        widget.grab().save(str(self.folder / f"{name}.png"))

    def theme(self, name: str) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        theme.apply_theme(app, name)


def test_the_tour_makes_the_assignment_maker_and_worksheet_pictures(
        qtbot: QtBot, store: Store, tmp_path: Path, restore_look: None) -> None:
    window = _Window(store)
    qtbot.addWidget(window)
    tour = _Tour(window, tmp_path)
    for step in teacher_steps(cast(Any, tour)):
        step()
        QApplication.processEvents()
    maker = tour.grabbed["20-assignment-maker"]
    assert isinstance(maker, AssignmentMakerDialog)
    chosen = [maker.chosen.item(i).text() for i in range(maker.chosen.count())]
    assert len(chosen) == 3 and all(t.startswith(f"{n}. ") for n, t in enumerate(chosen, 1))
    assert maker.title.text() and maker.due_check.isChecked() and not maker.missing()
    picture = QImage(str(tmp_path / "20-assignment-maker.png"))
    assert (picture.width(), picture.height()) == (maker.width(), maker.height())
    sheet = QImage(str(tmp_path / "22-worksheet.png"))
    assert (sheet.width(), sheet.height()) == (3 * GAP + 2 * PAGE.width(),
                                               2 * GAP + PAGE.height())
    assert sheet.pixelColor(GAP // 2, GAP // 2) == BACKDROP
    for left in (GAP, 2 * GAP + PAGE.width()):  # two white pages with print on them
        corner = sheet.pixelColor(left + 5, GAP + 5)
        assert corner == QColor("white"), corner.name()
        inked = sum(sheet.pixelColor(x, y).lightness() < 128
                    for x in range(left, left + PAGE.width(), 4)
                    for y in range(GAP, GAP + PAGE.height() // 3, 4))
        assert inked > 50


def _fake(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text("#!/usr/bin/env bash\n" + body, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.mark.skipif(os.name != "posix", reason="a bash script")
def test_the_script_keeps_pictures_it_does_not_make(tmp_path: Path) -> None:
    """Before: `rm -f docs/screenshots/*.png` deleted the hand-made pictures. Now the tour's
    pictures replace their old versions and every other picture stays, named on stderr."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _fake(bin_dir, "xvfb-run", 'while [ "${1:-}" = -a ] || [ "${1:-}" = -s ]; do\n'
                               '  [ "$1" = -s ] && shift; shift; done\nexec "$@"\n')
    _fake(bin_dir, "ldconfig", "echo 'libxcb-cursor.so.0 (libc6,x86-64) => /x'\n")
    # The "program": writes ten pictures where the tour would, as the real tour does.
    python = _fake(bin_dir, "tour", 'for n in 01 02 03 04 05 06 07 08 09 10; do\n'
                                    '  printf "new" > "$TRAINER_SCREENSHOT_DIR/$n-screen.png"\n'
                                    "done\n")
    out = tmp_path / "shots"
    out.mkdir()
    (out / "01-screen.png").write_text("old", encoding="utf-8")
    (out / "99-made-by-hand.png").write_text("hand", encoding="utf-8")
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}",
           "TRAINER_PYTHON": str(python), "SCREENSHOT_DIR": str(out)}
    result = subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, env=env,
                            cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (out / "99-made-by-hand.png").read_text(encoding="utf-8") == "hand"
    assert (out / "01-screen.png").read_text(encoding="utf-8") == "new"
    assert len(list(out.glob("*.png"))) == 11
    assert "kept" in result.stderr and "99-made-by-hand.png" in result.stderr
    # A tour that fails leaves the folder as it was.
    _fake(bin_dir, "tour", "exit 0\n")
    failed = subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, env=env,
                            cwd=ROOT, timeout=120)
    assert failed.returncode == 1 and len(list(out.glob("*.png"))) == 11


def test_every_picture_a_doc_shows_exists() -> None:
    docs = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    missing = []
    for doc in docs:
        text = doc.read_text(encoding="utf-8")
        for link in re.findall(r"\]\(([^)\s]+\.png)\)", text):
            if not (doc.parent / link).is_file():
                missing.append(f"{doc.name}: {link}")
        # A picture named in the text ("`docs/screenshots/…`"), a glob included.
        for named in re.findall(r"screenshots/([\w.*-]+\.png)", text):
            if not list((ROOT / "docs" / "screenshots").glob(named)):
                missing.append(f"{doc.name}: {named}")
    assert not missing, missing
