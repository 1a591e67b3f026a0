"""Open and read untrusted input files: regular files only, size capped before reading.

A path can name a FIFO (reading blocks forever), a device such as /dev/zero or /dev/urandom
(endless), or a folder; a symbolic link can lead to any of them under an innocent name such
as `set.zip`. Only regular files, after resolving links, are opened, and never more than the
cap (plus one byte, to notice a file that grew since it was measured) is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from trainer.core.errors import InvalidInput, Problem
from trainer.core.limits import MAX_FILE_BYTES, MB

_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
               | getattr(os, "O_NOCTTY", 0))
_CHUNK = 1024 * 1024


def _size(n: int) -> str:
    return f"{n / MB:.0f} MB" if n >= MB else f"{n:,} bytes"


def too_large(file: str, size: int | None, cap: int, what: str = "file") -> InvalidInput:
    found = f"is {_size(size)}" if size is not None else "is larger than that"
    return InvalidInput([Problem(file, f"{what} {found}, more than the {_size(cap)} limit",
                                 hint="split the set into smaller files")])


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not an ordinary file"


def _check_regular(mode: int, size: int, file: str, cap: int) -> None:
    if not stat.S_ISREG(mode):
        raise InvalidInput([Problem(file, f"is {_kind(mode)}, not a file; only ordinary files "
                                          "are read", hint="give the path of a saved file")])
    if size > cap:
        raise too_large(file, size, cap)


def _cannot_read(file: str, exc: OSError) -> InvalidInput:
    return InvalidInput([Problem(file, f"cannot read file: {exc.strerror or exc}")])


def open_regular_file(path: Path, file: str, cap: int = MAX_FILE_BYTES) -> BinaryIO:
    """An open binary file, after checking that `path` is a regular file of at most `cap`."""
    try:
        # stat() first: opening a FIFO (even non-blocking) or a device must not happen at all.
        info = os.stat(path)
        _check_regular(info.st_mode, info.st_size, file, cap)
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise _cannot_read(file, exc) from None
    try:
        info = os.fstat(fd)  # the path may have been swapped since stat()
        _check_regular(info.st_mode, info.st_size, file, cap)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular_file(path: Path, file: str, cap: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of `path`, or InvalidInput if it is not a regular file of at most `cap`."""
    with open_regular_file(path, file, cap) as handle:
        try:
            data = handle.read(cap + 1)
        except OSError as exc:
            raise _cannot_read(file, exc) from None
    if len(data) > cap:
        raise too_large(file, None, cap)
    return data
