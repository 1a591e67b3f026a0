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
