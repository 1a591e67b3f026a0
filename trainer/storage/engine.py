"""Engine factory: SQLite pragmas on every connection, explicit BEGIN / BEGIN IMMEDIATE."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url

from trainer.storage.errors import StoreError

BUSY_TIMEOUT_MS = 10_000
# Execution option that makes a transaction take the write lock at BEGIN, so that two
# writers queue on busy_timeout instead of failing when a reader upgrades to a writer.
IMMEDIATE = "trainer_begin_immediate"


def sqlite_path(url: str) -> Path | None:
    """The database file of a SQLite URL; None for an in-memory database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        raise StoreError(f"unsupported database URL {url!r}: only sqlite:/// URLs are supported "
                         "(check TRAINER_DATABASE_URL)")
    database = parsed.database
    if not database or database == ":memory:" or database.startswith("file::memory:"):
        return None
    return Path(database)


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # The driver's own implicit transactions are switched off; SQLAlchemy's "begin" event
    # below emits BEGIN itself, which also makes DDL transactional for migrations.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _on_begin(connection: Connection) -> None:
    if connection.get_execution_options().get(IMMEDIATE):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("BEGIN")


def make_engine(url: str) -> Engine:
    engine = create_engine(url)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def writer(engine: Engine) -> Engine:
    """The same engine (same pool and listeners), whose transactions BEGIN IMMEDIATE."""
    return engine.execution_options(**{IMMEDIATE: True})
