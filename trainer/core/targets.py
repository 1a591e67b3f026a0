"""The output formats `save_set` writes, in a module light enough for argument parsing."""

from __future__ import annotations

from typing import Literal

Target = Literal["json", "markdown", "ptc"]
TARGETS: tuple[Target, ...] = ("json", "markdown", "ptc")
