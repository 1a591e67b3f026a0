"""Span scoring compatible with SemEval-2020 Task 11, as specified in DESIGN §5."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol, TypeVar

from trainer.core.discernment import DiscernmentCounts, discernment_counts
from trainer.core.parts import scoring_article
from trainer.core.spans import (
    Interval,
    Span,
    merge_sorted,
    merge_spans,
    overlap_ratio_sums,
    ratio_sums_sorted,
    relabel,
    touches_any,
)
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


Mode = Literal["any", "family", "technique"]
MODES: tuple[Mode, ...] = ("any", "family", "technique")
LEVEL_MODE: dict[int, Mode] = {1: "family", 2: "family", 3: "technique"}


@dataclass(frozen=True)
class Counts:
    """Numerators and denominators, so that articles can be micro-averaged by addition."""

    precision_num: float = 0.0
    precision_den: int = 0
    recall_num: float = 0.0
    recall_den: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.precision_num + other.precision_num,
            self.precision_den + other.precision_den,
            self.recall_num + other.recall_num,
            self.recall_den + other.recall_den,
        )

    @property
    def precision(self) -> float:
        # No student spans: nothing claimed, nothing wrong (DESIGN §5 edge cases).
        return self.precision_num / self.precision_den if self.precision_den else 1.0

    @property
    def recall(self) -> float:
        # No key spans: nothing to find, so nothing was missed.
        return self.recall_num / self.recall_den if self.recall_den else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}

    def sums(self) -> dict[str, float]:
        """The numerators and denominators behind precision and recall (`trainer score`)."""
        return {"precision_num": self.precision_num, "precision_den": self.precision_den,
                "recall_num": self.recall_num, "recall_den": self.recall_den}


def sum_counts(items: Iterable[Counts]) -> Counts:
    total = Counts()
    for item in items:
        total = total + item
    return total


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


Mark = tuple[int, int, str]  # (start, end, label): a span on the tuple-based paths


def groups_by_mode(items: Sequence[Mark], family_of: Mapping[str, str]
                   ) -> dict[Mode, dict[str, list[Interval]]]:
    """Merged intervals grouped by each mode's label, in one pass over `items` sorted."""
    family: defaultdict[str, list[Interval]] = defaultdict(list)
    technique: defaultdict[str, list[Interval]] = defaultdict(list)
    every: list[Interval] = []
    for start, end, label in items:
        interval = (start, end)
        every.append(interval)
        family[family_of.get(label, label)].append(interval)
        technique[label].append(interval)
    groups: dict[Mode, dict[str, list[Interval]]] = {"any": {"": every} if every else {},
                                                      "family": family, "technique": technique}
    return {mode: {label: merge_sorted(group) for label, group in by_label.items()}
            for mode, by_label in groups.items()}


def keep_counted(marks: list[Mark], required: Sequence[Mark],
                 optional: Sequence[Interval]) -> list[Mark]:
    """set_aside_optional on sorted tuples: marks touching only optional key spans go."""
    if not (optional and marks):
        return marks
    req_union = merge_sorted([(s, e) for s, e, _ in sorted(required)])
    opt_union = merge_sorted(sorted(optional))
    req_starts, req_ends = [s for s, _ in req_union], [e for _, e in req_union]
    opt_starts, opt_ends = [s for s, _ in opt_union], [e for _, e in opt_union]
    return [m for m in marks
            if touches_any(m[0], m[1], req_starts, req_ends)
            or not touches_any(m[0], m[1], opt_starts, opt_ends)]


def counts_from_groups(mine: dict[Mode, dict[str, list[Interval]]],
                       keys: dict[Mode, dict[str, list[Interval]]]) -> dict[Mode, Counts]:
    """Per mode, a linear sweep of each label's merged marks against its merged key spans."""
    counts: dict[Mode, Counts] = {}
    for mode in MODES:
        precision_num = recall_num = 0.0
        key_groups = keys[mode]
        for label, group in mine[mode].items():
            key_group = key_groups.get(label)
            if key_group:
                p, r = ratio_sums_sorted(group, key_group)
                precision_num += p
                recall_num += r
        counts[mode] = Counts(precision_num, sum(map(len, mine[mode].values())),
                              recall_num, sum(map(len, key_groups.values())))
    return counts


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

