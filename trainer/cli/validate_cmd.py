"""`trainer validate PATH…`: report every problem in each article set."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from trainer.cli.common import err, report_problems
from trainer.core.errors import InvalidInput
from trainer.core.formats import load_set


def register(commands: Any) -> None:
    parser = commands.add_parser("validate", help="check article-set files and list every problem",
                                 description="Check article-set files. Prints every problem as "
                                             "FILE:LINE:COL: message or FILE: $.path: message.")
    parser.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    bad_files = 0
    total_problems = 0
    for path in args.paths:
        try:
            article_set = load_set(path)
        except InvalidInput as exc:
            report_problems(exc.problems)
            bad_files += 1
            total_problems += len(exc.problems)
            continue
        spans = sum(len(a.annotations) for a in article_set.articles)
        print(f"{path}: OK — {article_set.title!r}, {len(article_set.articles)} articles, "
              f"{spans} key spans")
    if bad_files:
        err(f"{total_problems} problem(s) in {bad_files} of {len(args.paths)} file(s)")
        return 1
    print(f"{len(args.paths)} file(s) valid")
    return 0
