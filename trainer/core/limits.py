"""Limits every loader applies, kept in one place so `validate` and the store agree.

A file that passes `trainer validate` must import: every number a set can carry is checked
against what the database can hold, and every file is capped before a byte of it is read.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing's, without importing typing (docs/PERFORMANCE.md)
if TYPE_CHECKING:
    from typing import Final

MB: Final = 1024 * 1024

# SQLite stores INTEGER as a signed 64-bit number; a larger Python int fails at import.
MAX_STORED_INT: Final = 2**63 - 1
# No number in a set needs more digits than MAX_STORED_INT has. Longer ones are refused before
# `int()` sees them: Python refuses to convert more than 4,300 digits, and a long number would
# also make every message that quotes it unreadable.
MAX_NUMBER_DIGITS: Final = len(str(MAX_STORED_INT))

MIN_LEVEL: Final = 1
MAX_LEVEL: Final = 3

MAX_FILE_BYTES: Final = 50 * MB  # one JSON set, PTC file or answers file
# One article (.md) or set.yaml, on disk or inside a .zip. An article holds at most 200,000
# characters of text (up to 800 KB of UTF-8) plus its notes; 4 MB leaves ample room.
MAX_ARTICLE_FILE_BYTES: Final = 4 * MB

# YAML nesting: set.yaml is three levels deep at most (techniques → item → field).
MAX_YAML_DEPTH: Final = 32

# Assignment files: every passage and every set embedded in one file (each set is also held to
# the limits of a set file).
MAX_ASSIGNMENT_PASSAGES: Final = 10_000
MAX_ASSIGNMENT_SETS: Final = 100
