"""Schema management: models match migrations, old databases upgrade, bad files are refused."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from trainer.storage.engine import sqlite_url
from trainer.storage.errors import CorruptDatabaseError, NewerDatabaseError, StoreError
from trainer.storage.migrate import HEAD_REVISION, head_revision, script_directory
from trainer.storage.models import Base
from trainer.storage.service import Store

FIXTURES = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "db").glob("*.sqlite3"))


def test_models_and_migrations_agree(store: Store) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True,
                                                               "render_as_batch": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == [], "models differ from migrations; add an Alembic revision"


def test_one_linear_history_with_a_fixture_per_revision() -> None:
    script = script_directory()
    assert len(script.get_heads()) == 1
    revisions = {r.revision for r in script.walk_revisions()}
    assert {f.stem for f in FIXTURES} == revisions, "add tests/fixtures/db/<rev>.sqlite3"


def test_head_revision_constant_matches_alembic() -> None:
    # Opening a current database skips Alembic by comparing with HEAD_REVISION.
    assert HEAD_REVISION == head_revision() == script_directory().get_current_head()


def test_current_database_opens_without_alembic(tmp_path: Path) -> None:
    path = tmp_path / "trainer.sqlite3"
    Store.open(sqlite_url(path)).close()
    probe = (
        "import sys; from trainer.storage.service import Store; "
        f"Store.open({sqlite_url(path)!r}).close(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parents[2], timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
    with Store.open(sqlite_url(path)) as store:
        assert store.check().ok


def test_connection_pragmas(store: Store) -> None:
    with store.engine.connect() as connection:
        def pragma(name: str) -> object:
            return connection.execute(text(f"PRAGMA {name}")).scalar()
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("synchronous") == 1  # NORMAL
        assert pragma("busy_timeout") == 10_000


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_fixture_database_upgrades(fixture: Path, tmp_path: Path) -> None:
    path = tmp_path / "trainer.sqlite3"
    shutil.copyfile(fixture, path)
    with Store.open(sqlite_url(path)) as store:
        report = store.check()
        assert report.ok, report.messages
        assert report.revision == head_revision()
        profiles = {p.name: p for p in store.profiles.list()}
        assert set(profiles) == {"Ana", "Ben"}
        history = store.progress.history(profiles["Ana"].id)
        assert len(history) == 2
        for attempt in history:
            assert store.library.article(attempt.revision_id).article.text
        assert store.settings.get("theme") == "dark"
        assert len(store.library.entries(profiles["Ana"].id)) == 4
        students = store.classes.students()
        if fixture.stem >= "0008":  # the class is kept apart from this computer's profiles
            assert [(s.name, s.code, s.attempts) for s in students] == [("Ben", "B-7", 1)]
            assert [r.student_name for r in store.classes.report().students] == ["Ben"]
        else:
            assert students == [] and store.classes.is_empty()
        kinds = {b.kind for b in store.list_backups()}
    assert ("pre-migrate" in kinds) == (fixture.stem != head_revision())


def test_migrations_downgrade_and_upgrade_again(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config

    from trainer.storage.migrate import MIGRATIONS_DIR

    path = tmp_path / "t.sqlite3"
    Store.open(sqlite_url(path)).close()
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", sqlite_url(path))
    command.downgrade(config, "base")
    con = sqlite3.connect(path)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    con.close()
    assert tables <= {"alembic_version"}
    with Store.open(sqlite_url(path)) as store:
        assert store.check().ok


def _alembic_config(path: Path) -> Any:
    from alembic.config import Config

    from trainer.storage.migrate import MIGRATIONS_DIR

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", sqlite_url(path))
    return config


def _tables(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        con.close()


def test_class_tables_downgrade_and_upgrade_again(tmp_path: Path) -> None:
    """0009 → 0008 drops only the kept figures, 0008 → 0007 only the class tables; upgrading
    again gives an empty class."""
    from alembic import command

    path = tmp_path / "trainer.sqlite3"
    shutil.copyfile(Path(__file__).resolve().parents[1] / "fixtures" / "db" / "0009.sqlite3",
                    path)
    class_tables = {"class_student", "class_attempt", "class_drill", "class_import"}
    assert class_tables | {"class_score"} <= _tables(path)
    command.downgrade(_alembic_config(path), "0008")
    assert class_tables <= _tables(path) and "class_score" not in _tables(path)
    with Store.open(sqlite_url(path)) as store:  # upgraded again: figures computed anew
        assert [(s.student_name, s.attempts) for s in store.classes.report().students] == [
            ("Ben", 1)]
    command.downgrade(_alembic_config(path), "0007")
    assert not (class_tables | {"class_score"}) & _tables(path)
    with Store.open(sqlite_url(path)) as store:
        assert store.check().ok
        assert store.classes.is_empty()
        assert {p.name for p in store.profiles.list()} == {"Ana", "Ben"}
        assert len(store.progress.history(store.profiles.list()[0].id)) >= 1
    assert class_tables <= _tables(path)


def _stamp(path: Path, revision: str) -> None:
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    con.close()


def test_newer_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "trainer.sqlite3"
    with Store.open(sqlite_url(path)) as store:
        store.profiles.create("Ana")
    _stamp(path, "9999_from_the_future")
    before = path.read_bytes()
    listing = sorted(p.name for p in tmp_path.rglob("*"))
    with pytest.raises(NewerDatabaseError, match="newer version") as caught:
        Store.open(sqlite_url(path))
    assert "9999_from_the_future" in caught.value.message
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.rglob("*")) == listing


def test_garbage_file_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "trainer.sqlite3"
    garbage = b"this is not a database\n" * 300
    path.write_bytes(garbage)
    with pytest.raises(CorruptDatabaseError) as caught:
        Store.open(sqlite_url(path))
    error = caught.value
    assert error.moved_to.read_bytes() == garbage
    assert "moved to" in error.message and "nothing was deleted" in error.message
    assert error.backups == [] and not path.exists()
    with Store.open(sqlite_url(path)) as store:  # a fresh database can start over
        assert store.check().ok


def test_corrupt_database_offers_newest_backup(tmp_path: Path) -> None:
    path = tmp_path / "trainer.sqlite3"
    with Store.open(sqlite_url(path)) as store:
        store.profiles.create("Ana")
        older = store.backup()
        newer = store.backup()
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # smash a b-tree page
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabaseError) as caught:
        Store.open(sqlite_url(path))
    assert caught.value.backups[:2] == [newer, older]
    assert f"trainer db restore {newer}" in caught.value.message
    assert caught.value.moved_to.read_bytes() == bytes(data)


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "trainer.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE recipes (name TEXT)")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a Media Literacy Trainer database"):
        Store.open(sqlite_url(path))
    assert path.read_bytes() == before


def test_only_sqlite_urls() -> None:
    with pytest.raises(StoreError, match="only sqlite"):
        Store.open("postgresql://localhost/trainer")


def test_migrations_ship_in_the_package() -> None:
    """pyproject's package discovery and package-data cover every migration file."""
    import fnmatch
    import tomllib

    from setuptools import find_namespace_packages, find_packages

    root = Path(__file__).resolve().parents[2]
    config = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]
    find = config["packages"]["find"]
    finder = find_namespace_packages if find.get("namespaces", True) else find_packages
    packages = set(finder(str(root), include=find["include"]))
    assert {"trainer.storage.migrations", "trainer.storage.migrations.versions"} <= packages
    patterns = config["package-data"]["*"]
    for data in ("alembic.ini", "script.py.mako"):
        assert any(fnmatch.fnmatch(data, p) for p in patterns), data
    storage = root / "trainer" / "storage"
    assert (storage / "alembic.ini").is_file()
    assert (storage / "migrations" / "script.py.mako").is_file()
