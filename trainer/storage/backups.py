"""Backups with SQLite's online backup API: consistent even while the program writes (WAL).

Files are named trainer-<kind>-<UTC timestamp>[-<note>].sqlite3 so that listing needs no
database. Each is written under a temporary `.partial` name and renamed, so a crash never
leaves a half backup that looks complete; a failed copy (a full disk) removes its partial file
at once, and one left by a killed process is removed by the next daily backup.

Daily backups also carry a sequence number (`-n<N>`): rotation keeps the newest by the order
in which they were made, never by comparing their stamps with the clock (which may have been
set back: seven backups dated in the "future" must not push out each new day's backup).
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, cast

from trainer.storage.records import BackupInfo

BackupKind = Literal["daily", "manual", "pre-migrate", "pre-restore"]
DAILY_KEEP = 7
PARTIAL = ".partial"
# A `.partial` file older than this was left by a killed process (a copy takes seconds).
STALE_PARTIAL_S = 600
_NAME = re.compile(
    r"^trainer-(daily|manual|pre-migrate|pre-restore)-(\d{8}T\d{6}\d{6}Z)(?:-([\w.-]+))?"
    r"\.sqlite3$")
_LOOKS_LIKE = re.compile(r"^trainer-.*\.sqlite3$")
_SEQUENCE = re.compile(r"^n(\d{1,9})$")
_STAMP = "%Y%m%dT%H%M%S%fZ"


def _stamp(now: datetime) -> str:
    return now.astimezone(UTC).strftime(_STAMP)


def copy_database(source: Path, target: Path) -> None:
    """Copy a live database file (including committed pages still in its WAL) to `target`.

    On any failure (a full disk, a lock that outlasts the timeout) the partial file is
    removed and the error is raised; `target` is then untouched."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + PARTIAL)
    try:
        partial.unlink(missing_ok=True)
        _copy_pages(source, partial)
        os.replace(partial, target)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise


def _copy_pages(source: Path, partial: Path) -> None:
    from trainer.storage.engine import busy_timeout_s

    src = sqlite3.connect(source, timeout=busy_timeout_s())
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


def make_backup(database: Path, directory: Path, kind: BackupKind,
                now: datetime | None = None, note: str = "") -> Path:
    moment = now or datetime.now(UTC)
    suffix = f"-{note}" if note else ""
    target = directory / f"trainer-{kind}-{_stamp(moment)}{suffix}.sqlite3"
    copy_database(database, target)
    return target


def scan_backups(directory: Path) -> tuple[list[BackupInfo], list[str]]:
    """Every backup in `directory`, newest first, and a warning for each file that looks like
    a backup but cannot be one (an impossible date in its name): those are left alone."""
    warnings: list[str] = []
    try:
        entries = list(directory.iterdir()) if directory.is_dir() else []
    except OSError as exc:
        return [], [f"the backups folder {directory} cannot be read ({exc.strerror or exc})"]
    found: list[BackupInfo] = []
    for path in entries:
        match = _NAME.match(path.name)
        if not match:
            if _LOOKS_LIKE.match(path.name):
                warnings.append(f"ignored {path}: not a backup name this program writes")
            continue
        try:
            created = datetime.strptime(match.group(2), _STAMP).replace(tzinfo=UTC)
            if not path.is_file():
                continue
            size = path.stat().st_size
        except ValueError:
            warnings.append(f"ignored {path}: its name holds an impossible date")
            continue
        except OSError:
            continue  # removed meanwhile
        kind = cast(BackupKind, match.group(1))
        sequence = _SEQUENCE.match(match.group(3) or "") if kind == "daily" else None
        found.append(BackupInfo(path, created, kind, size,
                                int(sequence.group(1)) if sequence else 0))
    found.sort(key=lambda b: (b.created_at, b.path.name), reverse=True)
    return found, warnings


def list_backups(directory: Path) -> list[BackupInfo]:
    """Every backup in `directory`, newest first (stray files are skipped)."""
    return scan_backups(directory)[0]


def _made_order(backup: BackupInfo) -> tuple[int, datetime, str]:
    return backup.sequence, backup.created_at, backup.path.name


def remove_stale_partials(directory: Path) -> None:
    """Remove `.partial` files left by a process killed while copying."""
    if not directory.is_dir():
        return
    for partial in directory.glob(f"*{PARTIAL}"):
        with contextlib.suppress(OSError):
            if abs(time.time() - partial.stat().st_mtime) > STALE_PARTIAL_S:
                partial.unlink()


def daily_backup(database: Path, directory: Path, now: datetime | None = None,
                 keep: int = DAILY_KEEP) -> Path | None:
    """At most one backup per UTC day; only the `keep` most recently made daily backups stay.

    A backup is due when the most recently *made* daily backup does not carry today's date.
    Raises OSError or sqlite3.Error when the copy fails (nothing is left behind then)."""
    moment = now or datetime.now(UTC)
    remove_stale_partials(directory)
    dailies = sorted((b for b in list_backups(directory) if b.kind == "daily"),
                     key=_made_order, reverse=True)
    made: Path | None = None
    if not dailies or dailies[0].created_at.date() != moment.astimezone(UTC).date():
        number = max((b.sequence for b in dailies), default=0) + 1
        made = make_backup(database, directory, "daily", moment, note=f"n{number}")
        dailies.insert(0, BackupInfo(made, moment, "daily", 0, number))
    for old in dailies[keep:]:
        with contextlib.suppress(OSError):
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
