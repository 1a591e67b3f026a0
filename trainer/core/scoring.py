"""Span scoring compatible with SemEval-2020 Task 11, as specified in DESIGN §5."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from trainer.core.discernment import DiscernmentCounts, discernment_counts
from trainer.core.parts import scoring_article

# The modes, Counts and the tuple-based steps live in scoring_counts (light, for `trainer
# score`); they are scoring's names too.
from trainer.core.scoring_counts import LEVEL_MODE as LEVEL_MODE
from trainer.core.scoring_counts import MODES as MODES
from trainer.core.scoring_counts import Counts as Counts
from trainer.core.scoring_counts import Mark as Mark
from trainer.core.scoring_counts import Mode as Mode
from trainer.core.scoring_counts import counts_from_groups as counts_from_groups
from trainer.core.scoring_counts import groups_by_mode as groups_by_mode
from trainer.core.scoring_counts import keep_counted as keep_counted
from trainer.core.scoring_counts import sum_counts as sum_counts
from trainer.core.spans import Span, merge_spans, overlap_ratio_sums, relabel
from trainer.core.taxonomy import Taxonomy
from trainer.core.verdicts import KeyAnnotationLike, Verdict, compute_verdicts

_S = TypeVar("_S", bound="ScoredArticle")


class ScoredSpan(KeyAnnotationLike, Protocol):
    @property
    def part(self) -> str: ...


class ScoredArticle(Protocol):
    """An article as scoring reads it: the model's Article, or scorekey's KeyArticle."""

    @property
    def text(self) -> str: ...
    @property
    def annotations(self) -> Sequence[ScoredSpan]: ...
    def scoring_view(self: _S) -> _S: ...


def key_spans(annotations: Iterable[KeyAnnotationLike], optional: bool) -> list[Span]:
    return [Span(a.start, a.end, a.label) for a in annotations if a.optional == optional]


def set_aside_optional(answers: Sequence[Span], required: Sequence[Span],
                       optional: Sequence[Span]) -> list[Span]:
    """Drop student spans that touch an optional key span but no required one."""
    if not optional:
        return list(answers)
    kept = []
    for answer in answers:
        touches_optional = any(answer.overlaps(k) for k in optional)
        if touches_optional and not any(answer.overlaps(k) for k in required):
            continue
        kept.append(answer)
    return kept


def mode_labeller(mode: Mode, taxonomy: Taxonomy) -> Callable[[str], str]:
    if mode == "any":
        return lambda label: ""
    if mode == "family":
        return taxonomy.family_of
    return lambda label: label


def score_spans(answers: Sequence[Span], required: Sequence[Span], mode: Mode,
                taxonomy: Taxonomy) -> Counts:
    """Counts for one article; `answers` must already have optional spans set aside."""
    label_of = mode_labeller(mode, taxonomy)
    a = merge_spans(relabel(answers, label_of))
    k = merge_spans(relabel(required, label_of))
    precision_num, recall_num = overlap_ratio_sums(a, k)
    return Counts(precision_num, len(a), recall_num, len(k))


def score_counts(article: ScoredArticle, answers: Sequence[Span],
                 taxonomy: Taxonomy) -> dict[Mode, Counts]:
    """P/R/F1 counts of one attempt in every mode, optional key spans set aside.

    Same result as set_aside_optional + score_spans per mode, in O((n + m) log(n + m)):
    one sort of each side, then per mode a linear merge and a linear sweep.
    """
    required = sorted((a.start, a.end, a.label) for a in article.annotations if not a.optional)
    optional = [(a.start, a.end) for a in article.annotations if a.optional]
    marks = keep_counted(sorted((s.start, s.end, s.label) for s in answers), required, optional)
    family_of = taxonomy.family_map
    return counts_from_groups(groups_by_mode(marks, family_of),
                              groups_by_mode(required, family_of))


@dataclass(frozen=True)
class ArticleScore:
    counts: dict[Mode, Counts]
    verdicts: list[Verdict] = field(default_factory=list)
    discernment: DiscernmentCounts | None = None


def score_article(article: ScoredArticle, answers: Sequence[Span],
                  taxonomy: Taxonomy) -> ArticleScore:
    """Everything the feedback screen and the store need for one submitted attempt.

    `answers` are in scoring coordinates (trainer.core.parts): headline marks sit after the
    text, so a headline span never overlaps a text span.
    """
    article = scoring_article(article, answers)
    required = key_spans(article.annotations, optional=False)
    optional = key_spans(article.annotations, optional=True)
    return ArticleScore(
        counts=score_counts(article, answers, taxonomy),
        verdicts=compute_verdicts(article.annotations, answers, taxonomy),
        discernment=discernment_counts(article.text, required, optional, answers),
    )

