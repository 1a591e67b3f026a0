"""Using the store (not just importing it, which tests/test_layers.py covers) loads no Qt.
Checked in a fresh interpreter so that other tests' imports cannot hide a leak."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _loaded_after(imports: str, prefixes: tuple[str, ...]) -> list[str]:
    code = textwrap.dedent(f"""
        import sys
        {imports}
        print("\\n".join(sorted(m for m in sys.modules if m.startswith({prefixes!r}))))
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    return [line for line in result.stdout.splitlines() if line]


def test_storage_store_use_loads_no_qt(tmp_path: Path) -> None:
    imports = ("from trainer.storage.service import Store; "
               "from trainer.storage.engine import sqlite_url; "
               f"Store.open(sqlite_url({str(tmp_path / 't.sqlite3')!r})).close()")
    assert _loaded_after(imports, ("PySide6", "shiboken6")) == []

