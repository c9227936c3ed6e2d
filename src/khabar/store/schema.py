"""The database schema as SQLAlchemy tables (created by the Alembic migrations in ``migrations/``).

Every row has a deterministic key (article id + record id or ordinal), so two runs over the same
input build identical tables; only the ``ingested_at`` / ``updated_at`` timestamps differ.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
)

metadata = MetaData()


def _article_fk() -> Column[Any]:
    return Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)


def _geo_columns() -> list[Column[Any]]:
    return [
        Column("geonameid", Integer),
        Column("lat", Float),
        Column("lon", Float),
        Column("country_code", Text),
        Column("admin1", Text),
        Column("geo_precision", Text),  # not null exactly when the record has a Geo
        Column("geo_name", Text),
        Column("geo_feature", Text),
        Column("geo_inherited_from", Text),
    ]


def _quantity_columns() -> list[Column[Any]]:
    return [
        Column("text", Text, nullable=False),
        Column("start", Integer, nullable=False),
        Column("end", Integer, nullable=False),
        Column("value", Float),
        Column("low", Float),
        Column("high", Float),
        Column("approx", Boolean, nullable=False),
        Column("of", Text),
        Column("unit", Text),
        Column("period", Text),  # a toll over a period (migration 0003; null before)
    ]


articles = Table(
    "articles",
    metadata,
    Column("id", Text, primary_key=True),
    Column("content_hash", Text, nullable=False, unique=True),
    Column("text", Text, nullable=False),
    Column("title", Text),
    Column("published", Text),  # ISO date YYYY-MM-DD
    Column("outlet", Text),
    Column("url", Text),
    Column("headline_start", Integer),
    Column("headline_end", Integer),
    Column("sentences", Text, nullable=False),  # JSON [[start, end, headline], ...]
    Column("layers", Text, nullable=False),  # JSON sorted list of layer names
    Column("meta", Text, nullable=False),  # JSON [[key, value], ...]
    Column("cues", Text),  # JSON, see migration 0002; NULL when the article has no cues layer
    Column("origin", Text),  # where it was read from: file, line, feed entry, URL
    Column("pipeline_version", Text, nullable=False),
    Column("ingested_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)

entities = Table(
    "entities",
    metadata,
    _article_fk(),
    Column("id", Text, primary_key=True),
    Column("seq", Integer, nullable=False),  # position in the document's layer
    Column("text", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("subtype", Text),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("aliases", Text, nullable=False),  # JSON list
    Column("mentions", Text, nullable=False),  # JSON [[start, end], ...]
    Column("origin", Text, nullable=False),
    Column("canonical", Text),
    *_geo_columns(),
    Column("pipeline_version", Text, nullable=False),
)

sources = Table(
    "sources",
    metadata,
    _article_fk(),
    Column("id", Text, primary_key=True),
    Column("seq", Integer, nullable=False),  # position in the document's layer
    Column("text", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("category", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("cue", Text),
    Column("entity_id", Text),
    Column("parent_id", Text),
    Column("pipeline_version", Text, nullable=False),
)

events = Table(
    "events",
    metadata,
    _article_fk(),
    Column("id", Text, primary_key=True),
    Column("seq", Integer, nullable=False),  # position in the document's layer
    Column("type", Text, nullable=False),
    Column("mode", Text),
    Column("status", Text, nullable=False),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("source_id", Text),
    Column("confidence", Float, nullable=False),
    Column("date_text", Text),  # not null exactly when the event has a date
    Column("date_start", Integer),
    Column("date_end", Integer),
    Column("date_value", Text),
    Column("date_precision", Text),
    Column("date_relative", Boolean),
    Column("date_calendar", Text),
    Column("day", Text),  # effective date for filtering: first day of the event date, else publication
    Column("pipeline_version", Text, nullable=False),
)

event_arguments = Table(
    "event_arguments",
    metadata,
    _article_fk(),
    Column("event_id", Text, primary_key=True),
    Column("role", Text, primary_key=True),  # trigger | actor | target | place
    Column("ordinal", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    Column("norm", Text, nullable=False),  # text normalized by khabar.arabic.normalize, for filters
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("entity_id", Text),
    *_geo_columns(),
)

event_quantities = Table(
    "event_quantities",
    metadata,
    _article_fk(),
    Column("event_id", Text, primary_key=True),
    Column("ordinal", Integer, primary_key=True),
    *_quantity_columns(),
)

event_counts = Table(
    "event_counts",
    metadata,
    _article_fk(),
    Column("event_id", Text, primary_key=True),
    Column("ordinal", Integer, primary_key=True),
    Column("kind", Text, nullable=False),  # killed | injured | arrested | displaced | participants | other
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("value", Float),
    Column("low", Float),
    Column("high", Float),
    Column("approx", Boolean, nullable=False),
    Column("of", Text),
    Column("unit", Text),
    Column("source_id", Text),
    Column("part", Boolean, nullable=False),
)

times = Table(
    "times",
    metadata,
    _article_fk(),
    Column("ordinal", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("value", Text),
    Column("precision", Text),
    Column("relative", Boolean, nullable=False),
    Column("calendar", Text, nullable=False),
    Column("pipeline_version", Text, nullable=False),
)

quantities = Table(
    "quantities",
    metadata,
    _article_fk(),
    Column("ordinal", Integer, primary_key=True),
    *_quantity_columns(),
    Column("pipeline_version", Text, nullable=False),
)

# Child tables in the order they are deleted and rewritten when an article is reprocessed.
CHILD_TABLES = (event_counts, event_quantities, event_arguments, events, sources, entities, times, quantities)
# Every table whose rows a canonical dump compares (the full-text index is derived from articles).
ALL_TABLES = (articles, entities, sources, events, event_arguments, event_quantities, event_counts, times,
              quantities)

Index("ix_articles_published", articles.c.published)
Index("ix_articles_outlet", articles.c.outlet)
Index("ix_articles_pipeline_version", articles.c.pipeline_version)
Index("ix_events_type", events.c.type)
Index("ix_events_day", events.c.day)

# Corroboration (migration 0004; written by ``khabar corroborate``, never by ``save``): each article's copy group
# with its MinHash signature, each event's cluster, and each cluster's record (JSON, schema khabar/cluster-1).
article_copies = Table(
    "article_copies",
    metadata,
    _article_fk(),
    Column("rank", Integer, nullable=False),  # order the copy index saw the article in
    Column("copy_group", Text, nullable=False),
    Column("shingles", Integer, nullable=False),
    Column("signature", LargeBinary, nullable=False),  # 128 little-endian uint64 MinHash values
)

event_clusters = Table(
    "event_clusters",
    metadata,
    _article_fk(),
    Column("event_id", Text, primary_key=True),
    Column("rank", Integer, nullable=False),  # order the clusterer placed the event in
    Column("cluster_id", Text, nullable=False),
    Column("pipeline_version", Text, nullable=False),  # of the article when placed: stale rows are re-placed
)

clusters = Table(
    "clusters",
    metadata,
    Column("id", Text, primary_key=True),
    Column("type", Text, nullable=False),
    Column("articles", Integer, nullable=False),
    Column("independent_sources", Integer, nullable=False),
    Column("named_sources", Integer, nullable=False),
    Column("anonymous_sources", Integer, nullable=False),
    Column("date_from", Text),
    Column("date_to", Text),
    Column("country_code", Text),
    Column("record", Text, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)

Index("ix_article_copies_group", article_copies.c.copy_group)
Index("ix_event_clusters_cluster", event_clusters.c.cluster_id)
Index("ix_clusters_sources", clusters.c.independent_sources)
Index("ix_clusters_date_from", clusters.c.date_from)
