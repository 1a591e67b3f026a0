"""`trainer assignment make`: one assignment file from a set in the library (DESIGN §4)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from trainer.cli.common import err, open_store


def _due(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-12-18") from None


def _level(text: str) -> int:
    if text not in ("1", "2", "3"):
        raise argparse.ArgumentTypeError(f"{text!r}: the level is 1, 2 or 3")
    return int(text)


def register(commands: Any) -> None:
    parser = commands.add_parser("assignment", help="make assignment files for students",
                                 description="Make an assignment file to hand out.")
    actions = parser.add_subparsers(dest="assignment_action", metavar="ACTION", required=True)
    make = actions.add_parser(
        "make", help="write one assignment file from a set in the library",
        description="Write one assignment file: the chosen articles of a set in the library "
                    "(embedded, so the file is enough), the level, an optional due date and "
                    "when feedback shows.")
    make.add_argument("--set", required=True, dest="set_id", metavar="ID",
                      help="the set's id (see `trainer sets list`)")
    make.add_argument("--articles", metavar="A,B,…",
                      help="article ids in the order to work through them (default: all)")
    make.add_argument("--title", required=True, help="the assignment's title")
    make.add_argument("--level", required=True, type=_level, metavar="N",
                      help="the level to practise at: 1, 2 or 3")
    make.add_argument("--due", type=_due, metavar="YYYY-MM-DD",
                      help="due date, shown to students (never enforced)")
    make.add_argument("--feedback", choices=("each", "end"), default="each",
                      help="feedback after each passage (default) or only at the end")
    make.add_argument("--teacher", default="", metavar="NAME", help="the teacher's name")
    make.add_argument("-o", "--output", required=True, type=Path, metavar="FILE",
                      help="the assignment file to write")
    make.set_defaults(handler=run_make)


def run_make(args: argparse.Namespace) -> int:
    from trainer.core.assignment_file import make_assignment, write_assignment
    from trainer.storage.errors import NotFoundError

    if not args.title.strip():
        err("trainer: --title must not be empty")
        return 1
    chosen = [a.strip() for a in args.articles.split(",") if a.strip()] \
        if args.articles else None
    with open_store() as store:
        try:
            article_set = store.library.export_set(args.set_id)
        except NotFoundError as exc:
            err(f"trainer: {exc.message}. See the sets with: trainer sets list")
            return 1
    assignment = make_assignment(article_set, chosen, title=args.title.strip(),
                                 level=args.level, teacher=args.teacher.strip(), due=args.due,
                                 feedback=args.feedback)
    write_assignment(assignment, args.output)
    print(f"wrote {args.output}: {len(assignment.passages)} passage"
          f"{'s' if len(assignment.passages) != 1 else ''} from {article_set.id!r}, "
          f"assignment id {assignment.id}")
    return 0
