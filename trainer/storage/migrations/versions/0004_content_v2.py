"""article-set format 2: headline spans, good-practice notes, source cards, cards opened

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Every existing row gets the version-1 meaning: spans and marks in the text, no notes,
    # no cards, none opened.
    with op.batch_alter_table('article_set', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sources_json', sa.Text(), server_default='[]',
                                      nullable=False))
    with op.batch_alter_table('article', schema=None) as batch_op:
        batch_op.add_column(sa.Column('notes_json', sa.Text(), server_default='[]',
                                      nullable=False))
    with op.batch_alter_table('key_span', schema=None) as batch_op:
        batch_op.add_column(sa.Column('part', sa.String(length=8), server_default='text',
                                      nullable=False))
    with op.batch_alter_table('answer_span', schema=None) as batch_op:
        batch_op.add_column(sa.Column('part', sa.String(length=8), server_default='text',
                                      nullable=False))
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sources_opened_json', sa.Text(), server_default='[]',
                                      nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_column('sources_opened_json')
    with op.batch_alter_table('answer_span', schema=None) as batch_op:
        batch_op.drop_column('part')
    with op.batch_alter_table('key_span', schema=None) as batch_op:
        batch_op.drop_column('part')
    with op.batch_alter_table('article', schema=None) as batch_op:
        batch_op.drop_column('notes_json')
    with op.batch_alter_table('article_set', schema=None) as batch_op:
        batch_op.drop_column('sources_json')
