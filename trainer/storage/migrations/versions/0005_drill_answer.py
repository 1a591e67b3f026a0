"""drill answer: quick-drill answers per profile

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('drill_answer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('set_id', sa.String(length=128), nullable=False),
    sa.Column('article_id', sa.String(length=128), nullable=False),
    sa.Column('text_hash', sa.String(length=80), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('mode', sa.String(length=16), nullable=False),
    sa.Column('technique', sa.String(length=128), nullable=True),
    sa.Column('expected', sa.String(length=128), nullable=False),
    sa.Column('answer', sa.String(length=128), nullable=False),
    sa.Column('answered_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['profile_id'], ['profile.id'], name=op.f('fk_drill_answer_profile_id_profile'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_drill_answer')),
    sa.UniqueConstraint('uuid', name=op.f('uq_drill_answer_uuid'))
    )
    with op.batch_alter_table('drill_answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_drill_answer_profile_id_answered_at'), ['profile_id', 'answered_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('drill_answer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_drill_answer_profile_id_answered_at'))
    op.drop_table('drill_answer')
