"""`trainer class …`: the class kept on this computer (issue 12). Students' progress files are
imported into the teacher's store (`class import`), listed (`class students`) and given the
school gradebook's ID (`class set-code`); `trainer class-report` without files reports on it."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from trainer.cli.common import err, open_store, out, plural, report_problems, warning_note


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "class", help="the class on this computer: import progress files, students, codes",
        description="Keep the class's progress files on this computer, apart from your own "
                    "practice. `trainer class-report` without files then reports on them.")
    actions = parser.add_subparsers(dest="class_action", metavar="ACTION", required=True)
    importing = actions.add_parser(
        "import", help="store students' progress files (or folders of them) into the class",
        description="Read progress files (or folders of them, e.g. a USB stick) and store "
                    "their attempts in the class. Importing a file again adds nothing. A file "
                    "that cannot be read changes nothing and is listed; the others are still "
                    "imported (exit code 1 if any file failed).")
    importing.add_argument("paths", nargs="+", type=Path, metavar="FILE_OR_FOLDER")
    importing.set_defaults(handler=run_import)
    students = actions.add_parser("students", help="list the students of the class")
    students.add_argument("--json", action="store_true", help="print one JSON array")
    students.set_defaults(handler=run_students)
    code = actions.add_parser(
        "set-code", help="set the gradebook ID of a student (an empty CODE clears it)",
        description="Set the ID the school gradebook uses for a student. A code set here is "
                    "never replaced by one in a progress file; an empty CODE clears it, and "
                    "the code the student's own files state is shown again.")
    code.add_argument("student_id", metavar="STUDENT_ID",
                      help="the student's id, as `trainer class students` shows it")
    code.add_argument("code", metavar="CODE")
    code.set_defaults(handler=run_set_code)
    remove = actions.add_parser(
        "remove", help="remove a student and everything imported of them",
        description="Remove a student from the class with all their imported attempts.")
    remove.add_argument("student_id", metavar="STUDENT_ID")
    remove.set_defaults(handler=run_remove)


def run_import(args: argparse.Namespace) -> int:
    with open_store() as store:
        result = store.classes.import_files(args.paths)
    report_problems(result.warnings)
    report_problems(result.problems)
    failed = len({p.file for p in result.problems})
    print(f"{plural(result.files_read, 'file')} read, {plural(result.attempts_added, 'attempt')}"
          f" added, {result.attempts_already_there} already there, "
          f"{plural(result.students_added, 'new student')}"
          f"{f', {failed} failed' if failed else ''}{warning_note(result.warnings)}")
    return 1 if result.problems else 0


def run_students(args: argparse.Namespace) -> int:
    with open_store(daily=False) as store:
        students = store.classes.students()
    if args.json:
        print(json.dumps([{"id": s.id, "name": s.name, "code": s.code, "attempts": s.attempts,
                           "imported_at": s.imported_at.isoformat()} for s in students],
                         ensure_ascii=False, indent=2))
        return 0
    if not students:
        print("No class stored yet. Import progress files with: trainer class import FOLDER")
        return 0
    print(f"{'id':<36}  {'name':<24} {'code':<12} {'attempts':>8}")
    for s in students:
        out(f"{s.id:<36}  {s.name[:24]:<24} {(s.code or '')[:12]:<12} {s.attempts:>8}")
    return 0


def run_set_code(args: argparse.Namespace) -> int:
    from trainer.storage.errors import NotFoundError

    with open_store() as store:
        try:
            store.classes.set_student_code(args.student_id, args.code)
        except NotFoundError as exc:
            err(f"trainer: {exc.message} (`trainer class students` lists the ids)")
            return 1
    cleared = not args.code.strip()
    print("code cleared" if cleared else f"code set to {args.code.strip()}")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from trainer.storage.errors import NotFoundError

    with open_store() as store:
        try:
            store.classes.remove_student(args.student_id)
        except NotFoundError as exc:
            err(f"trainer: {exc.message} (`trainer class students` lists the ids)")
            return 1
    print("student removed")
    return 0
