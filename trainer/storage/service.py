"""`Store`: the one front door to stored data for the UI and the CLI.

Callers get frozen records (trainer.storage.records) and core models, never ORM objects or
sessions. The Store is composed of parts with one job each, reached as attributes and sharing
one engine and one write lane: `store.profiles`, `store.settings`, `store.library`
(content.py), `store.practice`, `store.progress`, `store.classes` (the class's imported
progress files). Opening, backups and checks stay on the Store.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError, OperationalError

from trainer.core.mastery import FIGURES_VERSION
from trainer.storage.access import (
    connect_read_only,
    database_writable,
    read_only_message,
    store_error,
)
from trainer.storage.assignments import Assignments
from trainer.storage.backups import daily_backup, scan_backups
from trainer.storage.classes import Classes
from trainer.storage.content import Library
from trainer.storage.drills import Drills
from trainer.storage.engine import (
    busy_timeout_s,
    make_engine,
    make_read_only_engine,
    sqlite_path,
    sqlite_url,
)
from trainer.storage.errors import ReadOnlyError, StoreError
from trainer.storage.figures import Figures
from trainer.storage.maintenance import MaintenanceMixin, restore_database
from trainer.storage.migrate import (
    FileState,
    backup_before_migrate,
    check_openable,
    needs_upgrade,
    upgrade,
)
from trainer.storage.paths import database_url
from trainer.storage.practice import Practice
from trainer.storage.profiles import Profiles, Settings
from trainer.storage.progress import Progress
from trainer.storage.starter import ensure_starter


def default_backup_dir(path: Path | None) -> Path:
    # Backups sit next to the database they protect (for the default URL this is
    # paths.backups_dir()).
    return (path.parent if path is not None else Path.cwd()) / "backups"


@dataclass
class Prepared:
    engine: Engine
    read_only: str | None  # why nothing can be written, when the file is opened read-only
    warnings: list[str]
    # The stored per-technique tallies are of another FIGURES_VERSION (storage/figures.py).
    figures_stale: bool = False


def _prepare(url: str, path: Path | None, backups: Path, daily: bool,
             read_only: bool | None = None) -> Prepared:
    """Check, back up, migrate; the file is only written to once it has passed the checks."""
    if path is None:
        return _migrated(make_engine(url), None, None, [])
    try:
        existed = path.exists() and path.stat().st_size > 0
    except OSError as exc:
        raise store_error(exc, path, "looking for it") from None
    writable = database_writable(path) if read_only is None else not read_only
    if not writable:
        return _prepare_read_only(path, backups, existed)
    state = None
    warnings: list[str] = []
    if existed:
        state = check_openable(path, backups)
        try:
            backup_before_migrate(path, state, backups)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"{store_error(exc, path).message} (The database needs an upgrade, "
                             "and the backup made before upgrading could not be written.)"
                             ) from None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise store_error(exc, path, "creating its folder") from None
    engine = make_engine(url)
    try:
        prepared = _migrated(engine, path, state, warnings)
        if existed and daily:
            warnings.extend(_daily_backup(path, backups))
    except BaseException:
        engine.dispose()
        raise
    return prepared


def _migrated(engine: Engine, path: Path | None, state: FileState | None,
              warnings: list[str]) -> Prepared:
    try:
        if needs_upgrade(state):
            upgrade(engine)
    except (OperationalError, DatabaseError) as exc:
        engine.dispose()
        raise store_error(exc, path, "upgrading it") from None
    # A new or in-memory database (no state) says its version for the first time.
    stale = state is None or state.figures_version != FIGURES_VERSION
    return Prepared(engine, None, warnings, stale)


def _daily_backup(path: Path, backups: Path) -> list[str]:
    """Best effort: a backup that cannot be written (a full disk) never stops the program."""
    warnings = scan_backups(backups)[1]
    try:
        daily_backup(path, backups)
    except (OSError, sqlite3.Error) as exc:
        reason = store_error(exc, path).message
        warnings.append(f"Today's backup could not be written to {backups}: {reason} Your data "
                        "itself is safe.")
    return warnings


def _prepare_read_only(path: Path, backups: Path, existed: bool) -> Prepared:
    why = read_only_message(path)
    if not existed:
        raise ReadOnlyError(f"There is no progress database in {path.parent} yet, and none can "
                            f"be created there. {why}")
    state = check_openable(path, backups)
    if needs_upgrade(state):
        raise ReadOnlyError(f"The progress database {path} needs an upgrade to this program's "
                            f"schema, which cannot be written. {why}")
    try:
        probe, immutable = connect_read_only(path, busy_timeout_s())
    except sqlite3.Error as exc:
        raise store_error(exc, path, "opening it to read") from None
    probe.close()
    return Prepared(make_read_only_engine(path, immutable=immutable), why,
                    scan_backups(backups)[1])


class Store(MaintenanceMixin):
    def __init__(self, prepared: Prepared, path: Path | None, backup_dir: Path) -> None:
        super().__init__(prepared.engine, path, backup_dir)
        self.read_only = prepared.read_only
        # Things the user should hear about although the store opened (a backup that could
        # not be written, a stray file in backups/): the CLI prints them, the GUI shows them.
        self.warnings = prepared.warnings
        self.profiles = Profiles(self)
        self.settings = Settings(self)
        self.library = Library(self)
        self.practice = Practice(self, self.library)
        self.progress = Progress(self, self.library)
        self.drills = Drills(self)
        self.assignments = Assignments(self, self.library)
        self.classes = Classes(self, self.library, lambda: ensure_starter(self))
        if prepared.figures_stale and self.read_only is None:
            self._refresh_figures()

    def _refresh_figures(self) -> None:
        """Per-technique tallies stored by an older program are computed again (best
        effort: a store that cannot be written to now tries again the next time)."""
        try:
            Figures(self).refresh()
        except StoreError as exc:
            self.warnings.append(f"Your mastery figures could not be brought up to date "
                                 f"({exc.message}); the program tries again next time.")

    @classmethod
    def open(cls, url: str | None = None, *, backup_dir: Path | None = None,
             daily: bool = True, read_only: bool | None = None) -> Store:
        """Open (creating if needed) and migrate the database.

        Raises NewerDatabaseError (file untouched), CorruptDatabaseError (file moved aside,
        backups listed newest first), DatabaseLockedError (another program held the lock
        past the busy timeout; file untouched) or StoreError (for example not a trainer
        database). A file or folder that cannot be written (or `read_only=True`) opens
        read-only: `store.read_only` then says why, and every write raises ReadOnlyError.
        """
        resolved = url or database_url()
        path = sqlite_path(resolved)
        backups = backup_dir or default_backup_dir(path)
        return cls(_prepare(resolved, path, backups, daily, read_only), path, backups)

    @classmethod
    def restore(cls, backup: Path, url: str | None = None, *,
                backup_dir: Path | None = None) -> Store:
        """Restore `backup` when the database cannot be opened (after CorruptDatabaseError),
        then open it. The current file, if healthy, is saved as a pre-restore backup."""
        resolved = url or database_url()
        backups = backup_dir or default_backup_dir(sqlite_path(resolved))
        restore_database(backup, resolved, backups)
        return cls.open(resolved, backup_dir=backups, daily=False)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def restore_backup(self, backup: Path) -> Path | None:
        """Replace the current data with `backup` (saved first as a pre-restore backup)."""
        path = self._file()
        self.close()
        saved = restore_database(backup, sqlite_url(path), self.backup_dir)
        prepared = _prepare(sqlite_url(path), path, self.backup_dir, daily=False)
        self._engine, self.read_only = prepared.engine, prepared.read_only
        return saved
