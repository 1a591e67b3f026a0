"""Per-span feedback verdicts: what the student found, mislabelled, missed or over-flagged."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from trainer.core.spans import Span, covered_length
from trainer.core.taxonomy import Taxonomy

if TYPE_CHECKING:
    from trainer.core.model import Annotation

VerdictKind = Literal[
    "exact", "found", "wrong-label", "partly-found", "missed", "false-alarm", "debatable"
]
FOUND_THRESHOLD = 0.5


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

    def as_dict(self) -> dict[str, object]:
        return {
            "verdict": self.verdict, "start": self.start, "end": self.end, "label": self.label,
            "source": self.source, "coverage": round(self.coverage, 4),
            "optional": self.optional, "explanation": self.explanation, "tip": self.tip,
        }


def _key_verdict(key: Annotation, answers: Sequence[Span], taxonomy: Taxonomy) -> Verdict:
    target = Span(key.start, key.end, key.label)
    family = taxonomy.family_of(key.label)
    any_cov = covered_length(target, answers) / target.length
    family_cov = covered_length(
        target, [a for a in answers if taxonomy.family_of(a.label) == family]
    ) / target.length
    exact_cov = covered_length(target, [a for a in answers if a.label == key.label]) / target.length
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


def compute_verdicts(
    annotations: Sequence[Annotation], answers: Sequence[Span], taxonomy: Taxonomy
) -> list[Verdict]:
    """One verdict per key span, then one per student span that touches no required span."""
    verdicts = [_key_verdict(k, answers, taxonomy) for k in annotations]
    required = [Span(k.start, k.end, k.label) for k in annotations if not k.optional]
    optional = [Span(k.start, k.end, k.label) for k in annotations if k.optional]
    for answer in sorted(answers):
        if any(answer.overlaps(k) for k in required):
            continue
        kind: VerdictKind = (
            "debatable" if any(answer.overlaps(k) for k in optional) else "false-alarm"
        )
        verdicts.append(Verdict(kind, answer.start, answer.end, answer.label, "answer"))
    verdicts.sort(key=lambda v: (v.start, v.end, v.source))
    return verdicts
