"""The program's document types: what the desktop associates with it (double-click to open).

All three are JSON files told apart by their "format" field. Each also has its own file
extension, because Windows and macOS associate programs by the last extension only, so a
`.json` file can never open in the trainer by double-click. The program reads a file by its
content, so a set saved as `.json` still loads everywhere. The Linux, Windows and macOS
packaging recipes list these same types; tests/test_packaging.py keeps them in step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FileType:
    key: str  # short name used by the packaging recipes
    format: str  # the value of the file's "format" field
    mime: str  # freedesktop MIME type (a sub-class of application/json)
    extension: str  # without the dot
    description: str  # what a file manager shows as the type's name


FILE_TYPES: tuple[FileType, ...] = (
    FileType("article-set", "trainer.article-set", "application/x-trainer-article-set",
             "mltset", "Media Literacy Trainer article set"),
    FileType("assignment", "trainer.assignment", "application/x-trainer-assignment",
             "mltassignment", "Media Literacy Trainer assignment"),
    FileType("progress", "trainer.progress", "application/x-trainer-progress",
             "mltprogress", "Media Literacy Trainer progress file"),
)


_FORMAT_FIELD = re.compile(rb'"format"\s*:\s*"([A-Za-z0-9._-]+)"')
SNIFF_BYTES = 4096  # our writers put "format" first; a hand-edited file may move it a little


def by_extension(path: Path) -> FileType | None:
    suffix = path.suffix.lower().lstrip(".")
    return next((t for t in FILE_TYPES if t.extension == suffix), None)


def is_document_argument(argument: str) -> bool:
    """True for what a file manager passes when a trainer document is double-clicked: an
    existing file with one of our extensions (never a command name or an option)."""
    if argument.startswith("-"):
        return False
    path = Path(argument)
    return by_extension(path) is not None and path.is_file()


def sniff(path: Path) -> FileType | None:
    """The document type named by the file's "format" field (read from its first bytes, so a
    renamed or `.json` file is still recognised); None if it names none of ours."""
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return None
    found = _FORMAT_FIELD.search(head)
    if found is None:
        return None
    name = found.group(1).decode("ascii")
    return next((t for t in FILE_TYPES if t.format == name), None)
