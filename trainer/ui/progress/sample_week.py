"""A realistic week of practice for the screenshot profile (`make screenshots`).

The week goes in the way a student's own history would arrive from another laptop: as a
progress file through `store.progress.import_file`, so every figure the dashboard shows is
computed by the real code from marks. Drill answers go through `store.drills.answer` with
their day's time. Seeded and deterministic, so the pictures only change when the screens do.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from trainer.core.drill import FAIR
from trainer.core.model import Annotation
from trainer.core.progress_file import (
    ProgressAttempt,
    ProgressFile,
    ProgressMark,
    ProgressProfile,
    text_hash,
)
from trainer.core.taxonomy import Taxonomy
from trainer.storage.service import Store

# Techniques this student already spots most of the time; everything else is found about
# one time in three, casting doubt hardly ever, so the weak-spots list has something to say.
STRONG = frozenset({"loaded-language", "labeling", "exaggeration", "appeal-to-fear",
                    "anonymous-source"})
HARDLY = frozenset({"doubt-casting"})
DAYS = (6, 5, 3, 2, 1, 0)  # six days out of seven: a break on day 4, then a streak
PER_DAY = 4


def _found(rng: random.Random, technique: str) -> bool:
    chance = 0.9 if technique in STRONG else 0.1 if technique in HARDLY else 0.35
    return rng.random() < chance


def sample_week(store: Store, profile_id: str, now: datetime | None = None,
                seed: int = 11) -> int:
    """Add a week of attempts and two drill rounds to `profile_id`; returns attempts added."""
    now = now or datetime.now(UTC)
    rng = random.Random(seed)
    profile = next(p for p in store.profiles.list() if p.id == profile_id)
    entries = [e for e in store.library.entries(profile_id) if e.level in (1, 2)]
    # Leave a third of the passages untried: the weak-spots queue prefers fresh ones.
    entries = entries[: max(1, len(entries) * 2 // 3)]
    attempts: list[ProgressAttempt] = []
    taxonomy: Taxonomy | None = None
    slot = 0
    for day in DAYS:
        for n in range(PER_DAY):
            entry = entries[slot % len(entries)]
            slot += 1
            view = store.library.article(entry.revision_id)
            article, taxonomy = view.article, view.taxonomy
            submitted = now - timedelta(days=day, minutes=25 * (PER_DAY - n) + 5)
            by_technique = article.level >= 2
            marks = [ProgressMark(start=a.start, end=a.end, part=a.part,
                                  label=a.label if by_technique else taxonomy.family_of(a.label))
                     for a in article.annotations
                     if not a.optional and _found(rng, a.label)]
            if rng.random() < 0.35:  # now and then a fair phrase flagged too
                marks.extend(_false_alarm(article.text, article.annotations, by_technique))
            attempts.append(ProgressAttempt(
                id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                set_id=entry.set_id, set_version=1, article_id=entry.article_id,
                text_hash=text_hash(article.title, article.text), level=article.level,
                mode="technique" if by_technique else "family",
                started_at=submitted - timedelta(minutes=6), submitted_at=submitted,
                duration_s=360.0, nothing_to_flag=not marks and article.is_clean,
                marks=marks))
    progress = ProgressFile(exported_at=now, profile=ProgressProfile(
        id=profile.id, name=profile.name), attempts=attempts)
    report = store.progress.import_file(progress)
    if taxonomy is not None:
        for day in (3, 1):
            _drill_round(store, profile_id, taxonomy, now - timedelta(days=day, hours=1), rng)
    return report.added


def _false_alarm(text: str, keys: Sequence[Annotation], by_technique: bool
                 ) -> list[ProgressMark]:
    taken = [(k.start, k.end) for k in keys if k.part == "text"]
    start = 0
    for sentence in text.split(". ")[1:]:
        start = text.index(sentence, start)
        end = start + len(" ".join(sentence.split()[:3]))
        if end > start and not any(s < end and start < e for s, e in taken):
            return [ProgressMark(start=start, end=end,
                                 label="loaded-language" if by_technique else "framing")]
    return []


def _drill_round(store: Store, profile_id: str, taxonomy: Taxonomy, when: datetime,
                 rng: random.Random) -> None:
    for n, item in enumerate(store.drills.round(profile_id, rng, now=when)):
        expected = item.expected(taxonomy.family_map, False)
        right = _found(rng, item.technique) if item.technique else rng.random() < 0.8
        wrong = FAIR if item.technique else rng.choice(sorted(taxonomy.families))
        store.drills.answer(profile_id, item, "family", expected, expected if right else wrong,
                            when=when + timedelta(seconds=20 * n))
