"""What every part of the Store shares: one engine, one write lane, short-lived sessions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.exc import DatabaseError, IntegrityError
from sqlalchemy.orm import Session

from trainer.storage.access import fault_of, store_error
from trainer.storage.engine import writer
from trainer.storage.errors import NotFoundError, ReadOnlyError, StoreError
from trainer.storage.models import Profile


def utcnow() -> datetime:
    return datetime.now(UTC)


class Database:
    """Holds the engine; sessions never outlive one method call. Every Store part shares one."""

    def __init__(self, engine: Engine, path: Path | None, backup_dir: Path) -> None:
        self._engine: Engine | None = engine
        self.path = path  # None for an in-memory database
        self.backup_dir = backup_dir
        self.read_only: str | None = None  # why nothing can be written, if so

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise StoreError("the progress database is closed")
        return self._engine

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with self._translated(), Session(self.engine) as session, session.begin():
            yield session

    @contextmanager
    def _write(self) -> Iterator[Session]:
        """One write transaction, committed on success and rolled back on any exception."""
        if self.read_only is not None:
            raise ReadOnlyError(self.read_only)
        with self._translated(), Session(writer(self.engine)) as session, session.begin():
            yield session

    @contextmanager
    def _translated(self) -> Iterator[None]:
        """A lock held too long, a full disk, a read-only file: the caller gets a StoreError
        that says so (the transaction was rolled back), never a driver exception."""
        try:
            yield
        except IntegrityError:
            raise
        except DatabaseError as exc:
            if fault_of(exc) == "damaged":
                raise StoreError(f"The progress database {self.path} is damaged ({exc.orig}). "
                                 "Close the program; the next start moves it aside and offers "
                                 "the newest backup.") from exc
            raise store_error(exc, self.path) from exc

    @staticmethod
    def profile_pk(session: Session, profile_id: str) -> int:
        pk = session.scalar(select(Profile.id).where(Profile.uuid == profile_id))
        if pk is None:
            raise NotFoundError(f"no profile with id {profile_id}")
        return pk


class StorePart:
    """One job of the Store (profiles, library, practice, ...), reached as `store.<part>`."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def _read(self) -> AbstractContextManager[Session]:
        return self._db._read()

    def _write(self) -> AbstractContextManager[Session]:
        return self._db._write()

    @staticmethod
    def _profile_pk(session: Session, profile_id: str) -> int:
        return Database.profile_pk(session, profile_id)
