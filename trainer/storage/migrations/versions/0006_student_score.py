"""student score stored with every attempt

Adds the student score's counts (DESIGN §5) to `attempt` and computes them for the attempts
already stored, from their saved marks, their article revision's text and key, and their
set's own techniques, in the mode each attempt was graded in. Headline spans and marks
(revision 0004) are moved after the text and a blank line, the scoring coordinates of
trainer.core.parts, exactly as submitting does.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COUNTS = ("found", "partly", "missed", "key_spans", "marks", "hits", "false_alarms",
          "too_broad", "wrong_labels")


# NamedTuples, not dataclasses: Alembic loads this file outside sys.modules, where
# dataclasses cannot resolve postponed annotations.
class _Key(NamedTuple):
    start: int
    end: int
    label: str
    optional: bool


class _Article(NamedTuple):
    text: str
    annotations: list[_Key]


def upgrade() -> None:
    # Plain ADD COLUMN, never a batch table rebuild: with foreign keys on, rebuilding
    # `attempt` would cascade-delete every answer span.
    op.add_column('attempt', sa.Column('student_score', sa.Float(), server_default='0',
                                       nullable=False))
    for name in COUNTS:
        op.add_column('attempt', sa.Column(f'student_{name}', sa.Integer(), server_default='0',
                                           nullable=False))
    _compute_existing(op.get_bind())


def _compute_existing(connection: sa.Connection) -> None:
    # Imported here so that importing the migration module stays cheap.
    from trainer.core.scoring import MODES, Mode
    from trainer.core.spans import Span
    from trainer.core.student_score import student_score
    from trainer.core.taxonomy import Taxonomy, Technique, default_taxonomy

    attempts = connection.execute(sa.text(
        "SELECT attempt.id, attempt.revision_id, attempt.mode, article.text, article.title, "
        "article_set.techniques_json FROM attempt "
        "JOIN article ON article.id = attempt.revision_id "
        "JOIN article_set ON article_set.id = article.set_id")).all()
    if not attempts:
        return
    marks: defaultdict[int, list[tuple[int, int, str, str]]] = defaultdict(list)
    for attempt_id, start, end, label, part in connection.execute(sa.text(
            'SELECT attempt_id, start, "end", label, part FROM answer_span '
            "ORDER BY attempt_id, position")):
        marks[attempt_id].append((start, end, label, part))
    keys: defaultdict[int, list[tuple[int, int, str, bool, str]]] = defaultdict(list)
    for revision_id, start, end, label, optional, part in connection.execute(sa.text(
            'SELECT revision_id, start, "end", label, optional, part FROM key_span '
            "ORDER BY revision_id, position")):
        keys[revision_id].append((start, end, label, bool(optional), part))
    taxonomies: dict[str, Taxonomy] = {}
    columns = ", ".join(f"student_{name} = :{name}" for name in ("score", *COUNTS))
    update = sa.text(f"UPDATE attempt SET {columns} WHERE id = :id")
    known: dict[str, Mode] = {m: m for m in MODES}
    rows = []
    for attempt_id, revision_id, mode, text, title, techniques_json in attempts:
        taxonomy = taxonomies.get(techniques_json)
        if taxonomy is None:
            taxonomy = default_taxonomy().with_extra(
                Technique(t["id"], t["family"], t["name"], t["definition"],
                          t.get("example", ""), t.get("check", ""))
                for t in json.loads(techniques_json))
            taxonomies[techniques_json] = taxonomy
        # Attempts store the mode they were graded in; anything else reads as family.
        graded = known.get(mode, "family")
        # Scoring coordinates: a headline span at title offset k sits at len(text) + 2 + k.
        base = len(text) + 2
        article_keys = [_Key(s + base * (p == "title"), e + base * (p == "title"), label, opt)
                        for s, e, label, opt, p in keys[revision_id]]
        article_marks = [Span(s + base * (p == "title"), e + base * (p == "title"), label)
                         for s, e, label, p in marks[attempt_id]]
        if any(p == "title" for *_, p in keys[revision_id]) or any(
                p == "title" for *_, p in marks[attempt_id]):
            text = f"{text}\n\n{title}"
        score = student_score(_Article(text, article_keys), article_marks, graded, taxonomy)
        rows.append({"id": attempt_id, "score": score.score,
                     **{name: getattr(score, name) for name in COUNTS}})
    connection.execute(update, rows)


def downgrade() -> None:
    for name in reversed(COUNTS):
        op.drop_column('attempt', f'student_{name}')
    op.drop_column('attempt', 'student_score')
