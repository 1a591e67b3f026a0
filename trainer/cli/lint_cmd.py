"""`trainer lint PATH`: content checks for article sets (coverage, spans, notes, balance)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from trainer.cli.common import err, out, report_problems
from trainer.core.errors import LoadNotes, Problem
from trainer.core.formats import load_set
from trainer.core.lint import Finding, coverage_table, lint_set, word_count
from trainer.core.record import replace
from trainer.core.taxonomy import default_taxonomy


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "lint", help="check an article set's content: coverage, spans, explanations, balance",
        description="Check that an article set is good practice material. Prints a coverage "
                    "table (techniques × levels) and every finding as FILE:LINE:COL: error|"
                    "warning: message (Markdown sets) or FILE: $.path: error|warning: "
                    "message. Exit code 1 when there are errors (or problems that "
                    "stop the set from loading).")
    parser.add_argument("path", type=Path, metavar="PATH",
                        help="an article set in any supported format")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.set_defaults(handler=run)


def _located(finding: Finding, file: str, notes: LoadNotes) -> Problem:
    """The finding where `validate` would put it: file:line:col when the loader knows it."""
    problem = finding.problem(file)
    if notes.locate is not None and problem.path is not None \
            and not problem.path.startswith("$.articles["):
        # A finding about the whole set: the set's folder, not set.yaml line 1.
        return replace(problem, path=None)
    return notes.relocate(problem) if problem.path else problem


def run(args: argparse.Namespace) -> int:
    notes = LoadNotes()
    load_warnings: list[Problem] = []
    try:
        article_set = load_set(args.path, warnings=load_warnings, notes=notes)
    finally:
        report_problems(load_warnings)
    taxonomy = article_set.taxonomy(default_taxonomy())
    report = lint_set(article_set, default_taxonomy())
    clean = sum(1 for a in article_set.articles if a.is_clean)
    spans = sum(len(a.annotations) for a in article_set.articles)
    words = sum(word_count(a.text) for a in article_set.articles)
    out(f"{args.path}: {article_set.title!r}: {len(article_set.articles)} passages "
        f"({clean} clean), {spans} key spans, {words} words")
    print()
    print(coverage_table(report, taxonomy))
    print()
    for finding in report.findings:
        err(_located(finding, str(args.path), notes).format(show_severity=True))
    errors, warnings = len(report.errors), len(report.warnings)
    summary = f"{errors} error(s), {warnings} warning(s)"
    failed = errors > 0 or (args.strict and warnings > 0)
    if failed:
        err(summary)
        return 1
    print(summary)
    return 0
