"""class data: students' progress files imported on the teacher's computer (issue 12)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('class_student',
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('teacher_code', sa.String(length=200), nullable=True),
    sa.Column('file_code', sa.String(length=200), nullable=True),
    sa.Column('first_imported_at', sa.DateTime(), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('uuid', name=op.f('pk_class_student'))
    )
    op.create_table('class_attempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('student_id', sa.String(length=36), nullable=False),
    sa.Column('set_id', sa.String(length=128), nullable=False),
    sa.Column('set_version', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.String(length=128), nullable=False),
    sa.Column('text_hash', sa.String(length=80), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('mode', sa.String(length=16), nullable=False),
    sa.Column('assignment_id', sa.String(length=128), nullable=True),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=False),
    sa.Column('duration_s', sa.Float(), nullable=False),
    sa.Column('nothing_to_flag', sa.Boolean(), nullable=False),
    sa.Column('marks_json', sa.Text(), nullable=False),
    sa.Column('notes_json', sa.Text(), nullable=False),
    sa.Column('scores_json', sa.Text(), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['student_id'], ['class_student.uuid'], name=op.f('fk_class_attempt_student_id_class_student'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_class_attempt')),
    sa.UniqueConstraint('uuid', name=op.f('uq_class_attempt_uuid'))
    )
    with op.batch_alter_table('class_attempt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_class_attempt_assignment_id'), ['assignment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_class_attempt_student_id_submitted_at'), ['student_id', 'submitted_at'], unique=False)
    op.create_table('class_drill',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('student_id', sa.String(length=36), nullable=False),
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
    sa.ForeignKeyConstraint(['student_id'], ['class_student.uuid'], name=op.f('fk_class_drill_student_id_class_student'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_class_drill')),
    sa.UniqueConstraint('uuid', name=op.f('uq_class_drill_uuid'))
    )
    with op.batch_alter_table('class_drill', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_class_drill_student_id'), ['student_id'], unique=False)
    op.create_table('class_import',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.String(length=36), nullable=False),
    sa.Column('file_name', sa.Text(), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.Column('attempts_added', sa.Integer(), nullable=False),
    sa.Column('attempts_already_there', sa.Integer(), nullable=False),
    sa.Column('drills_added', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['student_id'], ['class_student.uuid'], name=op.f('fk_class_import_student_id_class_student'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_class_import'))
    )
    with op.batch_alter_table('class_import', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_class_import_student_id'), ['student_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('class_import', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_class_import_student_id'))
    op.drop_table('class_import')
    with op.batch_alter_table('class_drill', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_class_drill_student_id'))
    op.drop_table('class_drill')
    with op.batch_alter_table('class_attempt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_class_attempt_student_id_submitted_at'))
        batch_op.drop_index(batch_op.f('ix_class_attempt_assignment_id'))
    op.drop_table('class_attempt')
    op.drop_table('class_student')
