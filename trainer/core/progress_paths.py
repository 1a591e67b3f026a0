"""Which progress files a teacher meant: the files named, and those inside named folders (a
USB stick). Shared by `trainer class-report`, `trainer class import` and store.classes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from trainer.core.errors import Problem

MAX_FILES = 2000
PATTERNS = ("*.mltprogress", "*.json", "*/*.mltprogress", "*/*.json")


def progress_paths(paths: Sequence[Path]) -> tuple[list[Path], list[Problem]]:
    """Every progress file (.mltprogress or .json) given or inside a given folder (two levels
    deep at most: a stick with one folder per student still works)."""
    found: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            inside = [p for pattern in PATTERNS for p in path.glob(pattern)]
            found += sorted(p for p in inside if not p.name.startswith("."))
            if not inside:
                problems.append(Problem(str(path), "no progress files in this folder",
                                        hint="students export them with Progress → Export my "
                                             "progress (files ending .mltprogress or .json)"))
        elif path.exists():
            found.append(path)
        else:
            problems.append(Problem(str(path), "no such file or folder"))
    if len(found) > MAX_FILES:
        problems.append(Problem(str(paths[0]), f"more than {MAX_FILES} files",
                                hint="choose the folder of one class"))
        found = found[:MAX_FILES]
    return found, problems
