"""Headline and text as one scoring string, so spans of different parts can never overlap.

Files, the database and progress files keep each span's offsets relative to its part
(`"part": "title"` or `"text"`). Scoring works on *scoring coordinates*: the text, then a
blank line, then the title; a title span at title offset k sits at len(text) + 2 + k. The
blank line makes the headline its own sentence for discernment and the student score, and no
span of one part can reach into the other. An article without headline spans, scored
without headline marks, is scored on its text alone, exactly as before format version 2.

Light on purpose (no pydantic): `trainer score` and setcheck import it. Articles are anything
with `text`, `title`, `annotations` and a `scoring_view()` that moves title spans (the model's
Article and `trainer score`'s KeyArticle both have one).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from trainer.core.spans import Span

TYPE_CHECKING = False  # typing's, without importing typing (docs/PERFORMANCE.md)
if TYPE_CHECKING:
    from typing import Final, TypeVar

    from trainer.core.part_shapes import PartedArticle, Texted

    _A = TypeVar("_A", bound=PartedArticle)

PARTS: Final = ("text", "title")
SEPARATOR = "\n\n"


def title_base(article: Texted) -> int:
    """Where the title starts in scoring coordinates."""
    return len(article.text) + len(SEPARATOR)


def to_scoring(article: Texted, start: int, end: int, part: str) -> tuple[int, int]:
    base = title_base(article) if part == "title" else 0
    return start + base, end + base


def from_scoring(article: Texted, start: int, end: int) -> tuple[str, int, int]:
    """(part, start, end) of a span given in scoring coordinates."""
    base = title_base(article)
    if start >= base:
        return "title", start - base, end - base
    return "text", start, end


def mark_to_scoring(article: Texted, span: Span, part: str) -> Span:
    start, end = to_scoring(article, span.start, span.end, part)
    return Span(start, end, span.label)


def marks_from_parts(article: Texted, marks: Iterable[tuple[Span, str]]) -> list[Span]:
    return [mark_to_scoring(article, span, part) for span, part in marks]


def split_marks(article: Texted, marks: Iterable[Span]) -> list[tuple[Span, str]]:
    """Scoring-coordinate marks as (span relative to its part, part)."""
    out = []
    for mark in marks:
        part, start, end = from_scoring(article, mark.start, mark.end)
        out.append((Span(start, end, mark.label), part))
    return out


def uses_title(article: PartedArticle, marks: Sequence[Span] = ()) -> bool:
    return (any(a.part == "title" for a in article.annotations)
            or any(m.end > len(article.text) for m in marks))


def scoring_article(article: _A, marks: Sequence[Span] = (), *, combined: bool = False) -> _A:
    """The article as scoring sees it: one string and every span in scoring coordinates.

    Returns `article` itself when neither its key spans nor `marks` touch the title (and
    `combined` is not asked for). Text offsets are the same either way.
    """
    if not combined and not uses_title(article, marks):
        return article
    return article.scoring_view()
