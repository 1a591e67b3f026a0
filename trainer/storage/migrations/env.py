"""Alembic environment. The program runs migrations through trainer.storage.migrate, which
passes an open connection; developers can also use `alembic -c trainer/storage/alembic.ini`."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from trainer.storage.engine import make_engine
from trainer.storage.models import Base


def _run(connection: Connection) -> None:
    # SQLite cannot ALTER most things; batch mode rebuilds tables ("move and copy").
    context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=True, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations() -> None:
    if context.is_offline_mode():
        raise SystemExit("offline (SQL script) migrations are not supported")
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("set sqlalchemy.url in the Alembic configuration")
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            _run(conn)
            conn.commit()
    finally:
        engine.dispose()


run_migrations()
