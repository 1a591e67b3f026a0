"""Locate what the program reads at run time, in a checkout or in a frozen (PyInstaller) bundle.

Everything the program opens besides its own code is found through this module: the
`resources/` folder (taxonomy, schemas, starter content, icons, translations) and the data
files inside the package (the Alembic migrations). `BUNDLED_DATA` is the one list of them:
packaging/trainer.spec copies exactly these into a bundle, and tests/test_packaging.py checks
that every platform's recipe names the same folders.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# (path in the source tree, folder inside the bundle), both relative, with forward slashes.
BUNDLED_DATA: tuple[tuple[str, str], ...] = (
    ("resources", "resources"),
    ("trainer/storage/migrations", "trainer/storage/migrations"),
    ("trainer/storage/alembic.ini", "trainer/storage"),
)
# The folders a finished bundle must hold (each platform's build script checks them).
DATA_FOLDERS: tuple[str, ...] = ("resources", "trainer/storage/migrations")


def bundle_root() -> Path | None:
    """The folder a PyInstaller bundle unpacked its data to; None when running from source."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    return Path(frozen_root) if frozen_root else None


def resources_dir() -> Path:
    override = os.environ.get("TRAINER_RESOURCES")
    if override:
        return Path(override)
    root = bundle_root()
    if root is not None:
        return root / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def package_path(*parts: str) -> Path:
    """A data file shipped inside the `trainer` package, e.g. ("storage", "migrations")."""
    root = bundle_root()
    base = root / "trainer" if root is not None else Path(__file__).resolve().parents[1]
    return base.joinpath(*parts)
