"""Corroboration: copy groups of articles, the cluster of each event, and the cluster records.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _fk() -> sa.Column[str]:
    return sa.Column("article_id", sa.Text, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)


def upgrade() -> None:
    op.create_table(
        "article_copies",
        _fk(),
        sa.Column("rank", sa.Integer, nullable=False),
        sa.Column("copy_group", sa.Text, nullable=False),
        sa.Column("shingles", sa.Integer, nullable=False),
        sa.Column("signature", sa.LargeBinary, nullable=False),
    )
    op.create_index("ix_article_copies_group", "article_copies", ["copy_group"])
    op.create_table(
        "event_clusters",
        _fk(),
        sa.Column("event_id", sa.Text, primary_key=True),
        sa.Column("rank", sa.Integer, nullable=False),
        sa.Column("cluster_id", sa.Text, nullable=False),
        sa.Column("pipeline_version", sa.Text, nullable=False),
    )
    op.create_index("ix_event_clusters_cluster", "event_clusters", ["cluster_id"])
    op.create_table(
        "clusters",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("articles", sa.Integer, nullable=False),
        sa.Column("independent_sources", sa.Integer, nullable=False),
        sa.Column("named_sources", sa.Integer, nullable=False),
        sa.Column("anonymous_sources", sa.Integer, nullable=False),
        sa.Column("date_from", sa.Text),
        sa.Column("date_to", sa.Text),
        sa.Column("country_code", sa.Text),
        sa.Column("record", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_clusters_sources", "clusters", ["independent_sources"])
    op.create_index("ix_clusters_date_from", "clusters", ["date_from"])


def downgrade() -> None:
    op.drop_table("clusters")
    op.drop_table("event_clusters")
    op.drop_table("article_copies")
