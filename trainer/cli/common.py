"""Shared helpers for CLI commands: reporting problems the same way everywhere."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from trainer.core.errors import Problem


def err(message: str) -> None:
    print(message, file=sys.stderr)


def report_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        err(problem.format())


def warning_note(warnings: Sequence[Problem]) -> str:
    """", 2 warnings" for a summary line; empty when there are none."""
    count = len(warnings)
    return f", {count} warning{'s' if count != 1 else ''}" if count else ""
