"""Quick drills (issue 11): rounds of single sentences from passages the student has done.

A round holds sentences that contain a required key span and clean sentences in about equal
number; the student answers with a family (level 1) or a technique (level 2 and up), or
"fair". Sentences whose only key spans are debatable are never asked: there is no fair answer.
Sentences of techniques due in the weak-spots queue come first. Pure functions; the random
source is passed in.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from trainer.core.discernment import DiscernmentCounts
from trainer.core.mastery import Observation
from trainer.core.sentences import split_sentences

FAIR = "fair"
ROUND_SIZE = 10


@dataclass(frozen=True)
class DrillArticle:
    """What a drill needs of one article revision the student has done."""

    set_id: str
    article_id: str
    text: str
    text_hash: str
    # (start, end, technique or family, explanation) of the text's required key spans
    required: Sequence[tuple[int, int, str, str]]
    optional: Sequence[tuple[int, int]]


@dataclass(frozen=True)
class DrillItem:
    set_id: str
    article_id: str
    text_hash: str
    start: int
    end: int
    sentence: str
    technique: str | None  # the key span's label; None for a fair sentence
    phrase: str = ""  # the key span's words, shown in the feedback
    explanation: str = ""  # the key's explanation of that phrase

    def expected(self, family_of: dict[str, str], by_technique: bool) -> str:
        if self.technique is None:
            return FAIR
        return self.technique if by_technique else family_of.get(self.technique,
                                                                  self.technique)


SpanT = TypeVar("SpanT", bound=tuple[Any, ...])


def _overlaps(start: int, end: int, spans: Iterable[SpanT]) -> list[SpanT]:
    return [s for s in spans if s[0] < end and start < s[1]]


def sentence_pool(articles: Iterable[DrillArticle]) -> tuple[list[DrillItem], list[DrillItem]]:
    """(sentences holding a key span, fair sentences) of the given articles."""
    signal: list[DrillItem] = []
    fair: list[DrillItem] = []
    for article in articles:
        for start, end in split_sentences(article.text):
            keys = _overlaps(start, end, article.required)
            sentence = article.text[start:end]
            if keys:
                # The sentence's main problem: its longest key span.
                longest = max(keys, key=lambda k: (k[1] - k[0], -k[0]))
                signal.append(DrillItem(article.set_id, article.article_id, article.text_hash,
                                        start, end, sentence, str(longest[2]),
                                        article.text[longest[0]:longest[1]], str(longest[3])))
            elif not _overlaps(start, end, article.optional) and len(sentence.split()) >= 4:
                fair.append(DrillItem(article.set_id, article.article_id, article.text_hash,
                                      start, end, sentence, None))
    return signal, fair


def drill_round(articles: Iterable[DrillArticle], rng: random.Random,
                focus: Sequence[str] = (), size: int = ROUND_SIZE) -> list[DrillItem]:
    """`size` sentences, about half with a problem (focus techniques first), shuffled."""
    signal, fair = sentence_pool(articles)
    rng.shuffle(signal)
    rng.shuffle(fair)
    rank = {t: i for i, t in enumerate(focus)}
    signal.sort(key=lambda item: rank.get(item.technique or "", len(rank)))
    wanted_signal = min(len(signal), max(size - len(fair), (size + 1) // 2))
    chosen = signal[:wanted_signal] + fair[: size - wanted_signal]
    rng.shuffle(chosen)
    return chosen


@dataclass(frozen=True)
class DrillAnswer:
    technique: str | None  # the item's key label, None for a fair sentence
    expected: str
    answer: str

    @property
    def correct(self) -> bool:
        return self.answer == self.expected


def drill_evidence(answers: Iterable[tuple[DrillAnswer, datetime]]
                   ) -> tuple[list[Observation], DiscernmentCounts]:
    """Drill answers as mastery observations and discernment trials (with their times)."""
    observations = []
    hits = misses = false_alarms = rejections = 0
    for answer, when in answers:
        if answer.technique is None:
            false_alarms += answer.answer != FAIR
            rejections += answer.answer == FAIR
            continue
        hits += answer.answer != FAIR
        misses += answer.answer == FAIR
        observations.append(Observation(answer.technique, when,
                                        1.0 if answer.correct else 0.0, 1))
    return observations, DiscernmentCounts(hits, misses, false_alarms, rejections)
