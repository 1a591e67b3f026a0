"""`trainer` argument parsing and dispatch. Every command module exposes `register`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from trainer import __version__
from trainer.cli import (
    convert_cmd,
    db_cmd,
    import_cmd,
    lint_cmd,
    score_cmd,
    sets_cmd,
    validate_cmd,
)
from trainer.cli.common import err, report_problems
from trainer.core.errors import InvalidInput
from trainer.storage.errors import StoreError

Handler = Callable[[argparse.Namespace], int]

COMMAND_MODULES = [
    validate_cmd, score_cmd, lint_cmd, convert_cmd, import_cmd, sets_cmd, db_cmd,
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="trainer",
        description="Media Literacy Trainer. With no command, starts the desktop program.",
    )
    parser.add_argument("--version", action="version", version=f"trainer {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="use DIR for the database and backups (overrides TRAINER_HOME)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def _start_gui(args: argparse.Namespace) -> int:
    from trainer.ui.app import run_app

    return run_app(data_dir=args.data_dir)


def run(argv: Sequence[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(list(argv))
    if args.data_dir:
        os.environ["TRAINER_HOME"] = args.data_dir
    handler: Handler | None = getattr(args, "handler", None)
    try:
        if handler is None:
            return _start_gui(args)
        return handler(args)
    except InvalidInput as exc:
        report_problems(exc.problems)
        return 1
    except StoreError as exc:
        err(f"trainer: {exc.message}")
        return 1
    except KeyboardInterrupt:
        err("interrupted")
        return 130
    except Exception as exc:  # a teacher must never see a traceback
        err(f"trainer: unexpected error: {type(exc).__name__}: {exc}")
        err("Nothing was changed. Please report this with the command you ran.")
        if os.environ.get("TRAINER_DEBUG"):
            raise
        return 2


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
