"""`trainer assignment make`: one assignment file from sets in the library (DESIGN §4)."""

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
        "make", help="write one assignment file from sets in the library",
        description="Write one assignment file: the chosen articles of one or more sets in the "
                    "library (embedded, so the file is enough), the level, an optional due "
                    "date and when feedback shows.")
    make.add_argument("--set", required=True, dest="set_ids", metavar="ID", action="append",
                      help="a set's id (see `trainer sets list`); repeat for several sets")
    make.add_argument("--articles", metavar="A,B,…",
                      help="article ids in the order to work through them (default: every "
                           "article of every --set, set by set); with several sets write "
                           "SET/ARTICLE, e.g. week3/a1,starter/l1-02")
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


def _passages(text: str | None, set_ids: list[str]) -> list[tuple[str, str | None]] | str:
    """(set id, article id) in order, article None for "every article"; a message when an
    entry cannot be read."""
    if not text:
        return [(s, None) for s in set_ids]
    chosen: list[tuple[str, str | None]] = []
    for entry in (a.strip() for a in text.split(",")):
        if not entry:
            continue
        set_id, slash, article_id = entry.rpartition("/")
        if not slash:
            if len(set_ids) > 1:
                return (f"--articles {entry!r}: with several --set, write SET/ARTICLE "
                        f"(e.g. {set_ids[0]}/{entry})")
            set_id = set_ids[0]
        elif set_id not in set_ids:
            return f"--articles {entry!r}: set {set_id!r} is not one of the --set options"
        chosen.append((set_id, article_id))
    return chosen


def run_make(args: argparse.Namespace) -> int:
    from trainer.core.assignment_file import make_assignment_from, write_assignment
    from trainer.core.model import ArticleSet
    from trainer.storage.errors import NotFoundError

    if not args.title.strip():
        err("trainer: --title must not be empty")
        return 1
    set_ids = list(dict.fromkeys(args.set_ids))
    chosen = _passages(args.articles, set_ids)
    if isinstance(chosen, str):
        err(f"trainer: {chosen}")
        return 1
    sets: dict[str, ArticleSet] = {}
    with open_store() as store:
        for set_id in set_ids:
            try:
                sets[set_id] = store.library.export_set(set_id)
            except NotFoundError as exc:
                err(f"trainer: {exc.message}. See the sets with: trainer sets list")
                return 1
    passages = [(s, a) for s, article in chosen
                for a in ([article] if article else [x.id for x in sets[s].articles])]
    assignment = make_assignment_from(list(sets.values()), passages, title=args.title.strip(),
                                      level=args.level, teacher=args.teacher.strip(),
                                      due=args.due, feedback=args.feedback)
    write_assignment(assignment, args.output)
    count = len(assignment.passages)
    names = ", ".join(repr(s.id) for s in assignment.sets())
    print(f"wrote {args.output}: {count} passage{'s' if count != 1 else ''} from {names}, "
          f"assignment id {assignment.id}")
    return 0
