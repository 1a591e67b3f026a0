"""The verdicts the student sees: the research verdicts made to agree with the student score.

compute_verdicts measures coverage by characters, as the research score does, so a mark that
runs over two sentences "finds" every key phrase inside it. The student score counts such a
mark as too broad: it hits nothing (DESIGN §5, student_score.py). Feedback that says "Found"
next to a score card that says "0 found · 1 mark too broad" contradicts itself, so each
required key span that only a too-broad mark reaches becomes "too-broad", naming that mark.
`trainer score` and the stored research numbers keep compute_verdicts' verdicts unchanged.

The same verdicts feed mastery (feedback_tally): the student's dashboard, the Leitner queue and
the class report count a key phrase as found only where the feedback says "Found", so the
three never disagree (docs/SCORING.md, "One source of truth for mastery").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from trainer.core.mastery import technique_tally
from trainer.core.part_shapes import PartedArticle
from trainer.core.parts import scoring_article
from trainer.core.scoring import ArticleScore, Mode, mode_labeller
from trainer.core.spans import Span
from trainer.core.student_score import KeyedText, assess
from trainer.core.taxonomy import Taxonomy
from trainer.core.verdicts import Verdict, compute_verdicts

_FOUND = ("exact", "found")


def feedback_verdicts(article: KeyedText, marks: Sequence[Span], result: ArticleScore,
                      mode: Mode, taxonomy: Taxonomy) -> list[Verdict]:
    """`result.verdicts` with every key span met only by too-broad marks made "too-broad",
    and one row per debatable phrase.

    compute_verdicts gives a debatable phrase the student marked two verdicts, the key's and
    the mark's ("answer"); the feedback list showed both, so the student read the same
    phrase twice. A student mark is "debatable" only where it touches an optional key span,
    and every optional key span has its own "debatable" verdict, so dropping the mark's loses
    nothing: the key's row says the student marked it (review 4, finding 7). Mastery and the
    class report never count debatable verdicts, so they read shown_verdicts unchanged.
    """
    return [v for v in shown_verdicts(article, marks, result.verdicts, mode, taxonomy)
            if not (v.verdict == "debatable" and v.source == "answer")]


def feedback_tally(article: KeyedText, marks: Sequence[Span], verdicts: Sequence[Verdict],
                   mode: Mode, taxonomy: Taxonomy) -> dict[str, tuple[int, int]]:
    """Per key technique: (required key spans the feedback calls found or exact, met), from
    an attempt's research `verdicts` — what mastery counts for that attempt."""
    return technique_tally((v.verdict, v.label, v.source, v.optional)
                           for v in shown_verdicts(article, marks, verdicts, mode, taxonomy))


def shown_verdicts(article: KeyedText, marks: Sequence[Span], verdicts: Sequence[Verdict],
                   mode: Mode, taxonomy: Taxonomy) -> list[Verdict]:
    """`verdicts` (compute_verdicts') with every key span met only by too-broad marks made
    "too-broad".

    A key span keeps its verdict when the marks that are not too broad alone give it the
    same one (or find it); otherwise it is too broad and names the (first) too-broad mark
    that overlaps it. `marks` are in scoring coordinates, like the verdicts.
    """
    broad = [m for m in assess(article, marks, mode, taxonomy).marks if m.kind == "too-broad"]
    if not broad:
        return list(verdicts)
    label_of = mode_labeller(mode, taxonomy)
    # The student score merges overlapping marks of one (mode-)label before judging them, so
    # a mark belongs to a too-broad one when it lies inside it with its label.
    narrow = [m for m in marks
              if not any(b.start <= m.start and m.end <= b.end and label_of(m.label) == b.label
                         for b in broad)]
    scored = (scoring_article(article, marks) if isinstance(article, PartedArticle)
              else article)
    alone = {(v.start, v.end, v.label): v.verdict
             for v in compute_verdicts(scored.annotations, narrow, taxonomy)  # type: ignore[arg-type]
             if v.source == "key"}
    shown: list[Verdict] = []
    for verdict in verdicts:
        without = alone.get((verdict.start, verdict.end, verdict.label), verdict.verdict)
        if (verdict.source == "key" and not verdict.optional and without != verdict.verdict
                and without not in _FOUND):
            wide = next((b for b in broad if b.start < verdict.end and verdict.start < b.end),
                        None)
            if wide is not None:
                verdict = replace(verdict, verdict="too-broad", mark_start=wide.start,
                                  mark_end=wide.end)
        shown.append(verdict)
    return shown
