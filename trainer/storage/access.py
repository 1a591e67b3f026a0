"""What went wrong when SQLite could not do something, and read-only access to a file.

Only real damage ("file is not a database", "database disk image is malformed", a failed
quick_check) may ever move a database aside. A lock held by another program, a folder we may
not write to, a full disk or a file that cannot be opened are not damage: each becomes its own
StoreError with a message that says what to do, and the file is left exactly as it is.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Literal

from trainer.storage.errors import (
    DatabaseLockedError,
    DiskFullError,
    ReadOnlyError,
    StoreError,
)

Fault = Literal["damaged", "locked", "read-only", "full", "cannot-open"]

# SQLite's primary result codes (an extended code carries one in its low byte).
_DAMAGED = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_LOCKED = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
_READ_ONLY = {3, 8}  # SQLITE_PERM, SQLITE_READONLY
_FULL = {13}  # SQLITE_FULL


def fault_of(exc: BaseException) -> Fault:
    """Classify a sqlite3 error (or an SQLAlchemy error wrapping one, or an OSError)."""
    original = getattr(exc, "orig", None)
    if isinstance(original, BaseException):
        exc = original
    if isinstance(exc, OSError):
        import errno

        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return "full"
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return "read-only"
        return "cannot-open"
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        primary = code & 0xFF
        if primary in _DAMAGED:
            return "damaged"
        if primary in _LOCKED:
            return "locked"
        if primary in _READ_ONLY:
            return "read-only"
        if primary in _FULL:
            return "full"
        return "cannot-open"
    text = str(exc).lower()  # older drivers without error codes
    if "not a database" in text or "malformed" in text:
        return "damaged"
    if "locked" in text or "busy" in text:
        return "locked"
    if "readonly" in text or "read-only" in text:
        return "read-only"
    if "disk is full" in text:
        return "full"
    return "cannot-open"


def locked_message(path: Path | None) -> str:
    where = f" {path}" if path is not None else ""
    return (f"The progress database{where} is in use: another copy of the program or a "
            "command is using the database. Close it and try again. Nothing was changed.")


def full_message(path: Path | None) -> str:
    where = f" holding {path}" if path is not None else ""
    return (f"The disk{where} is full, so this could not be saved. Free some space "
            "(or choose another --data-dir) and try again.")


def read_only_message(path: Path | None) -> str:
    folder = path.parent if path is not None else None
    where = f" ({folder})" if folder is not None else ""
    return (f"The data folder{where} is read-only, so nothing can be saved: you can look at "
            "the library and your results, but not practise, import or change anything. Ask "
            "for write permission, or use another --data-dir.")


def store_error(exc: BaseException, path: Path | None, doing: str = "") -> StoreError:
    """The StoreError to raise for a failure that is not damage (see `fault_of`)."""
    fault = fault_of(exc)
    if fault == "locked":
        return DatabaseLockedError(locked_message(path))
    if fault == "full":
        return DiskFullError(full_message(path))
    if fault == "read-only":
        return ReadOnlyError(read_only_message(path))
    what = f" while {doing}" if doing else ""
    where = f" {path}" if path is not None else ""
    return StoreError(f"The progress database{where} could not be used{what} ({exc}). It was "
                      "not changed. Check that its folder exists and that you may use it.")


def can_write(path: Path) -> bool:
    """Whether this user may write `path` (a file or folder), or create it if it is missing."""
    probe = path
    while not probe.exists():
        if probe.parent == probe:
            return False
        probe = probe.parent
    return os.access(probe, os.W_OK)


def database_writable(path: Path) -> bool:
    """The database file and its folder (for -wal, -shm and backups) can be written."""
    return can_write(path.parent) and can_write(path)


def connect_read_only(path: Path, timeout: float) -> tuple[sqlite3.Connection, bool]:
    """A connection that cannot write `path`, and whether it had to be immutable.

    In a folder nobody may write to, SQLite cannot create the WAL index (`-shm`), so a plain
    read-only open fails; the file is then opened immutable (no locks, no WAL index), which
    is safe there because no one can be changing it.
    """
    from trainer.storage.engine import file_uri

    last: sqlite3.Error | None = None
    for immutable in (False, True):
        con = sqlite3.connect(file_uri(path, immutable=immutable), uri=True, timeout=timeout,
                              check_same_thread=False)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error as exc:
            con.close()
            if fault_of(exc) not in ("read-only", "cannot-open"):
                raise
            last = exc
            continue
        return con, immutable
    assert last is not None
    raise last
