"""`trainer` argument parsing and dispatch. Every command module exposes `register`.

The command modules are imported only when a command line has to be parsed: `trainer` alone
(or with just `--data-dir DIR`) starts the desktop program without loading them, because
their imports (the loaders, the pydantic model) would delay the first window (DESIGN §9).
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType, SimpleNamespace

from trainer import version
from trainer.cli.common import err, report_problems
from trainer.core.errors import InvalidInput
from trainer.storage.errors import StoreError

TYPE_CHECKING = False  # typing's, without importing typing (docs/PERFORMANCE.md)
if TYPE_CHECKING:  # argparse is imported only when a parser is built (see quick_args)
    import argparse

    Handler = Callable[[argparse.Namespace], int]

# Modules under trainer.cli, in the order `trainer --help` lists their commands.
COMMAND_MODULES = (
    "validate_cmd", "score_cmd", "lint_cmd", "convert_cmd", "import_cmd", "sets_cmd",
    "progress_cmd", "assignment_cmd", "class_cmd", "class_report_cmd", "worksheet_cmd",
    "db_cmd", "selftest_cmd",
)


def command_modules(only: str | None = None) -> list[ModuleType]:
    names = [only] if only else COMMAND_MODULES
    return [importlib.import_module(f"trainer.cli.{name}") for name in names]


def command_module_for(argv: Sequence[str]) -> str | None:
    """The one module a command line needs (`score` → score_cmd), or None for all of them.

    Importing every command module costs more than `trainer score` itself on a large key
    (DESIGN §9), so a command line naming a command registers only that command; anything
    else (no command, `--help`, a misspelt command) gets the full parser and its messages.
    """
    args = list(argv)
    while args and args[0].startswith("--data-dir"):
        args = args[1:] if "=" in args[0] else args[2:]
    if not args or args[0].startswith("-"):
        return None
    module = args[0].replace("-", "") + "_cmd"
    return module if module in COMMAND_MODULES else None


def quick_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """What the parser would make of `score KEY ANSWERS [--json]`, without building it.

    argparse and what its parser loads on the way (gettext, locale, shutil) cost ≈ 4 ms of
    every `trainer score` (DESIGN §9). Only this plain form is read here; anything else (an
    option before the command, a name starting with "-", --help, a repeated or abbreviated
    option) returns None and goes to argparse, with its messages. tests/test_cli.py checks
    the result equals parse_args' on many command lines.
    """
    if len(argv) not in (3, 4) or argv[0] != "score":
        return None
    rest = list(argv[1:])
    as_json = "--json" in rest
    if as_json:
        rest.remove("--json")
    if len(rest) != 2 or any(not a or a.startswith("-") for a in rest):
        return None
    from trainer.cli import score_cmd

    # A SimpleNamespace holds the same attributes as argparse.Namespace; the handler reads
    # only those.
    return SimpleNamespace(  # type: ignore[return-value]
        data_dir=None, command="score", key=Path(rest[0]), answers=Path(rest[1]),
        json=as_json, handler=score_cmd.run)


def _version_action() -> type[argparse.Action]:
    import argparse

    class _VersionAction(argparse.Action):
        """--version, reading the installed version only when asked (importlib.metadata is
        slow)."""

        def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                     default: str = argparse.SUPPRESS, help: str | None = None) -> None:
            super().__init__(option_strings, dest, nargs=0, default=default, help=help)

        def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                     values: object, option_string: str | None = None) -> None:
            print(f"trainer {version()}")
            parser.exit()

    return _VersionAction


def gui_data_dir(argv: Sequence[str]) -> tuple[bool, str | None]:
    """(True, DIR or None) when the arguments only ask for the desktop program."""
    args = list(argv)
    if not args:
        return True, None
    if len(args) == 1 and args[0].startswith("--data-dir=") and len(args[0]) > 11:
        return True, args[0].split("=", 1)[1]
    if len(args) == 2 and args[0] == "--data-dir" and args[1] and not args[1].startswith("-"):
        return True, args[1]
    return False, None


def data_dir_problem(text: str) -> str | None:
    """Why `--data-dir TEXT` cannot be used, or None. An empty value is refused rather than
    taken as "the default folder": a script that lost its variable must not write elsewhere."""
    if not text.strip():
        return ("--data-dir needs a folder name (it was empty). Leave the option out to use "
                "the default data folder.")
    if os.path.exists(text) and not os.path.isdir(text):
        return f"--data-dir {text}: this is a file, not a folder. Give a folder name."
    return None


def document_paths(argv: Sequence[str]) -> list[str]:
    """The files to open when the arguments are only trainer documents (a double-click in a
    file manager runs `trainer FILE…`); empty otherwise."""
    from trainer.core.filetypes import is_document_argument

    args = list(argv)
    return args if args and all(is_document_argument(a) for a in args) else []


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="trainer",
        description="Media Literacy Trainer. With no command, starts the desktop program.",
    )
    parser.add_argument("--version", action=_version_action(),
                        help="show program's version number and exit")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="use DIR for the database and backups (overrides TRAINER_HOME)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in command_modules(only):
        module.register(commands)
    return parser


def _start_gui(data_dir: str | None, documents: Sequence[str] = ()) -> int:
    from trainer.ui.shell.app import run_app

    return run_app(data_dir=data_dir, documents=documents)


def run(argv: Sequence[str]) -> int:
    gui_only, data_dir = gui_data_dir(argv)
    command = None if gui_only else command_module_for(argv)
    # A command name is never a document (documents need our extensions), so a command line
    # naming one skips loading filetypes (and dataclasses) on `trainer score`'s path.
    documents = [] if gui_only or command else document_paths(argv)
    args: argparse.Namespace | None = None
    handler: Handler | None = None
    if not gui_only and not documents:
        args = quick_args(argv) or build_parser(command).parse_args(list(argv))
        data_dir = args.data_dir
        handler = getattr(args, "handler", None)
    if data_dir is not None:
        refused = data_dir_problem(data_dir)
        if refused:
            err(f"trainer: {refused}")
            return 1
        os.environ["TRAINER_HOME"] = data_dir
    try:
        if handler is None or args is None:
            return _start_gui(data_dir, documents)
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
