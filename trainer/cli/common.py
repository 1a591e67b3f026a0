"""Shared helpers for CLI commands: reporting problems the same way everywhere."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from trainer.core.errors import Problem, printable

TYPE_CHECKING = False  # typing's, without importing typing (docs/PERFORMANCE.md)

if TYPE_CHECKING:
    from trainer.storage.service import Store


def err(message: str) -> None:
    print(printable(message), file=sys.stderr)


def out(message: str) -> None:
    """One line on stdout; file names and set text may hold control characters."""
    print(printable(message))


def plural(count: int, word: str) -> str:
    """"1 attempt", "2 attempts": a count and its noun in the right number (English)."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def report_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        err(problem.format())


def warning_note(warnings: Sequence[Problem]) -> str:
    """", 2 warnings" for a summary line; empty when there are none."""
    count = len(warnings)
    return f", {count} warning{'s' if count != 1 else ''}" if count else ""


def page_size_arg(text: str) -> str:
    """argparse type for --page-size: A4 or Letter, in any case."""
    import argparse

    for name in ("A4", "Letter"):
        if name.casefold() == text.casefold():
            return name
    raise argparse.ArgumentTypeError(f"{text!r}: the page size is A4 or Letter")


def open_store(*, daily: bool = True) -> Store:
    """The store of the data folder; what it had to warn about (a backup that could not be
    written, a stray file in backups/, a read-only folder) goes to stderr."""
    from trainer.storage.service import Store

    store = Store.open(daily=daily)
    for warning in store.warnings:
        err(f"trainer: warning: {warning}")
    if store.read_only is not None:
        err(f"trainer: note: {store.read_only}")
    return store
