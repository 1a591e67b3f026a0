"""`Store`: the one front door to stored data for the UI and the CLI.

Callers get frozen records (trainer.storage.records) and core models, never ORM objects or
sessions. The Store is composed of parts with one job each, reached as attributes and sharing
one engine and one write lane: `store.profiles`, `store.settings`, `store.library`
(content.py), `store.practice`, `store.progress`. Opening, backups and checks stay on the Store.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from trainer.storage.backups import daily_backup
from trainer.storage.content import Library
from trainer.storage.engine import make_engine, sqlite_path
from trainer.storage.maintenance import MaintenanceMixin, restore_database
from trainer.storage.migrate import (
    backup_before_migrate,
    check_openable,
    needs_upgrade,
    upgrade,
)
from trainer.storage.paths import database_url
from trainer.storage.practice import Practice
from trainer.storage.profiles import Profiles, Settings
from trainer.storage.progress import Progress


def default_backup_dir(path: Path | None) -> Path:
    # Backups sit next to the database they protect (for the default URL this is
    # paths.backups_dir()).
    return (path.parent if path is not None else Path.cwd()) / "backups"


def _prepare(url: str, path: Path | None, backups: Path, daily: bool) -> Engine:
    """Check, back up, migrate; the file is only written to once it has passed the checks."""
    existed = path is not None and path.exists() and path.stat().st_size > 0
    state = None
    if path is not None:
        if existed:
            state = check_openable(path, backups)
            backup_before_migrate(path, state, backups)
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(url)
    try:
        if needs_upgrade(state):
            upgrade(engine)
        if existed and daily and path is not None:
            daily_backup(path, backups)
    except BaseException:
        engine.dispose()
        raise
    return engine


class Store(MaintenanceMixin):
    def __init__(self, engine: Engine, path: Path | None, backup_dir: Path) -> None:
        super().__init__(engine, path, backup_dir)
        self.profiles = Profiles(self)
        self.settings = Settings(self)
        self.library = Library(self)
        self.practice = Practice(self, self.library)
        self.progress = Progress(self, self.library)

    @classmethod
    def open(cls, url: str | None = None, *, backup_dir: Path | None = None,
             daily: bool = True) -> Store:
        """Open (creating if needed) and migrate the database.

        Raises NewerDatabaseError (file untouched), CorruptDatabaseError (file moved aside,
        backups listed newest first) or StoreError (for example not a trainer database).
        """
        resolved = url or database_url()
        path = sqlite_path(resolved)
        backups = backup_dir or default_backup_dir(path)
        return cls(_prepare(resolved, path, backups, daily), path, backups)

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
        saved = restore_database(backup, f"sqlite:///{path}", self.backup_dir)
        self._engine = _prepare(f"sqlite:///{path}", path, self.backup_dir, daily=False)
        return saved
