"""Engine factory: SQLite pragmas on every connection, explicit BEGIN / BEGIN IMMEDIATE.

URLs are built with SQLAlchemy's `URL.create` and read back with `make_url`, never by string
formatting: a data folder may hold `?`, `#`, `%` or spaces, which a formatted URL would
silently turn into a query string or an escape (putting the database somewhere else).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any
from urllib.request import pathname2url

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError

from trainer.storage.errors import StoreError

BUSY_TIMEOUT_MS = 10_000
# Execution option that makes a transaction take the write lock at BEGIN, so that two
# writers queue on busy_timeout instead of failing when a reader upgrades to a writer.
IMMEDIATE = "trainer_begin_immediate"
_DRIVERS = ("sqlite", "sqlite+pysqlite")
_URL_HINT = ("check TRAINER_DATABASE_URL: it must look like sqlite:////full/path/trainer.sqlite3 "
             "(or unset it to use the data folder)")


def busy_timeout_s() -> float:
    """How long to wait for another program's lock (read at each use, so tests can shorten
    it)."""
    return BUSY_TIMEOUT_MS / 1000


def sqlite_url(path: Path | str) -> str:
    """The URL of the SQLite file at `path`, whatever characters the path holds."""
    return URL.create("sqlite", database=str(path)).render_as_string(hide_password=False)


def parse_url(url: str) -> URL:
    """`url` parsed, or a StoreError saying what a usable URL looks like."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        raise StoreError(f"{url!r} is not a database URL; {_URL_HINT}") from None
    if parsed.drivername not in _DRIVERS:
        raise StoreError(f"unsupported database URL {url!r}: only sqlite files are supported; "
                         f"{_URL_HINT}")
    if parsed.username or parsed.password or parsed.host or parsed.port:
        raise StoreError(f"{url!r} names a server, but the database is a local file; {_URL_HINT}")
    return parsed


def sqlite_path(url: str) -> Path | None:
    """The database file of a SQLite URL; None for an in-memory database."""
    database = parse_url(url).database
    if not database or database == ":memory:" or database.startswith("file::memory:"):
        return None
    return Path(database)


def file_uri(path: Path, *, immutable: bool = False) -> str:
    """A read-only SQLite URI for `path` (`immutable` also skips locks and the WAL index, for
    a file in a folder nobody can write to, where SQLite could not create `-shm`)."""
    uri = f"file:{pathname2url(str(path.resolve()))}?mode=ro"
    return uri + "&immutable=1" if immutable else uri


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


def _on_connect_read_only(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Changing the journal mode is a write: a read-only connection keeps the file's own.
    dbapi_connection.isolation_level = None
    dbapi_connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def _on_begin(connection: Connection) -> None:
    if connection.get_execution_options().get(IMMEDIATE):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        connection.exec_driver_sql("BEGIN")


def make_engine(url: str) -> Engine:
    engine = create_engine(parse_url(url))
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def make_read_only_engine(path: Path, *, immutable: bool = False) -> Engine:
    """An engine that can only read `path` (SQLite itself refuses every write)."""
    uri = file_uri(path, immutable=immutable)
    engine = create_engine(URL.create("sqlite", database=uri, query={"uri": "true"}))
    event.listen(engine, "connect", _on_connect_read_only)
    event.listen(engine, "begin", _on_begin)
    return engine


def writer(engine: Engine) -> Engine:
    """The same engine (same pool and listeners), whose transactions BEGIN IMMEDIATE."""
    return engine.execution_options(**{IMMEDIATE: True})
