"""Backups with SQLite's online backup API: consistent even while the program writes (WAL).

Files are named trainer-<kind>-<UTC timestamp>.sqlite3 so that listing needs no database.
Each is written under a temporary name and renamed, so a crash never leaves a half backup
that looks complete.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, cast

from trainer.storage.records import BackupInfo

BackupKind = Literal["daily", "manual", "pre-migrate", "pre-restore"]
DAILY_KEEP = 7
_NAME = re.compile(
    r"^trainer-(daily|manual|pre-migrate|pre-restore)-(\d{8}T\d{6}\d{6}Z)(?:-[\w.-]+)?\.sqlite3$")
_STAMP = "%Y%m%dT%H%M%S%fZ"


def _stamp(now: datetime) -> str:
    return now.astimezone(UTC).strftime(_STAMP)


def copy_database(source: Path, target: Path) -> None:
    """Copy a live database file (including committed pages still in its WAL) to `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            # A backup is one self-contained file, whatever the live database's journal.
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    os.replace(partial, target)


def make_backup(database: Path, directory: Path, kind: BackupKind,
                now: datetime | None = None, note: str = "") -> Path:
    moment = now or datetime.now(UTC)
    suffix = f"-{note}" if note else ""
    target = directory / f"trainer-{kind}-{_stamp(moment)}{suffix}.sqlite3"
    copy_database(database, target)
    return target


def list_backups(directory: Path) -> list[BackupInfo]:
    """Every backup in `directory`, newest first."""
    if not directory.is_dir():
        return []
    found: list[BackupInfo] = []
    for path in directory.iterdir():
        match = _NAME.match(path.name)
        if not match or not path.is_file():
            continue
        created = datetime.strptime(match.group(2), _STAMP).replace(tzinfo=UTC)
        kind = cast(BackupKind, match.group(1))
        found.append(BackupInfo(path, created, kind, path.stat().st_size))
    found.sort(key=lambda b: (b.created_at, b.path.name), reverse=True)
    return found


def daily_backup(database: Path, directory: Path, now: datetime | None = None,
                 keep: int = DAILY_KEEP) -> Path | None:
    """At most one backup per UTC day; only the newest `keep` daily backups are kept."""
    moment = now or datetime.now(UTC)
    dailies = [b for b in list_backups(directory) if b.kind == "daily"]
    made: Path | None = None
    if not any(b.created_at.date() == moment.astimezone(UTC).date() for b in dailies):
        made = make_backup(database, directory, "daily", moment)
        dailies = [b for b in list_backups(directory) if b.kind == "daily"]
    for old in dailies[keep:]:
        old.path.unlink(missing_ok=True)
    return made


def companions(database: Path) -> list[Path]:
    return [database.with_name(database.name + s) for s in ("-wal", "-shm", "-journal")]


def move_aside(database: Path, reason: str, now: datetime | None = None) -> Path:
    """Rename the file (and its WAL/SHM) out of the way; nothing is ever deleted."""
    stamp = _stamp(now or datetime.now(UTC))
    target = database.with_name(f"{database.name}.{reason}-{stamp}")
    counter = 1
    while target.exists():
        target = database.with_name(f"{database.name}.{reason}-{stamp}-{counter}")
        counter += 1
    os.replace(database, target)
    for extra in companions(database):
        if extra.exists():
            with contextlib.suppress(OSError):
                os.replace(extra, target.with_name(target.name + extra.name[len(database.name):]))
    return target
