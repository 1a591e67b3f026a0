"""`trainer import / sets list / db …` as a teacher runs them: real subprocesses."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

from storage_helpers import dump_database, run_cli, small_set

from trainer.core.jsonset import write_json_set
from trainer.storage.migrate import HEAD_REVISION


def _set_file(folder: Path, **kwargs: object) -> Path:
    path = folder / f"set-{len(list(folder.glob('set-*')))}.json"
    write_json_set(small_set(**kwargs), path)  # type: ignore[arg-type]
    return path


def test_import_then_list_then_check(tmp_path: Path) -> None:
    home = tmp_path / "home"
    first = run_cli("import", str(_set_file(tmp_path)), home=home, check=True)
    assert "3 added, 0 updated, 0 unchanged" in first.stdout
    again = run_cli("import", str(_set_file(tmp_path)), home=home, check=True)
    assert "0 added, 0 updated, 3 unchanged" in again.stdout
    newer = run_cli("import", str(_set_file(tmp_path, version=2, changed=True)), home=home,
                    check=True)
    assert "0 added, 1 updated, 2 unchanged" in newer.stdout
    listing = run_cli("sets", "list", home=home, check=True)
    assert re.search(r"demo\s+2\s+3\s+Demo set demo", listing.stdout)
    as_json = json.loads(run_cli("sets", "list", "--json", home=home, check=True).stdout)
    assert as_json[0]["id"] == "demo" and as_json[0]["articles"] == 3
    check = run_cli("db", "check", home=home, check=True)
    assert f"integrity: ok; schema revision: {HEAD_REVISION}" in check.stdout
    assert re.search(r"article\s+4\b", check.stdout)  # 3 current + 1 older revision


def test_data_dir_option_wins(tmp_path: Path) -> None:
    chosen = tmp_path / "chosen"
    run_cli("--data-dir", str(chosen), "import", str(_set_file(tmp_path)), home=tmp_path / "h",
            check=True)
    assert (chosen / "trainer.sqlite3").is_file()
    assert not (tmp_path / "h" / "trainer.sqlite3").exists()


def test_invalid_file_changes_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    run_cli("import", str(_set_file(tmp_path)), home=home, check=True)
    before = dump_database(home / "trainer.sqlite3")
    bad = tmp_path / "bad.json"
    raw = json.loads(_set_file(tmp_path, version=2, changed=True).read_text())
    raw["articles"][0]["annotations"][0]["end"] = 10_000
    bad.write_text(json.dumps(raw))
    result = run_cli("import", str(bad), home=home)
    assert result.returncode == 1
    assert "bad.json" in result.stderr and "Traceback" not in result.stderr
    assert dump_database(home / "trainer.sqlite3") == before
    changed = _set_file(tmp_path, changed=True)
    conflict = run_cli("import", str(changed), home=home)
    assert conflict.returncode == 1 and "Raise \"version\"" in conflict.stderr
    assert f"{changed}: set 'demo'" in conflict.stderr, "the message names the file to edit"
    assert "to 2 to publish" in conflict.stderr  # the version that would work
    assert f"trainer import --as-new-set {changed}" in conflict.stderr  # the other way
    assert dump_database(home / "trainer.sqlite3") == before
    separate = run_cli("import", "--as-new-set", str(changed), home=home, check=True)
    assert "set 'demo-set-demo'" in separate.stdout and "3 added" in separate.stdout
    sets = json.loads(run_cli("sets", "list", "--json", home=home, check=True).stdout)
    assert sorted((s["id"], s["version"]) for s in sets) == [("demo", 1), ("demo-set-demo", 1)]
    again = run_cli("import", "--as-new-set", str(changed), home=home, check=True)
    assert "set 'demo-set-demo-2'" in again.stdout


def test_check_reports_newer_and_corrupt_databases(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert "no database" in run_cli("db", "check", home=home).stderr
    run_cli("import", str(_set_file(tmp_path)), home=home, check=True)
    db = home / "trainer.sqlite3"
    con = sqlite3.connect(db)
    with con:
        con.execute("UPDATE alembic_version SET version_num = 'ffff'")
    con.close()
    before = db.read_bytes()
    newer = run_cli("db", "check", home=home)
    assert newer.returncode == 1 and "newer program" in newer.stderr
    opened = run_cli("sets", "list", home=home)
    assert opened.returncode == 1 and "newer version of the program" in opened.stderr
    assert "Traceback" not in opened.stderr and db.read_bytes() == before
    db.write_bytes(b"\x00garbage" * 1000)
    corrupt = run_cli("db", "check", home=home)
    assert corrupt.returncode == 1 and "damaged" in corrupt.stderr
    listing = run_cli("sets", "list", home=home)
    assert listing.returncode == 1 and "moved to" in listing.stderr
    assert "Traceback" not in listing.stderr
    assert list(home.glob("trainer.sqlite3.corrupt-*"))


def test_backup_and_restore(tmp_path: Path) -> None:
    home = tmp_path / "home"
    run_cli("import", str(_set_file(tmp_path)), home=home, check=True)
    made = run_cli("db", "backup", home=home, check=True)
    backup = Path(made.stdout.strip().split(": ", 1)[1])
    assert backup.is_file() and backup.parent == home / "backups"
    run_cli("import", str(_set_file(tmp_path, set_id="second")), home=home, check=True)
    assert "second" in run_cli("sets", "list", home=home, check=True).stdout
    listed = run_cli("db", "backups", home=home, check=True)
    assert str(backup) in listed.stdout
    restored = run_cli("db", "restore", str(backup), home=home, check=True)
    assert "previous data was saved" in restored.stdout
    assert "second" not in run_cli("sets", "list", home=home, check=True).stdout
    missing = run_cli("db", "restore", str(tmp_path / "nope.sqlite3"), home=home)
    assert missing.returncode == 1 and "no backup file" in missing.stderr
