"""User-visible strings are found by pyside6-lupdate, so a translator gets them all.

lupdate reads `self.tr("…")` and `QCoreApplication.translate("Context", "…")` with literal
text; a string kept in a tuple and passed as `self.tr(NAMES[i])` is translated at run time
only if someone added it to the .ts file by hand, so it never is.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from trainer.core.mastery import Mastery
from trainer.ui.progress.dashboard_models import MasteryModel

ROOT = Path(__file__).resolve().parents[2]
LUPDATE = Path(sys.executable).with_name("pyside6-lupdate")


def extracted(source: Path, ts: Path) -> dict[str, set[str]]:
    """context -> source texts that lupdate finds in `source`."""
    result = subprocess.run([str(LUPDATE), str(source), "-ts", str(ts)],
                            capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stderr
    found: dict[str, set[str]] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        found.setdefault(name, set()).update(
            message.findtext("source") or "" for message in context.iter("message"))
    return found


@pytest.mark.skipif(not LUPDATE.exists(), reason="pyside6-lupdate is not installed")
def test_lupdate_finds_every_string_of_the_mastery_table(qtbot: object, tmp_path: Path) -> None:
    model = MasteryModel()
    model.set_mastery([("Loaded language", Mastery("loaded-language", None, 1, 0.0, 0.0, 0, None))])
    shown = {model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())}
    shown.add(model.index(0, 1).data())  # "not enough yet"
    found = extracted(ROOT / "trainer/ui/progress/dashboard_models.py", tmp_path / "t.ts")
    assert shown <= found.get("MasteryModel", set()), shown - found.get("MasteryModel", set())
