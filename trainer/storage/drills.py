"""`store.drills`: quick-drill rounds from passages the profile has done, and their answers."""

from __future__ import annotations

import random
import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer.core.drill import DrillArticle, DrillItem, drill_round
from trainer.storage.base import StorePart, utcnow
from trainer.storage.errors import StoreError
from trainer.storage.learning import refresh_reviews, review_states
from trainer.storage.models import ArticleRevision, Attempt, DrillAnswerRow, KeySpan

MODES = ("family", "technique")


def done_articles(session: Session, profile_pk: int) -> list[DrillArticle]:
    """The current revision of every article the profile has submitted at least once."""
    from trainer.core.progress_file import text_hash  # pydantic: not at start-up

    done = {(s, a) for s, a in session.execute(
        select(ArticleRevision.set_id, ArticleRevision.article_id)
        .join(Attempt, Attempt.revision_id == ArticleRevision.id)
        .where(Attempt.profile_id == profile_pk))}
    revisions = [r for r in session.scalars(
        select(ArticleRevision).where(ArticleRevision.is_current)
        .order_by(ArticleRevision.set_id, ArticleRevision.position))
        if (r.set_id, r.article_id) in done]
    keys: dict[int, list[KeySpan]] = {}
    for span in session.scalars(select(KeySpan).where(
            KeySpan.revision_id.in_([r.id for r in revisions]))):
        keys.setdefault(span.revision_id, []).append(span)
    return [DrillArticle(
        r.set_id, r.article_id, r.text, text_hash(r.title, r.text),
        [(k.start, k.end, k.label, k.explanation) for k in keys.get(r.id, []) if not k.optional
         and getattr(k, "part", "text") == "text"],
        [(k.start, k.end) for k in keys.get(r.id, []) if k.optional])
        for r in revisions]


class Drills(StorePart):
    def round(self, profile_id: str, rng: random.Random | None = None,
              now: datetime | None = None) -> list[DrillItem]:
        """Ten sentences from passages this profile has done, due techniques first."""
        with self._read() as session:
            pk = self._profile_pk(session, profile_id)
            due = [s.technique for s in sorted(review_states(session, pk),
                                              key=lambda s: (s.due_at, s.box))
                   if s.due_at <= (now or utcnow())]
            return drill_round(done_articles(session, pk), rng or random.Random(), due)

    def answer(self, profile_id: str, item: DrillItem, mode: str, expected: str, answer: str,
               when: datetime | None = None) -> str:
        """Store one answer (it counts in mastery and discernment); returns its id."""
        if mode not in MODES:
            raise StoreError(f"unknown drill mode {mode!r}")
        answer_id = str(uuid.uuid4())
        with self._write() as session:
            pk = self._profile_pk(session, profile_id)
            session.add(DrillAnswerRow(
                uuid=answer_id, profile_id=pk, set_id=item.set_id, article_id=item.article_id,
                text_hash=item.text_hash, start=item.start, end=item.end, mode=mode,
                technique=item.technique, expected=expected, answer=answer,
                answered_at=when or utcnow()))
            session.flush()
            if item.technique is not None:
                refresh_reviews(session, pk, [item.technique])
        return answer_id
