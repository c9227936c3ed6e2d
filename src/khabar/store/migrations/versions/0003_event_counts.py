"""Typed counts on events (killed, injured, arrested …) and the period of a toll that covers a whole war or year.

Revision ID: 0003
Revises: 0002

Articles stored before this revision keep loading: their events have no counts and their quantities no
period until they are extracted again (``khabar ingest --reprocess``: the data files changed, so the
pipeline version did too).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("quantities", "event_quantities"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("period", sa.Text, nullable=True))
    op.create_table(
        "event_counts",
        sa.Column("article_id", sa.Text, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("event_id", sa.Text, primary_key=True),
        sa.Column("ordinal", sa.Integer, primary_key=True),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("value", sa.Float),
        sa.Column("low", sa.Float),
        sa.Column("high", sa.Float),
        sa.Column("approx", sa.Boolean, nullable=False),
        sa.Column("of", sa.Text),
        sa.Column("unit", sa.Text),
        sa.Column("source_id", sa.Text),
        sa.Column("part", sa.Boolean, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("event_counts")
    for table in ("event_quantities", "quantities"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("period")
