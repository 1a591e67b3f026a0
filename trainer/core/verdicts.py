"""Per-span feedback verdicts: what the student found, mislabelled, missed or over-flagged."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from trainer.core.scoring_counts import FOUND_THRESHOLD as FOUND_THRESHOLD
from trainer.core.spans import Interval, SortedUnion, Span, span_order
from trainer.core.taxonomy import Taxonomy


class KeyAnnotationLike(Protocol):
    """A key span as scoring reads it (the model's Annotation and scorekey's KeyAnnotation)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def label(self) -> str: ...
    @property
    def optional(self) -> bool: ...
    @property
    def explanation(self) -> str: ...
    @property
    def tip(self) -> str: ...


VerdictKind = Literal[
    "exact", "found", "wrong-label", "partly-found", "missed", "false-alarm", "debatable",
    "too-broad",  # feedback only (core.feedback_verdicts), never from compute_verdicts
]


@dataclass(frozen=True)
class Verdict:
    verdict: VerdictKind
    start: int
    end: int
    label: str
    source: Literal["key", "answer"]
    coverage: float = 0.0
    explanation: str = ""
    tip: str = ""
    optional: bool = False
    # For "too-broad": the student's mark (merged, scoring coordinates) that was too broad.
    mark_start: int = -1
    mark_end: int = -1

    def as_dict(self) -> dict[str, object]:
        return {
            "verdict": self.verdict, "start": self.start, "end": self.end, "label": self.label,
            "source": self.source, "coverage": round(self.coverage, 4),
            "optional": self.optional, "explanation": self.explanation, "tip": self.tip,
        }


def _key_verdict(key: KeyAnnotationLike, every: SortedUnion, same_family: SortedUnion,
                 same_label: SortedUnion) -> Verdict:
    length = key.end - key.start
    any_cov = every.covered(key.start, key.end) / length
    family_cov = same_family.covered(key.start, key.end) / length
    exact_cov = same_label.covered(key.start, key.end) / length
    kind: VerdictKind
    if key.optional:
        kind = "debatable"
    elif family_cov >= FOUND_THRESHOLD:
        kind = "exact" if exact_cov >= FOUND_THRESHOLD else "found"
    elif any_cov >= FOUND_THRESHOLD:
        kind = "wrong-label"
    elif any_cov > 0:
        kind = "partly-found"
    else:
        kind = "missed"
    return Verdict(kind, key.start, key.end, key.label, "key", any_cov, key.explanation,
                   key.tip, key.optional)


_NOTHING = SortedUnion(())


def compute_verdicts(
    annotations: Sequence[KeyAnnotationLike], answers: Sequence[Span], taxonomy: Taxonomy
) -> list[Verdict]:
    """One verdict per key span, then one per student span that touches no required span.

    The answers are merged once per article (all, per family, per label), so each key span
    costs a binary search rather than a pass over every answer.
    """
    family_of = taxonomy.family_map
    every: list[Interval] = []
    by_family: defaultdict[str, list[Interval]] = defaultdict(list)
    by_label: defaultdict[str, list[Interval]] = defaultdict(list)
    for answer in answers:
        interval = (answer.start, answer.end)
        every.append(interval)
        by_family[family_of.get(answer.label, answer.label)].append(interval)
        by_label[answer.label].append(interval)
    all_union = SortedUnion(every)
    families = {family: SortedUnion(group) for family, group in by_family.items()}
    labels = {label: SortedUnion(group) for label, group in by_label.items()}
    verdicts = [_key_verdict(k, all_union,
                             families.get(family_of.get(k.label, k.label), _NOTHING),
                             labels.get(k.label, _NOTHING)) for k in annotations]
    required = SortedUnion((k.start, k.end) for k in annotations if not k.optional)
    optional = SortedUnion((k.start, k.end) for k in annotations if k.optional)
    for answer in sorted(answers, key=span_order):
        if required.touches(answer.start, answer.end):
            continue
        kind: VerdictKind = (
            "debatable" if optional.touches(answer.start, answer.end) else "false-alarm"
        )
        verdicts.append(Verdict(kind, answer.start, answer.end, answer.label, "answer"))
    verdicts.sort(key=lambda v: (v.start, v.end, v.source))
    return verdicts
