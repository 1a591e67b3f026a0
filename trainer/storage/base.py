"""What every part of the Store shares: one engine, one write lane, short-lived sessions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from trainer.storage.engine import writer
from trainer.storage.errors import NotFoundError, StoreError
from trainer.storage.models import Profile


def utcnow() -> datetime:
    return datetime.now(UTC)


class Database:
    """Holds the engine; sessions never outlive one method call. Every Store part shares one."""

    def __init__(self, engine: Engine, path: Path | None, backup_dir: Path) -> None:
        self._engine: Engine | None = engine
        self.path = path  # None for an in-memory database
        self.backup_dir = backup_dir

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise StoreError("the progress database is closed")
        return self._engine

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with Session(self.engine) as session, session.begin():
            yield session

    @contextmanager
    def _write(self) -> Iterator[Session]:
        """One write transaction, committed on success and rolled back on any exception."""
        with Session(writer(self.engine)) as session, session.begin():
            yield session

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
