"""Opening a database file safely: integrity check, version check, backup, then migrate.

The checks use a bare sqlite3 connection that only reads, so a refused (newer or foreign)
file is never modified; our engine, which switches on WAL, only touches a file that passed.

Alembic is imported only when a file is not at HEAD_REVISION (a new, old or unknown schema):
a database that is already current opens without it, which keeps start-up short.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from trainer.core.resources import package_path
from trainer.storage.access import connect_read_only, database_writable, fault_of, store_error
from trainer.storage.backups import list_backups, make_backup, move_aside
from trainer.storage.engine import busy_timeout_s, writer
from trainer.storage.errors import CorruptDatabaseError, NewerDatabaseError, StoreError
from trainer.storage.figures import FIGURES_KEY

if TYPE_CHECKING:
    from alembic.script import ScriptDirectory
    from sqlalchemy import Engine

MIGRATIONS_DIR = package_path("storage", "migrations")
# The newest revision under migrations/versions. A test checks that it equals Alembic's head,
# so a new migration cannot be added without updating it.
HEAD_REVISION = "0009"


@dataclass(frozen=True)
class FileState:
    problems: list[str]  # empty when quick_check says ok
    revision: str | None  # None: no schema yet (new or empty file)
    has_tables: bool
    # The FIGURES_VERSION its per-attempt tallies were computed with (storage/figures.py);
    # None when it never said. Read here, with the checks, so that opening a current file
    # leaves no connection of its own behind.
    figures_version: int | None = None


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(MIGRATIONS_DIR))


def head_revision() -> str:
    return HEAD_REVISION


def known_revision(revision: str) -> bool:
    if revision == HEAD_REVISION:
        return True
    from alembic.util.exc import CommandError

    try:
        return script_directory().get_revision(revision) is not None
    except CommandError:
        return False


def needs_upgrade(state: FileState | None) -> bool:
    """False only for a file already at the head revision (None: a new or in-memory one)."""
    return state is None or state.revision != HEAD_REVISION


def connect_for_checks(path: Path) -> sqlite3.Connection:
    """A connection for checks. In a folder we may write to it is a normal one (so that a
    crashed writer's journal is rolled back as usual); elsewhere a read-only one."""
    timeout = busy_timeout_s()  # a lock held by another program: wait, as writes do
    if database_writable(path):
        return sqlite3.connect(path, timeout=timeout)
    return connect_read_only(path, timeout)[0]


def inspect_file(path: Path, full: bool = False) -> FileState:
    """Integrity and schema revision of a database file, read without modifying it.

    Only damage is reported as `problems`; a lock that outlasts the busy timeout, a file that
    cannot be opened or read raise their own StoreError, as they say nothing about the file.
    """
    try:
        con = connect_for_checks(path)
    except sqlite3.Error as exc:
        if fault_of(exc) == "damaged":
            return FileState([str(exc)], None, True)
        raise store_error(exc, path, "checking it") from None
    try:
        rows = con.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check").fetchall()
        problems = [str(r[0]) for r in rows if r[0] != "ok"]
        if problems:
            return FileState(problems, None, True)
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        revision = None
        if "alembic_version" in names:
            found = con.execute("SELECT version_num FROM alembic_version").fetchall()
            revision = str(found[0][0]) if found else None
        return FileState([], revision, bool(names - {"alembic_version"}),
                         _figures_version(con) if "setting" in names else None)
    except sqlite3.Error as exc:
        if fault_of(exc) == "damaged":
            return FileState([str(exc)], None, True)
        raise store_error(exc, path, "checking it") from None
    finally:
        con.close()


def _figures_version(con: sqlite3.Connection) -> int | None:
    found = con.execute("SELECT value_json FROM setting WHERE key = ?",
                        (FIGURES_KEY,)).fetchone()
    try:
        version = json.loads(found[0]) if found else None
    except ValueError:
        return None
    return version if isinstance(version, int) else None


def check_openable(path: Path, backup_dir: Path) -> FileState:
    """Raise if the file must not be opened; move a damaged file aside first."""
    state = inspect_file(path)
    if state.problems:
        backups = [b.path for b in list_backups(backup_dir)]
        offer = (f" The newest backup is {backups[0]}; restore it with "
                 f"`trainer db restore {backups[0]}`." if backups else
                 " There is no backup to restore; a new, empty database will be created.")
        try:
            moved = move_aside(path, "corrupt")
        except OSError as exc:
            raise StoreError(
                f"The progress database {path} is damaged ({state.problems[0]}), and it could "
                f"not be moved aside ({exc.strerror or exc}). It was not changed."
                f"{offer if backups else ''}") from None
        raise CorruptDatabaseError(
            f"The progress database {path} is damaged ({state.problems[0]}). It was moved to "
            f"{moved} (nothing was deleted).{offer}", moved, backups)
    if state.revision is not None and not known_revision(state.revision):
        raise NewerDatabaseError(
            f"The progress database {path} was written by a newer version of the program "
            f"(schema {state.revision}; this program knows up to {head_revision()}). It was "
            "not opened or changed. Install the newer program, or use another --data-dir.")
    if state.revision is None and state.has_tables:
        raise StoreError(f"{path} is not a Media Literacy Trainer database (it has tables but "
                         "no schema version). It was not changed; use another --data-dir.")
    return state


def backup_before_migrate(path: Path, state: FileState, backup_dir: Path) -> Path | None:
    if state.revision is None or state.revision == head_revision():
        return None
    return make_backup(path, backup_dir, "pre-migrate", note=f"from-{state.revision}")


def upgrade(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    with writer(engine).begin() as connection:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
