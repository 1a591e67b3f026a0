"""attempt notes: a student's "I disagree" note on a verdict

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('attempt_note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('part', sa.String(length=8), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('written_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['attempt_id'], ['attempt.id'], name=op.f('fk_attempt_note_attempt_id_attempt'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attempt_note')),
    sa.UniqueConstraint('attempt_id', 'part', 'start', 'end', name=op.f('uq_attempt_note_attempt_id_part_start_end'))
    )
    with op.batch_alter_table('attempt_note', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attempt_note_attempt_id'), ['attempt_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('attempt_note', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attempt_note_attempt_id'))
    op.drop_table('attempt_note')
