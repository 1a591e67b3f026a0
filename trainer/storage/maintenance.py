"""Backups, restore and the integrity report (`trainer db …`)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import func, select, text

from trainer.storage.access import database_writable, read_only_message, store_error
from trainer.storage.backups import list_backups, make_backup, move_aside
from trainer.storage.base import Database
from trainer.storage.engine import sqlite_path
from trainer.storage.errors import (
    NewerDatabaseError,
    NotFoundError,
    ReadOnlyError,
    StoreError,
)
from trainer.storage.migrate import (
    connect_for_checks,
    head_revision,
    inspect_file,
    known_revision,
)
from trainer.storage.models import Base
from trainer.storage.records import BackupInfo, CheckReport


def check_file(path: Path) -> CheckReport:
    """Full integrity check and schema revision of a file, without opening it for writing."""
    if not path.exists():
        return CheckReport(False, "", {}, [f"no database at {path} yet; it is created when "
                                           "the program first starts or imports a set"])
    state = inspect_file(path, full=True)
    if state.problems:
        return CheckReport(False, "", {}, [f"{path} is damaged: {p}" for p in state.problems])
    revision = state.revision or ""
    messages = []
    if state.revision and not known_revision(state.revision):
        messages.append(f"{path} was written by a newer program (schema {revision}; this "
                        f"program knows up to {head_revision()})")
    elif state.revision != head_revision():
        messages.append(f"schema {revision or '(none)'} will be upgraded to {head_revision()} "
                        "the next time the program opens it")
    try:
        con = connect_for_checks(path)
    except sqlite3.Error as exc:
        raise store_error(exc, path, "checking it") from None
    try:
        names = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        counts = {n: int(con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0])
                  for n in sorted(names) if n in Base.metadata.tables}
    finally:
        con.close()
    newer = bool(state.revision) and not known_revision(revision)
    return CheckReport(not newer, revision, counts, messages)


def restore_database(backup: Path, url: str, backup_dir: Path) -> Path | None:
    """Replace the database's content with `backup`. The current content is first saved as a
    pre-restore backup (or, if damaged, moved aside). Returns that backup, if one was made."""
    target = sqlite_path(url)
    if target is None:
        raise StoreError("an in-memory database cannot be restored")
    if not backup.is_file():
        raise NotFoundError(f"no backup file {backup}")
    state = inspect_file(backup, full=True)
    if state.problems:
        raise StoreError(f"the backup {backup} is damaged ({state.problems[0]}); "
                         "nothing was changed. Choose another backup.")
    if state.revision is None:
        raise StoreError(f"{backup} is not a Media Literacy Trainer database; nothing changed")
    if not known_revision(state.revision):
        raise NewerDatabaseError(f"the backup {backup} was made by a newer program (schema "
                                 f"{state.revision}); nothing was changed")
    if not database_writable(target):
        raise ReadOnlyError(f"Nothing was restored. {read_only_message(target)}")
    saved: Path | None = None
    if target.exists():
        if inspect_file(target).problems:
            move_aside(target, "corrupt")
        else:
            saved = make_backup(target, backup_dir, "pre-restore")
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(backup)
    try:
        destination = sqlite3.connect(target, timeout=10)
        try:
            source.backup(destination)  # a write transaction on the target: WAL stays valid
        finally:
            destination.close()
    finally:
        source.close()
    return saved


class MaintenanceMixin(Database):
    def _file(self) -> Path:
        if self.path is None:
            raise StoreError("an in-memory database has no file to back up")
        return self.path

    def backup(self) -> Path:
        """A manual backup (never rotated away) in the backups folder."""
        try:
            return make_backup(self._file(), self.backup_dir, "manual")
        except (OSError, sqlite3.Error) as exc:
            raise store_error(exc, self.path, "writing a backup") from None

    def list_backups(self) -> list[BackupInfo]:
        return list_backups(self.backup_dir)

    def check(self) -> CheckReport:
        with self._read() as session:
            problems = [str(r[0]) for r in session.execute(text("PRAGMA integrity_check"))
                        if r[0] != "ok"]
            revision = session.scalar(text("SELECT version_num FROM alembic_version")) or ""
            counts = {name: int(session.scalar(select(func.count()).select_from(table)) or 0)
                      for name, table in sorted(Base.metadata.tables.items())}
        messages = [f"integrity: {p}" for p in problems]
        if revision != head_revision():
            messages.append(f"schema {revision} is not the current {head_revision()}")
        return CheckReport(not messages, revision, counts, messages)
