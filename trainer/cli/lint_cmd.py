"""`trainer lint PATH`: content checks for article sets (coverage, spans, notes, balance)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

from trainer.cli.common import err
from trainer.core.formats import load_set
from trainer.core.lint import Finding, coverage_table, lint_set, word_count
from trainer.core.taxonomy import default_taxonomy


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "lint", help="check an article set's content: coverage, spans, explanations, balance",
        description="Check that an article set is good practice material. Prints a coverage "
                    "table (techniques × levels) and every finding as FILE: $.path: error|"
                    "warning: message. Exit code 1 when there are errors (or problems that "
                    "stop the set from loading).")
    parser.add_argument("path", type=Path, metavar="PATH",
                        help="an article set in any supported format")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.set_defaults(handler=run)


_ARTICLE_PATH = re.compile(r"^\$\.articles\[(\d+)\]\.?(.*)$")


def _article_files(path: Path) -> list[str]:
    """For a Markdown folder, the file of each article, so findings name the file to edit."""
    from trainer.core.markdown.reader import article_files

    if not (path.is_dir() and (path / "set.yaml").is_file()):
        return []
    return [str(path / rel) for rel in article_files(path)]


def _located(finding: Finding, file: str, article_file: list[str]) -> str:
    match = _ARTICLE_PATH.match(finding.path)
    if match and int(match.group(1)) < len(article_file):
        rest = match.group(2)
        moved = Finding(finding.severity, finding.message, f"{rest}" if rest else "",
                        finding.hint)
        return moved.format(article_file[int(match.group(1))])
    return finding.format(file)


def run(args: argparse.Namespace) -> int:
    article_set = load_set(args.path)
    taxonomy = article_set.taxonomy(default_taxonomy())
    report = lint_set(article_set, default_taxonomy())
    clean = sum(1 for a in article_set.articles if a.is_clean)
    spans = sum(len(a.annotations) for a in article_set.articles)
    words = sum(word_count(a.text) for a in article_set.articles)
    print(f"{args.path}: {article_set.title!r}: {len(article_set.articles)} passages "
          f"({clean} clean), {spans} key spans, {words} words")
    print()
    print(coverage_table(report, taxonomy))
    print()
    article_file = _article_files(args.path)
    for finding in report.findings:
        err(_located(finding, str(args.path), article_file))
    errors, warnings = len(report.errors), len(report.warnings)
    summary = f"{errors} error(s), {warnings} warning(s)"
    failed = errors > 0 or (args.strict and warnings > 0)
    if failed:
        err(summary)
        return 1
    print(summary)
    return 0
