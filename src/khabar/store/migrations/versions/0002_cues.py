"""The cues layer: reporting cues of each article in character offsets (before, packed in ``meta``).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # JSON [[family, start, end, source, anchor, [[start, end], ...], [start, end] | null], ...]; NULL for articles
    # stored before this layer existed (their cue positions were token indices in meta, which is now user data)
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("cues", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("cues")
