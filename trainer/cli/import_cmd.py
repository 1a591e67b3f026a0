"""`trainer import PATH`: add an article set (or a newer version of it) to the library."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from trainer.cli.common import err, open_store, out, report_problems, warning_note
from trainer.core.errors import Problem


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "import", help="import an article set into the library",
        description="Import an article set. Importing the same file again changes nothing; "
                    "a higher \"version\" adds new revisions and keeps old attempts intact. "
                    "A different set that happens to use an id already in the library is "
                    "refused, never merged: raise its version, or use --as-new-set.")
    parser.add_argument("path", type=Path, metavar="PATH")
    parser.add_argument("--as-new-set", action="store_true",
                        help="add the set beside the others under a fresh id made from its "
                             "title (e.g. local-news-2), even if its id is already taken")
    parser.add_argument("--quiet", action="store_true", help="print only errors")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from trainer.core.formats import load_set
    from trainer.storage.errors import ConflictingSetError

    warnings: list[Problem] = []
    try:  # InvalidInput → every problem listed, nothing stored
        article_set = load_set(args.path, warnings=warnings)
    finally:
        report_problems(warnings)  # shown even with --quiet: the library holds a repaired text

    def progress(done: int, total: int) -> bool:
        if not args.quiet and total >= 500:
            err(f"  {done}/{total} articles")
        return True

    with open_store() as store:
        if args.as_new_set:
            from trainer.core.setids import slug, unique_id

            taken = {s.id for s in store.library.list_sets()}
            article_set = article_set.model_copy(
                update={"id": unique_id(slug(article_set.title), taken)})
        try:
            report = store.library.import_set(article_set, progress)
        except ConflictingSetError as exc:  # name the file, and offer both ways out
            raise ConflictingSetError(
                f"{args.path}: {exc.message} Or, if it is a different set, add it beside the "
                f"other one under a new id: trainer import --as-new-set {args.path}") from None
    if not args.quiet:
        out(f"{args.path}: set {report.set_id!r} version {article_set.version} "
            f"({article_set.title}): {report.added} added, {report.updated} updated, "
            f"{report.unchanged} unchanged, {report.removed} retired{warning_note(warnings)}")
    return 0
