"""Guards the PySide6 version pin: the binding must keep True/None alive however many calls.

PySide6 6.12.0 on CPython 3.11 returns True from every Python-side emit() and None from many
void methods one reference short; a few thousand calls abort the interpreter. pyproject.toml
excludes that release; this test fails if a broken binding comes back.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_many_emits_do_not_abort_the_interpreter() -> None:
    script = textwrap.dedent("""
        import os
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtWidgets import QApplication, QTextEdit
        app = QApplication([])
        from PySide6.QtCore import QObject, Signal
        class Sender(QObject):
            ping = Signal()
        sender = Sender()
        hits = []
        sender.ping.connect(lambda: hits.append(1))
        for _ in range(20000):
            sender.ping.emit()
        edit = QTextEdit()
        for _ in range(20000):
            edit.setTextCursor(edit.textCursor())  # a void method: returns None
        print(len(hits))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=120, cwd=".")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "20000"
