"""`trainer progress export|import`: move a student's progress between computers."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from trainer.cli.common import err, open_store, report_problems
from trainer.storage.errors import StoreError


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "progress", help="export or import a student's progress file",
        description="Move a student's progress to another computer, or hand it in.")
    actions = parser.add_subparsers(dest="progress_action", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export", help="write a profile's progress to a file",
        description="Write every attempt of a profile to one progress file (DESIGN §4).")
    export.add_argument("--profile", required=True, metavar="NAME", help="the profile's name")
    export.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
    export.set_defaults(handler=run_export)
    imp = actions.add_parser(
        "import", help="merge a progress file into this computer's profiles",
        description="Merge a progress file: the profile is matched by its id (created when "
                    "new), attempts already here are skipped, so importing twice changes "
                    "nothing. Attempts on articles this computer lacks are kept and listed.")
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument("--profile", metavar="NAME",
                     help="refuse the file unless it belongs to this profile")
    imp.set_defaults(handler=run_import)
    show = actions.add_parser(
        "show", help="what the progress dashboard shows for a profile",
        description="Attempts, mean score, mastery per technique (null below the minimum "
                    "evidence), discernment d' and bias c over recent attempts, weak spots with "
                    "their reason and the passages that practise them.")
    show.add_argument("--profile", required=True, metavar="NAME", help="the profile's name")
    show.add_argument("--json", action="store_true", help="print one JSON object")
    show.set_defaults(handler=_run_show)


def _run_show(args: argparse.Namespace) -> int:
    from trainer.cli.progress_show import run_show

    return run_show(args)


def profile_id(store: Any, name: str) -> str:
    wanted = " ".join(name.split()).casefold()
    for profile in store.profiles.list():
        if profile.name.casefold() == wanted:
            return str(profile.id)
    names = ", ".join(p.name for p in store.profiles.list()) or "none yet"
    raise StoreError(f"no profile named {name!r} (profiles: {names})")


def run_export(args: argparse.Namespace) -> int:
    from trainer.core.progress_file import write_progress

    with open_store() as store:
        progress = store.progress.export_file(profile_id(store, args.profile))
    write_progress(progress, args.output)
    print(f"{args.output}: {len(progress.attempts)} attempts of {progress.profile.name}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from trainer.core.progress_file import read_progress
    from trainer.storage.starter import ensure_starter

    progress, warnings = read_progress(args.file)
    report_problems(warnings)
    with open_store() as store:
        ensure_starter(store)  # attempts on the built-in passages find them
        into = profile_id(store, args.profile) if args.profile else None
        try:
            report = store.progress.import_file(progress, into)
        except StoreError as exc:
            raise StoreError(f"{args.file}: {exc.message}") from None
    created = " (new profile)" if report.created_profile else ""
    print(f"{args.file}: {report.profile_name}{created}: {report.added} attempts added, "
          f"{report.already_present} already here, {len(report.kept)} kept for articles "
          "this computer does not have")
    for where in report.kept:
        err(f"{args.file}: kept, article not in the library: {where}")
    for attempt_id in report.disagreements:
        err(f"{args.file}: attempt {attempt_id}: the scores in the file disagree with its "
            "marks; the program's own scores were stored")
    return 0
