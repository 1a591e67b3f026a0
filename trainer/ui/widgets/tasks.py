"""The one serialised lane for database writes that run off the GUI thread.

SQLite has a single writer anyway; funnelling every background write (imports, the editor's
"Add to library") through one worker thread keeps them in order, and lets the window wait for
a cancelled import to finish its rollback before the store closes.
"""

from __future__ import annotations

from PySide6.QtCore import QThreadPool

_lane: QThreadPool | None = None


def write_lane() -> QThreadPool:
    global _lane
    if _lane is None:
        _lane = QThreadPool()
        _lane.setMaxThreadCount(1)
    return _lane
