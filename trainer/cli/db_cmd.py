"""`trainer db check|backup|backups|restore`: look after the progress database."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from trainer.cli.common import err, open_store


def register(commands: Any) -> None:
    parser = commands.add_parser("db", help="check, back up or restore the progress database",
                                 description="Look after the progress database.")
    actions = parser.add_subparsers(dest="db_action", metavar="ACTION", required=True)
    check = actions.add_parser("check", help="integrity check, schema revision and row counts")
    check.set_defaults(handler=run_check)
    backup = actions.add_parser("backup", help="write a backup into the backups folder")
    backup.set_defaults(handler=run_backup)
    listing = actions.add_parser("backups", help="list backups, newest first")
    listing.set_defaults(handler=run_backups)
    restore = actions.add_parser(
        "restore", help="replace the database with a backup",
        description="Replace the database with BACKUP. The current data is saved first as a "
                    "pre-restore backup, so a restore can itself be undone.")
    restore.add_argument("backup", type=Path, metavar="BACKUP")
    restore.set_defaults(handler=run_restore)


def _location() -> tuple[str, Path | None, Path]:
    from trainer.storage.engine import sqlite_path
    from trainer.storage.paths import database_url
    from trainer.storage.service import default_backup_dir

    url = database_url()
    path = sqlite_path(url)
    return url, path, default_backup_dir(path)


def run_check(_args: argparse.Namespace) -> int:
    from trainer.storage.maintenance import check_file

    _url, path, _backups = _location()
    if path is None:
        err("db check needs a database file, not an in-memory database")
        return 1
    report = check_file(path)
    for message in report.messages:
        (print if report.ok else err)(message)
    if not report.ok:
        return 1
    print(f"database: {path}")
    print(f"integrity: ok; schema revision: {report.revision}")
    for table, count in report.counts.items():
        print(f"  {table:<20} {count:>9}")
    return 0


def run_backup(_args: argparse.Namespace) -> int:
    with open_store(daily=False) as store:
        made = store.backup()
    print(f"backup written: {made}")
    return 0


def run_backups(_args: argparse.Namespace) -> int:
    from trainer.storage.backups import scan_backups

    _url, _path, backups = _location()
    found, warnings = scan_backups(backups)
    for warning in warnings:
        err(f"trainer: warning: {warning}")
    if not found:
        print(f"no backups in {backups}")
    for b in found:
        print(f"{b.created_at:%Y-%m-%d %H:%M:%S} UTC  {b.kind:<11} {b.size:>10} bytes  {b.path}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from trainer.storage.maintenance import restore_database

    url, _path, backups = _location()
    saved = restore_database(args.backup, url, backups)
    with open_store(daily=False) as store:  # migrates an older backup, with its own backup
        report = store.check()
    if saved is not None:
        print(f"the previous data was saved as {saved}")
    print(f"restored {args.backup}: {'ok' if report.ok else 'PROBLEMS'}; "
          f"{report.counts.get('attempt', 0)} attempts, {report.counts.get('profile', 0)} "
          "profiles")
    return 0 if report.ok else 1
