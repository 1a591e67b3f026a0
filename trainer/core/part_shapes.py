"""What an article or span with a headline part looks like to scoring (typing Protocols).

Apart from parts.py, which `trainer score` imports: these need `typing` at run time
(PartedArticle is checked with isinstance, Part is a pydantic field type), and the command
does not load typing (DESIGN §9, docs/PERFORMANCE.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, Protocol, TypeVar, runtime_checkable

Part = Literal["text", "title"]


class PartSpan(Protocol):
    @property
    def part(self) -> str: ...


class Texted(Protocol):
    @property
    def text(self) -> str: ...


@runtime_checkable
class PartedArticle(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def annotations(self) -> Sequence[PartSpan]: ...
    def scoring_view(self: _A) -> _A: ...


_A = TypeVar("_A", bound=PartedArticle)
