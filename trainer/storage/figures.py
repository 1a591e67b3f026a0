"""Per-technique tallies computed again when the way of computing them changed.

Every attempt keeps, per key technique, how many required key phrases it found and met
(`attempt_technique`); mastery and the weak-spots queue (`technique_review`) read them. They
are computed when the attempt is stored (storage/practice.py). When the way they are computed
changes, core.mastery.FIGURES_VERSION is raised; a store that opens with figures of an older
version (the `setting` row below, absent before version 4; read with the file's checks in
storage/migrate.py, so a current file costs nothing more) computes the tallies again from
the stored marks — of the attempts the raise can have changed (CHANGED_BY), else of every
attempt — then the review queue from them, in one transaction. The attempt's own score
columns are left as they were stored.

A read-only store cannot be changed: it shows the figures it holds until it is opened for
writing.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, delete, false, insert, or_, select
from sqlalchemy.orm import Session

from trainer.core.mastery import FIGURES_VERSION
from trainer.core.spans import Span
from trainer.storage.base import StorePart, utcnow
from trainer.storage.models import (
    AnswerSpan,
    ArticleRevision,
    Attempt,
    AttemptTechnique,
    Setting,
)

if TYPE_CHECKING:
    from trainer.storage.records import ArticleView

FIGURES_KEY = "store.figures_version"


# Which attempts each raise of FIGURES_VERSION can have changed, by the attempt's stored
# columns; the others keep their tallies. A raise without an entry changes every attempt.
CHANGED_BY: dict[int, ColumnElement[bool]] = {
    4: Attempt.student_too_broad > 0,  # 4 counted phrases reached by too-broad marks anew
    5: false(),  # 5 changed only the class report's missed phrases, not the tallies
}
# Before version 4 no version was kept: those tallies are version 3's.
UNSAID = 3


class Figures(StorePart):
    def refresh(self) -> int | None:
        """Compute the tallies the raise(s) since the stored version can have changed
        (checked inside the write transaction: another program may have just done it);
        returns how many attempts were computed again (None when they were current)."""
        with self._write() as session:
            raw = session.scalar(select(Setting.value_json).where(Setting.key == FIGURES_KEY))
            try:
                kept = json.loads(raw) if raw is not None else UNSAID
            except ValueError:  # not ours to read: compute everything
                kept = None
            if kept == FIGURES_VERSION:
                return None
            steps = range(kept + 1, FIGURES_VERSION + 1) if isinstance(kept, int) else range(0)
            known = bool(steps) and all(step in CHANGED_BY for step in steps)
            count = recompute_tallies(session, or_(*(CHANGED_BY[step] for step in steps))
                                      if known else None)
            session.merge(Setting(key=FIGURES_KEY, value_json=json.dumps(FIGURES_VERSION),
                                  updated_at=utcnow()))
        return count


def recompute_tallies(session: Session, only: ColumnElement[bool] | None = None) -> int:
    """The `attempt_technique` rows of every attempt (or those `only` selects) from its marks,
    then the review queue of the techniques they hold; returns the number of attempts."""
    # Imported here: a store whose figures are current never needs the scoring modules' models.
    from trainer.core.parts import marks_from_parts
    from trainer.core.scoring import score_article
    from trainer.storage.class_reading import chunks
    from trainer.storage.content import Library
    from trainer.storage.learning import refresh_reviews
    from trainer.storage.practice import technique_counts

    chosen = select(Attempt.id).where(only) if only is not None else select(Attempt.id)
    attempts = session.execute(select(Attempt.id, Attempt.profile_id, Attempt.revision_id,
                                      Attempt.mode).where(Attempt.id.in_(chosen))
                               .order_by(Attempt.id)).all()
    if not attempts:
        return 0
    parts: defaultdict[int, list[tuple[Span, str]]] = defaultdict(list)
    for attempt_id, start, end, label, part in session.execute(
            select(AnswerSpan.attempt_id, AnswerSpan.start, AnswerSpan.end, AnswerSpan.label,
                   AnswerSpan.part).where(AnswerSpan.attempt_id.in_(chosen))
            .order_by(AnswerSpan.attempt_id, AnswerSpan.position)):
        parts[attempt_id].append((Span(start, end, label), part))
    # The techniques whose review state can change: those the attempts held, and hold now.
    labels: defaultdict[int, set[str]] = defaultdict(set)
    for old_label, profile_pk in session.execute(
            select(AttemptTechnique.label, Attempt.profile_id)
            .join(Attempt, Attempt.id == AttemptTechnique.attempt_id)
            .where(Attempt.id.in_(chosen)).distinct()):
        labels[profile_pk].add(old_label)
    views: dict[int, ArticleView] = {}
    rows: list[dict[str, object]] = []
    done: list[int] = []
    for attempt_pk, profile_pk, revision_id, mode in attempts:
        view = views.get(revision_id)
        if view is None:
            revision = session.get(ArticleRevision, revision_id)
            if revision is None:  # foreign keys keep it; nothing to score against otherwise
                continue
            view = views[revision_id] = Library.build_view(session, revision)
        marks = tuple(marks_from_parts(view.article, parts.get(attempt_pk, [])))
        result = score_article(view.article, marks, view.taxonomy)
        tally = technique_counts(view.article, marks, result.verdicts, mode, view.taxonomy)
        rows.extend({"attempt_id": attempt_pk, "label": label, "found": f, "total": t}
                    for label, (f, t) in tally.items())
        labels[profile_pk].update(tally)
        done.append(attempt_pk)
    for chunk in chunks(done):
        session.execute(delete(AttemptTechnique).where(AttemptTechnique.attempt_id.in_(chunk)))
    if rows:
        session.execute(insert(AttemptTechnique), rows)
    for profile_pk, techniques in labels.items():
        refresh_reviews(session, profile_pk, techniques)
    return len(done)
