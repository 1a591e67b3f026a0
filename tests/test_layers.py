"""Layer rules (DESIGN §3): core, storage and cli never load Qt; the UI never touches SQL."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "trainer"

# Runs in a fresh interpreter: imports every non-UI module found by pkgutil, so modules
# added later are covered without touching this test, and reports what got loaded.
_PROBE = r"""
import importlib, json, pkgutil, sys
import trainer.core, trainer.cli, trainer.cli.main
names = ["trainer.core", "trainer.cli", "trainer.cli.main"]
for package_name in ("trainer.core", "trainer.cli", "trainer.storage"):
    try:
        package = importlib.import_module(package_name)
    except ModuleNotFoundError:
        continue
    names.append(package_name)
    for info in pkgutil.walk_packages(package.__path__, package_name + "."):
        if ".migrations" in info.name:
            continue  # Alembic runs env.py and revision scripts itself; importing them runs them
        importlib.import_module(info.name)
        names.append(info.name)
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
print(json.dumps({"imported": names, "qt": loaded}))
"""


def test_core_cli_and_storage_load_no_qt() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True,
                            env=env, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert "trainer.core.scoring" in report["imported"]
    assert "trainer.cli.validate_cmd" in report["imported"]
    if (PACKAGE / "storage").is_dir():
        assert "trainer.storage" in report["imported"]
    assert report["qt"] == [], f"Qt loaded by {report['imported']}"


def _imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def _python_files(*roots: Path) -> list[Path]:
    return sorted(p for root in roots if root.exists() for p in root.rglob("*.py"))


def test_only_the_ui_imports_pyside6() -> None:
    outside = [p for p in _python_files(PACKAGE) if (PACKAGE / "ui") not in p.parents]
    assert outside
    offenders = [str(p.relative_to(ROOT)) for p in outside
                 if {"PySide6", "shiboken6"} & _imported_roots(p)]
    assert offenders == []


def test_the_ui_never_imports_sqlalchemy() -> None:
    ui_files = _python_files(PACKAGE / "ui")
    assert ui_files
    offenders = [str(p.relative_to(ROOT)) for p in ui_files
                 if {"sqlalchemy", "alembic", "sqlite3"} & _imported_roots(p)]
    assert offenders == []


def test_core_imports_neither_storage_nor_cli() -> None:
    offenders = []
    for path in _python_files(PACKAGE / "core"):
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        for node in ast.walk(tree):
            modules: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module:
                modules = [node.module]
            elif isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            offenders.extend(
                f"{path.relative_to(ROOT)}: {module}" for module in modules
                if module.startswith(("trainer.storage", "trainer.cli", "trainer.ui",
                                      "sqlalchemy", "alembic"))
            )
    assert offenders == []
