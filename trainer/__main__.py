"""Entry point for `trainer` and `python -m trainer`."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    from trainer.cli.main import run

    args = sys.argv[1:] if argv is None else argv
    code = run(args)
    if argv is None and args[:1] == ["score"]:
        _leave_at_once(code)
    return code


def _leave_at_once(code: int) -> None:
    """End a `trainer score` process without the interpreter's clean-up.

    Freeing the parsed key and the report object by object, then every module, costs more
    than some of the scoring (≈ 4 ms on a PTC-sized key, DESIGN §9), and the command holds
    nothing that needs closing: no database, no temporary files, no atexit handlers of
    ours. The output is flushed first; if that fails (a closed pipe), the normal exit
    reports it as before.
    """
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(code)


if __name__ == "__main__":
    sys.exit(main())
