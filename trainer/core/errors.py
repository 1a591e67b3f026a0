"""The one error type every loader raises, carrying every problem it found."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
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

    def format(self) -> str:
        if self.line is not None:
            where = f"{self.file}:{self.line}:{self.col if self.col is not None else 1}"
        elif self.path:
            where = f"{self.file}: {self.path}"
        else:
            where = self.file
        label = "warning: " if self.is_warning else ""
        text = f"{where}: {label}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class InvalidInput(Exception):
    """Raised by loaders; never escapes to the user as a traceback."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(p.format() for p in self.problems))
