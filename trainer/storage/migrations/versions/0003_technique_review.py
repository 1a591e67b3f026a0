"""technique review: spaced-repetition state per profile and technique

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from trainer.core.schedule import replay

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _utc(value: object) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def upgrade() -> None:
    op.create_table('technique_review',
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('technique', sa.String(length=128), nullable=False),
    sa.Column('box', sa.Integer(), nullable=False),
    sa.Column('due_at', sa.DateTime(), nullable=False),
    sa.Column('last_reviewed_at', sa.DateTime(), nullable=False),
    sa.Column('last_found', sa.Float(), nullable=False),
    sa.Column('last_total', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['profile_id'], ['profile.id'], name=op.f('fk_technique_review_profile_id_profile'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('profile_id', 'technique', name=op.f('pk_technique_review'))
    )
    # Attempts stored before this revision schedule their techniques too.
    rows = op.get_bind().execute(sa.text(
        "SELECT a.profile_id, t.label, t.found, t.total, a.submitted_at "
        "FROM attempt_technique t JOIN attempt a ON a.id = t.attempt_id "
        "ORDER BY a.submitted_at, a.id")).all()
    events: dict[int, list[tuple[str, float, int, datetime]]] = defaultdict(list)
    for profile_id, label, found, total, when in rows:
        events[profile_id].append((label, float(found), int(total), _utc(when)))
    table = sa.table('technique_review', sa.column('profile_id'), sa.column('technique'),
                     sa.column('box'), sa.column('due_at'), sa.column('last_reviewed_at'),
                     sa.column('last_found'), sa.column('last_total'))
    values = [{"profile_id": pid, "technique": s.technique, "box": s.box,
               "due_at": s.due_at.replace(tzinfo=None),
               "last_reviewed_at": s.last_reviewed_at.replace(tzinfo=None),
               "last_found": s.last_found, "last_total": s.last_total}
              for pid, history in events.items() for s in replay(history).values()]
    if values:
        op.bulk_insert(table, values)


def downgrade() -> None:
    op.drop_table('technique_review')
