"""`trainer worksheet SET --pdf OUT`: a printable worksheet (and answer key) for a class without
laptops (issue 12 item 5). Qt is loaded only inside `run`, to lay the pages out."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trainer.cli.common import err, open_store, page_size_arg, report_problems
from trainer.core.errors import InvalidInput, Problem

if TYPE_CHECKING:
    from trainer.core.model import ArticleSet

# What makes SET a path rather than a set id when nothing exists under that name.
_PATH_HINTS = (".json", ".zip", ".md", ".yaml", "/", "\\")


def _level(text: str) -> int:
    if text not in ("1", "2", "3"):
        raise argparse.ArgumentTypeError(f"{text!r}: the level is 1, 2 or 3")
    return int(text)



def register(commands: Any) -> None:
    parser = commands.add_parser(
        "worksheet", help="a printable worksheet (PDF) of a set's passages",
        description="Write a worksheet for a class without laptops: the passages with line "
                    "numbers, room to write and the labels to use; with --key, an answer key "
                    "after them (key phrases shaded and underlined, explanations and tips). "
                    "SET is a set id in this computer's library (see `trainer sets list`; the "
                    "starter passages are id 'starter') or an article-set file or folder, "
                    "checked as `trainer validate` checks it.")
    parser.add_argument("set", metavar="SET", help="a set id in the library, or a set file or "
                                                   "folder")
    parser.add_argument("--articles", metavar="A,B,…",
                        help="article ids to print, in this order (default: all)")
    parser.add_argument("--key", action="store_true", help="add the answer key")
    parser.add_argument("--level", type=_level, default=1, metavar="N",
                        help="1: label by family (default); 2 or 3: by technique")
    parser.add_argument("--page-size", type=page_size_arg, default="A4", metavar="A4|Letter",
                        help="paper size (default A4)")
    parser.add_argument("--pdf", type=Path, required=True, metavar="OUT",
                        help="the PDF file to write")
    parser.set_defaults(handler=run)


def find_set(name: str) -> ArticleSet:
    """A set file or folder when SET names one (or looks like a path), else a set id in the
    library. Raises InvalidInput with a message a teacher can act on."""
    path = Path(name)
    if path.exists() or any(hint in name for hint in _PATH_HINTS):
        from trainer.core.formats import load_set

        warnings: list[Problem] = []
        article_set = load_set(path, warnings=warnings)
        report_problems(warnings)
        return article_set
    from trainer.storage.errors import NotFoundError
    from trainer.storage.starter import ensure_starter

    with open_store(daily=False) as store:
        problem = ensure_starter(store)
        if problem:
            err(f"trainer: warning: the starter passages could not be loaded: {problem}")
        try:
            return store.library.export_set(name)
        except NotFoundError:
            raise InvalidInput([Problem(name, "no article set with this id in the library, and "
                                              "no file or folder of that name",
                                        hint="see the sets with `trainer sets list`, or give "
                                             "the path of a set file")]) from None


def run(args: argparse.Namespace) -> int:
    out: Path = args.pdf
    if out.is_dir():
        report_problems([Problem(str(out), "is a folder",
                                 hint="--pdf names the PDF file to write, e.g. worksheet.pdf")])
        return 1
    article_set = find_set(args.set)
    chosen = [a.strip() for a in args.articles.split(",") if a.strip()] \
        if args.articles else None
    from trainer.ui.printing.worksheet import chosen_articles, write_worksheet_pdf

    articles = chosen_articles(article_set, chosen)  # an unknown id fails before any layout
    pages = write_worksheet_pdf(article_set, out, [a.id for a in articles], args.key,
                                args.page_size, level=args.level)
    passages = f"{len(articles)} passage{'s' if len(articles) != 1 else ''}"
    key = ", answer key included" if args.key else ""
    print(f"wrote {out}: {pages} page{'s' if pages != 1 else ''} ({passages}{key}, "
          f"{args.page_size})")
    return 0
