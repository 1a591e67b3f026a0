"""`trainer convert IN OUT [--to json|markdown|ptc]`: turn a set from one format into another."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from trainer.cli.common import out, report_problems, warning_note
from trainer.core.errors import InvalidInput, Problem
from trainer.core.targets import TARGETS

_DESCRIPTION = """\
Convert an article set. IN is a JSON file, a Markdown folder or .zip (with set.yaml), or a
PTC folder (article<ID>.txt files with .labels files). OUT ending in .json is written as
JSON; any other OUT (a folder or a .zip) as Markdown, unless --to says otherwise.
--to ptc writes a PTC folder. IN is checked first: if it has problems, nothing is written.
"""


def register(commands: Any) -> None:
    parser = commands.add_parser("convert", help="convert a set between JSON, Markdown and PTC",
                                 description=_DESCRIPTION)
    parser.add_argument("source", metavar="IN", type=Path)
    parser.add_argument("dest", metavar="OUT", type=Path)
    parser.add_argument("--to", choices=TARGETS, help="output format (default: from OUT's name)")
    parser.add_argument("--force", action="store_true",
                        help="replace OUT if it is an existing file")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    # every reader and the pydantic model: loaded only when a conversion runs
    from trainer.core.formats import load_set, save_set, target_for

    source: Path = args.source
    dest: Path = args.dest
    target = target_for(dest, args.to)
    if target == "json" and dest.is_dir():
        raise InvalidInput([Problem(str(dest), "is a folder", hint="give a file name ending "
                                                                  "in .json")])
    if dest.is_file() and not args.force:
        raise InvalidInput([Problem(str(dest), "already exists",
                                    hint="choose another name, or add --force to replace it")])
    if dest.exists() and source.exists() and dest.resolve() == source.resolve():
        raise InvalidInput([Problem(str(dest), "is the input itself")])
    warnings: list[Problem] = []
    try:
        article_set = load_set(source, warnings=warnings)
    finally:
        report_problems(warnings)
    save_set(article_set, dest, target)
    spans = sum(len(a.annotations) for a in article_set.articles)
    out(f"{dest}: wrote {target} — {article_set.title!r}, {len(article_set.articles)} "
        f"articles, {spans} key spans{warning_note(warnings)}")
    return 0
