"""class score: the figures of each class attempt, kept with the revision they were scored on

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Empty at first: the next class report scores every stored attempt and fills it.
    op.create_table('class_score',
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('scored_against', sa.String(length=200), nullable=False),
    sa.Column('figures_json', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['attempt_id'], ['class_attempt.id'], name=op.f('fk_class_score_attempt_id_class_attempt'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('attempt_id', name=op.f('pk_class_score'))
    )


def downgrade() -> None:
    op.drop_table('class_score')
