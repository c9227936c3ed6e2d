"""Initial schema: articles, entities, sources, events with arguments and quantities, times, quantities, full text.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _fk() -> sa.Column[Any]:
    return sa.Column("article_id", sa.Text, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)


def _geo() -> list[sa.Column[Any]]:
    return [
        sa.Column("geonameid", sa.Integer),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("country_code", sa.Text),
        sa.Column("admin1", sa.Text),
        sa.Column("geo_precision", sa.Text),
        sa.Column("geo_name", sa.Text),
        sa.Column("geo_feature", sa.Text),
        sa.Column("geo_inherited_from", sa.Text),
    ]


def _quantity() -> list[sa.Column[Any]]:
    return [
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("value", sa.Float),
        sa.Column("low", sa.Float),
        sa.Column("high", sa.Float),
        sa.Column("approx", sa.Boolean, nullable=False),
        sa.Column("of", sa.Text),
        sa.Column("unit", sa.Text),
    ]


def _version() -> sa.Column[Any]:
    return sa.Column("pipeline_version", sa.Text, nullable=False)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("content_hash", sa.Text, nullable=False, unique=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("headline_start", sa.Integer),
        sa.Column("headline_end", sa.Integer),
        sa.Column("sentences", sa.Text, nullable=False),
        sa.Column("layers", sa.Text, nullable=False),
        sa.Column("meta", sa.Text, nullable=False),
        sa.Column("origin", sa.Text),
        _version(),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_articles_published", "articles", ["published"])
    op.create_index("ix_articles_outlet", "articles", ["outlet"])
    op.create_index("ix_articles_pipeline_version", "articles", ["pipeline_version"])
    op.create_table(
        "entities",
        _fk(),
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("subtype", sa.Text),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("aliases", sa.Text, nullable=False),
        sa.Column("mentions", sa.Text, nullable=False),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("canonical", sa.Text),
        *_geo(),
        _version(),
    )
    op.create_table(
        "sources",
        _fk(),
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("category", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("cue", sa.Text),
        sa.Column("entity_id", sa.Text),
        sa.Column("parent_id", sa.Text),
        _version(),
    )
    op.create_table(
        "events",
        _fk(),
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("mode", sa.Text),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("evidence_start", sa.Integer, nullable=False),
        sa.Column("evidence_end", sa.Integer, nullable=False),
        sa.Column("source_id", sa.Text),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("date_text", sa.Text),
        sa.Column("date_start", sa.Integer),
        sa.Column("date_end", sa.Integer),
        sa.Column("date_value", sa.Text),
        sa.Column("date_precision", sa.Text),
        sa.Column("date_relative", sa.Boolean),
        sa.Column("date_calendar", sa.Text),
        sa.Column("day", sa.Text),
        _version(),
    )
    op.create_index("ix_events_type", "events", ["type"])
    op.create_index("ix_events_day", "events", ["day"])
    op.create_table(
        "event_arguments",
        _fk(),
        sa.Column("event_id", sa.Text, primary_key=True),
        sa.Column("role", sa.Text, primary_key=True),
        sa.Column("ordinal", sa.Integer, primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("norm", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("entity_id", sa.Text),
        *_geo(),
    )
    op.create_table(
        "event_quantities",
        _fk(),
        sa.Column("event_id", sa.Text, primary_key=True),
        sa.Column("ordinal", sa.Integer, primary_key=True),
        *_quantity(),
    )
    op.create_table(
        "times",
        _fk(),
        sa.Column("ordinal", sa.Integer, primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("value", sa.Text),
        sa.Column("precision", sa.Text),
        sa.Column("relative", sa.Boolean, nullable=False),
        sa.Column("calendar", sa.Text, nullable=False),
        _version(),
    )
    op.create_table(
        "quantities",
        _fk(),
        sa.Column("ordinal", sa.Integer, primary_key=True),
        *_quantity(),
        _version(),
    )
    # Full text over the article text normalized by khabar.arabic.normalize (the query side
    # normalizes the user's words the same way): FTS5 on SQLite, tsvector + GIN on PostgreSQL.
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE TABLE article_fts (article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,"
            " norm TEXT NOT NULL,"
            " tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', norm)) STORED)"
        )
        op.execute("CREATE INDEX ix_article_fts_tsv ON article_fts USING GIN (tsv)")
    else:
        op.execute("CREATE VIRTUAL TABLE article_fts USING fts5(article_id UNINDEXED, norm, tokenize='unicode61')")


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS article_fts")
    for name in ("quantities", "times", "event_quantities", "event_arguments", "events", "sources", "entities"):
        op.drop_table(name)
    op.drop_table("articles")
