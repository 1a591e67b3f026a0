"""The one module that holds dialect-specific SQL, so a school server on PostgreSQL (DESIGN §11)
needs changes here only. (File-level SQLite care — backups, quick_check, moving a damaged file
aside — lives in backups.py, migrate.py and maintenance.py: it concerns the file, not the SQL.)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Executable
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import InstrumentedAttribute, Session


def upsert(session: Session, table: type[Any], values: Mapping[str, object],
           key: Sequence[InstrumentedAttribute[Any]], update: Mapping[str, object]) -> None:
    """Insert one row, or update `update` on the row that already has the same `key`."""
    statement: Executable
    if session.get_bind().dialect.name == "postgresql":
        pg = postgresql.insert(table).values(**values)
        statement = pg.on_conflict_do_update(index_elements=list(key), set_=dict(update))
    else:
        lite = sqlite.insert(table).values(**values)
        statement = lite.on_conflict_do_update(index_elements=list(key), set_=dict(update))
    session.execute(statement)
