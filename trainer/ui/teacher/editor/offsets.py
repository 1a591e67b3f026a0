"""Spans kept in step with edits to the passage text (positions: trainer/ui/widgets/offsets.py).

Spans are stored in code points (DESIGN §4). Nothing here imports Qt, so the arithmetic is
tested without widgets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from trainer.ui.teacher.editor.draft import NoteDraft


@dataclass(frozen=True)
class TextChange:
    """An edit in code points: `removed` characters at `start` were replaced by `added` ones."""

    start: int
    removed: int
    added: int

    @property
    def delta(self) -> int:
        return self.added - self.removed


def find_change(old: str, new: str, hint: int | None = None) -> TextChange | None:
    """The single edit that turns `old` into `new`, or None when they are equal.

    Qt tells us where an edit happened (`hint`, in code points); the common prefix is capped
    there so that typing a letter next to the same letter shifts the right spans. Without a
    hint (or with a wrong one) the result is still a valid edit, just the leftmost-longest one.
    """
    if old == new:
        return None
    limit = min(len(old), len(new))
    prefix = 0
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    if hint is not None:
        prefix = max(0, min(prefix, hint))
    suffix = 0
    while (suffix < limit - prefix
           and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]):
        suffix += 1
    return TextChange(prefix, len(old) - prefix - suffix, len(new) - prefix - suffix)


class _HasSpan(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=_HasSpan)


def shift_spans(spans: Sequence[S], change: TextChange) -> tuple[list[S], list[S]]:
    """Spans moved to follow an edit, and the spans the edit destroyed.

    Edits before a span move it; edits after it leave it alone; an edit wholly inside a span
    (fixing a typo in the phrase) stretches or shrinks it. An edit that crosses a span's
    boundary or replaces all of it makes the span meaningless, so it is dropped and reported.
    """
    kept: list[S] = []
    dropped: list[S] = []
    edit_start, edit_end, delta = change.start, change.start + change.removed, change.delta
    for span in spans:
        start, end = span.start, span.end
        if edit_end <= start:
            # Wholly before; an insertion exactly at the start stays outside the phrase.
            kept.append(replace(span, start=start + delta, end=end + delta))  # type: ignore[type-var]
        elif edit_start >= end:
            kept.append(span)
        elif start <= edit_start and edit_end <= end and (edit_start, edit_end) != (start, end):
            kept.append(replace(span, end=end + delta))  # type: ignore[type-var]
        else:
            dropped.append(span)
    return kept, dropped


def follow_edit(notes: list[NoteDraft], part: str, change: TextChange) -> None:
    """Move the good-practice notes of one part with an edit (in place); a note whose words
    the edit destroyed is dropped, as a key span would be."""
    mine = [n for n in notes if n.part == part]
    if mine:
        kept, _dropped = shift_spans(mine, change)
        notes[:] = [n for n in notes if n.part != part] + kept
