"""Errors the store raises. Each carries a message a teacher can act on, no traceback needed."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Base class: `message` is complete, user-readable and says what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NewerDatabaseError(StoreError):
    """The database was written by a newer program; it was refused and left untouched."""


class CorruptDatabaseError(StoreError):
    """The database failed its integrity check; it was moved aside (never deleted)."""

    def __init__(self, message: str, moved_to: Path, backups: list[Path]) -> None:
        super().__init__(message)
        self.moved_to = moved_to
        self.backups = backups  # newest first


class ImportCancelled(StoreError):
    """The progress callback asked to stop; the import was rolled back."""


class ConflictingSetError(StoreError):
    """A set with the same id and version but different content is already imported."""


class NotFoundError(StoreError):
    """A profile, article revision or backup that the caller named does not exist."""


class DatabaseLockedError(StoreError):
    """Another program held the database's lock for longer than the busy timeout."""


class ReadOnlyError(StoreError):
    """The data folder or the database file cannot be written (permissions, read-only disk)."""


class DiskFullError(StoreError):
    """The disk is full: the write was rolled back and nothing was saved."""
