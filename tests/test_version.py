"""One version number, from pyproject.toml, everywhere it is shown."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from pytestqt.qtbot import QtBot

from trainer import version

ROOT = Path(__file__).resolve().parents[1]


def pyproject_version() -> str:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return str(data["project"]["version"])


def test_installed_metadata_is_the_pyproject_version() -> None:
    # A stale editable install would show an old number: reinstall (make does) after a bump.
    assert version() == pyproject_version()


def test_command_line_version() -> None:
    result = subprocess.run([sys.executable, "-m", "trainer", "--version"], capture_output=True,
                            text=True, cwd=ROOT, timeout=60)
    assert result.stdout.strip() == f"trainer {pyproject_version()}"


def test_about_dialog_shows_the_version(qtbot: QtBot) -> None:
    from trainer.ui.shell.window_menus import about_text

    assert f"Media Literacy Trainer {pyproject_version()}" in about_text()


def test_module_attribute_is_lazy_but_available() -> None:
    import trainer

    assert trainer.__version__ == pyproject_version()
