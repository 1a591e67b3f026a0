"""`trainer validate PATH…`: report every problem in each article set."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from trainer.cli.common import err, out, report_problems, warning_note
from trainer.core.errors import InvalidInput, Problem


def register(commands: Any) -> None:
    parser = commands.add_parser("validate", help="check article-set files and list every problem",
                                 description="Check article-set files. Prints every problem as "
                                             "FILE:LINE:COL: message or FILE: $.path: message. "
                                             "Warnings (FILE:LINE:COL: warning: message) name "
                                             "what was repaired on reading, such as a control "
                                             "character in a corpus article; they do not make "
                                             "a file invalid.")
    parser.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from trainer.core.formats import load_set

    bad_files = 0
    total_problems = 0
    for path in args.paths:
        warnings: list[Problem] = []
        try:
            article_set = load_set(path, warnings=warnings)
        except InvalidInput as exc:
            report_problems(warnings + exc.problems)
            bad_files += 1
            total_problems += len(exc.problems)
            continue
        report_problems(warnings)
        spans = sum(len(a.annotations) for a in article_set.articles)
        out(f"{path}: OK — {article_set.title!r}, {len(article_set.articles)} articles, "
            f"{spans} key spans{warning_note(warnings)}")
    if bad_files:
        err(f"{total_problems} problem(s) in {bad_files} of {len(args.paths)} file(s)")
        return 1
    print(f"{len(args.paths)} file(s) valid")
    return 0
