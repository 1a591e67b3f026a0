"""progress exchange: level and assignment of an attempt, student code, kept attempts

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('level', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('assignment_id', sa.String(length=128), nullable=True))
    with op.batch_alter_table('profile', schema=None) as batch_op:
        batch_op.add_column(sa.Column('student_code', sa.String(length=200), nullable=True))
    op.create_table('kept_attempt',
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('set_id', sa.String(length=128), nullable=False),
    sa.Column('article_id', sa.String(length=128), nullable=False),
    sa.Column('text_hash', sa.String(length=80), nullable=False),
    sa.Column('attempt_json', sa.Text(), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['profile_id'], ['profile.id'], name=op.f('fk_kept_attempt_profile_id_profile'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('uuid', name=op.f('pk_kept_attempt'))
    )
    with op.batch_alter_table('kept_attempt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kept_attempt_profile_id'), ['profile_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('kept_attempt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kept_attempt_profile_id'))
    op.drop_table('kept_attempt')
    with op.batch_alter_table('profile', schema=None) as batch_op:
        batch_op.drop_column('student_code')
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_column('assignment_id')
        batch_op.drop_column('level')
