"""The program's document types: what the desktop associates with it (double-click to open).

All three are JSON files told apart by their "format" field. Each also has its own file
extension, because Windows and macOS associate programs by the last extension only, so a
`.json` file can never open in the trainer by double-click. The program reads a file by its
content, so a set saved as `.json` still loads everywhere. The Linux, Windows and macOS
packaging recipes list these same types; tests/test_packaging.py keeps them in step.
"""

from __future__ import annotations

from dataclasses import dataclass


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
