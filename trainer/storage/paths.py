"""Where the database and its backups live. Pure functions: nothing is created on import."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "media-literacy-trainer"
DATABASE_FILE = "trainer.sqlite3"


def data_dir() -> Path:
    """TRAINER_HOME (set by `--data-dir` too), else the platform's user data directory."""
    home = os.environ.get("TRAINER_HOME")
    if home:
        return Path(home).expanduser()
    return Path(user_data_dir(APP_NAME, appauthor=False))


def database_url() -> str:
    """TRAINER_DATABASE_URL, else the SQLite file inside `data_dir()` (built by SQLAlchemy, so
    that `?`, `#`, `%` or spaces in the folder's name stay part of the path)."""
    url = os.environ.get("TRAINER_DATABASE_URL")
    if url:
        return url
    from trainer.storage.engine import sqlite_url  # SQLAlchemy: not before the first paint

    return sqlite_url(data_dir() / DATABASE_FILE)


def database_key() -> str:
    """Which database this is, for start-up snapshots: cheap (no SQLAlchemy import), and the
    same whenever `database_url()` is."""
    url = os.environ.get("TRAINER_DATABASE_URL")
    return f"url:{url}" if url else f"file:{data_dir() / DATABASE_FILE}"


def backups_dir() -> Path:
    return data_dir() / "backups"
