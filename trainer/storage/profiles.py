"""Profiles (names only, no passwords) and JSON settings: `store.profiles`, `store.settings`."""

from __future__ import annotations

import builtins
import json
import uuid
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from trainer.storage.base import StorePart, utcnow
from trainer.storage.errors import NotFoundError, StoreError
from trainer.storage.models import Profile, Setting
from trainer.storage.records import ProfileInfo

MAX_NAME = 200


def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise StoreError("a profile needs a name")
    if len(cleaned) > MAX_NAME:
        raise StoreError(f"a profile name can have at most {MAX_NAME} characters")
    return cleaned


def _info(row: Profile) -> ProfileInfo:
    return ProfileInfo(row.uuid, row.name, row.created_at, row.last_used_at)


class Profiles(StorePart):
    def list(self) -> builtins.list[ProfileInfo]:
        with self._read() as session:
            rows = session.scalars(select(Profile)).all()
            return sorted((_info(r) for r in rows), key=lambda p: (p.name.casefold(), p.id))

    @staticmethod
    def _ensure_unique(session: Session, name: str, except_pk: int | None = None) -> None:
        clash = select(Profile.id).where(func.lower(Profile.name) == name.lower())
        if except_pk is not None:
            clash = clash.where(Profile.id != except_pk)
        if session.scalar(clash) is not None:
            raise StoreError(f"there is already a profile named {name!r}; choose another name")

    def create(self, name: str) -> ProfileInfo:
        cleaned = _clean_name(name)
        with self._write() as session:
            self._ensure_unique(session, cleaned)
            row = Profile(uuid=str(uuid.uuid4()), name=cleaned, created_at=utcnow(),
                          last_used_at=None)
            session.add(row)
            session.flush()
            return _info(row)

    def rename(self, profile_id: str, name: str) -> None:
        cleaned = _clean_name(name)
        with self._write() as session:
            pk = self._profile_pk(session, profile_id)
            self._ensure_unique(session, cleaned, except_pk=pk)
            session.execute(update(Profile).where(Profile.id == pk).values(name=cleaned))

    def delete(self, profile_id: str) -> None:
        """Deletes the profile with its attempts, drafts and reviews (foreign-key cascade)."""
        with self._write() as session:
            pk = self._profile_pk(session, profile_id)
            session.execute(delete(Profile).where(Profile.id == pk))

    def touch(self, profile_id: str) -> None:
        with self._write() as session:
            pk = self._profile_pk(session, profile_id)
            session.execute(update(Profile).where(Profile.id == pk).values(last_used_at=utcnow()))

    def get(self, profile_id: str) -> ProfileInfo:
        with self._read() as session:
            row = session.scalar(select(Profile).where(Profile.uuid == profile_id))
            if row is None:
                raise NotFoundError(f"no profile with id {profile_id}")
            return _info(row)


class Settings(StorePart):
    def get(self, key: str, default: Any = None) -> Any:
        with self._read() as session:
            raw = session.scalar(select(Setting.value_json).where(Setting.key == key))
        return default if raw is None else json.loads(raw)

    def set(self, key: str, value: Any) -> None:
        try:
            raw = json.dumps(value, ensure_ascii=False, sort_keys=True)
        except (TypeError, ValueError) as exc:
            raise StoreError(f"setting {key!r}: value cannot be stored ({exc})") from exc
        with self._write() as session:
            session.merge(Setting(key=key, value_json=raw, updated_at=utcnow()))
