"""The one error type every loader raises, carrying every problem it found."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable

from trainer.core.record import record

TYPE_CHECKING = False  # typing's, without importing typing (docs/PERFORMANCE.md)
if TYPE_CHECKING:
    from typing import Literal

    Severity = Literal["error", "warning"]
else:
    Severity = str

# Bidirectional overrides and isolates can make a file name read differently from what it is.
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                           "\u2066\u2067\u2068\u2069")
_ESCAPED_CATEGORIES = frozenset({"Cc", "Cs", "Zl", "Zp"})
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _needs_escape(ch: str) -> bool:
    return ch in _BIDI_CONTROLS or unicodedata.category(ch) in _ESCAPED_CATEGORIES


def printable(text: str) -> str:
    """`text` with control characters shown as escapes such as \\x1b, for one terminal line.

    File names (zip entries above all) and quoted file content may hold escape sequences or
    line breaks; printed raw they could recolour the terminal or forge a line of output.
    """
    if all(ch.isprintable() for ch in text):
        return text  # the common case, and isprintable() is a superset of what we escape
    out = []
    for ch in text:
        if not _needs_escape(ch):
            out.append(ch)
        elif ch in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[ch])
        elif ord(ch) < 0x100:
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) < 0x10000:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    return "".join(out)


@record
class Problem:
    """One thing wrong with an input file, located as precisely as we can."""

    file: str
    message: str
    line: int | None = None
    col: int | None = None
    path: str | None = None  # JSON path such as $.articles[3].annotations[0].end
    hint: str = ""
    # A warning names something the loader repaired or will ignore; the input still loads.
    severity: Severity = "error"

    @property
    def is_warning(self) -> bool:
        return self.severity == "warning"

    def format(self, show_severity: bool = False) -> str:
        """`file:line:col: message (hint)`, or `file: $.path: …`; one line, escaped.

        Warnings always say so; `show_severity` also marks errors (as `trainer lint` does).
        """
        if self.line is not None:
            where = f"{self.file}:{self.line}:{self.col if self.col is not None else 1}"
        elif self.path:
            where = f"{self.file}: {self.path}"
        else:
            where = self.file
        kind = f"{self.severity}: " if show_severity or self.is_warning else ""
        text = f"{where}: {kind}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return printable(text)


class InvalidInput(Exception):
    """Raised by loaders; never escapes to the user as a traceback."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(p.format() for p in self.problems))


class LoadNotes:
    """Where each JSON path of a loaded set was written, when the loader knows it.

    Pass one to `load_set`; the Markdown reader sets `locate`, so that later checks (lint) can
    name the file, line and column as `validate` does.
    """

    # A plain class (not a record): a reader sets `locate` after making it.
    def __init__(self, locate: Callable[[Problem], Problem] | None = None) -> None:
        self.locate = locate

    def __repr__(self) -> str:
        return f"LoadNotes(locate={self.locate!r})"

    def relocate(self, problem: Problem) -> Problem:
        return self.locate(problem) if self.locate is not None else problem
